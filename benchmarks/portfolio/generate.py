#!/usr/bin/env python3
"""Writes N synthetic but realistic isogap workspaces for the portfolio benchmark.

Each workspace is modelled on examples/alnoor-retail: a manifest with plan settings, both ISO
checklists (10002 and 10004) fully answered (every requirement has a level, or is marked not
applicable with a justification), 1-3 evidence items per response with dates and references,
notes, and an action register of 20 actions with every status, verification records and history.
Every workspace is valid, so `isogap portfolio` scores them all.

    generate.py OUT_DIR N [--seed S]

The output is deterministic for a given N and seed. Needs PyYAML (to read the checklists' ids).
"""
import argparse
import datetime
import pathlib
import random
import shutil

import yaml

ROOT = pathlib.Path(__file__).resolve().parents[2]
CHECKLISTS = ["iso-10002-2018", "iso-10004-2018"]
CITIES = ["Riyadh", "Jeddah", "Dammam", "Khobar", "Mecca", "Medina", "Taif", "Tabuk", "Abha", "Buraidah",
          "Hail", "Jazan", "Najran", "Yanbu", "Al Ahsa", "Jubail", "Qatif", "Khamis Mushait"]
PEOPLE = ["Sara Odeh", "Faisal Al-Harbi", "Mariam Khalil", "Omar Farouk", "Hind Al-Otaibi", "Yousef Haddad",
          "Lina Barakat", "Rania Saleh", "Tariq Al-Shehri", "Abdullah Al-Dosari", "Noura Al-Qahtani"]
EVIDENCE = {
    "document": ["Complaints-handling policy v{v}, signed by the CEO", "Procedure CP-{n:02d} rev {v}",
                 "Customer Care staffing plan {y}", "Survey questionnaire wave {v}", "Service charter v{v}"],
    "record": ["CRM export, complaints closed in {m}", "Management review minutes {d}, item {n}",
               "Acknowledgement log, {m}", "Training attendance sheet, session {n}",
               "Satisfaction survey results, wave {v}"],
    "interview": ["Interview with the store manager", "Interview with the Head of Customer Care",
                  "Interview with two contact-centre agents", "Interview with the Quality Manager"],
    "observation": ["Walk-through of the service desk on {d}", "Observation of complaint intake at the counter",
                    "Listening-in on ten phone complaints", "Review of the complaints board in the back office"],
}
NOTES = ["Practice is consistent across the sampled shifts, but nothing is written down for the night shift.",
         "The procedure exists; staff could not say where to find it.",
         "Figures are reported monthly but not discussed at the management review.",
         "Sample of 20 complaints: 17 handled within the target time.",
         "Owner named in the policy; the deputy is not.",
         "Data is collected but no trend analysis is done.",
         "Good practice: the weekly huddle reviews every open complaint older than five days."]
ACTION_TITLES = ["Write a procedure for {r}", "Train store staff on {r}", "Set up a CRM report for {r}",
                 "Assign an owner for {r}", "Review the survey design for {r}", "Publish the policy section on {r}"]


def load_checklist(checklist_id):
    data = yaml.load((ROOT / "checklists" / f"{checklist_id}.yaml").read_text(), Loader=yaml.CSafeLoader)
    requirements = []

    def walk(clauses):
        for clause in clauses:
            for requirement in clause.get("requirements", []):
                requirements.append((requirement["id"], requirement.get("evidence", [])))
            walk(clause.get("clauses", []))

    walk(data["clauses"])
    return requirements, [role["id"] for role in data["roles"]]


def quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def day(start, offset):
    return (start + datetime.timedelta(days=offset)).isoformat()


def manifest(index, rng, city):
    # A site reporting in Arabic has its texts in both languages (as in examples/alnoor-retail),
    # so that every workspace validates without a warning.
    language = rng.choice(["en", "en", "ar"])
    lead, auditor = rng.choice(PEOPLE), rng.choice(PEOPLE)
    if language == "ar":
        organization = "{en: Al Noor Retail Co., ar: شركة النور للتجزئة}"
        site = f"{{en: {city} store {index:05d}, ar: فرع {city} {index:05d}}}"
        scope = ("\n  en: \"Complaints handling and customer satisfaction measurement at the "
                 f"{city} store {index:05d}, its click-and-collect counter and home deliveries from it.\""
                 "\n  ar: \"معالجة الشكاوى وقياس رضا العملاء في الفرع وخدمة الاستلام والتوصيل المنزلي منه.\"")
        roles = ("{en: lead assessor, ar: المقيّم الرئيسي}", "{en: internal auditor, ar: مدقق داخلي}")
    else:
        organization = "Al Noor Retail Co."
        site = f"{city} store {index:05d}"
        scope = (f" \"Complaints handling and customer satisfaction measurement at the {city} store {index:05d}, "
                 "its click-and-collect counter and home deliveries from it.\"")
        roles = ("lead assessor", "internal auditor")
    return f"""# Synthetic workspace {index:05d} for the portfolio benchmark (modelled on examples/alnoor-retail).
isogap: 1
kind: workspace
organization: {organization}
site: {site}
scope:{scope}
language: {language}
assessment_date: 2026-11-20
assessors:
  - {{name: {lead}, role: {roles[0]}}}
  - {{name: {auditor}, role: {roles[1]}}}
target_level: 3
checklists: [iso-10002-2018, iso-10004-2018]
evidence_max_age_days: 730

plan:
  start: 2027-01-03
  weekend: [fri, sat]
  holidays: [2027-02-22, 2027-03-09, 2027-03-10, 2027-03-11, 2027-09-23]
  capacity: {{complaints-manager: 1, quality-manager: 1}}
  phase_gates: true
"""


def assessment(checklist_id, requirements, rng):
    lines = [f"# Synthetic assessment of {checklist_id}.", "isogap: 1", "kind: assessment",
             f"checklist: {checklist_id}", "responses:"]
    base = datetime.date(2025, 1, 1)
    for requirement_id, expected in requirements:
        lines.append(f'  "{requirement_id}":')
        if rng.random() < 0.03:
            lines.append("    applicable: false")
            lines.append("    justification: The store does not offer this service; it is run by head office.")
            continue
        lines.append(f"    level: {rng.choice([0, 1, 1, 2, 2, 2, 3, 3, 4])}")
        if rng.random() < 0.1:
            lines.append("    target: 4")
        lines.append("    evidence:")
        for _ in range(rng.randint(1, 3)):
            kind = rng.choice(expected) if expected and rng.random() < 0.7 else rng.choice(list(EVIDENCE))
            ref = rng.choice(EVIDENCE[kind]).format(
                v=f"{rng.randint(1, 4)}.{rng.randint(0, 9)}", n=rng.randint(1, 30), y=rng.choice([2025, 2026]),
                m=rng.choice(["June 2026", "August 2026", "October 2026", "Q3 2026"]),
                d=day(datetime.date(2026, 1, 1), rng.randint(0, 320)))
            lines.append(f"      - type: {kind}")
            lines.append(f"        ref: {quote(ref)}")
            produced = rng.randint(0, 680)
            lines.append(f"        date: {day(base, produced)}")
            if rng.random() < 0.15:
                lines.append(f"        expires: {day(base, produced + rng.randint(180, 900))}")
        lines.append(f"    notes: {quote(rng.choice(NOTES))}")
    return "\n".join(lines) + "\n"


def actions(keys, roles, rng):
    lines = ["# Synthetic corrective-action register: 20 actions.", "isogap: 1", "kind: actions", "actions:"]
    statuses = ["open", "in-progress", "done", "verified", "cancelled"]
    for number in range(1, 21):
        status = statuses[(number - 1) % len(statuses)] if number <= 10 else rng.choice(statuses)
        opened = datetime.date(2026, 1, 1) + datetime.timedelta(days=rng.randint(0, 300))
        due = opened + datetime.timedelta(days=rng.randint(20, 200))
        named = rng.sample(keys, rng.randint(1, 3))
        lines.append("")
        lines.append(f"  - id: CA-{number:03d}")
        lines.append(f"    title: {quote(rng.choice(ACTION_TITLES).format(r=named[0].split(':')[1]))}")
        lines.append(f"    requirements: [{', '.join(quote(key) for key in named)}]")
        lines.append(f"    type: {rng.choice(['correction', 'corrective', 'preventive', 'improvement'])}")
        lines.append("    root_cause: No one owned the step, so it was done differently in every shift")
        lines.append(f"    owner_role: {rng.choice(roles)}")
        lines.append(f"    owner: {rng.choice(PEOPLE)}")
        lines.append(f"    opened: {opened.isoformat()}")
        lines.append(f"    due: {due.isoformat()}")
        lines.append(f"    status: {status}")
        lines.append(f"    raises_to: {rng.randint(2, 4)}")
        lines.append(f"    effort_days: {rng.randint(1, 10)}")
        history = [("open", opened)]
        if status in ("in-progress", "done", "verified"):
            history.append(("in-progress", opened + datetime.timedelta(days=7)))
        if status in ("done", "verified"):
            history.append(("done", opened + datetime.timedelta(days=15)))
        if status == "verified":
            verified = opened + datetime.timedelta(days=30)
            history.append(("verified", verified))
            lines.append("    verification:")
            lines.append(f"      date: {verified.isoformat()}")
            lines.append(f"      by: {rng.choice(PEOPLE)} (internal audit)")
            lines.append("      effective: true")
            lines.append("      note: Sample of ten cases after the change; all ten followed the new step.")
        if status == "cancelled":
            history.append(("cancelled", opened + datetime.timedelta(days=10)))
        lines.append("    history:")
        for state, when in history:
            lines.append(f"      - {{date: {when.isoformat()}, status: {state}, by: {rng.choice(PEOPLE)}}}")
    return "\n".join(lines) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("count", type=int)
    parser.add_argument("--seed", type=int, default=2026)
    args = parser.parse_args()
    out = pathlib.Path(args.out)
    if out.exists():
        shutil.rmtree(out)
    checklists = {checklist_id: load_checklist(checklist_id) for checklist_id in CHECKLISTS}
    keys = [f"{checklist_id}:{requirement_id}" for checklist_id in CHECKLISTS
            for requirement_id, _ in checklists[checklist_id][0]]
    roles = sorted({role for _, checklist_roles in checklists.values() for role in checklist_roles})
    total = 0
    for index in range(1, args.count + 1):
        rng = random.Random(args.seed * 1_000_003 + index)
        city = CITIES[index % len(CITIES)]
        folder = out / f"region-{index % 10}" / f"site-{index:05d}"
        (folder / "assessments").mkdir(parents=True)
        files = {"isogap.yaml": manifest(index, rng, city), "actions.yaml": actions(keys, roles, rng)}
        for checklist_id in CHECKLISTS:
            files[f"assessments/{checklist_id}.yaml"] = assessment(checklist_id, checklists[checklist_id][0], rng)
        for name, text in files.items():
            (folder / name).write_text(text)
            total += len(text.encode())
    print(f"wrote {args.count} workspaces, {total / 1e6:.1f} MB of YAML, under {out}")


if __name__ == "__main__":
    main()
