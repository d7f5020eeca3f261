"""The editor form in a real terminal against a real cbdest-server: create, edit a url (the PATCH
carries only that field), metadata rows, a refused save shown at its field, Esc with unsaved
changes, unicode editing by whole characters, paste, hostile text, NO_COLOR and ASCII locales,
and E (JSON in $EDITOR). A recording proxy in front of the server shows the exact requests."""
import os
import pathlib
import re
import sys
import time

import pytest

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[1] / "fake"))
from fakeserver import FakeServer, Reply, forward  # noqa: E402
from tuihelp import display_width, rows, selected_id  # noqa: E402

META = {"team": "payments", "retries": 3, "weights": [1.5, 2], "flags": {"beta": True}}


class RecordingProxy:
    """Forwards every request to a real server and records it (method, path, body): the
    test can see exactly what cbdest sent. `refuse` may hold a function(req) -> Reply or
    None to answer some requests itself instead."""

    def __init__(self, server):
        self.server = server
        self.refuse = None
        self.fake = FakeServer()
        self.fake.handler = self._forward
        self.base_url = self.fake.base_url

    def _forward(self, req):
        if self.refuse:
            reply = self.refuse(req)
            if reply is not None:
                return reply
        status, body, got = forward(self.server, req)
        keep = {k: v for k, v in got
                if k.lower().startswith(("content-type", "ratelimit", "metorial"))}
        return Reply(status, body, headers=keep)

    def writes(self):
        return [(r.method, r.path, r.json()) for r in self.fake.requests
                if r.method in ("POST", "PATCH", "DELETE")]

    def stop(self):
        self.fake.stop()


@pytest.fixture
def proxy_for():
    made = []

    def make(server):
        p = RecordingProxy(server)
        made.append(p)
        return p

    yield make
    for p in made:
        p.stop()


def create(server, **fields):
    status, _, body = server.request("POST", "/callback-destinations", fields)
    assert status == 200, body
    return body


def get(server, dest_id):
    status, _, body = server.request("GET", f"/callback-destinations/{dest_id}")
    assert status == 200, body
    return body


def all_items(server):
    status, _, body = server.request("GET", "/callback-destinations?limit=100")
    assert status == 200, body
    return body["items"]


def wait_until(predicate, timeout=10.0):
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.03)
    return True


def line_with(screen, text):
    return next(line for line in rows(screen) if text in line)


def box(screen, label):
    """The text inside the [...] box on the line starting with the field's label."""
    line = next(ln for ln in rows(screen) if ln[1:].startswith(label + " "))
    return line[line.index("[") + 1:line.rindex("]")].rstrip()


def open_editor(term, dest_id):
    term.wait_for(lambda s: selected_id(s) == dest_id)
    term.keys("e")
    return term.wait_for("Edit destination:")


def test_create_new_row_appears_and_server_holds_it(make_server, tui):
    server = make_server()
    create(server, name="Existing hook", url="https://example.com/existing")
    term = tui(server)
    term.wait_for("Existing hook")
    term.keys("n")
    term.wait_for("New destination")
    term.type("Orders \u65e5\u672c")
    term.keys("Tab")
    term.type("https://hooks.example.com/orders")
    term.keys("Tab")
    term.type("first line")
    term.keys("Enter")
    term.type("second line")
    term.keys("C-n")                        # a metadata row: string value
    term.type("team")
    term.keys("Tab")
    term.type("payments")
    term.keys("C-n")                        # another, switched to JSON
    term.type("retries")
    term.keys("Tab")
    term.type("3")
    term.keys("C-t")
    screen = term.wait_for(lambda s: "JSON" in s and "[modified]" in s)
    assert box(screen, "Name") == "Orders \u65e5\u672c"
    assert box(screen, "URL") == "https://hooks.example.com/orders"
    assert "[retries" in screen and "] = [3" in screen

    term.keys("C-s")
    screen = term.wait_for(lambda s: "created cld_" in s and "New destination" not in s)
    created = [d for d in all_items(server) if d["name"] == "Orders \u65e5\u672c"]
    assert len(created) == 1
    d = created[0]
    assert d["url"] == "https://hooks.example.com/orders"
    assert d["description"] == "first line\nsecond line"
    assert d["metadata"] == {"team": "payments", "retries": 3}
    assert d["status"] == "active"
    screen = term.wait_for(lambda s: any(ln.startswith(">") and d["id"] in ln for ln in rows(s)))
    row = line_with(screen, d["id"])        # the new row appears, selected
    assert "Orders \u65e5\u672c" in row
    assert "hooks.example.com/orders" in row


def test_edit_url_patches_only_the_url(make_server, tui, proxy_for):
    server = make_server()
    before = create(server, name="Billing hook", url="https://billing.example.com/in",
                    description="keeps its description", metadata=META)
    proxy = proxy_for(server)
    term = tui(proxy)
    screen = open_editor(term, before["id"])
    assert box(screen, "URL") == "https://billing.example.com/in"
    assert "[weights" in screen and '] = [[1.5,2]' in screen
    assert line_with(screen, "[weights").rstrip().endswith("JSON")
    term.keys("Tab", "C-u")
    term.type("https://billing.example.com/v2/in")
    term.keys("C-s")
    term.wait_for(lambda s: f"saved {before['id']}" in s and "Edit destination" not in s)

    assert proxy.writes() == [("PATCH", f"/callback-destinations/{before['id']}",
                               {"url": "https://billing.example.com/v2/in"})]
    after = get(server, before["id"])
    assert after["url"] == "https://billing.example.com/v2/in"
    for field in ("name", "description", "metadata", "created_at", "status"):
        assert after[field] == before[field], field
    screen = term.wait_for("billing.example.com/v2/in")
    assert line_with(screen, before["id"]).startswith(">")


def test_server_validation_error_shown_at_field_form_kept(make_server, tui, proxy_for):
    server = make_server()
    before = create(server, name="Partner hook", url="https://partner.example.com/h")
    proxy = proxy_for(server)
    refusal = {"object": "error", "ok": False, "status": 400, "code": "invalid_data",
               "message": "The provided data is invalid.", "entity": "body",
               "errors": [{"code": "custom", "message": "host is not reachable from here",
                           "path": ["url"]}]}
    proxy.refuse = lambda req: (Reply(400, refusal) if req.method == "PATCH"
                                and "internal" in req.body.decode() else None)
    term = tui(proxy)
    open_editor(term, before["id"])
    term.keys("Tab", "C-u")
    term.type("https://internal.example.com/h")
    term.keys("Tab")
    term.type("typed text stays")
    term.keys("C-s")
    screen = term.wait_for("host is not reachable from here")
    lines = rows(screen)
    url_at = next(i for i, ln in enumerate(lines) if ln[1:].startswith("URL "))
    assert lines[url_at + 1].strip() == "! URL host is not reachable from here"
    assert "Edit destination: Partner hook  [modified]" in screen
    assert box(screen, "URL") == "https://internal.example.com/h"
    assert box(screen, "Description") == "typed text stays"
    assert "HTTP 400 invalid_data" in screen
    assert get(server, before["id"])["url"] == "https://partner.example.com/h"

    assert lines[url_at].startswith(">URL ")   # the focus moved to the refused field

    # fixing the field clears its error; the next save goes through
    term.keys("C-w")
    screen = term.wait_for(lambda s: "host is not reachable" not in s)
    assert box(screen, "URL") == ""
    term.type("https://partner.example.com/v2")
    term.keys("C-s")
    term.wait_for(f"saved {before['id']}")
    after = get(server, before["id"])
    assert after["url"] == "https://partner.example.com/v2"
    assert after["description"] == "typed text stays"


def test_esc_with_unsaved_changes_asks(make_server, tui, proxy_for):
    server = make_server()
    before = create(server, name="Careful hook", url="https://careful.example.com/")
    proxy = proxy_for(server)
    term = tui(proxy)
    open_editor(term, before["id"])
    term.keys("Escape")                     # nothing changed: closes without asking
    term.wait_for(lambda s: "Edit destination" not in s and "Unsaved changes" not in s)

    term.keys("e")
    term.wait_for("Edit destination:")
    term.type(" v2")
    term.keys("Escape")
    screen = term.wait_for("Unsaved changes")
    assert "Discard the changes you typed in this form?" in screen
    assert "[ Keep editing ] < Discard >" in screen     # keeping is the default
    term.keys("Enter")
    screen = term.wait_for(lambda s: "Unsaved changes" not in s and "Edit destination" in s)
    assert box(screen, "Name") == "Careful hook v2"

    term.keys("Escape")
    term.wait_for("[ Keep editing ] < Discard >")
    term.keys("Tab")
    term.wait_for("< Keep editing > [ Discard ]")
    term.keys("Enter")
    term.wait_for(lambda s: "changes discarded" in s and "Edit destination" not in s)
    assert proxy.writes() == []
    assert get(server, before["id"])["name"] == "Careful hook"


def test_unicode_editing_by_whole_characters(make_server, tui):
    server = make_server()
    term = tui(server)
    term.wait_for(" cbdest  profile:")
    term.keys("n")
    term.wait_for("New destination")
    term.type("\u65e5\u672c\U0001F680e\u0301")       # 日本🚀é (e + combining acute)
    screen = term.wait_for(lambda s: box(s, "Name") == "\u65e5\u672c\U0001F680e\u0301")
    name_line = next(ln for ln in rows(screen) if ln[1:].startswith("Name "))
    url_line = next(ln for ln in rows(screen) if ln[1:].startswith("URL "))
    # the wide characters are measured in columns: both boxes close at the same column
    assert display_width(name_line.rstrip()) == display_width(url_line.rstrip())
    box_x = name_line.index("[") + 1
    want = (box_x + 7, rows(screen).index(name_line))   # 2+2+2+1 columns in
    assert wait_until(lambda: term.cursor() == want), (term.cursor(), want)
    term.keys("BSpace")                                # removes é whole, mark included
    screen = term.wait_for(lambda s: box(s, "Name") == "\u65e5\u672c\U0001F680")
    term.keys("BSpace")                                # removes the emoji whole
    term.wait_for(lambda s: box(s, "Name") == "\u65e5\u672c")
    term.keys("Left")
    term.type("x")
    term.wait_for(lambda s: box(s, "Name") == "\u65e5x\u672c")
    term.keys("End")
    term.type("\u00e9\u4e2d")
    term.keys("Tab")
    term.type("https://example.com/\u00fcber")
    term.keys("C-s")
    term.wait_for("created cld_")
    names = [d["name"] for d in all_items(server)]
    assert names == ["\u65e5x\u672c\u00e9\u4e2d"]
    assert all_items(server)[0]["url"] in ("https://example.com/%C3%BCber",
                                           "https://example.com/\u00fcber")


def test_edit_as_json_in_editor(make_server, tui, proxy_for, tmp_path):
    server = make_server()
    before = create(server, name="Json hook", url="https://json.example.com/a",
                    metadata=META)
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n"
                      "sed -i 's#https://json.example.com/a#https://json.example.com/b#' \"$1\"\n")
    os.chmod(script, 0o700)
    tmpdir = tmp_path / "tmpdir"
    tmpdir.mkdir()
    proxy = proxy_for(server)
    term = tui(proxy, env={"EDITOR": str(script), "VISUAL": "", "TMPDIR": str(tmpdir)})
    term.wait_for(lambda s: selected_id(s) == before["id"])
    term.keys("E")
    term.wait_for(f"saved {before['id']}")
    patches = [w for w in proxy.writes() if w[0] == "PATCH"]
    assert patches == [("PATCH", f"/callback-destinations/{before['id']}",
                        {"url": "https://json.example.com/b"})]
    after = get(server, before["id"])
    assert after["metadata"] == META
    assert list(tmpdir.iterdir()) == []         # the temporary file is gone


def test_bracketed_paste_is_neutralised_per_field(make_server, tui):
    server = make_server()
    term = tui(server)
    term.wait_for(" cbdest  profile:")
    term.keys("n")
    term.wait_for("New destination")
    # one line: newline -> space; whole escape sequences (CSI, OSC, C1 CSI) and ZWSP dropped
    term.paste("Pasted\nname\x1b[2J abc\x1b[31mdef\x1b]0;t\x07\u009b1m\u200b")
    term.wait_for(lambda s: box(s, "Name") == "Pasted name abcdef")
    term.keys("Tab")
    term.paste("https://paste.example.com/p\n")
    term.keys("Tab")
    term.paste("line one\nline two\x07\u202e!")   # multi-line: newline kept, controls dropped
    screen = term.wait_for(lambda s: "line two!" in s)
    lines = rows(screen)
    at = next(i for i, ln in enumerate(lines) if ln[1:].startswith("Description "))
    assert box(screen, "Description") == "line one"
    assert lines[at + 1].strip().startswith("[line two!  ")
    assert lines[at + 1].rstrip().endswith("]")
    term.keys("C-s")
    term.wait_for("created cld_")
    d = all_items(server)[0]
    assert (d["name"], d["url"], d["description"]) == (
        "Pasted name abcdef", "https://paste.example.com/p", "line one\nline two!")


def test_metadata_rows_edit_delete_add_keep_other_values(make_server, tui, proxy_for):
    server = make_server()
    before = create(server, name="Meta hook", url="https://meta.example.com/",
                    metadata=META)
    proxy = proxy_for(server)
    term = tui(proxy)
    screen = open_editor(term, before["id"])
    assert "[team" in screen and "] = [payments" in screen
    term.keys("Tab", "Tab", "Tab", "Tab")          # Name -> URL -> Description -> team -> value
    term.keys("C-u")
    term.type("platform")
    term.keys("Down")                              # the retries row (its value)
    term.keys("C-d")                               # delete the retries row
    screen = term.wait_for(lambda s: "[retries" not in s and "platform" in s)
    term.keys("C-n")
    term.type("region")
    term.keys("Tab")
    term.type("eu-west")
    term.wait_for("eu-west")
    term.keys("C-s")
    term.wait_for(lambda s: f"saved {before['id']}" in s and "Edit destination" not in s)
    patches = [w for w in proxy.writes() if w[0] == "PATCH"]
    assert patches == [("PATCH", f"/callback-destinations/{before['id']}",
                        {"metadata": {"team": "platform", "weights": [1.5, 2],
                                      "flags": {"beta": True}, "region": "eu-west"}})]
    raw = next(r.body for r in proxy.fake.requests if r.method == "PATCH").decode()
    assert '"weights":[1.5,2]' in raw and '"flags":{"beta":true}' in raw
    after = get(server, before["id"])
    assert after["metadata"] == {"team": "platform", "weights": [1.5, 2],
                                 "flags": {"beta": True}, "region": "eu-west"}
    assert (after["name"], after["url"]) == (before["name"], before["url"])


def test_edit_as_json_refused_then_fixed_from_your_text(make_server, tui, proxy_for, tmp_path):
    server = make_server()
    before = create(server, name="Retry hook", url="https://retry.example.com/a")
    count = tmp_path / "runs"
    script = tmp_path / "editor.sh"
    # first run: metadata of the wrong type; second run: sees that text and fixes it
    script.write_text("#!/bin/sh\n"
                      f"n=$(cat {count} 2>/dev/null || echo 0); echo $((n+1)) > {count}\n"
                      "if [ \"$n\" = 0 ]; then\n"
                      "  sed -i 's#\"metadata\": {}#\"metadata\": [\"oops\"]#' \"$1\"\n"
                      "else\n"
                      "  grep -q oops \"$1\" || exit 9\n"
                      "  sed -i 's#\\[\"oops\"\\]#{\"fixed\": true}#' \"$1\"\n"
                      "fi\n")
    os.chmod(script, 0o700)
    proxy = proxy_for(server)
    term = tui(proxy, env={"EDITOR": str(script), "VISUAL": ""})
    term.wait_for(lambda s: selected_id(s) == before["id"])
    term.keys("E")
    term.wait_for("not saved: metadata must be an object or null (E again reopens your text)")
    assert proxy.writes() == []
    term.keys("E")
    term.wait_for(f"saved {before['id']}")
    assert proxy.writes() == [("PATCH", f"/callback-destinations/{before['id']}",
                               {"metadata": {"fixed": True}})]
    assert get(server, before["id"])["metadata"] == {"fixed": True}


@pytest.mark.parametrize("no_color", [False, True])
def test_field_errors_are_marked_not_only_coloured(make_server, tui, no_color):
    server = make_server()
    term = tui(server, env={"NO_COLOR": "1"} if no_color else None)
    term.wait_for(" cbdest  profile:")
    term.keys("n")
    term.wait_for("New destination")
    term.keys("Tab")                                   # leaving Name empty
    term.wait_for("! Name is required")
    styled = term.screen(attrs=True)
    line = next(ln for ln in styled.split("\n") if "! Name is required" in ln)
    before = line[:line.index("! Name is required")]
    sgr = set(re.findall(r"\x1b\[([0-9;]*)m", before))
    assert any("1" in code.split(";") for code in sgr), line      # bold in every mode
    if no_color:
        assert not re.search(r"\x1b\[[0-9;]*3[0-7]m", styled)     # no colour anywhere
    else:
        assert "31" in {c for code in sgr for c in code.split(";")}, line   # and red


def test_ascii_locale_form_substitutes_and_keeps_values(make_server, tui, proxy_for):
    server = make_server()
    before = create(server, name="\u65e5\u672c hook", url="https://ascii.example.com/a",
                    description="caf\u00e9")
    proxy = proxy_for(server)
    term = tui(proxy, env={"LANG": "C", "LC_ALL": "C"})
    screen = open_editor(term, before["id"])
    assert box(screen, "Name") == "???? hook"              # one '?' per column
    assert box(screen, "Description") == "caf?"
    name_line = next(ln for ln in rows(screen) if ln[1:].startswith("Name "))
    url_line = next(ln for ln in rows(screen) if ln[1:].startswith("URL "))
    assert len(name_line.rstrip()) == len(url_line.rstrip())
    term.keys("Tab", "C-u")
    term.type("https://ascii.example.com/b")
    term.keys("C-s")
    term.wait_for(f"saved {before['id']}")
    assert proxy.writes() == [("PATCH", f"/callback-destinations/{before['id']}",
                               {"url": "https://ascii.example.com/b"})]
    after = get(server, before["id"])
    assert (after["name"], after["description"]) == ("\u65e5\u672c hook", "caf\u00e9")


def test_hostile_text_in_the_form_is_drawn_harmlessly(make_server, tui, proxy_for):
    server = make_server()
    hostile = "\x1b[2J\x1b]52;c;aGk=\x07evil"
    before = create(server, name=hostile, url="https://hostile.example.com/",
                    description="right\u202eleft", metadata={"k\x1b[31m": "v\x07"})
    proxy = proxy_for(server)
    term = tui(proxy)
    screen = open_editor(term, before["id"])
    assert screen.startswith(" cbdest  profile:")          # nothing cleared the screen
    assert "Edit destination: \\e[2J\\e]52;c;aGk=\\x07evil" in screen
    assert box(screen, "Name") == "\\e[2J\\e]52;c;aGk=\\x07evil"
    assert box(screen, "Description") == "right\\u202Eleft"
    assert "[k\\e[31m" in screen and "] = [v\\x07" in screen
    term.keys("Tab", "Tab")
    term.type(" (checked)")
    term.keys("C-s")
    term.wait_for(f"saved {before['id']}")
    assert proxy.writes() == [("PATCH", f"/callback-destinations/{before['id']}",
                               {"description": "right\u202eleft (checked)"})]
    after = get(server, before["id"])
    assert (after["name"], after["metadata"]) == (hostile, {"k\x1b[31m": "v\x07"})


def test_refused_json_value_focuses_the_value_then_saves(make_server, tui, proxy_for):
    server = make_server()
    before = create(server, name="Focus hook", url="https://focus.example.com/",
                    metadata={"env": "prod"})
    proxy = proxy_for(server)
    term = tui(proxy)
    open_editor(term, before["id"])
    term.keys("Tab", "Tab", "Tab", "Tab")          # Name -> URL -> Description -> env -> value
    term.keys("C-u")
    term.type("[1,2")
    term.keys("C-t", "Tab", "C-s")                 # JSON, leave the row, save: refused locally
    term.wait_for("! not valid JSON")
    term.type("]")                                 # lands in the value, not the key
    term.wait_for(lambda s: "[env" in s and "] = [[1,2]" in s)
    term.keys("C-s")
    term.wait_for(f"saved {before['id']}")
    assert proxy.writes() == [("PATCH", f"/callback-destinations/{before['id']}",
                               {"metadata": {"env": [1, 2]}})]


def test_invisible_characters_shown_as_escapes(make_server, tui):
    server = make_server()
    name = "zw\u200b\u200bzero"
    before = create(server, name=name, url="https://zw.example.com/")
    term = tui(server)
    screen = term.wait_for("zw\\u200B\\u200Bzero")           # the list shows them
    screen = open_editor(term, before["id"])
    assert "Edit destination: zw\\u200B\\u200Bzero" in screen
    assert box(screen, "Name") == "zw\\u200B\\u200Bzero"
    assert get(server, before["id"])["name"] == name
