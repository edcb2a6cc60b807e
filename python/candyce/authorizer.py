"""Read-only visitors: what a teacher the pupil let only look may not do.

Live help (issue 19, point 3) lets a pupil choose « Mon enseignant peut seulement
regarder ». The hub then signs the teacher's identity with ``"access": "read"``
(``candyce.identity``); this server must really keep her from changing anything:

- every ``write`` and ``execute`` action of jupyter_server's authorization (saving,
  renaming or deleting files, starting, interrupting or running kernels, terminals,
  sessions) is refused by :class:`CandyceAuthorizer` (403);
- jupyter-collaboration's room WebSocket (and the session request that names the
  room) must stay open to her, for her to see the notebook live, so :func:`read_only_rooms` drops the
  document updates such a connection sends: she receives the pupil's edits, hers
  reach nobody and nothing is saved. Awareness (her cursor, her name) still goes;
- the contents models she reads say ``"writable": false`` (:func:`unwritable_for_read_only`),
  so that JupyterLab itself disables « Enregistrer » with « Document is read-only »
  instead of attempting saves that get 403.

Enable it with ``--ServerApp.authorizer_class=candyce.authorizer.CandyceAuthorizer``
(the hub does); ``candyce.collaboration`` installs the room filter and the contents one.
"""

from __future__ import annotations

import functools
from typing import Any

from jupyter_server.auth.authorizer import Authorizer

_PATCHED = "_candyce_read_only_rooms"

#: Actions a read-only visitor may take.
READ_ACTIONS = frozenset({"read"})

# y-protocols: message SYNC (0), then sub-type step 1 (0: « send me what I lack »),
# step 2 (1: a state) or update (2). Only step 1 changes nothing.
_SYNC = 0
_SYNC_STEP1 = 0


def is_read_only(user: Any) -> bool:
    """Whether the hub said this user may only look."""
    return bool(getattr(user, "read_only", False))


class CandyceAuthorizer(Authorizer):
    """Refuses every action but ``read`` to a read-only visitor; allows the rest as
    jupyter_server's default does (the hub already decided who may reach the server)."""

    def is_authorized(self, handler: Any, user: Any, action: str, resource: str) -> bool:
        if is_read_only(user) and action not in READ_ACTIONS and not _opens_a_room(handler):
            self.log.info("Candyce: %s of %s refused to a read-only visitor", action, resource)
            return False
        return True


def _opens_a_room(handler: Any) -> bool:
    """jupyter-collaboration's ``PUT /api/collaboration/session/<path>`` asks ``write``
    on ``contents`` but writes no file: it names the room to join, which a visitor who
    looks needs; what she would send there is filtered by :func:`read_only_rooms`."""
    return type(handler).__name__ == "DocSessionHandler"


def changes_document(message: bytes) -> bool:
    """Whether a collaboration message would change the shared document: a sync step 2
    or update. Awareness and sync step 1 only read or show presence."""
    return len(message) >= 2 and message[0] == _SYNC and message[1] != _SYNC_STEP1


def read_only_rooms(handler_class: type) -> None:
    """Make ``handler_class.on_message`` (jupyter-server-ydoc's room WebSocket) drop the
    document changes of read-only visitors. Idempotent."""
    original = handler_class.on_message
    if getattr(original, _PATCHED, False):
        return

    @functools.wraps(original)
    async def on_message(self: Any, message: Any) -> Any:
        if (
            isinstance(message, bytes)
            and is_read_only(self.current_user)
            and changes_document(message)
        ):
            return None
        return await original(self, message)

    setattr(on_message, _PATCHED, True)
    handler_class.on_message = on_message


def unwritable_for_read_only(handler_class: type) -> None:
    """Make ``handler_class._finish_model`` (jupyter_server's contents handler) answer
    ``"writable": false`` to a read-only visitor. Idempotent."""
    original = handler_class._finish_model
    if getattr(original, _PATCHED, False):
        return

    @functools.wraps(original)
    def _finish_model(self: Any, model: dict[str, Any], *args: Any, **kwargs: Any) -> Any:
        if is_read_only(self.current_user) and isinstance(model, dict):
            model = {**model, "writable": False}
        return original(self, model, *args, **kwargs)

    setattr(_finish_model, _PATCHED, True)
    handler_class._finish_model = _finish_model
