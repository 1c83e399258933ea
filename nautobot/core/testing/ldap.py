"""A private OpenLDAP server for tests of LDAP sign-in: Debian's `slapd` on a free loopback port.

`SlapdServer` keeps everything under its own directory (a `slapd.conf`, an MDB database, a self-signed CA and
server certificate for STARTTLS), loads `DIRECTORY` (or the LDIF given) with `slapadd` before it starts, and never
touches the system's slapd or anything owned by root. `modify()` changes the directory while it runs, as an
administrator would with `ldapmodify`.

The directory: `dc=example,dc=com`; users under `ou=people` (password `<uid>-pass`), `groupOfNames` groups under
`ou=groups`:

| user  | groups                     |
| ----- | -------------------------- |
| alice | nautobot-users, netops     |
| bob   | netops                     |
| carol | nautobot-users, nautobot-admins |
| dave  | nautobot-users (under `ou=contractors`, for searches over several bases) |
"""

import datetime
import ipaddress
import socket
import subprocess
import textwrap
from pathlib import Path

from nautobot.core.testing.processes import free_port, wait_for

BASE_DN = "dc=example,dc=com"
ADMIN_DN = f"cn=admin,{BASE_DN}"  # the service account (slapd's rootdn)
ADMIN_PASSWORD = "admin-secret"
PEOPLE = f"ou=people,{BASE_DN}"
GROUPS = f"ou=groups,{BASE_DN}"
CONTRACTORS = f"ou=contractors,{BASE_DN}"
SCHEMAS = ("core", "cosine", "inetorgperson", "nis")


def user_dn(uid: str) -> str:
    return f"uid={uid},{CONTRACTORS if uid == 'dave' else PEOPLE}"


def group_dn(cn: str) -> str:
    return f"cn={cn},{GROUPS}"


def _person(uid: str, given: str, surname: str) -> str:
    return textwrap.dedent(f"""\
        dn: {user_dn(uid)}
        objectClass: inetOrgPerson
        uid: {uid}
        cn: {given} {surname}
        givenName: {given}
        sn: {surname}
        mail: {uid}@example.com
        userPassword: {uid}-pass
        """)


def _group(cn: str, *members: str) -> str:
    return f"dn: {group_dn(cn)}\nobjectClass: groupOfNames\ncn: {cn}\n" + "".join(
        f"member: {user_dn(m)}\n" for m in members
    )


def _unit(dn: str) -> str:
    return f"dn: {dn}\nobjectClass: organizationalUnit\nou: {dn.split(',')[0].split('=')[1]}\n"


DIRECTORY = "\n".join(
    [
        f"dn: {BASE_DN}\nobjectClass: dcObject\nobjectClass: organization\ndc: example\no: Example\n",
        _unit(PEOPLE),
        _unit(GROUPS),
        _unit(CONTRACTORS),
        _person("alice", "Alice", "Anders"),
        _person("bob", "Bob", "Berg"),
        _person("carol", "Carol", "Chen"),
        _person("dave", "Dave", "Dietz"),
        _group("nautobot-users", "alice", "carol", "dave"),
        _group("netops", "alice", "bob"),
        _group("nautobot-admins", "carol"),
    ]
)


class SlapdServer:
    """`slapd` serving `DIRECTORY` on 127.0.0.1 (`uri`, `ldap://localhost:<port>`), STARTTLS with `ca_file` as CA."""

    def __init__(self, workdir: Path, ldif: str = DIRECTORY) -> None:
        self.workdir = workdir
        self.ldif = ldif
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def uri(self) -> str:
        # "localhost", the name in the certificate, so that STARTTLS can check it.
        return f"ldap://localhost:{self.port}"

    @property
    def ca_file(self) -> Path:
        return self.workdir / "ca.pem"

    def start(self) -> None:
        self.workdir.mkdir(parents=True, exist_ok=True)
        (self.workdir / "db").mkdir(exist_ok=True)
        self._write_certificates()
        conf = self.workdir / "slapd.conf"
        conf.write_text(self._config())
        (self.workdir / "directory.ldif").write_text(self.ldif)
        self._run("slapadd", "-f", str(conf), "-l", str(self.workdir / "directory.ldif"))
        log = open(self.workdir / "slapd.log", "ab")
        # `-d 0`: stay in the foreground (so that stop() ends it) without debug output.
        command = ["slapd", "-f", str(conf), "-h", f"ldap://127.0.0.1:{self.port}/", "-d", "0"]
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        wait_for(self._answers, timeout=30, what=f"slapd on port {self.port} (log: {self.workdir / 'slapd.log'})")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.process = None

    def modify(self, ldif: str) -> None:
        """Apply `ldif` (changetype records) as the administrator, with `ldapmodify`."""
        self._run(*self._client("ldapmodify"), input=textwrap.dedent(ldif))

    def remove_member(self, group: str, uid: str) -> None:
        self.modify(f"dn: {group_dn(group)}\nchangetype: modify\ndelete: member\nmember: {user_dn(uid)}\n")

    def delete(self, dn: str) -> None:
        self._run(*self._client("ldapdelete"), dn)

    def _answers(self) -> bool:
        if self.process is not None and self.process.poll() is not None:
            raise AssertionError(f"slapd exited: {(self.workdir / 'slapd.log').read_text(errors='replace')[-2000:]}")
        probe = [*self._client("ldapsearch"), "-b", BASE_DN, "-s", "base", "dn"]
        return subprocess.run(probe, capture_output=True, timeout=10).returncode == 0

    def _client(self, tool: str) -> list[str]:
        return [tool, "-x", "-H", f"ldap://127.0.0.1:{self.port}", "-D", ADMIN_DN, "-w", ADMIN_PASSWORD]

    def _run(self, *command: str, input: str | None = None) -> None:
        result = subprocess.run(command, input=input, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            raise AssertionError(f"{' '.join(command[:1])} failed ({result.returncode}): {result.stderr}")

    def _config(self) -> str:
        includes = "".join(f"include /etc/ldap/schema/{name}.schema\n" for name in SCHEMAS)
        return includes + textwrap.dedent(f"""\
            pidfile {self.workdir / "slapd.pid"}
            argsfile {self.workdir / "slapd.args"}
            modulepath /usr/lib/ldap
            moduleload back_mdb
            TLSCACertificateFile {self.ca_file}
            TLSCertificateFile {self.workdir / "server.pem"}
            TLSCertificateKeyFile {self.workdir / "server.key"}
            database mdb
            maxsize 16777216
            suffix "{BASE_DN}"
            rootdn "{ADMIN_DN}"
            rootpw {ADMIN_PASSWORD}
            directory {self.workdir / "db"}
            access to attrs=userPassword by anonymous auth by self write by * none
            access to * by users read by * none
            """)

    def _write_certificates(self) -> None:
        """A throw-away CA and a certificate for "localhost" signed by it (what `ca_file` lets clients check)."""
        from cryptography import x509
        from cryptography.hazmat.primitives import hashes, serialization
        from cryptography.hazmat.primitives.asymmetric import ec
        from cryptography.x509.oid import NameOID

        now = datetime.datetime.now(datetime.UTC)

        def certificate(subject: str, key, issuer: str, issuer_key, *, ca: bool) -> x509.Certificate:
            builder = (
                x509.CertificateBuilder()
                .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
                .issuer_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, issuer)]))
                .public_key(key.public_key())
                .serial_number(x509.random_serial_number())
                .not_valid_before(now - datetime.timedelta(days=1))
                .not_valid_after(now + datetime.timedelta(days=30))
                .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
            )
            if not ca:
                # libldap checks the name it connected to, which it may take from the resolver rather than the URI.
                names = sorted({subject, socket.gethostname(), socket.getfqdn("127.0.0.1")})
                alternatives = [*map(x509.DNSName, names), x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]
                builder = builder.add_extension(x509.SubjectAlternativeName(alternatives), critical=False)
            return builder.sign(issuer_key, hashes.SHA256())

        ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
        ca = certificate("Test LDAP CA", ca_key, "Test LDAP CA", ca_key, ca=True)
        server = certificate("localhost", server_key, "Test LDAP CA", ca_key, ca=False)
        self.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        (self.workdir / "server.pem").write_bytes(server.public_bytes(serialization.Encoding.PEM))
        key = server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
        (self.workdir / "server.key").write_bytes(key)
