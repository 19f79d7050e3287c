"""Who wrote and who reviewed each explainer: the site's team and organization (editorial configuration in
mkdocs.yml, never contributors' content), and each claim's byline."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from .document import Document
from .look_alikes import differences, look_alikes, tell_apart, unreadable_characters
from .model import ID, Claim
from .problems import Problems

_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+\S*\Z")
ROLES = ("authors", "reviewers")


@dataclass(frozen=True)
class TeamMember:
    """A person of the site who writes or reviews explainers."""

    id: str
    name: str
    url: str = ""  # a profile page
    role: str = ""  # e.g. "Fact-checker"


@dataclass(frozen=True)
class Organization:
    """Who publishes the site: the author of every explainer that names no team member."""

    name: str
    url: str = ""


@dataclass(frozen=True)
class Byline:
    """What a claim page says about its own review."""

    authors: tuple[TeamMember, ...]  # empty: the organization is the author
    reviewers: tuple[TeamMember, ...]
    organization: Organization
    published: dt.date | None
    updated: dt.date | None


def _text(value: object) -> str:
    return value.strip() if isinstance(value, str) else ""


def team_from_config(entries: object) -> dict[str, TeamMember]:
    """The team from the plugin's `team` option ({id: {name, url, role}}); what is malformed is left out here
    and reported by `config_problems`, so `claims check` still checks the claims against the rest."""
    if not isinstance(entries, Mapping):
        return {}
    return {member_id: TeamMember(member_id, _text(entry.get("name")) or member_id, _text(entry.get("url")),
                                  _text(entry.get("role")))
            for member_id, entry in entries.items() if isinstance(member_id, str)
            and isinstance(entry, Mapping)}


def organization_from_config(entry: object, site_name: str, site_url: str) -> Organization:
    """The organization from the plugin's `organization` option; by default the site, by its name and
    address."""
    fields = entry if isinstance(entry, Mapping) else {}
    return Organization(_text(fields.get("name")) or site_name or "mkdocs-claims",
                        _text(fields.get("url")) or (site_url if _WEB_ADDRESS.match(site_url or "") else ""))


def config_problems(team: object, organization: object) -> list[str]:
    """What is wrong in the `team` and `organization` options, as `option > path: message (hint: …)` lines."""
    problems = []

    def address(where: str, value: object) -> None:
        if value is not None and not (isinstance(value, str) and _WEB_ADDRESS.match(value.strip())):
            problems.append(f"{where}: not a web address: {value!r} (hint: write a full address starting with https://)")

    if team is not None and not isinstance(team, Mapping):
        problems.append("team: must map team ids to {name, url, role} "
                        "(hint: e.g. `team: {jane-doe: {name: Jane Doe}}`)")
    for member_id, entry in (team if isinstance(team, Mapping) else {}).items():
        where = f"team > {member_id}"
        if not isinstance(member_id, str) or not ID.match(member_id):
            problems.append(f"{where}: invalid team id (hint: ids are lowercase ASCII letters, digits and "
                            "single hyphens, e.g. `jane-doe`)")
        if not isinstance(entry, Mapping) or not _text(entry.get("name")):
            problems.append(f"{where}: a team member needs a `name` "
                            "(hint: e.g. `{name: Jane Doe, role: Fact-checker}`)")
            continue
        address(f"{where} > url", entry.get("url"))
    names = [(f"team > {member_id}", entry["name"]) for member_id, entry in
             (team if isinstance(team, Mapping) else {}).items()
             if isinstance(entry, Mapping) and isinstance(entry.get("name"), str)]
    for where, name, other, other_name in look_alikes(names):
        problems.append(f"{where} > name: the name `{name}` looks the same as that of {other} but differs in "
                        f"{differences(name, other_name)} (hint: if it is the same person, keep one of the "
                        f"two ids; if not, {tell_apart(name, 'the name')})")
    if organization is not None:
        if not isinstance(organization, Mapping):
            problems.append("organization: must be {name, url} (hint: e.g. `organization: {name: Claims "
                            "explained}`)")
        else:
            address("organization > url", organization.get("url"))
            if isinstance(organization.get("name"), str):
                names.append(("organization", organization["name"]))
    # Every byline shows these names: a reader must see them as they are.
    for where, name in names:
        problems += [f"{where} > name: {message} (hint: {hint})"
                     for _, _, message, hint in unreadable_characters(name, "the name")]
    return problems


def check_claim(document: Document, team: dict[str, TeamMember], problems: Problems,
                near: Callable[[str], str]) -> None:
    """Every author and reviewer of a claim file is a team member, and nobody reviews their own explainer.
    `near(id)` is the closest team id for a "did you mean" hint ("" for none)."""
    data = document.data if isinstance(document.data, dict) else {}
    authors = data.get("authors")
    authors = authors if isinstance(authors, list) else []
    for role in ROLES:
        members = data.get(role)
        for index, member_id in enumerate(members if isinstance(members, list) else ()):
            if not isinstance(member_id, str) or not ID.match(member_id):
                continue  # the schema check reports it
            if member_id not in team:
                suggestion = near(member_id)
                hint = (f"did you mean `{suggestion}`?" if suggestion else
                        f"add `{member_id}` under `team` of the claims plugin in mkdocs.yml, or check the "
                        "spelling"
                        if team else "this site has no team yet: list its people under `team` of the claims "
                                     "plugin "
                        "in mkdocs.yml")
                problems.add(document.path, document.at((role, index)), f"unknown team member `{member_id}`",
                             hint, code="unknown-reference")
            elif role == "reviewers" and member_id in authors:
                problems.add(document.path, document.at((role, index)),
                             f"`{member_id}` is both an author and a reviewer of this claim",
                             "a review is a second pair of eyes: name another team member",
                             code="self-review")


def check_dates(document: Document, problems: Problems) -> None:
    """The review's dates in order: not published before the claim was made, nor updated or corrected before
    it was published (the schema has checked each is a date)."""
    data = document.data if isinstance(document.data, dict) else {}

    def day(value: object) -> dt.date | None:
        try:
            return dt.date.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            return None

    made, published, updated = day(data.get("date")), day(data.get("published")), day(data.get("updated"))
    if published and made and published < made:
        problems.add(document.path, document.at(("published",)),
                     f"`published` ({published}) is before the claim was made ({made})",
                     "`published` is when this explainer went online; `date` is when the claim was made",
                     code="date-order")
    if updated and published and updated < published:
        problems.add(document.path, document.at(("updated",)),
                     f"`updated` ({updated}) is before `published` ({published})",
                     "correct one of the two dates", code="date-order")
    corrections = data.get("updates")
    for index, correction in enumerate(corrections if isinstance(corrections, list) else ()):
        corrected = day(correction.get("date")) if isinstance(correction, dict) else None
        if corrected and published and corrected < published:
            problems.add(document.path, document.at(("updates", index, "date")),
                         f"a correction dated {corrected}, before the explainer was published ({published})",
                         "corrections are made after publication: check both dates", code="date-order")


def byline(claim: Claim, team: dict[str, TeamMember], organization: Organization) -> Byline:
    """A claim's byline (its ids are checked at load, so every one is a team member)."""
    return Byline(tuple(team[m] for m in claim.authors if m in team),
                  tuple(team[m] for m in claim.reviewers if m in team),
                  organization, claim.published, claim.updated)
