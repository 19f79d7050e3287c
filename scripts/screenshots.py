"""Retake the README's screenshots (docs/assets/screenshots/): a claim page and the front page, desktop and
phone.

    python scripts/screenshots.py [CLAIM_ID] [--out FOLDER]

Builds the repository's site into a temporary folder, serves it on 127.0.0.1 and photographs the claim's page
and the front page in Debian's Chromium (or the browser CHROMIUM_PATH names) with Playwright; needs the test
extras (`pip install -e '.[test]'`). A file is rewritten only when the page looks different, so retaking
unchanged pages changes nothing in git.
"""

from __future__ import annotations

import argparse
import os
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
from conftest import CHROMIUM, CHROMIUM_ARGS, serve  # noqa: E402  the browser and server the browser tests use

SCREENSHOTS = REPO / "docs" / "assets" / "screenshots"
DESKTOP, PHONE = {"width": 1280, "height": 900}, {"width": 390, "height": 844}
# (file, the page: the claim's or the front page, viewport, on a phone)
SHOTS = [("claim-desktop.png", "claim", DESKTOP, False), ("claim-phone.png", "claim", PHONE, True),
         ("front-desktop.png", "front", DESKTOP, False), ("front-phone.png", "front", PHONE, True)]


def png_pixels(data: bytes) -> tuple[bytes, bytes]:
    """(IHDR, decompressed image data) of a PNG; enough to compare two screenshots from the same encoder."""
    pos, header, idat = 8, b"", b""
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, chunk = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        header = chunk if kind == b"IHDR" else header
        idat += chunk if kind == b"IDAT" else b""
        pos += 12 + length
    return header, zlib.decompress(idat)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Rewrite the screenshot only when the page looks different: a few antialiased pixels that differ from
    run to run (the header while the theme starts) must not change the file in git every time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.is_file():
        old_header, old = png_pixels(path.read_bytes())
        new_header, new = png_pixels(data)
        if old_header == new_header and sum(a != b for a,
                                            b in zip(old, new, strict=False)) <= len(new) // 2000:
            return False
    path.write_bytes(data)
    return True


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("claim", nargs="?", default="lavrov-root-causes",
                        help="the claim's id (default: a rated one, with its meter)")
    parser.add_argument("--out", type=Path, default=SCREENSHOTS,
                        help="where the PNG files go (default: %(default)s)")
    args = parser.parse_args()
    if not CHROMIUM:
        sys.exit("no Chromium: apt-get install chromium, or set CHROMIUM_PATH to a Chromium-based browser")
    from playwright.sync_api import sync_playwright

    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    with tempfile.TemporaryDirectory() as folder:
        site = Path(folder) / "site"
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site)], cwd=REPO,
                       env=env, check=True)
        if not (site / "claims" / args.claim / "index.html").is_file():
            sys.exit(f"no claim page for `{args.claim}`")
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            for name, shown, viewport, mobile in SHOTS:
                context = browser.new_context(viewport=viewport, is_mobile=mobile, has_touch=mobile,
                                              device_scale_factor=1, color_scheme="light", locale="en-GB")
                context.route(lambda target: not target.startswith(url), lambda route: route.abort())
                page = context.new_page()
                page.goto(f"{url}claims/{args.claim}/" if shown == "claim" else url, wait_until="networkidle")
                page.evaluate("document.fonts.ready")
                changed = write_if_changed(args.out / name,
                                           page.screenshot(full_page=True,
                                                           animations="disabled", caret="hide"))
                print(f"{args.out / name}: {'rewritten' if changed else 'unchanged'}")
                context.close()
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
