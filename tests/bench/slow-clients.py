#!/usr/bin/env python3
"""Slow clients against a running server: N connections that read a byte a second (or send their request headers a
byte a second) while one normal client asks for a small cached image again and again. Prints the normal client's
latencies (median, 95th percentile, max) and how many of its requests failed.

    slow-clients.py PORT SLOW_PATH NORMAL_PATH [--clients 1000] [--mode read|headers] [--requests 40]

Run by tests/bench/slow-clients.sh, which starts the servers; usable against any HTTP server on 127.0.0.1.
"""
import argparse
import asyncio
import socket
import statistics
import time


async def slow_reader(port, path, started, stop):
    """Asks for path with a 4 KB receive buffer, then reads one byte a second."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()
    try:
        await loop.sock_connect(sock, ("127.0.0.1", port))
        await loop.sock_sendall(sock, f"GET {path} HTTP/1.1\r\nHost: localhost\r\n\r\n".encode())
        await loop.sock_recv(sock, 1)
        started.append(1)
        while not stop.is_set():
            await asyncio.sleep(1)
            if not await loop.sock_recv(sock, 1):
                break
    except OSError:
        pass
    finally:
        sock.close()


async def slow_sender(port, path, started, stop):
    """Sends its request line and headers one byte a second, never finishing within the run."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setblocking(False)
    loop = asyncio.get_running_loop()
    request = f"GET {path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: {'x' * 4000}\r\n\r\n".encode()
    try:
        await loop.sock_connect(sock, ("127.0.0.1", port))
        started.append(1)
        for i in range(len(request)):
            if stop.is_set():
                break
            await loop.sock_sendall(sock, request[i:i + 1])
            await asyncio.sleep(1)
    except OSError:
        pass
    finally:
        sock.close()


def normal_request(port, path):
    """One request on a fresh connection; seconds, or None when it failed or took over 10 s."""
    start = time.monotonic()
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
            sock.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while True:
                chunk = sock.recv(65536)
                if not chunk:
                    break
                data += chunk
        return time.monotonic() - start if data.startswith(b"HTTP/1.1 200") else None
    except OSError:
        return None


async def normal_requests(port, path, count):
    """count normal requests, a tenth of a second apart: (latencies in ms, sorted; how many failed)."""
    loop = asyncio.get_running_loop()
    latencies, failed = [], 0
    for _ in range(count):
        t = await loop.run_in_executor(None, normal_request, port, path)
        if t is None:
            failed += 1
        else:
            latencies.append(t * 1000)
        await asyncio.sleep(0.1)
    return sorted(latencies), failed


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("slow_path")
    parser.add_argument("normal_path")
    parser.add_argument("--clients", type=int, default=1000)
    parser.add_argument("--mode", choices=["read", "headers"], default="read")
    parser.add_argument("--requests", type=int, default=40)
    args = parser.parse_args()
    started, stop = [], asyncio.Event()
    client = slow_reader if args.mode == "read" else slow_sender
    tasks = []
    for _ in range(args.clients):
        tasks.append(asyncio.create_task(client(args.port, args.slow_path, started, stop)))
        await asyncio.sleep(0.002)  # 500 connections a second: no SYN flood, no accept queue overflow
    deadline = time.monotonic() + 30
    while len(started) < args.clients and time.monotonic() < deadline:
        await asyncio.sleep(0.1)
    latencies, failed = await normal_requests(args.port, args.normal_path, args.requests)
    stop.set()
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    print(f"slow clients started {len(started)}/{args.clients} ({args.mode}); normal requests {args.requests}, "
          f"failed {failed}; latency ms median {statistics.median(latencies) if latencies else float('nan'):.1f} "
          f"p95 {p95:.1f} max {max(latencies) if latencies else float('nan'):.1f}")


if __name__ == "__main__":
    asyncio.run(main())
