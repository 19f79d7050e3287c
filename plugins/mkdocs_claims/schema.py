"""The JSON Schemas shipped in the package, and their errors told in words a contributor understands.

The same files drive the check, the documentation and editor hints (yaml-language-server),
so the three can never disagree.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

try:  # a compiled validator answers "valid?" about a hundred times faster; jsonschema explains what is wrong
    import jsonschema_rs
except ImportError:  # pragma: no cover - platforms without its wheels use jsonschema alone
    jsonschema_rs = None  # type: ignore[assignment]

from .document import Document
from .model import ID_PATTERN
from .problems import Code, Problems

# imported where used at run time: jsonschema is slow to import, needed only for invalid files
if TYPE_CHECKING:
    from jsonschema import ValidationError
    from jsonschema.protocols import Validator

_INVISIBLE = re.compile("[\x00-\x1f\x7f-\x9f]")
SCHEMAS = Path(__file__).resolve().parent / "schemas"  # shipped as package data

_TYPE_NAMES = {
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "null": "empty",
}


def schema_text(kind: str) -> str:
    return (SCHEMAS / f"{kind}.json").read_text(encoding="utf-8")


@cache
def schema(kind: str) -> dict:
    return json.loads(schema_text(kind))


def ecma_pattern(pattern: str) -> str:
    """A JSON Schema pattern (ECMA 262) for Python's `re`: ECMA's `$` matches only at the very end, Python's
    also before a final newline (so `id\\n` would pass an id pattern); outside classes it becomes `\\Z`."""
    out, escaped, in_class = [], False, False
    for char in pattern:
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif char == "[":
            in_class = True
        elif char == "]":
            in_class = False
        elif char == "$" and not in_class:
            out.append(r"\Z")
            continue
        out.append(char)
    return "".join(out)


def _pattern_rule(validator: Validator, pattern: str, instance: object,
                  schema: Mapping[str, Any]) -> Iterator[ValidationError]:
    from jsonschema import exceptions

    if isinstance(instance, str) and not re.search(ecma_pattern(pattern), instance):  # JSON's strings
        yield exceptions.ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(kind: str) -> Validator:
    # Imported here: it takes a tenth of a second to import and is only needed for files with errors.
    from jsonschema import Draft202012Validator, FormatChecker, validators

    # `pattern` with ECMA 262's full-match `$`, as jsonschema-rs and editors read the schemas.
    ecma = validators.extend(Draft202012Validator, {"pattern": _pattern_rule})
    return ecma(schema(kind), format_checker=FormatChecker(["date"]))


@cache
def _fast_validator(kind: str) -> jsonschema_rs.Validator | None:
    return jsonschema_rs.validator_for(schema(kind), validate_formats=True) if jsonschema_rs else None


def validate(kind: str, document: Document, problems: Problems,
             checked_elsewhere: tuple[str, ...] = ()) -> bool:
    """Report every schema error of `document`, but those of the top-level fields `checked_elsewhere` (whose
    caller knows more than the schema, e.g. the site's rating scale, and gives one message instead of two);
    True when there was none."""
    fast = _fast_validator(kind)
    if fast is not None and fast.is_valid(document.data):
        return True
    found = skipped = False
    # jsonschema yields one `required` error per missing field; each reports them all
    required_done: set[tuple] = set()
    for error in _validator(kind).iter_errors(document.data):
        if error.absolute_path and error.absolute_path[0] in checked_elsewhere:
            skipped = True
            continue
        found = True
        if error.validator == "required":
            if tuple(error.absolute_path) in required_done:
                continue
            required_done.add(tuple(error.absolute_path))
        _report(error, document, problems)
    # the two validators disagree: never let that pass silently
    if not found and not skipped and fast is not None:
        problems.add(document.path, (1, 1), f"the {kind} does not match its JSON Schema",
                     f"compare it with schemas/{kind}.json", code="invalid-value")
        found = True
    return not found


def field_name(path: tuple | Sequence[str | int]) -> str:
    """`quotes[0].text`, as a contributor reads a field's place in the file."""
    shown = ""
    for step in path:
        shown += f"[{step}]" if isinstance(step, int) else (f".{step}" if shown else step)
    return f"`{shown}`" if shown else "the record"


def describe(value: object) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"`{'true' if value else 'false'}` (true or false)"
    if isinstance(value, (int, float)):
        return f"the number `{value}`"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a group of fields"
    # Invisible characters as escapes: a newline shows as \\n, not as a break in the message.
    return "`" + _INVISIBLE.sub(lambda match: json.dumps(match.group())[1:-1], str(value)) + "`"


def _report(error: ValidationError, document: Document, problems: Problems) -> None:
    """One schema error in plain words, at the position of what it is about."""
    path = tuple(error.absolute_path)
    schema_here = error.schema if isinstance(error.schema, dict) else {}
    if error.validator == "required":
        _missing_fields(error, document, problems, path)
    elif error.validator == "additionalProperties":
        _unknown_fields(error, document, problems, path, list(schema_here.get("properties", {})))
    else:
        message, hint, code = _wrong_value(error, field_name(path), schema_here.get("x-hint", ""))
        problems.add(document.path, document.at(path), message, hint, code=code)


def _missing_fields(error: ValidationError, document: Document, problems: Problems, path: tuple) -> None:
    """Every required field missing from the group of fields at `path`, with the field that may be it
    misspelt."""
    present = error.instance if isinstance(error.instance, dict) else {}
    place = "" if not path else f" in {field_name(path)}"
    for field in _value(error.validator_value):
        if field not in present:
            near = difflib.get_close_matches(field, list(present), n=1, cutoff=0.75)
            clue = f"is `{near[0]}` a misspelling of `{field}`?" if near else f"add `{field}: …`"
            problems.add(document.path, document.at(path), f"missing required field `{field}`{place}", clue,
                         code="missing-field")


def _unknown_fields(error: ValidationError, document: Document, problems: Problems, path: tuple,
                    allowed: list[str]) -> None:
    """Every field the group of fields at `path` may not hold, at its key, with the known field it may
    mean."""
    place = "" if not path else f" in {field_name(path)}"
    for field in _value(error.instance):
        if field in allowed:
            continue
        near = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
        clue = (f"did you mean `{near[0]}`?" if near else "known fields: "
                + ", ".join(f"`{a}`" for a in allowed))
        problems.add(document.path, document.key_at(path + (field,)), f"unknown field `{field}`{place}", clue,
                     code="unknown-field")


def _value(value: object) -> Any:
    """A value of a validation error (a rule's or the checked one's), which jsonschema types as perhaps unset:
    set in every error its validators yield."""
    return value


def _wrong_value(error: ValidationError, name: str, hint: str) -> tuple[str, str, Code]:
    """The message, hint and code of a value that breaks a rule of its schema (`hint` the schema's own)."""
    rule, value, instance = error.validator, _value(error.validator_value), _value(error.instance)
    if rule == "type":
        wanted = [value] if isinstance(value, str) else value
        wanted_text = " or ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        if instance is None:
            return (f"{name} has no value",
                    f"write {wanted_text} after the colon, or remove the line", "empty-value")
        quotes = "string" in wanted and isinstance(instance, (bool, int, float))
        return (f"{name} must be {wanted_text}, not {describe(instance)}",
                "put the value in quotes so YAML reads it as text" if quotes else hint, "wrong-type")
    if rule == "format" and value == "date":
        return (f"{name} is not a real date in the form YYYY-MM-DD: {describe(instance)}",
                hint or "write dates as YYYY-MM-DD", "invalid-date")
    if rule == "pattern":
        what = ("web address (http or https)" if "https?" in value else "id"
                if value == ID_PATTERN else "value")
        return f"{name} is not a valid {what}: {describe(instance)}", hint, "invalid-value"
    if rule == "enum":
        options = [str(option) for option in value]
        near = difflib.get_close_matches(str(instance), options, n=1, cutoff=0.5)
        return (f"{name} must be one of {', '.join(f'`{o}`' for o in options)}, not {describe(instance)}",
                f"did you mean `{near[0]}`?" if near else "", "invalid-value")
    if rule == "minItems":
        return (f"{name} needs at least {value} entr{'y' if value == 1 else 'ies'}",
                "add an entry or remove the field" if value == 1 else "", "empty-value")
    if rule == "minLength":
        return f"{name} is empty", "write some text, or remove the field", "empty-value"
    if rule == "maxLength":
        return f"{name} is too long (at most {value} characters)", "", "size-limit"
    if rule == "uniqueItems":
        return f"{name} lists the same entry twice", "remove the repeated entry", "duplicate-entry"
    # A rule the schemas do not use yet.
    return f"{name}: {error.message}", hint, "invalid-value"  # pragma: no cover
