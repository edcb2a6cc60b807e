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

A room saves a change after a delay (``document_save_delay``, 1 s), and jupyter-server-ydoc
cancels that pending save when the server stops: an edit every collaborator already had
was lost when the hub stopped the server within that second (``./candyce``'s stop, an
administrator's stop, a restart). This extension saves such rooms before they stop.

A client of the server's previous run is sent to reload instead of being merged in:
jupyter-collaboration accepts it when versions match, counting on rooms rebuilt from the
file with the same Yjs history; but a file saved with anybody's edits gives another
history, and the old client's edits come back a second time in the text
(jupyter-collaboration#594; seen here after a restart of the server by the hub). Its
acknowledged edits are in the file (saved on stop, above); only what it typed while the
server was away is lost, and JupyterLab says so by asking to reload.

It also makes the names on cursors and in the collaborators list the ones the hub signed
for each connection, whatever a client claims (``candyce.awareness``).

It changes nothing unless enabled; the Candyce platform enables it
(``platform/jupyter_server_config.json``)::

    jupyter lab --ServerApp.jpserver_extensions='{"candyce.collaboration": true}'
"""

from __future__ import annotations

import asyncio
import functools
import json
from typing import Any

_PATCHED = "_candyce_tells_sibling_rooms"
_reloads: set[asyncio.Task[None]] = set()
"""Sibling reloads under way (the event loop keeps only weak references to tasks)."""


def _jupyter_server_extension_points() -> list[dict[str, str]]:
    return [{"module": "candyce.collaboration"}]


def _load_jupyter_server_extension(serverapp: Any) -> None:
    from jupyter_server.services.contents.handlers import ContentsHandler

    from candyce.authorizer import unwritable_for_read_only

    # With or without collaboration: JupyterLab disables saving for read-only visitors.
    unwritable_for_read_only(ContentsHandler)
    try:
        from jupyter_server_ydoc.loaders import FileLoader
    except ImportError:
        serverapp.log.info("candyce.collaboration: jupyter-collaboration is not installed")
        return
    # Here: pycrdt comes with jupyter-collaboration.
    from jupyter_server_ydoc.handlers import YDocWebSocketHandler

    from candyce.awareness import awareness_from_identity

    awareness_from_identity(YDocWebSocketHandler)
    from candyce.authorizer import read_only_rooms

    # Outermost: a read-only visitor's document changes go nowhere.
    read_only_rooms(YDocWebSocketHandler)
    serverapp.log.info("candyce.collaboration: collaborators are named by the hub's identity")
    from jupyter_server_ydoc.websocketserver import JupyterWebsocketServer

    save_before_stopping(JupyterWebsocketServer)
    only_this_run(YDocWebSocketHandler)
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


def save_before_stopping(server_class: type) -> None:
    """Make ``server_class.clean`` (called as the server stops) first save every room whose
    debounced save is still pending, instead of letting the stop cancel it. Idempotent."""
    original = server_class.clean
    if getattr(original, _PATCHED, False):
        return

    @functools.wraps(original)
    async def clean(self: Any) -> None:
        rooms = [
            room
            for room in list(getattr(self, "rooms", {}).values())
            if getattr(room, "_saving_document", None) is not None
            and not room._saving_document.done()
        ]
        if rooms:
            self.log.info("Saving %d room(s) before stopping", len(rooms))
            # jupyter-server-ydoc gives its whole stop 3 s: leave it some.
            await asyncio.wait(
                [
                    asyncio.ensure_future(
                        room._maybe_save_document(room._saving_document, save_now=True)
                    )
                    for room in rooms
                ],
                timeout=2,
            )
        await original(self)

    setattr(clean, _PATCHED, True)
    server_class.clean = clean


def only_this_run(handler_class: type) -> None:
    """Make ``handler_class.open`` (a document room's WebSocket) refuse a client whose
    ``sessionId`` is another run's, as jupyter-server-ydoc does for an unknown session:
    close code 1003 with ``reloadable``, on which JupyterLab asks to reload. Idempotent."""
    original = handler_class.open
    if getattr(original, _PATCHED, False):
        return
    from jupyter_server_ydoc.handlers import SERVER_SESSION
    from jupyter_server_ydoc.rooms import DocumentRoom

    @functools.wraps(original)
    async def open(self: Any, room_id: str) -> None:
        session_id = self.get_query_argument("sessionId", "")
        if isinstance(self.room, DocumentRoom) and session_id != SERVER_SESSION:
            reason = {"reason": "unknown_session", "sessionId": session_id, "reloadable": True}
            self.close(1003, json.dumps(reason))
            return
        await original(self, room_id)

    setattr(open, _PATCHED, True)
    handler_class.open = open
