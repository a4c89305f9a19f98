#!/usr/bin/env python3
"""CKAN Action API contract test: sends the requests ckanapi's RemoteCKAN sends (POST with a JSON body and
Content-Type application/json, Authorization when a token is given; GET for side-effect-free calls) and
checks CKAN 2.11's envelope, error types and status codes. Python 3 standard library only.

    python3 test/ckan/contract.py http://127.0.0.1:3000 [token]

Exits 0 when every check holds, 1 otherwise; prints one line per check.
"""
import json
import sys
import urllib.error
import urllib.parse
import urllib.request

BASE = sys.argv[1].rstrip("/") if len(sys.argv) > 1 else "http://127.0.0.1:3000"
TOKEN = sys.argv[2] if len(sys.argv) > 2 else None
USER_AGENT = "ckanapi/4.7 (+https://github.com/ckan/ckanapi)"
failures = []


def call(action, data=None, get=False, prefix="/api/3/action/", token=True):
    """One call as ckanapi makes it; returns (status, decoded body)."""
    url = BASE + prefix + action
    headers = {"User-Agent": USER_AGENT}
    if TOKEN and token:
        headers["Authorization"] = TOKEN
    if get:
        query = urllib.parse.urlencode({k: (json.dumps(v) if isinstance(v, (list, dict)) else v) for k, v in (data or {}).items()})
        request = urllib.request.Request(url + ("?" + query if query else ""), headers=headers, method="GET")
    else:
        headers["Content-Type"] = "application/json"
        request = urllib.request.Request(url, data=json.dumps(data or {}).encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, json.loads(response.read().decode("utf-8"))
    except urllib.error.HTTPError as error:
        return error.code, json.loads(error.read().decode("utf-8"))


def check(name, condition, detail=""):
    print(("ok   " if condition else "FAIL ") + name + ("" if condition else "  " + str(detail)[:300]))
    if not condition:
        failures.append(name)


def envelope_ok(action, status, body):
    return status == 200 and body.get("success") is True and "result" in body and body.get("help", "").startswith("http") and body["help"].endswith("help_show?name=" + action)


def error_ok(status, body, expected_status, expected_type):
    return status == expected_status and isinstance(body, dict) and body.get("success") is False and body.get("error", {}).get("__type") == expected_type


status, body = call("status_show", get=True)
check("status_show envelope", envelope_ok("status_show", status, body), body)
check("status_show ckan_version", str(body.get("result", {}).get("ckan_version", "")).startswith("2."), body)
status, body = call("status_show", get=True, prefix="/api/action/")
check("status_show at /api/action/", envelope_ok("status_show", status, body), body)

status, body = call("package_list")
check("package_list is a list of names", envelope_ok("package_list", status, body) and isinstance(body["result"], list), body)
names = body.get("result", []) if isinstance(body, dict) else []

status, body = call("package_search", {"q": "*:*", "rows": 2, "start": 0, "facet.field": ["organization", "tags", "res_format", "license_id", "groups"]})
result = body.get("result", {}) if isinstance(body, dict) else {}
check("package_search envelope", envelope_ok("package_search", status, body), body)
check("package_search keys", all(key in result for key in ("count", "results", "facets", "search_facets", "sort")), result.keys())
check("package_search rows", len(result.get("results", [])) <= 2, len(result.get("results", [])))
check("package_search facets as CKAN lists them", all("items" in result.get("search_facets", {}).get(f, {}) for f in ("organization", "tags", "res_format", "license_id", "groups")), result.get("search_facets"))
total = result.get("count", 0)

status, body = call("package_search", {"fq": "metadata_modified:[2000-01-01T00:00:00Z TO *]", "rows": 1000, "facet.field": '["organization"]'}, get=True)
check("package_search fq as harvesters send it, over GET", envelope_ok("package_search", status, body) and body["result"]["count"] == total, body if status != 200 else body["result"]["count"])
status, body = call("package_search", {"fq": "+state:(active OR deleted)", "rows": 0})
check("package_search with deleted", envelope_ok("package_search", status, body) and body["result"]["count"] >= total, body)
status, body = call("package_search", {"fq": "author:nobody"})
check("package_search unknown field -> Search Query Error 400", error_ok(status, body, 400, "Search Query Error"), body)
status, body = call("package_search", {"frobnicate": 1})
check("package_search unknown parameter -> Search Query Error 400", error_ok(status, body, 400, "Search Query Error"), body)

if names:
    status, body = call("package_show", {"id": names[0]})
    package = body.get("result", {}) if isinstance(body, dict) else {}
    check("package_show envelope", envelope_ok("package_show", status, body), body)
    keys = ("id", "name", "title", "notes", "state", "private", "type", "license_id", "metadata_created", "metadata_modified", "organization", "owner_org", "tags", "groups", "resources", "extras", "num_resources", "num_tags")
    check("package_show dict keys", all(key in package for key in keys), [key for key in keys if key not in package])
    check("package_show by id", call("package_show", {"id": package.get("id")}, get=True)[1].get("result", {}).get("name") == names[0])
    for resource in package.get("resources", [])[:1]:
        status, body = call("resource_show", {"id": resource["id"]}, get=True)
        check("resource_show", envelope_ok("resource_show", status, body) and body["result"]["package_id"] == package["id"], body)
    active = [r for p in [package] for r in p.get("resources", []) if r.get("datastore_active")]
    for resource in active[:1]:
        status, body = call("datastore_search", {"resource_id": resource["id"], "limit": 5})
        check("datastore_search", envelope_ok("datastore_search", status, body) and "records" in body["result"] and "total" in body["result"], body)

status, body = call("package_show", {"id": "this-dataset-does-not-exist"})
check("package_show missing -> Not Found Error 404", error_ok(status, body, 404, "Not Found Error"), body)
status, body = call("package_show", {})
check("package_show without id -> Validation Error 409", error_ok(status, body, 409, "Validation Error") and isinstance(body["error"].get("id"), list), body)
status, body = call("no_such_action", {})
check("unknown action -> bare string 400", status == 400 and body == "Bad request - Action name not known: no_such_action", body)

for action, data in (("organization_list", {"all_fields": True}), ("group_list", {"all_fields": True}), ("tag_list", {})):
    status, body = call(action, data)
    check(action, envelope_ok(action, status, body) and isinstance(body["result"], list), body)

status, body = call("datastore_search_sql", {"sql": "select 1 as one"})
check(
    "datastore_search_sql answers or is disabled as in CKAN",
    envelope_ok("datastore_search_sql", status, body) or (status == 400 and body == "Bad request - Action name not known: datastore_search_sql"),
    body,
)

status, body = call("package_create", {"name": "contract-test", "title": "Contract test"}, token=False)
check("package_create without a token -> Authorization Error 403", error_ok(status, body, 403, "Authorization Error") and body["error"].get("message", "").startswith("Access denied"), body)
status, body = call("package_create", {"name": "contract-test"}, get=True)
check("package_create over GET -> bare string 400", status == 400 and body == "Bad request - Invalid request. Please use POST method for your request", body)

print(f"{len(failures)} failed" if failures else "all checks passed")
sys.exit(1 if failures else 0)
