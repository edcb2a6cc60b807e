"""A save by one view of a file reaches the other views of it (real-time collaboration).

jupyter-collaboration (jupyter-server-ydoc 3.0) keeps one shared document ("room") per
file and view: a notebook opened as a notebook is the room ``json:notebook:<file id>``,
the same file opened in the text editor is ``text:file:<file id>``. Both rooms share the
file's loader, which watches the file for changes made outside them. When one room saves,
the loader records the new modification time as its own, so the other room never hears
of the change: it keeps the old content and, at its next save, writes it back over the
edit, signed again by the server as trusted (the notebook's cells still carry the trust
of the old content). A notebook edited as text thus stays trusted after a reload, and
the edit is lost: what JupyterLab's ``notebook-trust.test.ts`` tries, and what would let
a teacher open a notebook a pupil changed as text as if the teacher had written it.

This server extension makes every save by one room tell the file's other rooms, as the
file watcher does for a change made outside: they reload the file, whose trust the
contents manager computes again from its signature. See docs/jupyterlab-specs.md for
the report to send upstream.

It changes nothing unless enabled; the Candyce platform enables it
(``platform/jupyter_server_config.json``)::

    jupyter lab --ServerApp.jpserver_extensions='{"candyce.collaboration": true}'
"""

from __future__ import annotations

import asyncio
import functools
from typing import Any

_PATCHED = "_candyce_tells_sibling_rooms"
_reloads: set[asyncio.Task[None]] = set()
"""Sibling reloads under way (the event loop keeps only weak references to tasks)."""


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "candyce.collaboration"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    try:
        from jupyter_server_ydoc.loaders import FileLoader
    except ImportError:
        serverapp.log.info("candyce.collaboration: jupyter-collaboration is not installed")
        return
    if not (hasattr(FileLoader, "maybe_save_content") and hasattr(FileLoader, "file_id")):
        serverapp.log.warning(
            "candyce.collaboration: this jupyter-server-ydoc has no FileLoader.maybe_save_content; "
            "saves by one view of a file are not passed on to its other views"
        )
        return
    tell_sibling_rooms(FileLoader)
    serverapp.log.info("candyce.collaboration: a save by one room reaches the file's other rooms")


def tell_sibling_rooms(loader_class: type) -> None:
    """Make ``loader_class.maybe_save_content`` tell the file's other rooms after a save.

    Idempotent. A room's id is ``<format>:<type>:<file id>`` (jupyter-server-ydoc's
    ``YDocWebSocketHandler``); the saving room is the one of the saved model's format
    and type. The others get the callback they gave ``observe``, the one the file
    watcher calls for a change made outside the rooms, in a task of its own: the saving
    room cancels its save task when a newer change comes, which must not cancel them.
    """
    original = loader_class.maybe_save_content
    if getattr(original, _PATCHED, False):
        return

    @functools.wraps(original)
    async def maybe_save_content(self: Any, model: dict[str, Any]) -> dict[str, Any] | None:
        saver = f"{model.get('format')}:{model.get('type')}:{self.file_id}"
        saved = await original(self, model)
        if saved is not None:
            subscriptions = getattr(self, "_subscriptions", {})
            for room_id, on_change in list(subscriptions.items()):
                if room_id != saver:
                    task = asyncio.ensure_future(on_change())
                    _reloads.add(task)
                    task.add_done_callback(_reloads.discard)
        return saved

    setattr(maybe_save_content, _PATCHED, True)
    loader_class.maybe_save_content = maybe_save_content
