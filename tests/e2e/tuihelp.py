"""Helpers for the end-to-end terminal tests: the shared constants and screen parsing."""
import importlib.util
import os
import pathlib
import re
import unicodedata

_spec = importlib.util.spec_from_file_location(
    "cbdest_shared_conftest", pathlib.Path(__file__).resolve().parent.parent / "conftest.py")
_shared = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(_shared)
CLIENT_BIN = _shared.CLIENT_BIN
SECRET_KEY = _shared.SECRET_KEY

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
    supp = pathlib.Path(__file__).resolve().parent / "lsan.supp"
    env["LSAN_OPTIONS"] = f"suppressions={supp}"
    env.update(extra or {})
    return env


ID_RE = re.compile(r"\b(c[a-z]{2}_[0-9A-Za-z]{6,})\b")


def list_all(server, order="asc"):
    """Every destination id the server holds, in the given order."""
    ids, after = [], None
    while True:
        path = f"/callback-destinations?limit=100&order={order}"
        if after:
            path += f"&after={after}"
        status, _, body = server.request("GET", path)
        assert status == 200, body
        ids += [item["id"] for item in body["items"]]
        if not body["pagination"]["has_more_after"] or not body["items"]:
            return ids
        after = body["items"][-1]["id"]


def rows(screen):
    """The screen's lines (capture-pane ends every line, the last one included, with \\n)."""
    return (screen[:-1] if screen.endswith("\n") else screen).split("\n")


def screen_ids(screen):
    """Ids on the list rows of a screen, top to bottom."""
    return [m.group(1) for line in rows(screen)[2:-2] for m in [ID_RE.search(line)] if m]


def selected_id(screen):
    for line in rows(screen):
        if line.startswith(">"):
            m = ID_RE.search(line)
            return m.group(1) if m else None
    return None


def display_width(text):
    """Terminal columns of text (wide East Asian characters and emoji take two)."""
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or ch in "\u200d\ufe0f":
            continue
        width += 2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1
    return width
