"""What each module may load: pure steps load neither Flask nor spaCy, the domain error knows
no HTTP, and the service knows nothing of the command line. Each import runs in a fresh
interpreter, so nothing this test session loaded hides a dependency."""

import json
import subprocess
import sys

import pytest


def modules_loaded_by(module):
    code = f"import sys, json, {module}; print(json.dumps(sorted(sys.modules)))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return set(json.loads(result.stdout))


def top_level(modules):
    return {name.split(".")[0] for name in modules}


@pytest.mark.parametrize("module", ["entity_lens.groups", "entity_lens.labels",
                                    "entity_lens.name_variants", "entity_lens.errors",
                                    "entity_lens.cache", "entity_lens.csv_export"])
def test_pure_modules_load_neither_flask_nor_spacy(module):
    loaded = top_level(modules_loaded_by(module))
    assert not loaded & {"flask", "werkzeug", "spacy", "thinc"}, sorted(loaded)


def test_the_service_knows_nothing_of_the_command_line():
    loaded = modules_loaded_by("entity_lens.service")
    assert not loaded & {"argparse", "entity_lens.cli", "entity_lens.cli_service"}
    assert not top_level(loaded) & {"flask", "spacy"}




def test_the_command_line_loads_no_model_code_until_a_command_needs_it():
    # `entity-lens --help`, `pair` and `service status` stay quick.
    loaded = top_level(modules_loaded_by("entity_lens.cli"))
    assert not loaded & {"flask", "spacy", "trafilatura"}, sorted(loaded)
