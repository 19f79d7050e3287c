"""Problems found in the content: what is wrong, where, and how to fix it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from typing import Literal, get_args

# Every kind of problem `claims check` reports, by its code: in `--format json`, and documented with an
# example in docs/format.md ("Problem codes"), which tests/test_problem_codes.py keeps equal to this list. A
# Literal, so that mypy refuses a code that is not one of them.
Code = Literal[
    # the file itself
    "missing-content-folder", "invalid-file-name", "duplicate-id", "refused-file", "unpublished-file",
    "unreadable-file", "not-utf8", "empty-file", "size-limit",
    # YAML
    "yaml-syntax", "yaml-reference", "yaml-tag", "comment-in-text", "control-character", "not-a-record",
    "invalid-field-name", "duplicate-field",
    # the fields, against the JSON Schemas
    "missing-field", "unknown-field", "empty-value", "wrong-type", "invalid-date", "invalid-value",
    "duplicate-entry",
    # between records
    "placeholder", "unknown-reference", "reserved-id", "unknown-verdict", "verdict-note", "invalid-relation",
    "unlisted-source", "misplaced-citation", "quotation-marks", "self-review", "date-order",
    "future-date", "invisible-character", "mixed-script", "look-alike-name",
    # Markdown
    "link-syntax", "broken-link", "unsafe-link", "remote-image", "removed-html", "markdown-limit",
    # hand-written pages and mkdocs.yml
    "front-matter", "invalid-option",
]
CODES: frozenset[str] = frozenset(get_args(Code))


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
    code: Code  # what kind of problem it is: stable, for scripts (the message may change)
    hint: str = ""

    def __str__(self) -> str:
        text = f"{self.path}:{self.line}:{self.column}: {self.message}"
        if self.hint:
            text += f" (hint: {self.hint})"
        return text

    def as_github(self) -> str:
        # GitHub's workflow commands need %, CR and LF escaped in the message
        # and also , and : in properties.
        def data(value: str) -> str:
            return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

        def prop(value: str) -> str:
            return data(value).replace(":", "%3A").replace(",", "%2C")

        text = self.message + (f" (hint: {self.hint})" if self.hint else "")
        return (
            f"::error file={prop(self.path)},line={self.line},col={self.column},"
            f"title={prop('claims check')}::{data(text)}"
        )


@dataclass
class Problems:
    """Collects every problem of a run, so all of them are reported at once."""

    items: list[Problem] = field(default_factory=list)

    def add(self, path: str, position: tuple[int, int], message: str, hint: str = "", *, code: Code) -> None:
        line, column = position
        self.items.append(Problem(path, line, column, message, code, hint))

    def extend(self, other: Problems) -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(set(self.items))  # as many as are printed

    def __iter__(self) -> Iterator[Problem]:
        return iter(self.sorted())

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def as_text(self) -> str:
        return "\n".join(str(problem) for problem in self.sorted())

    def as_json(self) -> list[dict]:
        return [asdict(problem) for problem in self.sorted()]

    def report(self) -> str:
        """How many problems there are, then each: what an engine that must stop on invalid content says."""
        count = len(self)
        return f"{count} {'problem' if count == 1 else 'problems'} in the claims content:\n{self.as_text()}"


def code_block(text: str, language: str = "") -> str:
    """`text` as a Markdown fenced code block that no line of it can close: the fence is longer than
    any run of backticks in the text (CommonMark closes a fence only with at least as many)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"
