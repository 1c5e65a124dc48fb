#!/usr/bin/env python3
"""Writes the hostile-input corpus next to this script (run it from anywhere; it replaces
files/, workspaces/, templates/ and escaping/). Expected outputs (*.expected) are then written by the tests
with UPDATE_GOLDENS=1 and reviewed by hand. See HostileInputTests.swift for how each kind is run.
"""
import os
import pathlib
import shutil

HERE = pathlib.Path(__file__).resolve().parent
for sub in ["files", "workspaces", "templates", "escaping"]:
    shutil.rmtree(HERE / sub, ignore_errors=True)
    (HERE / sub).mkdir()

MANIFEST = """isogap: 1
kind: workspace
organization: Hostile Test Co.
scope: Hostile inputs
assessment_date: 2026-11-20
target_level: 3
checklists: [iso-10002-2018]
"""
ASSESSMENT = "isogap: 1\nkind: assessment\nchecklist: iso-10002-2018\nresponses:\n"
ACTIONS = "isogap: 1\nkind: actions\nactions:\n"
ACTION = ('  - {{id: {id}, title: Fix it, requirements: ["iso-10002-2018:4.2-a"], type: corrective, '
          'owner_role: top-management, opened: 2026-10-01, due: 2026-12-01, status: {status}{extra}}}\n')
CHECKLIST = """isogap: 1
kind: checklist
id: hostile
standard: Hostile
title: Hostile checklist
version: 1.0.0
scale:
  - {level: 0, label: None, min_evidence: 0}
  - {level: 1, label: Some, min_evidence: 0}
roles:
  - {id: owner, name: Owner}
clauses:
"""
REQUIREMENT = """      - id: {id}
        text: Question?
        evidence: [document]
        tasks:
          - {{id: {task}, title: Do it, role: owner, effort_days: 1, phase: design{after}}}
"""


def file(name, data):
    path = HERE / "files" / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)


def nested_flow(depth):
    return "[" * depth + "]" * depth


# --- Manifests (kind: workspace) ----------------------------------------------------------------
file("manifest-version-2.yaml", MANIFEST.replace("isogap: 1", "isogap: 2"))
file("manifest-version-quoted.yaml", MANIFEST.replace("isogap: 1", 'isogap: "1"'))
file("manifest-version-float.yaml", MANIFEST.replace("isogap: 1", "isogap: 1.0"))
file("manifest-target-overflow.yaml", MANIFEST.replace("target_level: 3", "target_level: 99999999999999999999999999"))
file("manifest-target-negative.yaml", MANIFEST.replace("target_level: 3", "target_level: -1"))
file("manifest-age-nan.yaml", MANIFEST + "evidence_max_age_days: .nan\n")
file("manifest-age-infinite.yaml", MANIFEST + "evidence_max_age_days: .inf\n")
file("manifest-age-hex.yaml", MANIFEST + "evidence_max_age_days: 0x7fffffffffffffff\n")
file("manifest-date-day-32.yaml", MANIFEST.replace("2026-11-20", "9999-12-32"))
file("manifest-date-year-zero.yaml", MANIFEST.replace("2026-11-20", "0000-00-00"))
file("manifest-checklist-dotdot.yaml", MANIFEST.replace("[iso-10002-2018]", "[../../../../etc/passwd.yaml]"))
file("manifest-checklist-absolute.yaml", MANIFEST.replace("[iso-10002-2018]", "[/etc/passwd.yaml]"))
file("manifest-checklist-home.yaml", MANIFEST.replace("[iso-10002-2018]", '["~/.ssh/id_rsa.yaml"]'))
file("manifest-python-tag.yaml", MANIFEST.replace("organization: Hostile Test Co.",
                                                  'organization: !!python/object/apply:os.system ["rm -rf /"]'))
file("manifest-local-tag.yaml", MANIFEST.replace("scope: Hostile inputs", "scope: !evil Hostile inputs"))
file("manifest-billion-laughs.yaml", MANIFEST + "".join(
    f"l{i}: &l{i} [{', '.join([f'*l{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(10)))
file("manifest-merge-key.yaml", "base: &base {organization: X}\n" + MANIFEST + "<<: *base\n")
file("manifest-complex-key.yaml", MANIFEST + "? [a, b]\n: c\n")
file("manifest-null-root.yaml", "~\n")
file("manifest-scalar-root.yaml", "just some text\n")
file("manifest-sequence-root.yaml", "- isogap: 1\n- kind: workspace\n")
file("manifest-two-documents.yaml", MANIFEST + "---\n" + MANIFEST)
file("manifest-directives.yaml", "%YAML 1.2\n%TAG !e! tag:evil.example,2026:\n---\n" + MANIFEST + "extra: !e!x y\n")
file("manifest-nul-byte.yaml", MANIFEST.replace("Hostile inputs", "Hostile\0inputs"))
file("manifest-bell-character.yaml", MANIFEST.replace("Hostile inputs", "Hostile\x07inputs"))
file("manifest-bidi-key.yaml", MANIFEST + "organiz\u202eation: x\n")
file("manifest-zero-width-key.yaml", MANIFEST.replace("scope:", "sco\u200bpe:"))
file("manifest-deep-flow.yaml", MANIFEST + "assessors: " + nested_flow(200) + "\n")
file("manifest-deep-block.yaml", MANIFEST + "plan:\n" + "".join("  " * (i + 1) + f"k{i}:\n" for i in range(80)))
file("manifest-long-key.yaml", MANIFEST + "k" * 70000 + ": 1\n")
file("manifest-long-value.yaml", MANIFEST.replace("Hostile inputs", "x" * 70000))
file("manifest-many-unknown-keys.yaml", MANIFEST + "".join(f"key{i}: {i}\n" for i in range(300)))
file("manifest-duplicate-keys.yaml", MANIFEST + "scope: again\n" * 50)
file("manifest-capacity-exponent.yaml", MANIFEST + "plan:\n  capacity: {owner: 1e400}\n")
file("manifest-weekend-bogus.yaml", MANIFEST + "plan:\n  weekend: [funday, 7, ~]\n")
file("manifest-utf16.yaml", "\ufeff".encode("utf-16-le") + MANIFEST.encode("utf-16-le"))
file("manifest-latin1.yaml", MANIFEST.replace("Hostile Test Co.", "Soci\xe9t\xe9").encode("latin-1"))
file("manifest-overlong-utf8.yaml", MANIFEST.encode().replace(b"Hostile Test", b"Hostile \xc0\xafTest"))
file("manifest-surrogate-utf8.yaml", MANIFEST.encode().replace(b"Hostile Test", b"Hostile \xed\xa0\x80Test"))
file("manifest-cr-only.yaml", MANIFEST.replace("\n", "\r") + "bogus: 1\r")
file("manifest-tab-indent.yaml", MANIFEST + "plan:\n\tstart: 2027-01-01\n")
file("manifest-unclosed-quote.yaml", MANIFEST + 'site: "never closed\n')
file("manifest-unclosed-flow.yaml", MANIFEST + "assessors: [{name: a\n")
file("manifest-line-separator.yaml", MANIFEST.replace("Hostile inputs", "Hostile\u2028inputs"))

# --- Assessments -------------------------------------------------------------------------------
file("assessment-level-overflow.yaml", ASSESSMENT + '  "4.2-a": {level: 18446744073709551616}\n')
file("assessment-level-fraction.yaml", ASSESSMENT + '  "4.2-a": {level: 2.5}\n')
file("assessment-level-octal.yaml", ASSESSMENT + '  "4.2-a": {level: 0o7}\n')
file("assessment-file-dotdot.yaml", ASSESSMENT +
     '  "4.2-a":\n    level: 1\n    evidence:\n      - {type: record, ref: x, file: evidence/../../../etc/passwd}\n')
file("assessment-file-home.yaml", ASSESSMENT +
     '  "4.2-a":\n    level: 1\n    evidence:\n      - {type: record, ref: x, file: "~root/.bashrc"}\n')
file("assessment-file-drive.yaml", ASSESSMENT +
     '  "4.2-a":\n    level: 1\n    evidence:\n      - {type: record, ref: x, file: "C:\\\\Windows\\\\win.ini"}\n')
file("assessment-file-newline.yaml", ASSESSMENT +
     '  "4.2-a":\n    level: 1\n    evidence:\n      - {type: record, ref: x, file: "evidence/a\\nb.txt"}\n')
file("assessment-responses-list.yaml", ASSESSMENT + '  - "4.2-a"\n  - level: 1\n')
file("assessment-mapping-key.yaml", ASSESSMENT + "  ? {a: 1}\n  : {level: 1}\n")
file("assessment-sha256-uppercase.yaml", ASSESSMENT +
     '  "4.2-a":\n    level: 1\n    evidence:\n      - {type: record, ref: x, file: evidence/x.txt, sha256: "'
     + "A" * 64 + '"}\n')
file("assessment-evidence-text.yaml", ASSESSMENT + '  "4.2-a":\n    level: 1\n    evidence: "a letter"\n')
file("assessment-checklist-path.yaml", ASSESSMENT.replace("iso-10002-2018", "../../../etc/passwd") +
     '  "4.2-a": {level: 1}\n')
file("assessment-notes-nested.yaml", ASSESSMENT + '  "4.2-a":\n    level: 1\n    notes: ' + nested_flow(60) + "\n")
file("assessment-unknown-ids.yaml", ASSESSMENT + "".join(f'  "9.{i}-z": {{level: 1}}\n' for i in range(200)))
file("assessment-alias.yaml", ASSESSMENT + '  "4.2-a": &r {level: 1}\n  "4.2-b": *r\n')

# --- Action registers --------------------------------------------------------------------------
file("actions-duplicate-ids.yaml", ACTIONS + ACTION.format(id="CA-1", status="open", extra="") * 3)
file("actions-due-before-opened.yaml", ACTIONS + ACTION.format(id="CA-1", status="open", extra="").replace(
    "due: 2026-12-01", "due: 1970-01-01"))
file("actions-unknown-status.yaml", ACTIONS + ACTION.format(id="CA-1", status="deleted", extra=""))
file("actions-verified-bare.yaml", ACTIONS + ACTION.format(id="CA-1", status="verified", extra=""))
file("actions-history-backwards.yaml", ACTIONS + ACTION.format(
    id="CA-1", status="open",
    extra=", history: [{date: 2026-10-05, status: open}, {date: 2026-10-01, status: in-progress}]"))
file("actions-requirement-without-checklist.yaml", ACTIONS + ACTION.format(id="CA-1", status="open", extra="")
     .replace('"iso-10002-2018:4.2-a"', '"4.2-a"'))
file("actions-raises-to-overflow.yaml", ACTIONS + ACTION.format(id="CA-1", status="open",
                                                                extra=", raises_to: 9223372036854775808"))
file("actions-effort-negative.yaml", ACTIONS + ACTION.format(id="CA-1", status="open", extra=", effort_days: -3"))
file("actions-root-list.yaml", "- isogap: 1\n- kind: actions\n")
file("actions-actions-mapping.yaml", ACTIONS.replace("actions:\n", "actions: {CA-1: open}\n"))
file("actions-many-errors.yaml", ACTIONS + "".join(
    ACTION.format(id=f"CA-{i}", status="open", extra="").replace("top-management", f"role-{i}") for i in range(400)))

# --- Checklists --------------------------------------------------------------------------------
def checklist(clauses, header=CHECKLIST):
    return header + clauses


def clause(cid, requirements):
    return f'  - id: "{cid}"\n    title: Clause {cid}\n    requirements:\n' + requirements


cycle = "".join(REQUIREMENT.format(id=f"r{i}", task=f"t{i}", after=f", after: [t{(i + 1) % 30}]") for i in range(30))
file("checklist-task-cycle.yaml", checklist(clause("1", cycle)))
file("checklist-scale-gap.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="")),
                                           CHECKLIST.replace("{level: 1, label: Some", "{level: 1000000, label: Some")))
file("checklist-weight-nan.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="")
                                                   .replace("evidence: [document]", "evidence: [document]\n        weight: .nan"))))
file("checklist-weight-zero.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="")
                                                    .replace("evidence: [document]", "evidence: [document]\n        weight: 0"))))
file("checklist-id-path.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="")),
                                         CHECKLIST.replace("id: hostile", "id: ../../evil")))
file("checklist-map-self-unknown.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="")
                                                         .replace("evidence: [document]", 'evidence: [document]\n        maps: ["hostile:nowhere", "../x:y", ":"]'))))
# Empty clauses are allowed only in a catalogue (a checklist without requirements): one requirement
# makes each of them an error.
file("checklist-empty-clauses.yaml", checklist("".join(f'  - {{id: "{i}", title: T}}\n' for i in range(500))
                                               + clause("last", REQUIREMENT.format(id="r", task="t", after=""))))
deep = ""
for level in range(25):
    deep += "  " * (2 * level) + f'  - id: "d{level}"\n' + "  " * (2 * level) + f"    title: Deep {level}\n" \
            + "  " * (2 * level) + "    clauses:\n"
deep += "  " * 50 + '  - {id: "leaf", title: Leaf}\n'
file("checklist-deep-clauses.yaml", checklist(deep + clause("last", REQUIREMENT.format(id="r", task="t", after=""))))
file("checklist-unknown-phase-role.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="")
                                                           .replace("role: owner", "role: nobody").replace("phase: design", "phase: never"))))
file("checklist-duplicate-ids.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="") * 20)))

# --- Labels and phase templates -----------------------------------------------------------------
file("labels-list.yaml", "isogap: 1\nkind: labels\nlabels: [a, b]\n")
file("labels-no-english.yaml", "isogap: 1\nkind: labels\nlabels:\n  report_title: {ar: تقرير}\n")
file("labels-unknown-key.yaml", "isogap: 1\nkind: labels\nlabel: {report_title: x}\n")
file("labels-nested.yaml", "isogap: 1\nkind: labels\nlabels:\n  report_title: " + nested_flow(50) + "\n")
file("plan-phases-broken.yaml", "isogap: 1\nkind: plan-phases\nroles: [{id: r, name: R}]\nphases:\n"
     "  - {id: p, title: P, accountable: nobody, tasks: [{id: t, title: T, role: ghost, effort_days: -1, phase: p}]}\n"
     "  - {id: p, title: P again, accountable: r, tasks: []}\n")

# --- Workspaces (run with `isogap report`) ------------------------------------------------------
def workspace(name, files):
    root = HERE / "workspaces" / name
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        if data is None:
            path.mkdir(parents=True, exist_ok=True)
        else:
            path.write_bytes(data.encode() if isinstance(data, str) else data)


workspace("manifest-is-a-folder", {"isogap.yaml/keep.txt": "a folder named like the manifest\n"})
workspace("assessment-is-a-folder", {"isogap.yaml": MANIFEST, "assessments/iso-10002-2018.yaml/keep.txt": "x\n"})
workspace("actions-is-a-folder", {"isogap.yaml": MANIFEST, "actions.yaml/keep.txt": "x\n"})
workspace("everything-broken", {
    "isogap.yaml": MANIFEST + "plan: {start: 2027-02-30}\n",
    "assessments/iso-10002-2018.yaml": ASSESSMENT + '  "4.2-a": {level: 9}\n  "nope": {level: 1}\n',
    "actions.yaml": ACTIONS + ACTION.format(id="CA-1", status="verified", extra=""),
})
workspace("own-checklist-outside", {"isogap.yaml": MANIFEST.replace("[iso-10002-2018]", "[../outside.yaml]")})
workspace("own-checklist-broken", {
    "isogap.yaml": MANIFEST.replace("[iso-10002-2018]", "[own.yaml]"),
    "own.yaml": checklist(clause("1", cycle)),
})

# --- Templates folders (run with `isogap report ../sample --templates DIR`) ----------------------
def templates(name, files, links=None):
    root = HERE / "templates" / name
    root.mkdir(parents=True, exist_ok=True)
    for relative, data in files.items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data.encode() if isinstance(data, str) else data)
    for relative, target in (links or {}).items():
        path = root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        os.symlink(target, path)


REPORT = "report/report.md.mustache"
templates("unclosed-section", {REPORT: "# {{organization}}\n{{#gaps}}\n- {{requirement}}\n"})
templates("unfinished-tag", {REPORT: "# {{organization\n"})
templates("mismatched-close", {REPORT: "{{#gaps}}x{{/actions}}\n"})
templates("bad-delimiters", {REPORT: "{{=<% %>}}\n"})
templates("bad-pragma", {REPORT: "{{% CONTENT_TYPE }}\n"})
templates("unknown-pragma", {REPORT: "{{% SHELL: rm -rf / }}\n"})
templates("not-utf8", {REPORT: b"# Report \xff\xfe\n"})
templates("deep-sections", {REPORT: "{{#a}}" * 20000 + "{{/a}}" * 20000 + "\n"})
templates("self-partial", {REPORT: "{{>report/report.md}}\n"})
templates("partial-cycle", {REPORT: "{{>a}}\n", "a.mustache": "{{=<% %>=}}<%>b%>\n", "b.mustache": "{{>a}}\n"})
templates("deep-sections-custom-delimiters", {REPORT: "{{=<% %>=}}" + "<%#a%>" * 20000 + "<%/a%>" * 20000 + "\n"})
templates("labels-invalid", {"labels.yaml": "isogap: 1\nkind: labels\nlabels:\n  report_title: {fr: Rapport}\n  x: [1]\n"})
templates("labels-not-yaml", {"labels.yaml": "isogap: 1\nkind: labels\nlabels: {a: [}\n"})
templates("labels-alias", {"labels.yaml": "isogap: 1\nkind: labels\nlabels:\n  a: &x {en: A}\n  b: *x\n"})
templates("labels-wrong-kind", {"labels.yaml": "isogap: 1\nkind: checklist\nlabels: {}\n"})
templates("link-outside", {}, {REPORT: "../../../../sample/isogap.yaml"})
templates("link-absolute", {}, {"labels.yaml": "/etc/hostname"})
templates("link-folder-outside", {}, {"report": "../../../sample"})
templates("link-dangling", {}, {REPORT: "nowhere.mustache"})



# --- Unbounded work (each must be refused within the CPU and memory limits) -------------------
# "Did you mean" over a 60,000-character id: the suggestion search is bounded.
# (As values: libyaml refuses keys longer than 1024 characters by itself.)
file("assessment-long-checklist-id.yaml", ASSESSMENT.replace("iso-10002-2018", "iso-10002-2018" + "a" * 60000))
file("actions-long-requirement-id.yaml", ACTIONS + ACTION.format(id="CA-1", status="open", extra="").replace(
    "iso-10002-2018:4.2-a", "iso-10002-2018:4.2-" + "a" * 60000))
# Efforts that would plan for ever (SPEC §4: at most 250 person-days).
file("checklist-effort-huge.yaml", checklist(clause("1", REQUIREMENT.format(id="r", task="t", after="")
                                                    .replace("effort_days: 1", "effort_days: 999999999999999999"))))
file("plan-phases-effort-huge.yaml", "isogap: 1\nkind: plan-phases\nroles: [{id: r, name: R}]\nphases:\n"
     "  - {id: p, title: P, accountable: r, tasks: [{id: t, title: T, role: r, effort_days: 999999999999999999, phase: p}]}\n")
file("actions-effort-huge.yaml", ACTIONS + ACTION.format(id="CA-1", status="open", extra=", effort_days: 250.5"))
# Plans whose dates would pass 9999-12-31 (SPEC §8).
GAPS = ASSESSMENT + "".join(f'  "4.{i}-a": {{level: 0}}\n' for i in range(2, 4))
workspace("plan-past-9999", {"isogap.yaml": MANIFEST + "plan: {start: 9999-12-01}\n",
                             "assessments/iso-10002-2018.yaml": GAPS})
workspace("plan-starts-9999-12-31", {"isogap.yaml": MANIFEST + "plan: {start: 9999-12-31}\n",
                                     "assessments/iso-10002-2018.yaml": GAPS})
# Render bombs: sections nested over the gap list, and partials that each include the next twice.
templates("bomb-nested-sections", {REPORT: "{{#gaps}}" * 40 + "{{requirement}}" + "{{/gaps}}" * 40 + "\n"})
templates("bomb-doubling-partials", {REPORT: "{{>p1}}\n", **{f"p{i}.mustache": f"{{{{>p{i + 1}}}}}{{{{>p{i + 1}}}}}"
                                                            for i in range(1, 60)}, "p60.mustache": "lol"})
templates("bomb-partials-in-sections", {REPORT: "{{#gaps}}{{#gaps}}{{#gaps}}{{>p1}}{{/gaps}}{{/gaps}}{{/gaps}}\n",
                                        **{f"p{i}.mustache": f"{{{{>p{i + 1}}}}}{{{{>p{i + 1}}}}}" for i in range(1, 14)},
                                        "p14.mustache": "{{organization}}"})

# --- Escaping (valid workspaces whose text must come out as text in every format) ---------------
# Run by EscapingTests.swift: every output is read back by an independent reader. Each special
# character is followed by a combining mark (U+0301), which makes it one Swift Character with the
# mark: an escaper that compares whole characters lets it through.
SAMPLE = HERE.parent / "sample"
MARK = "\\u0301"
SPECIALS = '\\"' + MARK + " data-injected=" + '\\"' + "1" + MARK + " |" + MARK + " *" + MARK + " _" + MARK + " [" + MARK + "]" \
    + " ;" + MARK + " :" + MARK + " #" + MARK + " %" + MARK + " (" + MARK + ")" + " `" + MARK + " <" + MARK \
    + "b>" + " ," + MARK + " &" + MARK + " \\\\" + MARK + " '" + MARK + " }" + MARK + "{"
# Line breaks (CR LF, LF, lone CR) each followed by what a spreadsheet would run.
BREAKS = "\\r\\n=HYPERLINK(\\" + '"' + "http://x\\" + '"' + ")" + MARK + "\\n+1+2\\r@SUM(A1)\\n -3+4\\r\\n\\t=5"


def escaping(name, replacements):
    root = HERE / "escaping" / name
    for source in sorted(SAMPLE.rglob("*")):
        if source.is_dir():
            continue
        relative = source.relative_to(SAMPLE)
        text = source.read_text(encoding="utf-8")
        for old, new in replacements.get(str(relative), []):
            assert old in text, (relative, old)
            text = text.replace(old, new)
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")


def quoted(text):
    return '"' + text + '"'


escaping("combining-marks", {
    "isogap.yaml": [
        ('organization: "Sample & Sons <Trading> | Co."', "organization: " + quoted("Org " + SPECIALS)),
        ("scope: Complaints received at the front desk", "scope: " + quoted("Scope " + SPECIALS + BREAKS)),
    ],
    "sample-checklist.yaml": [
        ("title: {en: Recording, ar: التسجيل}", "title: {en: " + quoted("Sub " + SPECIALS) + ", ar: التسجيل}"),
        ("title: {en: Receiving complaints, ar: استلام الشكاوى}",
         "title: {en: " + quoted("Top " + SPECIALS) + ", ar: استلام الشكاوى}"),
        ('title: {en: "Write an acknowledgement template", ar:', "title: {en: " + quoted("Task " + SPECIALS) + ", ar:"),
        ('text: {en: "Is every complaint recorded with a unique reference?", ar:',
         "text: {en: " + quoted("Question " + SPECIALS) + ", ar:"),
    ],
    "assessments/sample-complaints.yaml": [
        ('notes: "Register kept in the CRM; every ticket has a reference."',
         "notes: " + quoted("Notes " + SPECIALS + BREAKS)),
        ('notes: "=SUM(A1:A2), typed by the assessor, must stay text"', "notes: " + quoted(BREAKS)),
    ],
    "actions.yaml": [
        ('title: "Keep the register reference on every ticket"', "title: " + quoted("Done " + SPECIALS)),
        ('title: "Start the monthly trend review"', "title: " + quoted("Action " + SPECIALS + BREAKS)),
    ],
})

print("corpus written")
