"""Share images: the 1200×630 PNG that social networks show beside a link to a claim page.

Drawn at build time with Pillow and the DejaVu Sans fonts shipped in this package (Latin, Cyrillic and
more), so a build fetches nothing. An image is keyed on exactly what it shows, so a build draws only the
claims whose title, speaker, date, verdict or site name changed since the last one.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
import threading
import zlib
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
_VERSION = "3"  # part of every key: a change of the layout below redraws every image
_BACKGROUND = (250, 250, 250)
_INK = (17, 17, 17)
_MUTED = (68, 68, 68)  # 9.6:1 on the background
_UNRATED = "#546e7a"  # the colour claims.css gives a verdict without one of its own
_ELLIPSIS = "…"
_LONGEST = 400  # more characters than 4 lines of the title hold: the rest is never measured
# `.claims-verdict--accurate { background: #1b5e20; }` in the stylesheet: the page and the image share one
# scale.
_VERDICT_RULE = re.compile(r"\.claims-verdict--([a-z0-9-]+)\s*\{\s*background:\s*(#[0-9a-fA-F]{6})\s*;")


@dataclass(frozen=True)
class ShareCard:
    """Everything a share image shows; equal cards give identical images."""

    title: str
    claim_id: str  # where the image is published; not drawn
    speaker: str
    date: str  # as readers see it, e.g. "6 March 2025"
    verdict: str = ""  # the rating's label, "" for an unrated claim
    colour: str = _UNRATED  # the verdict's background, #rrggbb
    site_name: str = ""

    def key(self) -> str:
        """A hash of what the image shows (and of the layout's version): its name in a cache."""
        text = "\x00".join((_VERSION, self.title, self.speaker, self.date, self.verdict,
                            self.colour, self.site_name))
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=1)
def verdict_colours() -> dict[str, str]:
    """Rating id -> background colour, read from the stylesheet the pages use."""
    css = (resources.files(__package__) / "assets" / "claims.css").read_text("utf-8")
    return {rating_id: colour.lower() for rating_id, colour in _VERDICT_RULE.findall(css)}


def verdict_colour(rating_id: str) -> str:
    return verdict_colours().get(rating_id, _UNRATED)


def _rgb(colour: str) -> tuple[int, int, int]:
    return int(colour[1:3], 16), int(colour[3:5], 16), int(colour[5:7], 16)


def _luminance(rgb: tuple[int, int, int]) -> float:
    def channel(value: float) -> float:
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4
    red, green, blue = map(channel, rgb)
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first: tuple[int, int, int], second: tuple[int, int, int]) -> float:
    """WCAG 2 contrast ratio of two colours."""
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def label_ink(colour: str) -> tuple[int, int, int]:
    """White or near-black, whichever reads better on the verdict's colour (WCAG AA needs 4.5:1)."""
    background = _rgb(colour)
    white = (255, 255, 255)
    return white if contrast(white, background) >= contrast(_INK, background) else _INK


def font(bold: bool, size: int) -> ImageFont.FreeTypeFont:
    return _thread_font(bold, size, threading.get_ident())


@cache
def _thread_font(bold: bool, size: int, thread: int) -> ImageFont.FreeTypeFont:
    """A font object per thread: FreeType's faces are not to be shared between threads."""
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    with resources.as_file(resources.files(__package__) / "fonts" / name) as path:
        return ImageFont.truetype(str(path), size)


def wrap(text: str, font: ImageFont.FreeTypeFont, width: int, max_lines: int) -> list[str]:
    """`text` in at most `max_lines` lines no wider than `width`; what does not fit ends in an ellipsis."""
    # no line breaks, tabs or controls
    plain = "".join(c if c.isprintable() else " " for c in text[:_LONGEST])
    lines: list[str] = []
    line = ""
    for word in plain.split():
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width and len(lines) <= max_lines:  # a word longer than a line is cut
            cut = _fitting(line, font, width)
            lines.append(line[:cut])
            line = line[cut:]
        if len(lines) > max_lines:
            break
    if line:
        lines.append(line)
    if lines and (len(lines) > max_lines or len(text) > _LONGEST):  # no lines: the text was all spaces
        lines = lines[:max_lines]
        lines[-1] = _with_ellipsis(lines[-1], font, width)
    return lines or [""]


def _fitting(text: str, font: ImageFont.FreeTypeFont, width: int, suffix: str = "") -> int:
    """How many leading characters of `text` (followed by `suffix`) fit in `width`: at least one."""
    low, high = 1, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle] + suffix) <= width:
            low = middle
        else:
            high = middle - 1
    return low


def _with_ellipsis(line: str, font: ImageFont.FreeTypeFont, width: int) -> str:
    if font.getlength(line + _ELLIPSIS) <= width:
        return line + _ELLIPSIS
    return line[:_fitting(line, font, width, _ELLIPSIS)].rstrip() + _ELLIPSIS


def draw(card: ShareCard) -> bytes:
    """The card as a 1200×630 PNG."""
    output = io.BytesIO()
    # A card has few colours: 16 of them keep the antialiasing, in 4 bits a pixel. Mapping each card onto
    # the palette of a reference card in its colour (no dithering) takes a fifth of the time of finding its
    # own, and a card's PNG never depends on which card was drawn first. Run-length compression suits the long
    # runs of one colour: with 4-bit pixels it encodes in 60 % of the time of 32 colours at zlib's default, in
    # as many bytes (about 10 KiB).
    _canvas(card).quantize(palette=_palette(card.colour), dither=Image.Dither.NONE).save(
        output, "PNG", bits=4, compress_type=zlib.Z_RLE)
    return output.getvalue()


@cache
def _palette(colour: str) -> Image.Image:
    """The 16 colours (fast octree) of a reference card in `colour`: background, inks, the verdict's colour
    and the antialiasing between them."""
    reference = ShareCard(title="Reference card Ag", claim_id="reference", speaker="Reference Ag",
                          date="6 March 2025", verdict="Reference", colour=colour, site_name="Reference Ag")
    return _canvas(reference).quantize(16, method=Image.Quantize.FASTOCTREE)


def _canvas(card: ShareCard) -> Image.Image:
    """The card drawn in full colour."""
    image = Image.new("RGB", (WIDTH, HEIGHT), _BACKGROUND)
    pen = ImageDraw.Draw(image)
    colour = _rgb(card.colour)
    pen.rectangle((0, 0, 23, HEIGHT), fill=colour)  # the verdict's colour down the left edge
    text_width = WIDTH - 2 * MARGIN
    small = font(True, 30)
    if card.site_name:
        pen.text((MARGIN, 52), wrap(card.site_name, small, text_width, 1)[0], font=small, fill=_MUTED)
    title_font = font(True, 58)
    for number, line in enumerate(wrap(card.title, title_font, text_width, 4)):
        pen.text((MARGIN, 116 + number * 72), line, font=title_font, fill=_INK)
    label_font = font(True, 38)
    label = wrap(card.verdict or "Not rated", label_font, text_width - 48, 1)[0]
    right = pen.textbbox((MARGIN + 24, 434), label, font=label_font)[2]
    pen.rounded_rectangle((MARGIN, 422, right + 24, 434 + 38 + 16), radius=10, fill=colour)
    pen.text((MARGIN + 24, 434), label, font=label_font, fill=label_ink(card.colour))
    speaker_font, date_font = font(True, 34), font(False, 34)
    pen.text((MARGIN, 516), wrap(card.speaker, speaker_font, text_width, 1)[0], font=speaker_font, fill=_INK)
    pen.text((MARGIN, 562), wrap(card.date, date_font, text_width, 1)[0], font=date_font, fill=_MUTED)
    return image


def cache_folder(name: str = "share-images") -> Path:
    """Where share images (and graph layouts) outlive a build: the user's cache folder, never the repository,
    where a pull request could plant an image under a claim's key."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mkdocs-claims" / name


class ShareImages:
    """The PNGs of the last build by key: a rebuild (`mkdocs serve`) draws only the cards that changed, and
    with a `folder` a separate build (`mkdocs build`) finds the images an earlier one drew there.

    An image kept in the folder is handed out as its path, not its bytes: a 25,000-claim build would otherwise
    hold a quarter of a gigabyte of PNGs until its last file is written."""

    def __init__(self, folder: Path | None = None) -> None:
        self.images: dict[str, bytes | Path] = {}
        self.folder = folder
        self.drawn = 0  # how many images this cache has drawn, for tests and benchmarks

    def update(self, cards: list[ShareCard]) -> dict[str, bytes | Path]:
        """Key -> image of each card (its file in the folder, else its bytes): the last build's where it is
        unchanged, else the folder's, else drawn. Images no card shows are forgotten, so memory follows the
        content."""
        wanted = {card.key(): card for card in cards}
        found = {key: self.images.get(key) or self._stored(key) for key in wanted}
        missing = [card for key, card in wanted.items() if found[key] is None]
        # Pillow lets go of the GIL while it quantizes and compresses: threads draw about twice as fast on 2
        # cores.
        with ThreadPoolExecutor(max_workers=max(1, min(len(missing), os.cpu_count() or 1))) as pool:
            drawn = {card.key(): self._store(card.key(), image)
                     for card, image in zip(missing, pool.map(draw, missing), strict=True)}
        self.drawn += len(drawn)
        self.images = {key: found[key] or drawn[key] for key in wanted}
        return self.images

    def _stored(self, key: str) -> Path | None:
        if self.folder is None:
            return None
        path = self.folder / f"{key}.png"
        return path if path.is_file() else None

    def _store(self, key: str, image: bytes) -> bytes | Path:
        """Kept for the next build, and handed out as its file; a cache that cannot be written only costs
        time and memory, so its errors are ignored and the bytes handed out instead."""
        if self.folder is None:
            return image
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            # written whole, then renamed: never half an image
            partial = self.folder / f"{key}.{os.getpid()}.part"
            partial.write_bytes(image)
            os.replace(partial, self.folder / f"{key}.png")
        except OSError:
            return image
        return self.folder / f"{key}.png"
