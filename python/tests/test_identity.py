"""The hub-signed identity header, checked by a real `jupyter lab` using
`candyce.identity.CandyceIdentityProvider`.

What is tried: one `jupyter lab` on 127.0.0.1 (base URL `/user/ada/`, a temporary root,
debug logging into a file) given the hub's Ed25519 public key as
`--CandyceIdentityProvider.public_key`, then plain http.client requests: a valid header
reaches `/user/ada/api/contents`, `/user/ada/lab`, and `/user/ada/api/me` names the caller;
403 for no header, a bad signature, a header signed by another key (a pupil's own), the
old HMAC headers keyed with the public key, expired, issued in the future, a lifetime
over 300 s, malformed base64 or JSON, a bad name (`../x`, control characters, capitals),
an unknown role, a bad colour, a boolean time, a repeated header; 403 without redirect
for the `/lab` page, and 403 for `/api`, which jupyter_server leaves open to anonymous
callers; the events WebSocket upgrade with and without a header (websocket-client, a
jupyter_server dependency); refused requests leave no name in the debug log. Without
the public key (or with one that is not a 32-byte key), `jupyter lab` exits non-zero
with a message naming the setting. `verify_identity` itself is checked at the edges of
its time window.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.client
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import websocket
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

ROOT = Path(__file__).resolve().parents[2]
# Test this source tree, here and in the server, not the copy installed in the virtualenv.
sys.path.insert(0, str(ROOT / "python"))

from candyce.identity import (  # noqa: E402
    IDENTITY_HEADER,
    PUBLIC_KEY_ENV,
    CandyceIdentityProvider,
    Identity,
    verify_identity,
)

HUB_KEY = Ed25519PrivateKey.generate()
OTHER_KEY = Ed25519PrivateKey.generate()
BASE = "/user/ada/"
ADA = {"name": "ada", "displayName": "Ada Lovelace", "role": "learner", "color": "#1a2B3c"}
START_TIMEOUT = 90


def encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def public_text(key: Ed25519PrivateKey) -> str:
    """A public key as the hub gives it: base64url of its raw 32 bytes."""
    return encode(key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw))


PUBLIC_KEY = public_text(HUB_KEY)


def sign_payload(payload: str, key: Ed25519PrivateKey = HUB_KEY) -> str:
    """The contract, written out independently of the module under test."""
    message = f"v2.{payload}".encode("ascii")
    return f"v2.{payload}.{encode(key.sign(message))}"


def sign(fields: dict[str, Any], key: Ed25519PrivateKey = HUB_KEY) -> str:
    return sign_payload(encode(json.dumps(fields).encode()), key)


def hmac_with_public_key(fields: dict[str, Any], version: str) -> str:
    """What the old contract (v1) signed, keyed with the one thing a server now holds."""
    payload = encode(json.dumps(fields).encode())
    message = f"{version}.{payload}".encode("ascii")
    mac = hmac.new(PUBLIC_KEY.encode(), message, hashlib.sha256).digest()
    return f"{version}.{payload}.{encode(mac)}"


def claims(now: float | None = None, **overrides: Any) -> dict[str, Any]:
    iat = int(time.time() if now is None else now)
    return {**ADA, "iat": iat, "exp": iat + 60, **overrides}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def server_env(tmp: Path, public_key: str | None) -> dict[str, str]:
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT / "python"),
        "JUPYTER_CONFIG_DIR": str(tmp / "config"),
        "JUPYTER_DATA_DIR": str(tmp / "data"),
        "JUPYTER_RUNTIME_DIR": str(tmp / "runtime"),
    }
    env.pop(PUBLIC_KEY_ENV, None)
    env.pop("CANDYCE_SERVER_SECRET", None)
    if public_key is not None:
        env[PUBLIC_KEY_ENV] = public_key
    return env


def lab_command(root: Path, port: int, *extra: str) -> list[str]:
    return [
        str(Path(sys.executable).with_name("jupyter-lab")),
        "--no-browser",
        "--allow-root",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        f"--ServerApp.base_url={BASE}",
        f"--ServerApp.root_dir={root}",
        "--ServerApp.identity_provider_class=candyce.identity.CandyceIdentityProvider",
        "--log-level=DEBUG",
        *extra,
    ]


@dataclass
class Response:
    status: int
    headers: http.client.HTTPMessage
    body: bytes


@dataclass
class Server:
    port: int
    log: Path

    def get(self, path: str, identity: str | None = None) -> Response:
        return self.get_with(path, [] if identity is None else [identity])

    def get_with(self, path: str, identities: list[str]) -> Response:
        """GET with one identity header per item (none, one, or repeated)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.putrequest("GET", path)
            for identity in identities:
                connection.putheader(IDENTITY_HEADER, identity)
            connection.endheaders()
            response = connection.getresponse()
            return Response(response.status, response.headers, response.read())
        finally:
            connection.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    tmp = tmp_path_factory.mktemp("lab")
    root = tmp / "home"
    root.mkdir()
    (root / "devoir.ipynb").write_text("{}")
    port = free_port()
    log = tmp / "server.log"
    with log.open("wb") as log_file:
        process = subprocess.Popen(
            # As the hub gives it: an argument (a public key is no secret).
            lab_command(root, port, f"--CandyceIdentityProvider.public_key={PUBLIC_KEY}"),
            env=server_env(tmp, None),
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    try:
        running = Server(port, log)
        wait_until_answering(process, running)
        yield running
    finally:
        process.terminate()
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_answering(process: subprocess.Popen[bytes], running: Server) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"jupyter lab exited ({process.returncode}):\n{running.log.read_text()}")
        try:
            if running.get(f"{BASE}api/me", sign(claims())).status == 200:
                return
        except OSError:
            pass
        time.sleep(0.25)
    pytest.fail(f"jupyter lab did not answer in {START_TIMEOUT} s:\n{running.log.read_text()}")


def test_a_valid_identity_reaches_the_contents_api(server: Server) -> None:
    response = server.get(f"{BASE}api/contents", sign(claims()))
    assert response.status == 200
    names = [entry["name"] for entry in json.loads(response.body)["content"]]
    assert names == ["devoir.ipynb"]


def test_api_me_names_the_caller_of_each_request(server: Server) -> None:
    for caller in (ADA, {**ADA, "name": "grace.h", "displayName": "Grace", "role": "teacher"}):
        response = server.get(f"{BASE}api/me", sign(claims(**caller)))
        assert response.status == 200
        identity = json.loads(response.body)["identity"]
        assert identity["username"] == caller["name"]
        assert identity["name"] == caller["displayName"]
        assert identity["display_name"] == caller["displayName"]
        assert identity["color"] == caller["color"]
    assert identity["initials"] == "G"


def test_a_valid_identity_opens_the_lab_page(server: Server) -> None:
    response = server.get(f"{BASE}lab", sign(claims()))
    assert response.status == 200
    assert b"jupyter-config-data" in response.body


def refused_headers() -> dict[str, str | None]:
    now = time.time()
    valid = sign(claims())
    version, payload, signature = valid.split(".")
    flipped = ("A" if signature[0] != "A" else "B") + signature[1:]
    admin_payload = sign(claims(role="admin")).split(".")[1]
    return {
        "no header": None,
        "empty header": "",
        "bad signature": f"{version}.{payload}.{flipped}",
        "signature of another payload": f"{version}.{admin_payload}.{signature}",
        "unsigned": f"{version}.{payload}.",
        "another key": sign(claims(), OTHER_KEY),
        "other version": "v1" + valid[2:],
        "v1 HMAC keyed with the public key": hmac_with_public_key(claims(), "v1"),
        "v2 HMAC keyed with the public key": hmac_with_public_key(claims(), "v2"),
        "padded signature": valid + "=",
        "expired": sign(claims(now - 120)),
        "issued in the future": sign(claims(now + 120)),
        "lifetime over 300 s": sign(claims(now, exp=int(now) + 301)),
        "exp before iat": sign(claims(now, exp=int(now) - 1)),
        "malformed base64": sign_payload("e30*"),
        "base64 of one byte too many": sign_payload("e30ab"),
        "malformed JSON": sign_payload(encode(b'{"name": "ada"')),
        "JSON array": sign_payload(encode(json.dumps([ADA]).encode())),
        "not UTF-8": sign_payload(encode(b'{"name": "\xff"}')),
        "name ../x": sign(claims(name="../x")),
        "name with newline": sign(claims(name="ada\n")),
        "name with NUL": sign(claims(name="ada\x00")),
        "name with capitals": sign(claims(name="Ada")),
        "name too long": sign(claims(name="a" * 65)),
        "name missing": sign({k: v for k, v in claims().items() if k != "name"}),
        "unknown role": sign(claims(role="superuser")),
        "role as list": sign(claims(role=["admin"])),
        "bad colour": sign(claims(color="red")),
        "display name not a string": sign(claims(displayName=None)),
        "iat as boolean": sign(claims(iat=True)),
        "exp as string": sign(claims(exp=str(int(now) + 60))),
    }


REFUSED = refused_headers()


@pytest.mark.parametrize("identity", REFUSED.values(), ids=REFUSED.keys())
def test_the_contents_api_refuses(server: Server, identity: str | None) -> None:
    assert server.get(f"{BASE}api/contents", identity).status == 403


def test_a_second_identity_header_is_refused(server: Server) -> None:
    # What a proxy that appends its header to the browser's would send.
    valid = sign(claims())
    assert server.get_with(f"{BASE}api/contents", [valid]).status == 200
    assert server.get_with(f"{BASE}api/contents", [valid, valid]).status == 403


@pytest.mark.parametrize("identity", [None, REFUSED["another key"]], ids=["none", "bad"])
def test_the_lab_page_refuses_without_redirecting(server: Server, identity: str | None) -> None:
    response = server.get(f"{BASE}lab", identity)
    assert response.status == 403
    assert "Location" not in response.headers
    # jupyter_server's error page, which breaks if the refusal leaves no current user.
    assert b"Forbidden" in response.body


def test_even_the_endpoints_jupyter_leaves_open_are_refused(server: Server) -> None:
    # jupyter_server serves its version at /api to anonymous callers.
    assert server.get(f"{BASE}api", sign(claims())).status == 200
    assert server.get(f"{BASE}api").status == 403


def test_there_is_no_login_page(server: Server) -> None:
    assert server.get(f"{BASE}login", sign(claims())).status == 404


def test_the_events_websocket_needs_a_valid_identity(server: Server) -> None:
    url = f"ws://127.0.0.1:{server.port}{BASE}api/events/subscribe"
    connection = websocket.create_connection(
        url, header=[f"{IDENTITY_HEADER}: {sign(claims())}"], timeout=30
    )
    assert connection.connected
    connection.close()
    for header in ([], [f"{IDENTITY_HEADER}: {REFUSED['another key']}"]):
        with pytest.raises(websocket.WebSocketBadStatusException) as refused:
            websocket.create_connection(url, header=header, timeout=30)
        assert refused.value.status_code == 403


def test_refusals_log_no_name(server: Server) -> None:
    forged = sign(claims(name="mallory", displayName="Mallory Marker"), OTHER_KEY)
    assert server.get(f"{BASE}api/contents", forged).status == 403
    log = server.log.read_text()
    assert "Candyce identity refused: invalid identity header" in log
    assert "mallory" not in log.lower()


@pytest.mark.parametrize(
    "public_key",
    [None, PUBLIC_KEY[:-1], PUBLIC_KEY + "=", "x" * 31 + "!"],
    ids=["missing", "31 bytes", "padded", "not base64url"],
)
def test_the_server_will_not_start_without_the_hubs_public_key(
    tmp_path: Path, public_key: str | None
) -> None:
    result = subprocess.run(
        lab_command(tmp_path, free_port()),
        env=server_env(tmp_path, public_key),
        capture_output=True,
        text=True,
        timeout=START_TIMEOUT,
    )
    assert result.returncode != 0
    assert (
        f"CandyceIdentityProvider.public_key (or {PUBLIC_KEY_ENV}) must hold the public key"
        in result.stderr + result.stdout
    )


def test_verify_identity_edges_of_the_time_window() -> None:
    iat = 1_700_000_000
    header = sign(claims(iat, exp=iat + 300))
    expected = Identity("ada", "Ada Lovelace", "learner", "#1a2B3c")
    assert verify_identity(header, PUBLIC_KEY, iat - 30) == expected
    assert verify_identity(header, PUBLIC_KEY, iat + 299.9) == expected
    assert verify_identity(header, PUBLIC_KEY, iat - 30.1) is None
    assert verify_identity(header, PUBLIC_KEY, iat + 300) is None
    assert verify_identity(header, public_text(OTHER_KEY), iat) is None


def test_the_provider_takes_the_public_key_from_its_setting_or_the_environment(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(PUBLIC_KEY_ENV, PUBLIC_KEY)
    provider = CandyceIdentityProvider()
    assert provider.public_key == PUBLIC_KEY
    assert provider.token == ""
    assert not provider.login_available
    monkeypatch.delenv(PUBLIC_KEY_ENV)
    assert CandyceIdentityProvider(public_key=PUBLIC_KEY).public_key == PUBLIC_KEY
