"""A real SAML 2.0 identity provider on loopback for the sign-in tests (pysaml2's IdP, signing with xmlsec1), served
by a small HTTP server in a thread: the service provider redirects the browser to `/sso` (HTTP-Redirect binding),
the user signs in on the provider's own form, and the provider answers with a signed response posted to the service
provider's assertion consumer service (HTTP-POST binding), as an organisation's IdP does.

    with SamlIdentityProvider(tmp_path, sp_entity_id="http://testserver/", acs_url="http://testserver/complete/saml/")
        as idp:
        idp.users["alice"] = ("alice-pass", {"uid": ["alice"], "mail": ["alice@example.com"], "memberOf": [...]})
        settings.SOCIAL_AUTH_SAML_ENABLED_IDPS = {"corp": idp.enabled_idp()}

Attributes travel under the names given (basic name format), so the service provider reads them by those names.
"""

import datetime
import html
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from saml2 import BINDING_HTTP_POST, BINDING_HTTP_REDIRECT
from saml2.config import IdPConfig
from saml2.saml import NAME_FORMAT_BASIC, NAMEID_FORMAT_UNSPECIFIED, NameID
from saml2.server import Server

XMLSEC = "/usr/bin/xmlsec1"


def self_signed(common_name: str) -> tuple[str, str]:
    """A new RSA key and a self-signed certificate for it: (key PEM, certificate PEM)."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL, serialization.NoEncryption()
    ).decode()
    return key_pem, certificate.public_bytes(serialization.Encoding.PEM).decode()


def pem_body(pem: str) -> str:
    """The base64 body of a PEM (what SAML settings call `x509cert`)."""
    return "".join(line for line in pem.strip().splitlines() if "-----" not in line)


class SamlIdentityProvider:
    def __init__(self, workdir: Path, *, sp_entity_id: str, acs_url: str, sp_cert_pem: str) -> None:
        self.workdir = workdir
        self.sp_entity_id, self.acs_url, self.sp_cert_pem = sp_entity_id, acs_url, sp_cert_pem
        self.users: dict[str, tuple[str, dict[str, list[str]]]] = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.entity_id = f"{self.url}/metadata"
        self.key_pem, self.cert_pem = self_signed("test-idp")
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._idp = None

    def enabled_idp(self, **extra) -> dict:
        """This provider as an entry of `SOCIAL_AUTH_SAML_ENABLED_IDPS`."""
        return {"entity_id": self.entity_id, "url": f"{self.url}/sso", "x509cert": pem_body(self.cert_pem), **extra}

    def _sp_metadata(self) -> str:
        return (
            '<?xml version="1.0"?>'
            '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
            f'xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="{html.escape(self.sp_entity_id)}">'
            '<md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
            '<md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>'
            f"{pem_body(self.sp_cert_pem)}"
            "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
            '<md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" '
            f'Location="{html.escape(self.acs_url)}" index="1"/>'
            "</md:SPSSODescriptor></md:EntityDescriptor>"
        )

    def start(self) -> None:
        maps = self.workdir / "attribute-maps"
        maps.mkdir(parents=True, exist_ok=True)
        names = sorted({name for _password, attributes in self.users.values() for name in attributes})
        same = {name: name for name in names}
        (maps / "basic.py").write_text(
            f"MAP = {{'identifier': 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic', 'fro': {same!r}, 'to': {same!r}}}\n"
        )
        (self.workdir / "idp.key").write_text(self.key_pem)
        (self.workdir / "idp.crt").write_text(self.cert_pem)
        config = IdPConfig()
        config.load(
            {
                "entityid": self.entity_id,
                "service": {
                    "idp": {
                        "name": "Test identity provider",
                        "endpoints": {"single_sign_on_service": [(f"{self.url}/sso", BINDING_HTTP_REDIRECT)]},
                        "policy": {"default": {"lifetime": {"minutes": 15}, "name_form": NAME_FORMAT_BASIC}},
                        "name_id_format": [NAMEID_FORMAT_UNSPECIFIED],
                        "want_authn_requests_signed": False,
                    }
                },
                "key_file": str(self.workdir / "idp.key"),
                "cert_file": str(self.workdir / "idp.crt"),
                "xmlsec_binary": XMLSEC,
                # Attributes keep the names given (pysaml2's own maps would rename uid to an OID): users are added
                # before start().
                "attribute_map_dir": str(self.workdir / "attribute-maps"),
                "metadata": {"inline": [self._sp_metadata()]},
            }
        )
        self._idp = Server(config=config)
        self._thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> "SamlIdentityProvider":
        self.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop()

    def _login_page(self, saml_request: str, relay_state: str, error: str = "") -> str:
        return (
            "<!doctype html><html><head><title>Test SAML identity provider</title></head><body>"
            "<h1>Test SAML identity provider</h1>"
            + (f'<p id="error">{html.escape(error)}</p>' if error else "")
            + '<form method="post" action="/login">'
            f'<input type="hidden" name="SAMLRequest" value="{html.escape(saml_request)}">'
            f'<input type="hidden" name="RelayState" value="{html.escape(relay_state)}">'
            '<label>Username <input id="id_username" name="username"></label>'
            '<label>Password <input id="id_password" name="password" type="password"></label>'
            '<button id="sign-in" type="submit">Sign in</button></form></body></html>'
        )

    def _response(self, saml_request: str, relay_state: str, username: str) -> str:
        """The page that posts the signed response for `username` to the service provider."""
        request = self._idp.parse_authn_request(saml_request, BINDING_HTTP_REDIRECT)
        arguments = self._idp.response_args(request.message)
        _password, attributes = self.users[username]
        response = self._idp.create_authn_response(
            identity=attributes,
            userid=username,
            name_id=NameID(format=NAMEID_FORMAT_UNSPECIFIED, text=username),
            authn={"class_ref": "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport"},
            sign_assertion=True,
            sign_response=True,
            **arguments,
        )
        binding = self._idp.apply_binding(
            BINDING_HTTP_POST, str(response), arguments["destination"], relay_state, response=True
        )
        return binding["data"]

    def _handler(self):
        provider = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args) -> None:
                pass

            def _answer(self, status: int, body: str) -> None:
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                parts = urlsplit(self.path)
                if parts.path != "/sso":
                    return self._answer(404, "not found")
                query = {k: v[0] for k, v in parse_qs(parts.query).items()}
                if "SAMLRequest" not in query:
                    return self._answer(400, "no SAMLRequest")
                self._answer(200, provider._login_page(query["SAMLRequest"], query.get("RelayState", "")))

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if self.path != "/login":
                    return self._answer(404, "not found")
                username, password = form.get("username", ""), form.get("password", "")
                request, relay_state = form.get("SAMLRequest", ""), form.get("RelayState", "")
                if provider.users.get(username, (None,))[0] != password:
                    return self._answer(200, provider._login_page(request, relay_state, "Wrong username or password."))
                self._answer(200, provider._response(request, relay_state, username))

        return Handler


def posted_form(page: str) -> tuple[str, dict[str, str]]:
    """The action and hidden fields of the (auto-submitted) form of `page`."""
    action = html.unescape(re.search(r'<form[^>]*action="([^"]*)"', page).group(1))
    fields = {
        html.unescape(name): html.unescape(value)
        for name, value in re.findall(r'<input[^>]*name="([^"]+)"[^>]*value="([^"]*)"', page)
    }
    return action, fields
