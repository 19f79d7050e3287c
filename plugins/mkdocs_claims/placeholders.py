"""Placeholders left by a `claims new` skeleton: each reported as unfinished, and not also as a wrong
value."""

from __future__ import annotations

from . import schema
from .document import Document
from .problems import Problems

PLACEHOLDER = "TODO"  # a text value starting with this is a placeholder left by `claims new`


class Placeholders:
    def __init__(self, problems: Problems):
        self.problems = problems
        self.positions: set[tuple[str, int, int]] = set()  # (path, line, column) of placeholder values

    def report(self, kind: str, document: Document) -> None:
        """Every text of the file still starting with TODO, at its line."""
        if PLACEHOLDER in document.source:
            self._report(kind, document, document.data, ())

    def _report(self, kind: str, document: Document, value: object, at: tuple) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                self._report(kind, document, item, at + (key,))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                self._report(kind, document, item, at + (index,))
        elif isinstance(value, str) and value.startswith(PLACEHOLDER):
            position = document.at(at)
            self.positions.add((document.path, *position))
            if document.styles.get(at) in ("|", ">"):  # a block: where its text starts, below the indicator
                position = document.text_position(at, 0)
                self.positions.add((document.path, *position))
            shown = "".join(f"[{s}]" if isinstance(s, int) else f".{s}" for s in at).lstrip(".")
            text = value.strip().splitlines()[0] if value.strip() else value
            text = text if len(text) <= 70 else text[:67] + "..."
            self.problems.add(document.path, position,
                              f"unfinished: replace the placeholder in `{shown}`: {text}",
                              _hint(kind, at, document.data),
                              code="placeholder")

    def drop_wrong_values(self) -> None:
        """Leaves out the other problems at a placeholder: "write the real value" says all."""
        if self.positions:
            self.problems.items = [p for p in self.problems.items if p.code == "placeholder"
                                   or (p.path, p.line, p.column) not in self.positions]


def _hint(kind: str, at: tuple, data: object) -> str:
    """Deleting is offered only for what may be left out: an optional field, or an entry of an optional
    list (the whole list when it is the only entry: an empty list is an error of its own)."""
    if at[-1] == "archive_url":  # optional for the schema, but CONTRIBUTING expects one for every web source
        return ("save the page at https://web.archive.org/save or https://archive.today and write the copy's "
                "address: every web source needs an archived copy (CONTRIBUTING.md, \"Archived copies of web "
                "sources\")")
    if at[0] in schema.schema(kind).get("required", ()):
        return "write the real value"
    if len(at) == 1:
        return "write the real value, or delete the field if it does not apply"
    if isinstance(data, dict) and isinstance(data.get(at[0]), list) and len(data[at[0]]) == 1:
        return f"write the real value, or delete `{at[0]}` if it does not apply"
    return f"write the real value, or delete this entry of `{at[0]}` if it does not apply"
