"""A teacher the pupil let only look (live help, « peut seulement regarder ») changes nothing.

On a real ``jupyter lab`` with the platform's server configuration, the hub's
``CandyceIdentityProvider`` and ``candyce.authorizer.CandyceAuthorizer``, the same
identity signed with ``"access": "read"``:

- reads the notebook, but cannot save it, start a kernel or a session (403), while the
  pupil herself can (the control);
- is told so, and whom she helps, by ``/api/me``, and reads contents models that say
  ``"writable": false`` (JupyterLab then disables saving), unlike the pupil;
- joins the notebook's collaboration room and sees it, but the document changes she
  sends reach neither the pupil's open connection nor the server's document, while a
  teacher with full access (the control) does reach them.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections.abc import Iterator
from typing import Any

import pytest
from pycrdt import Decoder, Doc, Text, YMessageType, create_update_message, read_message
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection

from candyce.authorizer import changes_document
from candyce.identity import load_public_key, verify_identity
from test_collaboration_identity import (
    ADA,
    HUB_KEY,
    MARIE,
    Lab,
    _b64,
    _run_lab,
    awareness,
    sign,
)

READ_ONLY_MARIE = {**MARIE, "access": "read"}
NOTEBOOK = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    yield from _run_lab(
        tmp_path_factory.mktemp("readonly"),
        collaboration=True,
        extra_args=(
            "--ServerApp.authorizer_class=candyce.authorizer.CandyceAuthorizer",
            "--CandyceIdentityProvider.owner=ada",
        ),
    )


async def status(lab: Lab, person: dict[str, str], method: str, path: str, body: Any) -> int:
    request = HTTPRequest(
        f"{lab.url}{path}", method=method, headers=lab.headers(sign(person)),
        body=None if body is None else json.dumps(body),
    )  # fmt: skip
    try:
        return (await AsyncHTTPClient().fetch(request)).code
    except HTTPClientError as error:
        return error.code


def test_the_access_claim_is_verified_with_the_identity() -> None:
    public = _b64(HUB_KEY.public_key().public_bytes_raw())
    identity = verify_identity(sign(READ_ONLY_MARIE), load_public_key(public), time.time())
    assert identity is not None and identity.read_only
    assert not verify_identity(sign(MARIE), public, time.time()).read_only
    # A claim the hub never writes makes the header invalid, not « full access ».
    assert verify_identity(sign({**MARIE, "access": "all"}), public, time.time()) is None


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("PUT", "/api/contents/partage.ipynb", {"type": "notebook", "format": "json", "content": NOTEBOOK}),
        ("POST", "/api/kernels", {"name": "python3"}),
        ("POST", "/api/sessions", {"path": "partage.ipynb", "type": "notebook", "kernel": {"name": "python3"}}),
        ("DELETE", "/api/contents/partage.ipynb", None),
    ],
)  # fmt: skip
def test_a_read_only_visitor_cannot_write(lab: Lab, method: str, path: str, body: Any) -> None:
    assert asyncio.run(status(lab, READ_ONLY_MARIE, method, path, body)) == 403


def test_a_read_only_visitor_reads_and_the_pupil_writes(lab: Lab) -> None:
    async def run() -> tuple[int, int, int]:
        return (
            await status(lab, READ_ONLY_MARIE, "GET", "/api/contents/partage.ipynb", None),
            await status(lab, ADA, "PUT", "/api/contents/autre.ipynb",
                         {"type": "notebook", "format": "json", "content": NOTEBOOK}),
            await status(lab, MARIE, "POST", "/api/contents", {"type": "notebook"}),
        )  # fmt: skip

    read, pupil_saves, full_teacher_creates = asyncio.run(run())
    assert read == 200
    assert pupil_saves in (200, 201)
    assert full_teacher_creates == 201


async def get_json(lab: Lab, person: dict[str, str], path: str) -> Any:
    request = HTTPRequest(f"{lab.url}{path}", headers=lab.headers(sign(person)))
    return json.loads((await AsyncHTTPClient().fetch(request)).body)


def test_api_me_tells_a_read_only_visitor_whom_she_helps(lab: Lab) -> None:
    async def run() -> tuple[Any, Any, Any]:
        # The pupil's own visit is how the server learns her display name.
        own = await get_json(lab, ADA, "/api/me")
        looking = await get_json(lab, READ_ONLY_MARIE, "/api/me")
        return own, looking, await get_json(lab, MARIE, "/api/me")

    own, looking, full = (answer["identity"] for answer in asyncio.run(run()))
    assert (own["read_only"], own["helping"]) == (False, "")
    assert (looking["read_only"], looking["helping"]) == (True, "Ada Lovelace")
    assert looking["display_name"] == "Marie Curie"
    assert (full["read_only"], full["helping"]) == (False, "")


def test_contents_are_unwritable_to_a_read_only_visitor_only(lab: Lab) -> None:
    async def run() -> tuple[Any, Any]:
        path = "/api/contents/partage.ipynb?content=0"
        return await get_json(lab, READ_ONLY_MARIE, path), await get_json(lab, ADA, path)

    looking, pupil = asyncio.run(run())
    assert looking["writable"] is False
    assert pupil["writable"] is True


def test_only_document_changes_are_filtered() -> None:
    assert changes_document(create_update_message(b"\x00\x00"))
    assert not changes_document(awareness([(1, 1, {"user": {}})]))
    assert not changes_document(bytes([0, 0, 1, 0]))  # sync step 1: « send me the state »


async def edit_reaches_pupil(lab: Lab, visitor: dict[str, str], marker: str) -> bool:
    """The visitor inserts ``marker`` in the shared notebook's Yjs document, then moves
    her cursor (an awareness update): whether the pupil's connection got the edit before
    that cursor move (messages of one connection are relayed in order)."""
    session = await lab.session(sign(ADA))
    pupil = await lab.room(sign(ADA), session)
    guest = await lab.room(sign(visitor), await lab.session(sign(visitor)))
    try:
        doc = Doc()
        doc["candyce_help"] = text = Text()
        text += marker
        await guest.write_message(create_update_message(doc.get_update()), True)
        clock = int(time.time())
        await guest.write_message(awareness([(7007, clock, {"user": {}})]), True)
        seen: list[bytes] = []
        await read_until_awareness(pupil, 7007, clock, seen)
        return any(marker.encode() in message for message in seen)
    finally:
        pupil.close()
        guest.close()


async def read_until_awareness(
    ws: WebSocketClientConnection, client_id: int, clock: int, seen: list[bytes]
) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        message = await asyncio.wait_for(ws.read_message(), deadline - time.monotonic())
        assert isinstance(message, bytes), "the room closed"
        seen.append(message)
        if message[0] == YMessageType.AWARENESS and _is_awareness_of(message, client_id, clock):
            return
    raise AssertionError("the visitor's cursor move never reached the pupil")


def _is_awareness_of(message: bytes, client_id: int, clock: int) -> bool:
    decoder = Decoder(read_message(message[1:]))
    for _ in range(decoder.read_var_uint()):
        cid, seen_clock = decoder.read_var_uint(), decoder.read_var_uint()
        decoder.read_var_string()
        if cid == client_id and seen_clock >= clock:
            return True
    return False


def test_a_read_only_visitors_edits_reach_nobody(lab: Lab) -> None:
    assert not asyncio.run(edit_reaches_pupil(lab, READ_ONLY_MARIE, "ecrit-en-lecture-seule"))


def test_a_full_access_visitors_edits_reach_the_pupil(lab: Lab) -> None:
    assert asyncio.run(edit_reaches_pupil(lab, MARIE, "ecrit-avec-droits"))

