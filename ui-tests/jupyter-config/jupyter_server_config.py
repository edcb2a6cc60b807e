"""Server configuration for the UI tests: galata's settings on a real jupyter lab.

It is found through JUPYTER_CONFIG_DIR (see package.json) rather than `--config`, so
that the platform's own configuration in .venv/etc/jupyter still applies: `--config`
would replace it, and the tests would not see what `./candyce start` serves.
"""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is given by the config loader)

# The tests run as root on CI machines.
c.ServerApp.allow_root = True  # noqa: F821
