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
import math
import os
import select
import signal
import socket
import sys
import threading
import time
from typing import List, Optional

USAGE_EXIT = 2
STOPPED_EXIT = 143
STEPS = 3


def say(line: str) -> None:
    print(line, flush=True)


def complain(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class OneLineParser(argparse.ArgumentParser):
    """argparse, but a bad argument is one line on stderr and exit 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        complain("%s: %s (usage: %s)" % (self.prog, message, " ".join(self.format_usage().split()[1:])))
        sys.exit(USAGE_EXIT)


def seconds(raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise argparse.ArgumentTypeError("'%s' is not a number of seconds" % raw)
    if not math.isfinite(value) or value < 0:
        raise argparse.ArgumentTypeError("'%s' must be a number of seconds >= 0" % raw)
    return value


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


class Marker:
    """Appends '<name> <event> <time.time()>' lines to a file, one write each."""

    def __init__(self, path: Optional[str], name: str) -> None:
        self.path = path
        self.name = name

    def write(self, event: str) -> bool:
        if self.path is None:
            return True
        line = ("%s %s %.6f\n" % (self.name, event, time.time())).encode("utf-8")
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
            try:
                os.write(fd, line)
            finally:
                os.close(fd)
            return True
        except OSError as e:
            complain("job: cannot write marker file %s: %s" % (self.path, e.strerror or e))
            return False


class StopSignal:
    """Wakes the sleep from a signal handler or the stdin watcher; the first reason wins."""

    def __init__(self) -> None:
        self._read, self._write = socket.socketpair()
        self._read.setblocking(False)
        self._write.setblocking(False)
        self.reason = None  # type: Optional[str]

    def stop(self, reason: str) -> None:
        if self.reason is None:
            self.reason = reason
        try:
            self._write.send(b"x")
        except OSError:
            pass

    def wait(self, timeout: float) -> bool:
        if self.reason is None and timeout > 0:
            select.select([self._read], [], [], timeout)
        return self.reason is not None


def watches_stdin() -> bool:
    def flag(name: str) -> Optional[bool]:
        raw = os.environ.get(name, "").strip().lower()
        return True if raw in ("true", "1", "yes") else False if raw in ("false", "0", "no") else None

    explicit = flag("LIFELINE_EXIT_ON_STDIN_EOF")
    return bool(explicit) if explicit is not None else bool(flag("LIFELINE_RUN"))


def watch_stdin(stopper: StopSignal) -> None:
    def run() -> None:
        try:
            fd = sys.stdin.fileno()
            while os.read(fd, 65536):
                pass
        except (OSError, ValueError, AttributeError):
            pass
        stopper.stop("stdin closed: parent is gone")

    threading.Thread(target=run, name="stdin-watcher", daemon=True).start()


def main(argv: List[str]) -> int:
    args = parse(argv)
    marker = Marker(args.marker, args.name)
    stopper = StopSignal()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda n, _frame: stopper.stop("got %s" % signal.Signals(n).name))
    if watches_stdin():
        watch_stdin(stopper)

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
