"""cbdest-server contract: keyset pagination both ways in both orders, cursors, strict filters."""
import json
import urllib.parse

import pytest

from contract_helpers import BASE, create, shared_server_class

ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
N = 250


def b62(data: bytes) -> str:
    num = int.from_bytes(data, "big")
    out = ""
    while num:
        num, r = divmod(num, 62)
        out = ALPHABET[r] + out
    zeros = len(data) - len(data.lstrip(b"\0"))
    return "0" * zeros + out


def cursor(direction, ident):
    return "cur_" + b62(json.dumps([direction, ident], separators=(",", ":")).encode())


@pytest.fixture(scope="module")
def seeded(tmp_path_factory):
    srv = shared_server_class()(tmp_path_factory.mktemp("pages") / "db.db", seed=N)
    status, _, _ = srv.request("GET", BASE)
    assert status == 200
    everything = []
    after = None
    while True:
        q = f"?limit=100&after={after}" if after else "?limit=100"
        page = srv.request("GET", BASE + q)[2]
        everything += page["items"]
        if not page["pagination"]["has_more_after"]:
            break
        after = page["items"][-1]["id"]
    assert len(everything) == N
    yield srv, everything
    srv.stop()


def get_page(srv, **params):
    status, _, page = srv.request("GET", BASE + "?" + urllib.parse.urlencode(params))
    assert status == 200, page
    return page


def check(page, expected, before, after):
    assert [i["id"] for i in page["items"]] == [i["id"] for i in expected]
    assert page["items"] == expected
    assert page["pagination"] == {"has_more_before": before, "has_more_after": after}


@pytest.mark.parametrize("order", ["asc", "desc"])
@pytest.mark.parametrize("use_cursor", [False, True])
def test_walk_forward_then_back(seeded, order, use_cursor):
    srv, items = seeded
    ordered = items if order == "asc" else items[::-1]
    limit = 20
    page = get_page(srv, limit=limit, order=order)
    start = 0
    check(page, ordered[:limit], False, True)
    pages = 1
    while page["pagination"]["has_more_after"]:
        last = page["items"][-1]["id"]
        params = {"cursor": cursor("after", last)} if use_cursor else {"after": last}
        page = get_page(srv, limit=limit, order=order, **params)
        start += limit
        check(page, ordered[start:start + limit], True, start + limit < N)
        pages += 1
    assert pages == 13 and len(page["items"]) == 10
    while page["pagination"]["has_more_before"]:
        first = page["items"][0]["id"]
        params = {"cursor": cursor("before", first)} if use_cursor else {"before": first}
        page = get_page(srv, limit=limit, order=order, **params)
        start -= limit
        check(page, ordered[start:start + limit], start > 0, True)
        pages += 1
    assert start == 0 and pages == 25


def test_page_edges(seeded):
    srv, items = seeded
    ids = [i["id"] for i in items]
    check(get_page(srv, after=ids[-1]), [], True, False)
    check(get_page(srv, before=ids[0]), [], False, True)
    check(get_page(srv, order="desc", after=ids[0]), [], True, False)
    check(get_page(srv, order="desc", before=ids[-1]), [], False, True)
    check(get_page(srv, before=ids[5], limit=10), items[:5], False, True)
    check(get_page(srv, order="desc", before=ids[244], limit=10), items[245:][::-1], False, True)
    check(get_page(srv, limit=100, after=ids[149]), items[150:250], True, False)
    check(get_page(srv, limit=1), items[:1], False, True)
    # after wins over before
    check(get_page(srv, limit=3, after=ids[10], before=ids[100]), items[11:14], True, True)
    # after wins over a cursor as well
    check(get_page(srv, limit=3, after=ids[10], cursor=cursor("before", ids[100])),
          items[11:14], True, True)
    # an id that does not exist still bounds the page by sort order
    check(get_page(srv, limit=2, after=ids[3][:-1] + "~"), items[4:6], True, True)
    check(get_page(srv, limit=2, after="cld_"), items[:2], False, True)
    check(get_page(srv), items[:20], False, True)  # default limit 20, ascending


def test_filters_strict(seeded):
    srv, items = seeded
    lo, hi = items[10]["created_at"], items[30]["created_at"]
    page = get_page(srv, **{"created_at[gt]": lo, "created_at[lt]": hi, "limit": 100})
    check(page, items[11:30], False, False)
    page = srv.request("GET", f"{BASE}?created_at%5Bgt%5D={lo}&created_at%5Blt%5D={hi}"
                              "&order=desc&limit=5")[2]
    check(page, items[25:30][::-1], False, True)
    page = get_page(srv, **{"created_at[gt]": lo, "limit": 5, "after": items[20]["id"]})
    check(page, items[21:26], True, True)
    page = get_page(srv, **{"created_at[lt]": hi, "limit": 5, "before": items[3]["id"]})
    check(page, items[:3], False, True)
    mid = sorted(i["updated_at"] for i in items)[N // 2]
    newer = [i for i in items if i["updated_at"] > mid]
    older = [i for i in items if i["updated_at"] < mid]
    assert len(newer) + len(older) == N - 1
    check(get_page(srv, **{"updated_at[gt]": mid, "limit": 100}), newer[:100], False, True)
    check(get_page(srv, **{"updated_at[lt]": mid, "limit": 100, "order": "desc"}),
          older[::-1][:100], False, True)
    span = [i for i in newer if i["created_at"] < hi]
    check(get_page(srv, **{"updated_at[gt]": mid, "created_at[lt]": hi, "limit": 100}),
          span, False, False)


def test_filter_date_forms(seeded):
    srv, items = seeded
    c = items[40]["created_at"]  # e.g. 2026-06-01T10:00:00.123Z
    from datetime import datetime, timedelta, timezone
    t = datetime.strptime(c, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=timezone.utc)
    plus2 = (t + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "+02:00"
    page = get_page(srv, **{"created_at[gt]": plus2, "limit": 2})
    check(page, items[41:43], False, True)
    check(get_page(srv, **{"created_at[gt]": "2999-01-01"}), [], False, False)
    check(get_page(srv, **{"created_at[lt]": "1970-01-01"}), [], False, False)
    check(get_page(srv, **{"created_at[gt]": "1970-01-01", "limit": 2}), items[:2], False, True)


def test_no_repeats_while_others_write(server):
    originals = [create(server, name=f"d{i}")["id"] for i in range(45)]
    seen, after, new = [], None, []
    while True:
        page = get_page(server, limit=10, **({"after": after} if after else {}))
        seen += [i["id"] for i in page["items"]]
        if not page["pagination"]["has_more_after"]:
            break
        after = page["items"][-1]["id"]
        # between page loads: another client creates and archives
        new.append(create(server, name="late")["id"])
        server.request("DELETE", f"{BASE}/{originals[len(seen) % 45]}")
    assert len(seen) == len(set(seen))
    assert seen[:45] == originals
    assert seen[45:] == new  # new items land at the end, each seen once
