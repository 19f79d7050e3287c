"""Names that look like another's: a person, topic or source whose name differs from another's only by
invisible characters (a zero-width space, a soft hyphen, a word joiner) or by compatibility forms (full-width
letters, a no-break space, a ligature: what NFKC folds) would pass as the same one on every page, so a
contributor could add a fake "same" person. And an invisible character in a name or title is never seen in
review, but for the zero-width joiners that some scripts need inside their words.

Ids need none of this: they are lowercase ASCII (`model.ID`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Invisible, beyond the format characters (category Cf): the combining grapheme joiner, Hangul fillers and
# Khmer's inherent vowels, which show nothing; and variation selectors, which choose a glyph of the character
# before them (an ideograph's variant in a Japanese name): allowed in a name, but they make no other one.
_OTHER_INVISIBLE = frozenset("\u034f\u115f\u1160\u17b4\u17b5\u3164\uffa0")
_VARIATION_SELECTOR = re.compile("[\ufe00-\ufe0f\U000e0100-\U000e01ef]")
_JOINERS = frozenset("\u200c\u200d")
# Scripts whose words need a zero-width joiner or non-joiner between letters (Persian's and Hindi's, for
# instance), by the first word of the letters' Unicode names.
_JOINING_SCRIPTS = frozenset({"ARABIC", "SYRIAC", "NKO", "MONGOLIAN", "DEVANAGARI", "BENGALI", "GURMUKHI",
                              "GUJARATI", "ORIYA", "TAMIL", "TELUGU", "KANNADA", "MALAYALAM", "SINHALA",
                              "KHMER", "MYANMAR", "TIBETAN", "THAANA"})
_SPACES = re.compile(r"\s+")


def _invisible(character: str) -> bool:
    return unicodedata.category(character) == "Cf" or character in _OTHER_INVISIBLE


def _needs_joiners(character: str) -> bool:
    return (unicodedata.category(character)[0] in "LM"
            and unicodedata.name(character, "").split(" ")[0] in _JOINING_SCRIPTS)


def _joins_a_word(text: str, index: int) -> bool:
    """Whether the joiner at `index` follows a letter (or mark) of a script that needs it, and no letter of
    another script follows it (a Malayalam chillu is written with a joiner at the word's end), or stands
    between two pictographs (an emoji sequence)."""
    if index == 0:
        return False
    before, after = text[index - 1], text[index + 1] if index + 1 < len(text) else ""
    if unicodedata.category(before) == "So" and after and unicodedata.category(after) == "So":
        return text[index] == "\u200d"
    return _needs_joiners(before) and (not after or not unicodedata.category(after).startswith("L")
                                       or _needs_joiners(after))


def invisible_characters(text: str) -> Iterator[tuple[int, str]]:
    """(offset, character) of every invisible character in a name or title that no script needs there."""
    for index, character in enumerate(text):
        if _invisible(character) and not (character in _JOINERS and _joins_a_word(text, index)):
            yield index, character


def skeleton(text: str) -> str:
    """What a reader sees of a name: its compatibility forms folded (NFKC), without invisible characters and
    variation selectors, its spaces as one (HTML shows a run of spaces as one)."""
    folded = unicodedata.normalize("NFKC", text)
    visible = "".join(c for c in _VARIATION_SELECTOR.sub("", folded) if not _invisible(c))
    return _SPACES.sub(" ", visible).strip()


def code_point(character: str) -> str:
    """`U+200B (ZERO WIDTH SPACE)`: how a message names a character nobody can see."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def differences(text: str) -> str:
    """The characters of `text` that its skeleton drops or folds, as a message names them."""
    shown = []
    for character in text:
        if character != " " and skeleton(character) != character and code_point(character) not in shown:
            shown.append(code_point(character))
    return ", ".join(shown[:3]) + (", …" if len(shown) > 3 else "")
