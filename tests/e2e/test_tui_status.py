"""The status line: `reloaded` after r and :reload, a slow request named with its elapsed time
and cancelled by Esc, empty lists that say why."""
import re
import signal

from tuihelp import rows, screen_ids


def create(server, name):
    status, _, body = server.request("POST", "/callback-destinations",
                                     {"name": name, "url": "https://example.com/hook"})
    assert status == 200, body
    return body


def status_line(screen):
    return rows(screen)[-2]


def test_reload_says_reloaded(server, tui):
    for i in range(3):
        create(server, f"row {i}")
    term = tui(server)
    term.wait_for(lambda s: len(screen_ids(s)) == 3)
    term.keys("r")
    screen = term.wait_for(lambda s: "ok: reloaded" in s)
    assert "reloading" not in screen
    term.keys(":")
    term.type("reload")
    term.keys("Enter")
    term.wait_for(lambda s: "ok: reloaded" in status_line(s))


def test_frozen_server_shows_elapsed_time_and_esc_cancels(server, tui):
    for i in range(3):
        create(server, f"row {i}")
    term = tui(server)
    term.wait_for(lambda s: len(screen_ids(s)) == 3)
    server.proc.send_signal(signal.SIGSTOP)
    try:
        term.keys("r")
        screen = term.wait_for(lambda s: re.search(
            r"loading page\.\.\. [2-9] s \(server not answering; Esc cancels\)", s))
        first = int(re.search(r"loading page\.\.\. (\d+) s", screen).group(1))
        term.wait_for(lambda s: re.search(rf"loading page\.\.\. {first + 1} s", s))
        term.keys("Escape")
        screen = term.wait_for(lambda s: "cancelled" in status_line(s))
        assert "not answering" not in screen
        assert len(screen_ids(screen)) == 3          # the rows held stay
        assert status_line(term.settle(quiet=0.5)).startswith(" ")   # no spinner: idle
    finally:
        server.proc.send_signal(signal.SIGCONT)
    term.keys("r")
    term.wait_for(lambda s: "ok: reloaded" in status_line(s) and len(screen_ids(s)) == 3)


def test_empty_account_and_empty_filter_say_different_things(server, tui):
    term = tui(server)
    term.wait_for("no destinations (n creates one)")
    made = create(server, "only")
    status, _, _ = server.request("DELETE", f"/callback-destinations/{made['id']}")
    term.keys("r")
    term.wait_for(lambda s: len(screen_ids(s)) == 1)
    term.keys("a")                                    # hide archived: the only row goes
    screen = term.wait_for("no destinations match the filter (a shows archived)")
    assert "n creates one" not in screen
    term.keys("a", "/")
    term.type("zzz")
    term.keys("Enter")
    screen = term.wait_for("no destinations match the search (Esc clears it)")
    assert "n creates one" not in screen
