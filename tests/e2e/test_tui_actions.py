"""Archiving through the dialog, and read-only mode, in a real terminal."""
from tuihelp import list_all, rows, selected_id


def get(server, dest_id):
    status, _, body = server.request("GET", f"/callback-destinations/{dest_id}")
    assert status == 200, body
    return body


def test_archive_dialog_cancel_by_default_then_confirm(seeded_server, tui):
    ids = list_all(seeded_server)
    target = next(i for i in ids[:20] if get(seeded_server, i)["status"] == "active")
    name = get(seeded_server, target)["name"]
    term = tui(seeded_server)
    term.wait_for(lambda s: selected_id(s) == ids[0])
    for _ in range(ids.index(target)):
        term.keys("j")
    term.wait_for(lambda s: selected_id(s) == target)

    term.keys("d")
    screen = term.wait_for("Archive destination")
    assert f'Archive "{name}"?' in screen
    assert target in screen
    assert "[ Cancel ] < Archive >" in screen         # Cancel is the highlighted default
    term.keys("Enter")
    term.wait_for(lambda s: "archive cancelled" in s and "Archive destination" not in s)
    assert get(seeded_server, target)["status"] == "active"

    term.keys("d")
    term.wait_for("[ Cancel ] < Archive >")
    term.keys("Tab")
    term.wait_for("< Cancel > [ Archive ]")
    term.keys("Enter")
    screen = term.wait_for(f"archived {target}")
    row = next(line for line in rows(screen) if line.startswith(">"))
    assert row.startswith(">~")                        # the archived mark, in place
    assert " archived " in row
    assert selected_id(screen) == target
    assert get(seeded_server, target)["status"] == "archived"


def test_read_only_refuses_writes_and_says_why(seeded_server, tui):
    ids = list_all(seeded_server)
    term = tui(seeded_server, args=["--read-only"])
    screen = term.wait_for(lambda s: selected_id(s) == ids[0])
    assert "READ-ONLY" in rows(screen)[0]
    for key, what in (("d", "archiving"), ("n", "creating"), ("e", "editing"),
                      ("E", "editing")):
        term.keys(key)
        screen = term.wait_for(f"read-only mode: {what} is disabled")
        assert "Archive destination" not in screen
        assert "New destination" not in screen
    assert get(seeded_server, ids[0])["status"] == "active"
    term.keys("q")
    assert term.exit_status() == 0


def test_copy_id_and_url_reach_the_clipboard_through_osc52(seeded_server, tui):
    ids = list_all(seeded_server)
    term = tui(seeded_server)
    term._tmux("set", "-g", "set-clipboard", "on")    # tmux takes OSC 52 from applications
    term.wait_for(lambda s: selected_id(s) == ids[0])
    term.keys("y")
    term.wait_for("copied the id to the clipboard")
    assert term._tmux("show-buffer") == ids[0]
    term.keys("Y")
    term.wait_for("copied the url to the clipboard")
    assert term._tmux("show-buffer") == get(seeded_server, ids[0])["url"]


def test_edit_conflict_names_the_changed_fields_and_asks(server, tui):
    status, _, made = server.request("POST", "/callback-destinations",
                                     {"name": "Conflicted", "url": "https://one.example/h"})
    assert status == 200
    term = tui(server)
    term.wait_for(lambda s: selected_id(s) == made["id"])
    term.keys("e")
    term.wait_for("Edit destination")
    status, _, _ = server.request("PATCH", f"/callback-destinations/{made['id']}",
                                  {"url": "https://two.example/h"})      # someone else
    assert status == 200
    term.keys("Tab", "Tab")
    term.type("mine")                                   # the description
    term.keys("C-s")
    screen = term.wait_for("Changed on the server")
    assert "Changed on the server: url" in screen
    assert "[ Cancel ] < Save anyway >" in screen
    term.keys("Enter")                                  # Cancel keeps the form
    term.wait_for(lambda s: "not saved: the server copy changed" in s and "Edit destination" in s)
    assert get(server, made["id"])["description"] is None
    term.keys("C-s")
    term.wait_for("< Save anyway >")
    term.keys("y")
    term.wait_for(f"saved {made['id']}")
    after = get(server, made["id"])
    assert after["description"] == "mine"
    assert after["url"] == "https://two.example/h"      # their url change survives
