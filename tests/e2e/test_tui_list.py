"""The list pane in a real terminal: first page, paging across pages in both orders, help."""
import re

from tuihelp import list_all, rows, screen_ids, selected_id

PAGE_ROWS = 26          # a 100x30 terminal: 30 - header - headings - status - hints


def test_first_page_appears(seeded_server, tui):
    want = list_all(seeded_server)
    term = tui(seeded_server)
    screen = term.wait_for(lambda s: len(screen_ids(s)) == PAGE_ROWS)
    lines = rows(screen)
    assert lines[0].startswith(" cbdest  profile: default  api: 127.0.0.1:")
    assert "order: oldest first" in lines[0]
    assert re.match(r"  NAME +URL +STATUS +UPDATED +ID", lines[1])
    assert screen_ids(screen) == want[:PAGE_ROWS]
    assert selected_id(screen) == want[0]
    assert "Primary Webhook End" in lines[2]
    assert "api.example.com/webhooks/metori" in lines[2]
    assert lines[-2].rstrip().endswith("1-26, more below")


def contiguous(screen, want):
    """The list rows are a run of `want` with no duplicate or gap (a screen being redrawn
    while captured fails this, so waits use it to see a settled screen)."""
    ids = screen_ids(screen)
    if not ids or ids[0] not in want:
        return False
    start = want.index(ids[0])
    return ids == want[start:start + len(ids)]


def walk(term, want, steps):
    """PageDown `steps` times then PageUp back; returns the ids seen in screen order."""
    seen = list(screen_ids(term.screen()))
    for k in range(1, steps + 1):
        term.keys("PageDown")
        target = want[min(k * PAGE_ROWS, len(want) - 1)]
        screen = term.wait_for(lambda s, t=target: selected_id(s) == t
                               and "loading" not in s and contiguous(s, want))
        for i in screen_ids(screen):
            if i not in seen:
                seen.append(i)
    for k in range(steps - 1, -1, -1):
        term.keys("PageUp")
        target = want[k * PAGE_ROWS]
        term.wait_for(lambda s, t=target: selected_id(s) == t and contiguous(s, want))
    return seen


def test_paging_forward_and_back_both_orders(seeded_server, tui):
    asc = list_all(seeded_server, "asc")
    desc = list_all(seeded_server, "desc")
    assert len(asc) == 300 and desc == asc[::-1]
    term = tui(seeded_server)
    term.wait_for(lambda s: screen_ids(s)[:1] == asc[:1])
    seen = walk(term, asc, 4)
    assert len(seen) >= 4 * PAGE_ROWS
    assert seen == asc[:len(seen)]
    assert rows(term.screen())[-2].rstrip().endswith("1-26, more below")

    term.keys("o")
    term.wait_for(lambda s: "order: newest first" in s and screen_ids(s)[:1] == desc[:1])
    seen = walk(term, desc, 4)
    assert seen == desc[:len(seen)]
    assert len(seen) >= 4 * PAGE_ROWS


def test_end_and_home_reach_both_ends(seeded_server, tui):
    asc = list_all(seeded_server)
    term = tui(seeded_server)
    term.wait_for(lambda s: selected_id(s) == asc[0])
    term.keys("G")
    term.wait_for(lambda s: selected_id(s) == asc[-1] and contiguous(s, asc)
                  and screen_ids(s)[-1] == asc[-1])
    term.keys("k", "k")
    term.wait_for(lambda s: selected_id(s) == asc[-3])
    term.keys("g")
    term.wait_for(lambda s: selected_id(s) == asc[0] and screen_ids(s) == asc[:PAGE_ROWS])


def help_text(term):
    """Every line of the help screen, scrolling through it."""
    lines, last = [], None
    term.keys("?")
    term.wait_for("Help: every key")
    while True:
        screen = term.screen()
        lines += rows(screen)[2:-2]
        if screen == last:
            return "\n".join(lines)
        last = screen
        term.keys("PageDown")
        term.settle(quiet=0.1)


def test_help_lists_every_key(seeded_server, tui):
    doc = open(__file__.rsplit("/tests/", 1)[0] + "/docs/keys.md").read()
    names = set(re.findall(r"^\| `([^`]+)` \|", doc, re.M))
    assert {"j", "Down", "PgDn", "Enter", "Ctrl-S", "Esc", "?", "q", "/", "d"} <= names
    term = tui(seeded_server)
    term.wait_for("1-26, more below")
    text = help_text(term)
    listed = set()
    for line in text.split("\n"):
        m = re.match(r" +(\S.*?)  +\S", line)
        if m:
            listed |= {n.strip() for n in m.group(1).split(", ")}
    assert names <= listed, names - listed
    term.keys("Escape")
    term.wait_for(lambda s: "Help: every key" not in s and "1-26, more below" in s)
