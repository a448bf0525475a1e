#!/usr/bin/env python3
"""A backend that floods its stdout, for StartupBenchmark's output-flood figure.

    python flood.py --port P --seconds N --report FILE [--host 127.0.0.1]

Serves GET /health (200, {"status":"healthy"}) on host:port from a thread, then writes 100-byte lines
("flood <10-digit sequence number> <padding>\\n", numbered from 0) to stdout as fast as it can for N seconds,
through its own 64 KiB buffer (PYTHONUNBUFFERED, which Lifeline sets, would make every line a write), and
then writes FILE (atomically, JSON): lines, seconds, rate (lines/s), health_requests (GET /health answered so
far). It keeps serving /health until it is killed. Nothing else goes to stdout: no access log.
"""

import argparse
import json
import os
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

LINE_BYTES = 100
PREFIX_BYTES = len(b"flood 0000000000 ")
PADDING = b"x" * (LINE_BYTES - PREFIX_BYTES - 1)
BATCH = 1000

health_requests = 0
health_lock = threading.Lock()


class Health(BaseHTTPRequestHandler):
    def do_GET(self):
        global health_requests
        if self.path.split("?", 1)[0] != "/health":
            self.send_error(404)
            return
        with health_lock:
            health_requests += 1
        body = b'{"status":"healthy"}'
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass  # the flood's lines are the only output


def flood(out, seconds):
    lines = 0
    start = time.monotonic()
    deadline = start + seconds
    while time.monotonic() < deadline:
        out.write(b"".join(b"flood %010d %s\n" % (lines + i, PADDING) for i in range(BATCH)))
        lines += BATCH
    out.flush()
    return lines, time.monotonic() - start


def write_report(path, lines, seconds):
    with health_lock:
        answered = health_requests
    report = {"lines": lines, "seconds": seconds, "rate": lines / seconds, "health_requests": answered}
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(report, f)
    os.replace(tmp, path)


def main():
    p = argparse.ArgumentParser(prog="flood.py")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--seconds", type=float, required=True)
    p.add_argument("--report", required=True)
    args = p.parse_args()

    server = ThreadingHTTPServer((args.host, args.port), Health)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="health", daemon=True).start()

    out = open(sys.stdout.fileno(), "wb", buffering=64 * 1024, closefd=False)
    lines, seconds = flood(out, args.seconds)
    write_report(args.report, lines, seconds)
    threading.Event().wait()  # keep serving /health until killed


if __name__ == "__main__":
    sys.exit(main())
