"""Candyce: the JupyterLab extensions of the Candyce platform, prebuilt.

Installing this distribution puts the ``@candyce/*`` labextensions into
``share/jupyter/labextensions``, the French translations of the ``candyce``
domain where jupyterlab_server finds them (the ``jupyterlab.locale`` entry
point). It changes nothing of another JupyterLab's look and disables none of its
plugins: ``@candyce/branding`` does nothing unless the deployment's page config
says ``"candyceBranding": true``, and the Candyce platform disables JupyterLab's
logo, About and announcements (news and update checks) in its own page config
(``platform/page_config.json``).
"""

from __future__ import annotations

import json
from importlib.metadata import PackageNotFoundError, files, version
from pathlib import Path

try:
    __version__ = version("candyce")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"


def _labextensions() -> tuple[str, ...]:
    """The labextensions this distribution installed, by name.

    Read from the distribution's own record (``…/share/jupyter/labextensions/<name>/package.json``)
    rather than typed by hand, so that the list follows the build; from a source tree
    without an install, the built ``extensions/*/labextension/package.json``.
    """
    try:
        record = files("candyce") or []
    except PackageNotFoundError:
        record = []
    names = set()
    for path in record:
        parts = path.parts
        if "labextensions" in parts:
            rest = parts[parts.index("labextensions") + 1 :]
            if len(rest) == 3 and rest[2] == "package.json":
                names.add(f"{rest[0]}/{rest[1]}")
    if not names:
        source = Path(__file__).resolve().parents[2] / "extensions"
        for package in source.glob("*/labextension/package.json"):
            names.add(json.loads(package.read_text(encoding="utf-8"))["name"])
    return tuple(sorted(names))


LABEXTENSIONS: tuple[str, ...] = _labextensions()
"""The labextensions this distribution ships (``@candyce/core``, ``@candyce/branding``…)."""
