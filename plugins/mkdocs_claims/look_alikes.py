"""Names that look like another's: a person, topic, source, publisher or team member whose name differs from
another's only by invisible characters (a zero-width space, a soft hyphen, a word joiner), by compatibility
forms (full-width letters, a no-break space, a ligature: what NFKC folds) or by letters that look alike,
across scripts or within one (a Cyrillic "а" for a Latin "a", "rn" for "m": Unicode's confusables, UTS #39),
would pass as the same one on every page, so a contributor could add a fake "same" person or impersonate a
publisher. A word that mixes scripts so that it passes for a word of one ("Vlаdimir" with a Cyrillic "а") is
never what its writer meant either; a name in Cyrillic ("Сергій Лавров") writes each word in one script, and
passes. And an invisible character in a name or title is never seen in review, but for the zero-width
joiners that some scripts need inside their words.

Ids need none of this: they are lowercase ASCII (`model.ID`).
"""

from __future__ import annotations

import difflib
import functools
import re
import unicodedata
from collections.abc import Iterable, Iterator
from typing import TypeVar

from confusable_homoglyphs.categories import alias
from confusable_homoglyphs.utils import load as load_unicode_data

from .problems import Code

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
    if text.isprintable() and _OTHER_INVISIBLE.isdisjoint(text):
        return  # no format character (Python prints none), nor one of the others: most titles, quickly
    for index, character in enumerate(text):
        if _invisible(character) and not (character in _JOINERS and _joins_a_word(text, index)):
            yield index, character


def visible(text: str) -> str:
    """What a reader sees of a name: its compatibility forms folded (NFKC), without invisible characters and
    variation selectors, its spaces as one (HTML shows a run of spaces as one)."""
    shown = _VARIATION_SELECTOR.sub("", unicodedata.normalize("NFKC", text))
    if not (shown.isprintable() and _OTHER_INVISIBLE.isdisjoint(shown)):  # else nothing invisible: quickly
        shown = "".join(c for c in shown if not _invisible(c))
    return _SPACES.sub(" ", shown).strip()


@functools.cache
def _prototypes() -> dict[str, str]:
    """UTS #39's confusables: a character -> the prototype it looks like (Cyrillic "а" -> "a", "I" -> "l",
    "m" -> "rn"), from the Unicode data confusable-homoglyphs ships. The package keeps each line of Unicode's
    confusables.txt both ways (source -> prototype, prototype -> source); a source stands on one line only
    and a prototype is never a source, so a character with one partner is that partner's source when the
    partner has several, and when each has one, the source is the one written first (its line's order).
    Right-to-left characters come wrapped in left-to-right marks, which are no part of them."""
    partners: dict[str, list[str]] = {}
    for key, entries in load_unicode_data("confusables.json").items():
        partners.setdefault(key.replace("\u200e", ""), []).extend(
            entry["c"].replace("\u200e", "") for entry in entries)
    order = {key: index for index, key in enumerate(partners)}
    return {key: found[0] for key, found in partners.items()
            if len(key) == 1 and len(found) == 1
            and (len(partners.get(found[0], ())) > 1 or order[key] < order.get(found[0], -1))}


def skeleton(text: str) -> str:
    """UTS #39's skeleton of what a reader sees of a name: two names look the same where their skeletons are
    equal."""
    decomposed = unicodedata.normalize("NFD", visible(text))
    return unicodedata.normalize("NFD", decomposed.translate(_prototype_table()))


@functools.cache
def _prototype_table() -> dict[int, str]:
    return {ord(source): prototype for source, prototype in _prototypes().items()}


# Scripts that are no script of their own: spaces, digits and punctuation, and marks that take the script of
# the letter they sit on.
_NO_SCRIPT = frozenset({"COMMON", "INHERITED", "Unknown"})
# The scripts one word may mix (UTS #39's "highly restrictive" level): Japanese writes Han with kana, Chinese
# with bopomofo, Korean with hangul, and any of them with Latin.
_MIXES = (frozenset({"LATIN", "HAN", "HIRAGANA", "KATAKANA"}), frozenset({"LATIN", "HAN", "BOPOMOFO"}),
          frozenset({"LATIN", "HAN", "HANGUL"}))
_WORD = re.compile(r"[^\W\d_]+")


script_of = functools.cache(alias)  # a character's script (Unicode's Scripts.txt), a binary search: kept


@functools.cache
def _looks_like_scripts() -> dict[str, frozenset[str]]:
    """A prototype -> the scripts in which some character looks like it (the prototype's own included)."""
    scripts: dict[str, set[str]] = {}
    for source, prototype in _prototypes().items():
        for character in (source, prototype):
            scripts.setdefault(prototype, set()).update(
                {script_of(c) for c in character} - _NO_SCRIPT)
    return {prototype: frozenset(found) for prototype, found in scripts.items()}


def _written_in(character: str, script: str) -> bool:
    """Whether `character` is of `script`, or looks like a character of it."""
    if script_of(character) == script:
        return True
    prototype = _prototypes().get(character, character)
    return script in _looks_like_scripts().get(prototype, ())


def mixed_scripts(text: str) -> Iterator[tuple[int, str, str, str]]:
    """(offset, character, the word, the script it passes for) of the first letter of each word that mixes
    scripts so that the word passes for one written in one script (UTS #39's mixed-script confusables):
    "Vlаdimir" with a Cyrillic "а" passes for Latin, "Пyтин" with a Latin "y" for Cyrillic. Words of one
    script pass, whatever the script, and so do the mixes the scripts of East Asia write."""
    for word in _WORD.finditer(text):
        if word.group().isascii():
            continue  # Latin letters only: most words of most names
        scripts = set(map(script_of, word.group())) - _NO_SCRIPT
        if len(scripts) < 2 or any(scripts <= mix for mix in _MIXES):
            continue
        letters = [(word.start() + index, c, script_of(c)) for index, c in enumerate(word.group())]
        # The script the word passes for is the one most of its letters are written in.
        for script in sorted(scripts, key=lambda s: (-sum(found == s for _, _, found in letters), s)):
            others = [(offset, c) for offset, c, found in letters if found not in _NO_SCRIPT | {script}]
            if all(_written_in(c, script) for _, c in others):
                offset, character = others[0]
                yield offset, character, word.group(), script
                break


def unreadable_characters(text: str, what: str) -> Iterator[tuple[int, Code, str, str]]:
    """(offset, code, message, hint) of each invisible character and each word that mixes scripts in a name or
    title (`what`, e.g. "the name")."""
    if text.isascii():
        return  # no invisible character, and Latin letters only
    for offset, character in invisible_characters(text):
        yield (offset, "invisible-character", f"{what} holds an invisible character, {code_point(character)}",
               "delete it: nobody sees it on the page or in review, and a name with it passes for another")
    for offset, character, word, script in mixed_scripts(text):
        letters = script.title()
        yield (offset, "mixed-script",
               f"{what} mixes scripts in the word `{word}`: {code_point(character)} among {letters} letters",
               f"write the word in {letters} letters only: it looks {letters}, but search and sorting see "
               "another word, and it passes for another name")


def plain(text: str) -> bool:
    """Whether a name is written as it looks: no invisible character, no compatibility form, single spaces,
    no word that mixes scripts."""
    return visible(text) == text and not any(mixed_scripts(text))


Named = TypeVar("Named")


def look_alikes(named: Iterable[tuple[Named, str]]) -> Iterator[tuple[Named, str, Named, str]]:
    """(a name's owner, the name, the other's owner, the other name) for each name that looks the same as
    another of `named` but differs: each but the plainest of those that look alike (written as it looks, or
    the first) is one. The same name twice is no look-alike: namesakes, told apart by their roles."""
    groups: dict[str, list[tuple[Named, str]]] = {}
    for owner, name in named:
        groups.setdefault(skeleton(name), []).append((owner, name))
    for group in groups.values():
        if len({name for _, name in group}) < 2:
            continue
        original, original_name = next(((owner, name) for owner, name in group if plain(name)), group[0])
        for owner, name in group:
            if name != original_name:
                yield owner, name, original, original_name


def tell_apart(name: str, what: str) -> str:
    """What to do with a look-alike that is not the same one: write it plainly, or, where it is already plain
    (letters of one script that happen to look alike: "llya" and "Ilya"), so that readers see two."""
    return (f"write {what} in plain characters" if not plain(name)
            else f"write {what} so that readers can tell the two apart")


def code_point(character: str) -> str:
    """`U+200B (ZERO WIDTH SPACE)`: how a message names a character nobody can see."""
    name = unicodedata.name(character, "")
    return f"U+{ord(character):04X}" + (f" ({name})" if name else "")


def differences(text: str, other: str) -> str:
    """The characters in which `text` differs from `other`, a name that looks the same, as a message names
    them: those of `text` (of `other`, where `text` only leaves some out); "spaces" where only spaces
    differ."""
    changed: tuple[list[str], list[str]] = ([], [])
    for tag, start, end, other_start, other_end in difflib.SequenceMatcher(
            None, text, other, autojunk=False).get_opcodes():
        if tag != "equal":
            changed[0].extend(text[start:end])
            changed[1].extend(other[other_start:other_end])
    shown: list[str] = []
    for character in changed[0] if changed[0] and changed[0] != [" "] * len(changed[0]) else changed[1]:
        if character != " " and code_point(character) not in shown:
            shown.append(code_point(character))
    return ", ".join(shown[:3]) + (", …" if len(shown) > 3 else "") if shown else "spaces"
