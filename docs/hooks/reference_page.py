"""Generate the reference casefile's page and its timeline figure at build time.

The page is made from the data and the query layer (:class:`casefile.Index`), never typed by
hand, so it changes when the data does. Every value shown about the case is followed by the
statements that give it (speaker and source), linked to their exact words; the only words of
the page's own are neutral field names and headings.

Two rules shape the code:

- **Data is shown verbatim and can never become markup.** Every piece of text from the data
  goes through :func:`inline` (Markdown) or :func:`xml_text` (SVG), which turn the characters
  that Markdown, its extensions (snippets, mkdocstrings, tables) or HTML would read into
  character references, so a quote such as ``**see** <b>this</b>`` reads as it is written.
- **Any valid casefile renders.** :func:`render` and :func:`timeline_svg` take a casefile, so
  tests can render changed and generated casefiles; :func:`pages` renders the reference one.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import re
import string
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

import casefile
from casefile import Index, model
from casefile.dates import PartialDate, Period, When, span
from casefile.query import WITHIN, Conflict, Dispute, TimelineEntry, format_value

ROOT = Path(__file__).resolve().parents[2]
PAGE = "reference-casefile.md"
FIGURE = "assets/timeline.svg"

# ------------------------------------------------------------------ text that stays text

# ASCII punctuation that plain prose and links need and no Markdown syntax in use starts.
_SAFE_PUNCTUATION = frozenset(",;?'/%@$\"")
_ENCODED = {c: f"&#{ord(c)};" for c in string.punctuation if c not in _SAFE_PUNCTUATION}
_NEWLINES = re.compile(r"\r\n|\r|\n")


def inline(text: str) -> str:
    """Return ``text`` as Markdown that renders to exactly these characters.

    Markdown punctuation becomes a numeric character reference, which no block or inline
    syntax (emphasis, links, raw HTML, table cells, ``--8<--`` snippets, ``:::`` autodoc
    lines) matches, yet the browser shows as the character. Line breaks become ``<br>`` so
    that a quote never starts a line of its own, and leading whitespace is encoded so that
    it cannot make an indented code block.
    """
    encoded = "".join(_ENCODED.get(c, c) for c in text)
    # Only spaces and tabs indent in Markdown; other whitespace is left as it is (a C1
    # control as a character reference would read as a Windows-1252 character).
    stripped = encoded.lstrip(" \t")
    lead = "".join(f"&#{ord(c)};" for c in encoded[: len(encoded) - len(stripped)])
    return _NEWLINES.sub("<br>", lead + stripped)


def code(text: str) -> str:
    """Return ``text`` in a code span, escaped like :func:`inline` so it cannot break out."""
    return f"<code>{inline(text)}</code>"


_ANCHOR = re.compile(r"\A[A-Za-z0-9._:-]{1,128}\Z")


def anchor_ok(id: str) -> bool:
    """Whether an id can be used as an HTML anchor as it is (casefile ids always can)."""
    return _ANCHOR.match(id) is not None


def date_text(value: When) -> str:
    """Write a date or period in words: ``19 September 2025``, ``1997 to 2013``, ``by 2021``."""
    if isinstance(value, Period):
        if value.start is None and value.end is None:
            return "start and end not known"
        if value.start is None:
            return f"by {date_text(value.end)}"  # type: ignore[arg-type]
        if value.end is None:
            return f"from {date_text(value.start)}"
        return f"{date_text(value.start)} to {date_text(value.end)}"
    if value.day is not None and value.month is not None:
        words = f"{value.day} {calendar.month_name[value.month]} {value.year}"
    elif value.month is not None:
        words = f"{calendar.month_name[value.month]} {value.year}"
    else:
        words = str(value.year)
    if value.approximate:
        words = f"about {words}"
    if value.uncertain:
        words = f"{words} (uncertain)"
    return words


def when_cell(value: When) -> str:
    """A date for a table or list: its words, then its EDTF form in code where it differs."""
    words, edtf = date_text(value), str(value)
    return inline(words) if words == edtf else f"{inline(words)} {code(edtf)}"


def value_cell(value: Any) -> str:
    """A stated value for people: dates in words and EDTF, quantities as words."""
    if isinstance(value, PartialDate | Period):
        return when_cell(value)
    return inline(format_value(value))


def _same(items: Iterable[Any], key: Any) -> list[list[Any]]:
    """Group items that state the same thing (by ``key``), in the order first met."""
    groups: dict[Any, list[Any]] = {}
    for item in items:
        groups.setdefault(key(item), []).append(item)
    return list(groups.values())


def _plural(count: int, word: str, plural: str | None = None) -> str:
    return f"{count} {word if count == 1 else (plural or word + 's')}"


def _label(field: str) -> str:
    """A field or vocabulary term as words: ``period_examined`` -> ``period examined``."""
    return field.replace("_", " ")


# ------------------------------------------------------------------ the page


class _Page:
    """The casefile with its index, and the helpers every section uses to name and cite."""

    def __init__(self, case: model.Casefile, disagreements: Sequence[Disagreement] = ()) -> None:
        self.case = case
        self.index = Index(case)
        self.disagreements = tuple(disagreements)
        # Ids that have an anchor on the page, so that links to them resolve.
        self.anchored: set[str] = {
            entity.id
            for collection in (
                case.investigations,
                case.complaints,
                case.findings,
                case.outcomes,
                case.figures,
                case.sources,
                case.attributions,
            )
            for entity in collection
        }
        self.anchored |= {a.speaker for a in case.attributions if a.speaker is not None}

    # ---------------------------------------------------------- naming

    def find(self, id: str) -> Any:
        """The item with this id, or None (a page never fails on a reference it cannot find)."""
        try:
            return self.index.get(id)
        except casefile.UnknownId:
            return None

    def name(self, id: str) -> str:
        """A readable name for an id: a name, title or summary; a source by its id."""
        item = self.find(id)
        if item is None or isinstance(item, model.Source | model.Attribution):
            return id
        if isinstance(item, model.Claim | model.Milestone | model.Role):
            owner, prop = self.index.owner(id)
            return f"{self.name(owner)}, {_label(prop)} {format_value(getattr(item, 'value', ''))}"
        for field in ("name", "summary", "title", "statement"):
            value = getattr(item, field, None)
            if isinstance(value, str) and value:
                return value
        return id

    def link(self, id: str, text: str | None = None) -> str:
        """Markdown for an id: its name, linked to its place on the page where it has one."""
        shown = inline(self.name(id) if text is None else text)
        if id in self.anchored and anchor_ok(id):
            return f"[{shown}](#{id})"
        return shown

    def links(self, ids: Iterable[str]) -> str:
        """Several linked names, comma-separated."""
        return ", ".join(self.link(i) for i in dict.fromkeys(ids)) or "none stated"

    def speaker_name(self, attribution: model.Attribution) -> str:
        """Who makes a statement, or the source itself when it speaks in its own voice."""
        if attribution.speaker is None:
            return attribution.source
        return self.name(attribution.speaker)

    # ---------------------------------------------------------- citing

    def cite(self, attribution_ids: Iterable[str]) -> str:
        """The statements that give a value: ``speaker, source; ...``, linked to their words.

        Several statements by one speaker in one source are cited once, linked to the first.
        """
        cited: dict[tuple[str | None, str], str] = {}
        for id in attribution_ids:
            attribution = self.find(id)
            if isinstance(attribution, model.Attribution):
                cited.setdefault((attribution.speaker, attribution.source), id)
        parts = []
        for (speaker, source), id in cited.items():
            text = source if speaker is None else f"{self.name(speaker)}, {source}"
            parts.append(self.link(id, text))
        return "; ".join(parts)

    def refs(self, attribution_ids: Iterable[str]) -> str:
        """:meth:`cite` in parentheses after a value, or nothing when none are known."""
        cited = self.cite(attribution_ids)
        return f" ({cited})" if cited else ""

    def claims(self, claims: Sequence[Any], show: Any = None) -> str:
        """Each value stated, once, followed by the statements of every claim that gives it."""
        shown = show or (lambda claim: value_cell(claim.value))
        return "; ".join(
            f"{shown(group[0])}{self.refs(a for c in group for a in c.attributions)}"
            for group in _same(claims, lambda c: c.value)
        )

    def ref_claims(self, claims: Sequence[Any]) -> str:
        """Claims whose values are references: each target's linked name, then citations."""
        return self.claims(claims, lambda claim: self.link(claim.value))

    def quote(self, attribution: model.Attribution, *, anchor: bool = False) -> list[str]:
        """A statement's exact words as a blockquote, with who said them, where and how."""
        target = f'<a id="{attribution.id}"></a>' if anchor and anchor_ok(attribution.id) else ""
        # Defaults (a report that asserts) go unsaid; the full record is shown where the
        # statement has its anchor, under Who said what.
        details = [
            f"in {self.link(attribution.source, attribution.source)}",
            attribution.mode.value,
        ]
        if anchor or attribution.kind is not model.AttributionKind.REPORT:
            details.append(attribution.kind.value)
        if anchor or attribution.stance is not model.Stance.ASSERTS:
            details.append(attribution.stance.value)
        if attribution.responds_to:
            details.append(f"responds to: {self.links(attribution.responds_to)}")
        if attribution.relayed_by:
            details.append(f"relayed by: {self.links(attribution.relayed_by)}")
        if attribution.said is not None:
            details.append(f"said: {when_cell(attribution.said)}")
        if anchor and attribution.about:
            details.append(f"about: {self.links(attribution.about)}")
        speaker = (
            self.link(attribution.speaker)
            if attribution.speaker is not None
            else "the source's own text"
        )
        cite = self.link(attribution.id, attribution.id) if not anchor else code(attribution.id)
        lines = [
            f"> {target}{inline(attribution.quote.exact)}",
            ">",
            f"> — {speaker}, {', '.join(details)} · {cite}",
        ]
        if attribution.note:
            lines += [">", f"> Editor's note: {inline(attribution.note)}"]
        # Markdown joins blockquotes separated only by blank lines; a comment keeps each
        # statement in a quote of its own.
        return [*lines, "", "<!-- -->", ""]

    def quotes(self, attribution_ids: Iterable[str]) -> list[str]:
        """The blockquotes of several statements, in the order given."""
        lines: list[str] = []
        for id in attribution_ids:
            attribution = self.find(id)
            if isinstance(attribution, model.Attribution):
                lines += self.quote(attribution)
        return lines

    def differ(self, subject: str, prop: str) -> str:
        """A pointer to the disagreement section when the sources differ on this property."""
        if any(c.property == prop for c in self.index.conflicts(subject)):
            return " — the sources differ; see [Where the sources disagree](#conflicts)"
        return ""


def render(
    case: model.Casefile,
    *,
    heading: str | None = None,
    disagreements: Sequence[Disagreement] = (),
) -> str:
    """Return the Markdown page for a casefile (the reference casefile's page for ``pages``).

    ``disagreements`` (the reference casefile's are in ``seeds/disagreements.yaml``) adds a
    table of every disagreement to the section on where the sources disagree; each must be
    shown by the casefile's conflicts and disputes (:func:`unshown`).
    """
    page = _Page(case, disagreements)
    lines = [f"# {inline(heading or case.title)}", ""]
    lines += _introduction(page)
    for section in (
        _brief,
        _timeline,
        _findings,
        _outcomes,
        _who_said_what,
        _disagreements,
        _sources,
    ):
        lines += section(page)
    return "\n".join(lines) + "\n"


def _introduction(page: _Page) -> list[str]:
    """What the page is made from, and the casefile's own title and description."""
    case = page.case
    lines = [
        "This page is generated when the site is built, from the casefile's data and the "
        "answers of `casefile.Index`: every statement about the case on it comes from the "
        "data, none is written by hand. Each value is followed "
        "by the statements that give it (speaker, source), linked to their exact words under "
        "[Who said what](#who-said-what). The same answers come from the command line: "
        "`casefile summary`, `casefile timeline`, `casefile findings`, `casefile conflicts`.",
        "",
        f"The casefile's title: *{inline(case.title)}* ({code(case.id)}, schema "
        f"{inline(case.schema_version)}).",
        "",
    ]
    # The casefile's own description is left out: it is prose, not attributed data.
    return lines


# ------------------------------------------------------------------ the case in brief


def _brief(page: _Page) -> list[str]:
    """The case in brief: investigations, complaints and figures, every value cited."""
    lines = ["## The case in brief {#brief}", ""]
    lines += _brief_investigations(page)
    lines += _brief_complaints(page)
    lines += _brief_numbers(page)
    return lines


def _principal(page: _Page) -> list[model.Investigation]:
    """The investigations the case turns on, parents before the investigations within them.

    Those with findings, complaints or a stated period, and every investigation they are
    part of; the others are listed briefly after them.
    """
    case, index = page.case, page.index
    chosen = {
        inv.id
        for inv in case.investigations
        if inv.complaints or inv.period_examined or index.findings(inv.id, within=False)
    }
    stack = list(chosen)
    while stack:
        inv = page.find(stack.pop())
        for claim in _parents(inv):
            if claim.value not in chosen and isinstance(
                page.find(claim.value), model.Investigation
            ):
                chosen.add(claim.value)
                stack.append(claim.value)
    ordered: dict[str, model.Investigation] = {}

    def visit(inv: model.Investigation) -> None:
        if inv.id in ordered:
            return
        ordered[inv.id] = inv
        for child in index.within(inv.id):
            found = page.find(child)
            if (
                child in chosen
                and isinstance(found, model.Investigation)
                and any(c.value == inv.id for c in _parents(found))
            ):
                visit(found)

    for inv in case.investigations:
        if inv.id in chosen and not any(c.value in chosen for c in _parents(inv)):
            visit(inv)
    # Investigations in a part-of cycle have no root; keep them all the same.
    for inv in case.investigations:
        if inv.id in chosen:
            visit(inv)
    return list(ordered.values())


def _milestones(page: _Page, subject: str, milestones: Sequence[model.Milestone]) -> str:
    """Dated events as ``event: date (citations), other date (citations)``, by event.

    Where the sources give one event different dates that cannot both be true, a pointer to
    the disagreement follows, as for other competing values.
    """
    parts = []
    for event in _same(milestones, lambda m: m.event):
        dates = ", ".join(
            f"{when_cell(group[0].value)}{page.refs(a for m in group for a in m.attributions)}"
            for group in _same(event, lambda m: m.value)
        )
        label = inline(_label(event[0].event))
        parts.append(f"{label}: {dates}{page.differ(subject, f'milestones:{event[0].event}')}")
    return "; ".join(parts)


def _brief_investigations(page: _Page) -> list[str]:
    """Each principal investigation with its fields; then the others in one line each."""
    index = page.index
    lines = ["### Investigations {#brief-investigations}", ""]
    if not page.case.investigations:
        return [*lines, "The casefile records no investigations.", ""]
    principal = _principal(page)
    for inv in principal:
        lines += [f'**{inline(inv.name)}** <a id="{inv.id}"></a>({inline(_label(inv.kind))})', ""]
        fields: list[tuple[str, str]] = [
            ("part of", page.ref_claims(_parents(inv)) + page.differ(inv.id, "links:part_of")),
            ("conducted by", page.ref_claims(inv.conducted_by)),
            ("examined", page.ref_claims(inv.examined)),
            ("scope", page.claims(inv.scope)),
            (
                "period examined",
                page.claims(inv.period_examined) + page.differ(inv.id, "period_examined"),
            ),
            ("dates", _milestones(page, inv.id, inv.milestones)),
            ("complaints", page.ref_claims(inv.complaints)),
        ]
        findings = index.findings(inv.id, within=False)
        outcomes = index.outcomes(inv.id, within=False)
        if findings:
            link = f"[{_plural(len(findings), 'finding')}](#findings-{inv.id})"
            fields.append(("findings", link))
        if outcomes:
            fields.append(("outcomes", page.links(o.id for o in outcomes)))
        lines += [f"- {label}: {text}" for label, text in fields if text]
        lines.append("")
    shown = {inv.id for inv in principal}
    others = [i for i in page.case.investigations if i.id not in shown]
    if others:
        lines += ["The casefile also records:", ""]
        for inv in others:
            parts = [f'**{inline(inv.name)}** <a id="{inv.id}"></a>({inline(_label(inv.kind))})']
            if _parents(inv):
                parts.append(f"part of {page.ref_claims(_parents(inv))}")
            if inv.conducted_by:
                parts.append(f"conducted by {page.ref_claims(inv.conducted_by)}")
            if inv.milestones:
                parts.append(_milestones(page, inv.id, inv.milestones))
            lines.append("- " + "; ".join(parts))
        lines.append("")
    return lines


def _parents(inv: model.Investigation) -> list[model.Link]:
    """The links that put a proceeding within another (part of, appeal of, ...)."""
    return [link for link in inv.links if link.relation in WITHIN]


def _brief_complaints(page: _Page) -> list[str]:
    """Each complaint: who made it, against whom, what it alleges, and what was decided."""
    case, index = page.case, page.index
    if not case.complaints:
        return []
    lines = ["### Complaints {#brief-complaints}", ""]
    for complaint in case.complaints:
        lines += [f'**{inline(complaint.summary)}** <a id="{complaint.id}"></a>', ""]
        dealt_with = [
            f"{page.link(inv.id)}{page.refs(a for c in claims for a in c.attributions)}"
            for inv in case.investigations
            if (claims := [c for c in inv.complaints if c.value == complaint.id])
        ]
        fields = [
            ("complainants", page.ref_claims(complaint.complainants)),
            ("against", page.ref_claims(complaint.against)),
            (
                "allegations",
                "; ".join(
                    f"{inline(a.summary)}{page.refs(a.attributions)}"
                    for a in index.allegations(complaint=complaint.id)
                ),
            ),
            ("dates", _milestones(page, complaint.id, complaint.milestones)),
            ("dealt with by", "; ".join(dealt_with)),
        ]
        lines += [f"- {label}: {text}" for label, text in fields if text]
        for decision in index.decisions(complaint.id):
            outcome = index.get(decision.id)
            lines.append(
                f"- {decision.sort}: {page.link(outcome.id)} ({inline(_label(outcome.kind))})"
                f"{page.refs(outcome.attributions)}"
            )
            if outcome.date:
                lines.append(
                    f"- date of the {decision.sort}: {page.claims(outcome.date)}"
                    f"{page.differ(outcome.id, 'date')}"
                )
            for dispute in index.disputes(outcome.id):
                said = dispute.attribution
                lines.append(
                    f"- response: {inline(page.speaker_name(said))} {said.stance.value} it"
                    f"{page.refs([said.id])}"
                )
        lines.append("")
    return lines


def _brief_numbers(page: _Page) -> list[str]:
    """How much the casefile holds, and every figure stated, with who states it."""
    case, index = page.case, page.index
    with_findings = {f.investigation for f in case.findings}
    lines = [
        "### In numbers {#brief-numbers}",
        "",
        f"The casefile holds [{_plural(len(case.findings), 'finding')}](#findings) "
        f"(made by {_plural(len(with_findings), 'investigation')}), "
        f"[{_plural(len(case.outcomes), 'outcome')}](#outcomes), "
        f"[{_plural(len(case.attributions), 'attributed statement')}](#who-said-what) in "
        f"[{_plural(len(case.sources), 'source')}](#sources), "
        f"[{_plural(len(index.conflicts()), 'conflict')}](#conflicts) and "
        f"[{_plural(len(index.disputes()), 'dispute')}](#disputes).",
        "",
    ]
    if case.figures:
        lines += [
            "Figures the sources state:",
            "",
            "| about | measure | value | the source's words | stated by |",
            "|---|---|---|---|---|",
        ]
        for figure in case.figures:
            anchor = f'<a id="{figure.id}"></a>' if anchor_ok(figure.id) else ""
            differ = page.differ(figure.subject, f"figure:{figure.measure}")
            lines.append(
                f"| {anchor}{page.link(figure.subject)} | {inline(_label(figure.measure))} "
                f"| {value_cell(figure.value)}{differ} | {inline(figure.phrase or '')} "
                f"| {page.cite(figure.attributions)} |"
            )
        lines.append("")
    return lines


# ------------------------------------------------------------------ timeline


def _timeline(page: _Page) -> list[str]:
    """The timeline figure, then a table of every dated item with who states its date."""
    entries = page.index.timeline()
    lines = [
        "## Timeline {#timeline}",
        "",
        f"[![Timeline of the {_plural(len(entries), 'dated item')} in the casefile, one row per "
        f"entity]({FIGURE})]({FIGURE})",
        "",
        "In the figure each row is one entity. A dot is a date (a line through it spans the "
        "month or year a date is known to), a bar is a period, a hollow dashed mark is "
        "approximate or uncertain, and a bar that fades has an open or unknown end. The table "
        "lists every dated item in date order.",
        "",
    ]
    if not entries:
        return [*lines, "The casefile records no dates.", ""]
    lines += ["| date | item | what the date is | stated by |", "|---|---|---|---|"]
    for entry in entries:
        stated = page.cite(entry.attributions) or "the casefile's own record"
        lines.append(
            f"| {when_cell(entry.when)} | {page.link(entry.subject, entry.label)} "
            f"| {inline(_label(entry.event))} ({inline(entry.kind)}) | {stated} |"
        )
    return [*lines, ""]


# ------------------------------------------------------------------ findings and outcomes


def _findings(page: _Page) -> list[str]:
    """Findings grouped by the investigation that made them, each with its quotes."""
    case = page.case
    lines = ["## Findings {#findings}", ""]
    if not case.findings:
        return [*lines, "The casefile records no findings.", ""]
    by_investigation: dict[str | None, list[model.Finding]] = {}
    for finding in case.findings:
        by_investigation.setdefault(finding.investigation, []).append(finding)
    for inv_id, findings in by_investigation.items():
        if inv_id is None:
            lines += ["### Decided outside a recorded proceeding {#findings-other}", ""]
        else:
            anchor = f" {{#findings-{inv_id}}}" if anchor_ok(inv_id) else ""
            lines += [f"### {inline(page.name(inv_id))}{anchor}", ""]
        for finding in findings:
            lines += _finding(page, finding)
    return lines


def _finding(page: _Page, finding: model.Finding) -> list[str]:
    """One finding: its summary, kind, what and when it concerns, and its quotes."""
    lines = [f'**{inline(finding.summary)}** <a id="{finding.id}"></a>', ""]
    fields = [
        ("kind", inline(_label(finding.kind))),
        ("id", code(finding.id)),
        ("about", page.links(finding.about) if finding.about else ""),
        ("concerning", page.links(finding.concerning) if finding.concerning else ""),
        ("decided by", page.links(finding.decided_by) if finding.decided_by else ""),
        ("stage", inline(_label(finding.stage)) if finding.stage else ""),
        ("date", page.claims(finding.date) + page.differ(finding.id, "date")),
        ("how many", page.claims(finding.count, lambda c: inline(format_value(c.value)))),
        ("concerns", page.claims(finding.concerns)),
        ("outcomes", page.links(o.id for o in page.index.outcomes(finding.id))),
        ("editor's note", inline(finding.note or "")),
    ]
    lines += [f"- {label}: {text}" for label, text in fields if text and text != "none stated"]
    lines.append("")
    return lines + page.quotes(finding.attributions)


def _outcomes(page: _Page) -> list[str]:
    """Every outcome: what it is of, whom it concerns, when, how many, and its quotes."""
    lines = ["## Outcomes {#outcomes}", ""]
    if not page.case.outcomes:
        return [*lines, "The casefile records no outcomes.", ""]
    for outcome in page.case.outcomes:
        lines += [f'**{inline(outcome.summary)}** <a id="{outcome.id}"></a>', ""]
        fields = [
            ("kind", inline(_label(outcome.kind))),
            ("id", code(outcome.id)),
            ("of", page.links(outcome.of) if outcome.of else ""),
            ("concerning", page.links(outcome.concerning) if outcome.concerning else ""),
            ("decided by", page.links(outcome.decided_by) if outcome.decided_by else ""),
            ("date", page.claims(outcome.date) + page.differ(outcome.id, "date")),
            ("count", page.claims(outcome.count) + page.differ(outcome.id, "count")),
            ("editor's note", inline(outcome.note or "")),
        ]
        lines += [f"- {label}: {text}" for label, text in fields if text]
        lines.append("")
        lines += page.quotes(outcome.attributions)
    return lines


# ------------------------------------------------------------------ who said what


def _who_said_what(page: _Page) -> list[str]:
    """Every statement once: by speaker, then those in the sources' own voice, by source."""
    case = page.case
    lines = [
        "## Who said what {#who-said-what}",
        "",
        "Every attributed statement in the casefile, by speaker, with its exact words as they "
        "stand in the document. Statements a source makes in its own voice follow, by source.",
        "",
    ]
    speakers = dict.fromkeys(a.speaker for a in case.attributions if a.speaker is not None)
    ordered = [a.id for a in case.actors if a.id in speakers]
    ordered += [s for s in speakers if s not in ordered]
    for speaker in ordered:
        anchor = f" {{#{speaker}}}" if anchor_ok(speaker) else ""
        lines += [f"### {inline(page.name(speaker))}{anchor}", ""]
        actor = page.find(speaker)
        for role in getattr(actor, "roles", ()):
            of = f" of {page.link(role.of)}" if role.of else ""
            during = f", {when_cell(role.during)}" if role.during else ""
            lines.append(f"- role: {inline(role.title)}{of}{during}{page.refs(role.attributions)}")
        lines.append("")
        for attribution in page.index.said(speaker=speaker, speaking_for=False):
            lines += page.quote(attribution, anchor=True)
    own = [a for a in case.attributions if a.speaker is None]
    if own:
        lines += ["### In the sources' own voice {#own-voice}", ""]
        for source in dict.fromkeys(a.source for a in own):
            lines += [f"**{page.link(source, source)}**", ""]
            for attribution in own:
                if attribution.source == source:
                    lines += page.quote(attribution, anchor=True)
    return lines


# ------------------------------------------------------------------ disagreement


def _disagreements(page: _Page) -> list[str]:
    """Conflicts (values that cannot both be true) and disputes (statements against others)."""
    conflicts = page.index.conflicts()
    disputes = page.index.disputes()
    lines = ["## Where the sources disagree {#disagreements}", ""]
    if page.disagreements:
        lines += _every_disagreement(page)
    lines += [
        "### Conflicts {#conflicts}",
        "",
        "Values of one property that cannot both be true, each with the statements that give "
        "it. The casefile keeps both; it does not choose.",
        "",
    ]
    if not conflicts:
        lines += ["The casefile records no conflicts.", ""]
    for conflict in conflicts:
        lines += _conflict(page, conflict)
    lines += [
        "### Disputes {#disputes}",
        "",
        "Statements that dispute or question something, with the statements that give what "
        "they respond to.",
        "",
    ]
    if not disputes:
        lines += ["The casefile records no disputes.", ""]
    for dispute in disputes:
        lines += _dispute(page, dispute)
    return lines


# ------------------------------------------------------------------ the list of disagreements

DISAGREEMENTS = ROOT / "seeds" / "disagreements.yaml"


class Shown(NamedTuple):
    """A record that shows a disagreement: a conflict (subject and property) or a dispute of a
    target, with the attributions of each side."""

    command: str  # "conflicts" or "disputes"
    subject: str  # the conflict's subject, or the dispute's target
    property: str | None = None  # a conflict's property, as Conflict.property gives it
    sides: tuple[tuple[str, ...], ...] = ()  # a dispute's sides, by attribution id


class Disagreement(NamedTuple):
    """One disagreement the readings of the seeds found (an entry of disagreements.yaml)."""

    id: str
    about: str
    found_by: dict[str, int]
    shown_by: tuple[Shown, ...] = ()
    weak: str | None = None
    unpaired: str | None = None
    sides: tuple[tuple[str, ...], ...] = ()


def load_disagreements(path: Path = DISAGREEMENTS) -> list[Disagreement]:
    """Read a list of disagreements (the format is described at the top of the file)."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8"))
    found = []
    for entry in entries:
        shown = []
        for record in entry.get("shown_by", ()):
            if "conflicts" in record:
                shown.append(Shown("conflicts", record["conflicts"], record["property"]))
            else:
                sides = tuple(tuple(side) for side in record["sides"])
                shown.append(Shown("disputes", record["disputes"], sides=sides))
        found.append(
            Disagreement(
                id=entry["id"],
                about=entry["about"],
                found_by=dict(entry["found_by"]),
                shown_by=tuple(shown),
                weak=entry.get("weak"),
                unpaired=entry.get("unpaired"),
                sides=tuple(tuple(side) for side in entry.get("sides", ())),
            )
        )
    return found


def shown_sides(index: Index, shown: Shown) -> tuple[tuple[str, ...], ...] | None:
    """The attributions of each side of a record as the index finds it, or None if it does not.

    A conflict is found when ``casefile conflicts --subject`` gives one with the property; a
    dispute when every attribution of its sides is among the disputes of the target (``casefile
    disputes --target``) and what supports the target, and its first side disputes it.
    """
    if shown.command == "conflicts":
        for conflict in index.conflicts(shown.subject):
            if conflict.property == shown.property:
                return (conflict.left.attributions, conflict.right.attributions)
        return None
    disputes = index.disputes(shown.subject)
    disputing = {d.attribution.id for d in disputes}
    found = disputing | {a.id for d in disputes for a in d.supporting}
    listed = [a for side in shown.sides for a in side]
    if not shown.sides or not listed or not set(listed) <= found:
        return None
    if not set(shown.sides[0]) <= disputing:
        return None
    return shown.sides


def unshown(index: Index, disagreements: Sequence[Disagreement]) -> list[str]:
    """What keeps the list from matching the casefile: each record the index does not find,
    each disagreement with neither records nor a reason it has none, and each conflict and
    dispute of the casefile that no disagreement lists."""
    problems = []
    listed_conflicts: set[tuple[str, str | None]] = set()
    listed_disputes: set[tuple[str, str]] = set()
    for disagreement in disagreements:
        if not disagreement.shown_by and not (disagreement.unpaired and disagreement.sides):
            problems.append(f"{disagreement.id}: no record shows it and no reason is given")
        for shown in disagreement.shown_by:
            if shown_sides(index, shown) is None:
                problems.append(
                    f"{disagreement.id}: casefile {shown.command} does not show "
                    f"{shown.subject} {shown.property or ''}".rstrip()
                )
            if shown.command == "conflicts":
                listed_conflicts.add((shown.subject, shown.property))
            else:
                listed_disputes |= {(a, shown.subject) for side in shown.sides for a in side}
    for conflict in index.conflicts():
        if (conflict.subject, conflict.property) not in listed_conflicts:
            problems.append(f"conflict {conflict.subject} {conflict.property} is in no row")
    for dispute in index.disputes():
        if (dispute.attribution.id, dispute.target) not in listed_disputes:
            problems.append(f"dispute {dispute.attribution.id} of {dispute.target} is in no row")
    return problems


def _said(page: _Page, attribution_ids: Iterable[str]) -> str:
    """Each statement's words in quotation marks, then who said them where, linked."""
    parts = []
    for id in dict.fromkeys(attribution_ids):
        attribution = page.find(id)
        if isinstance(attribution, model.Attribution):
            who = page.speaker_name(attribution)
            where = "" if attribution.speaker is None else f", {attribution.source}"
            parts.append(
                f"\u201c{inline(attribution.quote.exact)}\u201d ({page.link(id, who + where)})"
            )
    return "<br>".join(parts)


def _command(shown: Shown) -> str:
    if shown.command == "conflicts":
        return code(f"casefile conflicts --subject {shown.subject}")
    return code(f"casefile disputes --target {shown.subject}")


def _every_disagreement(page: _Page) -> list[str]:
    """The table of every disagreement listed: what it is about, each side's words and
    sources, and the command that shows it."""
    lines = [
        "### Every disagreement {#every-disagreement}",
        "",
        "Every disagreement between the seeds that either of two independent readings found "
        "(A and B, by their item numbers), with each side's words and the command that shows "
        "it. Where the two sides meet only on a reading of the words, the first column says "
        "so. Where neither side's words deny the other's, no record holds the disagreement "
        "and the last column says why.",
        "",
        "| disagreement | one account | the other | shown by |",
        "|---|---|---|---|",
    ]
    for number, disagreement in enumerate(page.disagreements, start=1):
        readings = ", ".join(f"{k}{v}" for k, v in sorted(disagreement.found_by.items()))
        about = f"{number}. {inline(disagreement.about)} ({readings})"
        if disagreement.weak:
            about += f"<br>Weak: {inline(disagreement.weak)}"
        if disagreement.shown_by:
            records = [(s, shown_sides(page.index, s) or ((), ())) for s in disagreement.shown_by]
            one = "<br><br>".join(_said(page, sides[0]) for _, sides in records)
            other = "<br><br>".join(_said(page, sides[1]) for _, sides in records)
            how = "<br>".join(_command(s) for s, _ in records)
        else:
            one = _said(page, disagreement.sides[0]) if disagreement.sides else ""
            other = _said(page, disagreement.sides[1]) if len(disagreement.sides) > 1 else ""
            how = f"no record: {inline(disagreement.unpaired or '')}"
        lines.append(f"| {about} | {one} | {other} | {how} |")
    return [*lines, ""]


def _conflict(page: _Page, conflict: Conflict) -> list[str]:
    """One conflict: the entity and property, then each version with its citations."""
    prop = conflict.property.replace("milestones:", "date ").replace("figure:", "figure ")
    lines = [f"**{page.link(conflict.subject)}**: {inline(_label(prop))}", ""]
    for side in (conflict.left, conflict.right):
        item = page.find(side.item)
        value = value_cell(item.value) if item is not None else inline(side.value)
        phrase = getattr(item, "phrase", None)
        words = f", in the source's words: {inline(phrase)}" if phrase else ""
        lines.append(f"- {value}{words}{page.refs(side.attributions)}")
    return [*lines, ""]


def _dispute(page: _Page, dispute: Dispute) -> list[str]:
    """One dispute: who takes which stance towards what, in their words, and what supports it."""
    said = dispute.attribution
    lines = [
        f"**{inline(page.speaker_name(said))}** {said.stance.value} {page.link(dispute.target)}",
        "",
    ]
    lines += page.quote(said)
    if dispute.supporting:
        lines += [f"Stated by{page.refs(a.id for a in dispute.supporting)}.", ""]
    return lines


# ------------------------------------------------------------------ sources


def _sources(page: _Page) -> list[str]:
    """Every source: its form, publisher, dates, chains, statements and chain roots."""
    index = page.index
    lines = [
        "## Sources {#sources}",
        "",
        "Sources are classified by the form of their text. A chain root is where a statement's "
        "words come from once republication is collapsed; see [Concepts](concepts.md).",
        "",
    ]
    for source in page.case.sources:
        said = index.said(source=source.id)
        roots = sorted({index.line_root(a) for a in said})
        parts = [inline(_label(source.kind))]
        if source.title:
            parts.append(f"title: {inline(source.title)}")
        if source.publisher:
            parts.append(f"publisher: {inline(page.name(source.publisher))}")
        if source.authors:
            parts.append(f"authors: {page.links(source.authors)}")
        if source.published:
            parts.append(
                f"published: {page.claims(source.published)}{page.differ(source.id, 'published')}"
            )
        if source.url:
            parts.append(f"address: {code(source.url)}")
        if source.retrieved is not None:
            parts.append(f"retrieved: {when_cell(source.retrieved)}")
        if source.language:
            parts.append(f"language: {code(source.language)}")
        anchor = f'<a id="{source.id}"></a>' if anchor_ok(source.id) else ""
        lines.append(f"- **{inline(source.id)}** {anchor}— {'; '.join(parts)}")
        for derivation in source.derived_from:
            lines.append(
                f"    - {inline(_label(derivation.relation))} "
                f"{page.link(derivation.source, derivation.source)}"
                f"{page.refs(derivation.attributions)}"
            )
        lines.append(
            f"    - {_plural(len(said), 'statement')}; chain roots: "
            f"{', '.join(page.link(r, r) for r in roots) or 'none'}"
        )
    return [*lines, ""]


# ------------------------------------------------------------------ the timeline figure

# Sized to read at the width of a documentation page's content column (about 700 to 900
# pixels), where one unit of the viewBox is about one pixel.
WIDTH = 820
LABELS_RIGHT = 268  # the row labels' column ends here; the time axis starts after it
PLOT_LEFT = 278
PLOT_RIGHT = WIDTH - 14
ROW = 21
TEXT = 12  # font size of mark labels, axis and legend
LABEL_TEXT = 12.5  # font size of row labels
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"

# Kinds of entity in the order their rows appear, with a heading and a colour (Okabe-Ito,
# distinguishable with the common colour-vision deficiencies).
GROUPS: dict[str, tuple[str, str]] = {
    "investigation": ("Investigations", "#0072B2"),
    "complaint": ("Complaints", "#D55E00"),
    "finding": ("Findings", "#009E73"),
    "outcome": ("Outcomes", "#CC79A7"),
    "actor": ("Roles", "#56B4E9"),
    "source": ("Sources", "#B07800"),
    "attribution": ("Statements", "#555555"),
}
_OTHER = ("Other", "#777777")

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def xml_text(text: str) -> str:
    """Return text safe inside an XML element or attribute: escaped, no invalid characters."""
    text = _XML_INVALID.sub("\ufffd", text)
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("\n", " ")
        .replace("\r", " ")
        .replace("\t", " ")
    )


def text_width(text: str, size: float) -> float:
    """Estimate how wide text is in a sans-serif font: wide characters count double."""
    units = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return units * size * 0.58


def fit(text: str, width: float, size: float) -> str:
    """Shorten text with an ellipsis so that it fits ``width``."""
    text = " ".join(text.split())
    if text_width(text, size) <= width:
        return text
    while text and text_width(text + "…", size) > width:
        text = text[:-1]
    return text.rstrip() + "…"


def _day(date: _dt.date) -> int:
    return date.toordinal()


def _year_start(year: int) -> int:
    """The ordinal of 1 January of a year, also for the year after 9999."""
    if year > 9999:
        return _dt.date(9999, 12, 31).toordinal() + 1
    return _dt.date(year, 1, 1).toordinal()


class _Scale:
    """Days to x positions, from 1 January of the first year to the end of the last."""

    def __init__(self, entries: Sequence[TimelineEntry]) -> None:
        days = [d for e in entries for d in span(e.when) if d is not None]
        self.first_year = min((d.year for d in days), default=2000)
        self.last_year = max((d.year for d in days), default=self.first_year)
        self.start = _year_start(self.first_year)
        self.end = _year_start(self.last_year + 1)

    def x(self, ordinal: float) -> float:
        """The x position of a day (its start; add one for a day's end)."""
        fraction = (ordinal - self.start) / (self.end - self.start)
        return PLOT_LEFT + fraction * (PLOT_RIGHT - PLOT_LEFT)

    def ticks(self) -> list[int]:
        """Years to mark: a step of 1, 2, 5, 10, ... years that keeps labels apart."""
        per_year = (PLOT_RIGHT - PLOT_LEFT) / (self.last_year + 1 - self.first_year)
        step = 1
        for factor in (2, 2.5, 2):  # 1, 2, 5, 10, 20, 50, ...
            if step * per_year >= 44:
                break
            step = int(step * factor)
        while step * per_year < 44:
            step *= 10
        first = -(-self.first_year // step) * step
        return list(range(first, self.last_year + 2, step))


class _Mark(NamedTuple):
    """One dated item placed on the figure: its extent, label and where the label goes."""

    entry: TimelineEntry
    x0: float
    x1: float
    span_x: tuple[float, float]
    label: str
    label_left: bool

    @property
    def left(self) -> float:
        """Where the mark, with the line showing a date's precision, begins."""
        return min(self.x0, self.span_x[0])

    @property
    def right(self) -> float:
        """Where the mark, with the line showing a date's precision, ends."""
        return max(self.x1, self.span_x[1])

    @property
    def extent(self) -> tuple[float, float]:
        """The horizontal room the mark and its label take."""
        width = text_width(self.label, TEXT) + 6
        if self.label_left:
            return self.left - width, self.right
        return self.left, self.right + width


def _fuzzy(value: When) -> bool:
    """Whether any date in the value is approximate or uncertain."""
    dates = [value] if isinstance(value, PartialDate) else [value.start, value.end]
    return any(d is not None and (d.approximate or d.uncertain) for d in dates)


def _mark_for(entry: TimelineEntry, scale: _Scale) -> _Mark:
    """Place one entry: a dot for a date, a bar for a period, and its short label."""
    first, last = span(entry.when)
    x0 = scale.x(_day(first)) if first is not None else PLOT_LEFT
    x1 = scale.x(_day(last) + 1) if last is not None else PLOT_RIGHT
    span_x = (x0, x1)
    if isinstance(entry.when, PartialDate):
        centre = (x0 + x1) / 2
        x0, x1 = centre - 5, centre + 5
    label = fit(f"{_label(entry.event)} {entry.when}", 250, TEXT)
    room = text_width(label, TEXT) + 6
    left = max(x1, span_x[1]) + room > WIDTH - 4 and min(x0, span_x[0]) - room > PLOT_LEFT
    return _Mark(entry, x0, x1, span_x, label, left)


def _lanes(marks: Sequence[_Mark]) -> list[list[_Mark]]:
    """Stack a row's marks into as few lanes as keep marks and labels from overlapping."""
    lanes: list[list[_Mark]] = []
    for mark in sorted(marks, key=lambda m: m.extent[0]):
        start = mark.extent[0]
        for lane in lanes:
            if lane[-1].extent[1] + 4 <= start:
                lane.append(mark)
                break
        else:
            lanes.append([mark])
    return lanes


def _subject_label(page: _Page, entry: TimelineEntry) -> str:
    """A row's label: the entity's name (a source by its publisher and kind, as the timeline
    labels it; a statement by its speaker)."""
    if entry.kind in ("source", "attribution"):
        return entry.label.removesuffix(": published").removesuffix(": retrieved")
    return page.name(entry.subject)


def _svg_mark(mark: _Mark, y: float, colour: str) -> list[str]:
    """The SVG of one mark and its label, with a tooltip naming the item and its date."""
    entry = mark.entry
    fuzzy = _fuzzy(entry.when)
    tip = xml_text(f"{entry.label} — {_label(entry.event)}: {date_text(entry.when)}")
    parts = [f'<g class="mark" data-item="{xml_text(entry.item)}"><title>{tip}</title>']
    if isinstance(entry.when, PartialDate):
        cx = (mark.x0 + mark.x1) / 2
        left, right = mark.span_x
        if right - left > 8:
            parts.append(
                f'<line x1="{left:.1f}" y1="{y:.1f}" x2="{right:.1f}" y2="{y:.1f}" '
                f'stroke="{colour}" stroke-width="2" stroke-opacity="0.45"/>'
            )
        style = (
            f'fill="#ffffff" stroke="{colour}" stroke-width="1.6" stroke-dasharray="2 1.5"'
            if fuzzy
            else f'fill="{colour}" stroke="#ffffff" stroke-width="1"'
        )
        parts.append(f'<circle cx="{cx:.1f}" cy="{y:.1f}" r="4.5" {style}/>')
    else:
        period = entry.when
        assert isinstance(period, Period)
        fill = colour
        if period.start is None and period.end is None:
            fill = f"url(#fade-both-{colour[1:]})"
        elif period.start is None:
            fill = f"url(#fade-left-{colour[1:]})"
        elif period.end is None:
            fill = f"url(#fade-right-{colour[1:]})"
        style = (
            f'fill-opacity="0.4" stroke="{colour}" stroke-width="1.4" stroke-dasharray="3 2"'
            if fuzzy
            else ""
        )
        width = max(mark.x1 - mark.x0, 3)
        parts.append(
            f'<rect x="{mark.x0:.1f}" y="{y - 5:.1f}" width="{width:.1f}" height="10" rx="2.5" '
            f'fill="{fill}" {style}/>'
        )
    if mark.label_left:
        parts.append(
            f'<text x="{mark.left - 5:.1f}" y="{y + 4.2:.1f}" text-anchor="end">'
            f"{xml_text(mark.label)}</text>"
        )
    else:
        parts.append(
            f'<text x="{mark.right + 5:.1f}" y="{y + 4.2:.1f}">{xml_text(mark.label)}</text>'
        )
    parts.append("</g>")
    return ["".join(parts)]


def _gradients(colours: Iterable[str]) -> list[str]:
    """Fills that fade towards an open end, one set per colour."""
    defs = []
    for colour in colours:
        key = colour[1:]
        for side, stops in (
            ("left", ((0, 0.0), (0.6, 1.0))),
            ("right", ((0.4, 1.0), (1, 0.0))),
            ("both", ((0, 0.0), (0.5, 1.0), (1, 0.0))),
        ):
            stop_text = "".join(
                f'<stop offset="{offset}" stop-color="{colour}" stop-opacity="{opacity}"/>'
                for offset, opacity in stops
            )
            defs.append(f'<linearGradient id="fade-{side}-{key}">{stop_text}</linearGradient>')
    return defs


def _axis(scale: _Scale, y: float, *, top: bool) -> list[str]:
    """Year labels along the plot, above it (``top``) or below it."""
    parts = [
        f'<line x1="{PLOT_LEFT}" y1="{y:.1f}" x2="{PLOT_RIGHT}" y2="{y:.1f}" stroke="#888888"/>'
    ]
    for year in scale.ticks():
        x = scale.x(_year_start(year))
        if x > PLOT_RIGHT + 0.5:
            continue
        tick_end = y - 4 if top else y + 4
        text_y = y - 7 if top else y + 16
        parts.append(
            f'<line x1="{x:.1f}" y1="{y:.1f}" x2="{x:.1f}" y2="{tick_end:.1f}" stroke="#888888"/>'
            f'<text x="{x:.1f}" y="{text_y:.1f}" text-anchor="middle" fill="#333333">{year}</text>'
        )
    return parts


def _legend(y: float) -> tuple[list[str], float]:
    """Sample marks explaining the notation, wrapped to the width; and the height they take."""
    colour = "#555555"
    items = [
        ('<circle cx="{x}" cy="{y}" r="4.5" fill="%s"/>', "date"),
        (
            '<line x1="{xm}" y1="{y}" x2="{xp}" y2="{y}" stroke="%s" stroke-width="2" '
            'stroke-opacity="0.45"/><circle cx="{x}" cy="{y}" r="4.5" fill="%s" '
            'stroke="#ffffff"/>',
            "date known to the month or year",
        ),
        ('<rect x="{xm}" y="{top}" width="22" height="10" rx="2.5" fill="%s"/>', "period"),
        (
            '<circle cx="{x}" cy="{y}" r="4.5" fill="#ffffff" stroke="%s" '
            'stroke-width="1.6" stroke-dasharray="2 1.5"/>',
            "approximate or uncertain",
        ),
        (
            '<rect x="{xm}" y="{top}" width="22" height="10" rx="2.5" fill="url(#fade-left-%s)"/>',
            "open or unknown end",
        ),
    ]
    parts = ['<g class="legend">']
    x, line_y = 20.0, y
    for shape, words in items:
        width = 28 + text_width(words, TEXT)
        if x + width > WIDTH - 10:
            x, line_y = 20.0, line_y + ROW
        fill = colour[1:] if "fade" in shape else colour
        parts.append(
            (shape % ((fill,) * shape.count("%s"))).format(
                x=x + 11, xm=x, xp=x + 22, y=line_y, top=line_y - 5
            )
        )
        parts.append(f'<text x="{x + 28:.1f}" y="{line_y + 4.2:.1f}">{words}</text>')
        x += width + 22
    parts.append("</g>")
    return parts, line_y - y + ROW


def timeline_svg(case: model.Casefile) -> str:
    """Return the timeline figure: one row per entity, dots for dates, bars for periods.

    Self-contained SVG (no scripts, fonts or images from elsewhere) that scales to its
    container: a ``viewBox`` 900 units wide and ``width="100%"``. Each dated item is one
    element of class ``mark`` holding a tooltip, so tests can count them.
    """
    page = _Page(case)
    entries = page.index.timeline()
    scale = _Scale(entries)
    rows: dict[str, dict[str, list[_Mark]]] = {}
    labels: dict[str, str] = {}
    for entry in entries:
        mark = _mark_for(entry, scale)
        key = f"{entry.kind}\x00{entry.subject}"
        rows.setdefault(entry.kind, {}).setdefault(key, []).append(mark)
        labels.setdefault(key, _subject_label(page, entry))
    kinds = [k for k in GROUPS if k in rows] + [k for k in rows if k not in GROUPS]
    colours = sorted({GROUPS.get(k, _OTHER)[1] for k in kinds} | {"#555555"})

    body: list[str] = []
    y = 34.0
    top = y
    for kind in kinds:
        heading, colour = GROUPS.get(kind, _OTHER)
        body.append(
            f'<rect x="8" y="{y + 4:.1f}" width="10" height="10" rx="2" fill="{colour}"/>'
            f'<text x="24" y="{y + 13:.1f}" font-weight="600">{xml_text(heading)}</text>'
        )
        y += ROW + 2
        for key, marks in rows[kind].items():
            lanes = _lanes(marks)
            row_height = ROW * len(lanes)
            rule = y + row_height
            body.append(
                f'<line x1="8" y1="{rule:.1f}" x2="{PLOT_RIGHT}" y2="{rule:.1f}" stroke="#e6e6e6"/>'
            )
            label = fit(labels[key], LABELS_RIGHT - 24, LABEL_TEXT)
            body.append(
                f'<text x="24" y="{y + ROW / 2 + 4.3:.1f}" font-size="{LABEL_TEXT}" fill="#222222">'
                f"<title>{xml_text(labels[key])}</title>{xml_text(label)}</text>"
            )
            for lane_number, lane in enumerate(lanes):
                lane_y = y + ROW * lane_number + ROW / 2
                for mark in lane:
                    body += _svg_mark(mark, lane_y, colour)
            y += row_height
        y += 6
    bottom = y
    grid = [
        f'<line x1="{scale.x(_year_start(year)):.1f}" y1="{top:.1f}" '
        f'x2="{scale.x(_year_start(year)):.1f}" y2="{bottom:.1f}" stroke="#eeeeee"/>'
        for year in scale.ticks()
        if scale.x(_year_start(year)) <= PLOT_RIGHT + 0.5
    ]
    if not entries:
        body.append(f'<text x="{PLOT_LEFT}" y="{y + 14:.1f}">The casefile records no dates.</text>')
        y += 20
    axis_y = y + 2
    legend, legend_height = _legend(axis_y + 42)
    height = axis_y + 32 + legend_height
    span_words = (
        f"from {scale.first_year} to {scale.last_year}" if entries else "with no dated items"
    )
    description = (
        f"{_plural(len(entries), 'dated item')} {span_words}, one row per entity, grouped by "
        "kind: dots are dates, bars are periods, hollow dashed marks are approximate or "
        "uncertain, fading bars have an open end."
    )
    head = [
        '<svg xmlns="http://www.w3.org/2000/svg" version="1.1" '
        f'viewBox="0 0 {WIDTH} {height:.0f}" width="100%" role="img" '
        'aria-labelledby="timeline-title timeline-desc" '
        f'font-family="{FONT}" font-size="{TEXT}" fill="#222222">',
        f'<title id="timeline-title">Timeline: {xml_text(case.title)}</title>',
        f'<desc id="timeline-desc">{xml_text(description)}</desc>',
        f"<defs>{''.join(_gradients(colours))}</defs>",
        f'<rect width="{WIDTH}" height="{height:.0f}" fill="#ffffff"/>',
    ]
    parts = [
        *head,
        *grid,
        *_axis(scale, top - 2, top=True),
        *body,
        *_axis(scale, axis_y, top=False),
        *legend,
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


# ------------------------------------------------------------------ the hook's entry point


def pages() -> dict[str, str | bytes]:
    """The reference casefile's page and its timeline figure, by path in the site's source."""
    case = casefile.reference()
    disagreements = load_disagreements()
    problems = unshown(Index(case), disagreements)
    if problems:
        raise ValueError(f"{DISAGREEMENTS.name} does not match the reference casefile: {problems}")
    page = render(case, heading="The reference casefile", disagreements=disagreements)
    return {PAGE: page, FIGURE: timeline_svg(case)}
