"""End-to-end fixtures: build/cbdest in a real tmux terminal against a real cbdest-server.

`tui(server, cols=100, rows=30, args=(), env=None, shell=None)` starts cbdest in a TmuxTerm
(closed at teardown) talking to `server` with the server's secret key in a 0600 key file;
the user's own config is kept out (XDG_CONFIG_HOME points at an empty temp dir).
`shell` runs a shell command line instead, with $CBDEST naming the client command.
"""
import os
import pathlib
import shlex
import sys

import pytest

HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from tmuxterm import TmuxTerm  # noqa: E402
from tuihelp import CLIENT_BIN, SECRET_KEY  # noqa: E402


def client_env(server, tmp_path, extra=None):
    """The environment cbdest runs with: base URL, key file, a clean config home, UTF-8."""
    keyfile = tmp_path / "api.key"
    keyfile.write_text(SECRET_KEY + "\n")
    os.chmod(keyfile, 0o600)
    confdir = tmp_path / "config"
    confdir.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("METORIAL_", "CBDEST_", "TMUX", "NO_COLOR"))}
    env.update({"METORIAL_BASE_URL": server.base_url, "CBDEST_API_KEY_FILE": str(keyfile),
                "XDG_CONFIG_HOME": str(confdir), "LANG": "C.UTF-8", "LC_ALL": "C.UTF-8",
                "TERM": "tmux-256color", "HOME": str(tmp_path)})
    # Under `make asan`, sanitizer reports go to files the fixture checks at teardown.
    for var in ("ASAN_OPTIONS", "UBSAN_OPTIONS"):
        opts = os.environ.get(var, "")
        env[var] = (opts + ":" if opts else "") + f"log_path={tmp_path}/sanitizer"
    env.update(extra or {})
    return env


@pytest.fixture
def tui(tmp_path):
    terms = []

    def start(server, cols=100, rows=30, args=(), env=None, shell=None):
        full_env = client_env(server, tmp_path, env)
        if shell is not None:
            full_env["CBDEST"] = " ".join(shlex.quote(a) for a in [str(CLIENT_BIN), *args])
            argv = ["sh", "-c", shell]
        else:
            argv = [str(CLIENT_BIN), *args]
        term = TmuxTerm(argv, cols=cols, rows=rows, env=full_env, cwd=str(tmp_path))
        terms.append(term)
        return term

    yield start
    for term in terms:
        term.close()
    reports = sorted(tmp_path.glob("sanitizer*"))
    assert not reports, "sanitizer report:\n" + "\n".join(p.read_text()[:3000] for p in reports)
