#!/usr/bin/env python3
"""Lifeline fixture backend: a small FastAPI + uvicorn server that plays "the
backend" in Lifeline's test scenarios.

Usage (normally started by the Lifeline launcher with the venv's python)::

    target/venv/bin/python main.py [--port N] [--host H] [--correlation-id ID]
        [--scenario NAME] [--startup-delay SECONDS] [--reload] [--exit-on-stdin-eof]

Lifeline contract variables: LIFELINE_RUN, LIFELINE_EXIT_ON_STDIN_EOF,
LIFELINE_PARENT_PID (see "stdin contract" below), LIFELINE_SECRET (the
ownership handshake: read at import and removed from our environment at once,
so no child of ours inherits it).

Arguments fall back to environment variables: BACKEND_PORT (8000),
BACKEND_HOST (127.0.0.1), LIFELINE_CORRELATION_ID ("none"),
FIXTURE_SCENARIO ("healthy"), FIXTURE_STARTUP_DELAY (5.0).
Logs go to stdout and to BACKEND_LOG_FILE (default: <dir of main.py>/target/backend.log).

Scenarios are listed in SCENARIOS below; an unknown one exits with code 2.
Some scenarios read extra environment variables (all optional unless noted):
FIXTURE_CRASH_COUNT (crash-then-recover, 1), FIXTURE_COUNTER_FILE
(crash-then-recover, required), FIXTURE_HEALTH_DELAY (slow-health, 10),
FIXTURE_FLAP_AFTER (flap, 3), FIXTURE_OTHER_PORT (bind-other-port, port+1),
FIXTURE_STALL_AFTER (stall, 3), FIXTURE_VERSION (any scenario: the "version"
field of /health, for Lifeline's expectedVersion).
An invalid value (or a missing FIXTURE_COUNTER_FILE) prints one line
"fixture: ..." on stderr and exits with code 2.

stdin contract
--------------
Whether a daemon thread reads stdin until end-of-file is decided by
LIFELINE_EXIT_ON_STDIN_EOF when it is set ("true"/"false"; also 1/0, yes/no);
when it is not set, by the old rule: LIFELINE_RUN=true (the Java launcher sets
it and keeps a pipe open on our stdin) or --exit-on-stdin-eof. Lifeline sets
LIFELINE_EXIT_ON_STDIN_EOF=false for detached backends, whose stdin is
/dev/null (which would read EOF at once and make us exit).

Parent-pid watch: when LIFELINE_PARENT_PID is set (and
LIFELINE_EXIT_ON_STDIN_EOF is not false) a daemon thread checks every 0.2 s
that this process still exists and is still our parent (os.getppid(); only
compared if it matched at startup).

EOF on stdin or a vanished parent means the parent is gone: we log
"stdin closed: parent is gone, shutting down" / "parent <pid> is gone, shutting
down", send SIGTERM to every child we spawned (SIGKILL after 1 s), send
ourselves SIGTERM for a graceful uvicorn shutdown (exit code 0) and force
os._exit(0) (after a SIGKILL to children still alive) 1.7 s later if that has
not finished. Only this path ends our children: on a plain SIGTERM/SIGINT they
are left alone (stopping the whole tree is the supervisor's job).

Signals
-------
SIGTERM and SIGINT shut the server down gracefully and the process exits 0
("shutting down (signal SIGTERM)" is logged). A signal that arrives before the
server is serving (e.g. during slow-start's delay) exits 0 at once.
"""

import argparse
import asyncio
import datetime
import importlib
import logging
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Callable, Dict, List, Optional, Union

HERE = os.path.dirname(os.path.abspath(__file__))
SERVICE_NAME = "lifeline-fixture"
CORRELATION_HEADER = "X-Correlation-ID"
# Lifeline's ownership handshake (docs/backend-contract.md): prove we know the secret Lifeline gave us.
CHALLENGE_HEADER = "X-Lifeline-Challenge"
PROOF_HEADER = "X-Lifeline-Proof"
# Read once and removed from the environment at once, so no child of the fixture ever inherits it.
LIFELINE_SECRET = os.environ.pop("LIFELINE_SECRET", None)


def ownership_proof(challenge, host, port):
    """HMAC-SHA256 of "<challenge>\n<host>\n<port>" (the host and port we were told to listen on), keyed with
    LIFELINE_SECRET; None without a challenge or a secret. The host and port make a proof worthless on any other
    port: a squatter that relays the challenge to us gets a proof for our port, not its own."""
    import hashlib
    import hmac
    if not challenge or not LIFELINE_SECRET:
        return None
    message = "%s\n%s\n%d" % (challenge, host, port)
    return hmac.new(LIFELINE_SECRET.encode("utf-8"), message.encode("utf-8"), hashlib.sha256).hexdigest()


LOG_FORMAT = "%(asctime)s [%(correlation_id)s] %(levelname)s %(name)s: %(message)s"
PROCESS_START = time.monotonic()

# Exit codes.
EXIT_OK = 0
EXIT_USAGE = 2          # unknown scenario / bad arguments (argparse uses 2 too)
EXIT_STARTUP_CRASH = 3  # scenarios "crash" and "crash-then-recover"
EXIT_FLAP = 4           # scenario "flap"
# Scenario "missing-dependency" exits 1: Python's own code for an uncaught exception.

log = logging.getLogger("fixture")


# --------------------------------------------------------------------------- #
# Scenarios
# --------------------------------------------------------------------------- #

@dataclass
class Context:
    """What a scenario's hooks may look at (and keep state in)."""

    args: argparse.Namespace
    correlation_id: str
    server: object = None  # the uvicorn.Server once it exists
    state: dict = field(default_factory=dict)  # free per-scenario state


@dataclass
class HealthReport:
    status: str                       # "healthy" | "degraded" | "unhealthy"
    services: Union[Dict[str, str], List[str]]  # a list only in "malformed-types"
    http_status: int = 200
    service: str = SERVICE_NAME       # the "service" field ("impostor" lies here)
    extra: Dict[str, object] = field(default_factory=dict)  # more top-level fields


def all_services(value: str = "healthy") -> Dict[str, str]:
    return {"cache": value, "websocket": value, "database": value}


def no_pre_start(ctx: Context) -> None:
    """Default pre-start hook: start serving at once."""


def healthy_report(ctx: Context) -> HealthReport:
    return HealthReport("healthy", all_services())


def degraded_report(ctx: Context) -> HealthReport:
    services = all_services()
    services["database"] = "degraded"
    return HealthReport("degraded", services)


def slow_start_pre_start(ctx: Context) -> None:
    delay = ctx.args.startup_delay
    log.info("slow-start: waiting %ss before serving", _fmt_seconds(delay))
    time.sleep(max(0.0, delay))
    log.info("slow-start: delay over, starting server")


def crash_pre_start(ctx: Context) -> None:
    log.error("simulated startup crash (scenario=crash), exiting with code %d",
              EXIT_STARTUP_CRASH)
    _flush_logs()
    print("fixture: simulated startup crash (scenario=crash)", file=sys.stderr, flush=True)
    sys.exit(EXIT_STARTUP_CRASH)


# -- helpers for the scenarios below ---------------------------------------- #

def usage_exit(message: str) -> None:
    """A bad scenario setting: one line on stderr, exit code 2 (before binding)."""
    log.error("%s", message)
    _flush_logs()
    print("fixture: %s" % message, file=sys.stderr, flush=True)
    sys.exit(EXIT_USAGE)


def env_number(name: str, default, kind=float, minimum=None, maximum=None):
    """The environment variable `name` as `kind` (float or int), or `default`."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = kind(raw)
    except ValueError:
        value = None
    if value is not None and kind is float and (value != value or abs(value) == float("inf")):
        value = None  # NaN / infinity
    if (value is None or (minimum is not None and value < minimum)
            or (maximum is not None and value > maximum)):
        bounds = ""
        if minimum is not None and maximum is not None:
            bounds = " between %s and %s" % (minimum, maximum)
        elif minimum is not None:
            bounds = " >= %s" % minimum
        usage_exit("invalid %s '%s': must be %s%s"
                   % (name, raw, "an integer" if kind is int else "a number", bounds))
    return value


def replace_health_route(app, make_endpoint) -> None:
    """Replace GET /health by make_endpoint(original_endpoint) (an async
    `endpoint(request)`); the correlation-id middleware still applies."""
    original = None
    kept = []
    for route in app.router.routes:
        if getattr(route, "path", None) == "/health":
            original = getattr(route, "endpoint", None)
        else:
            kept.append(route)
    app.router.routes[:] = kept
    app.add_api_route("/health", make_endpoint(original), methods=["GET"])


# -- unhealthy, malformed-types, impostor ------------------------------------ #

def unhealthy_report(ctx: Context) -> HealthReport:
    services = all_services()
    services["cache"] = "unhealthy"
    return HealthReport("unhealthy", services)


def malformed_types_report(ctx: Context) -> HealthReport:
    return HealthReport("healthy", ["cache", "websocket", "database"])


def impostor_report(ctx: Context) -> HealthReport:
    return HealthReport("healthy", all_services(), service="impostor-service")


# -- crash-then-recover ------------------------------------------------------ #

def _read_and_bump_counter(path: str) -> int:
    """Read-modify-write the launch counter in `path`; returns this launch's number."""
    try:
        with open(path, "r", encoding="utf-8") as f:
            raw = f.read().strip()
    except FileNotFoundError:
        raw = ""
    except OSError as e:
        usage_exit("cannot read FIXTURE_COUNTER_FILE %s: %s" % (path, e))
    try:
        previous = int(raw) if raw else 0
    except ValueError:
        previous = None
    if previous is None or previous < 0:
        usage_exit("FIXTURE_COUNTER_FILE %s holds '%s', not a launch count" % (path, raw[:40]))
    launch = previous + 1
    tmp = "%s.%d.tmp" % (path, os.getpid())
    try:
        parent = os.path.dirname(os.path.abspath(path))
        os.makedirs(parent, exist_ok=True)
        with open(tmp, "w", encoding="utf-8") as f:
            f.write("%d\n" % launch)
        os.replace(tmp, path)
    except OSError as e:
        try:
            os.remove(tmp)
        except OSError:
            pass
        usage_exit("cannot write FIXTURE_COUNTER_FILE %s: %s" % (path, e))
    return launch


def crash_then_recover_pre_start(ctx: Context) -> None:
    crash_count = env_number("FIXTURE_CRASH_COUNT", 1, kind=int, minimum=0)
    counter_file = os.environ.get("FIXTURE_COUNTER_FILE", "").strip()
    if not counter_file:
        usage_exit("scenario crash-then-recover needs FIXTURE_COUNTER_FILE "
                   "(path of a file that counts launches across restarts)")
    launch = _read_and_bump_counter(counter_file)
    log.info("crash-then-recover: launch %d (crashes on the first %d launch(es), counter file %s)",
             launch, crash_count, counter_file)
    if launch <= crash_count:
        log.error("simulated startup crash (scenario=crash-then-recover, launch %d of %d), "
                  "exiting with code %d", launch, crash_count, EXIT_STARTUP_CRASH)
        _flush_logs()
        print("fixture: simulated startup crash (scenario=crash-then-recover, launch %d of %d)"
              % (launch, crash_count), file=sys.stderr, flush=True)
        sys.exit(EXIT_STARTUP_CRASH)
    log.info("crash-then-recover: recovered, starting healthy")


# -- hang, slow-health --------------------------------------------------------- #

def hang_configure_app(app, ctx: Context) -> None:
    from fastapi import Request

    def make(_original):
        async def hang_health(request: Request):
            log.info("hang: GET /health received; it will never be answered")
            await asyncio.Event().wait()  # forever; cancelled by uvicorn's shutdown timeout
        return hang_health

    replace_health_route(app, make)


def slow_health_pre_start(ctx: Context) -> None:
    delay = env_number("FIXTURE_HEALTH_DELAY", 10.0, minimum=0)
    ctx.state["health_delay"] = delay
    log.info("slow-health: every GET /health answers after %ss", _fmt_seconds(delay))


def slow_health_configure_app(app, ctx: Context) -> None:
    from fastapi import Request

    delay = ctx.state["health_delay"]

    def make(original):
        async def slow_health(request: Request):
            await asyncio.sleep(delay)  # does not block the event loop
            return await original(request)
        return slow_health

    replace_health_route(app, make)


# -- missing-dependency ---------------------------------------------------------- #

MISSING_MODULE = "fixture_missing_dependency"


def missing_dependency_pre_start(ctx: Context) -> None:
    log.info("missing-dependency: importing %s (not installed)", MISSING_MODULE)
    _flush_logs()
    # Deliberately uncaught: Python prints the traceback ending in
    # "ModuleNotFoundError: No module named 'fixture_missing_dependency'" and exits 1.
    importlib.import_module(MISSING_MODULE)


# -- malformed --------------------------------------------------------------- #

MALFORMED_BODY = "<html><body>Internal misconfiguration: health page not found</body></html>"


def malformed_configure_app(app, ctx: Context) -> None:
    from fastapi.responses import HTMLResponse

    def make(_original):
        async def malformed_health():
            return HTMLResponse(MALFORMED_BODY, status_code=200)
        return malformed_health

    replace_health_route(app, make)


# -- flap ---------------------------------------------------------------------- #

def flap_pre_start(ctx: Context) -> None:
    after = env_number("FIXTURE_FLAP_AFTER", 3.0, minimum=0)
    log.info("flap: serving healthy, then exiting with code %d %ss after the server is up",
             EXIT_FLAP, _fmt_seconds(after))

    def flap() -> None:
        while not getattr(ctx.server, "started", False):  # until uvicorn serves
            time.sleep(0.02)
        time.sleep(after)
        if getattr(ctx.server, "should_exit", False):
            return  # already shutting down on a signal / stdin EOF: let that finish
        log.error("flap: exiting after %ss (scenario=flap), exit code %d",
                  _fmt_seconds(after), EXIT_FLAP)
        _flush_logs()
        print("fixture: flap: exiting after %ss (scenario=flap)" % _fmt_seconds(after),
              file=sys.stderr, flush=True)
        os._exit(EXIT_FLAP)

    threading.Thread(target=flap, name="flap", daemon=True).start()


# -- bind-other-port ------------------------------------------------------------ #

def bind_other_port_pre_start(ctx: Context) -> None:
    requested = ctx.args.port
    default = requested + 1 if requested < 65535 else requested - 1
    other = env_number("FIXTURE_OTHER_PORT", default, kind=int, minimum=1, maximum=65535)
    log.info("bind-other-port: asked for port %d, binding port %d instead", requested, other)
    ctx.args.port = other


# -- spawn-child ----------------------------------------------------------------- #

def spawn_child_pre_start(ctx: Context) -> None:
    # Inherits stdout/stderr (as a real backend's worker would). Not killed on a
    # plain SIGTERM/SIGINT (stopping the whole tree is the supervisor's job), only
    # when the parent is gone (stdin EOF / parent-pid watch): see end_children().
    # FIXTURE_CHILD_IGNORES_TERM=true: a worker that ignores SIGTERM, as stubborn ones do;
    # only SIGKILL ends it (the supervisor's grace period, or a second Ctrl-C).
    ignores_term = os.environ.get("FIXTURE_CHILD_IGNORES_TERM", "").lower() in ("1", "true", "yes")
    code = ("import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); time.sleep(3600)"
            if ignores_term else "import time; time.sleep(3600)")
    child = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.DEVNULL)
    register_child(child)
    ctx.state["child_pid"] = child.pid
    log.info("spawned child pid %d", child.pid)  # -> "... INFO fixture: spawned child pid N"


def spawn_child_report(ctx: Context) -> HealthReport:
    return HealthReport("healthy", all_services(), extra={"child_pid": ctx.state.get("child_pid")})


# -- stall ------------------------------------------------------------------------ #

def stall_pre_start(ctx: Context) -> None:
    after = env_number("FIXTURE_STALL_AFTER", 3.0, minimum=0)
    stalled = threading.Event()
    ctx.state["stalled"] = stalled
    log.info("stall: serving healthy, then GET /health stops answering %ss after the "
             "server is up", _fmt_seconds(after))

    def stall() -> None:
        while not getattr(ctx.server, "started", False):  # until uvicorn serves
            if getattr(ctx.server, "should_exit", False):
                return
            time.sleep(0.02)
        time.sleep(after)
        if getattr(ctx.server, "should_exit", False):
            return  # already shutting down: nothing to announce
        stalled.set()
        log.warning("stall: /health stops answering now (scenario=stall)")
        _flush_logs()

    threading.Thread(target=stall, name="stall", daemon=True).start()


def stall_configure_app(app, ctx: Context) -> None:
    from fastapi import Request

    stalled = ctx.state["stalled"]

    def make(original):
        async def stall_health(request: Request):
            if not stalled.is_set():
                return await original(request)
            log.info("stall: GET /health received; it will never be answered")
            await asyncio.Event().wait()  # forever; cancelled by uvicorn's shutdown timeout
        return stall_health

    replace_health_route(app, make)


@dataclass
class Scenario:
    """How the fixture behaves in one test scenario.

    pre_start   -- runs before the port is bound (may sleep, exit, spawn, ...).
    health      -- builds the /health report for each request.
    configure_app -- optional hook to add/replace routes or middleware on the
                   FastAPI app (e.g. a future "malformed" or "slow-health").
    """

    name: str
    description: str
    health: Callable[[Context], HealthReport] = healthy_report
    pre_start: Callable[[Context], None] = no_pre_start
    configure_app: Optional[Callable[[object, Context], None]] = None


SCENARIOS: Dict[str, Scenario] = {
    s.name: s
    for s in (
        Scenario("healthy", "all services healthy"),
        Scenario("degraded", "database degraded, overall status degraded",
                 health=degraded_report),
        Scenario("slow-start", "waits --startup-delay seconds before binding, then healthy",
                 pre_start=slow_start_pre_start),
        Scenario("crash", "exits with code 3 during startup, before binding",
                 pre_start=crash_pre_start),
        Scenario("unhealthy", "cache unhealthy, overall status unhealthy",
                 health=unhealthy_report),
        Scenario("crash-then-recover",
                 "crashes like crash on the first FIXTURE_CRASH_COUNT launches "
                 "(counted in FIXTURE_COUNTER_FILE), then healthy",
                 pre_start=crash_then_recover_pre_start),
        Scenario("hang", "binds and accepts, but GET /health never answers",
                 configure_app=hang_configure_app),
        Scenario("slow-health", "GET /health answers healthy after FIXTURE_HEALTH_DELAY seconds",
                 pre_start=slow_health_pre_start, configure_app=slow_health_configure_app),
        Scenario("missing-dependency",
                 "ModuleNotFoundError for fixture_missing_dependency before binding, exit 1",
                 pre_start=missing_dependency_pre_start),
        Scenario("malformed", "GET /health answers 200 text/html, not JSON",
                 configure_app=malformed_configure_app),
        Scenario("malformed-types", "GET /health answers 200 JSON with services as a list",
                 health=malformed_types_report),
        Scenario("impostor", "healthy JSON, but service is impostor-service",
                 health=impostor_report),
        Scenario("flap", "healthy, then exits with code 4 after FIXTURE_FLAP_AFTER seconds",
                 pre_start=flap_pre_start),
        Scenario("bind-other-port", "healthy, but binds FIXTURE_OTHER_PORT (default port+1)",
                 pre_start=bind_other_port_pre_start),
        Scenario("spawn-child", "healthy, plus a child process (child_pid in /health)",
                 pre_start=spawn_child_pre_start, health=spawn_child_report),
        Scenario("stall", "healthy, then GET /health hangs after FIXTURE_STALL_AFTER seconds "
                          "(process stays alive)",
                 pre_start=stall_pre_start, configure_app=stall_configure_app),
    )
}


# --------------------------------------------------------------------------- #
# Logging
# --------------------------------------------------------------------------- #

class CorrelationIdFilter(logging.Filter):
    def __init__(self, correlation_id: str) -> None:
        super().__init__()
        self.correlation_id = correlation_id

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "correlation_id"):
            record.correlation_id = self.correlation_id
        return True


def default_log_file() -> str:
    return os.environ.get("BACKEND_LOG_FILE") or os.path.join(HERE, "target", "backend.log")


def setup_logging(correlation_id: str) -> str:
    """Root logger -> stdout + log file; uvicorn's loggers propagate to it."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.reconfigure(line_buffering=True)
        except (AttributeError, ValueError):
            pass
    formatter = logging.Formatter(LOG_FORMAT)
    cid_filter = CorrelationIdFilter(correlation_id)

    handlers = [logging.StreamHandler(sys.stdout)]
    log_file = default_log_file()
    file_error = None
    try:
        parent = os.path.dirname(os.path.abspath(log_file))
        os.makedirs(parent, exist_ok=True)
        handlers.append(logging.FileHandler(log_file, mode="a", encoding="utf-8"))
    except OSError as e:
        file_error = e

    root = logging.getLogger()
    for h in list(root.handlers):
        root.removeHandler(h)
    for h in handlers:
        h.setFormatter(formatter)
        h.addFilter(cid_filter)
        root.addHandler(h)
    root.setLevel(logging.INFO)
    # uvicorn's loggers: no handlers of their own, propagate to root.
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        lg = logging.getLogger(name)
        lg.handlers = []
        lg.propagate = True
        lg.setLevel(logging.INFO)
    if file_error is not None:
        log.warning("cannot open log file %s: %s (logging to stdout only)", log_file, file_error)
    return log_file


def _flush_logs() -> None:
    for h in logging.getLogger().handlers:
        try:
            h.flush()
        except Exception:
            pass


def _fmt_seconds(value: float) -> str:
    return ("%g" % value)


# --------------------------------------------------------------------------- #
# Shutdown: signals, the stdin contract, the parent-pid watch, children
# --------------------------------------------------------------------------- #

class Shutdown:
    """Turns SIGTERM/SIGINT into a graceful exit 0, before and while serving."""

    def __init__(self) -> None:
        self.signal_name: Optional[str] = None
        self.server = None  # set just before uvicorn starts
        self._lock = threading.Lock()

    def note(self, sig: int) -> None:
        with self._lock:
            if self.signal_name is not None:
                return
            try:
                self.signal_name = signal.Signals(sig).name
            except ValueError:
                self.signal_name = str(sig)
        log.info("shutting down (signal %s)", self.signal_name)

    def handler(self, sig: int, frame) -> None:
        # Installed before uvicorn runs; uvicorn swaps in its own handler while
        # serving and re-raises the signal into this one when it is done.
        self.note(sig)
        if self.server is None:
            _flush_logs()
            raise SystemExit(EXIT_OK)
        self.server.should_exit = True

    def install(self) -> None:
        for sig in (signal.SIGTERM, signal.SIGINT):
            signal.signal(sig, self.handler)


# Children this process spawned (scenario spawn-child). Ended only on the
# parent-gone path (stdin EOF / parent-pid watch), never on a plain SIGTERM.
CHILDREN: List[subprocess.Popen] = []
_children_lock = threading.Lock()
_children_ending = False  # set once end_children() has taken its snapshot

CHILD_TERM_GRACE = 1.0  # SIGTERM -> SIGKILL for children, seconds
FORCE_EXIT_AFTER = 1.7  # parent gone -> os._exit(0) if the graceful path stalls
PARENT_POLL_INTERVAL = 0.2


def register_child(child: subprocess.Popen) -> None:
    """Track a spawned child; if the parent-gone cleanup already ran, end it now."""
    with _children_lock:
        CHILDREN.append(child)
        late = _children_ending
    if late:
        _signal_child(child, kill=True)


def _signal_child(child: subprocess.Popen, kill: bool) -> None:
    if child.poll() is not None:
        return
    try:
        if kill:
            child.kill()
        else:
            child.terminate()
    except OSError:
        pass  # already gone


def end_children(grace: float = CHILD_TERM_GRACE) -> None:
    """SIGTERM every child still running, wait up to `grace` s, then SIGKILL."""
    global _children_ending
    with _children_lock:
        _children_ending = True
        alive = [c for c in CHILDREN if c.poll() is None]
    if not alive:
        return
    for c in alive:
        log.info("parent gone: sending SIGTERM to child pid %d", c.pid)
        _signal_child(c, kill=False)
    deadline = time.monotonic() + grace
    for c in alive:
        try:
            c.wait(max(0.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            pass
    for c in alive:
        if c.poll() is None:
            log.warning("parent gone: child pid %d still running after %ss, sending SIGKILL",
                        c.pid, _fmt_seconds(grace))
            _signal_child(c, kill=True)
            try:
                c.wait(0.5)
            except subprocess.TimeoutExpired:
                pass
    _flush_logs()


def _kill_children_now() -> None:
    with _children_lock:
        alive = [c for c in CHILDREN if c.poll() is None]
    for c in alive:
        _signal_child(c, kill=True)


_parent_gone_lock = threading.Lock()
_parent_gone = False


def parent_gone_shutdown(message: str) -> None:
    """The stdin-EOF / parent-gone path (runs once, from a watcher thread):
    end our children, shut the server down gracefully, force-exit if that stalls."""
    global _parent_gone
    with _parent_gone_lock:
        if _parent_gone:
            return
        _parent_gone = True
    log.info("%s", message)
    _flush_logs()

    def force_exit() -> None:
        _kill_children_now()
        _flush_logs()
        os._exit(EXIT_OK)

    killer = threading.Timer(FORCE_EXIT_AFTER, force_exit)
    killer.daemon = True
    killer.start()
    # Not a daemon: the interpreter waits for it (<= ~1.5 s) before exiting, so a
    # child is never left behind because the server shut down faster.
    threading.Thread(target=end_children, name="end-children", daemon=False).start()
    if os.name == "nt":
        # os.kill(SIGTERM) would TerminateProcess on Windows; run our handler instead.
        signal.raise_signal(signal.SIGTERM)
    else:
        os.kill(os.getpid(), signal.SIGTERM)


def start_stdin_watcher() -> None:
    def watch() -> None:
        try:
            fd = sys.stdin.fileno() if sys.stdin is not None else None
        except (OSError, ValueError):
            fd = None
        if fd is not None:
            try:
                while os.read(fd, 65536):
                    pass  # discard anything the parent writes
            except OSError:
                pass
        parent_gone_shutdown("stdin closed: parent is gone, shutting down")

    t = threading.Thread(target=watch, name="stdin-watcher", daemon=True)
    t.start()


def pid_alive(pid: int) -> bool:
    """Does process `pid` exist (and, on Linux, is it not a zombie)?"""
    if os.name == "nt":
        import ctypes
        kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
        handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
        if not handle:
            return ctypes.GetLastError() == 5  # ERROR_ACCESS_DENIED: exists
        try:
            code = ctypes.c_ulong()
            if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
                return True
            return code.value == 259  # STILL_ACTIVE
        finally:
            kernel32.CloseHandle(handle)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # exists, owned by someone else
    try:
        with open("/proc/%d/stat" % pid, "r") as f:
            state = f.read().rsplit(")", 1)[1].split()[0]
        return state not in ("Z", "X")  # an unreaped zombie is gone too
    except (OSError, IndexError):
        return True  # no /proc (macOS, ...): os.kill said it exists


def start_parent_watcher(parent_pid: int) -> None:
    # Compare os.getppid() only if it matched at startup: a launcher that starts
    # us through an intermediate process (a shell, ...) passes its own pid.
    check_ppid = os.name != "nt" and os.getppid() == parent_pid
    if not check_ppid and os.name != "nt":
        log.info("LIFELINE_PARENT_PID %d is not our direct parent (ppid %d): "
                 "watching only that it exists", parent_pid, os.getppid())

    def watch() -> None:
        while True:
            if (check_ppid and os.getppid() != parent_pid) or not pid_alive(parent_pid):
                parent_gone_shutdown("parent %d is gone, shutting down" % parent_pid)
                return
            time.sleep(PARENT_POLL_INTERVAL)

    threading.Thread(target=watch, name="parent-watcher", daemon=True).start()


def env_flag(name: str) -> Optional[bool]:
    """A true/false environment variable; None when unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    value = raw.lower()
    if value in ("true", "1", "yes"):
        return True
    if value in ("false", "0", "no"):
        return False
    usage_exit("invalid %s '%s': must be true or false" % (name, raw))
    return None  # not reached


def should_watch_stdin(args: argparse.Namespace) -> bool:
    explicit = env_flag("LIFELINE_EXIT_ON_STDIN_EOF")
    if explicit is not None:  # set: it decides (even over --exit-on-stdin-eof)
        if args.exit_on_stdin_eof and not explicit:
            log.info("--exit-on-stdin-eof overridden by LIFELINE_EXIT_ON_STDIN_EOF=false")
        return explicit
    if args.exit_on_stdin_eof:
        return True
    return os.environ.get("LIFELINE_RUN", "").strip().lower() in ("true", "1", "yes")


def parent_pid_to_watch() -> Optional[int]:
    """LIFELINE_PARENT_PID, unless unset or LIFELINE_EXIT_ON_STDIN_EOF=false."""
    pid = env_number("LIFELINE_PARENT_PID", None, kind=int, minimum=1)
    if pid is None or env_flag("LIFELINE_EXIT_ON_STDIN_EOF") is False:
        return None
    return pid


# --------------------------------------------------------------------------- #
# App and server
# --------------------------------------------------------------------------- #

def memory_mb() -> float:
    try:
        with open("/proc/self/statm", "r") as f:
            resident_pages = int(f.read().split()[1])
        return round(resident_pages * os.sysconf("SC_PAGE_SIZE") / (1024.0 * 1024.0), 2)
    except (OSError, ValueError, IndexError, AttributeError):
        pass
    try:
        import resource
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # peak; KiB on Linux
        divisor = 1024.0 * 1024.0 if sys.platform == "darwin" else 1024.0
        return round(rss / divisor, 2)
    except (ImportError, OSError, ValueError):
        return 0.0


def active_connections(ctx: Context) -> int:
    server = ctx.server
    try:
        return len(server.server_state.connections)  # type: ignore[attr-defined]
    except AttributeError:
        return 0


def utc_timestamp() -> str:
    now = datetime.datetime.now(datetime.timezone.utc)
    return now.isoformat(timespec="milliseconds").replace("+00:00", "Z")


def build_app(scenario: Scenario, ctx: Context):
    from contextlib import asynccontextmanager

    from fastapi import FastAPI, Request
    from fastapi.responses import JSONResponse

    @asynccontextmanager
    async def lifespan(_app):
        log.info("fixture ready: scenario=%s pid=%d", scenario.name, os.getpid())
        yield
        log.info("fixture stopped: scenario=%s pid=%d", scenario.name, os.getpid())

    app = FastAPI(title=SERVICE_NAME, lifespan=lifespan, docs_url=None, redoc_url=None)

    @app.middleware("http")
    async def correlation_id_header(request: Request, call_next):
        cid = request.headers.get(CORRELATION_HEADER) or ctx.correlation_id
        request.state.correlation_id = cid
        response = await call_next(request)
        response.headers[CORRELATION_HEADER] = cid
        proof = ownership_proof(request.headers.get(CHALLENGE_HEADER), ctx.args.host, ctx.args.port)
        if proof is not None:
            response.headers[PROOF_HEADER] = proof
        return response

    @app.get("/health")
    async def health(request: Request):
        report = scenario.health(ctx)
        body = {
            "status": report.status,
            "service": report.service,
            "pid": os.getpid(),
            "timestamp": utc_timestamp(),
            "correlation_id": getattr(request.state, "correlation_id", ctx.correlation_id),
            "services": report.services,
            "metrics": {
                "uptime_seconds": round(time.monotonic() - PROCESS_START, 3),
                "memory_mb": memory_mb(),
                "active_connections": active_connections(ctx),
            },
            "scenario": scenario.name,
        }
        if os.environ.get("FIXTURE_VERSION"):
            body["version"] = os.environ["FIXTURE_VERSION"]
        body.update(report.extra)
        return JSONResponse(body, status_code=report.http_status)

    # The same health in two other shapes, for Lifeline's other contracts: Spring Boot's actuator and
    # application/health+json (draft-inadarei-api-health-check-06).
    @app.get("/actuator/health")
    async def spring_health():
        report = scenario.health(ctx)
        spring = {"healthy": "UP", "degraded": "OUT_OF_SERVICE", "unhealthy": "DOWN"}
        services = report.services if isinstance(report.services, dict) else {}
        components = {name: {"status": spring.get(value, "UNKNOWN")} for name, value in services.items()}
        status = spring.get(report.status, "UNKNOWN")
        return JSONResponse({"status": status, "components": components},
                            status_code=200 if status == "UP" else 503)

    @app.get("/health/ietf")
    async def ietf_health():
        report = scenario.health(ctx)
        ietf = {"healthy": "pass", "degraded": "warn", "unhealthy": "fail"}
        services = report.services if isinstance(report.services, dict) else {}
        checks = {name: [{"status": ietf.get(value, "fail")}] for name, value in services.items()}
        status = ietf.get(report.status, "fail")
        return JSONResponse({"status": status, "serviceId": report.service, "checks": checks},
                            status_code=503 if status == "fail" else 200,
                            media_type="application/health+json")

    if scenario.configure_app is not None:
        scenario.configure_app(app, ctx)
    return app


def run_server(scenario: Scenario, ctx: Context, shutdown: Shutdown) -> int:
    import inspect

    import uvicorn

    class FixtureServer(uvicorn.Server):
        def handle_exit(self, sig, frame):  # runs in the main thread
            shutdown.note(sig)
            super().handle_exit(sig, frame)

    app = build_app(scenario, ctx)
    kwargs = dict(host=ctx.args.host, port=ctx.args.port, log_config=None,
                  lifespan="on", access_log=True)
    if "timeout_graceful_shutdown" in inspect.signature(uvicorn.Config.__init__).parameters:
        kwargs["timeout_graceful_shutdown"] = 1
    server = FixtureServer(uvicorn.Config(app, **kwargs))
    ctx.server = server
    shutdown.server = server
    if shutdown.signal_name is not None:  # a signal slipped in just now
        server.should_exit = True
    server.run()
    return EXIT_OK


# --------------------------------------------------------------------------- #
# Entry point
# --------------------------------------------------------------------------- #

def parse_args(argv) -> argparse.Namespace:
    env = os.environ.get
    p = argparse.ArgumentParser(
        prog="main.py",
        description="Lifeline fixture backend (FastAPI + uvicorn) for test scenarios.")
    p.add_argument("--port", type=int, default=env("BACKEND_PORT") or "8000",
                   help="port to bind (env BACKEND_PORT, default 8000)")
    p.add_argument("--host", default=env("BACKEND_HOST") or "127.0.0.1",
                   help="host/interface to bind (env BACKEND_HOST, default 127.0.0.1)")
    p.add_argument("--correlation-id", default=env("LIFELINE_CORRELATION_ID") or "none",
                   help="correlation id for logs and /health (env LIFELINE_CORRELATION_ID)")
    p.add_argument("--reload", action="store_true",
                   help="accepted for compatibility; ignored (the fixture never reloads)")
    p.add_argument("--scenario", default=env("FIXTURE_SCENARIO") or "healthy",
                   help="one of: %s (env FIXTURE_SCENARIO, default healthy)"
                        % ", ".join(SCENARIOS))
    p.add_argument("--startup-delay", type=float, default=env("FIXTURE_STARTUP_DELAY") or "5.0",
                   help="seconds slow-start waits before binding (env FIXTURE_STARTUP_DELAY)")
    p.add_argument("--exit-on-stdin-eof", action="store_true",
                   help="exit when stdin reaches EOF (also enabled by env LIFELINE_RUN=true; "
                        "env LIFELINE_EXIT_ON_STDIN_EOF=true/false overrides both)")
    return p.parse_args(argv)


def main(argv=None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    scenario = SCENARIOS.get(args.scenario)
    if scenario is None:
        print("fixture: unknown scenario '%s' (known: %s)"
              % (args.scenario, ", ".join(SCENARIOS)), file=sys.stderr, flush=True)
        return EXIT_USAGE

    log_file = setup_logging(args.correlation_id)
    shutdown = Shutdown()
    shutdown.install()
    ctx = Context(args=args, correlation_id=args.correlation_id)

    log.info("fixture starting: scenario=%s pid=%d host=%s port=%d correlation_id=%s log_file=%s",
             scenario.name, os.getpid(), args.host, args.port, args.correlation_id, log_file)
    if args.reload:
        log.info("--reload requested: ignored (the fixture runs without uvicorn's reloader)")
    if should_watch_stdin(args):
        log.info("watching stdin: the fixture exits when stdin reaches end-of-file")
        start_stdin_watcher()
    parent_pid = parent_pid_to_watch()
    if parent_pid is not None:
        log.info("watching parent pid %d: the fixture exits when it is gone", parent_pid)
        start_parent_watcher(parent_pid)

    scenario.pre_start(ctx)
    return run_server(scenario, ctx, shutdown)


def __getattr__(name):
    """``uvicorn main:app``: the app of FIXTURE_SCENARIO (default healthy), set up from the environment
    (BACKEND_PORT, LIFELINE_CORRELATION_ID, ...), for backends that uvicorn itself runs. Built on first access."""
    if name != "app":
        raise AttributeError("module %r has no attribute %r" % (__name__, name))
    args = parse_args([])
    scenario = SCENARIOS.get(args.scenario) or SCENARIOS["healthy"]
    setup_logging(args.correlation_id)
    app = build_app(scenario, Context(args=args, correlation_id=args.correlation_id))
    globals()["app"] = app
    return app


if __name__ == "__main__":
    sys.exit(main())
