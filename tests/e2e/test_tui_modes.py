"""Read-only hints, the `!` error view, and `make run`'s files (scripts/run.sh)."""
import os
import pathlib
import re
import stat

from tuihelp import CLIENT_BIN, rows, screen_ids

ROOT = pathlib.Path(__file__).resolve().parents[2]


def create(server, name):
    status, _, body = server.request("POST", "/callback-destinations",
                                     {"name": name, "url": "https://example.com/hook"})
    assert status == 200, body
    return body


def test_read_only_hints_leave_out_write_keys(server, tui):
    create(server, "one")
    term = tui(server, args=("--read-only",))
    screen = term.wait_for(lambda s: len(screen_ids(s)) == 1)
    hints = rows(screen)[-1]
    assert "j/k move" in hints and "/ search" in hints and "q quit" in hints
    for gone in ("n new", "e edit", "d archive"):
        assert gone not in hints
    term.keys("Enter")
    hints = rows(term.wait_for("J raw JSON"))[-1]
    assert "e edit" not in hints and "d archive" not in hints
    wide = tui(server, cols=130, args=("--read-only",))
    hints = rows(wide.wait_for(lambda s: "Tab detail" in s))[-1]
    assert "Enter edit" not in hints and "n new" not in hints


def test_bang_shows_the_last_error_in_full(server, tui):
    create(server, "one")
    term = tui(server, cols=80, rows=24)             # 80 columns: no id column
    term.wait_for(lambda s: "> one" in s and "1-1" in s)
    term.keys("!")
    term.wait_for("no error to show")
    term.keys(":")
    term.type("goto cld_doesnotexist" + "Q" * 60)
    term.keys("Enter")
    screen = term.wait_for("goto failed")
    assert rows(screen)[-1].startswith("! error details  j/k move")
    term.keys("!")
    screen = term.wait_for("Last error")
    assert "goto failed" in screen
    assert "status: 404" in screen
    assert re.search(r"code: \w+", screen)
    assert re.search(r"message: \S", screen)
    assert "request id: " in screen
    assert "Enter/Esc close" in rows(screen)[-1]
    term.keys("Escape")
    term.wait_for(lambda s: "Last error" not in s and "> one" in s)


def test_make_run_log_is_private(tmp_path, tui, server):
    data = tmp_path / "data"
    old = data / "cbdest"
    old.mkdir(parents=True)
    (old / "cbdest-server.log").write_text("old\n")
    os.chmod(old / "cbdest-server.log", 0o644)
    term = tui(server, env={"XDG_DATA_HOME": str(data)},
               shell=f"umask 022; exec {ROOT}/scripts/run.sh {CLIENT_BIN.parent}")
    term.wait_for(lambda s: len(screen_ids(s)) > 10, timeout=30)
    for name in ("cbdest-server.log", "cbdest.db", "cbdest-server.key"):
        mode = stat.S_IMODE(os.stat(old / name).st_mode)
        assert mode == 0o600, (name, oct(mode))
    term.keys("q")
    assert term.exit_status() == 0
