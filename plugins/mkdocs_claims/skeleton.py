"""`claims new`: skeleton files with every field, a comment on each, and placeholders to fill.

A placeholder is a text value starting with `TODO` (see `PLACEHOLDER`). The loader reports every
such value as unfinished, so a skeleton cannot be published until it is filled. This module never
imports MkDocs.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from pathlib import Path
from typing import Any

from .loader import content_files, suggest_id
from .model import DEFAULT_SCALE, FOLDER_OF_KIND, ID, KINDS, Rating
from .placeholders import PLACEHOLDER

SCHEMAS_DIR = Path(__file__).resolve().parent / "schemas"


class SkeletonError(Exception):
    """A `claims new` that cannot be done; `code` is the exit code (1 refused, 2 misused)."""

    def __init__(self, message: str, code: int):
        super().__init__(message)
        self.code = code


def valid_id(text: str) -> bool:
    return bool(ID.match(text))


def check_id(record_id: str, what: str = "id") -> None:
    if not ID.match(record_id or ""):
        raise SkeletonError(
            f"invalid {what} `{record_id}`: ids are lowercase ASCII letters, digits and single hyphens, "
            f"with no hyphen at either end (try `{suggest_id(record_id or '')}`)", 2)


def parse_date(text: str | None) -> dt.date:
    if text is None:
        return dt.date.today()
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return dt.date.fromisoformat(text)
    except ValueError:
        raise SkeletonError(f"invalid date `{text}`: write a real date as YYYY-MM-DD, e.g. 2025-03-06",
                            2) from None


def target_path(content_dir: Path, kind: str, record_id: str, date: dt.date | None = None) -> Path:
    """Where the format files a new record: claims/<YYYY>/<MM>/<id>.yml, or
    claims/<people|sources|topics>/<id>.yml."""
    if kind == "claim":
        date = date or dt.date.today()
        return Path(content_dir) / f"{date:%Y}" / f"{date:%m}" / f"{record_id}.yml"
    return Path(content_dir) / FOLDER_OF_KIND[kind] / f"{record_id}.yml"


def used_ids(content_dir: Path, kind: str) -> dict[str, Path]:
    """The ids the content folder already uses for one kind, with the file of each."""
    if not Path(content_dir).is_dir():
        return {}
    return {file.stem: file for found, file, why in content_files(Path(content_dir))
            if found == kind and not why}


def _repository_root(folder: Path) -> Path | None:
    for candidate in [folder, *folder.parents]:
        if (candidate / ".git").exists():
            return candidate
    return None


def schema_reference(kind: str, new_file: Path, site_root: Path, site_url: str = "",
                     schemas_dir: Path = SCHEMAS_DIR) -> str:
    """What the yaml-language-server comment of a new file points at.

    A path relative to the new file when the package's schemas are in the same repository (a
    checkout of mkdocs-claims itself), else the site's published copy, else the installed file.
    """
    schemas_dir = Path(schemas_dir).resolve()
    new_folder = Path(new_file).resolve().parent
    repository = _repository_root(Path(site_root).resolve()) or Path(site_root).resolve()
    if schemas_dir.is_relative_to(repository):
        return Path(os.path.relpath(schemas_dir / f"{kind}.json", new_folder)).as_posix()
    if site_url:
        return f"{site_url.rstrip('/')}/schema/{kind}.json"
    return (schemas_dir / f"{kind}.json").as_posix()


def _q(text: str) -> str:
    """A YAML double-quoted string (JSON's string syntax is valid YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _todo(text: str) -> str:
    return _q(f"{PLACEHOLDER}: {text}")


def _header(schema_ref: str, shown_path: str, record_id: str) -> str:
    return (f"# yaml-language-server: $schema={schema_ref}\n"
            f"# {shown_path} — written by `claims new`; the file name is the id: {record_id}\n"
            f"# Replace every value that starts with {PLACEHOLDER} (`claims check` lists them), or delete "
            "the\n# field when the comment says it is optional. The format: docs/format.md\n")


def _id_list(key: str, ids: list[str], placeholder: str, comment: str) -> str:
    if ids:
        return f"{comment}{key}:\n" + "".join(f"  - {i}\n" for i in ids)
    return f"{comment}{key}:\n  - {_todo(placeholder)}\n"


def claim_skeleton(record_id: str, schema_ref: str, shown_path: str, speakers: list[str] | None = None,
                   date: dt.date | None = None, topics: list[str] | None = None,
                   scale: tuple[Rating, ...] = DEFAULT_SCALE, team: tuple[str, ...] = (),
                   folder: str = "claims") -> str:
    """A new claim's file; `folder` is the content folder, as its comments name it."""
    date = date or dt.date.today()
    return (_header(schema_ref, shown_path, record_id) + _claim_statement(speakers or [], date, scale, folder)
            + _claim_byline(team, date) + _claim_context(topics, folder))


def _claim_statement(speakers: list[str], date: dt.date, scale: tuple[Rating, ...], folder: str) -> str:
    """A new claim's fields for what was said, by whom, when, and its rating."""
    ratings = ", ".join(rating.id for rating in scale)
    if len(speakers) == 1:
        speaker = f"speaker: {speakers[0]}\n"
    elif speakers:
        speaker = "speaker:\n" + "".join(f"  - {s}\n" for s in speakers)
    else:
        todo = _todo(f"the id of a person in {folder}/people/ (add one with `claims new person ID`)")
        speaker = f"speaker: {todo}\n"
    return f"""
# Headline shown on the claim page and in listings. Required.
title: {_todo('a short headline, e.g. Putin rules out concessions in peace talks')}

# The statement as made, in plain text; paraphrase is allowed. Required.
claim: {_todo('what the speaker claimed, in one or two plain sentences')}

# Who said it: a person id from {folder}/people/, or a list of ids. Required.
{speaker}
# When it was said, as a YYYY-MM-DD date (quotes optional). Required.
date: {date.isoformat()}

# Where or how it was said, e.g. "Press conference, Moscow" or "Post on X". Optional: delete if unknown.
venue: {_todo('where or how it was said')}

# Short text for listings and claim cards. Optional: delete to use `claim`.
summary: {_todo('one sentence for listings')}

# The speaker's exact words, verbatim as the source reports them, without quotation marks.
# Each quote names the source (listed in `sources`) that reports it. Optional: delete
# `quotes` when no source reports the exact words; never reconstruct them.
quotes:
  - text: {_todo('the exact words, copied from the source')}
    source: {_todo('the id of the source that reports these words')}
    # For a translated quote, add the original wording and its language code:
    # original: "..."
    # lang: ru

# A rating id from the site's rating scale: {ratings}.
# Optional: delete both lines when the record does not support a rating.
verdict: {_todo('a rating id')}
# One sentence giving the reason for the rating, grounded in the sources.
verdict_note: {_todo('why the claim earns this rating')}

"""


def _claim_byline(team: tuple[str, ...], date: dt.date) -> str:
    """A new claim's fields for who wrote and reviewed its explainer, and when it is published."""
    members = f"the site's team: {', '.join(team)}" if team else "none yet: add people under `team` first"
    # Line breaks for a long team, each line a comment.
    members = "\n# ".join(re.findall(r".{1,100}(?:, |$)", members)).rstrip()
    return f"""# Who wrote this explainer: ids from `team` of the claims plugin in mkdocs.yml
# ({members}).
# Optional: without `authors`, the site's organization is the author.
authors:
  - {_todo('your team id')}
# Who reviewed it before publication: team ids, never one of its authors. Optional.
reviewers:
  - {_todo('the team id of who reviews the explainer before it is published')}

# When this explainer is first published and last updated, YYYY-MM-DD (not when the claim was made).
# Optional: by default, the dates of the file's first and last commit; a correction also updates it.
# published: {date.isoformat()}
# updated: {date.isoformat()}

"""


def _claim_context(topics: list[str] | None, folder: str) -> str:
    """A new claim's topics, sources, relations, corrections and explainer."""
    topic_lines = ("topics:\n" + "".join(f"  - {t}\n" for t in topics)) if topics else \
        f"topics:\n  - {_todo(f'a topic id from {folder}/topics/ (or delete `topics`)')}\n"
    return f"""# Topic ids from {folder}/topics/. Optional.
{topic_lines}
# At least one source. Required. The id of a shared source in {folder}/sources/
# (add one with `claims new source ID`) ...
sources:
  - {_todo(f'a source id from {folder}/sources/')}
  # ... or an inline source, with the fields of a source file plus an id:
  # - id: publisher-yyyy-mm-dd
  #   title: Title of the article or post
  #   publisher: Who published it
  #   url: https://...
  #   archive_url: https://web.archive.org/...   # an archived copy of every web source
  #   date: 2025-03-06

# Relations to other claims, declared on the claim that rejects, responds, and so on; the
# other claim shows the inverse. Types: see-also, supports, contradicts, rejects,
# responds-to, repeats. Optional: to add one, uncomment these lines and fill them in.
# related:
#   - claim: other-claim-id
#     type: responds-to
#     note: One sentence explaining the relation.

# Further reading elsewhere: title, publisher, optional url. Optional: to add some,
# uncomment these lines and fill them in.
# read_also:
#   - title: Title of the article
#     publisher: Who published it
#     url: https://...

# Corrections log. None for a new claim. After publication, every correction adds an entry
# (date and what changed and why); a published claim is never changed silently. Uncomment:
# updates:
#   - date: 2025-03-10
#     note: Corrected the wording of the second quote.

# Former ids of this claim, whose addresses keep working. Empty for a new claim.
aliases: []

# The explainer, in Markdown. Required. [@source-id] cites a source listed above;
# [[claim-id]] links another claim; [[people/person-id]] links a person.
body: |
  {PLACEHOLDER}: the explainer. Who said what, when and where, and what the record shows,
  every statement backed by a cited source.
"""


def person_skeleton(record_id: str, schema_ref: str, shown_path: str) -> str:
    return _header(schema_ref, shown_path, record_id) + f"""
# Full name as readers know it. Required.
name: {_todo('the full name')}

# Office or position held at the time of the claims, e.g. "Foreign Minister of Russia". Optional.
role: {_todo('the office or position')}

# A short introduction, in Markdown. Optional.
description: {_todo('one or two sentences on who this is')}

# The person's Wikidata item, e.g. Q7747. Optional: delete unless you are certain.
wikidata: {_todo('a Wikidata id such as Q7747')}

# An official page or profile, starting with https://. Optional.
url: {_todo('https://...')}
"""


def source_skeleton(record_id: str, schema_ref: str, shown_path: str) -> str:
    return _header(schema_ref, shown_path, record_id) + f"""
# Title of the article, report, post or video. Required.
title: {_todo('the title, as published')}

# Who published it: outlet, institution or platform. Required.
publisher: {_todo('the publisher')}

# Where it can be read, starting with https://. Required.
url: {_todo('https://...')}

# When it was published, as a YYYY-MM-DD date (quotes optional). Optional.
date: {_todo('YYYY-MM-DD')}

# An archived copy (Wayback Machine or archive.today), in case the original changes
# or disappears. Expected for every web source.
archive_url: {_todo('https://web.archive.org/...')}

# When you last checked the source, YYYY-MM-DD. Optional.
accessed: {dt.date.today().isoformat()}

# A short verbatim excerpt of the source that supports the explainer. Optional.
quote: {_todo('a short excerpt, copied exactly')}
"""


def topic_skeleton(record_id: str, schema_ref: str, shown_path: str) -> str:
    return _header(schema_ref, shown_path, record_id) + f"""
# The topic's name. Required.
title: {_todo('the topic name')}

# What the topic covers, in Markdown. Optional.
description: {_todo('one or two sentences on what the topic covers')}
"""


def skeleton(kind: str, record_id: str, schema_ref: str, shown_path: str, **claim_options: Any) -> str:
    if kind == "claim":
        return claim_skeleton(record_id, schema_ref, shown_path, **claim_options)
    return {"person": person_skeleton, "source": source_skeleton, "topic": topic_skeleton}[kind](
        record_id, schema_ref, shown_path)


def create(kind: str, record_id: str, content_dir: Path, site_root: Path, site_url: str = "",
           speakers: list[str] | None = None, date: str | None = None, topics: list[str] | None = None,
           shown_root: Path | None = None, scale: tuple[Rating, ...] = DEFAULT_SCALE,
           team: tuple[str, ...] = ()) -> Path:
    """Write a new skeleton file and return its path. Never overwrites; raises SkeletonError."""
    if kind not in KINDS:
        raise SkeletonError(f"unknown kind `{kind}`: use one of {', '.join(KINDS)}", 2)
    check_id(record_id)
    if kind != "claim" and (speakers or topics or date):
        raise SkeletonError("--speaker, --date and --topic apply to claims only", 2)
    for speaker in speakers or []:
        check_id(speaker, "speaker id")
    for topic in topics or []:
        check_id(topic, "topic id")
    when = parse_date(date) if kind == "claim" else None
    content_dir = Path(content_dir)
    file = target_path(content_dir, kind, record_id, when)
    shown = _shown(file, shown_root or Path.cwd())
    if file.exists():
        raise SkeletonError(f"{shown} already exists; `claims new` never overwrites a file "
                            "(edit it, or choose another id)", 1)
    taken = used_ids(content_dir, kind).get(record_id)
    if taken is not None:
        raise SkeletonError(f"the {kind} id `{record_id}` is already used by "
                            f"{_shown(taken, shown_root or Path.cwd())}; ids are unique, so choose another "
                            "one", 1)
    text = skeleton(kind, record_id, schema_reference(kind, file, site_root, site_url), shown,
                    **({"speakers": speakers, "date": when, "topics": topics, "scale": scale, "team": team,
                        "folder": _shown(content_dir, site_root)}
                       if kind == "claim" else {}))
    file.parent.mkdir(parents=True, exist_ok=True)
    try:
        with open(file, "x", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except FileExistsError:  # created meanwhile
        raise SkeletonError(f"{shown} already exists; `claims new` never overwrites a file", 1) from None
    return file


def _shown(file: Path, root: Path) -> str:
    try:
        return Path(os.path.relpath(file, root)).as_posix()
    except ValueError:
        return Path(file).as_posix()
