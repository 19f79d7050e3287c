"""Pagefind's word index cut into smaller chunks than Pagefind's own, so that a query downloads less.

Pagefind splits a word index into chunks of about 20,000 locations (a word's pages and positions; its source
says "TODO: Parameterize these chunk sizes via options"), about 19 KiB each, and a query fetches the chunk
that holds each of its words: mostly other words' locations. An index in parts (search_index.py) answers
every word with a chunk of each part: a best match of three words over four parts fetched twelve chunks, 225
KiB. In chunks of `CHUNK_UNITS` locations each costs about 3 KiB, for a longer list of chunks in the part's
metadata, which every search of the part downloads; `CHUNK_UNITS` is about where the two balance for one to
three words at 25,000 claims (benchmarks/RESULTS.md).

The chunks are cut as Pagefind cuts them (whole words, in order, a chunk closed by the word that brings it
to `CHUNK_UNITS` locations; a boundary named by the shortest prefixes that tell its two words apart), from
Pagefind's own files, whose words are copied byte for byte. Their format (CBOR behind a signature, gzip) is
that of the pinned Pagefind version: an index of a shape this module does not know is left as Pagefind wrote
it, as valid and only larger (tests/test_search_chunks.py fails then).
"""

from __future__ import annotations

import gzip
import hashlib
import io
import itertools
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import cbor2

CHUNK_UNITS = 3000  # Pagefind's own: 20,000
SIGNATURE = b"pagefind_dcd"  # before the CBOR of every file of Pagefind's index
ENTRY = "pagefind-entry.json"
META, CHUNK = "pagefind.{}.pf_meta", "{}.pf_index"  # file names, with the hash that names each
# The fields of Pagefind 1.5's metadata (`.pf_meta`): [version, pages, chunks, filters, sorts, ...].
META_CHUNKS = 2
TAG_DIGITS = 6  # hex digits that begin the names of an index's chunks (and of its pages' fragments)
DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


def read(path: Path) -> Any:
    """One of Pagefind's index files, decoded."""
    return cbor2.loads(_body(path))


def _body(path: Path) -> bytes:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(SIGNATURE):
        raise ValueError(f"{path.name} is not one of Pagefind's index files")
    return data[len(SIGNATURE):]


def write(folder: Path, name: str, body: bytes, hash_prefix: str, length: int, level: int = 6) -> str:
    """The CBOR `body` written into `folder` as Pagefind writes its files, gzip-compressed at `level`, under
    `name` (a pattern) with a hash of its content: `hash_prefix` and `length` hex digits, more where that file
    holds other bytes. The hash."""
    data = gzip.compress(SIGNATURE + body, level, mtime=0)
    digest = hashlib.sha256(data).hexdigest()
    while True:
        hash_ = hash_prefix + digest[:length]
        target = folder / name.format(hash_)
        if not target.exists():
            target.write_bytes(data)
        if target.read_bytes() == data:
            return hash_
        length += 1


def rechunk(output: Path, units: int = CHUNK_UNITS) -> None:
    """Cut the word index of the Pagefind index in `output`, as Pagefind wrote it, into chunks of about
    `units` locations."""
    entry_path = output / ENTRY
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    for language in entry.get("languages", {}).values():
        meta_path = output / META.format(language["hash"])
        meta = read(meta_path)
        if not _known(meta):
            continue
        old = {output / "index" / CHUNK.format(hash_): None for _, _, hash_ in meta[META_CHUNKS]}
        hash_prefix = language["hash"].split("_")[0] + "_"  # the language's, as Pagefind names its files
        # Chunks named by their number after a tag of what they are cut from, shorter in the metadata than a
        # hash of each: a changed index or size renames them all, so no browser mixes in a cached chunk.
        tag = hashlib.sha256(f"{language['hash']} {units}".encode()).hexdigest()[:TAG_DIGITS]
        written: list[list[str]] = []
        try:
            for number, (first, last, count, words) in enumerate(_cut(list(old), units)):
                name = f"{tag}-{base36(number)}"
                data = gzip.compress(SIGNATURE + _array(1) + _array(count) + words, 6, mtime=0)
                (output / "index" / CHUNK.format(name)).write_bytes(data)
                written.append([first, last, name])
        except ValueError:  # not the chunks this module knows: Pagefind's stay
            for _, _, hash_ in written:
                if (path := output / "index" / CHUNK.format(hash_)) not in old:
                    path.unlink()
            continue
        for path in set(old) - {output / "index" / CHUNK.format(hash_) for _, _, hash_ in written}:
            path.unlink()
        meta[META_CHUNKS] = _bounds(written)
        meta_path.unlink()
        language["hash"] = write(output, META, cbor2.dumps(meta), hash_prefix, 10, level=9)
    entry_path.unlink()  # written anew, never through a link
    entry_path.write_text(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def base36(number: int) -> str:
    text = ""
    while True:
        number, digit = divmod(number, 36)
        text = DIGITS[digit] + text
        if not number:
            return text


def _known(meta: object) -> bool:
    chunks = meta[META_CHUNKS] if isinstance(meta, list) and len(meta) > META_CHUNKS else None
    return isinstance(chunks, list) and all(
        isinstance(chunk, list) and len(chunk) == 3 and all(isinstance(part, str) for part in chunk)
        for chunk in chunks)


def _cut(chunks: list[Path], units: int) -> Iterator[tuple[str, str, int, bytes]]:
    """The words of `chunks` (in order), in runs of about `units` locations as Pagefind counts them: each
    run's first and last word, its number of words and their CBOR, sliced from the old chunks' (one old chunk
    in memory at a time)."""
    run: list[bytes] = []
    first = last = ""
    size = 0
    for path in chunks:
        body = io.BytesIO(_body(path))
        decoder = cbor2.CBORDecoder(body)
        if body.read(1) != _array(1):
            raise ValueError(f"{path.name} is not a chunk of Pagefind's word index")
        for _ in range(_length(body)):
            start = body.tell()
            word, pages, *_ = decoder.decode()
            run.append(body.getbuffer()[start:body.tell()].tobytes())
            first, last = first or word, word
            size += units_of(pages)
            if size >= units:
                yield first, last, len(run), b"".join(run)
                run, first, size = [], "", 0
    if run:
        yield first, last, len(run), b"".join(run)


def units_of(pages: list) -> int:
    """How many locations Pagefind counts for a word's `pages` ([number, locations, locations in the page's
    metadata] each, the marks of weight among the locations): each location and one a page."""
    return sum(sum(len(locations) for locations in page[1:]) + 1 for page in pages)


def _array(count: int) -> bytes:
    """The head of a CBOR array of `count` items (RFC 8949, 3.1)."""
    if count < 24:
        return bytes([0x80 | count])
    size = next(size for size in (1, 2, 4, 8) if count < 1 << (8 * size))
    return bytes([0x80 | (24 + size.bit_length() - 1)]) + count.to_bytes(size, "big")


def _length(body: io.BytesIO) -> int:
    """The number of items of the CBOR array whose head `body` is at."""
    head = body.read(1)[0]
    if head >> 5 != 4 or (head & 0x1F) > 27:
        raise ValueError("not a CBOR array of known length")
    info = head & 0x1F
    return info if info < 24 else int.from_bytes(body.read(1 << (info - 24)), "big")


def _bounds(chunks: list[list[str]]) -> list[list[str]]:
    """Each chunk's first and last word shortened, where it meets the next, to the shortest prefixes that
    still tell them apart (Pagefind's `chunk_meta`)."""
    for before, after in itertools.pairwise(chunks):
        last, first = before[1], after[0]
        common = next((n for n, (a, b) in enumerate(zip(last, first, strict=False)) if a != b),
                      min(len(last), len(first)))
        before[1], after[0] = last[:common + 1], first[:common + 1]
    return chunks
