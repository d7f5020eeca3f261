"""cbdest's one-shot subcommands against a real cbdest-server: success, failure and exit codes."""
import os
import pty
import re
import select
import subprocess
import time

from clihelp import CLIENT, ROOT, SECRET, clean_env

def create(cli, name="hook", url="https://example.com/h", *extra):
    r = cli("create", "--name", name, "--url", url, "--json", *extra)
    assert r.rc == 0, r
    return r.json()


def server_items(server, order="asc"):
    """Every destination the server holds, paging raw HTTP with limit=100."""
    items, after = [], None
    while True:
        q = f"/callback-destinations?limit=100&order={order}" + (f"&after={after}" if after else "")
        status, _, body = server.request("GET", q)
        assert status == 200
        items += body["items"]
        if not body["pagination"]["has_more_after"] or not body["items"]:
            return items
        after = body["items"][-1]["id"]


# --- help, version, usage -------------------------------------------------------------------

def test_version_and_help(cli):
    r = cli("--version")
    assert (r.rc, r.out) == (0, f"cbdest {(ROOT / 'VERSION').read_text().strip()}\n")
    r = cli("--help")
    assert r.rc == 0 and "list|get|create|update|archive" in r.out
    for sub in ("list", "get", "create", "update", "archive"):
        r = cli(sub, "--help")
        assert r.rc == 0, r
        assert r.out.startswith(f"usage: cbdest {sub}")
        assert "Exit codes: 0 ok, 1 the API refused, 2 usage, 3 network" in r.out


def test_usage_errors_exit_2(cli, server):
    cases = [
        (["frobnicate"], "unknown subcommand 'frobnicate'"),
        (["get"], "get takes 1 argument (the destination id)"),
        (["get", "a", "b"], "get takes 1 argument"),
        (["list", "--limit", "0"], "--limit must be a number from 1 to 100"),
        (["list", "--limit", "101"], "--limit must be a number from 1 to 100"),
        (["list", "--order", "sideways"], "--order must be asc or desc"),
        (["list", "--created-after", "yesterday"], "bad date 'yesterday'"),
        (["list", "--json", "--jsonl"], "choose one of --table, --json, --jsonl"),
        (["list", "--bogus"], "unknown option --bogus"),
        (["get", "x", "--yes"], "option --yes does not apply to this subcommand"),
        (["create", "--name", "x"], "create needs --name and --url"),
        (["create", "--name", "x", "--url", "http://e/", "--meta", "novalue"],
         "metadata must be given as KEY=VALUE"),
        (["create", "--name", "x", "--url", "http://e/", "--meta-json", "k={bad"],
         "the value is not valid JSON"),
        (["list", "--page-size", "500"], "--page-size must be a number from 1 to 100"),
        (["list", "--profile", "ghost"], "profile 'ghost' not found"),
    ]
    for args, msg in cases:
        r = cli(*args)
        assert r.rc == 2, (args, r)
        assert msg in r.err, (args, r)
        assert r.out == "", (args, r)
    assert server_items(server) == []


# --- create -------------------------------------------------------------------------------

def test_create_prints_the_api_object(cli, server):
    r = cli("create", "--name", "Primary", "--url", "HTTPS://Example.COM", "--description", "d",
            "--meta", "env=prod", "--meta-json", "n=5", "--meta-json", 'o={"a":[1,true,null]}',
            "--json")
    assert r.rc == 0, r
    obj = r.json()
    assert obj["object"] == "callback.destination"
    assert obj["name"] == "Primary" and obj["description"] == "d"
    assert obj["url"] == "https://example.com/"
    assert obj["status"] == "active" and obj["method"] == "POST"
    assert obj["metadata"] == {"env": "prod", "n": 5, "o": {"a": [1, True, None]}}
    status, _, stored = server.request("GET", f"/callback-destinations/{obj['id']}")
    assert status == 200 and stored == obj


def test_create_invalid_is_refused_locally(cli, server):
    r = cli("create", "--name", "x" * 257, "--url", "ftp://nope")
    assert r.rc == 1
    lines = r.err.splitlines()
    assert lines[0] == "cbdest: the destination is not valid (nothing was sent)"
    assert "cbdest:   name: must be 1 to 256 characters (has 257)" in lines
    assert "cbdest:   url: must be an absolute http:// or https:// URL" in lines
    assert server_items(server) == []


def test_create_refused_by_server(cli, server):
    r = cli("create", "--name", "x", "--url", "https://e.com/", key="metorial_pk_test_0123456789abcdef")
    assert r.rc == 1
    assert r.err.startswith("cbdest: HTTP 403 forbidden")
    assert "(request req_" in r.err
    assert server_items(server) == []


def test_wrong_key_401_and_key_never_shown(cli):
    r = cli("list", "--verbose", key="metorial_sk_definitely_wrong_key")
    assert r.rc == 1
    assert "HTTP 401 unauthorized" in r.err
    assert "definitely_wrong" not in r.err + r.out
    assert "Authorization: Bearer ****(masked)" in r.err


def test_no_key_is_a_configuration_error(cli):
    r = cli("list", key=None)
    assert r.rc == 2
    assert "no API key" in r.err


def test_read_only_refuses_writes(cli, server):
    r = cli("create", "--name", "x", "--url", "https://e.com/", "--read-only")
    assert r.rc == 1 and "read-only mode" in r.err
    assert server_items(server) == []
    assert cli("list", "--read-only").rc == 0


# --- get ----------------------------------------------------------------------------------

def test_get_human_and_json(cli):
    obj = create(cli, "Hook \x1b[31mred\x1b[0m", "https://e.com/x", "--meta", "k=v")
    r = cli("get", obj["id"])
    assert r.rc == 0, r
    assert f"id           {obj['id']}\n" in r.out
    assert "\x1b" not in r.out
    assert "name         Hook \\e[31mred\\e[0m\n" in r.out
    assert "metadata\n  k = v\n" in r.out
    r = cli("get", obj["id"], "--json")
    assert r.rc == 0 and r.json() == obj


def test_get_missing_is_404(cli):
    r = cli("get", "cld_doesnotexist")
    assert r.rc == 1
    assert re.match(r"cbdest: HTTP 404 not_found: .+ \(request req_\w+\)$", r.err.splitlines()[0])


def test_unreachable_server_exit_3(make_cli):
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()

    class Nowhere:
        base_url = f"http://127.0.0.1:{port}"
    r = make_cli(Nowhere())("list", env={"CBDEST_RETRY_MAX_ATTEMPTS": "1"})
    assert r.rc == 3
    assert "network error (connect)" in r.err


# --- update -------------------------------------------------------------------------------

def test_update_changes_only_what_was_asked(cli, server):
    obj = create(cli, "old", "https://e.com/a", "--description", "desc", "--meta", "a=1",
                 "--meta-json", "b=[1,2]", "--meta", "c=x")
    r = cli("update", obj["id"], "--name", "new", "--meta", "a=2", "--unset-meta", "c",
            "--clear-description", "--json")
    assert r.rc == 0, r
    got = r.json()
    assert got["name"] == "new" and got["url"] == "https://e.com/a"
    assert got["description"] == ""
    assert got["metadata"] == {"a": "2", "b": [1, 2]}
    assert got["updated_at"] >= obj["updated_at"]
    status, _, stored = server.request("GET", f"/callback-destinations/{obj['id']}")
    assert stored == got


def test_update_verbose_shows_smallest_patch(cli):
    obj = create(cli, "n", "https://e.com/a", "--meta", "a=1")
    r = cli("update", obj["id"], "--url", "https://e.com/b", "--verbose")
    assert r.rc == 0, r
    assert 'cbdest: > body {"url":"https://e.com/b"}' in r.err.splitlines()


def test_update_nothing_to_change(cli):
    obj = create(cli, "n", "https://e.com/a")
    r = cli("update", obj["id"], "--name", "n", "--json")
    assert r.rc == 0
    assert "nothing to change" in r.err
    assert r.json() == obj


def test_update_failures(cli):
    r = cli("update", "cld_missing", "--name", "x")
    assert r.rc == 1 and "HTTP 404 not_found" in r.err
    obj = create(cli)
    r = cli("update", obj["id"], "--url", "not a url")
    assert r.rc == 1 and "url: must be an absolute" in r.err
    r = cli("update", obj["id"], "--description", "x", "--clear-description")
    assert r.rc == 2


# --- archive ------------------------------------------------------------------------------

def test_archive_needs_yes_off_a_terminal(cli, server):
    obj = create(cli)
    r = cli("archive", obj["id"])
    assert r.rc == 2
    assert "pass --yes" in r.err
    status, _, stored = server.request("GET", f"/callback-destinations/{obj['id']}")
    assert stored["status"] == "active"
    r = cli("archive", obj["id"], "--yes", "--json")
    assert r.rc == 0, r
    assert r.json()["status"] == "archived"
    r = cli("archive", obj["id"], "--yes")
    assert r.rc == 0 and "status       archived" in r.out
    r = cli("archive", "cld_missing", "--yes")
    assert r.rc == 1 and "HTTP 404" in r.err


def run_on_tty(server, tmp_path, args, answer):
    """Runs cbdest with a pty as stdin/stdout, answers the prompt; returns (rc, output)."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([str(CLIENT), *args], stdin=slave, stdout=slave, stderr=slave,
                            env=clean_env(tmp_path, server.base_url), close_fds=True)
    os.close(slave)
    out = b""
    deadline = time.monotonic() + 20
    answered = False
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                break
            if not chunk:
                break
            out += chunk
        if not answered and b"[y/N]" in out:
            os.write(master, answer)
            answered = True
        if proc.poll() is not None and not ready:
            break
    proc.wait(timeout=10)
    os.close(master)
    return proc.returncode, out.decode(errors="replace")


def test_archive_asks_on_a_terminal(cli, server, tmp_path):
    obj = create(cli)
    rc, out = run_on_tty(server, tmp_path, ["archive", obj["id"]], b"n\n")
    assert rc == 0, out
    assert f"Archive \"hook\" ({obj['id']}, https://example.com/h)? [y/N]" in out
    assert "not archived" in out
    assert server.request("GET", f"/callback-destinations/{obj['id']}")[2]["status"] == "active"
    rc, out = run_on_tty(server, tmp_path, ["archive", obj["id"]], b"y\n")
    assert rc == 0, out
    assert server.request("GET", f"/callback-destinations/{obj['id']}")[2]["status"] == "archived"


# --- list ---------------------------------------------------------------------------------

def test_list_pages_and_orders(cli, server):
    made = [create(cli, f"hook {i:02d}", f"https://e.com/{i}") for i in range(25)]
    ids = [m["id"] for m in made]
    r = cli("list")
    assert r.rc == 0, r
    assert [d["id"] for d in r.jsonl()] == ids[:20]  # default page size, jsonl off a tty
    r = cli("list", "--limit", "5", "--order", "desc", "--json")
    assert [d["id"] for d in r.json()] == ids[::-1][:5]
    r = cli("list", "--after", ids[9], "--limit", "3", "--json")
    assert [d["id"] for d in r.json()] == ids[10:13]
    r = cli("list", "--before", ids[9], "--limit", "3", "--json")
    assert [d["id"] for d in r.json()] == ids[6:9]
    r = cli("list", "--page-size", "7", "--json")
    assert len(r.json()) == 7
    r = cli("list", "--limit", "100", "--json")
    assert r.json() == server_items(server)


def test_list_date_filters(cli, server):
    made = [create(cli, f"h{i}", "https://e.com/") for i in range(3)]
    r = cli("list", "--created-after", "1h", "--json")
    assert [d["id"] for d in r.json()] == [m["id"] for m in made]
    r = cli("list", "--created-before", "1h", "--json")
    assert r.rc == 0 and r.json() == []
    r = cli("list", "--updated-after", made[1]["updated_at"], "--json")
    assert [d["id"] for d in r.json()] == [made[2]["id"]]
    r = cli("list", "--updated-before", "2000-01-01", "--jsonl")
    assert r.rc == 0 and r.out == ""
    r = cli("list", "--created-after", "30m", "--created-before", "2099-01-01T00:00:00Z", "--json")
    assert len(r.json()) == 3


def test_list_table_is_aligned_and_sanitised(cli):
    names = ["plain", "日本語の名前", "evil \x1b[2J\u202ehidden", "é" * 40]
    for n in names:
        create(cli, n, "https://e.com/p")
    r = cli("list", "--table")
    assert r.rc == 0, r
    lines = r.out.splitlines()
    assert lines[0].split() == ["ID", "NAME", "STATUS", "UPDATED", "URL"]
    assert "\x1b" not in r.out and "\u202e" not in r.out
    assert "\\e[2J\\u202Ehidden" in r.out

    def width(s):
        import unicodedata
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in s)

    starts = []
    for line in lines:
        status_at = line.index("active") if "active" in line else line.index("STATUS")
        starts.append(width(line[:status_at]))
    assert len(set(starts)) == 1, (starts, lines)
    assert len(lines) == 5


def test_list_all_over_1000_items(make_server, make_cli):
    srv = make_server(seed=1000)
    cli = make_cli(srv)
    held = [d["id"] for d in server_items(srv)]
    assert len(held) == 1000
    r = cli("list", "--all", "--limit", "100", "--jsonl")
    assert r.rc == 0, r
    got = [d["id"] for d in r.jsonl()]
    assert got == held and len(set(got)) == 1000
    r = cli("list", "--all", "--order", "desc", "--limit", "37", "--json")
    assert r.rc == 0
    got = [d["id"] for d in r.json()]
    assert got == held[::-1]
    r = cli("list", "--all", "--after", held[989], "--table")
    assert r.rc == 0 and len(r.out.splitlines()) == 11


def test_profile_from_config_file(server, make_cli, tmp_path):
    cfgdir = tmp_path / "xdg" / "cbdest"
    cfgdir.mkdir(parents=True)
    key = tmp_path / "key"
    key.write_text(SECRET + "\n")
    key.chmod(0o600)
    conf = cfgdir / "config"
    conf.write_text(f"[default]\nbase_url = http://127.0.0.1:1\n\n[profile local]\n"
                    f"base_url = {server.base_url}\napi_key_file = {key}\npage_size = 2\n")
    conf.chmod(0o600)
    cli = make_cli(None)
    for i in range(3):
        assert cli("create", "--name", f"n{i}", "--url", "https://e.com/", "--profile", "local",
                   key=None).rc == 0
    r = cli("--profile", "local", "list", "--json", key=None)
    assert r.rc == 0, r
    assert len(r.json()) == 2
    conf.chmod(0o644)
    r = cli("--profile", "local", "list", key=None)
    assert r.rc == 2
    assert f"chmod 600 {conf}" in r.err
    conf.chmod(0o600)
    key.chmod(0o640)
    r = cli("--profile", "local", "list", key=None)
    assert r.rc == 2 and f"chmod 600 {key}" in r.err
