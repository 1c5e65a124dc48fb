"""Applies the rules CISO Assistant's library loader enforces to a framework library file.

Independent of isogap: reads the YAML with PyYAML (as CISO Assistant does). Usage:
python3 check_ciso_library.py FILE. Prints a JSON summary; exits 1 listing every broken rule.
"""
import json
import sys

import yaml

KNOWN_OBJECTS = {"framework", "frameworks", "reference_controls", "threats", "risk_matrix", "risk_matrices",
                 "requirement_mapping_set", "requirement_mapping_sets", "dependencies"}

with open(sys.argv[1], encoding="utf-8") as handle:
    library = yaml.safe_load(handle)
problems = []
for key in ("ref_id", "urn", "locale", "objects", "version"):
    if library.get(key) in (None, ""):
        problems.append(f"library: '{key}' is missing")
if not isinstance(library.get("version"), int):
    problems.append("library: version is not an integer")
if library.get("urn") != str(library.get("urn")).lower():
    problems.append("library: urn is not lower case")
objects = library.get("objects") or {}
for key in objects:
    if key not in KNOWN_OBJECTS:
        problems.append(f"objects: unknown object type '{key}'")
framework = objects.get("framework") or {}
for key in ("ref_id", "urn"):
    if not framework.get(key):
        problems.append(f"framework: '{key}' is missing")
low, high = framework.get("min_score", 0), framework.get("max_score", 100)
if not (isinstance(low, int) and isinstance(high, int) and 0 <= low < high):
    problems.append(f"framework: scores {low}..{high} are not 0 <= min < max")
for entry in framework.get("scores_definition") or []:
    if not isinstance(entry.get("score"), int) or not (low <= entry["score"] <= high):
        problems.append(f"scores_definition: score {entry.get('score')} outside {low}..{high}")
nodes = framework.get("requirement_nodes") or []
if not nodes:
    problems.append("framework: requirement_nodes is empty")
seen = set()
assessable = 0
for index, node in enumerate(nodes):
    where = f"requirement_nodes[{index}]"
    urn = node.get("urn")
    if not urn:
        problems.append(f"{where}: no urn")
        continue
    if urn != urn.lower():
        problems.append(f"{where}: urn {urn} is not lower case")
    if urn.lower() in seen:
        problems.append(f"{where}: duplicate urn {urn}")
    parent = node.get("parent_urn")
    if parent is not None and parent.lower() not in seen:
        problems.append(f"{where}: parent_urn {parent} does not name an earlier node")
    seen.add(urn.lower())
    if not isinstance(node.get("assessable"), bool):
        problems.append(f"{where}: assessable is not true or false")
    assessable += bool(node.get("assessable"))
    if "weight" in node and not isinstance(node["weight"], int):
        problems.append(f"{where}: weight is not an integer")
    if len(node.get("name") or "") > 200:
        problems.append(f"{where}: name longer than 200 characters")
    for language, texts in (node.get("translations") or {}).items():
        if len(texts.get("name") or "") > 200:
            problems.append(f"{where}: {language} name longer than 200 characters")
    if node.get("assessable") and not (node.get("description") or node.get("name")):
        problems.append(f"{where}: assessable node with neither name nor description")
print(json.dumps({"nodes": len(nodes), "assessable": assessable, "problems": problems}))
sys.exit(1 if problems else 0)
