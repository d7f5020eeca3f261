"""CLI rough edges: masked URL passwords, the archive prompt, exclusive options, --read-only
values, config error messages that name the path once."""
import re

from clihelp import SECRET
from test_cli import create, run_on_tty, server_items


def test_get_masks_the_url_password_but_json_keeps_it(cli):
    obj = create(cli, "Secret hook", "https://user:pw@e.com/a?b=1")
    assert obj["url"] == "https://user:pw@e.com/a?b=1"
    r = cli("get", obj["id"])
    assert r.rc == 0, r
    assert "url          https://user:***@e.com/a?b=1\n" in r.out
    assert "pw" not in r.out
    r = cli("get", obj["id"], "--json")
    assert r.rc == 0 and r.json() == obj


def test_archive_prompt_names_the_destination(cli, server, tmp_path):
    obj = create(cli, "Billing \x1b[2J", "https://u:secret@e.com/b")
    rc, out = run_on_tty(server, tmp_path, ["archive", obj["id"]], b"n\n")
    assert rc == 0, out
    assert f'Archive "Billing \\e[2J" ({obj["id"]}, https://u:***@e.com/b)? [y/N]' in out
    assert "secret" not in out and "not archived" in out
    assert server.request("GET", f"/callback-destinations/{obj['id']}")[2]["status"] == "active"
    rc, out = run_on_tty(server, tmp_path, ["archive", "cld_missing"], b"y\n")
    assert rc == 1 and "HTTP 404" in out and "[y/N]" not in out


def test_after_and_before_exclude_each_other(cli):
    r = cli("list", "--after", "cld_a", "--before", "cld_b")
    assert (r.rc, r.out) == (2, "")
    assert r.err == ("cbdest: --after and --before exclude each other: give one of them "
                     "(see --help)\n")


def write_profile(tmp_path, server, mode=0o600, extra=""):
    cfgdir = tmp_path / "xdg" / "cbdest"
    cfgdir.mkdir(parents=True, exist_ok=True)
    conf = cfgdir / "config"
    conf.write_text(f"[default]\nbase_url = {server.base_url}\nread_only = true\n{extra}")
    conf.chmod(mode)
    return conf


def test_read_only_values_override_the_profile(cli, server, tmp_path):
    write_profile(tmp_path, server)
    r = cli("create", "--name", "x", "--url", "https://e.com/")
    assert r.rc == 1 and "read-only mode" in r.err
    r = cli("create", "--name", "x", "--url", "https://e.com/", "--read-only=true")
    assert r.rc == 1 and "read-only mode" in r.err
    assert server_items(server) == []
    r = cli("create", "--name", "a", "--url", "https://e.com/", "--read-only=false", "--json")
    assert r.rc == 0, r
    r = cli("--no-read-only", "create", "--name", "b", "--url", "https://e.com/", "--json")
    assert r.rc == 0, r
    assert [d["name"] for d in server_items(server)] == ["a", "b"]
    r = cli("list", "--read-only=maybe")
    assert r.rc == 2 and r.err == "cbdest: --read-only takes true or false, not 'maybe'\n"


def test_config_errors_name_the_path_once(cli, server, tmp_path):
    conf = write_profile(tmp_path, server, mode=0o644)
    r = cli("list")
    assert r.rc == 2
    assert r.err == (f"cbdest: {conf}: mode 0644 lets group or others read it; refusing to use "
                     f"it; run: chmod 600 {conf}\n")
    r = cli("list", "--config", "/nonexistent")
    assert r.rc == 2
    assert r.err == "cbdest: /nonexistent: No such file or directory\n"
    conf.chmod(0o600)
    conf.write_text("[default]\nbogus = 1\n")
    r = cli("list")
    assert r.rc == 2
    assert r.err == f"cbdest: {conf}: config line 2: unknown setting or bad value for 'bogus'\n"
