"""Benchmark the idea boards under gunicorn on loopback: idea-list GETs and comment POSTs.

Not a test: it prints figures. For each database (a fresh SQLite file, and a fresh PostgreSQL
database that it creates and drops) it seeds one board with 30 ideas, starts gunicorn
(`wsgi:app`, 4 workers x 2 threads by default) on 127.0.0.1, and runs, with 10 and 50
concurrent clients for about 15 s each:

- idea list: GET /p/<slug>/ideen/<board>/ in a loop (keep-alive, like a browser);
- comments: GET an idea page (session cookie, CSRF token, form token, as a browser gets
  them), then POST a comment; the figure counts POSTs. A 303 answer is an acknowledged
  comment; afterwards stored comments are counted and compared with acknowledged ones.

Rate limits are off (RATELIMIT_ENABLED=0) and the minimum fill time is 0
(IDEAS_MIN_FILL_SECONDS=0), since one machine plays all clients.

    .venv/bin/python bench/bench_ideas.py [--duration 15] [--clients 10,50] [--only sqlite]

PostgreSQL is reached at BENCH_PG_URL (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres);
if it does not answer, that part is skipped.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from _flows import Browser, post_comment, prepare  # noqa: E402

HOST = "127.0.0.1"
SLUG = "bench"
IDEAS = 30
PG_ADMIN_URL = os.environ.get(
    "BENCH_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
# adhocracy+ on the same kind of machine (shared/ANCHORS.md).
ANCHORS = {
    ("list", 10): 9.5,
    ("list", 50): 9.3,
    ("comment", 10): 17.4,
    ("comment", 50): 14.3,
}


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


# --- database set-up ----------------------------------------------------------------------------


def seed(database_url: str) -> tuple[int, list[int]]:
    """Migrate an empty database and create one process with one board of 30 ideas."""
    info = prepare(database_url, survey=False, ideas=IDEAS, name="Benchstadt", slug=SLUG)
    return info["board_id"], info["idea_ids"]


def count_comments(database_url: str) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(database_url)
    with engine.connect() as connection:
        n = connection.execute(text("SELECT count(*) FROM idea_comment")).scalar_one()
    engine.dispose()
    return n


def pg_admin(statement: str) -> None:
    import psycopg

    url = PG_ADMIN_URL.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(statement)


def pg_available() -> bool:
    try:
        pg_admin("SELECT 1")
    except Exception as error:  # noqa: BLE001 - any failure means: skip PostgreSQL
        print(f"PostgreSQL nicht erreichbar ({error}); übersprungen.")
        return False
    return True


# --- server -------------------------------------------------------------------------------------


class Server:
    def __init__(self, database_url: str, workers: int, threads: int):
        self.port = free_port()
        env = dict(os.environ)
        env.update(
            {
                "DATABASE_URL": database_url,
                "SECRET_KEY": "bench-secret-key",
                "APP_ENV": "production",
                "SESSION_COOKIE_SECURE": "0",
                "RATELIMIT_ENABLED": "0",
                "IDEAS_MIN_FILL_SECONDS": "0",
            }
        )
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(
            [
                str(gunicorn),
                "-w",
                str(workers),
                "--threads",
                str(threads),
                "-b",
                f"{HOST}:{self.port}",
                "--log-level",
                "warning",
                "wsgi:app",
            ],
            cwd=ROOT,
            env=env,
            start_new_session=True,
        )
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                connection = http.client.HTTPConnection(HOST, self.port, timeout=2)
                connection.request("GET", "/healthz")
                if connection.getresponse().status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        self.stop()
        raise RuntimeError("gunicorn did not start")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()


# --- clients ------------------------------------------------------------------------------------


@dataclass
class Result:
    latencies: list[float] = field(default_factory=list)
    acknowledged: int = 0
    errors: int = 0
    elapsed: float = 0.0

    def merge(self, other: Result) -> None:
        self.latencies += other.latencies
        self.acknowledged += other.acknowledged
        self.errors += other.errors


def list_client(port, board_id, deadline, limit, result: Result):
    browser = Browser(port, timeout=60, retry=False)
    path = f"/p/{SLUG}/ideen/{board_id}/"
    for _ in range(limit):
        if time.perf_counter() >= deadline:
            break
        start = time.perf_counter()
        try:
            status, _body, _location = browser.request("GET", path)
        except (http.client.HTTPException, OSError):
            result.errors += 1
            continue
        result.latencies.append(time.perf_counter() - start)
        if status == 200:
            result.acknowledged += 1
        else:
            result.errors += 1


def comment_client(port, idea_ids, deadline, limit, number: int, result: Result):
    browser = Browser(port, timeout=60, retry=False)
    rng = random.Random(number)
    for sequence in range(limit):
        if time.perf_counter() >= deadline:
            break
        idea_id = rng.choice(idea_ids)
        try:
            posted = post_comment(
                browser,
                SLUG,
                idea_id,
                f"Kommentar {number}-{sequence}: gute Idee, bitte umsetzen!",
                f"Client {number}",
            )
        except (http.client.HTTPException, OSError):
            result.errors += 1
            continue
        if posted is None:
            result.errors += 1
            continue
        status, seconds = posted
        result.latencies.append(seconds)
        if status == 303:
            result.acknowledged += 1
        else:
            result.errors += 1


def run_phase(target, clients: int, duration: float, args_for) -> Result:
    results = [Result() for _ in range(clients)]
    start = time.perf_counter()
    deadline = start + duration
    threads = [
        threading.Thread(target=target, args=(*args_for(n, deadline), results[n]))
        for n in range(clients)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=duration + 120)
    total = Result(elapsed=time.perf_counter() - start)
    for result in results:
        total.merge(result)
    return total


def p95(latencies: list[float]) -> float:
    if len(latencies) < 2:
        return latencies[0] if latencies else float("nan")
    return statistics.quantiles(latencies, n=20)[18]


# --- main ---------------------------------------------------------------------------------------


def bench_database(name, database_url, cleanup, args, rows):
    print(f"\n== {name}: seeding {IDEAS} ideas ...", flush=True)
    try:
        board_id, idea_ids = seed(database_url)
        server = Server(database_url, args.workers, args.threads)
        try:
            for clients in args.clients:
                # Warm up every worker (imports, connection pools, template cache).
                run_phase(
                    list_client,
                    clients,
                    1.5,
                    lambda n, d: (server.port, board_id, d, 10**6),
                )
                listing = run_phase(
                    list_client,
                    clients,
                    args.duration,
                    lambda n, d: (server.port, board_id, d, 10**6),
                )
                before = count_comments(database_url)
                comments = run_phase(
                    comment_client,
                    clients,
                    args.duration,
                    lambda n, d: (server.port, idea_ids, d, 10**6, n),
                )
                stored = count_comments(database_url) - before
                for kind, result in (("list", listing), ("comment", comments)):
                    rate = result.acknowledged / result.elapsed
                    rows.append(
                        {
                            "db": name,
                            "kind": kind,
                            "clients": clients,
                            "rate": rate,
                            "p95": p95(result.latencies),
                            "ok": result.acknowledged,
                            "errors": result.errors,
                            "stored": stored if kind == "comment" else None,
                        }
                    )
                    line = (
                        f"{name:<10} {kind:<8} {clients:>3} clients: {rate:8.1f}/s  "
                        f"p95 {p95(result.latencies) * 1000:7.1f} ms  ok {result.acknowledged}"
                        f"  errors {result.errors}"
                    )
                    if kind == "comment":
                        line += f"  stored {stored} == acknowledged {result.acknowledged}: "
                        line += "yes" if stored == result.acknowledged else "NO"
                    print(line, flush=True)
        finally:
            server.stop()
    finally:
        cleanup()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=float, default=15.0)
    parser.add_argument("--clients", default="10,50")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",")]
    print(
        f"gunicorn wsgi:app, {args.workers} workers x {args.threads} threads, {HOST}; "
        f"{os.cpu_count()} CPUs; {args.duration:.0f} s per phase"
    )
    rows: list[dict] = []
    if args.only in (None, "sqlite"):
        folder = tempfile.mkdtemp(prefix="bench-ideas-")
        bench_database(
            "sqlite",
            f"sqlite:///{folder}/bench.db",
            lambda: shutil.rmtree(folder, ignore_errors=True),
            args,
            rows,
        )
    if args.only in (None, "postgresql") and pg_available():
        name = f"bench_ideas_{os.getpid()}"
        pg_admin(f'CREATE DATABASE "{name}"')
        url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
        bench_database(
            "postgresql",
            url,
            lambda: pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'),
            args,
            rows,
        )
    print(
        "\n| database | measure | clients | per second | p95 | adhocracy+ | stored = acknowledged |"
    )
    print("|---|---|---|---|---|---|---|")
    for row in rows:
        anchor = ANCHORS.get((row["kind"], row["clients"]))
        label = "idea-list GETs" if row["kind"] == "list" else "comment POSTs"
        stored = "" if row["stored"] is None else ("yes" if row["stored"] == row["ok"] else "NO")
        print(
            f"| {row['db']} | {label} | {row['clients']} | {row['rate']:.1f} | "
            f"{row['p95'] * 1000:.0f} ms | {anchor if anchor else '–'}/s | {stored} |"
        )


if __name__ == "__main__":
    main()
