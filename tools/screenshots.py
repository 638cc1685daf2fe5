"""Screenshots of an incident page at 1280 and 390 px width, for the README.

    python tools/screenshots.py                      # the hand-built test result
    python tools/screenshots.py --report OUT         # an existing report's busiest incident
    python tools/screenshots.py --full-page          # whole page, not the first screen

Writes docs/incident-1280.png and docs/incident-390.png. Uses Playwright with
Debian's chromium (/usr/bin/chromium, or $CLAIMDIFF_CHROMIUM), like the
browser tests; install both as tests/browser/conftest.py does.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import LAUNCH_ARGS, find_chromium

# Tall enough to show the summary, the matrix and the first contradiction card.
SIZES = ((1280, 1800), (390, 2600))


def busiest_incident(report: Path) -> Path:
    pages = sorted((report / "incidents").glob("*.html"))
    if not pages:
        raise SystemExit(f"{report}: no incident pages")
    return max(pages, key=lambda p: (p.read_text(encoding="utf-8").count('class="card '), p.name))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--report", type=Path, help="an existing report folder (default: build one)")
    ap.add_argument("--out", type=Path, default=ROOT / "docs", help="where to write the PNGs")
    ap.add_argument("--full-page", action="store_true", help="capture the whole page")
    args = ap.parse_args(argv)

    executable = find_chromium()
    if executable is None:
        raise SystemExit("no chromium: apt-get install -y chromium")
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        if args.report:
            incident = busiest_incident(args.report.resolve())
        else:
            from claimdiff.report import write_report
            from tests.report.conftest import make_result

            write_report(make_result(), Path(tmp) / "report")
            incident = busiest_incident(Path(tmp) / "report")
        args.out.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=executable, args=LAUNCH_ARGS)
            for width, height in SIZES:
                ctx = browser.new_context(
                    viewport={"width": width, "height": height}, reduced_motion="reduce"
                )
                page = ctx.new_page()
                page.goto(incident.as_uri())
                path = args.out / f"incident-{width}.png"
                page.screenshot(path=str(path), full_page=args.full_page)
                print(path)
                ctx.close()
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
