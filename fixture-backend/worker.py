#!/usr/bin/env python3
"""A background worker with no HTTP at all, ready by a line: the "worker" of Lifeline's app tests.

Usage (stdlib only, any python3 >= 3.8)::

    python3 worker.py [--delay SECONDS] [--crash | --crash-after SECONDS]
                      [--marker FILE] [--name NAME] [--port N]

- Prints ``worker starting ...``, waits ``--delay`` seconds (default 0), prints the line ``worker ready``, then
  ``worker heartbeat N`` every second. Every line is flushed at once.
- SIGTERM or SIGINT: prints ``worker stopping`` and exits 0 (also during the delay).
- ``--crash``: instead of getting ready (after the delay), prints ``worker: simulated crash before ready`` on stderr
  and exits 3. ``--crash-after S``: the same, S seconds after ``worker ready``.
- ``--marker FILE``: appends ``<name> <event> <time.time()>`` to FILE for the events ``started``, ``ready`` and
  ``stopping`` (one write per line, so several processes can share the file), ``--name`` defaulting to ``worker``.
- ``--port N`` is accepted and ignored (a config may pass ``{port}`` to every backend).
- Stays tied to Lifeline like the fixture (backend contract, "Staying tied to Lifeline"): reads stdin and stops on
  end-of-file when ``LIFELINE_EXIT_ON_STDIN_EOF`` is true (when unset: when ``LIFELINE_RUN`` is true), and stops when
  the process in ``LIFELINE_PARENT_PID`` is gone; then it prints ``worker stopping`` and exits 0 too.
- A bad argument prints one line ``worker: ...`` on stderr and exits 2.
"""

import argparse
import os
import signal
import sys
import time
from typing import List

from fixture_tie import (USAGE_EXIT, Marker, OneLineParser, StopSignal, complain, say, seconds,
                         tie_to_lifeline)

CRASH_EXIT = 3


def parse(argv: List[str]) -> argparse.Namespace:
    parser = OneLineParser(prog="worker", description="A background worker with no HTTP, ready by a line.")
    parser.add_argument("--delay", type=seconds, default=0.0, help="seconds before 'worker ready' (default 0)")
    crash = parser.add_mutually_exclusive_group()
    crash.add_argument("--crash", action="store_true", help="exit 3 instead of getting ready")
    crash.add_argument("--crash-after", type=seconds, metavar="SECONDS", help="exit 3 this long after ready")
    parser.add_argument("--marker", metavar="FILE", help="append '<name> <event> <time>' lines to FILE")
    parser.add_argument("--name", default="worker", help="the name in marker lines (default worker)")
    parser.add_argument("--port", type=int, help="accepted and ignored")
    args = parser.parse_args(argv)
    if not args.name or any(c.isspace() for c in args.name):
        parser.error("--name must be one word")
    return args


def stop(marker: Marker, reason: str) -> int:
    say("worker: %s" % reason)
    marker.write("stopping")
    say("worker stopping")
    return 0


def main(argv: List[str]) -> int:
    args = parse(argv)
    marker = Marker(args.marker, args.name, "worker")
    stopper = StopSignal()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda n, _frame: stopper.stop("got %s" % signal.Signals(n).name))
    tie_to_lifeline(stopper, "worker")

    if not marker.write("started"):
        return USAGE_EXIT
    say("worker starting (pid %d, ready in %gs)" % (os.getpid(), args.delay))
    if stopper.wait(args.delay):
        return stop(marker, stopper.reason or "asked to stop")
    if args.crash:
        complain("worker: simulated crash before ready (--crash)")
        return CRASH_EXIT

    marker.write("ready")
    say("worker ready")
    ready_at = time.monotonic()
    crash_at = None if args.crash_after is None else ready_at + args.crash_after
    beats = 0
    while True:
        next_beat = ready_at + beats + 1
        wake = next_beat if crash_at is None else min(next_beat, crash_at)
        if stopper.wait(wake - time.monotonic()):
            return stop(marker, stopper.reason or "asked to stop")
        now = time.monotonic()
        if crash_at is not None and now >= crash_at:
            complain("worker: simulated crash %gs after ready (--crash-after)" % args.crash_after)
            return CRASH_EXIT
        if now >= next_beat:
            beats += 1
            say("worker heartbeat %d" % beats)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
