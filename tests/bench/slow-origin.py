#!/usr/bin/env python3
"""A slow origin behind the proxy: N requests wait for an origin that holds back its answer while one normal client
asks for a small cached image again and again. Prints the normal client's latencies (median, 95th percentile, max)
and how many of its requests failed, for each proxy jar given, one after the other in the same run.

    slow-origin.py IMAGE JAR [JAR ...] [--slow 1000] [--requests 40] [--mode headers|body]

--mode headers: the origin sends nothing until the run ends; body: it sends the headers and the first 64 KB of a
1 MB text body at once, then nothing (the proxy is streaming it to the client). The proxy runs in upstream mode at
-Xmx256m with its default thread pool (200 threads on Java 17) and origin.timeout 60 s (longer than a run). Run by
tests/bench/slow-origin.sh.
"""
import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from importlib import import_module  # noqa: E402

normal_request = import_module("slow-clients").normal_request
normal_requests = import_module("slow-clients").normal_requests


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Origin:
    """/slow*: held (headers mode) or half sent (body mode) until release(); anything else: IMAGE at once."""

    def __init__(self, image, mode):
        self.image, self.mode, self.held = image, mode, 0
        self.release_event = None
        self.port = free_port()
        self.loop = asyncio.new_event_loop()
        ready = threading.Event()
        threading.Thread(target=self._run, args=(ready,), daemon=True).start()
        ready.wait()

    def _run(self, ready):
        asyncio.set_event_loop(self.loop)
        self.release_event = asyncio.Event()
        server = self.loop.run_until_complete(asyncio.start_server(self._serve, "127.0.0.1", self.port, backlog=4096))
        ready.set()
        self.loop.run_forever()
        server.close()

    async def _serve(self, reader, writer):
        try:
            head = await reader.readuntil(b"\r\n\r\n")
            path = head.split(b" ")[1]
            if path.startswith(b"/slow"):
                self.held += 1
                body = b"x" * (1 << 20)
                if self.mode == "body":
                    writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: %d\r\n"
                                 b"Connection: close\r\n\r\n" % len(body) + body[:65536])
                    await writer.drain()
                await self.release_event.wait()
                return
            writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: image/jpeg\r\nContent-Length: %d\r\n"
                         b"Connection: close\r\n\r\n" % len(self.image) + self.image)
            await writer.drain()
        except (OSError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.close()

    def release(self):
        self.loop.call_soon_threadsafe(self.release_event.set)

    def stop(self):
        self.release()
        self.loop.call_soon_threadsafe(self.loop.stop)


async def slow_request(port, done):
    """One request for /slow, read (slowly, as the origin sends it) until the run ends."""
    try:
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"GET /slow.txt HTTP/1.1\r\nHost: localhost\r\n\r\n")
        await writer.drain()
        while await reader.read(65536):
            pass
        writer.close()
    except OSError:
        pass
    finally:
        done.append(1)


async def measure(jar, image, args):
    origin = Origin(image, args.mode)
    port = free_port()
    config = tempfile.NamedTemporaryFile("w", suffix=".yaml", delete=False)
    config.write(f"origin: {{ upstream: 'http://127.0.0.1:{origin.port}', timeout: 60s }}\n")
    config.close()
    proxy = subprocess.Popen(["java", "-Xmx256m", "-jar", jar, "serve", "--config", config.name, "--port", str(port),
                              "--admin-port", "0"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    loop = asyncio.get_running_loop()
    try:
        for _ in range(100):
            if await loop.run_in_executor(None, normal_request, port, "/small.jpg") is not None:
                break
            await asyncio.sleep(0.3)
        for _ in range(3):
            await loop.run_in_executor(None, normal_request, port, "/small.jpg")  # cached, warm
        done, tasks = [], []
        for _ in range(args.slow):
            tasks.append(asyncio.create_task(slow_request(port, done)))
            await asyncio.sleep(0.002)  # 500 connections a second
        deadline, last, still = time.monotonic() + 30, -1, 0
        while origin.held < args.slow and time.monotonic() < deadline and still < 20:
            await asyncio.sleep(0.1)
            still = still + 1 if origin.held == last else 0  # 2 s without a new one: the proxy holds the rest
            last = origin.held
        held = origin.held
        latencies, failed = await normal_requests(port, "/small.jpg", args.requests)
        origin.release()
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
    finally:
        proxy.terminate()
        proxy.wait()
        origin.stop()
        os.unlink(config.name)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] if latencies else float("nan")
    median = statistics.median(latencies) if latencies else float("nan")
    print(f"{os.path.basename(jar)}: slow requests held by the origin {held}/{args.slow} ({args.mode}); normal "
          f"requests {args.requests}, failed {failed}; latency ms median {median:.1f} p95 {p95:.1f} "
          f"max {max(latencies) if latencies else float('nan'):.1f} (load {os.getloadavg()[0]:.1f})")


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("image")
    parser.add_argument("jars", nargs="+")
    parser.add_argument("--slow", type=int, default=1000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--mode", choices=["headers", "body"], default="headers")
    args = parser.parse_args()
    with open(args.image, "rb") as f:
        image = f.read()
    for jar in args.jars:
        await measure(jar, image, args)


if __name__ == "__main__":
    asyncio.run(main())
