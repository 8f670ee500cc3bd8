"""Load test: 200 concurrent participants answer surveys and post ideas for 60 s (not a test).

On gunicorn (`wsgi:app`, 4 workers x 4 threads) on 127.0.0.1, first with PostgreSQL (a fresh
database, created and dropped here; Redis as rate-limit storage) and then with the embedded
default (a fresh SQLite file). The clients are light (http.client, keep-alive, cookies by hand;
a few processes x threads, since the machine has 2 cores for clients and server together). Each
participant alternates the two real page flows of bench/_flows.py:

- a complete survey: 20 questions on 4 pages, CSRF tokens, server-side draft, review page,
  submit with the one-time submission token, thank-you page (13 requests);
- a new idea: form (CSRF, one-time form token), preview (field suggestion), publish,
  idea page (4 requests).

Every submission carries a unique marker in its free texts. After the run the rows in the
database are compared with the acknowledged submissions: each stored exactly once, no
duplicates, every response with all its answer rows, every text with its contribution row.

    .venv/bin/python bench/bench_load.py [--clients 200] [--duration 60] [--only sqlite]

Rate limits are disabled (RATELIMIT_ENABLED=0): all clients share one address here. The
minimum fill time of the idea form is 0 (IDEAS_MIN_FILL_SECONDS=0).
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import queue
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _flows import Tally, check_stored, merge_tallies, participant, prepare, print_checks, warm_up  # noqa: E402
from _server import (  # noqa: E402
    app_env,
    free_port,
    fresh_database,
    machine,
    percentile,
    postgres_answers,
    production_settings,
    start_gunicorn,
    stop_gunicorn,
)


def client_process(port, info, run, numbers, start_at, deadline, results) -> None:
    """One client process: a thread per participant; puts its merged tally on `results`."""
    tallies = [Tally() for _ in numbers]
    threads = [
        threading.Thread(
            target=participant, args=(port, info, run, number, deadline, tally), daemon=True
        )
        for number, tally in zip(numbers, tallies, strict=True)
    ]
    time.sleep(max(0.0, start_at - time.monotonic()))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=max(0.0, deadline - time.monotonic()) + 120)
    results.put(merge_tallies(tallies))


def run_clients(port, info, run, clients, processes, duration) -> tuple[dict, float]:
    """Run `clients` participants on `processes` processes for `duration` seconds."""
    context = multiprocessing.get_context("fork")
    results = context.Queue()
    start_at = time.monotonic() + 1.0 + 0.01 * clients
    deadline = start_at + duration
    numbers = list(range(clients))
    workers = [
        context.Process(
            target=client_process,
            args=(port, info, run, numbers[p::processes], start_at, deadline, results),
        )
        for p in range(processes)
    ]
    for worker in workers:
        worker.start()
    parts = []
    for _worker in workers:
        try:
            parts.append(results.get(timeout=max(1.0, deadline - time.monotonic()) + 180))
        except queue.Empty:
            break
    finished = time.monotonic()
    for worker in workers:
        worker.join(timeout=10)
        if worker.is_alive():
            worker.kill()
    if len(parts) != processes:
        print(f"  WARNING: only {len(parts)} of {processes} client processes reported")
    return merge_tallies(parts), finished - start_at


def report(label: str, total: dict, elapsed: float, stored: dict) -> dict:
    acknowledged = {kind: len(total["acknowledged"][kind]) for kind in ("survey", "idea")}
    started = sum(total["started"].values())
    failed = sum(total["failed"].values())
    requests = len(total["latencies"])
    row = {
        "database": label,
        "surveys_per_s": acknowledged["survey"] / elapsed,
        "ideas_per_s": acknowledged["idea"] / elapsed,
        "requests_per_s": requests / elapsed,
        "p95_ms": percentile(total["latencies"], 95) * 1000,
        "median_ms": percentile(total["latencies"], 50) * 1000,
        "flow_error_rate": failed / started if started else 0.0,
        "request_error_rate": total["request_failures"] / max(1, total["requests"]),
        "ok": all(stored["checks"].values()),
    }
    print(
        f"  measured                    {elapsed:.1f} s (until the last flow begun before the end"
        " had finished)\n"
        f"  completed surveys/s         {row['surveys_per_s']:8.2f}   "
        f"({acknowledged['survey']} acknowledged)\n"
        f"  ideas/s                     {row['ideas_per_s']:8.2f}   "
        f"({acknowledged['idea']} acknowledged)\n"
        f"  requests/s                  {row['requests_per_s']:8.1f}   ({requests} answered)\n"
        f"  p95 per request             {row['p95_ms']:8.0f} ms   "
        f"(median {row['median_ms']:.0f} ms)\n"
        f"  p95 complete survey         {percentile(total['flow_seconds']['survey'], 95):8.1f} s"
        f"   (13 requests)\n"
        f"  p95 complete idea           {percentile(total['flow_seconds']['idea'], 95):8.1f} s"
        f"   (4 requests)\n"
        f"  error rate                  {row['flow_error_rate'] * 100:8.2f} % of flows "
        f"({failed} of {started} failed: {total['failed']['survey']} surveys, "
        f"{total['failed']['idea']} ideas); {row['request_error_rate'] * 100:.2f} % of requests"
        f" ({total['request_failures']} of {total['requests']}: no answer or 5xx)"
    )
    if total["causes"]:
        print("    causes: " + ", ".join(f"{n} {c}" for c, n in sorted(total["causes"].items())))
    for error in total["errors"][:3]:
        print(f"    e.g. {error}")
    print("  database after the run:")
    print_checks(stored, indent="    ")
    return row


def bench(kind: str, args, run: str) -> dict | None:
    label = "PostgreSQL" if kind == "postgresql" else "SQLite"
    extra = production_settings(kind, args.redis_db)
    if kind == "postgresql":
        where = (
            "fresh database, created and dropped; rate-limit storage "
            f"{extra['RATELIMIT_STORAGE_URI']}, limits disabled"
        )
    else:
        where = "embedded default: fresh SQLite file (WAL); rate-limit storage memory://, disabled"
    print(f"\n== {label} ({where})", flush=True)
    with fresh_database(kind) as url, tempfile.TemporaryDirectory() as folder:
        info = prepare(url, survey=True, ideas=0, name="Rosenau", slug="rosenau")
        port = free_port()
        log = os.path.join(folder, "gunicorn.log")
        server = start_gunicorn(app_env(url, **extra), args.workers, args.threads, port, log)
        try:
            # Warm-up: the first idea preview in each worker loads the field classifier.
            warm_seconds = warm_up(port, info)
            print(
                f"  warm-up: {warm_seconds:.0f} s of idea previews (4, then 16 in parallel) until all"
                " answered within 3 s (each worker loads the field classifier on its first one)",
                flush=True,
            )
            total, elapsed = run_clients(
                port, info, run, args.clients, args.processes, args.duration
            )
        finally:
            stop_gunicorn(server)
        stored = check_stored(url, info, total["acknowledged"], total["attempted"])
        row = report(label, total, elapsed, stored)
        errors = Path(log).read_text(errors="replace").strip().splitlines()
        if errors:
            print(f"  gunicorn error log: {len(errors)} lines, last: {errors[-1][:200]}")
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=200)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--processes", type=int, default=4, help="client processes")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    run = secrets.token_hex(3)
    per_process = -(-args.clients // args.processes)
    print(
        f"Load test on {machine()}\n"
        f"Server: gunicorn wsgi:app, {args.workers} workers x {args.threads} threads, "
        f"127.0.0.1, APP_ENV=production, IDEAS_MIN_FILL_SECONDS=0, RATELIMIT_ENABLED=0 "
        f"(rate limits disabled: all clients share one address).\n"
        f"Clients: {args.clients} participants ({args.processes} processes x up to "
        f"{per_process} threads, http.client keep-alive) for {args.duration:.0f} s on the same "
        f"machine, each alternating a complete survey (20 questions, 4 pages, 13 requests) and "
        f"a new idea (form, preview, publish, idea page: 4 requests), without pauses."
    )
    kinds = [args.only] if args.only else ["postgresql", "sqlite"]
    rows = []
    for kind in kinds:
        if kind == "postgresql" and not postgres_answers():
            print("\nPostgreSQL does not answer on 127.0.0.1:5432; skipped.")
            continue
        rows.append(bench(kind, args, run))
    print(
        "\n| database | surveys/s | ideas/s | requests/s | p95 per request | failed flows"
        " | failed requests | stored exactly once, complete |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['database']} | {row['surveys_per_s']:.2f} | {row['ideas_per_s']:.2f} | "
            f"{row['requests_per_s']:.0f} | {row['p95_ms']:.0f} ms | "
            f"{row['flow_error_rate'] * 100:.2f} % | {row['request_error_rate'] * 100:.2f} % | "
            f"{'yes' if row['ok'] else 'NO'} |"
        )
    return 0 if rows and all(row["ok"] for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
