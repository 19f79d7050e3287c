"""The Content-Security-Policy every page carries: the second wall behind escaping and sanitizing.

Static hosts (GitHub Pages) cannot set headers, so the policy is a `<meta http-equiv>` placed first in the
`<head>`, before any script. Scripts run only from the site's own files and as the theme's own inline
scripts, allowed one by one by their SHA-256 hash; an inline script or event handler in a page's content
(with `trusted_docs`, or from a missed escape) does not run. Everything else loads from the site's origin.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterable, Mapping

from markupsafe import escape

# Fetch directives and their defaults. `data:` images: the theme draws its icons as CSS masks of SVG data
# URLs. 'wasm-unsafe-eval' lets the site's own scripts compile WebAssembly, never evaluate JavaScript from a
# string: the explorer's Pagefind runs its WebAssembly on the page itself (the explorer starts no worker).
# Site-wide: instant navigation keeps the first page's policy.
DEFAULT_POLICY: dict[str, tuple[str, ...]] = {
    "default-src": ("'self'",),
    "script-src": ("'self'", "'wasm-unsafe-eval'"),
    "style-src": ("'self'",),
    "img-src": ("'self'", "data:"),
    "font-src": ("'self'",),
    "connect-src": ("'self'",),
    "worker-src": ("'self'",),
    "manifest-src": ("'self'",),
    "frame-src": ("'self'",),
    "media-src": ("'self'",),
    "object-src": ("'none'",),
    "base-uri": ("'self'",),
    "form-action": ("'self'",),
}
# Directives a <meta> policy cannot carry (browsers ignore them there, with a console error).
META_IGNORED = frozenset({"frame-ancestors", "report-uri", "report-to", "sandbox"})
_SOURCE = re.compile(r"[^\s;,\"'<>]+|'[a-z0-9+/=-]+'", re.IGNORECASE)
_DIRECTIVE = re.compile(r"[a-z]+(?:-[a-z]+)*")
_INLINE_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_SCRIPT_TYPES = frozenset({"", "text/javascript", "application/javascript", "module"})
_HEAD = re.compile(r"<head\b[^>]*>(\s*<meta\s+charset=[^>]*>)?", re.IGNORECASE)


def policy_problems(extra: Mapping[str, Iterable[str]]) -> list[str]:
    """What is wrong with the sources a site adds to the policy (the plugin's `csp` option)."""
    problems = []
    for directive, sources in extra.items():
        if not _DIRECTIVE.fullmatch(directive):
            problems.append(f"`{directive}` is not a CSP directive name")
        elif directive in META_IGNORED:
            problems.append(f"`{directive}` has no effect in a <meta> policy; set it as an HTTP header on "
                            "the host")
        for source in sources:
            if not _SOURCE.fullmatch(source):
                problems.append(f"`{source}` under `{directive}` is not a single CSP source")
            elif directive == "script-src" and source.lower() in ("'unsafe-inline'",
                                                                  "'unsafe-eval'", "*", "data:"):
                problems.append(f"`{source}` under `script-src` would let injected script run")
    return problems


def script_hash(code: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"


def theme_scripts(output: str, content: str) -> list[str]:
    """The inline scripts of a page outside its content (the theme's own), in order, each once."""
    chrome = _without(output, content) if content else output
    found = []
    for match in _INLINE_SCRIPT.finditer(chrome):
        attributes, code = match.groups()
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind.group(1).lower() if kind else "") not in _SCRIPT_TYPES:
            continue  # a script file (allowed by 'self') or data (JSON, JSON-LD), which never runs
        if code not in found:
            found.append(code)
    return found


def _without(text: str, part: str) -> str:
    """`text.replace(part, "", 1)`, found by the part's first characters: `str.replace` takes a quarter of a
    millisecond with a page's content as the part (a third of a second a 1,000 claims), this a fifth of it."""
    head = part[:64]
    at = text.find(head)
    while at >= 0 and not text.startswith(part, at):
        at = text.find(head, at + 1)
    return text if at < 0 else text[:at] + text[at + len(part):]


class Policy:
    """A site's policy: the defaults, plus the sources the site adds, plus each page's theme script hashes."""

    def __init__(self, extra: Mapping[str, Iterable[str]] | None = None):
        self.directives = {name: list(sources) for name, sources in DEFAULT_POLICY.items()}
        for directive, sources in (extra or {}).items():
            base = self.directives.setdefault(directive, list(self.directives["default-src"]))
            base.extend(source for source in sources if source not in base)

    def text(self, scripts: Iterable[str] = ()) -> str:
        hashes = [script_hash(code) for code in scripts]
        return "; ".join(" ".join([name, *sources, *(hashes if name == "script-src" else ())])
                         for name, sources in self.directives.items())

    def apply(self, output: str, content: str = "") -> str:
        """The page with its policy placed first in <head> (after the charset, which must come first)."""
        policy = self.text(theme_scripts(output, content))
        meta = f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">'
        head = _HEAD.search(output)
        if head is None:
            return meta + output
        return output[: head.end()] + meta + output[head.end():]
