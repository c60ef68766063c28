"""Identity providers run in the tests: a small OpenID Connect provider and a CAS 3.0 server,
each a threaded ``http.server`` on 127.0.0.1 at a free port. They speak the real protocols over
HTTP (the platform reaches them with ``requests``); the test sets who logs in and with which
attributes (``provider.claims`` / ``server.attributes``) and can make them misbehave."""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit
from xml.sax.saxutils import escape

import jwt
import requests
from cryptography.hazmat.primitives.asymmetric import rsa


class _Server:
    """A threaded HTTP server whose handler calls ``self.handle(method, path, query, form,
    headers)`` → ``(status, headers, body)``."""

    def __init__(self):
        owner = self

        class Handler(BaseHTTPRequestHandler):
            def _answer(self, method):
                parts = urlsplit(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                form = parse_qs(self.rfile.read(length).decode()) if length else {}
                status, headers, body = owner.handle(
                    method, parts.path, parse_qs(parts.query), form, self.headers
                )
                body = body.encode() if isinstance(body, str) else body
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                self._answer("GET")

            def do_POST(self):
                self._answer("POST")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.httpd.shutdown()
        self.httpd.server_close()


def _one(values, name):
    return (values.get(name) or [""])[0]


def _json(data, status=200):
    return status, {"Content-Type": "application/json"}, json.dumps(data)


def _redirect(url):
    return 302, {"Location": url}, ""


class OIDCProvider(_Server):
    """Authorization endpoint (redirects back with a code at once: the user is "logged in"),
    token endpoint (checks the client, code, redirect URI and PKCE verifier; returns an RS256
    ID token signed with a key made here), JWKS and userinfo endpoints."""

    client_id = "disclosure-portal"
    client_secret = "s3cret-for-tests"  # noqa: S105 - a test provider's client

    def __init__(self):
        super().__init__()
        self.key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.kid = "test-key-1"
        self.claims = {}
        self.codes = {}
        self.id_token_overrides = {}
        self.tamper_signature = False
        self.userinfo_overrides = {}

    @property
    def settings(self):
        return {
            "OIDC_ENABLED": True,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.base}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.base}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.base}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.base}/jwks",
            "OIDC_OP_ISSUER": self.base,
        }

    def jwk(self):
        public = jwt.algorithms.RSAAlgorithm.to_jwk(self.key.public_key(), as_dict=True)
        return {**public, "kid": self.kid, "alg": "RS256", "use": "sig"}

    def id_token(self, nonce):
        now = int(time.time())
        claims = {
            "iss": self.base,
            "aud": self.client_id,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
            **self.claims,
            **self.id_token_overrides,
        }
        token = jwt.encode(claims, self.key, algorithm="RS256", headers={"kid": self.kid})
        if self.tamper_signature:
            header, payload, signature = token.split(".")
            forged = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
            forged["role"] = "省局管理员"
            payload = base64.urlsafe_b64encode(json.dumps(forged).encode()).rstrip(b"=").decode()
            token = f"{header}.{payload}.{signature}"
        return token

    def handle(self, method, path, query, form, headers):
        if path == "/authorize":
            code = secrets.token_urlsafe(16)
            self.codes[code] = {
                "nonce": _one(query, "nonce"),
                "redirect_uri": _one(query, "redirect_uri"),
                "challenge": _one(query, "code_challenge"),
            }
            params = {"code": code, "state": _one(query, "state")}
            return _redirect(f"{_one(query, 'redirect_uri')}?{urlencode(params)}")
        if path == "/token" and method == "POST":
            issued = self.codes.pop(_one(form, "code"), None)
            verifier = _one(form, "code_verifier").encode()
            challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier).digest()).rstrip(b"=")
            if (
                issued is None
                or _one(form, "client_id") != self.client_id
                or _one(form, "client_secret") != self.client_secret
                or _one(form, "redirect_uri") != issued["redirect_uri"]
                or challenge.decode() != issued["challenge"]
            ):
                return _json({"error": "invalid_grant"}, 400)
            return _json(
                {
                    "access_token": "at-" + secrets.token_urlsafe(8),
                    "token_type": "Bearer",
                    "id_token": self.id_token(issued["nonce"]),
                }
            )
        if path == "/jwks":
            return _json({"keys": [self.jwk()]})
        if path == "/userinfo":
            if not (headers.get("Authorization") or "").startswith("Bearer at-"):
                return _json({"error": "invalid_token"}, 401)
            return _json({**self.claims, **self.userinfo_overrides})
        return _json({"error": "not_found"}, 404)


class CASServer(_Server):
    """``/cas/login`` (redirects back to the service with a ticket at once), ``/cas/logout``
    and ``/cas/p3/serviceValidate`` / ``/cas/serviceValidate`` answering the CAS 3.0 XML with
    ``cas:attributes``; a ticket is good once and for its service only."""

    def __init__(self):
        super().__init__()
        self.user = ""
        self.attributes = {}
        self.tickets = {}
        self.validated = []

    @property
    def settings(self):
        return {"CAS_ENABLED": True, "CAS_SERVER_URL": f"{self.base}/cas/", "CAS_VERSION": "3"}

    def handle(self, method, path, query, form, headers):
        if path == "/cas/login":
            ticket = "ST-" + secrets.token_urlsafe(16)
            service = _one(query, "service")
            self.tickets[ticket] = (service, self.user, dict(self.attributes))
            separator = "&" if "?" in service else "?"
            return _redirect(f"{service}{separator}ticket={ticket}")
        if path == "/cas/logout":
            return 200, {"Content-Type": "text/plain"}, "logged out"
        if path in ("/cas/p3/serviceValidate", "/cas/serviceValidate"):
            ticket, service = _one(query, "ticket"), _one(query, "service")
            self.validated.append(ticket)
            issued = self.tickets.pop(ticket, None)
            if issued is None or issued[0] != service:
                return 200, {"Content-Type": "application/xml"}, self.failure(ticket)
            return 200, {"Content-Type": "application/xml"}, self.success(*issued[1:])
        return 404, {}, ""

    @staticmethod
    def failure(ticket):
        return (
            '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">'
            f'<cas:authenticationFailure code="INVALID_TICKET">Ticket {escape(ticket)} not '
            "recognized</cas:authenticationFailure></cas:serviceResponse>"
        )

    @staticmethod
    def success(user, attributes):
        rows = []
        for name, value in attributes.items():
            for item in value if isinstance(value, list) else [value]:
                rows.append(f"<cas:{name}>{escape(item)}</cas:{name}>")
        return (
            '<cas:serviceResponse xmlns:cas="http://www.yale.edu/tp/cas">'
            f"<cas:authenticationSuccess><cas:user>{escape(user)}</cas:user>"
            f"<cas:attributes>{''.join(rows)}</cas:attributes>"
            "</cas:authenticationSuccess></cas:serviceResponse>"
        )


def logout_request(ticket):
    """The SAML ``LogoutRequest`` a CAS server posts for single logout."""
    return (
        '<samlp:LogoutRequest xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol" '
        'xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="LR-1" Version="2.0" '
        'IssueInstant="2026-12-04T10:00:00Z"><saml:NameID>@NOT_USED@</saml:NameID>'
        f"<samlp:SessionIndex>{escape(ticket)}</samlp:SessionIndex></samlp:LogoutRequest>"
    )


#: The provincial platform's role values and organisation codes in the tests' configuration.
ROLE_MAP = {"信息员": "editor", "科室负责人": "department_head", "政务公开办": "disclosure_office"}
DEPARTMENT_MAP = {"11330100MB0001": "登记注册科"}


def configure(settings, server, backend, **extra):
    """Turn one provider on in ``settings`` (pytest-django's fixture) with the tests' mapping."""
    for name, value in server.settings.items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [*settings.AUTHENTICATION_BACKENDS, backend]
    settings.SSO_ROLE_ATTRIBUTE = "role"
    settings.SSO_ROLE_MAP = ROLE_MAP
    settings.SSO_DEPARTMENT_ATTRIBUTE = "dept"
    settings.SSO_DEPARTMENT_MAP = DEPARTMENT_MAP
    for name, value in extra.items():
        setattr(settings, name, value)


def through_provider(client, login_url):
    """Start at the platform's SSO login, let the provider (over real HTTP) send the browser
    back, and return the platform's answer to the callback."""
    start = client.get(login_url)
    assert start.status_code == 302, start
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    return client.get(local(at_provider.headers["Location"]))


def local(url):
    """A URL of the platform (``http://testserver/…``) as the test client's path."""
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path
