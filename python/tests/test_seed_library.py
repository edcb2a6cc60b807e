"""The library's seed content (`library/seed/`): every resource is complete, classified
with the taxonomy (`library/taxonomy.json`), openly licensed, and every notebook runs top
to bottom in the platform's Python environment.

What is tried: each resource folder has a `candyce-resource.json` with the expected
fields (title, summary, disciplines, levels, keywords, language, duration, licence,
authors) whose ids all exist in the taxonomy; at least one notebook, each valid against
nbformat's own JSON schema, in French, without outputs (a library stores the teaching
material, not one run of it); then each notebook is executed with nbclient in a copy of
its folder (so that it reads its data files and writes nothing into the repository) and
must finish without error, with the kernel of the resource's standard environment: the
Python of `<store>/envs/<id>` that the set-up built from `binder-configs/<name>` (the
store is `.environments`, or `CANDYCE_ENVIRONMENTS_DIR`). The mapping from resources
to standard environments is `binder-configs/seed-environments.json`, because the hub's
resource metadata is strict and has no field for it. At least 30 resources, and every
discipline the issue names.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from functools import cache
from pathlib import Path

import nbformat
import pytest
from jupyter_client import KernelManager
from jupyter_client.kernelspec import KernelSpecManager
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "library" / "seed"
TAXONOMY = json.loads((REPO / "library" / "taxonomy.json").read_text("utf-8"))
CONFIGS = REPO / "binder-configs"
SEED_ENVIRONMENTS = json.loads(
    (CONFIGS / "seed-environments.json").read_text("utf-8")
)
STORE = Path(os.environ.get("CANDYCE_ENVIRONMENTS_DIR", REPO / ".environments"))
ENGINE = REPO / "environments" / "lib" / "cli.js"

RESOURCES = sorted(p for p in SEED.iterdir() if p.is_dir()) if SEED.exists() else []
NOTEBOOKS = [nb for folder in RESOURCES for nb in sorted(folder.glob("*.ipynb"))]

FIELDS = {
    "title",
    "summary",
    "disciplines",
    "levels",
    "keywords",
    "language",
    "durationMinutes",
    "licence",
    "authors",
}


def ids(kind: str) -> set[str]:
    return {entry["id"] for entry in TAXONOMY[kind]}


@cache
def environment_ids() -> dict[str, str]:
    """Each standard environment's id, as the engine computes it from its lock."""
    names = sorted(p.name for p in CONFIGS.iterdir() if (p / "candyce-lock.json").exists())
    assert ENGINE.exists(), f"{ENGINE} is missing: build the engine (./candyce test)"
    result = subprocess.run(
        ["node", str(ENGINE), "id", *(str(CONFIGS / name) for name in names)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return dict(zip(names, result.stdout.split(), strict=True))


def environment_python(name: str) -> Path:
    """The interpreter of standard environment `name` in the store, which must exist."""
    environment_id = environment_ids()[name]
    python = STORE / "envs" / environment_id / "bin" / "python"
    if not python.exists():
        pytest.fail(
            f"the standard environment {name!r} ({environment_id[:16]}) is not built in "
            f"{STORE}: run ./candyce test, or node environments/lib/cli.js build "
            f"binder-configs/{name} --store {STORE}"
        )
    return python


def kernel_manager(name: str, kernels: Path) -> KernelManager:
    """A kernel manager that starts the kernel of standard environment `name`."""
    spec = kernels / f"candyce-{name}"
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [
                    str(environment_python(name)),
                    "-m",
                    "ipykernel_launcher",
                    "-f",
                    "{connection_file}",
                ],
                "display_name": f"Python 3 ({name})",
                "language": "python",
            }
        ),
        "utf-8",
    )
    return KernelManager(
        kernel_name=f"candyce-{name}",
        kernel_spec_manager=KernelSpecManager(kernel_dirs=[str(kernels)]),
    )


def test_there_are_enough_resources_across_the_disciplines() -> None:
    assert len(RESOURCES) >= 30
    covered = {
        d
        for folder in RESOURCES
        for d in json.loads((folder / "candyce-resource.json").read_text("utf-8"))[
            "disciplines"
        ]
    }
    wanted = {
        "snt",
        "nsi",
        "mathematiques",
        "physique-chimie",
        "svt",
        "ses",
        "histoire-geographie",
        "lettres",
    }
    assert wanted <= covered
    levels = {
        level
        for folder in RESOURCES
        for level in json.loads(
            (folder / "candyce-resource.json").read_text("utf-8")
        )["levels"]
    }
    assert levels & {"cm1", "cm2", "6e"}, "no resource for cycle 3"
    assert levels & {"5e", "4e", "3e"}, "no resource for cycle 4"


@pytest.mark.parametrize("folder", RESOURCES, ids=lambda p: p.name)
def test_resource_metadata_uses_the_taxonomy(folder: Path) -> None:
    meta = json.loads((folder / "candyce-resource.json").read_text("utf-8"))
    assert set(meta) == FIELDS
    assert 5 <= len(meta["title"]) <= 120
    assert 40 <= len(meta["summary"]) <= 600
    assert meta["disciplines"] and set(meta["disciplines"]) <= ids("disciplines")
    assert meta["levels"] and set(meta["levels"]) <= ids("levels")
    assert meta["language"] in ids("languages")
    assert meta["licence"] in ids("licences")
    assert meta["keywords"] and all(isinstance(k, str) and k for k in meta["keywords"])
    assert meta["authors"] and all(isinstance(a, str) and a for a in meta["authors"])
    assert isinstance(meta["durationMinutes"], int) and 5 <= meta["durationMinutes"] <= 240
    assert list(folder.glob("*.ipynb")), "a resource holds at least one notebook"


def test_every_resource_has_a_standard_environment() -> None:
    assert set(SEED_ENVIRONMENTS) == {folder.name for folder in RESOURCES}
    assert set(SEED_ENVIRONMENTS.values()) <= set(environment_ids())


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_notebook_is_valid_and_runs(path: Path, tmp_path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs, "seed notebooks are stored without outputs"
            assert cell.execution_count is None
    work = tmp_path / path.parent.name
    shutil.copytree(path.parent, work)
    environment = SEED_ENVIRONMENTS[path.parent.name]
    client = NotebookClient(
        nbformat.read(work / path.name, as_version=4),
        km=kernel_manager(environment, tmp_path / "kernels"),
        timeout=120,
        resources={"metadata": {"path": str(work)}},
    )
    client.execute()
