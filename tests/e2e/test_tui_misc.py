"""Search, the date filter, :goto, and the bytes written to the terminal (none when idle)."""
import fcntl
import json
import os
import pathlib
import re
import select
import struct
import subprocess
import sys
import termios
import time

from tuihelp import CLIENT_BIN, client_env, list_all, rows, screen_ids, selected_id


def create(server, name, url="https://example.com/hook", **extra):
    status, _, body = server.request("POST", "/callback-destinations",
                                     {"name": name, "url": url, **extra})
    assert status == 200, body
    return body


def test_search_filters_loaded_rows_and_esc_clears(server, tui):
    made = [create(server, f"{'beta' if i % 6 == 0 else 'alpha'} row {i}") for i in range(30)]
    meta = create(server, "gamma", metadata={"team": "BetaTeam"})
    beta = [d["id"] for d in made if d["name"].startswith("beta")] + [meta["id"]]
    term = tui(server)
    term.wait_for(lambda s: len(screen_ids(s)) == 26)
    term.keys("/")
    term.type("BETA")
    term.keys("Enter")
    screen = term.wait_for("6 of 31 loaded rows match")
    assert rows(screen)[-2].rstrip().endswith("6 of 31 loaded rows")
    assert screen_ids(screen) == beta                 # name or metadata, any case
    assert "search: BETA" in rows(screen)[0]
    term.keys("Escape")
    screen = term.wait_for("search cleared")
    assert len(screen_ids(screen)) == 26


def test_date_filter_rejects_bad_dates_and_applies_good_ones(server, tui):
    for i in range(3):
        create(server, f"dated {i}")
    term = tui(server)
    term.wait_for(lambda s: len(screen_ids(s)) == 3)
    term.keys("f")
    term.wait_for("created after")
    term.type("yesterday")
    term.keys("Enter")
    term.wait_for("created after: not a date")
    term.keys("C-u")
    term.type("2999-01-01")
    term.keys("Enter")
    screen = term.wait_for("no destinations match the filter (f changes it)")
    assert "[date filter]" in rows(screen)[0]
    assert "n creates one" not in screen
    term.keys("f")
    term.wait_for("created after")
    term.keys("C-u")
    term.type("1d")
    term.keys("Enter")
    term.wait_for(lambda s: len(screen_ids(s)) == 3 and "date filter applied" in s)
    term.keys("f")                                  # every field empty: the filter is cleared
    term.wait_for("created after")
    term.keys("C-u", "Enter")
    screen = term.wait_for(lambda s: len(screen_ids(s)) == 3 and "date filter cleared" in s)
    assert "[date filter]" not in rows(screen)[0]
    assert "date filter applied" not in screen


def test_goto_selects_a_far_destination_with_its_neighbours(seeded_server, tui):
    ids = list_all(seeded_server)
    target = ids[250]
    term = tui(seeded_server)
    term.wait_for(lambda s: selected_id(s) == ids[0])
    term.keys(":")
    term.type(f"goto {target}")
    term.keys("Enter")
    screen = term.wait_for(lambda s: selected_id(s) == target and len(screen_ids(s)) == 26)
    shown = screen_ids(screen)
    start = ids.index(shown[0])
    assert shown == ids[start:start + 26]
    term.keys("j")
    term.wait_for(lambda s: selected_id(s) == ids[251])


def read_for(fd, seconds):
    out, deadline = b"", time.monotonic() + seconds
    while True:
        left = deadline - time.monotonic()
        if left <= 0:
            return out
        r, _, _ = select.select([fd], [], [], left)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                return out


def read_settled(fd, needle, quiet=0.7, timeout=10):
    """Output until `needle` has appeared and then nothing came for `quiet` seconds."""
    out, deadline = b"", time.monotonic() + timeout
    while needle not in out and time.monotonic() < deadline:
        out += read_for(fd, 0.05)
    assert needle in out, out[-500:]
    while time.monotonic() < deadline:
        more = read_for(fd, quiet)
        if not more:
            return out
        out += more
    raise AssertionError("the screen never settled")


def test_idle_writes_nothing_and_a_move_writes_little(seeded_server, tmp_path):
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 30, 100, 0, 0))
    env = client_env(seeded_server, tmp_path)
    proc = subprocess.Popen([str(CLIENT_BIN)], stdin=slave, stdout=slave, stderr=slave,
                            env=env, start_new_session=True)
    os.close(slave)
    try:
        first = read_settled(master, b"cld_")
        assert b"more below" in first
        idle = read_for(master, 1.5)
        assert idle == b""
        os.write(master, b"j")
        move = read_for(master, 0.5)
        assert 0 < len(move) < max(400, len(first) // 10), (len(move), len(first))
        print(f"bytes: first screen {len(first)}, one j move {len(move)}")
        assert read_for(master, 1.0) == b""
        os.write(master, b"q")
        assert proc.wait(timeout=10) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        os.close(master)


def test_rate_limit_shows_when_low(make_server, tui):
    server = make_server(extra_args=["--rate-limit", "5/600"], seed=30)
    term = tui(server)
    screen = term.wait_for(lambda s: len(screen_ids(s)) == 26 and "rate limit:" in s)
    assert "rate limit: 3/5 left" in rows(screen)[-2]


def test_search_every_page_keeps_all_matches(seeded_server, tui):
    items, after = [], None
    while True:
        q = "/callback-destinations?limit=100" + (f"&after={after}" if after else "")
        _, _, body = seeded_server.request("GET", q)
        items += body["items"]
        if not body["pagination"]["has_more_after"]:
            break
        after = body["items"][-1]["id"]
    by_name = [d["id"] for d in items if "refunds" in d["name"].lower()]
    assert 0 < len(by_name) <= 26
    term = tui(seeded_server)
    term.wait_for("1-26, more below")
    term.keys("/")
    term.type("refunds")
    term.keys("C-g")
    screen = term.wait_for("searched every page: 300 scanned")
    shown = screen_ids(screen)
    count = int(re.search(r"300 scanned, (\d+) matches", screen).group(1))
    assert count >= len(by_name)
    assert set(by_name) <= set(shown) or count > 26
    text = {d["id"]: json.dumps(d, ensure_ascii=False).lower() for d in items}
    assert all("refunds" in text[i] for i in shown)
    assert shown == sorted(shown)                       # still in list order


class DelayingProxy:
    """Forwards to a real server; list requests with a cursor answer `delay` seconds late."""

    def __init__(self, server):
        sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "fake"))
        from fakeserver import FakeServer, Reply, forward
        self.server, self.reply_cls, self.forward_to, self.delay = server, Reply, forward, 0.0
        self.fake = FakeServer()
        self.fake.handler = self.forward
        self.base_url = self.fake.base_url

    def forward(self, req):
        status, body, _ = self.forward_to(self.server, req)
        slow = "after=" in req.raw_query or "before=" in req.raw_query
        return self.reply_cls(status, body, headers={"Content-Type": "application/json"},
                              delay=self.delay if slow else 0.0)


def test_keys_answer_at_once_while_the_api_is_slow(seeded_server, tui):
    ids = list_all(seeded_server)
    proxy = DelayingProxy(seeded_server)
    try:
        term = tui(proxy)
        term.wait_for(lambda s: len(screen_ids(s)) == 26 and "1-26, more below" in s)
        for k in (1, 2):                                  # the prefetch settles first
            term.keys("PageDown")
            term.wait_for(lambda s, k=k: selected_id(s) == ids[26 * k]
                          and rows(s)[-2][0] == " ")
        proxy.delay = 2.5
        term.keys("PageDown")                            # asks for a page that takes 2.5 s
        start = time.monotonic()
        term.keys("k", "k", "k")
        screen = term.wait_for(lambda s: selected_id(s) == ids[75], timeout=2.0)
        assert time.monotonic() - start < 1.5
        assert rows(screen)[-2][0] in "|/-\\"           # the spinner turns while busy
        term.wait_for(lambda s: rows(s)[-2][0] == " ", timeout=8)   # and stops after
        proxy.delay = 1.0
        term.keys("PageDown", "PageDown")       # runs past the rows held: ends when they land
        term.wait_for(lambda s: selected_id(s) == ids[75 + 52], timeout=8)
    finally:
        proxy.fake.stop()


def test_unreachable_api_says_so_and_r_retries(tui):
    import socket
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()                                      # nothing listens there now

    class Nowhere:
        base_url = f"http://127.0.0.1:{port}"
    term = tui(Nowhere(), env={"CBDEST_RETRY_MAX_ATTEMPTS": "1"})
    screen = term.wait_for("could not load the destinations")
    assert "error: loading destinations failed: network error (connect)" in rows(screen)[-2]
    assert rows(screen)[-2].rstrip().endswith("not loaded")
    term.keys("r")
    term.wait_for("could not load the destinations")
    term.keys("q")
    assert term.exit_status() == 0


def test_esc_stops_an_all_pages_search(seeded_server, tui):
    proxy = DelayingProxy(seeded_server)
    try:
        term = tui(proxy)
        term.wait_for("1-26, more below")
        proxy.delay = 3.0                             # every page after the first is slow
        term.keys("/")
        term.type("hook")
        term.keys("C-g")
        screen = term.wait_for("searching every page: 100 scanned")
        assert "(Esc stops)" in screen
        term.keys("Escape")
        screen = term.wait_for("search stopped: 100 scanned")
        found = int(re.search(r"100 scanned, (\d+) matches", screen).group(1))
        assert found == len(screen_ids(screen)) or found > 26
        assert rows(screen)[-2][0] == " "               # nothing in flight any more
    finally:
        proxy.fake.stop()
