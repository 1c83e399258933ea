"""Real Git repositories for tests: a working repository to commit into, a bare remote to fetch from, and
an HTTP server (git's "dumb" protocol) that demands Basic credentials, so credential handling is tested for real."""

import base64
import contextlib
import functools
import ssl
import subprocess
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

GIT_ENV = {
    "GIT_AUTHOR_NAME": "Test",
    "GIT_AUTHOR_EMAIL": "test@example.com",
    "GIT_COMMITTER_NAME": "Test",
    "GIT_COMMITTER_EMAIL": "test@example.com",
    "GIT_CONFIG_NOSYSTEM": "1",
    "HOME": "/nonexistent",
    "PATH": "/usr/bin:/bin:/usr/local/bin",
}


def git(cwd: Path, *args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=cwd, env=GIT_ENV, check=True, capture_output=True, text=True
    ).stdout.strip()


class SourceRepository:
    """A working repository (`work`) whose commits are pushed to a bare `remote` (`url`: file://)."""

    def __init__(self, root: Path, branch: str = "main") -> None:
        self.work, self.remote, self.branch = root / "work", root / "remote.git", branch
        self.work.mkdir(parents=True)
        git(root, "init", "--bare", "-b", branch, str(self.remote))
        git(self.work, "init", "-b", branch)
        git(self.work, "remote", "add", "origin", str(self.remote))

    @property
    def url(self) -> str:
        return f"file://{self.remote}"

    def commit(self, files: dict[str, str | None], message: str = "change") -> str:
        """Write (or, for None, delete) `files`, commit, push; return the new commit hash."""
        for path, text in files.items():
            target = self.work / path
            if text is None:
                git(self.work, "rm", "-q", path)
                continue
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text)
            git(self.work, "add", path)
        git(self.work, "commit", "-q", "--allow-empty", "-m", message)
        git(self.work, "push", "-q", "origin", self.branch)
        git(self.remote, "update-server-info")  # for the dumb HTTP protocol
        return git(self.work, "rev-parse", "HEAD")


@contextlib.contextmanager
def http_remote(
    directory: Path, username: str, password: str, *, tls_pem: Path | None = None
) -> Iterator[tuple[str, list]]:
    """Serve `directory` over HTTP on 127.0.0.1, answering 401 unless given Basic `username:password`.

    Yields the base URL and the list of Authorization headers received (to check what git sent).
    `tls_pem`: a file holding a certificate and its key; HTTPS with it.
    """
    expected = "Basic " + base64.b64encode(f"{username}:{password}".encode()).decode()
    seen: list = []

    class Handler(SimpleHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.headers.get("Authorization"))
            if self.headers.get("Authorization") != expected:
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="git"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            super().do_GET()

        def log_message(self, *args) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(directory)))
    if tls_pem is not None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(tls_pem)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"{'https' if tls_pem else 'http'}://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()
