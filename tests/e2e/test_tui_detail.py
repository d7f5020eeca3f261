"""The detail pane: scrolling the wide (split) detail with Tab/l and j/k/PgDn, the narrow one
with j/k, the raw JSON view (J) readable and with the URL password masked."""
from tuihelp import rows, screen_ids, selected_id


def create(server, body):
    status, _, made = server.request("POST", "/callback-destinations", body)
    assert status == 200, made
    return made


def big_dest(server):
    meta = {f"mk{i:02d}": f"value {i}" for i in range(64)}
    return create(server, {"name": "N" * 255 + "Z", "url": "https://example.com/" + "u" * 1975,
                           "description": "word " * 818 + "END.", "metadata": meta})


def detail_text(screen, col):
    return "\n".join(line[col:] for line in rows(screen)[1:-2])


def test_wide_detail_scrolls_with_tab_and_pgdn(server, tui):
    made = big_dest(server)
    term = tui(server, cols=130, rows=30)
    screen = term.wait_for(lambda s: "Metadata" not in s and "NNNN" in s and "1-1" in s)
    assert "mk63" not in screen
    term.keys("j")                                  # the list has one row: nothing moves
    term.keys("Tab")
    term.wait_for("Tab/h/Esc back to the list")
    for _ in range(20):
        term.keys("PageDown")
        screen = term.settle(quiet=0.1)
        if "mk63" in screen:
            break
    assert "mk63" in screen and "value 63" in screen, screen
    assert "Metadata" in screen or "mk00" not in screen
    term.keys("g")                                  # g/G are still the list's
    term.keys("k")
    screen = term.settle(quiet=0.1)
    assert "mk63" not in screen or "mk62" in screen
    term.keys("Escape")
    screen = term.wait_for(lambda s: "Tab detail" in s)
    assert selected_id(screen) is None or selected_id(screen) == made["id"]
    term.keys("l")
    term.wait_for("Tab/h/Esc back to the list")
    term.keys("h")
    term.wait_for("Tab detail")


def test_narrow_detail_scrolls_with_j(server, tui):
    big_dest(server)
    term = tui(server, cols=100, rows=30)
    term.wait_for("1-1")
    term.keys("Enter")
    screen = term.wait_for("j/k scroll")
    assert "mk63" not in screen
    for _ in range(80):
        term.keys("PageDown")
        screen = term.settle(quiet=0.1)
        if "mk63" in screen:
            break
    assert "value 63" in screen
    term.keys("q")
    term.wait_for(lambda s: len(screen_ids(s)) == 1 or "NAME" in rows(s)[1])


def test_raw_json_is_indented_and_masks_the_password(server, tui):
    made = create(server, {"name": "secret url", "url": "https://user:pw@e.com/a?b=1"})
    term = tui(server, cols=100, rows=30)
    term.wait_for(lambda s: len(screen_ids(s)) == 1)
    term.keys("Enter")
    screen = term.wait_for(lambda s: "Method" in s and "J raw JSON" in s)
    assert "https://user:***@e.com/a?b=1" in screen and "pw@" not in screen
    term.keys("J")
    screen = term.wait_for('"object": "callback.destination"')
    lines = rows(screen)
    assert '  "object": "callback.destination",' in lines
    assert f'  "id": "{made["id"]}",' in lines
    assert '  "url": "https://user:***@e.com/a?b=1",' in lines
    assert "pw@" not in screen and "\\t" not in screen and '\\"' not in screen
    assert lines[1] == "{"
