"""Issue 13: Pagefind's word index cut into chunks of `CHUNK_UNITS` locations (search_chunks), so that a query
downloads about 3 KiB a word and part of the index instead of Pagefind's 19 KiB.

The pages here are plain HTML with made-up words (no site build): 80 pages of 120 words from a vocabulary of
400, about 25,000 locations with Pagefind's marks of weight, which Pagefind alone writes as two chunks.
"""

from __future__ import annotations

import gzip
import json
import random
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import serve
from mkdocs_claims import search_chunks, search_index
from mkdocs_claims.search_chunks import CHUNK_UNITS

SYLLABLES = [consonant + vowel for consonant in "bdfgklmnprtvz" for vowel in "aeiu"]
# Three syllables and an "o": none is a prefix of another, and English stemming leaves them whole.
VOCABULARY = sorted({"".join(random.Random(n).sample(SYLLABLES, 3)) + "o" for n in range(400)})
PAGES = {f"page-{n:02d}": random.Random(1000 + n).choices(VOCABULARY, k=120) for n in range(80)}


def write_pages(site: Path) -> None:
    for name, words in PAGES.items():
        page = site / name / "index.html"
        page.parent.mkdir(parents=True)
        page.write_text(f'<!doctype html><html lang="en"><head><title>{name}</title></head><body>'
                        f'<article data-pagefind-body><h1>{name}</h1><p>{" ".join(words)}</p></article>'
                        "</body></html>", encoding="utf-8")


def meta(output: Path) -> list:
    entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
    return search_chunks.read(output / f"pagefind.{entry['languages']['en']['hash']}.pf_meta")


def chunks(output: Path) -> list[list]:
    """Each chunk's words, in the order the metadata lists the chunks."""
    return [search_chunks.read(output / "index" / f"{hash_}.pf_index")[0] for _, _, hash_ in meta(output)[2]]


def units(word: list) -> int:
    return search_chunks.units_of(word[1])


def postings(output: Path) -> dict[str, dict[str, list]]:
    """Each word's locations by page address: what a search reads, whatever the pages' numbers."""
    urls = []
    for hash_, _ in meta(output)[1]:
        fragment = gzip.decompress((output / "fragment" / f"{hash_}.pf_fragment").read_bytes())
        urls.append(json.loads(fragment[len(search_chunks.SIGNATURE):])["url"])
    return {word[0]: {urls[page[0]]: page[1:] for page in word[1]}
            for chunk in chunks(output) for word in chunk}


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    """The pages indexed as the build indexes a site, and by Pagefind alone."""
    site = tmp_path_factory.mktemp("chunks") / "site"
    write_pages(site)
    search_index.build(site)
    alone = site.parent / "pagefind-alone"
    done = subprocess.run([search_index.executable(), "--site", str(site), "--output-path", str(alone),
                           "--glob", "page-*/index.html", "--silent"],
                          capture_output=True, text=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr
    return site / search_index.OUTPUT_DIR, alone


def test_the_word_index_is_in_chunks_of_chunk_units_locations(indexed):
    built, alone = indexed
    assert sum(units(word) for word in chunks(alone)[0]) >= 20_000  # Pagefind's own chunks
    cut = chunks(built)
    assert len(cut) > 4
    for number, words in enumerate(cut):
        size = sum(units(word) for word in words)
        assert size - units(words[-1]) < CHUNK_UNITS  # closed by the word that reaches the size...
        assert size >= CHUNK_UNITS or number == len(cut) - 1  # ...and only the last is smaller
    assert sorted(path.stem for path in (built / "index").iterdir()) == sorted(
        hash_ for _, _, hash_ in meta(built)[2])  # Pagefind's chunk is gone


def test_the_chunks_hold_pagefinds_words_and_locations_in_order(indexed):
    built, alone = indexed
    words = [word[0] for chunk in chunks(built) for word in chunk]
    assert words == sorted(words) and len(words) == len(set(words)) and set(VOCABULARY) <= set(words)
    assert postings(built) == postings(alone)
    # The rest of the metadata (filters, sorts, the pages' word counts) is Pagefind's; the pages' fragments
    # are named anew (search_order).
    assert [field for number, field in enumerate(meta(built)) if number not in (1, 2)] == [
        field for number, field in enumerate(meta(alone)) if number not in (1, 2)]
    assert [count for _, count in meta(built)[1]] == [count for _, count in meta(alone)[1]]


pytest.importorskip("pytest_playwright",
                    reason="pytest-playwright is not installed (pip install -e '.[test]')")


def test_every_word_is_found_through_pagefinds_own_script(indexed, tmp_path, page):
    """Cut into chunks of 100 locations (many chunks, each bound a prefix), Pagefind's script still finds each
    word on every page that has it, and only there."""
    site = tmp_path / "site"
    shutil.copytree(indexed[0].parent, site)
    search_chunks.rechunk(site / "pagefind", 100)
    assert len(meta(site / "pagefind")[2]) > 100
    expected = {word: sum(word in words for words in PAGES.values()) for word in VOCABULARY}
    with serve(site) as url:
        page.goto(url + "page-00/")
        found = page.evaluate("""async words => {
            const pagefind = await import("/pagefind/pagefind.js");
            const counts = {};
            for (const word of words) counts[word] = (await pagefind.search(word)).results.length;
            const data = await Promise.all((await pagefind.search(words[0])).results.map(r => r.data()));
            return {counts, urls: data.map(d => d.url).sort()};
        }""", VOCABULARY)
    assert found["counts"] == expected
    assert found["urls"] == sorted(f"/{name}/" for name, words in PAGES.items() if VOCABULARY[0] in words)
