"""Saving into a home that is full: a French message instead of an errno.

The hub bounds each home (an ext4 image of the configured size, see ``setup-hub.md``):
a save past it fails with ``ENOSPC`` (or ``EDQUOT`` under a disk quota). jupyter_server
reports it as ``500 Unexpected error while saving file: x.ipynb [Errno 28] No space left
on device``, which JupyterLab shows as is. This contents manager answers ``507
Insufficient Storage`` instead, with a French sentence that says what happened and what
to do; JupyterLab shows the ``message`` of the answer in its save-error dialog.

Deleting a file deletes it (no trash in the home, which JupyterLab cannot empty and
which would count in the quota).

An existing file is untouched by a failed save: jupyter_server keeps a copy of it while
it writes and puts it back on failure (atomic writing, its default); a file the save was
making is removed rather than left cut short.

Use it with::

    jupyter lab --ServerApp.contents_manager_class=candyce.contents.CandyceContentsManager
"""

from __future__ import annotations

import errno
import os
from typing import Any

from jupyter_server.services.contents.largefilemanager import AsyncLargeFileManager
from tornado import web
from traitlets import Bool

FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
"""The errors of a file system (or a quota) that is full."""


def is_full(error: BaseException | None) -> bool:
    """Whether ``error``, or an error it was raised from, says the disk is full."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, OSError) and error.errno in FULL_ERRNOS:
            return True
        error = error.__cause__ or error.__context__
    return False


def full_message(path: str, root_dir: str, *, existed: bool) -> str:
    """The French sentence for a save refused because the home is full."""
    size = ""
    try:
        stats = os.statvfs(root_dir)
        total_mb = stats.f_blocks * stats.f_frsize // (1024 * 1024)
        size = f" ({total_mb} Mo)"
    except OSError:
        pass
    kept = ", la version précédente est intacte" if existed else ""
    return (
        f"Votre espace personnel est plein{size} : « {path} » n’a pas été "
        f"enregistré{kept}. Supprimez des fichiers dont vous n’avez plus besoin, "
        "puis enregistrez à nouveau."
    )


class CandyceContentsManager(AsyncLargeFileManager):
    """jupyter_server's default contents manager, with a French answer when the home is full."""

    delete_to_trash = Bool(
        False,
        config=True,
        help=(
            "Move deleted files to the trash of the home instead of deleting them. Off: "
            "JupyterLab offers no way to empty it, so deleted files would go on filling "
            "the home's quota."
        ),
    )

    async def save(self, model: dict[str, Any], path: str = "") -> dict[str, Any]:
        """Save as jupyter_server does; a full home answers 507 with a French message.

        A file this save was making (a new file, or an upload in chunks) is removed
        rather than left cut short; an existing file was restored by jupyter_server.
        """
        os_path = self._get_os_path(path.strip("/"))
        chunk = model.get("chunk")
        existed = os.path.isfile(os_path) and chunk in (None, 1)
        try:
            return await super().save(model, path)
        except Exception as error:
            if not is_full(error):
                raise
            self.log.warning("Home full, save refused: %s", path)
            if not existed and os.path.isfile(os_path):
                os.remove(os_path)
            raise web.HTTPError(
                507, full_message(path.strip("/"), self.root_dir, existed=existed)
            ) from error
