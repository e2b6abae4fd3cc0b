#!/usr/bin/env python3
"""Serves a folder on 127.0.0.1 the way GitHub Pages would: static files, wasm with its MIME
type, no caching; `/` leads to the app's sub-path when the folder has no index.html of its
own. Used by `make serve`, the Playwright tests and the benchmarks.

usage: serve_static.py ROOT PORT
"""
import http.server
import sys
from functools import partial
from pathlib import Path

# The GitHub Pages sub-path scripts/build-site.sh lays the app out under.
APP = "vpc-playground"


class Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".wasm": "application/wasm",
        ".js": "text/javascript",
        ".json": "application/json",
        ".svg": "image/svg+xml",
    }

    def to_app(self):
        """Redirects `/` to the app when the folder has no page of its own there."""
        if self.path != "/" or Path(self.directory, "index.html").exists():
            return False
        if not Path(self.directory, APP).is_dir():
            return False
        self.send_response(302)
        self.send_header("Location", f"/{APP}/")
        self.end_headers()
        return True

    def do_GET(self):
        if not self.to_app():
            super().do_GET()

    def do_HEAD(self):
        if not self.to_app():
            super().do_HEAD()

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def log_message(self, *args):
        pass


def main():
    root, port = sys.argv[1], int(sys.argv[2])
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), partial(Handler, directory=root))
    server.serve_forever()


if __name__ == "__main__":
    main()
