"""The `candyce` distribution's metadata (issue 23): its own summary, and the list of
labextensions it ships derived from what is built, not typed by hand.

What is tried: `candyce.LABEXTENSIONS` of the source tree against every
`extensions/*/package.json` that declares a JupyterLab extension, and pyproject.toml's
description against the branding package's. The built wheel's metadata is tried in
test_wheel.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

tomllib = pytest.importorskip("tomllib")  # Python 3.11+

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "python"))

import candyce  # noqa: E402


def test_labextensions_are_every_extension_built() -> None:
    declared = set()
    for package in ROOT.glob("extensions/*/package.json"):
        data = json.loads(package.read_text(encoding="utf-8"))
        if data.get("jupyterlab", {}).get("extension"):
            declared.add(data["name"])
    assert len(declared) >= 5
    assert set(candyce.LABEXTENSIONS) == declared


def test_summary_is_the_distributions() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    branding = json.loads((ROOT / "extensions" / "branding" / "package.json").read_text(encoding="utf-8"))
    assert "description" not in project.get("dynamic", [])
    assert project["description"] != branding["description"]
    assert "library" in project["description"] and "assignments" in project["description"]
