#!/usr/bin/env python3
"""Load a synthetic, deterministic dataset into a Nautobot-1.x-compatible server via its REST API.

Works against any server speaking the Nautobot 1.x REST API shapes (real Nautobot or a
clean-room implementation): plain HTTP with `requests`, bulk create by POSTing JSON lists.
Doubles as a write-throughput benchmark: every phase prints objects, requests, seconds, objects/s.

Example:
    python3 load_data.py --url http://127.0.0.1:8081 --token 0123...4567 --devices 2000 \
        --cleanup --out /tmp/load.json

Dataset (all names start with --prefix, default "bench"):
    5 tags, 1 region, 20 sites, 3 manufacturers, 6 device types, 4 device roles, 2 platforms,
    N devices (default 2000; device i -> site i%20, type i%6, role i%4, platform i%2, tag i%5),
    4 interfaces per device (eth0..eth3, 1000base-t),
    prefixes 10.0.0.0/16 (container) + 20 x /24 (one per site),
    M IP addresses (default 2000) 10.0.0.1/16 .. ; IP i is assigned to eth0 of device i (if it exists),
    50 VLANs (vid 100..149, spread over sites),
    then bulk PATCH of devices to set primary_ip4 (for devices that got an IP).

1.x API shapes used (discovered against Nautobot 1.6.32, default API version 1.2):
    - status is written as a slug string ("active", "container"); read back as {"value","label"}
    - devices use "device_role" (not "role"), "site", "device_type", "platform" as UUIDs
    - tags: "tags": [<uuid>, ...]; Tag create accepts "content_types" (required from API version 1.3,
      ignored at the default 1.2)
    - interfaces: "status" exists from API 1.4; at 1.2 it is ignored (model default applies)
    - IP assignment: "assigned_object_type": "dcim.interface", "assigned_object_id": <uuid>
    - bulk create: POST a JSON list -> 201 with a JSON list in the same order; it is atomic: one bad
      item -> 400 with a list of per-item error dicts ({} for the good ones) and nothing is created
    - a Platform with a manufacturer only accepts devices whose device type has that manufacturer
      (400 "The assigned platform is limited to ... device types"), so platforms here have none
    - bulk update: PATCH a JSON list of {"id": ..., field: value}
    - bulk delete: DELETE a JSON list of {"id": ...} -> 204
"""

import argparse
import ipaddress
import json
import sys
import time

import requests


class Api:
    def __init__(self, url, token, api_version=None, timeout=120):
        self.base = url.rstrip("/")
        self.s = requests.Session()
        accept = "application/json"
        if api_version:
            accept += f"; version={api_version}"
        self.s.headers.update({"Authorization": f"Token {token}", "Content-Type": "application/json", "Accept": accept})
        self.timeout = timeout
        self.requests = 0

    def _check(self, r, what):
        self.requests += 1
        if r.status_code >= 400:
            raise SystemExit(f"ERROR {what}: HTTP {r.status_code}: {r.text[:2000]}")
        return r

    def get(self, path, **params):
        r = self.s.get(self.base + path, params=params, timeout=self.timeout)
        return self._check(r, f"GET {path} {params}").json()

    def get_all(self, path, **params):
        params.setdefault("limit", 1000)
        out, offset = [], 0
        while True:
            page = self.get(path, offset=offset, **params)
            out.extend(page["results"])
            if not page.get("next"):
                return out
            offset += len(page["results"])

    def post(self, path, body):
        r = self.s.post(self.base + path, data=json.dumps(body), timeout=self.timeout)
        return self._check(r, f"POST {path}").json()

    def patch(self, path, body):
        r = self.s.patch(self.base + path, data=json.dumps(body), timeout=self.timeout)
        return self._check(r, f"PATCH {path}").json()

    def delete(self, path, body=None):
        r = self.s.delete(self.base + path, data=json.dumps(body) if body is not None else None, timeout=self.timeout)
        return self._check(r, f"DELETE {path}")


class Phases:
    def __init__(self, api):
        self.api = api
        self.rows = []

    def run(self, name, fn):
        req0 = self.api.requests
        t0 = time.perf_counter()
        result = fn()
        dt = time.perf_counter() - t0
        n = len(result) if isinstance(result, (list, dict)) else int(result or 0)
        row = {
            "phase": name,
            "objects": n,
            "requests": self.api.requests - req0,
            "seconds": round(dt, 3),
            "objects_per_s": round(n / dt, 1) if dt > 0 else None,
        }
        self.rows.append(row)
        print(
            f"  {name:<28} {n:>6} obj {row['requests']:>5} req {dt:>8.2f} s {row['objects_per_s'] or 0:>8.1f} obj/s",
            flush=True,
        )
        return result


def bulk_create(api, path, items, batch):
    out = []
    for i in range(0, len(items), batch):
        chunk = items[i : i + batch]
        res = api.post(path, chunk)
        if not isinstance(res, list) or len(res) != len(chunk):
            raise SystemExit(f"ERROR bulk POST {path}: expected list of {len(chunk)}, got {str(res)[:500]}")
        out.extend(res)
    return out


def bulk_patch(api, path, items, batch):
    n = 0
    for i in range(0, len(items), batch):
        chunk = items[i : i + batch]
        api.patch(path, chunk)
        n += len(chunk)
    return n


def bulk_delete(api, path, ids, batch):
    n = 0
    for i in range(0, len(ids), batch):
        chunk = ids[i : i + batch]
        api.delete(path, [{"id": x} for x in chunk])
        n += len(chunk)
    return n


def get_or_create(api, path, lookup, body):
    """Idempotent creation of small reference objects (looked up by slug or name)."""
    found = api.get(path, **lookup)["results"]
    if found:
        return found[0]
    return api.post(path, body)


def cleanup(api, args, ph):
    p = args.prefix
    net = ipaddress.ip_network(args.ip_network)

    def mine(path, key="name"):
        return [o["id"] for o in api.get_all(path) if str(o.get(key, "")).startswith(p)]

    print("cleanup:")
    if args.no_ipam:
        ph.run("delete devices", lambda: bulk_delete(api, "/api/dcim/devices/", mine("/api/dcim/devices/"), args.batch))
    else:
        _cleanup_ipam(api, args, ph, net, mine)
    _cleanup_reference(api, args, ph, mine)


def _cleanup_ipam(api, args, ph, net, mine):
    ph.run(
        "delete ip-addresses",
        lambda: bulk_delete(
            api,
            "/api/ipam/ip-addresses/",
            [o["id"] for o in api.get_all("/api/ipam/ip-addresses/", parent=str(net))],
            args.batch,
        ),
    )
    ph.run("delete devices", lambda: bulk_delete(api, "/api/dcim/devices/", mine("/api/dcim/devices/"), args.batch))
    ph.run("delete vlans", lambda: bulk_delete(api, "/api/ipam/vlans/", mine("/api/ipam/vlans/"), args.batch))
    ph.run(
        "delete prefixes",
        lambda: bulk_delete(
            api,
            "/api/ipam/prefixes/",
            [o["id"] for o in api.get_all("/api/ipam/prefixes/", within_include=str(net))],
            args.batch,
        ),
    )


def _cleanup_reference(api, args, ph, mine):
    for path in (
        "/api/dcim/platforms/",
        "/api/dcim/device-types/",
        "/api/dcim/device-roles/",
        "/api/dcim/manufacturers/",
        "/api/dcim/sites/",
        "/api/dcim/regions/",
        "/api/extras/tags/",
    ):
        key = "model" if "device-types" in path else "name"
        ph.run(
            "delete " + path.split("/")[-2],
            lambda path=path, key=key: bulk_delete(api, path, mine(path, key), args.batch),
        )


def load(api, args, ph):
    p = args.prefix
    B = args.batch
    print("load:")
    # -- small reference objects (get-or-create, one request each) --
    tag_cts = ["dcim.device", "dcim.interface", "ipam.ipaddress", "ipam.prefix", "ipam.vlan", "dcim.site"]
    tags = ph.run(
        "tags",
        lambda: [
            get_or_create(
                api,
                "/api/extras/tags/",
                {"slug": f"{p}-tag-{i}"},
                {
                    "name": f"{p}-tag-{i}",
                    "slug": f"{p}-tag-{i}",
                    "color": "%06x" % (0x224488 * (i + 1) % 0xFFFFFF),
                    "content_types": tag_cts,
                },
            )
            for i in range(5)
        ],
    )
    region = ph.run(
        "region",
        lambda: [
            get_or_create(
                api, "/api/dcim/regions/", {"slug": f"{p}-region"}, {"name": f"{p}-region", "slug": f"{p}-region"}
            )
        ],
    )[0]
    sites = ph.run(
        "sites (bulk)",
        lambda: bulk_create(
            api,
            "/api/dcim/sites/",
            [
                {
                    "name": f"{p}-site-{i:02d}",
                    "slug": f"{p}-site-{i:02d}",
                    "status": "active",
                    "region": region["id"],
                    "tags": [tags[i % 5]["id"]],
                    "description": f"synthetic site {i}",
                }
                for i in range(args.sites)
            ],
            B,
        ),
    )
    mfrs = ph.run(
        "manufacturers",
        lambda: bulk_create(
            api, "/api/dcim/manufacturers/", [{"name": f"{p}-mfr-{i}", "slug": f"{p}-mfr-{i}"} for i in range(3)], B
        ),
    )
    dtypes = ph.run(
        "device types",
        lambda: bulk_create(
            api,
            "/api/dcim/device-types/",
            [
                {
                    "manufacturer": mfrs[i % 3]["id"],
                    "model": f"{p}-model-{i}",
                    "slug": f"{p}-model-{i}",
                    "u_height": 1 + i % 2,
                }
                for i in range(6)
            ],
            B,
        ),
    )
    roles = ph.run(
        "device roles",
        lambda: bulk_create(
            api,
            "/api/dcim/device-roles/",
            [{"name": f"{p}-role-{i}", "slug": f"{p}-role-{i}", "color": "aa1409", "vm_role": False} for i in range(4)],
            B,
        ),
    )
    platforms = ph.run(
        "platforms",
        lambda: bulk_create(
            api,
            "/api/dcim/platforms/",
            [
                {"name": f"{p}-platform-{i}", "slug": f"{p}-platform-{i}", "napalm_driver": "eos" if i else "ios"}
                for i in range(2)
            ],
            B,
        ),
    )
    devices = ph.run(
        "devices (bulk)",
        lambda: bulk_create(
            api,
            "/api/dcim/devices/",
            [
                {
                    "name": f"{p}-dev-{i:05d}",
                    "device_type": dtypes[i % 6]["id"],
                    "device_role": roles[i % 4]["id"],
                    "site": sites[i % args.sites]["id"],
                    "platform": platforms[i % 2]["id"],
                    "status": "active",
                    "serial": f"SN{i:08d}",
                    "tags": [tags[i % 5]["id"]],
                }
                for i in range(args.devices)
            ],
            B,
        ),
    )
    ifaces = ph.run(
        "interfaces (bulk)",
        lambda: bulk_create(
            api,
            "/api/dcim/interfaces/",
            [
                {
                    "device": d["id"],
                    "name": f"eth{k}",
                    "type": "1000base-t",
                    "status": "active",
                    "enabled": True,
                    "mtu": 1500,
                }
                for d in devices
                for k in range(args.ifaces)
            ],
            B,
        ),
    )
    if args.no_ipam:
        return
    net = ipaddress.ip_network(args.ip_network)
    subnets = list(net.subnets(new_prefix=24))
    ph.run(
        "prefixes (bulk)",
        lambda: bulk_create(
            api,
            "/api/ipam/prefixes/",
            [{"prefix": str(net), "status": "container", "description": f"{p} container"}]
            + [
                {"prefix": str(subnets[i]), "status": "active", "site": sites[i]["id"], "tags": [tags[i % 5]["id"]]}
                for i in range(min(args.sites, len(subnets)))
            ],
            B,
        ),
    )
    eth0 = {}  # device index -> eth0 interface id
    for idx, itf in enumerate(ifaces):
        if idx % args.ifaces == 0:
            eth0[idx // args.ifaces] = itf["id"]

    def ip_body(i):
        body = {
            "address": f"{net.network_address + i + 1}/{net.prefixlen}",
            "status": "active",
            "dns_name": f"{p}-ip-{i}.example.com",
        }
        if i in eth0:
            body.update({"assigned_object_type": "dcim.interface", "assigned_object_id": eth0[i]})
        return body

    ips = ph.run(
        "ip addresses (bulk)",
        lambda: bulk_create(api, "/api/ipam/ip-addresses/", [ip_body(i) for i in range(args.ips)], B),
    )
    ph.run(
        "vlans (bulk)",
        lambda: bulk_create(
            api,
            "/api/ipam/vlans/",
            [
                {"vid": 100 + i, "name": f"{p}-vlan-{100 + i}", "status": "active", "site": sites[i % args.sites]["id"]}
                for i in range(args.vlans)
            ],
            B,
        ),
    )
    if not args.no_primary_ip:
        ph.run(
            "devices primary_ip4 (bulk PATCH)",
            lambda: bulk_patch(
                api,
                "/api/dcim/devices/",
                [{"id": devices[i]["id"], "primary_ip4": ips[i]["id"]} for i in range(min(len(devices), len(ips)))],
                B,
            ),
        )


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--url", default="http://127.0.0.1:8081")
    ap.add_argument("--token", required=True)
    ap.add_argument(
        "--api-version", default=None, help="send Accept: application/json; version=X (default: server default)"
    )
    ap.add_argument("--prefix", default="bench", help="name prefix of every created object")
    ap.add_argument("--devices", type=int, default=2000)
    ap.add_argument("--ifaces", type=int, default=4, help="interfaces per device")
    ap.add_argument("--sites", type=int, default=20)
    ap.add_argument("--ips", type=int, default=2000)
    ap.add_argument("--vlans", type=int, default=50)
    ap.add_argument("--ip-network", default="10.0.0.0/16")
    ap.add_argument("--batch", type=int, default=100, help="objects per bulk request")
    ap.add_argument("--no-primary-ip", action="store_true", help="skip the bulk PATCH phase")
    ap.add_argument(
        "--no-ipam",
        action="store_true",
        help="skip prefixes, IP addresses, VLANs and primary IPs (servers without IPAM)",
    )
    ap.add_argument("--cleanup", action="store_true", help="delete a previous dataset with this prefix first")
    ap.add_argument("--cleanup-only", action="store_true")
    ap.add_argument("--out", help="write phase timings as JSON here")
    args = ap.parse_args()
    if args.sites > 256:
        ap.error("--sites must be <= 256")

    api = Api(args.url, args.token, args.api_version)
    ph = Phases(api)
    status = api.get("/api/status/")
    print(f"server: nautobot-version={status.get('nautobot-version')} python={status.get('python-version')}")
    t0 = time.perf_counter()
    if args.cleanup or args.cleanup_only:
        cleanup(api, args, ph)
    if not args.cleanup_only:
        existing = api.get("/api/dcim/devices/", name__isw=f"{args.prefix}-", limit=1)["count"]
        if existing:
            raise SystemExit(f"{existing} '{args.prefix}-' devices already exist; re-run with --cleanup")
        t_load = time.perf_counter()
        load(api, args, ph)
        load_s = time.perf_counter() - t_load
        total_objs = sum(r["objects"] for r in ph.rows if not r["phase"].startswith("delete"))
        print(f"  {'TOTAL load':<28} {total_objs:>6} obj {'':>9} {load_s:>8.2f} s {total_objs / load_s:>8.1f} obj/s")
    total = time.perf_counter() - t0
    if args.out:
        with open(args.out, "w") as f:
            json.dump(
                {
                    "url": args.url,
                    "server": status,
                    "args": vars(args) | {"token": "***"},
                    "phases": ph.rows,
                    "total_seconds": round(total, 3),
                },
                f,
                indent=2,
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
