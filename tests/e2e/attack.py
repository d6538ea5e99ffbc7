#!/usr/bin/env python3
"""Network-level attacks on a running taizhang server, for
tests/e2e/attack.sh.  Each mode prints "key value" lines the script
reads back.

  attack.py slow PORT NLORIS NBODY LIMIT
      NLORIS connections sending request headers one byte a second
      (slowloris) and NBODY sending a declared large body one byte a
      second, while GET /api/v1/status is timed every 0.5 s; until the
      server has closed them all or LIMIT seconds have passed.
  attack.py many PORT N PID HOLD
      N idle connections held HOLD seconds while other clients are
      served; the server's fds and RSS meanwhile and after they close.
"""
import socket
import sys
import time


def status_ms(port):
    """Milliseconds for GET /api/v1/status on a new connection (None:
    no 200 within 5 s)."""
    t0 = time.monotonic()
    try:
        s = socket.create_connection(("127.0.0.1", port), timeout=5)
        s.sendall(b"GET /api/v1/status HTTP/1.1\r\nHost: t\r\n"
                  b"Connection: close\r\n\r\n")
        data = b""
        while True:
            b = s.recv(65536)
            if not b:
                break
            data += b
        s.close()
    except OSError:
        return None
    if not data.startswith(b"HTTP/1.1 200"):
        return None
    return (time.monotonic() - t0) * 1e3


def lat_summary(name, lat):
    ok = [x for x in lat if x is not None]
    ok.sort()
    print(f"{name}_requests {len(lat)}")
    print(f"{name}_failed {len(lat) - len(ok)}")
    if ok:
        print(f"{name}_median_ms {ok[len(ok) // 2]:.1f}")
        print(f"{name}_max_ms {ok[-1]:.1f}")
    else:
        print(f"{name}_median_ms -1")
        print(f"{name}_max_ms -1")


def open_conn(port):
    s = socket.create_connection(("127.0.0.1", port), timeout=5)
    s.setblocking(False)
    return s


def closed_by_peer(s):
    """True when the server has closed s (EOF, reset, or a reply)."""
    try:
        b = s.recv(4096)
        return True if b == b"" or b else False
    except BlockingIOError:
        return False
    except OSError:
        return True


def slow(port, nloris, nbody, limit):
    conns = []   # [socket, kind, opened, closed_at]
    for i in range(nloris):
        s = open_conn(port)
        s.send(b"GET /api/v1/status HTTP/1.1\r\nHost: t\r\n")
        conns.append([s, "loris", time.monotonic(), None])
    for i in range(nbody):
        s = open_conn(port)
        s.send(b"POST /api/v1/session HTTP/1.1\r\nHost: t\r\n"
               b"Content-Type: application/json\r\n"
               b"Content-Length: 100000\r\n\r\n{")
        conns.append([s, "body", time.monotonic(), None])
    t0 = time.monotonic()
    lat = []
    held5 = None
    tick = 0
    while time.monotonic() - t0 < limit:
        now = time.monotonic()
        for c in conns:
            if c[3] is not None:
                continue
            if closed_by_peer(c[0]):
                c[3] = now - c[2]
                continue
            if tick % 2 == 0:
                try:
                    c[0].send(b"a" if c[1] == "body" else b"X")
                except BlockingIOError:
                    pass
                except OSError:
                    c[3] = now - c[2]
        lat.append(status_ms(port))
        if held5 is None and now - t0 >= 5:
            held5 = sum(1 for c in conns if c[3] is None)
        if all(c[3] is not None for c in conns):
            break
        tick += 1
        time.sleep(max(0.0, 0.5 - (time.monotonic() - now)))
    for kind in ("loris", "body"):
        ks = [c for c in conns if c[1] == kind]
        done = [c[3] for c in ks if c[3] is not None]
        print(f"{kind}_opened {len(ks)}")
        print(f"{kind}_open_at_end {len(ks) - len(done)}")
        print(f"{kind}_closed_first_s {min(done) if done else -1:.1f}")
        print(f"{kind}_closed_last_s {max(done) if done else -1:.1f}")
    print(f"held_at_5s {held5 if held5 is not None else -1}")
    print(f"elapsed_s {time.monotonic() - t0:.1f}")
    lat_summary("status", lat)
    for c in conns:
        c[0].close()


def proc(pid):
    fds = 0
    rss = 0
    try:
        import os
        fds = len(os.listdir(f"/proc/{pid}/fd"))
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    rss = int(line.split()[1])
    except OSError:
        return -1, -1
    return fds, rss


def many(port, n, pid, hold):
    fd0, rss0 = proc(pid)
    print(f"before_fds {fd0}")
    print(f"before_rss_kb {rss0}")
    conns = []
    refused = 0
    for i in range(n):
        try:
            s = socket.create_connection(("127.0.0.1", port), timeout=5)
            if i % 2:
                # half of them start a request and stop
                s.send(b"GET /api/v1/status HTTP/1.1\r\nHost: t\r\n")
            conns.append(s)
        except OSError:
            refused += 1
    print(f"opened {len(conns)}")
    print(f"refused {refused}")
    t0 = time.monotonic()
    lat = []
    peak_fd, peak_rss = 0, 0
    while time.monotonic() - t0 < hold:
        lat.append(status_ms(port))
        fd, rss = proc(pid)
        peak_fd, peak_rss = max(peak_fd, fd), max(peak_rss, rss)
        time.sleep(0.2)
    # still held by the server (not reset) at the end
    alive = 0
    for s in conns:
        s.setblocking(False)
        if not closed_by_peer(s):
            alive += 1
    print(f"held_at_end {alive}")
    print(f"peak_fds {peak_fd}")
    print(f"peak_rss_kb {peak_rss}")
    lat_summary("during", lat)
    for s in conns:
        s.close()
    time.sleep(1.5)
    lat = [status_ms(port) for _ in range(10)]
    lat_summary("after", lat)
    fd, rss = proc(pid)
    print(f"after_fds {fd}")
    print(f"after_rss_kb {rss}")


if __name__ == "__main__":
    mode = sys.argv[1]
    if mode == "slow":
        slow(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
             float(sys.argv[5]))
    elif mode == "many":
        many(int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]),
             float(sys.argv[5]))
    else:
        sys.exit("attack.py: unknown mode " + mode)
