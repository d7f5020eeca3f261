"""cbdest-server contract: process behaviour (startup, keys, signals, access log, concurrency,
and the kill -9 durability case)."""
import http.client
import json
import os
import pathlib
import random
import signal
import sqlite3
import stat
import subprocess
import threading
import time

from contract_helpers import BASE, SECRET_KEY, shared_server_class

DURABILITY_SECONDS = float(os.environ.get("CBDEST_DURABILITY_SECONDS", "30"))


def server_bin():
    root = pathlib.Path(__file__).resolve().parent.parent.parent
    return str(pathlib.Path(os.environ.get("CBDEST_BUILD", root / "build")) / "cbdest-server")


def start(args, env=None):
    proc = subprocess.Popen([server_bin(), "--listen", "127.0.0.1:0", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    first = proc.stdout.readline().strip()
    return proc, first


def get(port, path, key):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers={"Authorization": f"Bearer {key}"})
    resp = conn.getresponse()
    body = json.loads(resp.read())
    conn.close()
    return resp.status, body


def stop(proc):
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(timeout=10)
    proc.stdout.close()
    proc.stderr.close()
    return rc


def test_generated_key_file(tmp_path):
    db = tmp_path / "data" / "x.db"
    db.parent.mkdir()
    proc, first = start(["--db", str(db)])
    assert first.startswith("cbdest-server listening on http://127.0.0.1:")
    second = proc.stdout.readline().strip()
    keyfile = tmp_path / "data" / "cbdest-server.key"
    assert second == f"api key file: {keyfile}"
    key = keyfile.read_text()
    assert key.endswith("\n") and key.startswith("metorial_sk_") and len(key.strip()) == 44
    assert stat.S_IMODE(os.stat(keyfile).st_mode) == 0o600
    port = int(first.rsplit(":", 1)[1])
    assert get(port, BASE, key.strip())[0] == 200
    assert stop(proc) == 0
    proc, first = start(["--db", str(db)])  # reused, not regenerated
    assert proc.stdout.readline().strip() == second
    assert keyfile.read_text() == key
    assert stop(proc) == 0


def test_default_db_under_xdg(tmp_path):
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    proc, first = start([], env=env)
    assert first.startswith("cbdest-server listening on ")
    assert proc.stdout.readline().strip() == \
        f"api key file: {tmp_path / 'xdg' / 'cbdest' / 'cbdest-server.key'}"
    assert stop(proc) == 0
    assert (tmp_path / "xdg" / "cbdest" / "cbdest.db").exists()
    assert stat.S_IMODE(os.stat(tmp_path / "xdg" / "cbdest").st_mode) == 0o700


def test_api_key_file_option(tmp_path):
    kf = tmp_path / "k"
    kf.write_text("metorial_sk_fromfile\n")
    kf.chmod(0o644)
    proc = subprocess.run([server_bin(), "--db", str(tmp_path / "d.db"), "--api-key-file",
                           str(kf)], capture_output=True, text=True, timeout=10)
    assert proc.returncode == 2 and f"chmod 600 {kf}" in proc.stderr
    kf.chmod(0o600)
    proc, first = start(["--db", str(tmp_path / "d.db"), "--api-key-file", str(kf)])
    port = int(first.rsplit(":", 1)[1])
    assert get(port, BASE, "metorial_sk_fromfile")[0] == 200
    assert get(port, BASE, SECRET_KEY)[0] == 401
    assert stop(proc) == 0


KEY_CHARS_MSG = ("a key may only hold printable ASCII characters without spaces, quotes or "
                 "backslashes")


def test_keys_outside_the_token_set_are_refused(tmp_path):
    db = str(tmp_path / "d.db")
    cases = [(["--api-key", "has space"], f"--api-key: {KEY_CHARS_MSG}"),
             (["--api-key", 'quo"te_key'], f"--api-key: {KEY_CHARS_MSG}"),
             (["--publishable-key", "back\\slash_key"], f"--publishable-key: {KEY_CHARS_MSG}"),
             (["--api-key", "short"], "--api-key: a key must be 8..256 characters long"),
             (["--api-key", "k" * 257], "--api-key: a key must be 8..256 characters long")]
    for args, message in cases:
        out = subprocess.run([server_bin(), "--listen", "127.0.0.1:0", "--db", db, *args],
                             capture_output=True, text=True, timeout=10)
        assert (out.returncode, out.stdout) == (2, ""), out
        assert out.stderr == f"cbdest-server: {message}\n"
    kf = tmp_path / "k"
    kf.write_text("has space\n")
    kf.chmod(0o600)
    out = subprocess.run([server_bin(), "--listen", "127.0.0.1:0", "--db", db,
                          "--api-key-file", str(kf)], capture_output=True, text=True, timeout=10)
    assert (out.returncode, out.stdout) == (2, "")
    assert out.stderr == f"cbdest-server: key file {kf}: {KEY_CHARS_MSG}\n"


def test_port_in_use_says_why(tmp_path):
    import socket
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen(1)
        port = busy.getsockname()[1]
        out = subprocess.run([server_bin(), "--listen", f"127.0.0.1:{port}", "--db",
                              str(tmp_path / "d.db"), "--api-key", SECRET_KEY],
                             capture_output=True, text=True, timeout=10)
    assert (out.returncode, out.stdout) == (1, "")
    assert out.stderr == (f"cbdest-server: cannot listen on 127.0.0.1:{port}: "
                          "address already in use\n")


def test_help_and_bad_options(tmp_path):
    out = subprocess.run([server_bin(), "--help"], capture_output=True, text=True, timeout=10)
    assert out.returncode == 0
    for flag in ["--listen", "--db", "--api-key", "--publishable-key", "--seed", "--rate-limit",
                 "--access-log", "--api-key-file"]:
        assert flag in out.stdout
    for args in [["--listen", "nohost"], ["--rate-limit", "x"], ["--seed", "many"], ["--what"]]:
        out = subprocess.run([server_bin(), *args], capture_output=True, text=True, timeout=10)
        assert out.returncode == 2 and out.stderr.startswith("cbdest-server: ")
        assert out.stdout == ""


def test_access_log_never_shows_the_key(tmp_path):
    proc, first = start(["--db", str(tmp_path / "a.db"), "--api-key", SECRET_KEY,
                         "--access-log"])
    port = int(first.rsplit(":", 1)[1])
    assert get(port, BASE + "?limit=5&cursor=secretcursor", SECRET_KEY)[0] == 400
    assert get(port, "/nope%0aFAKE", SECRET_KEY)[0] == 404
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=10)
    assert proc.returncode == 0
    lines = err.strip().splitlines()
    assert len(lines) == 2, lines
    method, path, code, ms, req = lines[0].split(" ")
    assert (method, path, code) == ("GET", BASE, "400")
    assert ms.endswith("ms") and req.startswith("req_")
    assert lines[1].startswith("GET /nope?FAKE 404 ")
    assert SECRET_KEY not in err and "secretcursor" not in err


def test_sigterm_and_sigint_exit_cleanly(tmp_path):
    for sig in (signal.SIGTERM, signal.SIGINT):
        db = tmp_path / f"s{sig}.db"
        srv = shared_server_class()(db)
        results = []

        def hammer():
            conn = http.client.HTTPConnection(srv.host, srv.port, timeout=10)
            try:
                for _ in range(1000):
                    conn.request("POST", BASE, body=json.dumps({"name": "n", "url": "https://a/"}),
                                 headers={"Authorization": f"Bearer {SECRET_KEY}"})
                    resp = conn.getresponse()
                    results.append((resp.status, json.loads(resp.read())["id"]))
            except (OSError, http.client.HTTPException, ValueError):
                pass  # the server went away between requests

        threads = [threading.Thread(target=hammer) for _ in range(4)]
        for t in threads:
            t.start()
        time.sleep(0.3)
        srv.proc.send_signal(sig)
        assert srv.proc.wait(timeout=10) == 0
        for t in threads:
            t.join()
        srv.stop()
        assert results and all(status == 200 for status, _ in results)
        assert not os.path.exists(str(db) + "-wal") or os.path.getsize(str(db) + "-wal") == 0
        with sqlite3.connect(db) as conn:
            stored = {r[0] for r in conn.execute("SELECT id FROM callback_destinations")}
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert {i for _, i in results} <= stored  # every acknowledged create is there


def test_concurrent_writers(server):
    made, errors = [], []

    def writer(n):
        conn = http.client.HTTPConnection(server.host, server.port, timeout=30)
        hdrs = {"Authorization": f"Bearer {SECRET_KEY}", "Content-Type": "application/json"}
        for i in range(25):
            conn.request("POST", BASE, body=json.dumps({"name": f"w{n}-{i}",
                                                        "url": "https://a.b/"}), headers=hdrs)
            resp = conn.getresponse()
            body = json.loads(resp.read())
            if resp.status != 200:
                errors.append(body)
                continue
            made.append(body)
            conn.request("PATCH", f"{BASE}/{body['id']}",
                         body=json.dumps({"metadata": {"writer": n, "i": i}}), headers=hdrs)
            resp = conn.getresponse()
            if resp.status != 200:
                errors.append(json.loads(resp.read()))
            else:
                resp.read()
        conn.close()

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert len(made) == 200 and len({m["id"] for m in made}) == 200
    listed, after = [], None
    while True:
        page = server.request("GET", f"{BASE}?limit=100" + (f"&after={after}" if after else ""))[2]
        listed += page["items"]
        if not page["pagination"]["has_more_after"]:
            break
        after = page["items"][-1]["id"]
    assert sorted(m["id"] for m in made) == [i["id"] for i in listed]
    by_name = {i["name"]: i for i in listed}
    for n in range(8):
        for i in range(25):
            assert by_name[f"w{n}-{i}"]["metadata"] == {"writer": n, "i": i}
    created = [i["created_at"] for i in listed]
    assert created == sorted(created)  # ids sort in creation order


class Client(threading.Thread):
    """One of the durability writers: mixed create/update/archive on its own destinations."""

    def __init__(self, host, port, n, deadline):
        super().__init__(daemon=True)
        self.host, self.port, self.n, self.deadline = host, port, n, deadline
        self.acked = {}      # id -> last acknowledged object
        self.pending = None  # (id or None, expected fields) of the request in flight
        self.rng = random.Random(n)
        self.ops = 0

    def call(self, conn, method, path, body=None):
        conn.request(method, path, body=json.dumps(body) if body is not None else None,
                     headers={"Authorization": f"Bearer {SECRET_KEY}",
                              "Content-Type": "application/json"})
        resp = conn.getresponse()
        data = json.loads(resp.read())
        assert resp.status == 200, data
        return data

    def step(self, conn):
        ids = list(self.acked)
        roll = self.rng.random()
        if not ids or roll < 0.4:
            body = {"name": f"c{self.n}-{self.ops}", "url": f"https://h{self.n}.example/{self.ops}",
                    "metadata": {"op": self.ops}}
            self.pending = (None, body)
            obj = self.call(conn, "POST", BASE, body)
        elif roll < 0.8:
            ident = self.rng.choice(ids)
            body = {"name": f"u{self.n}-{self.ops}", "metadata": {"op": self.ops, "u": True}}
            self.pending = (ident, {"name": body["name"], "metadata": body["metadata"],
                                    "status": self.acked[ident]["status"]})
            obj = self.call(conn, "PATCH", f"{BASE}/{ident}", body)
        else:
            ident = self.rng.choice(ids)
            self.pending = (ident, dict(self.acked[ident], status="archived"))
            obj = self.call(conn, "DELETE", f"{BASE}/{ident}")
        self.acked[obj["id"]] = obj
        self.pending = None
        self.ops += 1

    def run(self):
        conn = http.client.HTTPConnection(self.host, self.port, timeout=30)
        try:
            while time.monotonic() < self.deadline:
                self.step(conn)
            while True:  # keep writing until the server is killed under us
                self.step(conn)
        except (OSError, http.client.HTTPException, ValueError):
            pass


def test_kill_9_loses_no_acknowledged_write(make_server, tmp_path):
    db = tmp_path / "durable.db"
    srv = make_server(db=db)
    deadline = time.monotonic() + DURABILITY_SECONDS
    clients = [Client(srv.host, srv.port, n, deadline) for n in range(8)]
    for c in clients:
        c.start()
    time.sleep(DURABILITY_SECONDS + 0.2)
    srv.proc.kill()  # SIGKILL while the clients are still writing
    srv.proc.wait()
    for c in clients:
        c.join(timeout=30)
    total_ops = sum(c.ops for c in clients)
    assert total_ops > 50 * DURABILITY_SECONDS / 30, total_ops
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = conn.execute("SELECT count(*) FROM callback_destinations").fetchone()[0]
    restarted = make_server(db=db)
    acked = sum(len(c.acked) for c in clients)
    pending_creates = sum(1 for c in clients if c.pending and c.pending[0] is None)
    assert acked <= rows <= acked + pending_creates
    stored, after = {}, None
    while True:  # read everything back in pages (one GET per id would take long)
        page = restarted.request("GET", f"{BASE}?limit=100" + (f"&after={after}" if after else ""))[2]
        stored.update((i["id"], i) for i in page["items"])
        if not page["pagination"]["has_more_after"]:
            break
        after = page["items"][-1]["id"]
    assert len(stored) == rows
    for c in clients:
        for ident, obj in c.acked.items():
            got = stored[ident]
            if got == obj:
                continue
            # only the write in flight at the kill may have landed after its last ack
            assert c.pending and c.pending[0] == ident, (got, obj)
            for key, value in c.pending[1].items():
                if key in ("name", "metadata", "status"):
                    assert got[key] == value, (key, got, c.pending)


def test_seed_only_fills_an_empty_db(make_server, tmp_path):
    db = tmp_path / "seeded.db"
    srv = make_server(seed=10, db=db)
    first = srv.request("GET", f"{BASE}?limit=100")[2]["items"]
    assert len(first) == 10
    srv.stop()
    again = make_server(seed=50, db=db)
    assert again.request("GET", f"{BASE}?limit=100")[2]["items"] == first


def test_seed_100k_is_fast_and_pages_stay_cheap(make_server, tmp_path):
    started = time.monotonic()
    srv = make_server(seed=100000, db=tmp_path / "big.db")
    assert time.monotonic() - started < 10
    conn = http.client.HTTPConnection(srv.host, srv.port, timeout=10)

    def timed(path):
        best = None
        for _ in range(5):
            t = time.perf_counter()
            conn.request("GET", path, headers={"Authorization": f"Bearer {SECRET_KEY}"})
            resp = conn.getresponse()
            body = json.loads(resp.read())
            best = min(best or 1e9, time.perf_counter() - t)
        return best, body

    first_time, first = timed(BASE)
    assert first["pagination"] == {"has_more_before": False, "has_more_after": True}
    with sqlite3.connect(f"file:{tmp_path / 'big.db'}?mode=ro", uri=True) as db:
        deep_id = db.execute("SELECT id FROM callback_destinations ORDER BY id "
                             "LIMIT 1 OFFSET 99979").fetchone()[0]
    deep_time, deep = timed(f"{BASE}?after={deep_id}")
    assert len(deep["items"]) == 20
    assert deep["pagination"] == {"has_more_before": True, "has_more_after": False}
    # the last of 5,000 pages costs about what the first does (keyset, no OFFSET)
    assert deep_time < max(5 * first_time, 0.02), (first_time, deep_time)
    conn.close()
