"""Shared pytest fixtures: real cbdest-server processes on ephemeral loopback ports."""
import http.client
import json
import os
import pathlib
import signal
import subprocess
import tempfile
import time

import pytest

ROOT = pathlib.Path(__file__).resolve().parent.parent
BUILD = pathlib.Path(os.environ.get("CBDEST_BUILD", ROOT / "build"))
SERVER_BIN = BUILD / "cbdest-server"
CLIENT_BIN = BUILD / "cbdest"

SECRET_KEY = "metorial_sk_test_0123456789abcdef"
PUBLISHABLE_KEY = "metorial_pk_test_0123456789abcdef"
API_VERSION = "2026-01-01-magnetar"


class Server:
    """A running cbdest-server: its process, base URL, db path and an HTTP helper."""

    def __init__(self, db_path, extra_args=(), seed=0):
        self.db_path = str(db_path)
        args = [str(SERVER_BIN), "--listen", "127.0.0.1:0", "--db", self.db_path,
                "--api-key", SECRET_KEY, "--publishable-key", PUBLISHABLE_KEY]
        if seed:
            args += ["--seed", str(seed)]
        args += list(extra_args)
        self.valgrind_log = None
        if os.environ.get("CBDEST_VALGRIND_SERVER"):
            # make valgrind: the server runs under memcheck; stop() fails the test on any
            # error or definite leak it reports
            self.valgrind_log = f"{self.db_path}.valgrind.log"
            args = ["valgrind", "-q", "--error-exitcode=99", "--leak-check=full",
                    "--errors-for-leak-kinds=definite", f"--log-file={self.valgrind_log}",
                    *args]
        self.args = args
        self.proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                     text=True)
        line = self.proc.stdout.readline().strip()
        prefix = "cbdest-server listening on "
        if not line.startswith(prefix):
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            raise RuntimeError(f"server did not start: {line!r} {err!r}")
        self.base_url = line[len(prefix):]
        hostport = self.base_url.split("://", 1)[1]
        self.host, port = hostport.rsplit(":", 1)
        self.port = int(port)

    def request(self, method, path, body=None, key=SECRET_KEY, headers=None, raw_body=None):
        """Send one request; returns (status, headers dict lower-cased, parsed JSON or text)."""
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        hdrs = {"Metorial-Version": API_VERSION}
        if key is not None:
            hdrs["Authorization"] = f"Bearer {key}"
        data = raw_body
        if body is not None:
            data = json.dumps(body).encode()
            hdrs["Content-Type"] = "application/json"
        if headers:
            hdrs.update(headers)
        conn.request(method, path, body=data, headers=hdrs)
        resp = conn.getresponse()
        text = resp.read().decode("utf-8", "replace")
        conn.close()
        rh = {k.lower(): v for k, v in resp.getheaders()}
        try:
            parsed = json.loads(text) if text else None
        except ValueError:
            parsed = text
        return resp.status, rh, parsed

    def stop(self, sig=signal.SIGTERM):
        if self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for stream in (self.proc.stdout, self.proc.stderr):
            if stream:
                stream.close()
        if self.valgrind_log and sig != signal.SIGKILL and os.path.exists(self.valgrind_log):
            report = pathlib.Path(self.valgrind_log).read_text()
            assert not report.strip(), "valgrind report for cbdest-server:\n" + report[:4000]


@pytest.fixture
def tmp_db(tmp_path):
    return tmp_path / "cbdest.db"


@pytest.fixture
def server(tmp_path):
    """A fresh, empty server for one test."""
    srv = Server(tmp_path / "cbdest.db")
    yield srv
    srv.stop()


@pytest.fixture
def seeded_server(tmp_path):
    """A fresh server seeded with 300 destinations for one test."""
    srv = Server(tmp_path / "cbdest.db", seed=300)
    yield srv
    srv.stop()


@pytest.fixture
def make_server(tmp_path):
    """Factory: make_server(extra_args=..., seed=..., db=...) -> Server, stopped at teardown."""
    started = []

    def factory(extra_args=(), seed=0, db=None):
        srv = Server(db or (tmp_path / f"db{len(started)}.db"), extra_args, seed)
        started.append(srv)
        return srv

    yield factory
    for srv in started:
        srv.stop()


def wait_until(predicate, timeout=10.0, interval=0.05):
    """Poll predicate() until it is truthy or timeout passes; returns the last value."""
    deadline = time.monotonic() + timeout
    value = predicate()
    while not value and time.monotonic() < deadline:
        time.sleep(interval)
        value = predicate()
    return value


def tmp_dir():
    return tempfile.mkdtemp(prefix="cbdest-test-")
