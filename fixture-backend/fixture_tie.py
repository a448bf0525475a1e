"""What the worker and the job of Lifeline's app tests share: one-line argument errors, the marker file, and the
stop signal that ties them to Lifeline (backend contract, "Staying tied to Lifeline"). Stdlib only."""

import argparse
import math
import os
import select
import socket
import sys
import threading
import time
from typing import Optional

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


class Marker:
    """Appends '<name> <event> <time.time()>' lines to a file, one write each."""

    def __init__(self, path: Optional[str], name: str, prog: str) -> None:
        self.path = path
        self.name = name
        self.prog = prog

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
            complain("%s: cannot write marker file %s: %s" % (self.prog, self.path, e.strerror or e))
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


def tie_to_lifeline(stopper: StopSignal, prog: str, parent_too: bool = True) -> None:
    """Stops on stdin end-of-file when Lifeline asks (backend contract), and when Lifeline's process is gone."""
    explicit = env_flag("LIFELINE_EXIT_ON_STDIN_EOF")
    if explicit or (explicit is None and env_flag("LIFELINE_RUN")):
        watch_stdin(stopper)
    raw_parent = os.environ.get("LIFELINE_PARENT_PID", "").strip()
    if parent_too and raw_parent and explicit is not False:
        if not raw_parent.isdigit() or int(raw_parent) < 1:
            complain(prog + ": invalid LIFELINE_PARENT_PID '%s': must be a pid >= 1" % raw_parent)
            sys.exit(USAGE_EXIT)
        watch_parent(stopper, int(raw_parent))
