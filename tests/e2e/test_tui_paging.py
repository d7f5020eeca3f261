"""Paging edge cases in a real terminal: small pages on tall screens, leaving an all-pages
search, the `/` count and position."""
from tuihelp import list_all, rows, screen_ids, selected_id


def contiguous(ids, want):
    return bool(ids) and ids[0] in want and \
        ids == want[want.index(ids[0]):want.index(ids[0]) + len(ids)]


def check_small_pages(server, tui, page_size, cols, nrows):
    asc = list_all(server)
    page_rows = nrows - 4
    term = tui(server, cols=cols, rows=nrows, args=("--page-size", str(page_size)))
    term.wait_for(lambda s: len(screen_ids(s)) == page_rows)
    screen = term.settle(quiet=1.0)
    assert selected_id(screen) == asc[0]
    assert screen_ids(screen) == asc[:page_rows]
    assert rows(screen)[-2].rstrip().endswith(f"1-{page_rows}, more below")
    term.keys("j")
    screen = term.wait_for(lambda s: selected_id(s) == asc[1])
    assert screen_ids(screen) == asc[:page_rows]


def test_page_size_2_on_30_rows_keeps_the_first_row(seeded_server, tui):
    check_small_pages(seeded_server, tui, 2, 100, 30)


def test_page_size_5_on_70_rows_keeps_the_first_row(seeded_server, tui):
    check_small_pages(seeded_server, tui, 5, 100, 70)


def test_small_pages_still_walk_to_the_end(seeded_server, tui):
    asc = list_all(seeded_server)
    term = tui(seeded_server, args=("--page-size", "2"))
    term.wait_for(lambda s: selected_id(s) == asc[0] and len(screen_ids(s)) == 26)
    for k in range(1, 4):
        term.keys("PageDown")
        term.wait_for(lambda s, t=asc[26 * k]: selected_id(s) == t and "loading" not in s
                      and contiguous(screen_ids(s), asc))
    term.keys("PageUp")
    term.wait_for(lambda s: selected_id(s) == asc[52] and contiguous(screen_ids(s), asc))


def search_every_page(server, tui, text):
    """Starts the TUI on the first page and runs `/ text` Ctrl-G; returns (ids in order, the
    terminal, the screen once every page was searched)."""
    asc = list_all(server)
    term = tui(server)
    term.wait_for(lambda s: selected_id(s) == asc[0] and len(screen_ids(s)) == 26)
    term.keys("/")
    term.type(text)
    term.keys("C-g")
    return asc, term, term.wait_for("searched every page")


def test_esc_after_all_pages_search_keeps_the_selected_match(seeded_server, tui):
    asc, term, screen = search_every_page(seeded_server, tui, "señal")
    matches = screen_ids(screen)
    assert len(matches) >= 3, screen
    assert f"{len(matches)} matches" in screen
    term.keys("j", "j")
    term.wait_for(lambda s: selected_id(s) == matches[2])
    term.keys("Escape")
    screen = term.wait_for(lambda s: "search cleared" in s and len(screen_ids(s)) == 26
                           and "loading" not in s)
    screen = term.settle(quiet=0.5)
    assert selected_id(screen) == matches[2]
    assert contiguous(screen_ids(screen), asc)
    assert matches[2] in screen_ids(screen)
    term.keys("j")
    term.wait_for(lambda s: selected_id(s) == asc[asc.index(matches[2]) + 1])


def test_search_after_end_counts_honestly_and_loads_nothing(seeded_server, tui):
    asc = list_all(seeded_server)
    term = tui(seeded_server)
    term.wait_for(lambda s: selected_id(s) == asc[0])
    term.keys("G")
    term.wait_for(lambda s: selected_id(s) == asc[-1] and "loading" not in s)
    term.settle(quiet=0.5)
    term.keys("/")
    term.type(asc[-5][-10:])                  # an id held after G (ids are searched too)
    term.keys("Enter")
    screen = term.wait_for("loaded rows match")
    term.keys("j", "j", "j")
    screen = term.settle(quiet=1.0)
    shown = screen_ids(screen)
    import re
    m = re.search(r"(\d+) of (\d+) loaded rows match", screen)
    assert m, screen
    count, held = int(m.group(1)), int(m.group(2))
    assert count == len(shown) == 1 and shown == [asc[-5]]
    assert 20 <= held <= 60                   # the rows held when `/` ran: nothing walked
    assert rows(screen)[-2].rstrip().endswith(f"{count} of {held} loaded rows")
    assert all(i in asc[-held:] for i in shown)


def test_reload_and_new_search_after_all_pages_search(seeded_server, tui):
    asc, term, screen = search_every_page(seeded_server, tui, "señal")
    matches = screen_ids(screen)
    assert len(matches) >= 2
    term.keys("r")                                  # the rows are matches: search again
    screen = term.wait_for(lambda s: "searched every page" in s and screen_ids(s) == matches)
    assert rows(screen)[-2].rstrip().endswith(f"{len(matches)} matches")
    term.keys("/")
    term.keys("C-u")                                # the prompt holds the last text
    term.type(matches[1][-10:])                     # a new text filters the matches held
    term.keys("Enter")
    screen = term.wait_for(f"1 of {len(matches)} loaded rows match")
    assert screen_ids(screen) == [matches[1]]
    term.keys("Escape")                             # clearing: the pages around the match
    screen = term.wait_for(lambda s: "search cleared" in s and len(screen_ids(s)) == 26)
    assert selected_id(term.settle(quiet=0.5)) == matches[1]
