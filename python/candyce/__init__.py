"""Candyce: the JupyterLab extensions of the Candyce platform, prebuilt.

Installing this distribution puts the ``@candyce/*`` labextensions into
``share/jupyter/labextensions``, the French translations of the ``candyce``
domain where jupyterlab_server finds them (the ``jupyterlab.locale`` entry
point), and server settings that keep JupyterLab from calling outside the
platform (no news feed, no update check).
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("candyce")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

LABEXTENSIONS = ("@candyce/core", "@candyce/branding")
"""The labextensions this distribution ships."""
