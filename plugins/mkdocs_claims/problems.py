"""Problems found in the content: what is wrong, where, and how to fix it."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """One mistake in one file, at a 1-based line and column."""

    path: str
    line: int
    column: int
    message: str
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

    def add(self, path: str, position: tuple[int, int], message: str, hint: str = "") -> None:
        line, column = position
        self.items.append(Problem(path, line, column, message, hint))

    def extend(self, other: "Problems") -> None:
        self.items.extend(other.items)

    def __bool__(self) -> bool:
        return bool(self.items)

    def __len__(self) -> int:
        return len(set(self.items))  # as many as are printed

    def __iter__(self):
        return iter(self.sorted())

    def sorted(self) -> list[Problem]:
        return sorted(set(self.items))

    def as_text(self) -> str:
        return "\n".join(str(problem) for problem in self.sorted())

    def as_json(self) -> list[dict]:
        return [asdict(problem) for problem in self.sorted()]


class ContentError(Exception):
    """Raised by engines that must stop when the content is invalid."""

    def __init__(self, problems: Problems):
        self.problems = problems
        count = len(problems)
        noun = "problem" if count == 1 else "problems"
        super().__init__(f"{count} {noun} in the claims content:\n{problems.as_text()}")


def code_block(text: str, language: str = "") -> str:
    """`text` as a Markdown fenced code block that no line of it can close: the fence is longer than
    any run of backticks in the text (CommonMark closes a fence only with at least as many)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def json_dump(data) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)
