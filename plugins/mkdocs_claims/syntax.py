"""YAML syntax errors told at the line of the mistake, in words a contributor understands, each with a hint.

libyaml often notices a mistake one line late (a missing `:` when it reaches the next line, an
unclosed quote at the end of the file) and names it in parser terms. Its error kinds are few:
each is mapped here to where the mistake really is and to what usually causes it.
"""

from __future__ import annotations

import re

import yaml

_QUOTES = "\"'"
_BLOCK_INDICATOR = re.compile(r"(?:^|:\s|-\s)\s*[|>][-+0-9]*\s*(?:#.*)?$")
_KEY = re.compile(r"^\s*(?:-\s+)?[^\s#'\"][^:#]*:(?:\s|$)")
# `  - text: …`: group 1 ends where the field starts
_ITEM_FIELD = re.compile(r"^(\s*-\s+)([^\s#'\"][^:#]*):(?:\s|$)")
_DASH_WITHOUT_SPACE = re.compile(r"^\s*-[^\s-]")  # `-text: …`, meant as `- text: …`
FALLBACK_HINT = "check this line and the one above for a missing `:`, a stray quote mark or wrong indentation"


def explain(error: yaml.MarkedYAMLError, text: str) -> tuple[tuple[int, int], str, str]:
    """(1-based line and column of the mistake, message, hint) for one libyaml error."""
    # Long on purpose: one flat table of libyaml's messages, tried in an order that matters (a tab before a
    # missing colon, a flow context before a missing key); split, that order would be spread over functions.
    lines = text.split("\n")
    problem = (error.problem or "invalid YAML").strip()
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    here = (mark.line, mark.column) if mark else (0, 0)
    opened = (error.context_mark.line, error.context_mark.column) if error.context_mark else here
    line = lines[here[0]] if here[0] < len(lines) else ""
    char = line[here[1]:here[1] + 1]

    if "nesting depth" in problem:
        return (_at(here), problem,
                "claim files need only a few levels of lists and fields; flatten the structure")
    if "tab" in problem or char == "\t":
        return _at(here), "a tab character in the indentation", "indent with spaces, not tabs"
    if "mapping values are not allowed" in problem:
        return _colon(lines, here)
    if "could not find expected ':'" in problem:
        # Noticed on the next line; the mistake is the line the key started on.
        return (_at(opened), "this line has no `:` after its field name",
                "write `name: value`; a line that continues the text above must be indented under it, "
                "or the whole text put in quotes")
    if "quoted scalar" in context and ("end of stream" in problem or "document" in problem):
        return (_at(opened),
                f"the quote mark {_char_shown(lines, opened)} that opens this value is never closed",
                "end the value with the same quote mark; inside double quotes write a quote mark as \\\", "
                "inside single quotes as ''")
    if "unknown escape" in problem or "hexdecimal" in problem:
        return (_at(here), "an unknown escape after a backslash inside double quotes",
                "write a backslash as \\\\, or put the value in single quotes, where a backslash is plain "
                "text")
    if "flow" in context or "node content" in problem:
        if not char and mark and "node content" in problem:  # the file ended inside `[…]`: where it opened
            start = max(text.rfind("[", 0, mark.index), text.rfind("{", 0, mark.index))
            if start >= 0:
                opened = (text.count("\n", 0, start), start - (text.rfind("\n", 0, start) + 1))
        if opened[0] != here[0] and "flow" in context:
            return (_at(opened), "a list or group opened with `[` or `{` on this line is not closed",
                    "close it on the same line (`[a, b]`), or write one item per line as `- item`")
        return (_at(here), f"unexpected {_shown(char)} inside a `[…]` or `{{…}}` value",
                "put items that contain `:`, `,`, `[` or `]` in quotes, or write one item per line as `- "
                "item`")
    if "did not find expected key" in problem:
        return _expected_key(lines, here)
    if "expected '-' indicator" in problem:
        return _not_an_item(lines, here, opened)
    if "mapping keys are not allowed" in problem:
        return (_at(here), "`? ` inside a value that is not in quotes",
                "`? ` starts a YAML key: put the whole value in quotes, e.g. \"? …\"")
    if "sequence entries are not allowed" in problem:  # e.g. `claim: - text`
        return (_at(here), "a value cannot start with `- `",
                "put the whole value in quotes, e.g. \"- …\", or start a list on the line after its field, "
                "e.g. `sources:` then `  - isw`")
    if "cannot start any token" in problem:
        return (_at(here), f"a value cannot start with {_shown(char)}",
                f"put the whole value in quotes, e.g. \"{char}…\"")
    if "block scalar" in context:
        return (_at(here), "text after `|` or `>` on the same line",
                "after `|` or `>` the text starts on the next line, indented; "
                "for a one-line text, remove the `|` or `>`")
    if "directive" in context:
        return (_at(opened), "a line cannot start with `%`", "put the value in quotes")
    if "document start" in problem:
        return (_line_start(lines, here), "the `...` line above ends the record early",
                "remove the `...` line, or put that text in quotes")
    if "tag" in context:
        return (_at(opened), "a value cannot start with `!`", "put the whole value in quotes, e.g. \"!…\"")
    if "end of stream" in problem:
        return _at(opened), problem, "a quote mark or bracket may not be closed"
    return _at(here), problem, FALLBACK_HINT


def _at(position: tuple[int, int]) -> tuple[int, int]:
    return position[0] + 1, position[1] + 1


def _char_shown(lines: list[str], position: tuple[int, int]) -> str:
    line = lines[position[0]] if position[0] < len(lines) else ""
    return _shown(line[position[1]:position[1] + 1])


def _shown(char: str) -> str:
    return f"`{char}`" if char and char != "`" else ("a backtick" if char else "the end of the line")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _line_start(lines: list[str], here: tuple[int, int]) -> tuple[int, int]:
    line = lines[here[0]] if here[0] < len(lines) else ""
    return here[0] + 1, _indent(line) + 1


def _previous_content(lines: list[str], index: int) -> int | None:
    """The index of the nearest line above that is neither blank nor a comment."""
    for above in range(index - 1, -1, -1):
        stripped = lines[above].strip()
        if stripped and not stripped.startswith("#"):
            return above
    return None


def _over_indented(lines: list[str], index: int) -> bool:
    """A `key:` line indented deeper than the `key: value` line above it, which it cannot belong to."""
    above = _previous_content(lines, index)
    if above is None or not _KEY.match(lines[index]):
        return False
    previous = lines[above]
    value = previous.split(":", 1)[1].strip() if _KEY.match(previous) else ""
    opens_nested = not value or value.startswith("#") or _BLOCK_INDICATOR.search(previous)
    return _indent(lines[index]) > _indent(previous) and not opens_nested


def _not_an_item(lines: list[str], here: tuple[int, int],
                 opened: tuple[int, int]) -> tuple[tuple[int, int], str, str]:
    """A line inside a list that does not start with `- `: which way it should move follows from the columns
    of the list's `-` and of the fields of the item above it."""
    index = here[0]
    if index < len(lines) and _DASH_WITHOUT_SPACE.match(lines[index]):
        return _dash_without_space(lines, index)
    indent = _indent(lines[index]) if index < len(lines) else 0
    dash = opened[1]
    item = next((above for above in range(index - 1, opened[0] - 1, -1)
                 if _indent(lines[above]) == dash and lines[above].lstrip().startswith("-")), None)
    field = _ITEM_FIELD.match(lines[item]) if item is not None else None
    if item is not None and field and dash < indent < len(field.group(1)):
        column = len(field.group(1))
        return (_line_start(lines, here),
                "this line is indented more than the `-` of the list item above it, "
                                          "but less than that item's fields",
                f"move it right to column {column + 1}, to line up with `{field.group(2).strip()}` on line "
                f"{item + 1}, or start it with `- ` if it is another item")
    owner = _previous_content(lines, opened[0])
    name = _KEY.match(lines[owner]) if owner is not None else None
    if owner is not None and name and _indent(lines[owner]) < indent:
        key = name.group(0).strip().rstrip(":").lstrip("- ")
        left = (f"move it left to column {_indent(lines[owner]) + 1}, to line up with `{key}` on line "
                f"{owner + 1}")
    else:
        left = "move it to the column of the record's fields"
    return (_line_start(lines, here), "this line is indented like the list items above it, but is not one",
            f"start it with `- ` if it is another item; if it is a field of the record, {left}")


def _dash_without_space(lines: list[str], index: int) -> tuple[tuple[int, int], str, str]:
    return (_at((index, _indent(lines[index]))), "a `-` without a space after it does not start a list item",
            "write a space after the `-`, e.g. `- text: …`")


def _colon(lines: list[str], here: tuple[int, int]) -> tuple[tuple[int, int], str, str]:
    index = here[0]
    line = lines[index] if index < len(lines) else ""
    above = _previous_content(lines, index)
    if (above is not None and _DASH_WITHOUT_SPACE.match(lines[above])
            and _indent(line) > _indent(lines[above])):
        # `-text: a` is a field named `-text`, so the next line of the item looks over-indented: the mistake
        # is above.
        return _dash_without_space(lines, above)
    if _over_indented(lines, index):
        return (_line_start(lines, here), "this line is indented more than the field above it",
                "fields of one record start in the same column: remove the extra spaces at the start of this "
                "line")
    value = line.split(": ", 1)[1].lstrip() if ": " in line else ""
    if value[:1] and value[0] in _QUOTES:
        return _after_quote(here, value[0])
    return (_at(here), "`: ` inside a value that is not in quotes",
            "a value containing `: ` must be quoted, e.g. title: \"Putin: no concessions\"")


def _after_quote(here: tuple[int, int], quote: str) -> tuple[tuple[int, int], str, str]:
    inner = '\\"' if quote == '"' else "''"
    return (_at(here), "text after the closing quote mark of a value",
            f"put the whole value in one pair of quotes; a quote mark inside it is written {inner}")


def _in_block_text(lines: list[str], index: int) -> bool:
    """Whether the line follows a `|` or `>` text, so it was meant as one of the text's lines."""
    above = _previous_content(lines, index)
    while above is not None:
        if _BLOCK_INDICATOR.search(lines[above]):
            return _indent(lines[index]) > _indent(lines[above])
        if _indent(lines[above]) <= _indent(lines[index]):
            return False
        above = _previous_content(lines, above)
    return False


def _expected_key(lines: list[str], here: tuple[int, int]) -> tuple[tuple[int, int], str, str]:
    index = here[0]
    line = lines[index] if index < len(lines) else ""
    before = line[:here[1]].rstrip()
    if before and before[-1] in _QUOTES and ": " in before:
        return _after_quote(here, before[-1])
    if line.lstrip().startswith("- "):
        return (_line_start(lines, here), "a list item where a field was expected",
                "list items go under a field that takes a list, each indented the same, e.g. `sources:` "
                "then `  - isw`")
    if _in_block_text(lines, index):
        return (_line_start(lines, here),
                "this line of a `|` or `>` text is indented less than its first line",
                "indent every line of the text at least as much as its first line")
    return (_line_start(lines, here), "this line does not line up with the fields above it",
            "fields of one record start in the same column, and the fields of a list item line up under "
            "its first field")
