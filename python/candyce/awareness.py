"""Who is who in a shared document: the names others see come from the hub, not the client.

jupyter-collaboration relays the awareness messages of each client (its cursor, its
selection and its ``user``: name, display name, initials, colour) to the others as the
client wrote them (pycrdt-websocket's ``YRoom.serve``); the server never looks at them.
A collaborator's page, or code running in it (a notebook output, an extension), could
thus show itself as « Professeure Martin » on its cursor and in the collaborators list,
or take over the awareness entry of another participant.

This module makes the server the only source of those names: in every awareness message
a connection sends, the ``user`` field of each state is replaced by the identity the hub
signed for that connection (``CandyceIdentityProvider``); a state for an awareness
client id already used by another open connection of the room is dropped, so that
nobody can rewrite someone else's entry. Enabled by ``candyce.collaboration``.
"""

from __future__ import annotations

import dataclasses
import functools
import json
from typing import Any

from pycrdt import Decoder, Encoder, YMessageType, create_awareness_message, read_message

_PATCHED = "_candyce_awareness_from_identity"
_OWNERS = "_candyce_awareness_owners"


def identity_of(user: Any) -> dict[str, Any]:
    """The awareness ``user`` field for a jupyter_server ``User`` (what ``/api/me`` gives)."""
    if dataclasses.is_dataclass(user) and not isinstance(user, type):
        return dataclasses.asdict(user)
    return {"username": str(user), "name": str(user), "display_name": str(user)}


def rewrite_awareness(
    message: bytes, identity: dict[str, Any], may_use: Any = lambda _client_id: True
) -> bytes | None:
    """An awareness message with ``identity`` as the ``user`` of each state.

    ``may_use(client_id)`` says whether this connection may speak for that awareness
    client; states of the others are dropped. Returns the message to relay, the same
    bytes for a message of another type, or None when nothing is left of it (or it is
    malformed: a relay would make every other client fail on it).
    """
    if not message or message[0] != YMessageType.AWARENESS:
        return message
    try:
        decoder = Decoder(read_message(message[1:]))
        entries = []
        for _ in range(decoder.read_var_uint()):
            client_id = decoder.read_var_uint()
            clock = decoder.read_var_uint()
            state = json.loads(decoder.read_var_string() or "null")
            entries.append((client_id, clock, state))
    except (RuntimeError, ValueError, TypeError, IndexError, UnicodeDecodeError):
        return None
    encoder = Encoder()
    kept = [entry for entry in entries if may_use(entry[0])]
    if not kept:
        return None
    encoder.write_var_uint(len(kept))
    for client_id, clock, state in kept:
        if isinstance(state, dict):
            state = {**state, "user": identity}
        elif state is not None:
            state = {"user": identity}
        encoder.write_var_uint(client_id)
        encoder.write_var_uint(clock)
        encoder.write_var_string(json.dumps(state, separators=(",", ":")))
    return create_awareness_message(encoder.to_bytes())


def awareness_from_identity(handler_class: type) -> None:
    """Make ``handler_class.on_message`` (jupyter-server-ydoc's room WebSocket) rewrite
    the awareness it receives with the connection's signed identity. Idempotent."""
    original = handler_class.on_message
    if getattr(original, _PATCHED, False):
        return

    @functools.wraps(original)
    async def on_message(self: Any, message: bytes) -> Any:
        if isinstance(message, bytes) and message[:1] == bytes([YMessageType.AWARENESS]):
            rewritten = rewrite_awareness(
                message, identity_of(self.current_user), functools.partial(_may_use, self)
            )
            if rewritten is None:
                return None
            message = rewritten
        return await original(self, message)

    setattr(on_message, _PATCHED, True)
    handler_class.on_message = on_message


def _may_use(handler: Any, client_id: int) -> bool:
    """Whether ``handler``'s connection may speak for awareness client ``client_id``: the
    first open connection of the room to use an id keeps it until it closes."""
    room = getattr(handler, "room", None)
    if room is None:
        return False
    owners: dict[int, Any] = room.__dict__.setdefault(_OWNERS, {})
    owner = owners.get(client_id)
    if owner is not None and owner is not handler and owner in room.clients:
        return False
    owners[client_id] = handler
    return True
