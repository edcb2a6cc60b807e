"""Candyce: the JupyterLab extensions of the Candyce platform, prebuilt.

Installing this distribution puts the ``@candyce/*`` labextensions into
``share/jupyter/labextensions``, the French translations of the ``candyce``
domain where jupyterlab_server finds them (the ``jupyterlab.locale`` entry
point). ``@candyce/branding`` disables JupyterLab's announcements plugin, the
only part of JupyterLab that asks for news and update checks, so that nothing
calls outside the platform.
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("candyce")
except PackageNotFoundError:  # running from a source tree
    __version__ = "0.0.0"

LABEXTENSIONS = (
    "@candyce/core",
    "@candyce/branding",
    "@candyce/library",
    "@candyce/assignments",
)
"""The labextensions this distribution ships."""
