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


def participant_pages(base: str) -> list[str]:
    """The start page, the process page, and the first survey and idea pages linked from it."""
    import urllib.request

    pages = ["/", "/p/rosenau/"]
    html = urllib.request.urlopen(base + "/p/rosenau/").read().decode()
    links = re.findall(r'href="(/p/rosenau/[^"#?]+)"', html)
    seen = set(pages)
    for link in links:
        if link not in seen and len(pages) < 8:
            seen.add(link)
            pages.append(link)
    return pages


def page_weight(base: str, path: str) -> tuple[int, int, int]:
    """Return (bytes transferred, requests, requests outside the site) on a cold cache."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
        )
        context = browser.new_context(viewport={"width": 360, "height": 640})
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
        browser.close()
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
    print(f"machine: {machine()}")
    with fresh_database("sqlite") as url:
        env = app_env(url)
        run_cli(env, "setup")
        with gunicorn(env, workers=2, threads=2) as (base, _):
            print(
                f"{'page':<45} {'KB':>7} {'requests':>9} {'external':>9} {'TTFB p50 ms':>12} {'p95 ms':>8}"
            )
            for path in participant_pages(base):
                size, count, outside = page_weight(base, path)
                p50, p95 = ttfb(base, path)
                print(
                    f"{path:<45} {size / 1024:7.1f} {count:9d} {outside:9d} {p50:12.1f} {p95:8.1f}"
                )


if __name__ == "__main__":
    main()
