"""Fixtures for CLI tests: run build/cbdest against a real cbdest-server, isolated from the user."""
import pathlib
import subprocess
import sys

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))
from clihelp import CLIENT, SECRET, CliResult, clean_env  # noqa: E402


@pytest.fixture
def make_cli(tmp_path):
    """make_cli(server) -> run(*args, env=..., key=..., input=...) -> CliResult."""
    def bind(server):
        def run(*args, env=None, key=SECRET, input=None, timeout=60):
            e = clean_env(tmp_path, server.base_url if server else None, key)
            e.update(env or {})
            proc = subprocess.run([str(CLIENT), *args], env=e, capture_output=True, text=True,
                                  input=input, timeout=timeout,
                                  stdin=None if input is not None else subprocess.DEVNULL)
            return CliResult(proc)
        return run
    return bind


@pytest.fixture
def cli(server, make_cli):
    return make_cli(server)
