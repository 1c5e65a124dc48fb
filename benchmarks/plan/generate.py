#!/usr/bin/env python3
"""Writes a synthetic isogap workspace for the planner benchmark.

One custom checklist with REQUIREMENTS requirements of TASKS_PER tasks each (5,000 tasks by
default), spread over 20 roles and the ten phases of the built-in phase template, each task
depending on up to two earlier tasks of the same or an earlier phase; one task in ten carries a
tag, and one in twenty also waits for a tag of an earlier phase (`tag:` words). Every requirement is
assessed at level 0 against a target of 3, so every one is a gap and every task is planned.
The generator is seeded: the same arguments give the same workspace.
"""
import os
import random
import sys

folder = sys.argv[1]
requirements = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
tasks_per = int(sys.argv[3]) if len(sys.argv) > 3 else 5
roles = [f"role-{n:02d}" for n in range(1, 21)]
phases = ["mobilize", "diagnose", "design", "approve", "implement", "train", "go-live", "operate", "audit", "review"]
rng = random.Random(20270103)

os.makedirs(os.path.join(folder, "assessments"), exist_ok=True)
lines = [
    "isogap: 1",
    "kind: checklist",
    "id: bench",
    "standard: Benchmark",
    "title: {en: Synthetic planner benchmark, ar: اختبار أداء}",
    "version: 1.0.0",
    "scale:",
    "  - {level: 0, label: {en: None, ar: لا يوجد}, min_evidence: 0}",
    "  - {level: 1, label: {en: Informal, ar: غير رسمي}, min_evidence: 0}",
    "  - {level: 2, label: {en: Defined, ar: محدد}, min_evidence: 0}",
    "  - {level: 3, label: {en: Proven, ar: مثبت}, min_evidence: 0}",
    "roles:",
]
for role in roles:
    lines.append(f"  - {{id: {role}, name: {{en: 'Role {role[-2:]}', ar: 'الدور {role[-2:]}'}}}}")
lines.append("clauses:")
task_phase = {}
tagged_phases = set()
per_clause = 20
for clause in range(requirements // per_clause):
    lines.append(f'  - id: "{clause + 1}"')
    lines.append(f"    title: {{en: 'Clause {clause + 1}', ar: 'البند {clause + 1}'}}")
    lines.append("    requirements:")
    for r in range(per_clause):
        number = clause * per_clause + r
        lines.append(f'      - id: "r{number}"')
        lines.append(f"        text: {{en: 'Question {number}?', ar: 'السؤال {number}؟'}}")
        lines.append("        tasks:")
        for t in range(tasks_per):
            task = f"t{number}-{t}"
            phase = rng.randrange(len(phases))
            earlier = [k for k in rng.sample(sorted(task_phase), min(len(task_phase), 3)) if task_phase[k] <= phase][:2] if task_phase else []
            task_phase[task] = phase
            words = [f'"{k}"' for k in earlier]
            tags = ""
            if rng.randrange(10) == 0:
                tags = f", tags: [ph-{phase}]"
                tagged_phases.add(phase)
            earlier_tags = sorted(p for p in tagged_phases if p < phase)
            if earlier_tags and rng.randrange(20) == 0:
                words.append(f'"tag:ph-{rng.choice(earlier_tags)}"')
            lines.append(f'          - {{id: "{task}", title: {{en: "Task {task}", ar: "المهمة {task}"}}, role: {rng.choice(roles)}, effort_days: {rng.choice([0.5, 1, 1.5, 2, 3, 5])}, phase: {phases[phase]}{tags}, after: [{", ".join(words)}]}}')
with open(os.path.join(folder, "bench.yaml"), "w") as f:
    f.write("\n".join(lines) + "\n")

with open(os.path.join(folder, "assessments", "bench.yaml"), "w") as f:
    f.write("isogap: 1\nkind: assessment\nchecklist: bench\nresponses:\n")
    for number in range(requirements // per_clause * per_clause):
        f.write(f'  "r{number}": {{level: 0}}\n')

capacity = ", ".join(f"{role}: {rng.randint(1, 3)}" for role in roles)
with open(os.path.join(folder, "isogap.yaml"), "w") as f:
    f.write(f"""isogap: 1
kind: workspace
organization: Benchmark Co.
scope: Synthetic workspace for the planner benchmark
language: en
assessment_date: 2026-11-20
target_level: 3
checklists: [bench.yaml]
plan:
  start: 2027-01-03
  weekend: [fri, sat]
  holidays: [2027-02-22, 2027-03-09, 2027-03-10, 2027-03-11, 2027-05-15, 2027-05-16, 2027-05-17, 2027-05-18, 2027-09-23]
  capacity: {{{capacity}}}
  phase_gates: {sys.argv[4] if len(sys.argv) > 4 else 'true'}
""")
with open(os.path.join(folder, "actions.yaml"), "w") as f:
    f.write("isogap: 1\nkind: actions\nactions: []\n")
print(f"{folder}: {len(task_phase)} tasks, {len(roles)} roles")
