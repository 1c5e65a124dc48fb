"""Validates OSCAL 1.1.2 JSON documents with two independent validators from PyPI.

1. compliance-trestle: the document is loaded with its pydantic models of OSCAL 1.1.2, then put in a
   `trestle init` workspace and checked with `trestle validate -f` (trestle's command line, run in
   this process: one Python start and one import of trestle for every file).
2. oscal: `OSCAL.load(path).is_valid` (metaschema-based validation of the 1.1.2 support data).

Usage: python3 validate_oscal.py FILE...   Prints one JSON line per file; exits 1 if any is invalid.
"""
import contextlib
import io
import json
import os
import shutil
import sys
import tempfile

try:
    from trestle.oscal.assessment_results import AssessmentResults
    from trestle.oscal.catalog import Catalog
    from trestle.oscal.poam import PlanOfActionAndMilestones
    from oscal import OSCAL
    from trestle.cli import Trestle
except ImportError as error:
    sys.exit(f"missing Python package ({error}); install with: python3 -m pip install compliance-trestle oscal")

MODELS = {
    "assessment-results": (AssessmentResults, "assessment-results", "assessment-results.json"),
    "plan-of-action-and-milestones": (PlanOfActionAndMilestones, "plan-of-action-and-milestones",
                                      "plan-of-action-and-milestones.json"),
    "catalog": (Catalog, "catalogs", "catalog.json"),
}



def trestle(*arguments):
    """Runs trestle's command line in this process; its exit status and what it printed."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
        try:
            status = Trestle().run(list(arguments))
        except SystemExit as exit:
            status = exit.code
    return status or 0, out.getvalue()


failed = False
paths = [os.path.abspath(path) for path in sys.argv[1:]]
workspace = tempfile.mkdtemp(prefix="isogap-trestle-")
# The oscal package unpacks its support data into ./support: keep it out of the caller's folder.
os.chdir(workspace)
try:
    status, output = trestle("init")
    if status != 0:
        sys.exit(f"trestle init failed: {output}")
    for index, path in enumerate(paths):
        with open(path, encoding="utf-8") as handle:
            document = json.load(handle)
        root = next(iter(document))
        model, folder, name = MODELS[root]
        result = {"file": path, "root": root}
        body = document[root]
        result["oscal_version"] = body["metadata"]["oscal-version"]
        try:
            model.model_validate(body)
            result["trestle_model"] = "ok"
        except Exception as error:  # pydantic's ValidationError
            result["trestle_model"] = str(error)[:2000]
        target = os.path.join(workspace, folder, f"doc{index}")
        os.makedirs(target, exist_ok=True)
        shutil.copy(path, os.path.join(target, name))
        status, output = trestle("validate", "-f", os.path.join(target, name))
        result["trestle_validate"] = "ok" if status == 0 else (output or f"exit {status}")[-2000:]
        loaded = OSCAL.load(path)
        result["oscal_is_valid"] = bool(loaded.is_valid)
        if not loaded.is_valid:
            result["oscal_errors"] = [str(e) for e in loaded.validation_errors[:10]]
        ok = result["trestle_model"] == "ok" and result["trestle_validate"] == "ok" and result["oscal_is_valid"]
        failed = failed or not ok
        print(json.dumps(result))
finally:
    shutil.rmtree(workspace, ignore_errors=True)
sys.exit(1 if failed else 0)
