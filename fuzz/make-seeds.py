#!/usr/bin/env python3
"""Writes the fuzzer's seed corpus: every YAML and Mustache file of the tests, the built-in
checklists and templates and the example workspace, each prefixed with the selector byte of the
loader that reads it (see Sources/isogap-fuzz/Fuzz.swift), plus whole workspaces as NUL-separated
parts. Usage: make-seeds.py PACKAGE_ROOT OUT_DIR"""
import hashlib
import pathlib
import re
import sys

root = pathlib.Path(sys.argv[1])
out = pathlib.Path(sys.argv[2])
out.mkdir(parents=True, exist_ok=True)
for old in out.iterdir():
    old.unlink()

KINDS = {"checklist": 1, "workspace": 2, "assessment": 3, "actions": 4, "plan-phases": 5, "labels": 6}


def write(selector, data):
    payload = bytes([selector]) + data
    (out / hashlib.sha1(payload).hexdigest()).write_bytes(payload)


sources = []
for folder in ["Tests/Fixtures", "checklists", "templates", "examples"]:
    sources += sorted((root / folder).rglob("*"))
count = 0
for path in sources:
    # Links are skipped: the hostile corpus has links that lead out of the repository.
    if path.is_symlink() or not path.is_file():
        continue
    data = path.read_bytes()
    if path.suffix == ".mustache":
        write(7, data)
        count += 1
        continue
    if path.suffix not in (".yaml", ".yml"):
        continue
    match = re.search(rb"^kind:\s*([a-z-]+)", data, re.M)
    write(KINDS.get(match.group(1).decode(), 0) if match else 0, data)
    write(0, data)
    count += 2

# Whole workspaces: manifest, ISO 10002 assessment, actions (and an own checklist when there is one).
for manifest in sorted(root.rglob("isogap.yaml")):
    if ".build" in manifest.parts:
        continue
    folder = manifest.parent
    if manifest.is_symlink() or not manifest.is_file():
        continue
    parts = [manifest.read_bytes()]
    for name in ["assessments/iso-10002-2018.yaml", "actions.yaml"]:
        file = folder / name
        parts.append(file.read_bytes() if file.is_file() and not file.is_symlink() else b"")
    write(8, b"\0".join(parts))
    count += 1

# Escaper inputs (selector 9): text with the characters each escaper must handle, alone and followed
# by a combining mark (one Swift character, two Unicode scalars), line breaks of every kind, bidi and
# terminal controls, and spreadsheet formula starts after whitespace.
specials = ['"', "'", "<", ">", "&", "|", ";", ":", "#", ",", "\\", "`", "%", "=", "+", "-", "@", "*", "\0"]
texts = [s + "\u0301x" for s in specials]
texts += ["a\rb", "a\r\nb", "a\nb", "\u2028\u2029\u0085", "\x1b]0;title\x07", "\u202egnp.exe", "\u200b\u2066x\u2069",
          " \n=1+2", "\t=cmd", "\uff1dSUM(A1)", "-5", "+1.5", "=HYPERLINK(\"x\")", "مرحبا, \"عالم\"; <b>",
          "x" * 200 + "\u00e9" * 60]
for text in texts:
    write(9, text.encode("utf-8"))
    count += 1
print(f"seeds: {count} files in {out}")
