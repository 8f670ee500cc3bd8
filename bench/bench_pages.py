"""Page weight (cold cache, 360 px, headless Chromium) and time to first byte of participant pages.

Run: .venv/bin/python bench/bench_pages.py   (prints figures; not part of the tests)
"""

from __future__ import annotations

import http.client
import re
import sys
import time
from pathlib import Path
from urllib.parse import urlparse

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import app_env, fresh_database, gunicorn, machine, percentile, run_cli  # noqa: E402

CHROMIUM = "/usr/bin/chromium"


def participant_pages(base: str, database_url: str) -> tuple[list[str], int, list[str]]:
    """The start and process pages, every survey start page, the idea list, an idea, the idea
    form; and (survey id, its page URLs + review) for the pages that need a begun survey."""
    import urllib.request

    from sqlalchemy import create_engine, text

    pages = ["/", "/p/rosenau/"]
    html = urllib.request.urlopen(base + "/p/rosenau/").read().decode()
    surveys = sorted(set(re.findall(r'href="(/p/rosenau/umfrage/\d+/)"', html)))
    boards = sorted(set(re.findall(r'href="(/p/rosenau/ideen/\d+/)"', html)))
    pages += surveys + boards
    if boards:
        board_html = urllib.request.urlopen(base + boards[0]).read().decode()
        ideas = re.findall(r'href="(/p/rosenau/ideen/idee/\d+)"', board_html)
        pages += ideas[:1] + [boards[0] + "neu"]
    survey_id = int(re.search(r"/umfrage/(\d+)/", surveys[0]).group(1))
    engine = create_engine(database_url)
    with engine.connect() as connection:
        sections = connection.execute(
            text("SELECT id FROM survey_section WHERE survey_id = :s ORDER BY position"),
            {"s": survey_id},
        ).scalars()
        survey_pages = [f"/p/rosenau/umfrage/{survey_id}/seite/{s}" for s in sections]
    engine.dispose()
    return pages, survey_id, survey_pages + [f"/p/rosenau/umfrage/{survey_id}/pruefen"]


def page_weight(context, base: str, path: str) -> tuple[int, int, int]:
    """Return (bytes transferred, requests, requests outside the site) on a cold cache."""
    page = context.new_page()
    client = context.new_cdp_session(page)
    client.send("Network.enable")
    client.send("Network.setCacheDisabled", {"cacheDisabled": True})
    transferred = {"bytes": 0}
    urls = []
    client.on(
        "Network.loadingFinished",
        lambda event: transferred.__setitem__(
            "bytes", transferred["bytes"] + event["encodedDataLength"]
        ),
    )
    page.on("request", lambda request: urls.append(request.url))
    page.goto(base + path, wait_until="networkidle")
    page.close()
    outside = [u for u in urls if not u.startswith(base) and not u.startswith("data:")]
    return transferred["bytes"], len(urls), len(outside)


def ttfb(base: str, path: str, rounds: int = 50) -> tuple[float, float]:
    parsed = urlparse(base)
    times = []
    connection = http.client.HTTPConnection(parsed.hostname, parsed.port, timeout=10)
    for _ in range(rounds):
        start = time.perf_counter()
        connection.request("GET", path)
        response = connection.getresponse()
        response.read(1)
        times.append(time.perf_counter() - start)
        response.read()
    connection.close()
    return percentile(times, 50) * 1000, percentile(times, 95) * 1000


def main() -> None:
    from playwright.sync_api import sync_playwright

    print(f"machine: {machine()}")
    with fresh_database("sqlite") as url:
        env = app_env(url)
        run_cli(env, "setup")
        with gunicorn(env, workers=2, threads=2) as (base, _), sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
            )
            pages, survey_id, survey_pages = participant_pages(base, url)
            print(
                f"{'page':<45} {'KB':>7} {'requests':>9} {'external':>9} {'TTFB p50 ms':>12} {'p95 ms':>8}"
            )

            def report(context, path, timed=True):
                size, count, outside = page_weight(context, base, path)
                p50, p95 = ttfb(base, path) if timed else (float("nan"), float("nan"))
                print(
                    f"{path:<45} {size / 1024:7.1f} {count:9d} {outside:9d} {p50:12.1f} {p95:8.1f}"
                )

            context = browser.new_context(viewport={"width": 360, "height": 640})
            for path in pages:
                report(context, path)
            # Survey pages need a begun survey (a draft cookie); TTFB is not measured for them
            # because a plain HTTP client without the cookie would only be redirected.
            page = context.new_page()
            page.goto(f"{base}/p/rosenau/umfrage/{survey_id}/")
            page.locator("main form button[type=submit]").first.click()
            page.close()
            for path in survey_pages:
                report(context, path, timed=False)
            browser.close()


if __name__ == "__main__":
    main()
