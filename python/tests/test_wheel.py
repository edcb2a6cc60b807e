"""The `candyce` wheel: built with `python -m build`, installed with pip into a
JupyterLab environment without Node.js, it must bring every Candyce labextension
(enabled and OK) and the French `candyce` translations, and change nothing else of
that JupyterLab: no plugin disabled, its own theme and title, no branding turned on.
The platform turns the branding on and disables JupyterLab's logo, About and
announcements in its own configuration (platform/, see test_platform.py)."""

from __future__ import annotations

import http.client
import json
import re
import socket
import subprocess
import sys
import sysconfig
import time
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
    "@candyce/a11y",
    "@candyce/school-ui",
    "@candyce/telemetry",
    "@candyce/dashboards",
    "@candyce/administration",
)

CORE_PLUGINS_THE_PLATFORM_DISABLES = (
    "@jupyterlab/application-extension:logo",
    "@jupyterlab/apputils-extension:announcements",
    "@jupyterlab/help-extension:about",
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


def test_metadata_names_the_whole_distribution(target: Path) -> None:
    """The summary is the distribution's, and LABEXTENSIONS lists what it installed."""
    out = run_python(
        target,
        "import json, candyce; from importlib.metadata import metadata;"
        "print(json.dumps([metadata('candyce')['Summary'], list(candyce.LABEXTENSIONS)]))",
    )
    summary, listed = json.loads(out)
    assert "library" in summary and "assignments" in summary
    assert not summary.startswith("Candyce branding")
    assert sorted(listed) == sorted(LABEXTENSIONS)


def test_disables_no_plugin(target: Path) -> None:
    """Installing the features disables nothing of JupyterLab (issue 23)."""
    out = run_python(
        target,
        "import json; from jupyter_core.paths import jupyter_path;"
        "from jupyterlab_server.config import get_page_config;"
        "config = get_page_config(jupyter_path('labextensions'));"
        "print(json.dumps([config['disabledExtensions'], config.get('candyceBranding')]))",
    )
    disabled, branding = json.loads(out)
    assert not [name for name in CORE_PLUGINS_THE_PLATFORM_DISABLES if name in disabled]
    assert branding is None
    # A labextension disables plugins through its package.json; a distribution, through
    # page config or settings overrides it would install: none of them.
    assert not (target / "etc" / "jupyter" / "labconfig").exists()
    assert not (target / "share" / "jupyter" / "lab" / "settings").exists()
    for extension in LABEXTENSIONS:
        package = target / "share" / "jupyter" / "labextensions" / extension / "package.json"
        assert "disabledExtensions" not in json.loads(package.read_text())["jupyterlab"], extension


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_changes_nothing_of_the_look(target: Path, tmp_path: Path) -> None:
    """A real `jupyter lab` of the fresh environment: JupyterLab's title and theme.

    The branding plugins rename the tab and register their theme only when the page
    config says `candyceBranding`; the page served here does not, its theme is
    JupyterLab's default, and the hub detection has no `candyceHub` to call.
    """
    port, token = free_port(), "wheel-test"
    process = subprocess.Popen(
        [
            str(target / "bin" / "python"), "-m", "jupyterlab", "--no-browser", "--allow-root",
            f"--port={port}", "--ServerApp.port_retries=0", f"--IdentityProvider.token={token}",
            f"--ServerApp.root_dir={tmp_path}",
            # The shared JupyterLab package would take its application folder (and the
            # platform's settings overrides in it) from the repository's virtualenv: a
            # fresh install has its own, under its prefix.
            f"--LabApp.app_settings_dir={target / 'share' / 'jupyter' / 'lab' / 'settings'}",
        ],
        env=isolated_env(target),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )

    def get(path: str) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", path, headers={"Authorization": f"token {token}"})
        response = connection.getresponse()
        return response.status, response.read().decode()

    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, page = get("/lab")
                break
            except OSError:
                assert time.monotonic() < deadline and process.poll() is None, "jupyter lab did not start"
                time.sleep(0.5)
        assert status == 200
        assert re.search(r"<title>\s*JupyterLab\s*</title>", page)
        data = re.search(r'<script id="jupyter-config-data" type="application/json">(.*?)</script>', page, re.S)
        assert data
        config = json.loads(data.group(1))
        assert "candyceBranding" not in config and "candyceHub" not in config
        assert not [name for name in CORE_PLUGINS_THE_PLATFORM_DISABLES if name in config["disabledExtensions"]]
        status, body = get("/lab/api/settings/@jupyterlab/apputils-extension:themes")
        assert status == 200
        settings = json.loads(body)
        assert settings["schema"]["properties"]["theme"]["default"] == "JupyterLab Light"
        assert settings["raw"] == "{}" or "Candyce" not in settings["raw"]
    finally:
        process.terminate()
        process.wait(timeout=30)
