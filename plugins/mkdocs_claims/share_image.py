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

from .cache_files import write_whole

WIDTH, HEIGHT = 1200, 630
MARGIN = 72
_VERSION = "4"  # part of every key: a change of the layout below redraws every image
_BACKGROUND = (250, 250, 250)
_INK = (17, 17, 17)
_MUTED = (68, 68, 68)  # 9.6:1 on the background
_UNRATED = "#546e7a"  # the colour claims.css gives a verdict without one of its own
_WHITE = (255, 255, 255)
TEXT_WIDTH = WIDTH - 2 * MARGIN
_LABEL_TOP, _LABEL_HEIGHT = 422, 66  # the verdict's box, its text 12 px below its top
# The palette: the greys the text is drawn in (the background, then evenly spaced antialiasing to the muted
# ink and on to the ink), the verdict's colour, three blends for the antialiasing of its label, and the
# label's ink. Each grey of the drawing (0-255) maps to the palette's nearest, each coverage of the label
# (0-255) to the nearest step from the verdict's colour to the label's ink.
_GREYS = (_BACKGROUND[0], 227, 204, 181, 158, 135, 112, 89, _MUTED[0], 43, _INK[0])
_STRIPE = len(_GREYS)  # the index of the verdict's colour
_LABEL_STEPS = 4
_GREY_INDEX = [min(range(len(_GREYS)), key=lambda index: abs(_GREYS[index] - grey)) for grey in range(256)]
_LABEL_INDEX = [_STRIPE + round(coverage * _LABEL_STEPS / 255) for coverage in range(256)]
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
    return _WHITE if contrast(_WHITE, background) >= contrast(_INK, background) else _INK


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
    """The card as a 1200×630 PNG of 16 colours (4 bits a pixel, 10-20 KiB)."""
    # Everything but the verdict's colour is grey: the card is drawn in one byte a pixel ("L"), where text is
    # antialiased as in RGB at a third of the cost, each grey then mapped to the nearest of the palette's
    # (the 256-entry table `_GREY_INDEX`) and the verdict's stripe and label pasted in as palette indices.
    # No colour is searched for, and the palette holds exactly the stylesheet's colours. Run-length
    # compression suits the long runs of one colour.
    card_image = _greys(card).point(_GREY_INDEX)
    card_image.paste(_STRIPE, (0, 0, 24, HEIGHT))  # the verdict's colour down the left edge
    label, shape = _label(card.verdict or "Not rated")
    card_image.paste(label, (MARGIN, _LABEL_TOP), shape)
    card_image.putpalette(_palette(card.colour))
    output = io.BytesIO()
    card_image.save(output, "PNG", compress_type=zlib.Z_RLE)
    return output.getvalue()


def _greys(card: ShareCard) -> Image.Image:
    """The card's text on its background, in greys: the site's name (drawn once a build), the title, the
    speaker and the date."""
    image = _with_site_name(card.site_name).copy()
    pen = ImageDraw.Draw(image)
    title_font = font(True, 58)
    for number, line in enumerate(wrap(card.title, title_font, TEXT_WIDTH, 4)):
        pen.text((MARGIN, 116 + number * 72), line, font=title_font, fill=_INK[0])
    speaker_font, date_font = font(True, 34), font(False, 34)
    pen.text((MARGIN, 516), wrap(card.speaker, speaker_font, TEXT_WIDTH, 1)[0], font=speaker_font,
             fill=_INK[0])
    pen.text((MARGIN, 562), wrap(card.date, date_font, TEXT_WIDTH, 1)[0], font=date_font, fill=_MUTED[0])
    return image


@lru_cache(maxsize=4)
def _with_site_name(site_name: str) -> Image.Image:
    """The background with the site's name, which every card of a site shows alike."""
    image = Image.new("L", (WIDTH, HEIGHT), _BACKGROUND[0])
    if site_name:
        small = font(True, 30)
        ImageDraw.Draw(image).text((MARGIN, 52), wrap(site_name, small, TEXT_WIDTH, 1)[0], font=small,
                                   fill=_MUTED[0])
    return image


@lru_cache(maxsize=64)  # a scale has a few verdicts
def _label(verdict: str) -> tuple[Image.Image, Image.Image]:
    """The verdict's label as palette indices (its box in the verdict's colour, the text in the label's ink)
    and the box's rounded shape, to paste at (MARGIN, _LABEL_TOP); drawn once a build."""
    label_font = font(True, 38)
    text = wrap(verdict, label_font, TEXT_WIDTH - 48, 1)[0]
    width = int(label_font.getbbox(text)[2]) + 48  # 24 px each side of the text
    coverage = Image.new("L", (width + 1, _LABEL_HEIGHT + 1), 0)
    ImageDraw.Draw(coverage).text((24, 12), text, font=label_font, fill=255)
    shape = Image.new("L", coverage.size, 0)
    ImageDraw.Draw(shape).rounded_rectangle((0, 0, width, _LABEL_HEIGHT), radius=10, fill=255)
    return coverage.point(_LABEL_INDEX), shape


@cache
def _palette(colour: str) -> list[int]:
    """The 16 colours of a card in the verdict's `colour`, as `_GREY_INDEX` and `_LABEL_INDEX` number
    them."""
    verdict, ink = _rgb(colour), label_ink(colour)
    blends = [tuple(round(v + (i - v) * step / _LABEL_STEPS) for v, i in zip(verdict, ink, strict=True))
              for step in range(_LABEL_STEPS + 1)]
    return [value for grey in _GREYS for value in (grey, grey, grey)] + [v for rgb in blends for v in rgb]


def cache_folder(name: str = "share-images") -> Path:
    """Where share images (and graph layouts) outlive a build: the user's cache folder, never the repository,
    where a pull request could plant an image under a claim's key."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "mkdocs-claims" / name


class ShareImages:
    """The PNGs of the last build by key: a rebuild (`mkdocs serve`) draws only the cards that changed, and
    with a `folder` a separate build (`mkdocs build`) finds the images an earlier one drew there.

    An image kept in the folder is handed out as its path, not its bytes: a 25,000-claim build would otherwise
    hold a quarter of a gigabyte of PNGs until its last file is written. The plugin puts it into the site as
    a hard link (`cache_files.place`), so a kept file's name records the SHA-256 of its bytes
    (`<key>.<sha256>.png`), and a file whose bytes no longer match, written into through a site, is drawn
    again."""

    def __init__(self, folder: Path | None = None) -> None:
        self.images: dict[str, bytes | Path] = {}
        self.folder = folder
        self.drawn = 0  # how many images this cache has drawn, for tests and benchmarks

    def update(self, cards: list[ShareCard]) -> dict[str, bytes | Path]:
        """Key -> image of each card (its file in the folder, else its bytes): the last build's where it is
        unchanged, else the folder's, else drawn. Images no card shows are forgotten, so memory follows the
        content."""
        wanted = {card.key(): card for card in cards}
        kept = self._kept()
        found = {key: self._found(key, kept) for key in wanted}
        missing = [card for key, card in wanted.items() if found[key] is None]
        # Pillow lets go of the GIL while it draws text and compresses: threads draw faster on 2 cores.
        with ThreadPoolExecutor(max_workers=max(1, min(len(missing), os.cpu_count() or 1))) as pool:
            drawn = {card.key(): self._store(card.key(), image)
                     for card, image in zip(missing, pool.map(draw, missing), strict=True)}
        self.drawn += len(drawn)
        self.images = {key: found[key] or drawn[key] for key in wanted}
        return self.images

    def _found(self, key: str, kept: dict[str, list[Path]]) -> bytes | Path | None:
        """The last build's image of `key`, else the folder's, where it is intact."""
        for image in (self.images.get(key), *kept.get(key, [])):
            if (intact := _intact(image)) is not None:
                return intact
        return None

    def _kept(self) -> dict[str, list[Path]]:
        """Key -> the folder's files of that key, found by their names in one listing of the folder."""
        found: dict[str, list[Path]] = {}
        try:
            with os.scandir(self.folder or "") as entries:
                for entry in entries:
                    if _KEPT_NAME.fullmatch(entry.name):
                        found.setdefault(entry.name[:64], []).append(Path(entry.path))
        except OSError:  # no folder, or none yet
            pass
        return found

    def _store(self, key: str, image: bytes) -> bytes | Path:
        """Kept for the next build, and handed out as its file; a cache that cannot be written only costs
        time and memory, so its errors are ignored and the bytes handed out instead."""
        if self.folder is None:
            return image
        kept = self.folder / f"{key}.{hashlib.sha256(image).hexdigest()}.png"
        return kept if write_whole(kept, image) else image  # never into a file a site links


_KEPT_NAME = re.compile(r"[0-9a-f]{64}\.[0-9a-f]{64}\.png")


def _intact(image: bytes | Path | None) -> bytes | Path | None:
    """`image` if it is bytes, or a kept file whose bytes are still those its name records; else None (a
    damaged file is removed: the image is drawn again)."""
    if not isinstance(image, Path):
        return image
    try:
        if hashlib.sha256(image.read_bytes()).hexdigest() == image.name.split(".")[1]:
            return image
        image.unlink()
    except OSError:
        pass
    return None
