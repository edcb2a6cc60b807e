"""Server configuration for the UI tests: galata's settings on a real jupyter lab."""

from jupyterlab.galata import configure_jupyter_server

configure_jupyter_server(c)  # noqa: F821 (c is given by the config loader)

# The tests run as root on CI machines.
c.ServerApp.allow_root = True
