"""cbdest-server contract edges: HEAD/OPTIONS, aliases, encoded ids, trailing slashes, repeated
parameters, Authorization spellings, version echo on errors, desc `before` pages."""
import http.client
import json

from contract_helpers import API_VERSION, BASE, SECRET_KEY, assert_error, create

ROUTES = [(BASE, "GET, POST"), (BASE + "/{id}", "GET, PATCH, DELETE"),
          ("/instances/ins_1" + BASE, "GET, POST"),
          ("/instances/ins_1" + BASE + "/{id}", "GET, PATCH, DELETE")]


def send(server, method, path, headers=None):
    """One request on a fresh connection; returns (status, headers, raw body bytes)."""
    conn = http.client.HTTPConnection(server.host, server.port, timeout=10)
    hdrs = {"Authorization": f"Bearer {SECRET_KEY}"}
    hdrs.update(headers or {})
    conn.request(method, path, headers=hdrs)
    resp = conn.getresponse()
    body = resp.read()
    conn.close()
    return resp.status, {k.lower(): v for k, v in resp.getheaders()}, body


def test_head_and_options_are_405_with_error_json(server):
    obj = create(server)
    for pattern, allow in ROUTES:
        path = pattern.replace("{id}", obj["id"])
        for method in ["OPTIONS", "PUT", "TRACE"]:
            status, headers, body = send(server, method, path)
            assert_error(status, json.loads(body), 405, "method_not_allowed")
            assert headers["allow"] == allow
            assert headers["content-type"] == "application/json; charset=utf-8"
        status, headers, body = send(server, "HEAD", path)  # no body on HEAD, same headers
        assert (status, body, headers["allow"]) == (405, b"", allow)
        assert headers["content-type"] == "application/json; charset=utf-8"
        assert int(headers["content-length"]) > 0


def test_every_alias_route_works(server):
    obj = create(server, name="A")
    inst = "/instances/ins_42" + BASE
    status, _, page = server.request("GET", inst)
    assert status == 200 and [i["id"] for i in page["items"]] == [obj["id"]]
    status, _, got = server.request("GET", f"{inst}/{obj['id']}")
    assert status == 200 and got == obj
    status, _, upd = server.request("PATCH", f"{inst}/{obj['id']}", body={"name": "B"})
    assert status == 200 and upd["name"] == "B"
    status, _, gone = server.request("DELETE", f"{inst}/{obj['id']}")
    assert status == 200 and gone["status"] == "archived"
    status, _, made = server.request("POST", inst, body={"name": "C", "url": "https://c.example/"})
    assert status == 200 and made["name"] == "C"


def test_percent_encoded_ids_and_trailing_slashes(server):
    obj = create(server)
    enc = "%" + format(ord(obj["id"][0]), "02X") + obj["id"][1:]
    for path in [f"{BASE}/{enc}", f"/instances/i%2F1{BASE}/{enc}", f"{BASE}/{obj['id']}/",
                 f"/instances/i{BASE}/{obj['id']}/", f"/callback-%64estinations/{obj['id']}"]:
        status, _, got = server.request("GET", path)
        assert status == 200 and got["id"] == obj["id"], path
    status, _, page = server.request("GET", BASE + "/")
    assert status == 200 and [i["id"] for i in page["items"]] == [obj["id"]]
    status, _, page = server.request("GET", "/instances/x" + BASE + "/?limit=1")
    assert status == 200 and len(page["items"]) == 1
    # an encoded slash stays inside the id: a missing destination, not an unknown endpoint
    status, _, err = server.request("GET", f"{BASE}/a%2Fb")
    assert_error(status, err, 404, "not_found", entity="callback.destination")
    assert err["id"] == "a/b"
    for path in [f"{BASE}//", f"{BASE}/a%00b", f"{BASE}/{obj['id']}//", f"{BASE}/a/b"]:
        status, _, err = server.request("GET", path)
        assert_error(status, err, 404, "not_found", entity="endpoint")


def test_repeated_query_parameters_last_wins(server):
    for n in range(8):
        create(server, name=f"d{n}")
    status, _, page = server.request("GET", f"{BASE}?limit=5&limit=7")
    assert status == 200 and len(page["items"]) == 7
    status, _, page = server.request("GET", f"{BASE}?order=desc&order=asc&limit=2")
    assert [i["name"] for i in page["items"]] == ["d0", "d1"]
    status, _, err = server.request("GET", f"{BASE}?limit=7&limit=0")
    assert_error(status, err, 400, "invalid_data", entity="query")
    assert [(e["code"], e["path"]) for e in err["errors"]] == [("invalid_min", ["limit"])]


def test_authorization_spellings(server):
    ok = [f"bearer {SECRET_KEY}", f"BEARER   {SECRET_KEY}", f"Bearer {SECRET_KEY}   ",
          f"Bearer\t{SECRET_KEY}"]
    for value in ok:
        assert send(server, "GET", BASE, {"Authorization": value})[0] == 200, value
    for value, message in [(f"Bearer:{SECRET_KEY}", None), (f"Basic {SECRET_KEY}", None),
                           (SECRET_KEY, None), ("Bearer", None), (f"Bearer {SECRET_KEY}x", None),
                           ("", "Missing Authorization header")]:
        status, _, body = send(server, "GET", BASE, {"Authorization": value})
        assert_error(status, json.loads(body), 401, "unauthorized", message=message)


def test_version_from_query_is_echoed_on_errors_too(server):
    for method, path, want in [("GET", f"/nope?api-version=2025-02-02-x", 404),
                               ("OPTIONS", f"{BASE}?api-version=2025-02-02-x", 405),
                               ("GET", f"{BASE}?api-version=2025-02-02-x&limit=0", 400)]:
        status, headers, _ = send(server, method, path)
        assert (status, headers["metorial-version"]) == (want, "2025-02-02-x")
    status, headers, _ = send(server, "GET", f"{BASE}?api-version=2025-02-02-x",
                              {"Authorization": "Bearer wrong_key_123"})
    assert (status, headers["metorial-version"]) == (401, "2025-02-02-x")
    status, headers, _ = send(server, "GET", f"{BASE}?api-version=bad%20value")
    assert (status, headers["metorial-version"]) == (200, API_VERSION)


def test_before_page_in_desc_order_and_empty_pages(server):
    ids = [create(server, name=f"d{n}")["id"] for n in range(9)]

    def page(query):
        status, _, body = server.request("GET", f"{BASE}?{query}")
        assert status == 200, body
        p = body["pagination"]
        return ([ids.index(i["id"]) for i in body["items"]], p["has_more_before"],
                p["has_more_after"])

    assert page(f"order=desc&before={ids[4]}&limit=2") == ([6, 5], True, True)
    assert page(f"order=desc&before={ids[6]}&limit=5") == ([8, 7], False, True)
    assert page(f"order=desc&after={ids[4]}&limit=2") == ([3, 2], True, True)
    assert page(f"order=desc&before={ids[8]}") == ([], False, True)
    assert page(f"order=desc&after={ids[0]}") == ([], True, False)
    assert page(f"after={ids[8]}") == ([], True, False)
    assert page("created_at%5Bgt%5D=2100-01-01T00:00:00.000Z") == ([], False, False)
