#!/usr/bin/env python3
"""A one-shot job, such as a database migration: the "migrate" of Lifeline's app tests.

Usage (stdlib only, any python3 >= 3.8)::

    python3 job.py [--delay SECONDS] [--exit-code N] [--marker FILE] [--name NAME] [--port N]

- Prints a few lines (``job starting ...``, ``job: applying migration N of 3``), sleeps ``--delay`` seconds
  (default 0), prints ``job done (exit code N)`` and exits with ``--exit-code`` (default 0; a non-zero code also
  prints ``job: failed ...`` on stderr). Every line is flushed at once.
- ``--marker FILE``: appends ``<name> <event> <time.time()>`` to FILE for the events ``started`` and ``done`` (one
  write per line, so several processes can share the file; ``done`` whatever the exit code), ``--name``
  defaulting to ``job``.
- SIGTERM or SIGINT before it is done: prints ``job stopped before it was done`` and exits 143 (128 + SIGTERM), as
  an interrupted job that did not complete; no ``done`` marker. It also stops that way when its stdin reaches
  end-of-file (``LIFELINE_EXIT_ON_STDIN_EOF`` true, or unset and ``LIFELINE_RUN`` true), as the fixture does.
- ``--port N`` is accepted and ignored (a config may pass ``{port}`` to every backend).
- A bad argument prints one line ``job: ...`` on stderr and exits 2.
"""

import argparse
import os
import signal
import sys
from typing import List

from fixture_tie import (USAGE_EXIT, Marker, OneLineParser, StopSignal, complain, say, seconds,
                         tie_to_lifeline)

STOPPED_EXIT = 143
STEPS = 3


def exit_code(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError("'%s' is not an integer" % raw)
    if not 0 <= value <= 255:
        raise argparse.ArgumentTypeError("'%s' must be an exit code from 0 to 255" % raw)
    return value


def parse(argv: List[str]) -> argparse.Namespace:
    parser = OneLineParser(prog="job", description="A one-shot job (a migration) that exits when done.")
    parser.add_argument("--delay", type=seconds, default=0.0, help="seconds of work (default 0)")
    parser.add_argument("--exit-code", type=exit_code, default=0, help="exit code when done (default 0)")
    parser.add_argument("--marker", metavar="FILE", help="append '<name> <event> <time>' lines to FILE")
    parser.add_argument("--name", default="job", help="the name in marker lines (default job)")
    parser.add_argument("--port", type=int, help="accepted and ignored")
    args = parser.parse_args(argv)
    if not args.name or any(c.isspace() for c in args.name):
        parser.error("--name must be one word")
    return args


def main(argv: List[str]) -> int:
    args = parse(argv)
    marker = Marker(args.marker, args.name, "job")
    stopper = StopSignal()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda n, _frame: stopper.stop("got %s" % signal.Signals(n).name))
    tie_to_lifeline(stopper, "job", parent_too=False)

    if not marker.write("started"):
        return USAGE_EXIT
    say("job starting (pid %d, %d steps in %gs)" % (os.getpid(), STEPS, args.delay))
    for step in range(1, STEPS + 1):
        say("job: applying migration %d of %d" % (step, STEPS))
        if stopper.wait(args.delay / STEPS):
            say("job: %s" % stopper.reason)
            say("job stopped before it was done")
            return STOPPED_EXIT
    if args.exit_code != 0:
        complain("job: failed on purpose (--exit-code %d)" % args.exit_code)
    marker.write("done")
    say("job done (exit code %d)" % args.exit_code)
    return args.exit_code


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
