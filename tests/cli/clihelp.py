"""Helpers for CLI tests: where cbdest is, the test key, a clean environment, results."""
import json
import os
import pathlib

ROOT = pathlib.Path(__file__).resolve().parents[2]
BUILD = pathlib.Path(os.environ.get("CBDEST_BUILD", ROOT / "build"))
CLIENT = BUILD / "cbdest"
SECRET = "metorial_sk_test_0123456789abcdef"


class CliResult:
    def __init__(self, proc):
        self.rc = proc.returncode
        self.out = proc.stdout
        self.err = proc.stderr

    def json(self):
        return json.loads(self.out)

    def jsonl(self):
        return [json.loads(line) for line in self.out.splitlines() if line.strip()]

    def __repr__(self):
        return f"rc={self.rc} out={self.out[:400]!r} err={self.err[:400]!r}"


def clean_env(tmp_path, base_url=None, key=SECRET):
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("CBDEST_", "METORIAL_", "CURL_CA", "SSL_CERT"))}
    env["XDG_CONFIG_HOME"] = str(tmp_path / "xdg")
    env["no_proxy"] = env["NO_PROXY"] = "*"
    if key:
        env["METORIAL_API_KEY"] = key
    if base_url:
        env["METORIAL_BASE_URL"] = base_url
    return env
