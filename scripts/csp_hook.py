#!/usr/bin/env python3
"""Trunk post-build hook: pins the Content-Security-Policy to the exact inline loader script.

Trunk writes a small inline `<script type="module">` that loads the wasm; its text names
hashed file names, so its hash changes with every build. index.html carries the policy with
the placeholder 'inline-loader-hash'; this hook replaces it by the sha256 of each inline
script in the staged index.html, so the policy allows that loader and no other inline code.
"""
import base64
import hashlib
import os
import re
import sys

PLACEHOLDER = "'inline-loader-hash'"


def main() -> int:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        print("csp_hook: TRUNK_STAGING_DIR is not set (run by trunk)", file=sys.stderr)
        return 1
    path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()
    if PLACEHOLDER not in html:
        print("csp_hook: no CSP placeholder in index.html", file=sys.stderr)
        return 1
    inline = re.findall(r"<script(?![^>]*\bsrc=)[^>]*>(.*?)</script>", html, flags=re.S)
    hashes = " ".join(
        "'sha256-%s'" % base64.b64encode(hashlib.sha256(s.encode("utf-8")).digest()).decode()
        for s in inline
    )
    with open(path, "w", encoding="utf-8") as f:
        f.write(html.replace(PLACEHOLDER, hashes))
    return 0


if __name__ == "__main__":
    sys.exit(main())
