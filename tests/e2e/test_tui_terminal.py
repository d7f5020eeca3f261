"""Terminal behaviour: wide characters, hostile text, resizing, NO_COLOR, restoring the tty."""
import os
import re
import signal
import time

from tuihelp import CLIENT_BIN, client_env, display_width, rows, screen_ids, selected_id

NAMES = ["plain ascii name", "日本語の宛先テスト", "emoji 🎉🚀 party", "Señal de pagos é",
         "混合 mixed 漢字 and 😀 more text to be cut off at the edge"]


def create(server, name, url="https://example.com/hook", **extra):
    status, _, body = server.request("POST", "/callback-destinations",
                                     {"name": name, "url": url, **extra})
    assert status == 200, body
    return body


def test_unicode_and_emoji_names_keep_columns_aligned(server, tui):
    made = [create(server, n, url=f"https://h{i}.example/p") for i, n in enumerate(NAMES)]
    term = tui(server)
    screen = term.wait_for(lambda s: len(screen_ids(s)) == len(NAMES))
    lines = rows(screen)[2:2 + len(NAMES)]
    url_cols, id_cols = set(), set()
    for i, line in enumerate(lines):
        url = f"h{i}.example/p"
        assert url in line, line
        url_cols.add(display_width(line[:line.index(url)]))
        id_cols.add(display_width(line[:line.index(made[i]["id"])]))
        assert display_width(line.rstrip()) <= 100
    assert len(url_cols) == 1, (url_cols, lines)
    assert len(id_cols) == 1, (id_cols, lines)
    assert "日本語の宛先テスト" in lines[1]
    assert "emoji 🎉🚀 party" in lines[2]
    assert "…" in lines[4]                      # cut with an ellipsis, not across a wide char


def test_escape_sequences_in_a_name_are_drawn_harmlessly(server, tui):
    evil = "evil\x1b[31mRED\x1b]0;pwned\x07\x1b[2J\u202eabc\x9b1m"
    made = create(server, evil, description="line1\x1b[H\x1b[2Jline2")
    create(server, "second row")
    term = tui(server)
    screen = term.wait_for(lambda s: len(screen_ids(s)) == 2)
    line = rows(screen)[2]
    assert line.startswith("> evil\\e[31mRED\\e]0;p")
    assert made["id"] in line
    assert rows(screen)[0].startswith(" cbdest  profile: default")   # nothing was cleared
    assert "second row" in rows(screen)[3]
    title = term._tmux("display-message", "-p", "-t", "t", "#{pane_title}")
    assert "pwned" not in title
    term.keys("Enter")                              # the detail pane, description included
    screen = term.wait_for("Description")
    assert "line1\\e[H\\e[2Jline2" in screen
    assert re.search(r"Name         evil\\e\[31mRED\\e\]0;pwned\\x07\\e\[2J\\u202Eabc"
                     r"\\(x9B|u009B)1m", screen), screen


def test_resize_to_too_small_and_back_keeps_an_open_form(seeded_server, tui):
    term = tui(seeded_server, cols=100, rows=30)
    term.wait_for("1-26, more below")
    term.keys("n")
    term.wait_for("New destination")
    term.type("Typed before resize")
    term.wait_for("Typed before resize")
    term.resize(30, 8)
    screen = term.wait_for("terminal too small")
    assert [line for line in rows(screen) if line.strip()] == ["terminal too small"]
    term.resize(100, 30)
    screen = term.wait_for(lambda s: "Typed before resize" in s and "New destination" in s)
    assert rows(screen)[0].startswith(" cbdest  profile: default")
    term.type(" and after")
    term.wait_for("Typed before resize and after")


def test_narrow_detail_replaces_list_and_wide_shows_both(seeded_server, tui):
    term = tui(seeded_server, cols=100, rows=30)
    term.wait_for("1-26, more below")
    term.keys("Enter")
    screen = term.wait_for("Description")
    assert "NAME" not in rows(screen)[1]
    term.keys("Escape")
    term.wait_for(lambda s: "NAME" in rows(s)[1])
    term.keys("Enter")
    term.wait_for("Description")
    term.keys("q")                                  # q in the detail goes back, not out
    term.wait_for(lambda s: "NAME" in rows(s)[1])
    assert not term.is_dead()
    term.resize(140, 30)
    screen = term.wait_for(lambda s: "Description" in s and "NAME" in rows(s)[1])
    assert "│" in rows(screen)[5]


def test_no_color_keeps_states_visible(seeded_server, tui):
    term = tui(seeded_server, env={"NO_COLOR": "1"})
    term.wait_for("1-26, more below")
    styled = term.screen(attrs=True)
    assert not re.search(r"\x1b\[[0-9;]*(3[0-7]|38;|9[0-7])[;m]", styled), styled[:400]
    sel = next(line for line in styled.split("\n") if "> " in line or line.startswith(">"))
    assert "\x1b[" in sel and "7" in sel           # reverse video marks the selection
    plain = term.screen()
    archived = [line for line in rows(plain)[2:-2] if " archived " in line]
    assert archived and all(line[1] == "~" for line in archived)


def test_quit_and_signals_leave_the_terminal_sane(seeded_server, tui, tmp_path):
    def by_quit(term):
        term.keys("q")

    def by_sigterm(term):
        pid = cbdest_pid(term)
        os.kill(pid, signal.SIGTERM)

    def by_crash(term):
        os.kill(cbdest_pid(term), signal.SIGSEGV)     # the fatal-signal path restores too

    def by_sigint(term):                               # what Ctrl-C delivers
        os.kill(cbdest_pid(term), signal.SIGINT)

    def by_sighup(term):                               # an SSH session that hangs up
        os.kill(cbdest_pid(term), signal.SIGHUP)

    for action, want_rc in ((by_quit, "rc=0"), (by_sigterm, "rc=143"), (by_crash, "rc=139"),
                            (by_sigint, "rc=130"), (by_sighup, "rc=129")):
        for f in ("before.txt", "after.txt", "rc.txt"):
            (tmp_path / f).unlink(missing_ok=True)
        term = tui(seeded_server, shell='stty -a > before.txt; $CBDEST; echo "rc=$?" > rc.txt; '
                                        'stty -a > after.txt; sleep 30')
        term.wait_for("1-26, more below")
        action(term)
        deadline = time.monotonic() + 10
        while not (tmp_path / "after.txt").exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        time.sleep(0.1)
        assert (tmp_path / "rc.txt").read_text().strip() == want_rc
        before = (tmp_path / "before.txt").read_text()
        assert "icanon" in before and "-icanon" not in before
        assert (tmp_path / "after.txt").read_text() == before
        term.close()


def cbdest_pid(term):
    shell = term.pane_pid()
    out = os.popen(f"pgrep -P {shell}").read().split()
    assert out, "cbdest is not running under the pane's shell"
    return int(out[0])


def test_closed_terminal_makes_it_exit(seeded_server, tui):
    term = tui(seeded_server, shell="$CBDEST; sleep 30")
    term.wait_for("1-26, more below")
    pid = cbdest_pid(term)
    term._tmux("kill-pane", "-t", "t")
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return
        with open(f"/proc/{pid}/stat") as f:
            if f.read().split()[2] == "Z":
                return
        time.sleep(0.05)
    raise AssertionError("cbdest still runs after its terminal closed")


def test_ascii_locale_substitutes_without_breaking_columns(server, tui):
    made = [create(server, n, url=f"https://h{i}.example/p") for i, n in enumerate(NAMES[:3])]
    term = tui(server, env={"LANG": "C", "LC_ALL": "C"})
    screen = term.wait_for(lambda s: len(screen_ids(s)) == 3)
    lines = rows(screen)[2:5]
    assert "?????????" in lines[1]                    # 9 CJK characters: 18 columns of '?'
    assert "emoji ???? party" in lines[2]
    cols = {line.index(f"h{i}.example/p") for i, line in enumerate(lines)}
    assert len(cols) == 1, lines
    assert all(made[i]["id"] in lines[i] for i in range(3))
    assert all(ord(c) < 128 for c in screen)


def test_unknown_terminal_type_is_a_clear_error(server, tmp_path):
    import subprocess
    master, slave = os.openpty()
    env = client_env(server, tmp_path, {"TERM": "no-such-terminal-xyz"})
    proc = subprocess.run([str(CLIENT_BIN)], stdin=slave, stdout=slave,
                          stderr=subprocess.PIPE, env=env, timeout=10, text=True)
    os.close(slave)
    os.close(master)
    assert proc.returncode == 2
    assert "cannot use terminal type 'no-such-terminal-xyz'" in proc.stderr
    assert "TERM=xterm-256color" in proc.stderr


def test_dumb_terminal_is_refused(server, tmp_path):
    import subprocess
    master, slave = os.openpty()
    env = client_env(server, tmp_path, {"TERM": "dumb"})
    proc = subprocess.run([str(CLIENT_BIN)], stdin=slave, stdout=slave,
                          stderr=subprocess.PIPE, env=env, timeout=10, text=True)
    os.close(slave)
    os.close(master)
    assert proc.returncode == 2
    assert "terminal type 'dumb' cannot move the cursor (no cup capability)" in proc.stderr
    assert "TERM=xterm-256color" in proc.stderr
