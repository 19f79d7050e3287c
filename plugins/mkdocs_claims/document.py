"""One YAML file read into plain Python data that remembers where every key and value stood.

PyYAML's own constructors lose positions, silently keep the last of two duplicate keys and
expand aliases, so we let libyaml compose the node tree (fast, in C) and build the values
ourselves, refusing everything a claim file has no use for: aliases, anchors, merge keys,
custom tags, several documents, oversized or deeply nested input.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import syntax
from .files import HINT, Refused, TooLarge, read_bytes
from .problems import Code, Problems

try:  # libyaml parses about ten times faster than the pure-Python loader
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeLoader as Loader  # type: ignore[assignment]

MAX_FILE_BYTES = 256 * 1024
MAX_DEPTH = 12
MAX_STRING_CHARS = 100_000
MAX_LIST_ITEMS = 1_000

Path_ = tuple  # a path into the data: keys and list indices
# Where a text's lines start; for a folded text, its non-space characters in the text and in the file.
_Layout = tuple[list[int], list[int] | None, list[int] | None]

_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_TAG + name for name in ("str", "int", "float", "bool", "null", "timestamp", "value")}
# After an unquoted text, a space then `#` and a word: YAML reads a comment there and cuts the text short
# (`title: Condition #1 for talks` is "Condition"; a quote's `#Ukraine` is lost). A comment of our own starts
# `# ` (with a space).
_CUT_BY_COMMENT = re.compile(r"[ \t]+#(?=\S)")
# An anchor (&name) where YAML allows one: cheap to find, then confirmed by the parser.
# Control characters are invisible in an editor, break feeds and XML, and are never meant: C0 and C1 controls,
# lone surrogates (not text at all) and the noncharacters U+FFFE and U+FFFF. YAML can write them as escapes
# ("\x01", "\uFFFE") in double-quoted texts, so parsed values are checked, not only the file's bytes.
# Bidirectional embeddings, overrides and isolates too: one left open in a name or a title reverses what the
# page shows after it in the same paragraph, the site's own verdict included, and a reviewer sees none of it.
BIDI_CONTROLS = "\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff{BIDI_CONTROLS}]")
_ANCHOR_HINT = re.compile(r"(?:^|[\s\[{,])&[^\s\[\]{},]", re.MULTILINE)


@dataclass
class Document:
    """The data of one file, with 1-based (line, column) positions of its keys and values."""

    path: str
    # the record's fields: a file that is no mapping is refused
    data: dict[str, Any] = field(default_factory=dict)
    values: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    keys: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    styles: dict[Path_, str] = field(default_factory=dict)
    indents: dict[Path_, int] = field(default_factory=dict)
    # folded texts: where they stand in `source`
    spans: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    source: str = ""
    _layouts: dict[Path_, _Layout] = field(default_factory=dict, repr=False, compare=False)
    _line_starts: list[int] | None = field(default=None, repr=False, compare=False)

    def at(self, path: Path_) -> tuple[int, int]:
        """Where the value at `path` stands, or the closest enclosing one that exists."""
        path = tuple(path)
        while path:
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def key_at(self, path: Path_) -> tuple[int, int]:
        """Where the key of `path` stands (falls back to its value, then to its parents)."""
        path = tuple(path)
        return self.keys[path] if path in self.keys else self.at(path)

    def text_position(self, path: Path_, offset: int) -> tuple[int, int]:
        """Where character `offset` of the string at `path` stands in the file.

        A text can have thousands of positions asked (one per broken link), so what a lookup needs is
        computed once per text and each lookup is a binary search."""
        path = tuple(path)
        line, column = self.at(path)
        layout = self._layouts.get(path)
        if layout is None:
            layout = self._layouts[path] = self._layout(path)
        value_lines, value_visible, file_visible = layout
        if value_visible is not None and file_visible is not None:
            wanted = bisect.bisect_left(value_visible, offset)  # non-space characters before `offset`
            if wanted < len(file_visible):
                index = file_visible[wanted]
                row = bisect.bisect_right(self._source_lines(), index) - 1
                return row + 1, index - self._source_lines()[row] + 1
        newlines = bisect.bisect_right(value_lines, offset) - 1
        in_line = offset - value_lines[newlines]
        style = self.styles.get(path, "")
        if style in ("|", ">"):
            # Block scalars start on the line after their indicator, at their indentation.
            return line + 1 + newlines, self.indents.get(path, column) + in_line
        if newlines:
            return line + newlines, 1 + in_line
        return line, column + (1 if style in ("'", '"') else 0) + in_line

    def _layout(self, path: Path_) -> _Layout:
        """Where the lines of the text at `path` start; for a folded text, its non-space characters in the
        text and in the file (folding changes only whitespace, so the n-th of each are the same character)."""
        value: Any = self.data
        for step in path:
            value = value[step]
        lines = [0] + [index + 1 for index, char in enumerate(value) if char == "\n"]
        if path not in self.spans:
            return lines, None, None
        start, end = self.spans[path]
        style = self.styles.get(path, "")
        raw = self.source[start:end]
        if (style == '"' and "\\" in raw) or (style == "'" and "''" in raw):
            return lines, None, None  # escapes change the characters too
        if style == ">":
            start = self.source.find("\n", start, end) + 1  # the text starts after the `>` line
        elif style in ("'", '"'):
            start += 1
        value_visible = [index for index, char in enumerate(value) if not char.isspace()]
        file_visible = [index for index in range(start, end) if not self.source[index].isspace()]
        return lines, value_visible, file_visible

    def _source_lines(self) -> list[int]:
        if self._line_starts is None:
            self._line_starts = [0] + [index + 1 for index, char in enumerate(self.source) if char == "\n"]
        return self._line_starts


class _Refused(Exception):
    def __init__(self, position: tuple[int, int], message: str, hint: str = "", *, code: Code) -> None:
        self.position, self.message, self.hint, self.code = position, message, hint, code


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


class _Builder:
    """Turns a composed node tree into values, recording positions on the way."""

    def __init__(self, document: Document, problems: Problems, text: str) -> None:
        self.document = document
        self.problems = problems
        self.text_lines: list[str] | None = None
        self.text = text
        self.seen: set[int] = set()
        self.constructor = Loader("")  # only its scalar conversions are used
        self.has_control = bool(_CONTROL.search(text))  # one search per file, not one per text

    def build(self, node: yaml.Node, path: Path_, depth: int) -> Any:
        """The value of a node: a dict, list, text, number, boolean or None; a date stays text."""
        if id(node) in self.seen:
            raise _Refused(
                _position(node),
                "YAML aliases (*name) are not allowed",
                "write the value out in full; claim files never repeat data by reference",
                code="yaml-reference",
            )
        self.seen.add(id(node))
        if depth > MAX_DEPTH:
            raise _Refused(_position(node), f"the data is nested more than {MAX_DEPTH} levels deep",
                           "claim files need only a few levels; flatten the structure", code="size-limit")
        mark = node.start_mark
        self.document.values[path] = (mark.line + 1, mark.column + 1)
        tag = node.tag
        if isinstance(node, yaml.MappingNode):
            if tag != _TAG + "map":
                raise self._tag_refused(node)
            return self._mapping(node, path, depth)
        if isinstance(node, yaml.SequenceNode):
            if tag != _TAG + "seq":
                raise self._tag_refused(node)
            if len(node.value) > MAX_LIST_ITEMS:
                raise _Refused(_position(node),
                               f"a list may hold at most {MAX_LIST_ITEMS} entries", code="size-limit")
            return [self.build(item, path + (index,), depth + 1) for index, item in enumerate(node.value)]
        if tag not in _PLAIN_TAGS or not isinstance(node, yaml.ScalarNode):  # composing makes no other nodes
            raise self._tag_refused(node)
        if node.style:
            self.document.styles[path] = node.style
            if node.style in "|>":
                self.document.indents[path] = self._block_indent(node)
        if node.style != "|" and node.end_mark.line > node.start_mark.line:
            self.document.spans[path] = (node.start_mark.index, node.end_mark.index)
        if tag in (_TAG + "str", _TAG + "value"):
            if len(node.value) > MAX_STRING_CHARS:
                raise _Refused(_position(node), f"a text may be at most {MAX_STRING_CHARS:,} characters long",
                               code="size-limit")
            self._check_characters(node)
            if not node.style:
                self._check_cut_by_comment(node)
            return node.value
        if tag == _TAG + "timestamp":
            return node.value  # dates stay text: the schema checks them, the model parses them
        return self.constructor.construct_object(node, deep=True)

    def _check_characters(self, node: yaml.ScalarNode) -> None:
        # Only escapes in double-quoted texts can make characters the file's bytes do not hold.
        control = (self.has_control or node.style == '"') and _CONTROL.search(node.value)
        if control:
            self.problems.add(self.document.path, _position(node),
                              "the text contains an invisible control character "
                              f"(U+{ord(control.group()):04X})",
                              "delete it; it often comes from copying text out of a PDF or a chat",
                              code="control-character")

    def _check_cut_by_comment(self, node: yaml.ScalarNode) -> None:
        comment = _CUT_BY_COMMENT.match(self.text, node.end_mark.index)
        if comment:
            column = node.end_mark.column + comment.end() - node.end_mark.index
            self.problems.add(self.document.path, (node.end_mark.line + 1, column),
                              f"the text stops before ` #`: YAML reads the rest of the line as a comment, so "
                              f"the site would show only `{node.value}`",
                              "put the whole text in quotes, e.g. \"Condition #1 for talks\"; a comment of "
                              "your own starts with `# `, a space after the mark",
                              code="comment-in-text")

    def _block_indent(self, node: yaml.ScalarNode) -> int:
        # The first content line of a block scalar sets its indentation.
        if self.text_lines is None:
            self.text_lines = self.text.split("\n")
        index = node.start_mark.line + 1
        while index < len(self.text_lines) and not self.text_lines[index].strip():
            index += 1
        if index >= len(self.text_lines):
            return node.start_mark.column + 1
        line = self.text_lines[index]
        return len(line) - len(line.lstrip(" ")) + 1

    def _mapping(self, node: yaml.MappingNode, path: Path_, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if key_node.tag == _TAG + "merge":
                raise _Refused(_position(key_node), "YAML merge keys (<<) are not allowed",
                               "write every field out in full", code="yaml-reference")
            if (not isinstance(key_node, yaml.ScalarNode)
                    or key_node.tag not in (_TAG + "str", _TAG + "value")):
                shown = getattr(key_node, "value", "")
                shown = shown if isinstance(shown, str) else "this key"
                self.problems.add(self.document.path, _position(key_node),
                                  f"field names must be text, not `{shown}`",
                                  "field names are words such as `title` or `date`",
                                  code="invalid-field-name")
                continue
            key = key_node.value
            self._check_characters(key_node)
            key_path = path + (key,)
            if key in result:
                first_line = self.document.keys[key_path][0]
                self.problems.add(self.document.path, _position(key_node),
                                  f"duplicate field `{key}`: it is already set on line {first_line}",
                                  "remove one of the two; YAML would silently keep only the last",
                                  code="duplicate-field")
                continue
            mark = key_node.start_mark
            self.document.keys[key_path] = (mark.line + 1, mark.column + 1)
            result[key] = self.build(value_node, key_path, depth + 1)
        return result

    @staticmethod
    def _tag_refused(node: yaml.Node) -> _Refused:
        tag = node.tag.replace(_TAG, "!!")
        return _Refused(_position(node), f"the YAML tag `{tag}` is not allowed",
                        "remove the tag; claim files hold plain text, numbers, dates, lists and fields",
                        code="yaml-tag")


def read_document(file: Path, shown_path: str, problems: Problems) -> Document | None:
    """Read one YAML file; on any problem, record it and return None (or a partial document)."""
    document = Document(shown_path)
    try:
        raw = read_bytes(file, MAX_FILE_BYTES)
    except TooLarge as refused:
        problems.add(shown_path, (1, 1), str(refused), "split the explainer or move long excerpts out of it",
                     code="size-limit")
        return None
    except Refused as refused:
        problems.add(shown_path, (1, 1), f"not read: {refused}", HINT, code="refused-file")
        return None
    except OSError as error:
        problems.add(shown_path, (1, 1),
                     f"the file cannot be read: {error.strerror or error}", code="unreadable-file")
        return None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        problems.add(shown_path, (line, column), "the file is not valid UTF-8 text",
                     "save the file with UTF-8 encoding", code="not-utf8")
        return None
    return parse_text(text, document, problems)


def parse_text(text: str, document: Document, problems: Problems) -> Document | None:
    """The document of a YAML text, or None with its problems reported: a record is a mapping of fields."""
    text = text.removeprefix("\ufeff")
    if all(not line.strip() or line.lstrip().startswith("#") for line in text.splitlines()):
        problems.add(document.path, (1, 1), "the file is empty",
                     "a record is a YAML mapping of fields, such as `title: ...`", code="empty-file")
        return None
    try:
        _refuse_anchors(text)
        node = yaml.compose(text, Loader=Loader)
        if node is None:
            problems.add(document.path, (1, 1), "the file is empty", "a record is a YAML mapping of fields",
                         code="empty-file")
            return None
        document.source = text
        data = _Builder(document, problems, text).build(node, (), 0)
    except _Refused as refused:
        problems.add(document.path, refused.position, refused.message, refused.hint, code=refused.code)
        return None
    except yaml.MarkedYAMLError as error:
        position, message, hint, code = _syntax_problem(error, text)
        problems.add(document.path, position, message, hint, code=code)
        return None
    except yaml.YAMLError as error:  # e.g. control characters the reader refuses
        problems.add(document.path, _reader_position(error, text),
                     f"YAML syntax error: {error}".splitlines()[0],
                     "delete the invisible character; it often comes from copying text out of a PDF "
                     "or a chat", code="control-character")
        return None
    except RecursionError:
        problems.add(document.path, (1, 1),
                     f"the data is nested more than {MAX_DEPTH} levels deep", code="size-limit")
        return None
    if not isinstance(data, dict):
        kind = ("a list" if isinstance(data, list) else "a single text"
                if isinstance(data, str) else "a single value")
        problems.add(document.path, (1, 1), f"the file holds {kind}, not a record of fields",
                     "a record is a YAML mapping of fields, such as `title: ...`", code="not-a-record")
        return None
    document.data = data
    return document


def _refuse_anchors(text: str) -> None:
    """Refuse the first YAML anchor (&name): composing would let its aliases repeat data by reference."""
    if "&" in text and _ANCHOR_HINT.search(text):
        for event in yaml.parse(text, Loader=Loader):
            anchor = getattr(event, "anchor", None)
            if anchor:
                mark = event.start_mark
                raise _Refused((mark.line + 1, mark.column + 1) if mark else (1, 1),
                               f"YAML anchors (&{anchor}) are not allowed",
                               "write the value out in full; claim files never repeat data by reference",
                               code="yaml-reference")


def _syntax_problem(error: yaml.MarkedYAMLError, text: str) -> tuple[tuple[int, int], str, str, Code]:
    """Where a YAML syntax error stands, its message, hint and code, in a contributor's words."""
    mark = error.problem_mark or error.context_mark
    position = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = (error.problem or "invalid YAML").strip()
    if error.context and "single document" in error.context:
        return (position, "YAML syntax error: the file holds more than one YAML document",
                "remove the `---` line: one file is one record", "yaml-syntax")
    if error.context in ("while scanning an alias", "while scanning an anchor") and error.context_mark:
        # e.g. Markdown `**bold**` or `*emphasis*` at the start of an unquoted value
        sign, kind = ("*", "alias") if "alias" in error.context else ("&", "anchor")
        mark = error.context_mark
        return ((mark.line + 1, mark.column + 1),
                f"YAML syntax error: `{sign}` at the start of a value begins a "
                f"YAML {kind}", f"put the whole value in quotes, e.g. \"{sign}…\"", "yaml-syntax")
    if "undefined alias" in message:  # `*name` without an anchor, often Markdown *emphasis* left unquoted
        return (position, "YAML aliases (*name) are not allowed",
                "write the value out in full; a text that starts with `*` must be put in quotes",
                "yaml-reference")
    position, message, hint = syntax.explain(error, text)
    return position, f"YAML syntax error: {message}", hint, "yaml-syntax"


def _reader_position(error: yaml.YAMLError, text: str) -> tuple[int, int]:
    """Where an error of YAML's reader stands: at its mark, or at the character it names by index."""
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return mark.line + 1, mark.column + 1
    offset = getattr(error, "position", None)  # a ReaderError knows only the character's index
    if isinstance(offset, int) and offset <= len(text):
        return text.count("\n", 0, offset) + 1, offset - text.rfind("\n", 0, offset)
    return 1, 1
