#!/usr/bin/env python3
"""latency.py — how long requests wait while something else runs: one thread
per path sends GET PATH every INTERVAL seconds (the next one right after a
slow answer) on its own keep-alive connection, until the file STOP exists;
then prints one line per path: "path n p50_ms p99_ms max_ms errors".
usage: latency.py HOST PORT COOKIE STOP INTERVAL PATH...   (used by bench/jobs.sh)"""
import http.client
import os
import sys
import threading
import time

host, port, cookie, stop, interval = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], float(sys.argv[5])
paths = sys.argv[6:]
results = {}


def probe(path):
    times, errors = [], 0
    conn = http.client.HTTPConnection(host, port, timeout=60)
    headers = {"Cookie": cookie, "Accept-Encoding": "gzip"}
    next_at = time.monotonic()
    while not os.path.exists(stop):
        t0 = time.monotonic()
        try:
            conn.request("GET", path, headers=headers)
            r = conn.getresponse()
            r.read()
            if r.status != 200:
                errors += 1
        except (OSError, http.client.HTTPException):
            errors += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=60)
        times.append((time.monotonic() - t0) * 1000)
        next_at += interval
        delay = next_at - time.monotonic()
        if delay > 0:
            time.sleep(delay)
        else:
            next_at = time.monotonic()
    results[path] = (times, errors)


threads = [threading.Thread(target=probe, args=(p,)) for p in paths]
for t in threads:
    t.start()
for t in threads:
    t.join()
for p in paths:
    times, errors = results[p]
    s = sorted(times) or [0.0]
    pick = lambda q: s[min(len(s) - 1, int(len(s) * q))]
    print(f"{p} {len(times)} {pick(0.5):.1f} {pick(0.99):.1f} {s[-1]:.1f} {errors}")
