#!/usr/bin/env python3
"""REST/GraphQL read+write latency/throughput benchmark for a Nautobot-1.x-compatible server.

Run it against the real Nautobot and against ours *in the same session*, one after the other,
with identical arguments; only compare numbers produced side by side.

Needs the dataset of load_data.py (any --devices count; it discovers ids/slugs via the API).
Plain HTTP with `requests`; one keep-alive Session per client thread. Every case is bounded by
both a request count and a wall-clock limit, so the script always terminates.

Example:
    python3 bench_api.py --url http://127.0.0.1:8081 --token 0123...4567 \
        --concurrency 1,8 --requests 200 --max-seconds 20 --wrk --out /tmp/bench_api.json

Cases (name: request):
    api_root            GET /api/                                      (framework overhead)
    devices_l50         GET /api/dcim/devices/?limit=50&offset=<rotating 0..count-50>
    devices_l50_nocc    same + &exclude=config_context (1.x: skips per-device config-context rendering)
    devices_l1000       GET /api/dcim/devices/?limit=1000              (capped by --heavy-requests)
    device_detail       GET /api/dcim/devices/<rotating id>/
    ips_l100            GET /api/ipam/ip-addresses/?limit=100&offset=<rotating>
    devices_filtered    GET /api/dcim/devices/?site=<slug>&role=<slug> (rotating pairs that have devices)
    ifaces_by_device    GET /api/dcim/interfaces/?device_id=<rotating id>
    device_patch        PATCH /api/dcim/devices/<rotating id>/ {"comments": "..."}
    graphql_devices     POST /api/graphql/ devices(site: <slug>) { name ... interfaces { name ... } }
                        (only when /api/graphql/ answers; ~100 devices x 4 interfaces per query)
  IPAM (when the server has the load_data.py prefixes; --ip-network as given to load_data.py):
    prefixes_l50        GET /api/ipam/prefixes/?limit=50
    prefixes_within     GET /api/ipam/prefixes/?within_include=<ip network>&mask_length__gte=24
    ips_by_parent       GET /api/ipam/ip-addresses/?parent=<rotating /24 of the ip network>
    ips_by_address      GET /api/ipam/ip-addresses/?address=<10 rotating addresses>   (multi-value filter)
    ips_by_device       GET /api/ipam/ip-addresses/?device_id=<rotating id>
    vlans_l50           GET /api/ipam/vlans/?limit=50
    available_ips       GET /api/ipam/prefixes/<a /24 of the ip network>/available-ips/?limit=50
    graphql_ips         POST /api/graphql/ devices(site:) { name interfaces { name ip_addresses { address } } }
  Allocation burst (--alloc-burst N, at the highest --concurrency): a fresh prefix (--alloc-network) gets
  N POSTs of {} to its available-ips/ from all client threads at once; reports allocations/s, latency, and
  how many addresses were handed out twice (must be 0). The prefix and its addresses are deleted afterwards.
"""

import argparse
import ipaddress
import itertools
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import requests


def pct(sorted_vals, q):
    """Percentile with linear interpolation (q in 0..100) over an already sorted list."""
    if not sorted_vals:
        return None
    if len(sorted_vals) == 1:
        return sorted_vals[0]
    k = (len(sorted_vals) - 1) * q / 100.0
    lo = int(k)
    hi = min(lo + 1, len(sorted_vals) - 1)
    return sorted_vals[lo] + (sorted_vals[hi] - sorted_vals[lo]) * (k - lo)


class Target:
    def __init__(self, url, token, api_version=None, timeout=60):
        self.url = url.rstrip("/")
        accept = "application/json" + (f"; version={api_version}" if api_version else "")
        self.headers = {"Authorization": f"Token {token}", "Accept": accept, "Content-Type": "application/json"}
        self.timeout = timeout
        self.token = token

    def session(self):
        s = requests.Session()
        s.headers.update(self.headers)
        return s


def discover(t, prefix, ip_network):
    """Find ids/slugs to use; everything comes from the API so it works on any compatible server."""
    s = t.session()

    def get(path, **params):
        r = s.get(t.url + path, params=params, timeout=t.timeout)
        r.raise_for_status()
        return r.json()

    info = {"status": get("/api/status/")}
    devs = []
    offset = 0
    while True:  # id + site/role slugs of all devices (brief fields only via limit=1000 pages)
        page = get("/api/dcim/devices/", limit=1000, offset=offset, name__isw=f"{prefix}-")
        devs.extend(page["results"])
        if not page.get("next"):
            break
        offset += len(page["results"])
    if not devs:
        raise SystemExit(f"no '{prefix}-' devices found: run load_data.py first")
    info["device_count"] = get("/api/dcim/devices/", limit=1)["count"]
    ips = s.get(t.url + "/api/ipam/ip-addresses/", params={"limit": 1}, timeout=t.timeout)
    info["ip_count"] = ips.json()["count"] if ips.status_code == 200 else 0  # 0: server without IPAM
    info["device_ids"] = [d["id"] for d in devs]
    info["ipam"] = None
    if info["ip_count"]:
        found = s.get(t.url + "/api/ipam/prefixes/", params={"prefix": ip_network, "limit": 1}, timeout=t.timeout)
        if found.status_code == 200 and found.json()["results"]:
            subnets = [str(n) for n in ipaddress.ip_network(ip_network).subnets(new_prefix=24)][:20]
            sample = get("/api/ipam/ip-addresses/", limit=1000, parent=ip_network)["results"]
            info["ipam"] = {
                "network": ip_network,
                "subnets": subnets,
                "addresses": [a["address"].split("/")[0] for a in sample],
                "subnet_ids": [
                    p["id"] for p in get("/api/ipam/prefixes/", within=ip_network, mask_length=24, limit=50)["results"]
                ],
            }
    pairs = sorted(
        {(d["site"]["slug"], d["device_role"]["slug"]) for d in devs if d.get("site") and d.get("device_role")}
    )
    info["site_role_pairs"] = pairs
    info["site_slugs"] = sorted({p[0] for p in pairs})
    # GraphQL available?
    r = s.post(t.url + "/api/graphql/", data=json.dumps({"query": "{ __typename }"}), timeout=t.timeout)
    info["graphql"] = r.status_code == 200
    return info


def build_cases(info, args):
    n_dev = info["device_count"]
    n_ip = info["ip_count"]
    ids = info["device_ids"]
    offs50 = [o for o in (0, 100, 500, 1000, 1500, 1950) if o < max(n_dev - 49, 1)] or [0]
    offs100 = [o for o in (0, 200, 500, 1000, 1500, 1900) if o < max(n_dev - 99, 1)] or [0]
    offs100 = [o for o in offs100 if o < max(n_ip - 99, 1)] or [0]
    pairs = info["site_role_pairs"]
    sites = info["site_slugs"]
    step = max(1, len(ids) // 97)  # spread detail/patch requests over the dataset deterministically
    spread = [ids[(i * step) % len(ids)] for i in range(len(ids))]

    def q_graphql(i):
        site = sites[i % len(sites)]
        return json.dumps(
            {
                "query": "query ($site: [String]) { devices(site: $site) { id name serial status { slug } "
                "device_role { slug } platform { slug } interfaces { id name type enabled mtu } } }",
                "variables": {"site": [site]},
            }
        )

    cases = [
        ("api_root", "GET", lambda i: ("/api/", None), False),
        (
            "devices_l50",
            "GET",
            lambda i: (f"/api/dcim/devices/?limit=50&offset={offs50[i % len(offs50)]}", None),
            False,
        ),
        (
            "devices_l50_nocc",
            "GET",
            lambda i: (f"/api/dcim/devices/?limit=50&offset={offs50[i % len(offs50)]}&exclude=config_context", None),
            False,
        ),
        ("devices_l1000", "GET", lambda i: ("/api/dcim/devices/?limit=1000", None), True),
        ("device_detail", "GET", lambda i: (f"/api/dcim/devices/{spread[i % len(spread)]}/", None), False),
        (
            "ips_l100",
            "GET",
            lambda i: (f"/api/ipam/ip-addresses/?limit=100&offset={offs100[i % len(offs100)]}", None),
            False,
        ),
        (
            "devices_filtered",
            "GET",
            lambda i: ("/api/dcim/devices/?site={}&role={}".format(*pairs[i % len(pairs)]), None),
            False,
        ),
        (
            "ifaces_by_device",
            "GET",
            lambda i: (f"/api/dcim/interfaces/?device_id={spread[i % len(spread)]}", None),
            False,
        ),
        (
            "device_patch",
            "PATCH",
            lambda i: (f"/api/dcim/devices/{spread[i % len(spread)]}/", json.dumps({"comments": f"bench patch {i}"})),
            False,
        ),
    ]
    if info["graphql"]:
        cases.append(("graphql_devices", "POST", lambda i: ("/api/graphql/", q_graphql(i)), True))
    if info.get("ipam"):
        cases.extend(ipam_cases(info, spread, sites))
    if args.only:
        wanted = set(args.only.split(","))
        cases = [c for c in cases if c[0] in wanted]
    return cases


def ipam_cases(info, spread, sites):
    """IPAM list and filter cases over the load_data.py dataset (see the module docstring)."""
    ipam = info["ipam"]
    subnets, addrs, subnet_ids = ipam["subnets"], ipam["addresses"] or ["10.0.0.1"], ipam["subnet_ids"]

    def by_address(i):
        picked = [addrs[(i * 10 + k) % len(addrs)] for k in range(10)]
        return "/api/ipam/ip-addresses/?" + "&".join(f"address={a}" for a in picked), None

    def q_graphql_ips(i):
        query = "query ($site: [String]) { devices(site: $site) { name interfaces { name ip_addresses { address dns_name } } } }"
        return json.dumps({"query": query, "variables": {"site": [sites[i % len(sites)]]}})

    cases = [
        ("prefixes_l50", "GET", lambda i: ("/api/ipam/prefixes/?limit=50", None), False),
        (
            "prefixes_within",
            "GET",
            lambda i: (f"/api/ipam/prefixes/?within_include={ipam['network']}&mask_length__gte=24", None),
            False,
        ),
        (
            "ips_by_parent",
            "GET",
            lambda i: (f"/api/ipam/ip-addresses/?parent={subnets[i % len(subnets)]}", None),
            False,
        ),
        ("ips_by_address", "GET", by_address, False),
        (
            "ips_by_device",
            "GET",
            lambda i: (f"/api/ipam/ip-addresses/?device_id={spread[i % len(spread)]}", None),
            False,
        ),
        ("vlans_l50", "GET", lambda i: ("/api/ipam/vlans/?limit=50", None), False),
    ]
    if subnet_ids:
        cases.append(
            (
                "available_ips",
                "GET",
                lambda i: (f"/api/ipam/prefixes/{subnet_ids[i % len(subnet_ids)]}/available-ips/?limit=50", None),
                False,
            )
        )
    if info["graphql"]:
        cases.append(("graphql_ips", "POST", lambda i: ("/api/graphql/", q_graphql_ips(i)), True))
    return cases


def alloc_burst(t, network, count, concurrency):
    """Allocate `count` addresses from a fresh prefix with `concurrency` threads at once; count duplicates."""
    s = t.session()
    created = s.post(
        t.url + "/api/ipam/prefixes/",
        data=json.dumps({"prefix": network, "status": "active", "description": "bench alloc"}),
        timeout=t.timeout,
    )
    created.raise_for_status()
    url = f"{t.url}/api/ipam/prefixes/{created.json()['id']}/available-ips/"
    counter = itertools.count()
    lock = threading.Lock()
    lat, addresses, errors, err_samples = [], [], [0], []
    barrier = threading.Barrier(concurrency)

    def worker():
        session = t.session()
        barrier.wait()
        while next(counter) < count:
            t0 = time.perf_counter()
            try:
                r = session.post(url, data='{"status": "active"}', timeout=t.timeout)
                dt = time.perf_counter() - t0
                with lock:
                    lat.append(dt)
                    if r.status_code == 201:
                        addresses.append(r.json()["address"])
                    else:
                        errors[0] += 1
                        if len(err_samples) < 3:
                            err_samples.append(f"HTTP {r.status_code}: {r.content[:200]!r}")
            except requests.RequestException as e:
                with lock:
                    errors[0] += 1
                    err_samples.append(repr(e)[:200])

    start = time.perf_counter()
    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = time.perf_counter() - start
    ids = [
        o["id"]
        for o in s.get(
            t.url + "/api/ipam/ip-addresses/", params={"parent": network, "limit": 0}, timeout=t.timeout
        ).json()["results"]
    ]
    for k in range(0, len(ids), 100):
        s.delete(
            t.url + "/api/ipam/ip-addresses/", data=json.dumps([{"id": i} for i in ids[k : k + 100]]), timeout=t.timeout
        )
    s.delete(f"{t.url}/api/ipam/prefixes/{created.json()['id']}/", timeout=t.timeout)
    lat.sort()
    ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
    return {
        "case": "alloc_ips_burst",
        "method": "POST",
        "concurrency": concurrency,
        "requests": len(lat),
        "errors": errors[0],
        "error_samples": err_samples,
        "wall_s": round(wall, 3),
        "rps": round(len(addresses) / wall, 2) if wall > 0 else None,
        "p50_ms": ms(pct(lat, 50)),
        "p95_ms": ms(pct(lat, 95)),
        "p99_ms": ms(pct(lat, 99)),
        "max_ms": ms(lat[-1] if lat else None),
        "allocated": len(addresses),
        "duplicates": len(addresses) - len(set(addresses)),
    }


def prewarm(t, info, n, threads=8):
    """Touch every server process before measuring: Nautobot builds its GraphQL schema lazily, once per
    worker process (~2-4 s), and the first REST requests per process are slower (lazy imports)."""
    reqs = [
        ("GET", "/api/", None),
        ("GET", "/api/dcim/devices/?limit=1", None),
        ("GET", "/api/ipam/ip-addresses/?limit=1", None),
    ]
    if info["graphql"]:
        reqs.append(
            ("POST", "/api/graphql/", json.dumps({"query": "{ devices(limit: 1) { name interfaces { name } } }"}))
        )
    work = [r for r in reqs for _ in range(n)]
    lock = threading.Lock()
    t0 = time.perf_counter()

    def w():
        s = t.session()
        while True:
            with lock:
                if not work:
                    return
                method, path, body = work.pop()
            try:
                s.request(method, t.url + path, data=body, timeout=t.timeout)
            except requests.RequestException:
                s = t.session()

    ths = [threading.Thread(target=w) for _ in range(threads)]
    for th in ths:
        th.start()
    for th in ths:
        th.join()
    return time.perf_counter() - t0


def run_case(t, name, method, make, n_requests, concurrency, max_seconds, warmup):
    # warm-up (not measured), sequential
    s0 = t.session()
    for i in range(warmup):
        path, body = make(10_000 + i)
        try:
            s0.request(method, t.url + path, data=body, timeout=t.timeout)
        except requests.RequestException:
            pass
    counter = itertools.count()
    lock = threading.Lock()
    lat, errors, err_samples, bytes_in = [], [0], [], [0]
    queries = []  # X-Query-Count of each response, when the server sends it
    start = time.perf_counter()
    deadline = start + max_seconds
    end_times = []

    def worker():
        s = t.session()
        local_lat, local_err, local_bytes, local_queries = [], 0, 0, []
        while True:
            i = next(counter)
            if i >= n_requests or time.perf_counter() >= deadline:
                break
            path, body = make(i)
            t0 = time.perf_counter()
            try:
                r = s.request(method, t.url + path, data=body, timeout=t.timeout)
                content = r.content
                dt = time.perf_counter() - t0
                ok = 200 <= r.status_code < 300
                if ok and name.startswith("graphql") and b'"errors"' in content[:200]:
                    ok = False
                if not ok:
                    local_err += 1
                    if len(err_samples) < 3:
                        err_samples.append(f"HTTP {r.status_code}: {content[:200]!r}")
                local_bytes += len(content)
                local_lat.append(dt)
                if r.headers.get("X-Query-Count", "").isdigit():
                    local_queries.append(int(r.headers["X-Query-Count"]))
            except requests.RequestException as e:
                local_err += 1
                if len(err_samples) < 3:
                    err_samples.append(repr(e)[:200])
        with lock:
            lat.extend(local_lat)
            errors[0] += local_err
            bytes_in[0] += local_bytes
            queries.extend(local_queries)
            end_times.append(time.perf_counter())

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    wall = (max(end_times) if end_times else time.perf_counter()) - start
    lat.sort()
    ms = lambda v: None if v is None else round(v * 1000, 2)  # noqa: E731
    return {
        "case": name,
        "method": method,
        "concurrency": concurrency,
        "requests": len(lat),
        "errors": errors[0],
        "error_samples": err_samples,
        "wall_s": round(wall, 3),
        "rps": round(len(lat) / wall, 2) if wall > 0 else None,
        "p50_ms": ms(pct(lat, 50)),
        "p95_ms": ms(pct(lat, 95)),
        "p99_ms": ms(pct(lat, 99)),
        "max_ms": ms(lat[-1] if lat else None),
        "mean_resp_bytes": int(bytes_in[0] / len(lat)) if lat else 0,
        "hit_time_limit": len(lat) < n_requests,
        "queries_per_request": (min(queries), max(queries)) if queries else None,
    }


WRK_LUA = r"""
done = function(summary, latency, requests)
  io.write(string.format("WRKJSON {\"requests\":%d,\"duration_us\":%d,\"errors_connect\":%d,\"errors_read\":%d,\"errors_write\":%d,\"errors_status\":%d,\"errors_timeout\":%d,\"p50_us\":%d,\"p95_us\":%d,\"p99_us\":%d,\"max_us\":%d,\"mean_us\":%.1f}\n",
    summary.requests, summary.duration, summary.errors.connect, summary.errors.read, summary.errors.write,
    summary.errors.status, summary.errors.timeout, latency:percentile(50), latency:percentile(95),
    latency:percentile(99), latency.max, latency.mean))
end
"""


def run_wrk(t, name, path, concurrency, seconds):
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(WRK_LUA)
        lua = f.name
    cmd = [
        "wrk",
        "-t",
        str(min(concurrency, 2)),
        "-c",
        str(concurrency),
        "-d",
        f"{seconds}s",
        "--timeout",
        "30s",
        "-s",
        lua,
        "-H",
        f"Authorization: {t.headers['Authorization']}",
        "-H",
        f"Accept: {t.headers['Accept']}",
        t.url + path,
    ]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=seconds + 60).stdout
    finally:
        os.unlink(lua)
    line = next((ln for ln in out.splitlines() if ln.startswith("WRKJSON ")), None)
    if not line:
        return {"case": name, "tool": "wrk", "concurrency": concurrency, "error": out[-500:]}
    d = json.loads(line[len("WRKJSON ") :])
    errs = d["errors_connect"] + d["errors_read"] + d["errors_write"] + d["errors_status"] + d["errors_timeout"]
    wall = d["duration_us"] / 1e6
    return {
        "case": name,
        "tool": "wrk",
        "method": "GET",
        "path": path,
        "concurrency": concurrency,
        "requests": d["requests"],
        "errors": errs,
        "wall_s": round(wall, 3),
        "rps": round(d["requests"] / wall, 2) if wall else None,
        "p50_ms": round(d["p50_us"] / 1000, 2),
        "p95_ms": round(d["p95_us"] / 1000, 2),
        "p99_ms": round(d["p99_us"] / 1000, 2),
        "max_ms": round(d["max_us"] / 1000, 2),
    }


def _queries(row):
    q = row.get("queries_per_request")
    return "-" if not q else (str(q[0]) if q[0] == q[1] else f"{q[0]}-{q[1]}")


def print_table(rows, title):
    print(f"\n{title}")
    hdr = f"{'case':<18} {'tool':<5} {'conc':>4} {'reqs':>5} {'err':>4} {'req/s':>8} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8} {'bytes':>8} {'queries':>8}"
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        if "error" in r:
            print(f"{r['case']:<18} {r.get('tool', 'py'):<5} {r['concurrency']:>4}  ERROR {r['error'][:80]}")
            continue
        print(
            f"{r['case']:<18} {r.get('tool', 'py'):<5} {r['concurrency']:>4} {r['requests']:>5} {r['errors']:>4} "
            f"{r['rps'] or 0:>8.1f} {r['p50_ms'] or 0:>8.1f} {r['p95_ms'] or 0:>8.1f} {r['p99_ms'] or 0:>8.1f} "
            f"{r['max_ms'] or 0:>8.1f} {r.get('mean_resp_bytes', ''):>8} {_queries(r):>8}"
        )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8081")
    ap.add_argument("--token", required=True)
    ap.add_argument("--api-version", default=None)
    ap.add_argument("--prefix", default="bench", help="name prefix used by load_data.py")
    ap.add_argument("--concurrency", default="1,8", help="comma list of client concurrencies")
    ap.add_argument("--requests", type=int, default=200, help="max requests per case per concurrency")
    ap.add_argument("--heavy-requests", type=int, default=30, help="max requests for heavy cases (limit=1000, graphql)")
    ap.add_argument("--max-seconds", type=float, default=20.0, help="wall-clock cap per case per concurrency")
    ap.add_argument("--warmup", type=int, default=3, help="unmeasured sequential requests before each case")
    ap.add_argument(
        "--prewarm",
        type=int,
        default=16,
        help="unmeasured requests per prewarm request kind, 8 threads, before all cases",
    )
    ap.add_argument("--only", help="comma list of case names")
    ap.add_argument("--wrk", action="store_true", help="also run wrk on the simple GET cases")
    ap.add_argument("--wrk-seconds", type=int, default=10)
    ap.add_argument("--ip-network", default="10.0.0.0/16", help="the --ip-network given to load_data.py (IPAM cases)")
    ap.add_argument(
        "--alloc-burst", type=int, default=200, help="available-ips POSTs in the allocation burst (0: skip)"
    )
    ap.add_argument("--alloc-network", default="172.30.0.0/22", help="fresh prefix the allocation burst allocates from")
    ap.add_argument("--label", default="", help="free text stored in the JSON (e.g. 'nautobot-1.6.32 uwsgi p5t2')")
    ap.add_argument("--out", help="write results JSON here")
    args = ap.parse_args()

    t = Target(args.url, args.token, args.api_version)
    info = discover(t, args.prefix, args.ip_network)
    print(
        f"server {args.url}: nautobot-version={info['status'].get('nautobot-version')} devices={info['device_count']} "
        f"ips={info['ip_count']} graphql={info['graphql']} pairs={len(info['site_role_pairs'])}",
        flush=True,
    )
    cases = build_cases(info, args)
    if args.prewarm:
        print(f"prewarm: {prewarm(t, info, args.prewarm):.1f} s", flush=True)
    concs = [int(c) for c in args.concurrency.split(",") if c]
    rows = []
    t_start = time.time()
    for name, method, make, heavy in cases:
        for c in concs:
            n = args.heavy_requests if heavy else args.requests
            r = run_case(t, name, method, make, n, c, args.max_seconds, args.warmup)
            rows.append(r)
            print(
                f"  {name:<18} c={c:<2} {r['requests']:>4} req {r['errors']:>3} err {r['rps'] or 0:>8.1f} req/s "
                f"p50 {r['p50_ms'] or 0:>8.1f} p95 {r['p95_ms'] or 0:>8.1f} p99 {r['p99_ms'] or 0:>8.1f} ms",
                flush=True,
            )
    if args.alloc_burst and info.get("ipam") and (not args.only or "alloc_ips_burst" in args.only.split(",")):
        r = alloc_burst(t, args.alloc_network, args.alloc_burst, max(concs))
        rows.append(r)
        print(
            f"  alloc_ips_burst    c={r['concurrency']:<2} {r['allocated']:>4} allocated {r['duplicates']} duplicates "
            f"{r['errors']:>3} err {r['rps'] or 0:>8.1f} alloc/s p50 {r['p50_ms'] or 0:>8.1f} p95 {r['p95_ms'] or 0:>8.1f} ms",
            flush=True,
        )
    wrk_rows = []
    if args.wrk:
        if not shutil.which("wrk"):
            print("wrk not installed (apt-get install -y wrk); skipping", file=sys.stderr)
        else:
            ids = info["device_ids"]
            simple = [
                ("api_root", "/api/"),
                ("devices_l50", "/api/dcim/devices/?limit=50"),
                ("device_detail", f"/api/dcim/devices/{ids[len(ids) // 2]}/"),
                ("ips_l100", "/api/ipam/ip-addresses/?limit=100"),
            ]
            if args.only:
                simple = [s for s in simple if s[0] in set(args.only.split(","))]
            for name, path in simple:
                for c in concs:
                    r = run_wrk(t, name, path, c, args.wrk_seconds)
                    wrk_rows.append(r)
                    print(
                        f"  wrk {name:<14} c={c:<2} {r.get('rps', 0) or 0:>8.1f} req/s p50 {r.get('p50_ms', 0):>8.1f} ms",
                        flush=True,
                    )
    print_table(rows, "python client (requests, threads)")
    if wrk_rows:
        print_table(wrk_rows, "wrk (time-bounded)")
    if args.out:
        meta = {
            "label": args.label,
            "url": args.url,
            "started": time.strftime("%Y-%m-%dT%H:%M:%S%z", time.localtime(t_start)),
            "server_status": info["status"],
            "device_count": info["device_count"],
            "ip_count": info["ip_count"],
            "graphql": info["graphql"],
            "client": {
                "python": platform.python_version(),
                "host_cpus": os.cpu_count(),
                "requests": requests.__version__,
            },
            "args": {k: v for k, v in vars(args).items() if k != "token"},
        }
        with open(args.out, "w") as f:
            json.dump({"meta": meta, "results": rows, "wrk": wrk_rows}, f, indent=2)
        print(f"\nwrote {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
