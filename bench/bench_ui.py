#!/usr/bin/env python3
"""Web UI page benchmark: latency and SQL queries of the main pages, signed in through the login form.

Works against any server whose UI has the original's URLs (`/dcim/devices/`, `/dcim/devices/<id>/`);
queries are reported when the server sends `X-Query-Count` (ours with NAUTOBOT_QUERY_COUNT_HEADER=true).
Needs the dataset of load_data.py; `--token` is used once to give one device 48 interfaces (the
detail case) through the REST API.

Example:
    python3 bench/bench_ui.py --url http://127.0.0.1:8080 --username admin --password pw --token T --out ours/ui.json

Cases:
    device_list_p50     GET /dcim/devices/?per_page=50&page=<rotating>
    device_list_q       GET /dcim/devices/?q=<rotating digit>&per_page=50
    device_detail_48    GET /dcim/devices/<id with 48 interfaces>/ (its interfaces table on the page)
    device_detail_few   GET /dcim/devices/<another device>/ (as many interfaces as load_data gave it)
    site_list           GET /dcim/sites/
    home                GET /  (object counts of every model)
"""

import argparse
import json
import re
import statistics
import time

import requests


def login(session: requests.Session, url: str, username: str, password: str) -> None:
    page = session.get(f"{url}/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1)
    answer = session.post(
        f"{url}/login/",
        data={"username": username, "password": password, "csrfmiddlewaretoken": token, "next": "/"},
        headers={"Referer": f"{url}/login/"},
    )
    if "/login/" in answer.url:
        raise SystemExit("login failed: check --username/--password")


def device_with_interfaces(url: str, token: str, count: int = 48) -> str:
    """The id of a device that has at least `count` interfaces (adds them to the first device if needed)."""
    api = requests.Session()
    api.headers.update(
        {"Authorization": f"Token {token}", "Accept": "application/json", "Content-Type": "application/json"}
    )
    device = (
        api.get(f"{url}/api/dcim/devices/?limit=1&name__ic=bench-ui").json()["results"]
        or api.get(f"{url}/api/dcim/devices/?limit=1").json()["results"]
    )
    device_id = device[0]["id"]
    have = api.get(f"{url}/api/dcim/interfaces/?device_id={device_id}&limit=1").json()["count"]
    missing = [{"device": device_id, "name": f"bench-ui-{i}", "type": "1000base-t"} for i in range(have, count)]
    if missing:
        response = api.post(f"{url}/api/dcim/interfaces/", data=json.dumps(missing))
        response.raise_for_status()
    return device_id


def measure(session: requests.Session, url: str, paths: list[str], requests_per_case: int) -> dict:
    times, queries = [], []
    for i in range(requests_per_case):
        start = time.perf_counter()
        response = session.get(url + paths[i % len(paths)])
        times.append((time.perf_counter() - start) * 1000)
        response.raise_for_status()
        if "X-Query-Count" in response.headers:
            queries.append(int(response.headers["X-Query-Count"]))
    times.sort()
    return {
        "requests": len(times),
        "p50_ms": round(statistics.median(times), 1),
        "p95_ms": round(times[int(len(times) * 0.95) - 1], 1),
        "queries": sorted(set(queries)) or None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--username", required=True)
    parser.add_argument("--password", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--out")
    args = parser.parse_args()
    url = args.url.rstrip("/")
    session = requests.Session()
    login(session, url, args.username, args.password)
    detail_id = device_with_interfaces(url, args.token)
    api = {"Authorization": f"Token {args.token}", "Accept": "application/json"}
    other_id = requests.get(f"{url}/api/dcim/devices/?limit=1&offset=1", headers=api).json()["results"][0]["id"]
    pages = [f"/dcim/devices/?per_page=50&page={p}" for p in range(1, 11)]
    cases = {
        "device_list_p50": pages,
        "device_list_q": [f"/dcim/devices/?per_page=50&q={i}" for i in range(1, 10)],
        "device_detail_48": [f"/dcim/devices/{detail_id}/"],
        "device_detail_few": [f"/dcim/devices/{other_id}/"],
        "site_list": ["/dcim/sites/"],
        "home": ["/"],
    }
    results = {name: measure(session, url, paths, args.requests) for name, paths in cases.items()}
    for name, result in results.items():
        print(f"{name:18} p50 {result['p50_ms']:8.1f} ms  p95 {result['p95_ms']:8.1f} ms  queries {result['queries']}")
    if args.out:
        with open(args.out, "w") as handle:
            json.dump({"url": url, "results": results}, handle, indent=2)


if __name__ == "__main__":
    main()
