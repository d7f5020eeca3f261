"""cbdest-server contract: the five endpoints, instance aliases, update/archive semantics, headers."""
import json
import subprocess

from contract_helpers import (API_VERSION, BASE, PUBLISHABLE_KEY, REQ_ID_RE, SECRET_KEY,
                              assert_error, assert_object, create)


def test_create_returns_the_object(server):
    status, headers, obj = server.request("POST", BASE, body={
        "name": "Primary Webhook Endpoint", "url": "https://api.example.com/webhooks/metorial",
        "description": "Primary production webhook receiver",
        "metadata": {"env": "prod", "n": 3, "on": True, "nested": {"a": [1, None, "x"]}}})
    assert status == 200
    assert headers["content-type"].startswith("application/json")
    assert_object(obj, status="active", name="Primary Webhook Endpoint",
                  description="Primary production webhook receiver",
                  url="https://api.example.com/webhooks/metorial",
                  metadata={"env": "prod", "n": 3, "on": True, "nested": {"a": [1, None, "x"]}})
    assert obj["created_at"] == obj["updated_at"]


def test_create_defaults_and_ignored_fields(server):
    obj = create(server, name="Bare", url="HTTP://Example.COM:80", method="PUT",
                 status="archived", unknown_field={"x": 1}, description=None, metadata=None)
    assert_object(obj, status="active", description=None, metadata={},
                  url="http://example.com/", method="POST")


def test_url_normalisation(server):
    cases = {"HTTPS://API.Example.COM": "https://api.example.com/",
             "https://api.example.com:443/x?y=1": "https://api.example.com/x?y=1",
             "http://example.com:8080/P": "http://example.com:8080/P",
             "https://\u00fcnicode.com/\u00e4": "https://xn--nicode-2ya.com/%C3%A4",
             "HTTP://EXAMPLE.com:80": "http://example.com/",
             "https://a.com/my hook?q=a b#x": "https://a.com/my%20hook?q=a%20b#x",
             "https://u:p@[2001:DB8::1]:443/%7e": "https://u:p@[2001:db8::1]/%7e"}
    for given, stored in cases.items():
        assert create(server, url=given)["url"] == stored
    obj = create(server, url="https://a.com/")
    status, _, upd = server.request("PATCH", f"{BASE}/{obj['id']}",
                                    body={"url": "https://\u00dcNICODE.com/\u00e4"})
    assert status == 200 and upd["url"] == "https://xn--nicode-2ya.com/%C3%A4", upd


def test_url_with_control_characters_is_rejected(server):
    for url in ["https://a.com/x\ny", "https://a.com/\t", "https://a.com/\u007f"]:
        status, _, err = server.request("POST", BASE, body={"name": "n", "url": url})
        assert_error(status, err, 400, "invalid_callback_destination_url")


def test_get_and_list_show_the_same_object(server):
    obj = create(server, name="Ünïcödé 東京 🚀", metadata={"k": "v"})
    status, _, got = server.request("GET", f"{BASE}/{obj['id']}")
    assert status == 200 and got == obj
    status, _, page = server.request("GET", BASE)
    assert status == 200
    assert list(page.keys()) == ["object", "items", "pagination"]
    assert page["object"] == "list" and page["items"] == [obj]
    assert page["pagination"] == {"has_more_before": False, "has_more_after": False}


def test_update_semantics(server):
    obj = create(server, name="Before", description="desc", metadata={"a": 1, "b": 2})
    status, _, upd = server.request("PATCH", f"{BASE}/{obj['id']}",
                                    body={"metadata": {"b": 3}, "status": "archived",
                                          "method": "PUT", "extra": True})
    assert status == 200
    assert_object(upd, name="Before", description="desc", metadata={"b": 3}, status="active",
                  url=obj["url"], created_at=obj["created_at"])
    assert upd["updated_at"] > obj["updated_at"]
    status, _, upd2 = server.request("PATCH", f"{BASE}/{obj['id']}",
                                     body={"description": "", "name": "After",
                                           "url": "https://Other.example.com"})
    assert status == 200
    assert_object(upd2, name="After", description="", url="https://other.example.com/",
                  metadata={"b": 3})
    status, _, empty = server.request("PATCH", f"{BASE}/{obj['id']}", body={})
    assert status == 200 and empty["name"] == "After"
    status, _, err = server.request("PATCH", f"{BASE}/{obj['id']}", body={"description": None})
    assert_error(status, err, 400, "invalid_data", entity="body")
    assert [e["path"] for e in err["errors"]] == [["description"]]


def test_delete_archives_once(server):
    obj = create(server)
    status, _, arch = server.request("DELETE", f"{BASE}/{obj['id']}")
    assert status == 200
    assert_object(arch, status="archived", name=obj["name"], created_at=obj["created_at"])
    assert arch["updated_at"] > obj["updated_at"]
    status, _, again = server.request("DELETE", f"{BASE}/{obj['id']}")
    assert status == 200 and again == arch
    status, _, got = server.request("GET", f"{BASE}/{obj['id']}")
    assert status == 200 and got == arch
    status, _, page = server.request("GET", BASE)
    assert page["items"] == [arch]


def test_instance_aliases(server):
    inst = "/instances/ins_local"
    status, _, obj = server.request("POST", f"{inst}{BASE}",
                                    body={"name": "Via instance", "url": "https://a.example/"})
    assert status == 200
    assert_object(obj, name="Via instance")
    assert server.request("GET", f"{inst}{BASE}/{obj['id']}")[2] == obj
    assert server.request("GET", f"{BASE}/{obj['id']}")[2] == obj
    status, _, page = server.request("GET", f"{inst}{BASE}?limit=1")
    assert status == 200 and page["items"] == [obj]
    status, _, upd = server.request("PATCH", f"{inst}{BASE}/{obj['id']}", body={"name": "N"})
    assert status == 200 and upd["name"] == "N"
    status, _, arch = server.request("DELETE", f"{inst}{BASE}/{obj['id']}")
    assert status == 200 and arch["status"] == "archived"
    status, _, err = server.request("GET", f"{inst}{BASE}/cld_missing")
    assert_error(status, err, 404, "not_found", entity="callback.destination")


def test_headers_on_success_and_errors(server):
    for method, path, key, want in [("GET", BASE, SECRET_KEY, 200),
                                    ("GET", BASE, None, 401),
                                    ("GET", "/nope", SECRET_KEY, 404),
                                    ("PUT", BASE, SECRET_KEY, 405)]:
        status, headers, _ = server.request(method, path, key=key)
        assert status == want
        assert REQ_ID_RE.match(headers["metorial-req-id"])
        assert headers["metorial-version"] == API_VERSION
        assert int(headers["ratelimit-limit"]) == 100000
        assert 0 <= int(headers["ratelimit-remaining"]) < 100000
        assert int(headers["ratelimit-reset"]) > 1_700_000_000
    ids = {server.request("GET", BASE)[1]["metorial-req-id"] for _ in range(5)}
    assert len(ids) == 5


def test_version_echo(server):
    _, headers, _ = server.request("GET", BASE, headers={"Metorial-Version": "2025-05-01-nova"})
    assert headers["metorial-version"] == "2025-05-01-nova"
    # the header (always sent by the helper) wins over the query parameter
    _, headers, _ = server.request("GET", f"{BASE}?api-version=2024-01-01-x")
    assert headers["metorial-version"] == API_VERSION
    _, headers, _ = server.request("GET", BASE, headers={"Metorial-Version": "bad value!"})
    assert headers["metorial-version"] == API_VERSION


def test_version_from_query(server):
    import http.client
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    conn.request("GET", f"{BASE}?api-version=2024-01-01-x",
                 headers={"Authorization": f"Bearer {SECRET_KEY}"})
    resp = conn.getresponse()
    resp.read()
    assert resp.status == 200
    assert resp.getheader("metorial-version") == "2024-01-01-x"
    conn.request("GET", BASE, headers={"Authorization": f"Bearer {SECRET_KEY}"})
    resp = conn.getresponse()  # same keep-alive connection
    resp.read()
    assert resp.getheader("metorial-version") == API_VERSION
    conn.close()


def test_publishable_key_reads_only(server):
    obj = create(server)
    status, _, page = server.request("GET", BASE, key=PUBLISHABLE_KEY)
    assert status == 200 and page["items"] == [obj]
    assert server.request("GET", f"{BASE}/{obj['id']}", key=PUBLISHABLE_KEY)[0] == 200
    for method, path, body in [("POST", BASE, {"name": "x", "url": "https://a.b/"}),
                               ("PATCH", f"{BASE}/{obj['id']}", {"name": "y"}),
                               ("DELETE", f"{BASE}/{obj['id']}", None)]:
        status, _, err = server.request(method, path, body=body, key=PUBLISHABLE_KEY)
        assert_error(status, err, 403, "forbidden")
    assert server.request("GET", f"{BASE}/{obj['id']}")[2] == obj  # untouched


def test_seed_curl_examples(make_server):
    """The docs' curl examples against a seeded local server answer the contract's shapes."""
    srv = make_server(seed=25)
    base = srv.base_url
    auth = ["-H", f"Authorization: Bearer {SECRET_KEY}", "-H", f"Metorial-Version: {API_VERSION}"]

    def curl(*args):
        out = subprocess.run(["curl", "-sS", "-w", "\n%{http_code}", *auth, *args],
                             capture_output=True, text=True, timeout=20, check=True).stdout
        body, _, code = out.rpartition("\n")
        return int(code), json.loads(body)

    code, page = curl(f"{base}{BASE}")
    assert code == 200 and len(page["items"]) == 20
    assert page["pagination"] == {"has_more_before": False, "has_more_after": True}
    first = page["items"][0]
    assert_object(first, name="Primary Webhook Endpoint",
                  url="https://api.example.com/webhooks/metorial",
                  description="Primary production webhook receiver", status="active")
    for item in page["items"]:
        assert_object(item)
    code, got = curl(f"{base}{BASE}/{first['id']}")
    assert code == 200 and got == first
    code, made = curl("-X", "POST", "-H", "Content-Type: application/json", "-d",
                      '{"name":"My Webhook","url":"https://example.com/webhook",'
                      '"description":"Receives events","metadata":{"env":"production"}}',
                      f"{base}{BASE}")
    assert code == 200
    assert_object(made, name="My Webhook", metadata={"env": "production"}, status="active")
    code, upd = curl("-X", "PATCH", "-H", "Content-Type: application/json", "-d",
                     '{"name":"Updated Webhook"}', f"{base}{BASE}/{made['id']}")
    assert code == 200 and upd["name"] == "Updated Webhook"
    code, gone = curl("-X", "DELETE", f"{base}{BASE}/{made['id']}")
    assert code == 200 and gone["status"] == "archived"


def test_seed_content(make_server):
    srv = make_server(seed=300)
    items, after = [], None
    while True:
        q = f"?limit=100&after={after}" if after else "?limit=100"
        status, _, page = srv.request("GET", BASE + q)
        assert status == 200
        items += page["items"]
        if not page["pagination"]["has_more_after"]:
            break
        after = page["items"][-1]["id"]
    assert len(items) == 300
    ids = [i["id"] for i in items]
    assert ids == sorted(ids) and len(set(ids)) == 300
    created = [i["created_at"] for i in items]
    assert created == sorted(created)
    archived = sum(i["status"] == "archived" for i in items)
    assert 10 <= archived <= 60
    assert any(any(ord(ch) > 0x2e80 for ch in i["name"]) for i in items)  # CJK / emoji
    assert any(any(0x80 <= ord(ch) < 0x250 for ch in i["name"]) for i in items)  # accents
    assert any(i["metadata"] for i in items) and any(not i["metadata"] for i in items)
    assert any(isinstance(v, dict) for i in items for v in i["metadata"].values())
    assert created[-1][:7] != created[0][:7]  # spread over months
    for item in items:
        assert_object(item)


def test_metadata_numbers_round_trip_exactly(server):
    """Numbers come back as the very digits sent (beyond 2^53, trailing zeros, exponents)."""
    from contract_helpers import exchange_text
    meta = ('{"n":12345678901234567890,"f":1.10,"z":-0,"e":1e3,"E":1E+03,"small":1.5e-7,'
            '"big":-123456789012345678901234567890.000,"p":9007199254740993,"i":3,'
            '"a":[0.10,{"x":100000000000000000000001}],"s":"12345678901234567890.10"}')
    body = '{"name":"n","url":"https://a.com/","metadata":%s}' % meta
    status, text = exchange_text(server, "POST", BASE, body.encode())
    assert status == 200 and f'"metadata":{meta},' in text, text
    obj_id = json.loads(text)["id"]
    status, text = exchange_text(server, "GET", f"{BASE}/{obj_id}")
    assert status == 200 and f'"metadata":{meta},' in text, text
    status, text = exchange_text(server, "GET", f"{BASE}?limit=1&order=desc")
    assert status == 200 and f'"metadata":{meta},' in text, text
    status, text = exchange_text(server, "PATCH", f"{BASE}/{obj_id}",
                                 b'{"metadata": {"n": 12345678901234567890, "f": 1.10}}')
    assert status == 200 and '"metadata":{"n":12345678901234567890,"f":1.10},' in text, text


def test_numbers_outside_json_grammar_are_bad_requests(server):
    from contract_helpers import assert_error, exchange_text
    for number in ["01", "1.", "1.e5", "-01", "00", "1e", "-"]:
        body = '{"name":"n","url":"https://a.com/","metadata":{"x":%s}}' % number
        status, text = exchange_text(server, "POST", BASE, body.encode())
        assert_error(status, json.loads(text), 400, "bad_request", entity="body")
