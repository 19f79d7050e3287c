"""The JSON Schemas shipped in the package, and their errors told in words a contributor understands.

The same files drive the check, the documentation and editor hints (yaml-language-server),
so the three can never disagree.
"""

from __future__ import annotations

import difflib
import json
import re
from functools import cache
from pathlib import Path

try:  # a compiled validator answers "valid?" about a hundred times faster; jsonschema explains what is wrong
    import jsonschema_rs
except ImportError:  # pragma: no cover - platforms without its wheels use jsonschema alone
    jsonschema_rs = None  # type: ignore[assignment]

from .document import Document
from .model import ID_PATTERN
from .problems import Problems

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


def _pattern_rule(validator, pattern, instance, schema):
    from jsonschema import ValidationError

    if validator.is_type(instance, "string") and not re.search(ecma_pattern(pattern), instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


@cache
def _validator(kind: str):
    # Imported here: it takes a tenth of a second to import and is only needed for files with errors.
    from jsonschema import Draft202012Validator, FormatChecker, validators

    # `pattern` with ECMA 262's full-match `$`, as jsonschema-rs and editors read the schemas.
    ecma = validators.extend(Draft202012Validator, {"pattern": _pattern_rule})
    return ecma(schema(kind), format_checker=FormatChecker(["date"]))


@cache
def _fast_validator(kind: str):
    return jsonschema_rs.validator_for(schema(kind), validate_formats=True) if jsonschema_rs else None


def validate(kind: str, document: Document, problems: Problems, checked_elsewhere: tuple[str, ...] = ()) -> bool:
    """Report every schema error of `document`, but those of the top-level fields `checked_elsewhere` (whose caller
    knows more than the schema, e.g. the site's rating scale, and gives one message instead of two); True when there
    was none."""
    fast = _fast_validator(kind)
    if fast is not None and fast.is_valid(document.data):
        return True
    found = skipped = False
    required_done = set()  # jsonschema yields one `required` error per missing field; each reports them all
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
    if not found and not skipped and fast is not None:  # the two validators disagree: never let that pass silently
        problems.add(document.path, (1, 1), f"the {kind} does not match its JSON Schema",
                     f"compare it with schemas/{kind}.json", code="invalid-value")
        found = True
    return not found


def _name(path) -> str:
    shown = ""
    for step in path:
        shown += f"[{step}]" if isinstance(step, int) else (f".{step}" if shown else step)
    return f"`{shown}`" if shown else "the record"


def describe(value) -> str:
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


def _report(error, document: Document, problems: Problems) -> None:
    path = tuple(error.absolute_path)
    name = _name(path)
    rule = error.validator
    schema_here = error.schema if isinstance(error.schema, dict) else {}
    hint = schema_here.get("x-hint", "")
    add = problems.add
    where = document.path

    if rule == "required":
        present = error.instance if isinstance(error.instance, dict) else {}
        for field in error.validator_value:
            if field not in present:
                near = difflib.get_close_matches(field, list(present), n=1, cutoff=0.75)
                clue = f"is `{near[0]}` a misspelling of `{field}`?" if near else f"add `{field}: …`"
                place = "" if not path else f" in {name}"
                add(where, document.at(path), f"missing required field `{field}`{place}", clue, code="missing-field")
        return
    if rule == "additionalProperties":
        allowed = list(schema_here.get("properties", {}))
        for field in error.instance:
            if field in allowed:
                continue
            near = difflib.get_close_matches(str(field), allowed, n=1, cutoff=0.6)
            clue = f"did you mean `{near[0]}`?" if near else "known fields: " + ", ".join(f"`{a}`" for a in allowed)
            place = "" if not path else f" in {name}"
            add(where, document.key_at(path + (field,)), f"unknown field `{field}`{place}", clue, code="unknown-field")
        return
    position = document.at(path)
    if rule == "type":
        wanted = error.validator_value
        wanted = [wanted] if isinstance(wanted, str) else wanted
        wanted_text = " or ".join(_TYPE_NAMES.get(w, w) for w in wanted)
        if error.instance is None:
            add(where, position, f"{name} has no value",
                f"write {wanted_text} after the colon, or remove the line", code="empty-value")
            return
        clue = ""
        if "string" in wanted and isinstance(error.instance, (bool, int, float)):
            clue = "put the value in quotes so YAML reads it as text"
        add(where, position, f"{name} must be {wanted_text}, not {describe(error.instance)}", clue or hint,
            code="wrong-type")
        return
    if rule == "format" and error.validator_value == "date":
        add(where, position, f"{name} is not a real date in the form YYYY-MM-DD: {describe(error.instance)}",
            hint or "write dates as YYYY-MM-DD", code="invalid-date")
        return
    if rule == "pattern":
        what = "id" if error.validator_value == ID_PATTERN else "value"
        if "https?" in error.validator_value:
            what = "web address (http or https)"
        add(where, position, f"{name} is not a valid {what}: {describe(error.instance)}", hint, code="invalid-value")
        return
    if rule == "enum":
        options = [str(option) for option in error.validator_value]
        near = difflib.get_close_matches(str(error.instance), options, n=1, cutoff=0.5)
        clue = f"did you mean `{near[0]}`?" if near else ""
        add(where, position,
            f"{name} must be one of {', '.join(f'`{o}`' for o in options)}, not {describe(error.instance)}",
            clue, code="invalid-value")
        return
    if rule == "minItems":
        add(where, position,
            f"{name} needs at least {error.validator_value} entr{'y' if error.validator_value == 1 else 'ies'}",
            "add an entry or remove the field" if error.validator_value == 1 else "", code="empty-value")
        return
    if rule == "minLength":
        add(where, position, f"{name} is empty", "write some text, or remove the field", code="empty-value")
        return
    if rule == "maxLength":
        add(where, position, f"{name} is too long (at most {error.validator_value} characters)", code="size-limit")
        return
    if rule == "uniqueItems":
        add(where, position, f"{name} lists the same entry twice", "remove the repeated entry", code="duplicate-entry")
        return
    add(where, position, f"{name}: {error.message}", hint,
        code="invalid-value")  # pragma: no cover - a rule the schemas do not use yet
