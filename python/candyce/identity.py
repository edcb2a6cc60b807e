"""Who is calling a Candyce user server: the identity the hub signs on every request.

Each user's ``jupyter lab`` listens on a Unix socket that only the hub can open, and is
reached only through the hub's proxy. The hub checks the session and the rights on that
server, then adds the header ``X-Candyce-Identity: v2.<payload>.<signature>`` to every
proxied request, WebSocket upgrades included:

- ``<payload>`` is base64url (no padding) of the UTF-8 JSON object
  ``{"name", "displayName", "role", "color", "iat", "exp"}`` (times in seconds), and
  ``"access": "read"`` for a visitor who may only look (a teacher helping read-only);
- ``<signature>`` is base64url (no padding) of the Ed25519 signature, by the hub's
  private key, of the ASCII text ``v2.<payload>``.

The server holds only the hub's public key (``CandyceIdentityProvider.public_key``, or
``CANDYCE_IDENTITY_PUBLIC_KEY``: base64url of the raw 32-byte key). A public key is no
secret: the user's code may read it from the server's command line or environment, and
still cannot sign an identity, since the private key never leaves the hub (its data
folder, hidden from every sandbox). Any valid identity is accepted, whoever it names: the
hub alone decides who may reach this server (its owner, a teacher, a classmate in a
collaboration session), so the server only needs to know that the hub sent the request
and for whom. That name, display name and colour are what JupyterLab and
jupyter-collaboration show to the others.

``/api/me`` answers the identity with ``read_only`` and, for a read-only visitor,
``helping``: the display name the hub last signed for the server's owner
(``CANDYCE_SERVER_USER``), so that her JupyterLab says whom she helps.

Every request without a valid header is refused with 403: there is no token, no password
and no login page, because nobody but the hub should ever talk to this server.

Enable it with::

    jupyter lab --ServerApp.identity_provider_class=candyce.identity.CandyceIdentityProvider \
        --CandyceIdentityProvider.public_key=<base64url of the hub's public key>
"""

from __future__ import annotations

import base64
import binascii
import json
import os
import re
import time
from dataclasses import dataclass
from typing import Any, NoReturn

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from jupyter_server.auth.identity import IdentityProvider, User
from tornado import web
from traitlets import TraitError, Unicode, default

IDENTITY_HEADER = "X-Candyce-Identity"
PUBLIC_KEY_ENV = "CANDYCE_IDENTITY_PUBLIC_KEY"
OWNER_ENV = "CANDYCE_SERVER_USER"
MAX_LIFETIME_SECONDS = 300
CLOCK_SKEW_SECONDS = 30
"""How far in the future ``iat`` may be: the hub's clock may run a little ahead."""

ROLES = frozenset({"learner", "teacher", "author", "inspector", "admin"})

_VERSION = "v2"
_BASE64URL = re.compile(r"[A-Za-z0-9_-]+")
_NAME = re.compile(r"[a-z0-9][a-z0-9._-]{0,63}")
_COLOR = re.compile(r"#[0-9a-fA-F]{6}")


@dataclass(frozen=True)
class Identity:
    """A caller the hub vouches for."""

    name: str
    display_name: str
    role: str
    color: str
    read_only: bool = False
    """A visitor who may only look (a teacher the pupil let only watch): the optional
    claim ``"access": "read"``. ``candyce.authorizer`` refuses her writes."""


@dataclass
class CandyceUser(User):
    """A jupyter_server user with what the hub said she may do on this server."""

    read_only: bool = False
    helping: str = ""
    """For a read-only visitor: the display name of the server's owner, whom she helps
    (empty while unknown). JupyterLab reads both from ``/api/me`` to say so."""


def load_public_key(text: str) -> Ed25519PublicKey:
    """The hub's public key from its base64url text (the raw 32 bytes, no padding).

    Raises ValueError if the text is not such a key.
    """
    if not _BASE64URL.fullmatch(text):
        raise ValueError("not base64url")
    raw = _decode(text)
    if raw is None or len(raw) != 32 or _encode(raw) != text:
        raise ValueError("not a 32-byte Ed25519 public key")
    return Ed25519PublicKey.from_public_bytes(raw)


def verify_identity(
    header_value: str, public_key: Ed25519PublicKey | str, now: float
) -> Identity | None:
    """Return the identity carried by a header value, or None if it is not valid.

    Valid means: well-formed, signed by the private key of ``public_key`` (an
    ``Ed25519PublicKey`` or its base64url text), ``iat - 30 <= now < exp``, a lifetime
    ``exp - iat`` of 1 to 300 seconds, and name, role and colour as the hub writes them.
    Pure, so that the hub's tests can check their signatures against it.
    """
    key = load_public_key(public_key) if isinstance(public_key, str) else public_key
    parts = header_value.split(".")
    if len(parts) != 3 or parts[0] != _VERSION:
        return None
    _, payload, signature = parts
    if not (_BASE64URL.fullmatch(payload) and _BASE64URL.fullmatch(signature)):
        return None
    raw_signature = _decode(signature)
    # Only the one canonical encoding of a signature is accepted.
    if raw_signature is None or _encode(raw_signature) != signature:
        return None
    try:
        key.verify(raw_signature, f"{_VERSION}.{payload}".encode("ascii"))
    except InvalidSignature:
        return None
    claims = _decode_claims(payload)
    if claims is None or not _claims_are_valid(claims, now):
        return None
    return Identity(
        name=claims["name"],
        display_name=claims["displayName"],
        role=claims["role"],
        color=claims["color"],
        read_only=claims.get("access") == "read",
    )


class CandyceIdentityProvider(IdentityProvider):
    """Knows the user of each request from the hub-signed ``X-Candyce-Identity`` header.

    See the module docstring for the contract and how to enable it.
    """

    public_key = Unicode(
        "",
        config=True,
        help=(
            "The hub's Ed25519 public key, base64url of its raw 32 bytes (default: "
            f"${PUBLIC_KEY_ENV}). Identities signed by its private key are accepted."
        ),
    )

    owner = Unicode(
        "",
        config=True,
        help=(
            "The hub user name of this server's owner (default: $CANDYCE_SERVER_USER). "
            "Her display name, as the hub last signed it, is told to read-only visitors."
        ),
    )

    @default("owner")
    def _owner_from_environment(self) -> str:
        return os.environ.get(OWNER_ENV, "")

    @default("public_key")
    def _public_key_from_environment(self) -> str:
        return os.environ.get(PUBLIC_KEY_ENV, "")

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        try:
            self._public_key = load_public_key(self.public_key)
        except ValueError as error:
            # A TraitError is reported by jupyter_server as a fatal configuration error.
            raise TraitError(
                "CandyceIdentityProvider.public_key (or "
                f"{PUBLIC_KEY_ENV}) must hold the public key given by the Candyce hub "
                f"({error}): CandyceIdentityProvider cannot verify who is calling "
                "without it."
            ) from None
        self._owner_display_name = ""

    @default("token")
    def _no_token(self) -> str:
        return ""

    @default("need_token")
    def _no_token_needed(self) -> bool:
        return False

    @default("updatable_fields")
    def _nothing_updatable(self) -> list[str]:
        # Names and colour come from the hub with every request: a change made here
        # would be lost on the next one.
        return []

    @property
    def login_available(self) -> bool:
        return False

    @property
    def logout_available(self) -> bool:
        return False

    def get_user(self, handler: web.RequestHandler) -> User:
        """Return the user named by a valid identity header; otherwise refuse with 403.

        Raising rather than returning None matters for pages: given None, jupyter_server
        redirects ``GET /lab`` to a login page, and it lets through the few handlers
        that allow unauthenticated access. Here nothing answers without the hub.
        """
        header_value = handler.request.headers.get(IDENTITY_HEADER)
        if header_value is None:
            self._refuse(handler, "no identity header")
        identity = verify_identity(header_value, self._public_key, time.time())
        if identity is None:
            self._refuse(handler, "invalid identity header")
        if self.owner and identity.name == self.owner:
            # Only the hub names people; the owner's last visit says how it names her.
            self._owner_display_name = identity.display_name
        return CandyceUser(
            username=identity.name,
            name=identity.display_name,
            display_name=identity.display_name,
            initials=_initials(identity),
            color=identity.color,
            read_only=identity.read_only,
            helping=self._owner_display_name if identity.read_only else "",
        )

    def _refuse(self, handler: web.RequestHandler, reason: str) -> NoReturn:
        # Neither the header nor the path: both name a pupil.
        self.log.debug("Candyce identity refused: %s", reason)
        # The error page asks for the current user: say there is none, as
        # jupyter_server does when it refuses a request itself.
        handler.current_user = None
        raise web.HTTPError(403)


def _encode(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _decode(text: str) -> bytes | None:
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        return None


def _decode_claims(payload: str) -> dict[str, Any] | None:
    try:
        raw = base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
        claims = json.loads(raw.decode("utf-8"))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return claims if isinstance(claims, dict) else None


def _claims_are_valid(claims: dict[str, Any], now: float) -> bool:
    name, display_name, role, color, iat, exp = (
        claims.get(key) for key in ("name", "displayName", "role", "color", "iat", "exp")
    )
    if not (_is_int(iat) and _is_int(exp)):
        return False
    # Only one narrowing is known; anything else is not what the hub signs.
    if "access" in claims and claims["access"] != "read":
        return False
    return (
        isinstance(name, str)
        and _NAME.fullmatch(name) is not None
        and isinstance(display_name, str)
        and isinstance(role, str)
        and role in ROLES
        and isinstance(color, str)
        and _COLOR.fullmatch(color) is not None
        and 0 < exp - iat <= MAX_LIFETIME_SECONDS
        and iat - CLOCK_SKEW_SECONDS <= now < exp
    )


def _is_int(value: object) -> bool:
    # JSON true/false load as bool, a subclass of int.
    return isinstance(value, int) and not isinstance(value, bool)


def _initials(identity: Identity) -> str:
    words = identity.display_name.split() or [identity.name]
    return "".join(word[0] for word in words[:2]).upper()
