#!/usr/bin/env python3
"""Holds many idle or slowloris connections against the gateway and probes it meanwhile.

Workers (separate processes, so each stays under its own `ulimit -n`) open --connections sockets
to the public port between them and keep them open: mode `idle` sends nothing, `slowloris` sends a
partial head and then one header byte every --trickle seconds. A socket the gateway closes is
opened again at once (an attacker does that). Meanwhile the main process asks, once a second on a
fresh connection each, GET /health/ready on the management port and GET
/channels/app/v1/openapi.json (a normal public request), and prints a RESULT line: answered
probes, failed probes, the slowest answer, and how often the gateway closed a flood socket.
Only 127.0.0.1 is targeted; every loop is bounded by --duration.
"""
import argparse
import http.client
import multiprocessing
import resource
import selectors
import socket
import time

HEAD = b"POST /channels/webhook/partner HTTP/1.1\r\nHost: gateway\r\n"


def raise_fd_limit():
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    return hard


def open_socket(port, mode):
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s.setblocking(True)
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    if mode == "slowloris":
        s.sendall(HEAD)
    s.setblocking(False)
    return s


def worker(port, count, mode, trickle, until, reopened):
    raise_fd_limit()
    sel = selectors.DefaultSelector()
    socks = set()
    for _ in range(count):
        try:
            s = open_socket(port, mode)
        except OSError:
            continue
        sel.register(s, selectors.EVENT_READ)
        socks.add(s)
    next_trickle = time.time() + trickle
    while time.time() < until:
        for key, _ in sel.select(timeout=0.5):
            s = key.fileobj
            try:
                gone = s.recv(65536) == b""
            except (BlockingIOError, InterruptedError):
                gone = False
            except OSError:
                gone = True
            if gone:
                sel.unregister(s)
                socks.discard(s)
                s.close()
                with reopened.get_lock():
                    reopened.value += 1
                try:
                    n = open_socket(port, mode)
                    sel.register(n, selectors.EVENT_READ)
                    socks.add(n)
                except OSError:
                    pass
        if mode == "slowloris" and time.time() >= next_trickle:
            next_trickle = time.time() + trickle
            for s in list(socks):
                try:
                    s.send(b"X")
                except OSError:
                    pass
    for s in socks:
        s.close()


def probe(host_port, path):
    started = time.monotonic()
    conn = http.client.HTTPConnection("127.0.0.1", host_port, timeout=5)
    try:
        conn.connect()
        connected = time.monotonic() - started
        if connected > 0.5:
            print(f"probe {path}: connect took {connected:.3f}s", flush=True)
        conn.request("GET", path)
        status = conn.getresponse().status
    except OSError as e:
        status = type(e).__name__
    finally:
        conn.close()
    return status, time.monotonic() - started


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, default=18080)
    p.add_argument("--management-port", type=int, default=19090)
    p.add_argument("--connections", type=int, default=20000)
    p.add_argument("--per-worker", type=int, default=5000)
    p.add_argument("--mode", choices=["idle", "slowloris"], default="idle")
    p.add_argument("--trickle", type=float, default=5.0)
    p.add_argument("--duration", type=float, default=60.0)
    args = p.parse_args()
    raise_fd_limit()
    until = time.time() + args.duration
    reopened = multiprocessing.Value("l", 0)
    workers = []
    left = args.connections
    while left > 0:
        n = min(left, args.per_worker)
        left -= n
        w = multiprocessing.Process(
            target=worker, args=(args.port, n, args.mode, args.trickle, until, reopened))
        w.start()
        workers.append(w)
    time.sleep(min(10.0, args.duration / 3))  # let the flood build up before probing
    probes = {"ready": (args.management_port, "/health/ready"),
              "public": (args.port, "/channels/app/v1/openapi.json")}
    times = {name: [] for name in probes}
    failed = 0
    while time.time() < until - 1:
        for name, (port, path) in probes.items():
            status, took = probe(port, path)
            if status == 200:
                times[name].append(took)
            else:
                failed += 1
                print(f"probe {path}: {status} after {took:.3f}s", flush=True)
        time.sleep(1)
    for w in workers:
        w.join(timeout=30)
    figures = " ".join(
        f"{name}_answered={len(t)} {name}_median_s={sorted(t)[len(t) // 2]:.3f} "
        f"{name}_slowest_s={max(t):.3f} {name}_over_1s={sum(1 for x in t if x > 1)}"
        for name, t in times.items() if t)
    print(f"RESULT mode={args.mode} connections={args.connections} failed={failed} {figures} "
          f"server_closed={reopened.value}", flush=True)


if __name__ == "__main__":
    main()
