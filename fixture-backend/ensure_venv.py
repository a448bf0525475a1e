#!/usr/bin/env python3
"""Create or refresh the fixture backend's virtualenv (stdlib only).

Run by Maven (exec-maven-plugin, phase generate-resources) and usable by hand:

    python3 ensure_venv.py [--force]

The venv lives at ``<this dir>/target/venv``. A stamp file
``target/venv/.lifeline-stamp`` records the sha256 of requirements.txt and the
interpreter version; when it matches, the venv python exists and runs, and
fastapi/uvicorn are importable, nothing is done ("venv up to date").
Otherwise the venv directory is deleted and rebuilt with
``<sys.executable> -m venv`` followed by
``<venv python> -m pip install --retries 0 -r requirements.txt``.

Prints one line on success. On failure prints a one-line reason (as the last
line, on stderr) and exits non-zero.
"""

import hashlib
import os
import platform
import shutil
import stat
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REQUIREMENTS = os.path.join(HERE, "requirements.txt")
VENV_DIR = os.path.join(HERE, "target", "venv")
STAMP = os.path.join(VENV_DIR, ".lifeline-stamp")
REQUIRED_MODULES = ("fastapi", "uvicorn")
PIP_TIMEOUT_SECONDS = int(os.environ.get("LIFELINE_PIP_TIMEOUT", "900"))
PREFIX = "ensure_venv:"


class Failure(Exception):
    """A failure with a one-line, human-readable reason."""


def venv_python():
    if os.name == "nt":
        return os.path.join(VENV_DIR, "Scripts", "python.exe")
    return os.path.join(VENV_DIR, "bin", "python")


def interpreter_version():
    return "%s %s" % (platform.python_implementation(), platform.python_version())


def expected_stamp():
    try:
        with open(REQUIREMENTS, "rb") as f:
            digest = hashlib.sha256(f.read()).hexdigest()
    except OSError as e:
        raise Failure("cannot read %s: %s" % (REQUIREMENTS, e.strerror or e))
    return "requirements-sha256=%s\npython=%s\n" % (digest, interpreter_version())


def read_stamp():
    try:
        with open(STAMP, "r", encoding="utf-8") as f:
            return f.read()
    except OSError:
        return None


def child_env():
    env = dict(os.environ)
    env["PIP_RETRIES"] = "0"
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    env.pop("VIRTUAL_ENV", None)
    env.pop("PYTHONHOME", None)
    return env


def venv_is_healthy():
    """True when the venv python runs, matches our interpreter and has the deps."""
    py = venv_python()
    if not os.path.isfile(py):
        return False
    probe = (
        "import importlib.util, platform, sys\n"
        "missing = [m for m in sys.argv[1:] if importlib.util.find_spec(m) is None]\n"
        "print('%s %s' % (platform.python_implementation(), platform.python_version()))\n"
        "sys.exit(1 if missing else 0)\n"
    )
    try:
        r = subprocess.run(
            [py, "-c", probe] + list(REQUIRED_MODULES),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=child_env(),
            timeout=60,
        )
    except (OSError, subprocess.TimeoutExpired):
        return False
    return r.returncode == 0 and r.stdout.decode(errors="replace").strip() == interpreter_version()


def _make_writable_and_retry(func, path, _exc_info):
    # Windows: read-only files in the venv make rmtree fail.
    try:
        os.chmod(path, stat.S_IWRITE)
        func(path)
    except OSError:
        pass


def remove_venv():
    if os.path.lexists(VENV_DIR):
        shutil.rmtree(VENV_DIR, onerror=_make_writable_and_retry)
        if os.path.lexists(VENV_DIR):
            raise Failure("cannot delete broken venv at %s" % VENV_DIR)


def run_step(description, cmd, timeout):
    try:
        r = subprocess.run(
            cmd,
            cwd=HERE,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            env=child_env(),
            timeout=timeout,
        )
    except FileNotFoundError:
        raise Failure("%s: executable not found: %s" % (description, cmd[0]))
    except subprocess.TimeoutExpired:
        raise Failure("%s timed out after %ds" % (description, timeout))
    except OSError as e:
        raise Failure("%s: cannot run %s: %s" % (description, cmd[0], e))
    if r.returncode != 0:
        out = r.stdout.decode(errors="replace").rstrip().splitlines()
        if out:
            sys.stderr.write("---- output of %s (last 30 lines) ----\n" % description)
            sys.stderr.write("\n".join(out[-30:]) + "\n")
            sys.stderr.write("---- end of output ----\n")
        raise Failure("%s failed with exit code %d" % (description, r.returncode))


def build_venv(stamp, reason):
    started = time.monotonic()
    remove_venv()
    os.makedirs(os.path.dirname(VENV_DIR), exist_ok=True)
    run_step("python -m venv", [sys.executable, "-m", "venv", VENV_DIR], timeout=300)
    py = venv_python()
    if not os.path.isfile(py):
        raise Failure("venv created but %s is missing" % py)
    run_step(
        "pip install -r requirements.txt",
        [py, "-m", "pip", "install", "--retries", "0", "--disable-pip-version-check",
         "-r", REQUIREMENTS],
        timeout=PIP_TIMEOUT_SECONDS,
    )
    if not venv_is_healthy():
        raise Failure("venv built but %s cannot import %s"
                      % (py, ", ".join(REQUIRED_MODULES)))
    tmp = STAMP + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(stamp)
    os.replace(tmp, STAMP)
    print("%s venv %s at %s (%s, %.1fs)"
          % (PREFIX, reason, VENV_DIR, interpreter_version(), time.monotonic() - started),
          flush=True)


def main(argv):
    force = "--force" in argv[1:]
    unknown = [a for a in argv[1:] if a != "--force"]
    if unknown:
        raise Failure("unknown argument(s): %s (usage: ensure_venv.py [--force])"
                      % " ".join(unknown))
    stamp = expected_stamp()
    if not os.path.lexists(VENV_DIR):
        build_venv(stamp, "created")
        return
    if force:
        build_venv(stamp, "recreated (--force)")
        return
    current = read_stamp()
    if current is None:
        build_venv(stamp, "recreated (no stamp)")
    elif current != stamp:
        build_venv(stamp, "recreated (requirements or python version changed)")
    elif not venv_is_healthy():
        build_venv(stamp, "recreated (venv python broken or packages missing)")
    else:
        print("%s venv up to date at %s" % (PREFIX, VENV_DIR), flush=True)


if __name__ == "__main__":
    try:
        main(sys.argv)
    except Failure as e:
        sys.stdout.flush()
        sys.stderr.write("%s FAILED: %s\n" % (PREFIX, e))
        sys.exit(1)
    except KeyboardInterrupt:
        sys.stderr.write("%s FAILED: interrupted\n" % PREFIX)
        sys.exit(130)
