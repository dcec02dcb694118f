"""Loopback load test of ``jobfit serve``: N requests, C at a time, p50/p95 latency and errors.

Starts the server in its own process on a free loopback port (so the client does not share its
GIL), waits for /healthz, then sends a mix of requests: the sample resumes as text (JSON), as a
PDF upload (generated here with reportlab) and as a DOCX upload, against the profile and against
the sample posting. Needs no network and nothing from ../shared.

    python -m benchmarks.bench_web [--requests 200] [--concurrency 8]
"""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass

from benchmarks.common import ROOT, table


@dataclass(frozen=True)
class Case:
    name: str
    path: str
    files: dict[str, tuple[str, bytes, str]] | None = None
    data: dict[str, str] | None = None
    json: dict[str, str] | None = None


def _pdf(text: str) -> bytes:
    from tests.fixtures.documents import pdf_bytes

    return pdf_bytes(text)


def _docx(text: str) -> bytes:
    from tests.fixtures.documents import docx_bytes

    return docx_bytes(text)


def cases() -> list[Case]:
    samples = ROOT / "samples"
    resumes = [
        p.read_text(encoding="utf-8") for p in sorted(samples.glob("*resume*")) if p.suffix in (".txt", ".md")
    ]
    posting = (samples / "it_manager_posting.txt").read_text(encoding="utf-8")
    out: list[Case] = []
    for i, text in enumerate(resumes):
        out += [
            Case("score text (json)", "/api/score", json={"text": text, "kind": "resume"}),
            Case(
                "score pdf upload", "/api/score", files={"file": (f"r{i}.pdf", _pdf(text), "application/pdf")}
            ),
            Case(
                "score docx + posting",
                "/api/score",
                files={"file": (f"r{i}.docx", _docx(text), "application/octet-stream")},
                data={"posting": posting},
            ),
            Case("extract text (form)", "/api/extract", data={"text": text}),
        ]
    return out


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def start_server(port: int, concurrency: int) -> subprocess.Popen[bytes]:
    code = (
        "from analyzer.web import WebSettings, run; "
        f"run(host='127.0.0.1', port={port}, settings=WebSettings(concurrency={concurrency}, "
        "queue_wait_s=30.0, timeout_s=60.0))"
    )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


async def wait_ready(base: str, proc: subprocess.Popen[bytes], limit_s: float = 120.0) -> None:
    import httpx

    deadline = time.monotonic() + limit_s
    async with httpx.AsyncClient() as client:
        while time.monotonic() < deadline:
            if proc.poll() is not None:
                raise SystemExit(f"server exited with {proc.returncode}")
            try:
                if (await client.get(base + "/healthz", timeout=2)).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            await asyncio.sleep(0.1)
    raise SystemExit("server did not become ready")


Result = tuple[str, float, int, object]  # case name, seconds, status, score (or None)


async def load(base: str, work: list[Case], concurrency: int) -> tuple[list[Result], float]:
    import httpx

    gate = asyncio.Semaphore(concurrency)
    results: list[Result] = []
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=base, timeout=120, limits=limits) as client:

        async def one(case: Case) -> None:
            async with gate:
                t0 = time.perf_counter()
                score: object = None
                try:
                    r = await client.post(case.path, files=case.files, data=case.data, json=case.json)
                    status = r.status_code
                    if status == 200:
                        body = r.json()
                        score = body.get("score", len(body.get("skills", [])))
                except httpx.HTTPError:
                    status = 0
                results.append((case.name, time.perf_counter() - t0, status, score))

        t0 = time.perf_counter()
        await asyncio.gather(*(one(c) for c in work))
        wall = time.perf_counter() - t0
    return results, wall


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def report(results: list[Result], wall: float, concurrency: int, mismatches: int) -> str:
    rows = []
    groups = sorted({r[0] for r in results}) + ["all"]
    for group in groups:
        picked = [(t, s) for name, t, s, _ in results if group in ("all", name)]
        times = [1000 * t for t, _ in picked]
        errors = sum(1 for _, s in picked if s != 200)
        rows.append(
            [
                group,
                len(picked),
                errors,
                f"{statistics.median(times):.0f}",
                f"{_pct(times, 0.95):.0f}",
                f"{max(times):.0f}",
            ]
        )
    head = ["requests", "n", "errors", "p50 ms", "p95 ms", "max ms"]
    summary = (
        f"\n{len(results)} requests, {concurrency} concurrent, {wall:.1f} s wall, "
        f"{len(results) / wall:.1f} requests/s, {os.cpu_count()} CPUs; "
        f"{mismatches} answers differed from the same request sent alone"
    )
    return table(head, rows) + summary


def main(argv: list[str] | None = None) -> str:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=8)
    parser.add_argument("--server-concurrency", type=int, default=4, help="analysis slots in the server")
    args = parser.parse_args(argv)
    mix = cases()
    work = [mix[i % len(mix)] for i in range(args.requests)]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    proc = start_server(port, args.server_concurrency)
    try:
        asyncio.run(wait_ready(base, proc))
        # Warm-up and reference answers: each case alone, in order, not counted.
        reference = [asyncio.run(load(base, [case], 1))[0][0][3] for case in mix]
        results, wall = asyncio.run(load(base, work, args.concurrency))
    finally:
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
    # Results arrive in completion order; match them to their case by name and score set.
    expected: dict[str, set[object]] = {}
    for case, score in zip(mix, reference, strict=True):
        expected.setdefault(case.name, set()).add(score)
    mismatches = sum(1 for name, _, status, score in results if status == 200 and score not in expected[name])
    out = report(results, wall, args.concurrency, mismatches)
    print(out)
    errors = sum(1 for r in results if r[2] != 200)
    if errors:
        print(f"{errors} requests failed", file=sys.stderr)
    return out


if __name__ == "__main__":
    main()
