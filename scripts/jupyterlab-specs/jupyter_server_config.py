"""Server configuration of the two JupyterLabs that JupyterLab's own specs run against.

Given with ``--config`` by scripts/jupyterlab-specs.mjs, so that no other
``jupyter_server_config`` file applies (the platform's, installed in .venv by
``./candyce start``, would otherwise make "stock" a Candyce): each target says here all
it sets. Server extensions enabled in .venv (``jupyter_server_config.d``) still load.

- ``stock``: galata's settings and JupyterLab's defaults, without real-time collaboration
  (its server extension off here, its labextensions off in the page config).
- ``candyce``: galata's settings, the platform's server settings (platform/), the
  arguments the hub gives a user's server (``CANDYCE_SPECS_HUB_ARGS``, from
  hub/src/spawner/server.ts) and the contents manager it adds; collaboration on.

Both: galata's token-less access (the hub's signed identity cannot be made by the
browser galata drives), the settings overrides of ``CANDYCE_SPECS_APP_SETTINGS``.
"""

import json
import os

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is given by the config loader)
c.ServerApp.allow_root = True  # noqa: F821
c.LabApp.app_settings_dir = os.environ["CANDYCE_SPECS_APP_SETTINGS"]  # noqa: F821

target = os.environ["CANDYCE_SPECS_TARGET"]
if target == "stock":
    # Collaboration off, and Candyce's fix of it too, should .venv's configuration enable it.
    c.ServerApp.jpserver_extensions = {  # noqa: F821
        "jupyter_server_ydoc": False,
        "candyce.collaboration": False,
    }
elif target == "candyce":
    with open(os.environ["CANDYCE_SPECS_PLATFORM_CONFIG"], encoding="utf-8") as file:
        for section, values in json.load(file).items():
            for name, value in values.items():
                setattr(c[section], name, value)  # noqa: F821
    c.ServerApp.contents_manager_class = "candyce.contents.CandyceContentsManager"  # noqa: F821
else:
    raise ValueError(f"CANDYCE_SPECS_TARGET: stock or candyce, not {target!r}")
