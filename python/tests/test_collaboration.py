"""``candyce.collaboration``: a notebook edited as text loses its trust, with collaboration on.

What is tried, on a real ``jupyter lab`` with the platform's server configuration
(platform/jupyter_server_config.json) and real-time collaboration: a trusted notebook
with an HTML output is open as a notebook (one collaboration client) and as text
(another client, as « Open With › Editor » does); the text client changes the output
and the server saves it. The notebook view must then show the edit, untrusted (what a
browser would load on a reload), and when the notebook view goes on working and saves,
the file must keep the edit and stay untrusted (JupyterLab's trust model: output the
user did not make in the notebook is not trusted). Without the extension,
jupyter-server-ydoc 3.0 keeps the notebook view's old content, trusted, and writes it
back over the edit (docs/jupyterlab-specs.md). Also tried: a notebook worked on only as a
notebook stays trusted; a notebook changed on disk while the server was stopped is read
again from disk, not from the collaboration store of the last session, and is not trusted.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

import pytest
from jupyter_ydoc import YNotebook
from pycrdt import Doc, Provider, Text
from tornado.httpclient import AsyncHTTPClient, HTTPRequest
from tornado.websocket import WebSocketClientConnection, websocket_connect

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOK = "eleve.ipynb"


class Lab:
    """A running ``jupyter lab``: its URL, token and root folder."""

    def __init__(self, url: str, token: str, root: Path) -> None:
        self.url, self.token, self.root = url, token, root

    async def request(self, method: str, path: str, body: Any = None) -> Any:
        response = await AsyncHTTPClient().fetch(
            HTTPRequest(
                f"{self.url}{path}",
                method=method,
                headers={"Authorization": f"token {self.token}"},
                body=None if body is None else json.dumps(body),
            )
        )
        return json.loads(response.body)

    def trusted_on_disk(self) -> bool:
        """Whether the server, reading the file now, says its code cells are trusted."""
        return asyncio.run(self._trusted())

    async def _trusted(self) -> bool:
        model = await self.request("GET", f"/api/contents/{NOTEBOOK}?content=1")
        code = [c for c in model["content"]["cells"] if c["cell_type"] == "code"]
        return all(c["metadata"].get("trusted") for c in code)


@pytest.fixture
def lab(tmp_path: Path) -> Iterator[Lab]:
    """``jupyter lab`` with the platform's server configuration, as ./candyce installs it."""
    with _running_lab(tmp_path) as running:
        yield running


@contextmanager
def _running_lab(tmp_path: Path, *extra: str) -> Iterator[Lab]:
    """Start (or start again, with the same folders and collaboration store) the server."""
    config = tmp_path / "config"
    config.mkdir(exist_ok=True)
    shutil.copy(ROOT / "platform" / "jupyter_server_config.json", config)
    root = tmp_path / "root"
    root.mkdir(exist_ok=True)
    port, token = _free_port(), secrets.token_hex(16)
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "python"),  # this source tree's candyce
        "JUPYTER_CONFIG_DIR": str(config),
        "JUPYTER_DATA_DIR": str(tmp_path / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp_path / "runtime"),
        "JUPYTER_PLATFORM_DIRS": "1",
        "HOME": str(tmp_path),
    }
    log = (tmp_path / "jupyter.log").open("a")
    server = subprocess.Popen(
        [
            sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root",
            f"--ServerApp.port={port}", "--ServerApp.port_retries=0",
            f"--ServerApp.root_dir={root}", f"--IdentityProvider.token={token}",
            *extra,
        ],
        cwd=tmp_path, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        url = f"http://127.0.0.1:{port}"
        _wait_for(lambda: _answers(f"{url}/api/status?token={token}"), 60, "jupyter lab")
        yield Lab(url, token, root)
    finally:
        server.terminate()
        try:
            server.wait(15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
        print((tmp_path / "jupyter.log").read_text()[-4000:])


def test_a_notebook_edited_as_text_keeps_the_edit_and_loses_its_trust(lab: Lab) -> None:
    asyncio.run(_edit_as_text_while_open_as_notebook(lab))
    text = _disk(lab)
    assert "SUBSTITUTED_TEXT" in text
    assert "TEST_TEXT" not in text
    assert "Vu par le professeur" in text
    assert lab.trusted_on_disk() is False


def test_a_notebook_saved_from_its_notebook_view_stays_trusted(lab: Lab) -> None:
    """The control: a notebook only worked on as a notebook keeps its trust."""

    async def work() -> None:
        await _write_trusted_notebook(lab)
        async with _client(lab, "json", "notebook") as doc:
            YNotebook(doc).append_cell(_markdown("Vu par le professeur"))
            await _until(lambda: "Vu par le professeur" in _disk(lab), "the notebook's save")

    asyncio.run(work())
    assert lab.trusted_on_disk() is True


def test_a_notebook_changed_while_the_server_was_stopped_is_not_trusted(tmp_path: Path) -> None:
    """The collaboration store keeps the last session's document, trust marks included:
    a file changed on disk meanwhile (a pupil's copy put in place, a `git pull`) must be
    read again, and its trust computed again from its signature."""
    with _running_lab(tmp_path) as lab:

        async def first_session() -> None:
            await _write_trusted_notebook(lab)
            async with _client(lab, "json", "notebook") as doc:
                assert _cell(doc)["metadata"]["trusted"] is True

        asyncio.run(first_session())
    path = tmp_path / "root" / NOTEBOOK
    path.write_text(path.read_text().replace("TEST_TEXT", "SUBSTITUTED_TEXT"))
    with _running_lab(tmp_path) as lab:

        async def second_session() -> dict[str, Any]:
            async with _client(lab, "json", "notebook") as doc:
                return _cell(doc)

        cell = asyncio.run(second_session())
        assert "SUBSTITUTED_TEXT" in json.dumps(cell["outputs"])
        assert not cell["metadata"].get("trusted")
        assert lab.trusted_on_disk() is False


def test_an_edit_waiting_for_its_save_is_saved_when_the_server_stops(tmp_path: Path) -> None:
    """A room saves a change after a delay; the server stopping within it (the hub stops
    or restarts it) must not drop an edit the server had, and every collaborator saw.
    The delay is made long here, so that only the stop can save it."""
    with _running_lab(tmp_path, "--YDocExtension.document_save_delay=60") as lab:

        async def edit() -> None:
            await _write_trusted_notebook(lab)
            async with _client(lab, "json", "notebook") as doc:
                YNotebook(doc).append_cell(_markdown("Écrit juste avant l'arrêt"))

        asyncio.run(edit())
        assert "juste avant" not in _disk(lab)
    assert "juste avant" in (tmp_path / "root" / NOTEBOOK).read_text()
    with _running_lab(tmp_path) as lab:

        async def reopen() -> list[str]:
            async with _client(lab, "json", "notebook") as doc:
                return [cell["source"] for cell in YNotebook(doc).get()["cells"]]

        sources = asyncio.run(reopen())
    assert sources == ["show()", "Écrit juste avant l'arrêt"]


def test_a_client_of_the_previous_run_is_asked_to_reload(tmp_path: Path) -> None:
    """After a restart, a client still holding the previous run's session must reload:
    merged in, its Yjs history (not the one of a room rebuilt from the saved file) would
    bring its edits back a second time (jupyter-collaboration#594)."""
    with _running_lab(tmp_path) as lab:

        async def first_run() -> str:
            await _write_trusted_notebook(lab)
            session = await lab.request(
                "PUT", f"/api/collaboration/session/{NOTEBOOK}",
                {"format": "json", "type": "notebook"},
            )  # fmt: skip
            # A collaborator works (the server records the session), the room saves.
            async with _client(lab, "json", "notebook") as doc:
                YNotebook(doc).append_cell(_markdown("Écrit avant le redémarrage"))
                await _until(lambda: "avant le red" in _disk(lab), "the notebook's save")
            return str(session["sessionId"])

        old_session = asyncio.run(first_run())
    with _running_lab(tmp_path) as lab:

        async def reconnect(session_id: str) -> tuple[int | None, str | None]:
            session = await lab.request(
                "PUT", f"/api/collaboration/session/{NOTEBOOK}",
                {"format": "json", "type": "notebook"},
            )  # fmt: skip
            room = f"json:notebook:{session['fileId']}"
            ws = await websocket_connect(
                HTTPRequest(
                    f"{lab.url.replace('http', 'ws')}/api/collaboration/room/{room}"
                    f"?sessionId={session_id}",
                    headers={"Authorization": f"token {lab.token}"},
                )
            )

            async def until_closed() -> None:
                while await ws.read_message() is not None:
                    pass

            try:
                await asyncio.wait_for(until_closed(), 20)
            except asyncio.TimeoutError:
                ws.close()
                return None, "still open after 20 s"
            return ws.close_code, ws.close_reason

        code, reason = asyncio.run(reconnect(old_session))
        assert code == 1003
        assert json.loads(reason or "{}")["reloadable"] is True
        # The same run's session is still welcome.
        assert asyncio.run(_first_message_of_current_session(lab))


async def _first_message_of_current_session(lab: Lab) -> bool:
    async with _client(lab, "json", "notebook") as doc:
        return len(YNotebook(doc).get()["cells"]) == 2


async def _edit_as_text_while_open_as_notebook(lab: Lab) -> None:
    await _write_trusted_notebook(lab)
    assert await lab._trusted()
    async with _client(lab, "json", "notebook") as notebook:
        assert _cell(notebook)["metadata"]["trusted"] is True
        async with _client(lab, "text", "file") as file:
            source = file.get("source", type=Text)
            with file.transaction():
                while "TEST_TEXT" in str(source):
                    start = str(source).index("TEST_TEXT")
                    del source[start : start + len("TEST_TEXT")]
                    source.insert(start, "SUBSTITUTED_TEXT")
            await _until(lambda: "SUBSTITUTED_TEXT" in _disk(lab), "the text view's save")
        # What a browser opening the notebook now gets: the edit, not trusted.
        assert "SUBSTITUTED_TEXT" in json.dumps(_cell(notebook)["outputs"])
        assert not _cell(notebook)["metadata"].get("trusted")
        # The teacher goes on working in the notebook view.
        YNotebook(notebook).append_cell(_markdown("Vu par le professeur"))
        await _until(lambda: "Vu par le professeur" in _disk(lab), "the notebook's save")


async def _write_trusted_notebook(lab: Lab) -> None:
    """A notebook with an HTML output, signed by the server (its code cell marked
    trusted, as JupyterLab saves what the user ran)."""
    output = {
        "output_type": "display_data", "metadata": {},
        "data": {"text/html": "<b>TEST_TEXT</b>", "text/plain": "TEST_TEXT"},
    }
    cell = {
        "cell_type": "code", "id": "c1", "execution_count": None,
        "metadata": {"trusted": True}, "outputs": [output], "source": "show()",
    }
    content = {"cells": [cell], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    await lab.request(
        "PUT", f"/api/contents/{NOTEBOOK}", {"type": "notebook", "content": content}
    )


@asynccontextmanager
async def _client(lab: Lab, format: str, file_type: str) -> AsyncIterator[Doc]:
    """A collaboration client of the notebook's room for ``format:file_type``, synced."""
    session = await lab.request(
        "PUT", f"/api/collaboration/session/{NOTEBOOK}", {"format": format, "type": file_type}
    )
    room = f"{format}:{file_type}:{session['fileId']}"
    ws = await websocket_connect(
        HTTPRequest(
            f"{lab.url.replace('http', 'ws')}/api/collaboration/room/{room}"
            f"?sessionId={session['sessionId']}",
            headers={"Authorization": f"token {lab.token}"},
        )
    )
    doc = Doc()
    try:
        async with Provider(doc, _Channel(ws, room)) as provider:
            await asyncio.wait_for(provider.synced.wait(), 30)
            yield doc
            # Let the last updates go before the connection closes.
            await asyncio.sleep(0.5)
    finally:
        ws.close()


class _Channel:
    """Tornado's WebSocket client as pycrdt's provider channel."""

    def __init__(self, ws: WebSocketClientConnection, path: str) -> None:
        self._ws, self.path = ws, path

    def __aiter__(self) -> _Channel:
        return self

    async def __anext__(self) -> bytes:
        message = await self._ws.read_message()
        if message is None:
            raise StopAsyncIteration
        return message if isinstance(message, bytes) else message.encode()

    async def recv(self) -> bytes:
        return await self.__anext__()

    async def send(self, message: bytes) -> None:
        await self._ws.write_message(message, binary=True)


def _cell(doc: Doc) -> dict[str, Any]:
    """The notebook's code cell, as the shared document holds it."""
    return YNotebook(doc).get()["cells"][0]


def _markdown(source: str) -> dict[str, Any]:
    return {"cell_type": "markdown", "id": secrets.token_hex(4), "metadata": {}, "source": source}


def _disk(lab: Lab) -> str:
    return (lab.root / NOTEBOOK).read_text()


async def _until(condition: Any, what: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"no {what} within {seconds} s")
        await asyncio.sleep(0.2)
    # What the room does right after its save (telling its siblings) has time to run.
    await asyncio.sleep(2)


def _wait_for(condition: Any, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not start within {seconds} s")
        time.sleep(0.3)


def _answers(url: str) -> bool:
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
