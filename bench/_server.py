"""Start and stop the app under gunicorn on loopback for benchmarks (never part of the tests)."""

from __future__ import annotations

import os
import platform
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager, suppress
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
POSTGRES_ADMIN_URL = "postgresql://postgres@127.0.0.1:5432/postgres"


def machine() -> str:
    """Describe the machine the figures come from."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        memory = int(Path("/proc/meminfo").read_text().split()[1]) // (1024 * 1024)
    except OSError:
        memory = 0
    return f"{os.cpu_count()} cores ({cpu}), {memory} GiB RAM, Python {platform.python_version()}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def postgres_answers() -> bool:
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=1).close()
    except OSError:
        return False
    return True


@contextmanager
def fresh_database(kind: str):
    """Yield a DATABASE_URL of a fresh, empty database ("sqlite" or "postgresql")."""
    if kind == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            yield f"sqlite:///{folder}/bench.db"
        return
    import psycopg

    name = f"bench_{os.getpid()}_{int(time.time())}"
    with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:5432/{name}"
    finally:
        with psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def app_env(database_url: str, **extra: str) -> dict:
    env = dict(os.environ)
    env.update(
        {
            "DATABASE_URL": database_url,
            "SECRET_KEY": "bench-secret-key",
            "RATELIMIT_ENABLED": "0",
            "PYTHONPATH": str(ROOT),
        }
    )
    env.update(extra)
    return env


def run_cli(env: dict, *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "-m", "participation", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed: {result.stderr[-2000:]}")
    return result.stdout


def gunicorn_command(workers: int, threads: int, port: int) -> list[str]:
    """Return the command that serves the app with gunicorn on a loopback port."""
    return [
        PYTHON,
        "-m",
        "gunicorn",
        "-w",
        str(workers),
        "--threads",
        str(threads),
        "-b",
        f"127.0.0.1:{port}",
        "--log-level",
        "warning",
        "wsgi:app",
    ]


def production_settings(kind: str, redis_db: int) -> dict:
    """Settings of a production-like server under load: rate limits off (all clients share one
    address), minimum fill time off; on PostgreSQL the limiter's storage is Redis database
    `redis_db`, as workers on several machines would share it."""
    extra = {
        "APP_ENV": "production",
        "SESSION_COOKIE_SECURE": "0",
        "IDEAS_MIN_FILL_SECONDS": "0",
        "RATELIMIT_ENABLED": "0",
    }
    if kind == "postgresql":
        extra["RATELIMIT_STORAGE_URI"] = f"redis://127.0.0.1:6379/{redis_db}"
    return extra


@contextmanager
def gunicorn(env: dict, workers: int = 4, threads: int = 2):
    """Run gunicorn on a free loopback port; yield its base URL and the process."""
    port = free_port()
    process = subprocess.Popen(
        gunicorn_command(workers, threads, port),
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(base, process)
        yield base, process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def wait_healthy(base: str, process, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read().decode()[-2000:]}")
        try:
            with urllib.request.urlopen(f"{base}/healthz", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("server did not become healthy")


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))
    return ordered[index]


def start_gunicorn(env: dict, workers: int, threads: int, port: int, log_path: str):
    """Start gunicorn in its own process group (master and workers); wait until healthy.

    Errors go to `log_path`, not to a pipe nobody reads (a full pipe would stall the server).
    """
    with open(log_path, "ab") as log:
        process = subprocess.Popen(
            gunicorn_command(workers, threads, port),
            cwd=ROOT,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=log,
            start_new_session=True,
        )
    try:
        wait_healthy(f"http://127.0.0.1:{port}", None)
    except RuntimeError:
        kill_group(process)
        raise
    return process


def kill_group(process) -> None:
    """SIGKILL the gunicorn master and all its workers at once (its process group)."""
    with suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def group_alive(pgid: int) -> bool:
    """True while any process of the group still exists (orphaned workers included)."""
    try:
        os.killpg(pgid, 0)
    except ProcessLookupError:
        return False
    return True


def stop_gunicorn(process, timeout: float = 30) -> None:
    """Stop gunicorn gracefully (SIGTERM to the group), SIGKILL if it takes too long."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            kill_group(process)


def group_members(pgid: int) -> list[int]:
    """Process ids of a process group (read from /proc)."""
    members = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            members.append(int(entry.name))
    return members
