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
import math
import os
import select
import signal
import socket
import sys
import threading
import time
from typing import List, Optional

CRASH_EXIT = 3
USAGE_EXIT = 2
PARENT_POLL_SECONDS = 0.2


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
            complain("worker: cannot write marker file %s: %s" % (self.path, e.strerror or e))
            return False


class StopSignal:
    """Wakes the main loop from a signal handler or a watcher thread; the first reason wins."""

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
            pass  # already woken: the socket buffer is full

    def wait(self, timeout: float) -> bool:
        """Waits up to timeout seconds; True when asked to stop."""
        if self.reason is None and timeout > 0:
            select.select([self._read], [], [], timeout)
        return self.reason is not None


def env_flag(name: str) -> Optional[bool]:
    raw = os.environ.get(name, "").strip().lower()
    if raw in ("true", "1", "yes"):
        return True
    if raw in ("false", "0", "no"):
        return False
    return None


def watch_stdin(stopper: StopSignal) -> None:
    def run() -> None:
        try:
            fd = sys.stdin.fileno()
            while os.read(fd, 65536):
                pass  # discard what arrives
        except (OSError, ValueError, AttributeError):
            pass
        stopper.stop("stdin closed: parent is gone")

    threading.Thread(target=run, name="stdin-watcher", daemon=True).start()


def watch_parent(stopper: StopSignal, parent: int) -> None:
    check_ppid = os.name != "nt" and os.getppid() == parent

    def alive() -> bool:
        try:
            os.kill(parent, 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            pass
        return not check_ppid or os.getppid() == parent

    def run() -> None:
        while alive():
            time.sleep(PARENT_POLL_SECONDS)
        stopper.stop("parent %d is gone" % parent)

    threading.Thread(target=run, name="parent-watcher", daemon=True).start()


def tie_to_lifeline(stopper: StopSignal) -> None:
    explicit = env_flag("LIFELINE_EXIT_ON_STDIN_EOF")
    if explicit or (explicit is None and env_flag("LIFELINE_RUN")):
        watch_stdin(stopper)
    raw_parent = os.environ.get("LIFELINE_PARENT_PID", "").strip()
    if raw_parent and explicit is not False:
        if not raw_parent.isdigit() or int(raw_parent) < 1:
            complain("worker: invalid LIFELINE_PARENT_PID '%s': must be a pid >= 1" % raw_parent)
            sys.exit(USAGE_EXIT)
        watch_parent(stopper, int(raw_parent))


def stop(marker: Marker, reason: str) -> int:
    say("worker: %s" % reason)
    marker.write("stopping")
    say("worker stopping")
    return 0


def main(argv: List[str]) -> int:
    args = parse(argv)
    marker = Marker(args.marker, args.name)
    stopper = StopSignal()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda n, _frame: stopper.stop("got %s" % signal.Signals(n).name))
    tie_to_lifeline(stopper)

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
