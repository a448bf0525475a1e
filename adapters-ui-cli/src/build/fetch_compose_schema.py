#!/usr/bin/env python3
"""Brings the official compose-spec JSON schema into target/, for the test that validates `lifeline export compose`.

The schema is taken from a published package, never typed in: `npm pack dclint@3.1.0` (a compose linter that ships
the compose-spec schema as package/schemas/compose.schema.json), that one file extracted, its sha256 checked.

Usage: fetch_compose_schema.py TARGET_DIR

Writes TARGET_DIR/compose.schema.json. Where npm is missing or the pack fails, writes TARGET_DIR/SKIPPED with one
line saying why instead (and prints it): the schema test is then skipped with that line, never passed. A file whose
sha256 is not the one below fails the build. Nothing is fetched when the schema is already there and checks out.
"""

import hashlib
import os
import shutil
import subprocess
import sys
import tarfile

PACKAGE = "dclint@3.1.0"
MEMBER = "package/schemas/compose.schema.json"
SHA256 = "46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496"


def sha256(data):
    return hashlib.sha256(data).hexdigest()


def skip(target, reason):
    line = "compose schema not fetched: %s; the compose schema test is skipped" % reason
    with open(os.path.join(target, "SKIPPED"), "w", encoding="utf-8") as out:
        out.write(line + "\n")
    print("fetch_compose_schema: " + line)
    return 0


def main(target):
    os.makedirs(target, exist_ok=True)
    schema = os.path.join(target, "compose.schema.json")
    marker = os.path.join(target, "SKIPPED")
    if os.path.exists(schema):
        with open(schema, "rb") as existing:
            if sha256(existing.read()) == SHA256:
                return 0
    if os.path.exists(marker):
        os.remove(marker)
    npm = shutil.which("npm")
    if npm is None:
        return skip(target, "npm is not on PATH (install Node.js with npm to run it)")
    # A registry that does not answer must not stall the build: npm's own default waits minutes per try.
    try:
        packed = subprocess.run([npm, "pack", PACKAGE, "--pack-destination", target, "--silent",
                                 "--fetch-retries=1", "--fetch-timeout=30000"],
                                capture_output=True, text=True, timeout=120)
    except subprocess.TimeoutExpired:
        return skip(target, "npm pack %s did not finish within 120 s (is the npm registry reachable?)" % PACKAGE)
    if packed.returncode != 0:
        detail = (packed.stderr.strip().splitlines() or ["exit %d" % packed.returncode])[-1]
        return skip(target, "npm pack %s failed (%s)" % (PACKAGE, detail))
    tarball = os.path.join(target, packed.stdout.strip().splitlines()[-1])
    with tarfile.open(tarball, "r:gz") as archive:
        data = archive.extractfile(MEMBER).read()
    os.remove(tarball)
    actual = sha256(data)
    if actual != SHA256:
        print("fetch_compose_schema: %s of %s has sha256 %s, expected %s" % (MEMBER, PACKAGE, actual, SHA256),
              file=sys.stderr)
        return 1
    with open(schema, "wb") as out:
        out.write(data)
    print("fetch_compose_schema: %s from %s" % (schema, PACKAGE))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: fetch_compose_schema.py TARGET_DIR", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
