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
from tuihelp import CLIENT_BIN, client_env  # noqa: E402


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
