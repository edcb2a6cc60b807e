"""Names in a shared document: only the hub's signed identity names a collaborator.

What is tried, on a real ``jupyter lab`` with the platform's server configuration
(``platform/jupyter_server_config.json``: ``candyce.collaboration``) and
``CandyceIdentityProvider``, through jupyter-collaboration's own endpoints (the session
``PUT /api/collaboration/session/<path>`` and the room WebSocket
``/api/collaboration/room/<format>:<type>:<file id>``), with raw WebSocket clients speaking
the Yjs awareness protocol as JupyterLab does:

- a request to those endpoints with an identity header that is unsigned, signed by
  another key, or absent is refused with 403 (WebSocket upgrade included);
- a client that puts another name in its awareness ``user`` field (« Professeure
  Martin ») is seen by the other client under the name, display name and colour the hub
  signed for its connection; a client that writes the awareness entry of the other
  connection's client id changes nothing there;
- the control: without ``candyce.collaboration`` (jupyter-collaboration as shipped), the
  claimed name reaches the other client, which is what the extension is for.
"""

from __future__ import annotations

import asyncio
import base64
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from pycrdt import Decoder, Encoder, YMessageType, create_awareness_message, read_message
from tornado.httpclient import AsyncHTTPClient, HTTPClientError, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

ROOT = Path(__file__).resolve().parents[2]
HUB_KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()
ADA = {"name": "ada", "displayName": "Ada Lovelace", "role": "learner", "color": "#1a2b3c"}
MARIE = {"name": "marie", "displayName": "Marie Curie", "role": "teacher", "color": "#aa0000"}
CLAIMED = {"username": "martin", "name": "Professeure Martin", "display_name": "Professeure Martin",
           "initials": "PM", "color": "#00ff00", "avatar_url": None}  # fmt: skip
XSRF = secrets.token_hex(16)


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def sign(person: dict[str, str], key: Ed25519PrivateKey = HUB_KEY) -> str:
    """An identity header as the hub writes it (the contract of candyce.identity)."""
    now = int(time.time())
    payload = _b64(json.dumps({**person, "iat": now, "exp": now + 120}).encode())
    return f"v2.{payload}.{_b64(key.sign(f'v2.{payload}'.encode('ascii')))}"


def unsigned(person: dict[str, str]) -> str:
    now = int(time.time())
    payload = _b64(json.dumps({**person, "iat": now, "exp": now + 120}).encode())
    return f"v2.{payload}.{_b64(bytes(64))}"


class Lab:
    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"

    def headers(self, identity: str | None) -> dict[str, str]:
        headers = {"Cookie": f"_xsrf={XSRF}", "X-XSRFToken": XSRF}
        if identity is not None:
            headers["X-Candyce-Identity"] = identity
        return headers

    async def session(self, identity: str | None, path: str = "partage.ipynb") -> dict[str, Any]:
        response = await AsyncHTTPClient().fetch(
            HTTPRequest(
                f"{self.url}/api/collaboration/session/{path}", method="PUT",
                headers=self.headers(identity),
                body=json.dumps({"format": "json", "type": "notebook"}),
            )
        )  # fmt: skip
        return json.loads(response.body)

    async def room(
        self, identity: str | None, session: dict[str, Any]
    ) -> WebSocketClientConnection:
        room = f"json:notebook:{session['fileId']}"
        return await websocket_connect(
            HTTPRequest(
                f"{self.url.replace('http', 'ws')}/api/collaboration/room/{room}"
                f"?sessionId={session['sessionId']}",
                headers=self.headers(identity),
            )
        )


def _run_lab(tmp: Path, collaboration: bool, extra_args: tuple[str, ...] = ()) -> Iterator[Lab]:
    config = tmp / "config"
    config.mkdir()
    if collaboration:
        shutil.copy(ROOT / "platform" / "jupyter_server_config.json", config)
    root = tmp / "home"
    root.mkdir()
    notebook = {"cells": [], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    (root / "partage.ipynb").write_text(json.dumps(notebook))
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = int(probe.getsockname()[1])
    public = _b64(HUB_KEY.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "python"),
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(tmp / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
        "HOME": str(tmp),
    }
    log = (tmp / "jupyter.log").open("wb")
    process = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            "--ip=127.0.0.1", f"--port={port}", "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root}",
            "--ServerApp.identity_provider_class=candyce.identity.CandyceIdentityProvider",
            f"--CandyceIdentityProvider.public_key={public}",
            # The Candyce environment enables it too (.venv/etc/jupyter): off for the control.
            f"--ServerApp.jpserver_extensions=candyce.collaboration={collaboration}",
            *extra_args,
        ],
        cwd=tmp, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        lab = Lab(port)
        deadline = time.monotonic() + 90
        while not asyncio.run(_answers(lab)):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"jupyter lab did not start:\n{(tmp / 'jupyter.log').read_text()}")
            time.sleep(0.3)
        yield lab
    finally:
        process.terminate()
        try:
            process.wait(20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()


async def _answers(lab: Lab) -> bool:
    try:
        request = HTTPRequest(f"{lab.url}/api/me", headers=lab.headers(sign(ADA)))
        return (await AsyncHTTPClient().fetch(request)).code == 200
    except (OSError, HTTPClientError):
        return False


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    yield from _run_lab(tmp_path_factory.mktemp("collab"), collaboration=True)


@pytest.fixture(scope="module")
def stock_lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    yield from _run_lab(tmp_path_factory.mktemp("stock"), collaboration=False)


def awareness(entries: list[tuple[int, int, dict[str, Any] | None]]) -> bytes:
    """A Yjs awareness message: (client id, clock, state) per entry."""
    encoder = Encoder()
    encoder.write_var_uint(len(entries))
    for client_id, clock, state in entries:
        encoder.write_var_uint(client_id)
        encoder.write_var_uint(clock)
        encoder.write_var_string(json.dumps(state))
    return create_awareness_message(encoder.to_bytes())


async def states_seen(
    ws: WebSocketClientConnection, client_id: int, clock: int, seen: list[Any] | None = None
) -> dict[str, Any]:
    """Read messages until an awareness state of ``client_id`` at ``clock`` (or later);
    every (client id, clock, state) read on the way is added to ``seen``."""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        message = await asyncio.wait_for(ws.read_message(), deadline - time.monotonic())
        assert isinstance(message, bytes), "the room closed"
        if message[0] != YMessageType.AWARENESS:
            continue
        decoder = Decoder(read_message(message[1:]))
        for _ in range(decoder.read_var_uint()):
            cid, seen_clock = decoder.read_var_uint(), decoder.read_var_uint()
            state = json.loads(decoder.read_var_string())
            if seen is not None:
                seen.append((cid, seen_clock, state))
            if cid == client_id and seen_clock >= clock:
                return state
    raise AssertionError(f"no awareness of client {client_id} at clock {clock}")


async def claim_a_name(lab: Lab) -> tuple[dict[str, Any], dict[str, Any]]:
    """Ada claims « Professeure Martin », then writes Marie's entry: what Marie sees of
    Ada, and of her own entry as Ada wrote it (her own state if that was not relayed)."""
    session = await lab.session(sign(ADA))
    ada = await lab.room(sign(ADA), session)
    marie = await lab.room(sign(MARIE), await lab.session(sign(MARIE)))
    try:
        await marie.write_message(awareness([(2002, 1, {"user": {"name": "Marie"}})]), True)
        await states_seen(marie, 2002, 1)
        await ada.write_message(awareness([(1001, 1, {"user": CLAIMED, "cursors": []})]), True)
        claimed = await states_seen(marie, 1001, 1)
        await ada.write_message(awareness([(2002, 5, {"user": CLAIMED})]), True)
        await ada.write_message(awareness([(1001, 2, {"user": CLAIMED})]), True)
        # Messages are relayed in order: once Ada's next own update is here, her write
        # of Marie's entry has been relayed, or dropped.
        seen: list[Any] = []
        await states_seen(marie, 1001, 2, seen)
        written = [state for cid, clock, state in seen if cid == 2002 and clock == 5]
        return claimed, written[0] if written else {"user": {"display_name": "Marie"}}
    finally:
        ada.close()
        marie.close()


def test_a_claimed_name_is_replaced_by_the_signed_identity(lab: Lab) -> None:
    claimed, entry_of_marie = asyncio.run(claim_a_name(lab))
    assert claimed["user"]["username"] == "ada"
    assert claimed["user"]["name"] == "Ada Lovelace"
    assert claimed["user"]["display_name"] == "Ada Lovelace"
    assert claimed["user"]["initials"] == "AL"
    assert claimed["user"]["color"] == "#1a2b3c"
    assert claimed["cursors"] == []  # the rest of the state is kept
    # Marie's entry, written by Ada's connection, was not relayed.
    assert entry_of_marie["user"]["display_name"] == "Marie"


def test_without_the_extension_a_client_names_itself(stock_lab: Lab) -> None:
    """jupyter-collaboration as shipped relays the claimed name: what the extension fixes."""
    claimed, entry_of_marie = asyncio.run(claim_a_name(stock_lab))
    assert claimed["user"]["display_name"] == "Professeure Martin"
    assert entry_of_marie["user"]["display_name"] == "Professeure Martin"


@pytest.mark.parametrize(
    "identity",
    [None, unsigned(MARIE), sign(MARIE, OTHER_KEY)],
    ids=["no header", "unsigned", "another key"],
)
def test_a_forged_identity_reaches_no_room(lab: Lab, identity: str | None) -> None:
    async def attempt() -> None:
        with pytest.raises(HTTPClientError) as refused:
            await lab.session(identity)
        assert refused.value.code == 403
        session = await lab.session(sign(ADA))
        with pytest.raises(HTTPClientError) as upgrade:
            await lab.room(identity, session)
        assert upgrade.value.code == 403

    asyncio.run(attempt())
