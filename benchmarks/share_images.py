"""Benchmark: drawing the share images of 1,000 claims, from nothing and again with nothing changed.

    python benchmarks/share_images.py [--claims 1000]

Prints one line for benchmarks/RESULTS.md. The claims are benchmarks/run.py's, so their titles, speakers,
dates and verdicts vary as a real site's do.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from mkdocs_claims.loader import load_content
from mkdocs_claims.settings import Settings
from mkdocs_claims.share_image import ShareImages
from mkdocs_claims.site import Site
from run import generate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--claims", type=int, default=1000)
    count = parser.parse_args().claims
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        generate(root, count)
        settings = Settings(site_name="Benchmark", site_url="https://example.org/")
        content, problems = load_content(root / "claims", root, settings.scale, settings)
        assert not problems, problems
        cards = list(Site(content, settings).share_cards())
        images = ShareImages()
        start = time.perf_counter()
        drawn = images.update(cards)
        cold = time.perf_counter() - start
        start = time.perf_counter()
        images.update(cards)
        warm = time.perf_counter() - start
        size = sum(map(len, drawn.values())) / len(drawn) / 1024
        print(f"{count} claims: drawing every share image took {cold:.2f} s ({cold / count * 1000:.1f} ms "
              f"each, {images.drawn} drawn, {size:.0f} KiB each on average); a rebuild with nothing changed "
              f"took {warm * 1000:.0f} ms and drew none.")


if __name__ == "__main__":
    main()
