#!/usr/bin/env python3
"""The budget table of BENCHMARKS.md, from what `make bench` just measured.

Reads the release wasm (raw and brotli size), target/bench-startup.json,
target/bench-frames.json, target/bench-longtasks.json, criterion's estimates under target/criterion/ (median point
estimates) and the WASM engine run (target/bench-wasm.txt, `name value unit` lines), and
prints one markdown table: measurement, result, the target (issue 17's, on the way to
issue 7's budget, which stays the goal), met or not. Start-up figures are compared with the
baseline page measured in the same run.

    scripts/bench-summary.py SITE_DIR
"""
import glob
import json
import os
import subprocess
import sys

LPM_LOOKUPS = 68  # destinations per iteration of the LPM benches (lpm_destinations)


def crit(path):
    """Median of a criterion benchmark, in nanoseconds."""
    f = os.path.join("target/criterion", path, "new/estimates.json")
    try:
        return json.load(open(f))["median"]["point_estimate"]
    except (OSError, KeyError, ValueError):
        return None


def wasm_results():
    out = {}
    try:
        for line in open("target/bench-wasm.txt"):
            parts = line.split()
            if len(parts) == 3:
                name, value, unit = parts
                scale = {"ns": 1, "us": 1e3, "ms": 1e6, "s": 1e9}.get(unit)
                if scale:
                    out[name] = float(value) * scale
    except OSError:
        pass
    return out


def ns(v):
    if v is None:
        return "not measured"
    if v < 1e3:
        return f"{v:.0f} ns"
    if v < 1e6:
        return f"{v / 1e3:.1f} µs"
    if v < 1e9:
        return f"{v / 1e6:.2f} ms"
    return f"{v / 1e9:.2f} s"


def met(v, budget):
    return "–" if v is None else ("yes" if v <= budget else "**no**")


def main():
    site = sys.argv[1] if len(sys.argv) > 1 else "target/site/vpc-playground"
    rows = []
    # The app's wasm (the engine worker's, loaded on demand, is reported by size-report.sh).
    wasm = sorted(glob.glob(os.path.join(site, "vpc-playground-*_bg.wasm")))
    brotli = lambda f: len(subprocess.run(["brotli", "-q", "11", "-c", f], capture_output=True).stdout)
    if wasm:
        raw = os.path.getsize(wasm[0])
        br = brotli(wasm[0])
        rows.append(("wasm, raw (budget 400 KiB)", f"{raw:,} B", "≤ 700 KiB", met(raw, 700 * 1024)))
        rows.append(("wasm, brotli (budget 120 KiB)", f"{br:,} B", "≤ 200 KiB", met(br, 200 * 1024)))
    # The viewer's (embed.html, what an embedded lesson downloads instead of the app's).
    viewer = sorted(glob.glob(os.path.join(site, "vpc-viewer-*_bg.wasm")))
    if viewer:
        raw = os.path.getsize(viewer[0])
        br = brotli(viewer[0])
        rows.append(("viewer wasm (embeds), raw / brotli", f"{raw:,} B / {br:,} B", "≤ 200 KiB brotli", met(br, 200 * 1024)))
    try:
        st = json.load(open("target/bench-startup.json"))
        fp, bfp = st["first_paint_ms"], st["baseline_first_paint_ms"]
        ft, br_ = st["first_trace_ms"], st["baseline_ready_ms"]
        rows.append(("first paint (the loading screen), median of cold loads",
                     f"{fp:.0f} ms (baseline page {bfp:.0f} ms: {fp / bfp:.1f}×)",
                     "≤ 2× baseline", met(fp, 2 * bfp)))
        if "diagram_painted_ms" in st:
            dp, bdp = st["diagram_painted_ms"], st["baseline_painted_ms"]
            rows.append(("first paint of the lesson's diagram (the frame after it is drawn)",
                         f"{dp:.0f} ms (baseline page's, measured alike, {bdp:.0f} ms: {dp / bdp:.1f}×)",
                         "≤ 2× baseline", met(dp, 2 * bdp)))
        rows.append(("first trace of the lesson shown",
                     f"{ft:.0f} ms (baseline ready {br_:.0f} ms: {ft / br_:.1f}×)",
                     "≤ 3× baseline ready", met(ft, 3 * br_)))
        if "viewer_first_paint_ms" in st:
            vp, vt = st["viewer_first_paint_ms"], st["viewer_first_trace_ms"]
            rows.append(("first paint of an embedded lesson (the viewer, from a share link)",
                         f"{vp:.0f} ms ({vp / bfp:.1f}× the baseline page)",
                         "≤ 2× baseline", met(vp, 2 * bfp)))
            if "viewer_diagram_painted_ms" in st:
                vdp = st["viewer_diagram_painted_ms"]
                rows.append(("first paint of an embedded lesson's diagram",
                             f"{vdp:.0f} ms ({vdp / bdp:.1f}× the baseline page's)",
                             "≤ 2× baseline", met(vdp, 2 * bdp)))
            rows.append(("first trace of an embedded lesson shown",
                         f"{vt:.0f} ms ({vt / br_:.1f}× the baseline's ready)",
                         "≤ 3× baseline ready", met(vt, 3 * br_)))
    except (OSError, KeyError, ValueError, ZeroDivisionError):
        pass
    try:
        fr = json.load(open("target/bench-frames.json"))
        rows.append(("frame work, 200 VPCs (median / p95)", f"{fr['median_ms']:.2f} / {fr['p95_ms']:.2f} ms over {fr['frames']} frames",
                     "≤ 4 ms median", met(fr["median_ms"], 4)))
    except (OSError, KeyError, ValueError):
        pass
    try:
        lt = json.load(open("target/bench-longtasks.json"))
        names = {"matrix_500_hosts": "reachability matrix, 500 hosts",
                 "upgrade_preview_500_hosts": "upgrade preview, 500 hosts (two matrices)",
                 "aws_import": "AWS import (tests/aws-export account)",
                 "load_500_hosts": "load of a 500-host scenario file",
                 "undo_500_hosts": "Undo of that load (back to the AWS account's scenario)",
                 "redo_500_hosts": "Redo of that load",
                 "load_500_hosts_fresh_page": "same load as the first thing on a fresh page (longest of 3)"}
        for key, label in names.items():
            m = lt.get(key)
            if m:
                rows.append((f"longest main-thread task during the {label}",
                             f"{m['longest_ms']:.0f} ms ({m['long_tasks']} tasks over 50 ms in {m['wall_ms']:,} ms)",
                             "≤ 50 ms", met(m["longest_ms"], 50)))
    except (OSError, KeyError, ValueError):
        pass
    w = wasm_results()
    per = lambda v: None if v is None else v / LPM_LOOKUPS
    lpm = per(crit("lpm_104-routes/precomputed-winner"))
    scan = per(crit("lpm_104-routes/lookup"))
    naive = per(crit("lpm_104-routes/naive"))
    rows.append(("LPM, native (precomputed table, winner)",
                 f"{ns(lpm)} (full lookup with every match {ns(per(crit('lpm_104-routes/precomputed-lookup')))}; scan {ns(scan)}; naive {ns(naive)})",
                 "≤ 50 ns", met(lpm, 50)))
    lw = w.get("lpm/104-routes/precomputed-winner")
    rows.append(("LPM, WASM (winner)", f"{ns(lw)} ({lw / lpm:.1f}× native)" if lw and lpm else ns(lw),
                 "≤ 2× native", "–" if not (lw and lpm) else met(lw, 2 * lpm)))
    cases = ["neighbour", "transitive", "on-prem", "s3-endpoint"]
    one = [crit(f"trace_1000-vpcs-100-routes/{c}") for c in cases]
    one = [v for v in one if v is not None]
    if one:
        rows.append(("one trace, 1,000 VPCs, native (slowest of 4)", ns(max(one)), "≤ 1 ms", met(max(one), 1e6)))
    onew = [w[k] for k in w if k.startswith("trace/1000-vpcs")]
    if onew:
        rows.append(("one trace, 1,000 VPCs, WASM (slowest of 4)", ns(max(onew)), "≤ 1 ms", met(max(onew), 1e6)))
    r = crit("reach/500-hosts")
    rows.append(("reachability, 500 hosts, native", ns(r), "–", "–"))
    rw = w.get("reach/500-hosts")
    rows.append(("reachability, 500 hosts, WASM", ns(rw), "≤ 1 s", met(rw, 1e9)))
    rw2 = w.get("reach/500-hosts-format-2")
    if rw2:
        rows.append(("reachability, 500 hosts with format 2's filters, WASM",
                     f"{ns(rw2)} ({rw2 / rw:.1f}× format 1)" if rw else ns(rw2), "≤ 1 s", met(rw2, 1e9)))
    rwt = w.get("reach/500-hosts-50-vpcs-tgw")
    if rwt:
        rows.append(("reachability, 500 hosts across 50 VPCs on one transit gateway, WASM",
                     f"{ns(rwt)} ({rwt / rw:.1f}× format 1)" if rw else ns(rwt), "recorded", "–"))
    print("| measurement | result | target | met |")
    print("| --- | --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
