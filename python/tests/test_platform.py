"""The platform's own JupyterLab configuration (platform/), as `./candyce` installs it
into .venv: it turns the Candyce branding on and disables the core plugins the branding
replaces or that call outside (issue 23: the `candyce` distribution itself does neither).

What is tried: jupyterlab_server's own page config, read with platform/page_config.json
as the only labconfig on the Jupyter config path (a subprocess, so that the path is its
own), and the install step of the `candyce` script.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PLATFORM = ROOT / "platform"


def test_platform_page_config_turns_the_branding_on_and_disables_core_plugins(tmp_path: Path) -> None:
    config_dir = tmp_path / "etc" / "jupyter"
    (config_dir / "labconfig").mkdir(parents=True)
    shutil.copy(PLATFORM / "page_config.json", config_dir / "labconfig" / "page_config.json")
    env = {
        **os.environ,
        "JUPYTER_CONFIG_PATH": str(config_dir),
        "JUPYTER_CONFIG_DIR": str(tmp_path / "user"),
        "JUPYTER_PLATFORM_DIRS": "1",
    }
    out = subprocess.run(
        [
            sys.executable, "-c",
            "import json; from jupyterlab_server.config import get_page_config;"
            "config = get_page_config([]);"
            "print(json.dumps([config['disabledExtensions'], config.get('candyceBranding')]))",
        ],
        check=True, capture_output=True, text=True, env=env,
    ).stdout
    disabled, branding = json.loads(out)
    assert branding is True
    for plugin in (
        "@jupyterlab/application-extension:logo",
        "@jupyterlab/apputils-extension:announcements",
        "@jupyterlab/help-extension:about",
        # Its shared link offers the server's token: « Partager » of @candyce/core replaces it.
        "@jupyter/collaboration-extension:shared-link",
    ):
        assert plugin in disabled, plugin


def test_platform_theme_is_candyce_light() -> None:
    overrides = json.loads((PLATFORM / "overrides.d" / "candyce-platform.json").read_text())
    assert overrides["@jupyterlab/apputils-extension:themes"]["theme"] == "Candyce Light"


def test_candyce_script_installs_the_page_config() -> None:
    script = (ROOT / "candyce").read_text()
    assert 'cp platform/page_config.json "$VENV/etc/jupyter/labconfig/page_config.json"' in script
    # The install step is redone when anything in platform/ changes (its stamp's hash).
    assert "inputs_hash pyproject.toml python/candyce platform README.md" in script
