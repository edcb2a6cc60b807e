"""The `candyce` wheel: built with `python -m build`, installed with pip into a
JupyterLab environment without Node.js, it must bring every Candyce labextension
(enabled and OK), the French `candyce` translations, and turn off JupyterLab's
news and update checks."""

from __future__ import annotations

import json
import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LABEXTENSIONS = (
    "@candyce/core",
    "@candyce/branding",
    "@candyce/library",
    "@candyce/assignments",
    "@candyce/environment-panel",
)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Build the wheel from the source tree (the extensions are already built)."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (built,) = out.glob("candyce-*.whl")
    return built


@pytest.fixture(scope="module")
def target(tmp_path_factory: pytest.TempPathFactory, wheel: Path) -> Path:
    """A fresh environment that sees this JupyterLab but not the repository's install.

    The new virtualenv reuses the packages of the running one through a .pth file (so
    that the test does not download JupyterLab again) while its own prefix, where the
    wheel's data files go, starts empty.
    """
    prefix = tmp_path_factory.mktemp("target")
    venv.create(prefix, with_pip=True)
    site = Path(
        sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)})
    )
    (site / "_shared_jupyterlab.pth").write_text(sysconfig.get_path("purelib") + "\n")
    subprocess.run(
        [
            str(prefix / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-deps",
            # The shared site-packages may hold candyce already: install into this prefix anyway.
            "--ignore-installed", str(wheel),
        ],
        check=True,
        env=isolated_env(prefix),
    )
    return prefix


def isolated_env(prefix: Path) -> dict[str, str]:
    """No Node.js on PATH, and no user-level Jupyter folders."""
    home = prefix / "home"
    home.mkdir(exist_ok=True)
    return {
        "PATH": str(prefix / "bin"),
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "LANG": "C.UTF-8",
    }


def run_python(prefix: Path, code: str) -> str:
    result = subprocess.run(
        [str(prefix / "bin" / "python"), "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=isolated_env(prefix),
    )
    return result.stdout


def test_wheel_contents(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    data = next(n.split("/")[0] for n in names if n.endswith(".data/data/share/jupyter/labextensions/@candyce/core/package.json"))
    for extension in LABEXTENSIONS:
        base = f"{data}/data/share/jupyter/labextensions/{extension}"
        assert f"{base}/package.json" in names
        assert f"{base}/install.json" in names
        assert any(n.startswith(f"{base}/static/remoteEntry.") for n in names)
    assert f"{data}/data/share/jupyter/labextensions/@candyce/branding/themes/@candyce/branding/index.css" in names
    assert "candyce/locale/fr_FR/LC_MESSAGES/candyce.json" in names
    entry_points = next(n for n in names if n.endswith(".dist-info/entry_points.txt"))
    text = zipfile.ZipFile(wheel).read(entry_points).decode()
    assert "[jupyterlab.locale]" in text and "candyce = candyce" in text


def test_labextensions_enabled_and_ok_without_node(target: Path) -> None:
    env = isolated_env(target)
    node = subprocess.run(["/bin/sh", "-c", "command -v node"], env=env, capture_output=True)
    assert node.returncode != 0, "Node.js must not be on PATH for this test"
    result = subprocess.run(
        [str(target / "bin" / "python"), "-m", "jupyterlab.labextensions", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
    )
    listing = result.stdout + result.stderr
    for extension in LABEXTENSIONS:
        line = next((line for line in listing.splitlines() if extension in line), "")
        assert "enabled" in line and "OK" in line and "(python, candyce)" in line, listing


def test_french_translations_are_served(target: Path) -> None:
    out = run_python(
        target,
        "import json; from jupyterlab_server.translation_utils import get_language_pack;"
        "data, message = get_language_pack('fr_FR');"
        "print(json.dumps(data.get('candyce', {})))",
    )
    candyce = json.loads(out)
    assert candyce[""]["domain"] == "candyce"
    assert candyce["About Candyce"] == ["À propos de Candyce"]


def test_no_call_outside_the_platform(target: Path) -> None:
    """JupyterLab's announcements plugin (news feed and update check) is disabled."""
    out = run_python(
        target,
        "import json; from jupyter_core.paths import jupyter_path;"
        "from jupyterlab_server.config import get_page_config;"
        "config = get_page_config(jupyter_path('labextensions'));"
        "print(json.dumps(config['disabledExtensions']))",
    )
    disabled = json.loads(out)
    assert "@jupyterlab/apputils-extension:announcements" in disabled
    assert "@jupyterlab/application-extension:logo" in disabled
    assert "@jupyterlab/help-extension:about" in disabled
