"""Crash test: SIGKILL gunicorn (master and workers) under load, restart, check the data.

Not a test of the suite; loopback only, bounded in time. For SQLite (the embedded default)
and PostgreSQL (a fresh database, created and dropped here): start gunicorn (`wsgi:app`,
4 workers x 4 threads) in its own process group, let 50 participants alternate complete
surveys and new ideas (the real page flows of bench/_flows.py), SIGKILL the whole process
group in the middle of the load, restart gunicorn on the same database and port while the
participants go on, stop after a fixed time and compare the database with what the
participants saw: every acknowledged submission stored exactly once, nothing half-written
(each stored response has exactly the answer rows its pages sent, every free text and every
idea has its contribution row), nothing stored that was not sent; SQLite integrity_check.

    .venv/bin/python bench/bench_crash.py [--clients 50] [--kill-after 15] [--after 25]
"""

from __future__ import annotations

import argparse
import os
import secrets
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _flows import (
    MARKER,
    Tally,
    check_stored,
    merge_tallies,
    participant,
    prepare,
    print_checks,
    warm_up,
)  # noqa: E402
from _server import (  # noqa: E402
    app_env,
    free_port,
    fresh_database,
    group_members,
    kill_group,
    machine,
    postgres_answers,
    production_settings,
    start_gunicorn,
    stop_gunicorn,
)


def acknowledged_count(tallies) -> dict:
    return {kind: sum(len(t.acknowledged[kind]) for t in tallies) for kind in ("survey", "idea")}


def crash(kind: str, args, run: str) -> bool:
    label = "PostgreSQL" if kind == "postgresql" else "SQLite"
    extra = production_settings(kind, args.redis_db)
    print(f"\n== {label}", flush=True)
    with fresh_database(kind) as url, tempfile.TemporaryDirectory() as folder:
        info = prepare(url, survey=True, ideas=0, name="Rosenau", slug="rosenau")
        env = app_env(url, **extra)
        port = free_port()
        log = os.path.join(folder, "gunicorn.log")
        server = start_gunicorn(env, args.workers, args.threads, port, log)
        restarted = None
        try:
            print(f"  warm-up: {warm_up(port, info):.0f} s of idea previews", flush=True)
            tallies = [Tally() for _ in range(args.clients)]
            begin = time.monotonic()
            deadline = begin + args.kill_after + args.after
            threads = [
                threading.Thread(
                    target=participant,
                    args=(port, info, run, number, deadline, tally),
                    kwargs={"timeout": args.timeout, "pause_after_error": 0.5},
                    daemon=True,
                )
                for number, tally in enumerate(tallies)
            ]
            for thread in threads:
                thread.start()
            time.sleep(args.kill_after)

            members = group_members(server.pid)
            snapshot = [t.current for t in tallies if t.current is not None]
            before = acknowledged_count(tallies)
            kill_group(server)
            killed_at = time.monotonic() - begin
            in_flight = [c for c in snapshot if c[2] != "page after the acknowledgement"]
            final_posts = {c[1] for c in in_flight if c[2] == "final POST"}
            time.sleep(0.5)
            survivors = group_members(server.pid)
            print(
                f"  SIGKILL to the process group at {killed_at:.1f} s: master + "
                f"{len(members) - 1} workers; processes left afterwards: {len(survivors)}\n"
                f"  acknowledged before the kill: {before['survey']} surveys, "
                f"{before['idea']} ideas\n"
                f"  in flight at the kill (not yet acknowledged): {len(in_flight)} flows "
                f"({sum(1 for c in in_flight if c[0] == 'survey')} surveys, "
                f"{sum(1 for c in in_flight if c[0] == 'idea')} ideas), of which "
                f"{len(final_posts)} had sent their final POST (submit/publish) and had no answer;"
                f" {len(snapshot) - len(in_flight)} more were acknowledged and loading the next"
                " page",
                flush=True,
            )
            started = time.monotonic()
            restarted = start_gunicorn(env, args.workers, args.threads, port, log)
            healthy = time.monotonic()
            print(
                f"  restarted on the same database and port: healthy after "
                f"{healthy - started:.1f} s; participants go on until "
                f"{args.kill_after + args.after:.0f} s",
                flush=True,
            )
            for thread in threads:
                thread.join(timeout=max(0.0, deadline - time.monotonic()) + args.timeout * 14)
            still = sum(thread.is_alive() for thread in threads)
            if still:
                print(f"  WARNING: {still} participants still running; ignored")
        finally:
            if restarted is not None:
                stop_gunicorn(restarted)
            if server.poll() is None:
                kill_group(server)
        total = merge_tallies(tallies)
        after = {kind: len(total["acknowledged"][kind]) - before[kind] for kind in before}
        failed = sum(total["failed"].values())
        causes = ", ".join(f"{n} {cause}" for cause, n in sorted(total["causes"].items()))
        later = sorted(t for t in total["ack_times"] if t > healthy)
        first = f"{later[0] - healthy:.1f} s" if later else "none"
        print(
            f"  acknowledged after the restart: {after['survey']} surveys, {after['idea']} ideas"
            f" (first {first} after healthy: the restarted workers load the field classifier"
            " again on their first idea previews)\n"
            f"  failed flows in all: {failed} ({causes or 'none'})"
        )
        stored = check_stored(url, info, total["acknowledged"], total["attempted"])
        survey_markers, idea_markers = check_markers(url, info)
        landed = sum(1 for m in final_posts if m in survey_markers or m in idea_markers)
        print(
            f"  of the {len(final_posts)} final POSTs in flight at the kill: {landed} stored "
            f"(committed before the kill), {len(final_posts) - landed} not stored (rolled back)"
        )
        print("  database after the restart:")
        return print_checks(stored, indent="    ")


def check_markers(url: str, info: dict) -> tuple[set, set]:
    """The markers of stored responses and ideas."""
    from sqlalchemy import create_engine, text

    engine = create_engine(url)
    with engine.connect() as connection:
        answers = connection.execute(
            text(
                "SELECT a.value_text FROM survey_answer a JOIN survey_response r"
                " ON r.id = a.response_id WHERE r.survey_id = :s AND a.value_text IS NOT NULL"
            ),
            {"s": info["survey_id"]},
        ).scalars()
        surveys = {m for value in answers for m in MARKER.findall(value)}
        ideas = connection.execute(
            text("SELECT title FROM idea WHERE board_id = :b"), {"b": info["board_id"]}
        ).scalars()
        idea_markers = {m for value in ideas for m in MARKER.findall(value)}
    engine.dispose()
    return surveys, idea_markers


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--kill-after", type=float, default=15.0, help="seconds of load")
    parser.add_argument("--after", type=float, default=25.0, help="seconds after the kill")
    parser.add_argument("--timeout", type=float, default=60.0, help="client timeout (s)")
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument("--redis-db", type=int, default=9)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    args = parser.parse_args()
    run = secrets.token_hex(3)
    print(
        f"Crash test on {machine()}\n"
        f"gunicorn wsgi:app, {args.workers} workers x {args.threads} threads, 127.0.0.1, "
        f"APP_ENV=production, IDEAS_MIN_FILL_SECONDS=0, RATELIMIT_ENABLED=0; {args.clients} "
        f"participants (threads, http.client keep-alive) alternating complete surveys and new "
        f"ideas; SIGKILL of master and workers after {args.kill_after:.0f} s of load, restart "
        f"at once, {args.after:.0f} s more load."
    )
    kinds = [args.only] if args.only else ["sqlite", "postgresql"]
    results = {}
    for kind in kinds:
        if kind == "postgresql" and not postgres_answers():
            print("\nPostgreSQL does not answer on 127.0.0.1:5432; skipped.")
            continue
        results[kind] = crash(kind, args, run)
    print()
    for kind, ok in results.items():
        print(f"{kind}: {'all checks passed' if ok else 'CHECKS FAILED'}")
    return 0 if results and all(results.values()) else 1


if __name__ == "__main__":
    sys.exit(main())
