#!/usr/bin/env python3
"""Where the wasm's size goes, by crate: `twiggy top`'s question, answered offline.

Reads a wasm module that still has its `name` section (cargo's own output,
target/wasm32-unknown-unknown/release/vpc-playground.wasm, before wasm-bindgen and wasm-opt),
adds up each function body's size in the code section under the crate its (demangled) name
starts with, and prints the heaviest crates and functions. The sizes are before wasm-opt,
so read them as shares, not as the shipped bytes.

    scripts/wasm-weights.py [WASM] [--top N]
"""
import re
import sys
from collections import Counter


def leb(d, i):
    r = s = 0
    while True:
        b = d[i]
        i += 1
        r |= (b & 0x7F) << s
        s += 7
        if b < 0x80:
            return r, i


def sections(d):
    i = 8
    while i < len(d):
        sid = d[i]
        n, i = leb(d, i + 1)
        yield sid, d[i:i + n]
        i += n


def imported_functions(body):
    count, i = leb(body, 0)
    funcs = 0
    for _ in range(count):
        for _ in range(2):  # module and field names
            n, i = leb(body, i)
            i += n
        kind = body[i]
        i += 1
        if kind == 0:  # function: type index
            _, i = leb(body, i)
            funcs += 1
        elif kind == 1:  # table: reftype, limits
            i += 1
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 2:  # memory: limits
            flags, i = leb(body, i)
            _, i = leb(body, i)
            if flags & 1:
                _, i = leb(body, i)
        elif kind == 3:  # global: valtype, mutability
            i += 2
        else:
            i += 1
    return funcs


def body_sizes(body):
    count, i = leb(body, 0)
    out = []
    for _ in range(count):
        n, i = leb(body, i)
        out.append(n)
        i += n
    return out


def function_names(body):
    names = {}
    i = 0
    while i < len(body):
        sub = body[i]
        n, i = leb(body, i + 1)
        if sub == 1:
            j = i
            count, j = leb(body, j)
            for _ in range(count):
                idx, j = leb(body, j)
                ln, j = leb(body, j)
                names[idx] = body[j:j + ln].decode("utf-8", "replace")
                j += ln
        i += n
    return names


LEGACY = [("$LT$", "<"), ("$GT$", ">"), ("$u20$", " "), ("$RF$", "&"), ("$BP$", "*"),
          ("$C$", ","), ("$u7b$", "{"), ("$u7d$", "}"), ("$u5b$", "["), ("$u5d$", "]"), ("..", "::")]


def crate_of(name):
    """The crate a (possibly mangled) Rust symbol belongs to. For a trait impl
    `<Type as Trait>::f`, the type's crate when the type is a path, else the trait's."""
    if name.startswith("__wbindgen_describe"):
        return "(wasm-bindgen descriptors: removed by wasm-bindgen)"
    m = re.match(r"_R.*?Cs[0-9A-Za-z]*_(\d+)", name)
    if m:  # v0 mangling: the first crate root (Cs<disambiguator>_<len><name>)
        n = int(m.group(1))
        return name[m.end():m.end() + n]
    m = re.match(r"_ZN(\d+)", name)
    if m:  # legacy mangling: _ZN <len><ident> ...
        n = int(m.group(1))
        first = name[m.end():m.end() + n]
        for a, b in LEGACY:
            first = first.replace(a, b)
        name = first + "::"
    name = name.lstrip("_")
    t = re.match(r"<[&*]*(?:mut |const |dyn )?([A-Za-z_][A-Za-z0-9_]*)(::)?[^ ]* as [&*]*([A-Za-z_][A-Za-z0-9_]*)", name)
    if t:
        return t.group(1) if t.group(2) else t.group(3)
    m = re.match(r"[<&*( ]*(?:dyn |impl )?([A-Za-z_][A-Za-z0-9_]*)::", name)
    if m:
        return m.group(1)
    return "(other)"


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    top = 15
    if "--top" in sys.argv:
        top = int(sys.argv[sys.argv.index("--top") + 1])
        args = [a for a in args if a != str(top)]
    path = args[0] if args else "target/wasm32-unknown-unknown/release/vpc-playground.wasm"
    d = open(path, "rb").read()
    imports, sizes, names = 0, [], {}
    for sid, body in sections(d):
        if sid == 2:
            imports = imported_functions(body)
        elif sid == 10:
            sizes = body_sizes(body)
        elif sid == 0:
            n, j = leb(body, 0)
            if body[j:j + n] == b"name":
                names = function_names(body[j + n:])
    if not names:
        sys.exit(f"wasm-weights: {path} has no name section")
    by_crate, by_fn = Counter(), Counter()
    for k, size in enumerate(sizes):
        name = names.get(imports + k, f"function[{imports + k}]")
        by_crate[crate_of(name)] += size
        by_fn[re.sub(r"::h[0-9a-f]{16}$", "", name)] += size
    total = sum(sizes)
    print(f"code section: {total:,} B in {len(sizes):,} functions (before wasm-opt)")
    print(f"{'crate':<28} {'bytes':>10} {'share':>6}")
    for crate, size in by_crate.most_common(top):
        print(f"{crate:<28} {size:>10,} {100 * size / total:>5.1f}%")
    print("heaviest functions:")
    for name, size in by_fn.most_common(top):
        print(f"{size:>9,}  {name[:110]}")


if __name__ == "__main__":
    main()
