"""The library's seed content (`library/seed/`): every resource is complete, classified
with the taxonomy (`library/taxonomy.json`), openly licensed, and every notebook runs top
to bottom in the platform's Python environment.

What is tried: each resource folder has a `candyce-resource.json` with the expected
fields (title, summary, disciplines, levels, keywords, language, duration, licence,
authors) whose ids all exist in the taxonomy; at least one notebook, each valid against
nbformat's own JSON schema, in French, without outputs (a library stores the teaching
material, not one run of it); then each notebook is executed with nbclient in a copy of
its folder (so that it reads its data files and writes nothing into the repository) and
must finish without error. At least 30 resources, and every discipline the issue names.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parents[2]
SEED = REPO / "library" / "seed"
TAXONOMY = json.loads((REPO / "library" / "taxonomy.json").read_text("utf-8"))

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
    client = NotebookClient(
        nbformat.read(work / path.name, as_version=4),
        timeout=120,
        kernel_name="python3",
        resources={"metadata": {"path": str(work)}},
    )
    client.execute()
