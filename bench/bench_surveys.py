"""Benchmark: completed survey responses per second under concurrent load (not a test).

Starts gunicorn on loopback (4 workers x 2 threads, `wsgi:app`) against a fresh SQLite file and
against a fresh PostgreSQL database (created and dropped here), creates a 20-question survey on
4 pages (single/multiple choice, 5-point arrays, numbers, short and long text, yes/no, like the
LimeSurvey reference in /work/shared/ANCHORS.md), and lets 10 and 50 clients answer it the way a
phone without JavaScript does: every page fetched, CSRF token read, answers posted, redirects
followed, review page, submit, thank-you page. Then the same clients request /healthz.
The server runs with production settings, and each measured run follows an unmeasured warm-up.

Prints completed responses per second, p95 latency per request, the ratio to the bare endpoint,
and whether every acknowledged response is stored exactly once.

    .venv/bin/python bench/bench_surveys.py [--duration 20] [--clients 10 50] [--sqlite-only]

Rate limits are switched off for the server under test (all clients share one address here).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _flows import Browser, prepare, respond  # noqa: E402
from _server import (  # noqa: E402
    app_env,
    free_port,
    fresh_database,
    postgres_answers,
    production_settings,
    start_gunicorn,
    stop_gunicorn,
)

LIMESURVEY_RESPONSES_PER_SECOND = {10: 1.05, 50: 1.02}
LIMESURVEY_P95_SECONDS = {10: 2.4, 50: 15.0}
# --- set-up --------------------------------------------------------------------------------------


def prepare_database(url: str) -> dict:
    """Migrate the database and create the process and the 20-question survey."""
    return prepare(url, survey=True, ideas=None, name="Rosenau", slug="rosenau")


def stored_responses(url: str, survey_id: int) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        count = connection.execute(
            text("SELECT count(*) FROM survey_response WHERE survey_id = :id"), {"id": survey_id}
        ).scalar_one()
    engine.dispose()
    return count


# --- the client ----------------------------------------------------------------------------------


def run_load(port: int, clients: int, duration: float, work) -> dict:
    """Run `work(browser, rng)` in a loop on `clients` threads for about `duration` seconds."""
    latencies: list[float] = []
    done = [0]
    errors: list[str] = []
    lock = threading.Lock()
    start_gate = threading.Barrier(clients + 1)
    deadline = [0.0]

    def loop(seed: int):
        rng = random.Random(seed)
        browser = Browser(port, latencies)
        start_gate.wait()
        while time.perf_counter() < deadline[0]:
            try:
                ok = work(browser, rng)
            except Exception as error:  # noqa: BLE001 - counted and shown
                with lock:
                    errors.append(str(error)[:200])
                continue
            if ok:
                with lock:
                    done[0] += 1
        browser.connection.close()

    threads = [threading.Thread(target=loop, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    deadline[0] = time.perf_counter() + duration
    started = time.perf_counter()
    start_gate.wait()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    ordered = sorted(latencies)
    p95 = ordered[int(0.95 * (len(ordered) - 1))] if ordered else float("nan")
    return {
        "completed": done[0],
        "requests": len(latencies),
        "elapsed": elapsed,
        "per_second": done[0] / elapsed,
        "requests_per_second": len(latencies) / elapsed,
        "p95": p95,
        "median": statistics.median(ordered) if ordered else float("nan"),
        "errors": errors,
    }


# --- main ----------------------------------------------------------------------------------------


def bench_database(label: str, url: str, args) -> list[dict]:
    info = prepare_database(url)
    port = free_port()
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        kind = "postgresql" if url.startswith("postgresql") else "sqlite"
        env = app_env(url, **production_settings(kind, redis_db=13))
        server = start_gunicorn(env, args.workers, args.threads, port, f"{folder}/gunicorn.log")
        try:
            acknowledged_total = 0

            def answer(browser, rng):
                return respond(browser, info, rng) > 0

            for clients in args.clients:
                # Warm-up, not measured: every worker imports its modules, compiles its
                # templates and fills its questionnaire copy (LimeSurvey ran with a warm opcache).
                warm = run_load(port, clients, args.warmup, answer)
                survey = run_load(port, clients, args.duration, answer)
                acknowledged_total += warm["completed"] + survey["completed"]
                bare = run_load(
                    port,
                    clients,
                    args.bare_duration,
                    lambda browser, rng: browser.request("GET", "/healthz")[0] == 200,
                )
                stored = stored_responses(url, info["survey_id"])
                rows.append(
                    {
                        "database": label,
                        "clients": clients,
                        "survey": survey,
                        "bare": bare,
                        "stored": stored,
                        "acknowledged": acknowledged_total,
                    }
                )
                report(rows[-1])
        finally:
            stop_gunicorn(server)
    return rows


def report(row: dict) -> None:
    survey, bare, clients = row["survey"], row["bare"], row["clients"]
    lime = LIMESURVEY_RESPONSES_PER_SECOND.get(clients)
    print(
        f"\n{row['database']}, {clients} clients, {survey['elapsed']:.1f} s:\n"
        f"  completed responses/s    {survey['per_second']:8.2f}"
        + (f"   (LimeSurvey {lime:.2f}: x{survey['per_second'] / lime:.0f})" if lime else "")
        + f"\n  survey requests/s        {survey['requests_per_second']:8.1f}"
        f"   ({survey['requests']} requests, 13 per response)\n"
        f"  p95 per request          {survey['p95'] * 1000:8.1f} ms"
        f"   (median {survey['median'] * 1000:.1f} ms"
        + (f"; LimeSurvey p95 {LIMESURVEY_P95_SECONDS[clients]:.1f} s)" if lime else ")")
        + f"\n  /healthz requests/s      {bare['requests_per_second']:8.1f}"
        f"   p95 {bare['p95'] * 1000:.1f} ms\n"
        f"  ratio to /healthz        {survey['requests_per_second'] / bare['requests_per_second']:8.2f}"
        f" of its request rate, p95 x{survey['p95'] / bare['p95']:.1f}\n"
        f"  stored == acknowledged   {row['stored'] == row['acknowledged']}"
        f"   ({row['stored']} stored, {row['acknowledged']} acknowledged)"
    )
    if survey["errors"] or bare["errors"]:
        print(
            f"  errors: {len(survey['errors']) + len(bare['errors'])}: {(survey['errors'] + bare['errors'])[:3]}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per survey run")
    parser.add_argument(
        "--warmup", type=float, default=5.0, help="seconds of unmeasured load before each run"
    )
    parser.add_argument(
        "--bare-duration", type=float, default=10.0, help="seconds per /healthz run"
    )
    parser.add_argument("--clients", type=int, nargs="+", default=[10, 50])
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sqlite-only", action="store_true")
    args = parser.parse_args()
    print(
        f"Survey benchmark: gunicorn {args.workers} workers x {args.threads} threads on loopback, "
        f"{os.cpu_count()} CPUs; 20 questions on 4 pages, 13 requests per completed response."
    )
    rows = []
    with fresh_database("sqlite") as url:
        rows += bench_database("SQLite", url, args)
    if not args.sqlite_only:
        if postgres_answers():
            with fresh_database("postgresql") as url:
                rows += bench_database("PostgreSQL", url, args)
        else:
            print("PostgreSQL not reachable; skipped.")
    ok = all(row["stored"] == row["acknowledged"] for row in rows)
    print("\nEvery acknowledged response stored exactly once:", "yes" if ok else "NO")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
