"""Fixtures for hostile-peer tests: scriptable fake servers and a cbdest runner pointed at them."""
import json
import os
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from fakeserver import CLIENT, FAKE_KEY, FakeServer  # noqa: E402


@pytest.fixture
def fake():
    srv = FakeServer()
    yield srv
    srv.stop()


@pytest.fixture
def other_host():
    """A second listener on another loopback address (a different host name than the API)."""
    srv = FakeServer("127.0.0.2")
    yield srv
    srv.stop()


class Result:
    def __init__(self, proc, seconds):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr
        self.seconds = seconds

    def json(self):
        return json.loads(self.out)


@pytest.fixture
def cbdest(fake, tmp_path):
    """cbdest(*args, env=dict, timeout=s) -> Result, against `fake`, with fast retry settings."""
    import time

    def run(*args, env=None, timeout=30, base_url=None, stdin=subprocess.DEVNULL):
        e = {k: v for k, v in os.environ.items()
             if not k.startswith(("CBDEST_", "METORIAL_", "CURL_CA", "SSL_CERT"))}
        e.update({"METORIAL_API_KEY": FAKE_KEY, "XDG_CONFIG_HOME": str(tmp_path / "xdg"),
                  "METORIAL_BASE_URL": base_url or fake.base_url,
                  "CBDEST_RETRY_BASE_MS": "20", "no_proxy": "*", "NO_PROXY": "*"})
        e.update(env or {})
        start = time.monotonic()
        proc = subprocess.run([str(CLIENT), *args], env=e, capture_output=True, text=True,
                              timeout=timeout, stdin=stdin)
        return Result(proc, time.monotonic() - start)

    return run
