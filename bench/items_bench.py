#!/usr/bin/env python3
"""First measurements of the item API (issue 3), on loopback.

Creates items through POST /api/v1/ledgers/ID/items from several threads
and reports items/s; then times a filtered list page and statistics.

  bench/items_bench.py --url http://127.0.0.1:8080 --token TOKEN \
      --ledger 1 --create 2000 --threads 8 --places 140881100202,140881106200

The full benchmark (wrk, 1,000,000 items, both engines) is `make bench`.
"""
import argparse
import json
import random
import statistics
import threading
import time
import urllib.request


def call(base, token, method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(base + path, data=data, method=method)
    req.add_header("Authorization", "Bearer " + token)
    if data is not None:
        req.add_header("Content-Type", "application/json")
    with urllib.request.urlopen(req, timeout=30) as r:
        return r.status, r.read()


def create(args, n, out):
    rnd = random.Random(n)
    places = args.places.split(",")
    ok = 0
    for i in range(n):
        day = rnd.randint(1, 28)
        body = {
            "title": "基准测试项目%d" % rnd.randint(0, 10**9),
            "category": rnd.choice(["产业类", "基础设施类", "公共服务类"]),
            "places": [rnd.choice(places)],
            "lead_unit_id": args.unit,
            "amount": "%d.%02d" % (rnd.randint(1000, 5000000), rnd.randint(0, 99)),
            "start": "2025-01-%02d" % day,
            "deadline": "2026-%02d-%02d" % (rnd.randint(1, 12), day),
            "progress": rnd.randint(0, 100),
        }
        status, _ = call(args.url, args.token, "POST",
                         "/api/v1/ledgers/%d/items" % args.ledger, body)
        ok += status == 201
    out.append(ok)


def timed(args, path, n):
    ms = []
    for _ in range(n):
        t0 = time.perf_counter()
        call(args.url, args.token, "GET", path)
        ms.append((time.perf_counter() - t0) * 1000)
    return statistics.median(ms), max(ms)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:8080")
    p.add_argument("--token", required=True)
    p.add_argument("--ledger", type=int, required=True)
    p.add_argument("--unit", type=int, default=1)
    p.add_argument("--places", default="140881100202")
    p.add_argument("--create", type=int, default=0)
    p.add_argument("--threads", type=int, default=8)
    p.add_argument("--repeat", type=int, default=20)
    args = p.parse_args()

    if args.create:
        out, ts = [], []
        per = args.create // args.threads
        t0 = time.perf_counter()
        for _ in range(args.threads):
            t = threading.Thread(target=create, args=(args, per, out))
            t.start()
            ts.append(t)
        for t in ts:
            t.join()
        secs = time.perf_counter() - t0
        print("create: %d items in %.2f s = %.0f items/s (%d threads)"
              % (sum(out), secs, sum(out) / secs, args.threads))
    for name, path in [
        ("list page", "/api/v1/ledgers/%d/items?limit=50" % args.ledger),
        ("filtered list", "/api/v1/ledgers/%d/items?light=red&category="
         "%%E5%%9F%%BA%%E7%%A1%%80%%E8%%AE%%BE%%E6%%96%%BD%%E7%%B1%%BB"
         "&sort=deadline&limit=50" % args.ledger),
        ("stats by town", "/api/v1/stats?ledger=%d&group=place:town"
         "&measure=count,money" % args.ledger),
        ("stats by unit", "/api/v1/stats?ledger=%d&group=unit" % args.ledger),
    ]:
        try:
            med, mx = timed(args, path, args.repeat)
            print("%s: median %.1f ms, max %.1f ms" % (name, med, mx))
        except Exception as e:  # the stats endpoint may not exist yet
            print("%s: %s" % (name, e))


if __name__ == "__main__":
    main()
