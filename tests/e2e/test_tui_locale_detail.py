"""A non-UTF-8 locale: the detail pane and the raw JSON view draw ASCII substitutes (one '?'
per column), never raw UTF-8 bytes, exactly as the list and the form do."""
import re

from tuihelp import rows, screen_ids


def create(server, **fields):
    status, _, body = server.request("POST", "/callback-destinations", fields)
    assert status == 200, body
    return body


def detail_value(screen, label):
    """The text right of `label` in the detail pane, which starts after the split's vertical
    line (drawn as 'x' by tmux's capture when the line-drawing set is in use)."""
    for line in rows(screen):
        m = re.search(rf"[\u2502x|]{label} +(.*?)\s*$", line)
        if m:
            return m.group(1)
    raise AssertionError(f"no {label!r} line in:\n{screen}")


def test_detail_and_raw_json_substitute_ascii_in_a_c_locale(server, tui):
    made = create(server, name="\u65e5\u672c hook", url="https://ascii.example.com/a",
                  description="caf\u00e9 \U0001F389", metadata={"k\u00e9y": "v\u00e4l"})
    term = tui(server, cols=130, rows=30, env={"LANG": "C", "LC_ALL": "C"})
    screen = term.wait_for(lambda s: screen_ids(s) == [made["id"]] or "Description" in s)
    screen = term.wait_for("Description")
    assert detail_value(screen, "Name") == "???? hook"
    assert detail_value(screen, "Description") == "caf? ??"
    assert "k?y" in screen and "v?l" in screen
    assert all(ord(c) < 128 or c == "\u2502" for c in screen), screen
    term.keys("J")
    screen = term.wait_for('"name"')
    assert '"name": "???? hook",' in screen
    assert '"description": "caf? ??",' in screen
    assert all(ord(c) < 128 or c == "\u2502" for c in screen), screen
