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

import html
import re
import string
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

import yaml

import casefile
from casefile import Index, model
from casefile.dates import PartialDate, Period, When
from casefile.query import Conflict, Dispute, Side, format_value
from casefile.render._figure import WIDTH, timeline_svg, xml_text
from casefile.render._view import CaseView, parents
from casefile.render._words import (
    Term,
    attribution_legend,
    attribution_terms,
    date_text,
    language_name,
)
from casefile.render._words import label as _label
from casefile.render._words import plural as _plural
from casefile.render._words import same as _same

# Re-exported for the tests of the page (tests/test_docs_reference.py).
__all__ = ["WIDTH", "date_text", "inline", "pages", "render", "timeline_svg", "xml_text"]

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


def term(term: Term) -> str:
    """A term of the page's own, its meaning a hover title (as ``casefile render`` shows it)."""
    return f'<abbr title="{html.escape(term.meaning, quote=True)}">{inline(term.words)}</abbr>'


def legend() -> list[str]:
    """What each term after a quote means: the hover titles, written out as a list."""
    lines = ["What the words after each quote mean:", ""]
    lines += [f"- *{inline(t.words)}*: {inline(t.meaning)}" for t in attribution_legend()]
    return [*lines, ""]


_ANCHOR = re.compile(r"\A[A-Za-z0-9._:-]{1,128}\Z")


def anchor_ok(id: str) -> bool:
    """Whether an id can be used as an HTML anchor as it is (casefile ids always can)."""
    return _ANCHOR.match(id) is not None


def when_cell(value: When) -> str:
    """A date for a table or list: its words, then its EDTF form in code where it differs."""
    words, edtf = date_text(value), str(value)
    return inline(words) if words == edtf else f"{inline(words)} {code(edtf)}"


def value_cell(value: Any) -> str:
    """A stated value for people: dates in words and EDTF, quantities as words."""
    if isinstance(value, PartialDate | Period):
        return when_cell(value)
    return inline(format_value(value))


# ------------------------------------------------------------------ the page


class _Page(CaseView):
    """The casefile's view (names and order, shared with ``casefile render``), and the
    Markdown every section uses to link and cite."""

    def __init__(self, case: model.Casefile, disagreements: Sequence[Disagreement] = ()) -> None:
        super().__init__(case)
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

    # ---------------------------------------------------------- linking

    def link(self, id: str, text: str | None = None) -> str:
        """Markdown for an id: its name, linked to its place on the page where it has one."""
        shown = inline(self.name(id) if text is None else text)
        if id in self.anchored and anchor_ok(id):
            return f"[{shown}](#{id})"
        return shown

    def note(self, text: str | None) -> str:
        """An editor's note, each id of the casefile in it shown as its (linked) name."""
        return "".join(
            inline(part) if id is None else self.link(id)
            for part, id in self.note_parts(text or "")
        )

    def links(self, ids: Iterable[str]) -> str:
        """Several linked names, comma-separated."""
        return ", ".join(self.link(i) for i in dict.fromkeys(ids)) or "none stated"

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
            text = self.source_name(source)
            if speaker is not None:
                text = f"{self.name(speaker)}, {text}"
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
        terms = "; ".join(term(t) for t in attribution_terms(attribution, full=anchor))
        details = [f"in {self.link(attribution.source)}: {terms}"]
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
        cite = f"<small>{self.link(attribution.id, attribution.id)}</small>"
        if anchor:
            cite = f"<small>{code(attribution.id)}</small>"
        lines = [
            f"> {target}{inline(attribution.quote.exact)}",
            ">",
            f"> — {speaker}, {', '.join(details)} · {cite}",
        ]
        if attribution.note:
            lines += [">", f"> Editor's note: {self.note(attribution.note)}"]
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
    principal = page.principal()
    for inv in principal:
        lines += [f'**{inline(inv.name)}** <a id="{inv.id}"></a>({inline(_label(inv.kind))})', ""]
        fields: list[tuple[str, str]] = [
            ("part of", page.ref_claims(parents(inv)) + page.differ(inv.id, "links:part_of")),
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
            if parents(inv):
                parts.append(f"part of {page.ref_claims(parents(inv))}")
            if inv.conducted_by:
                parts.append(f"conducted by {page.ref_claims(inv.conducted_by)}")
            if inv.milestones:
                parts.append(_milestones(page, inv.id, inv.milestones))
            lines.append("- " + "; ".join(parts))
        lines.append("")
    return lines


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
        f"[{_plural(sum(c.exclusive for c in index.conflicts()), 'conflict')}](#conflicts), "
        f"[{_plural(len(_questions(index)), 'question')}](#accounts) the sources answer "
        "differently, "
        f"and [{_plural(len(index.disputes()), 'dispute')}](#disputes).",
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
            f"| {when_cell(entry.when)} | {page.link(entry.subject, page.entry_label(entry))} "
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
            lines += ["### Decisions outside a recorded investigation {#findings-other}", ""]
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
        ("editor's note", page.note(finding.note)),
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
            ("editor's note", page.note(outcome.note)),
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
        "stand in the document. Statements a source makes in its own voice follow, by source. "
        "After each quote: who said it, in which source, whether the words are the speaker's "
        "own or reported speech, whether it reports or comments, and whether it asserts, "
        "disputes, accepts or questions what it responds to (hover over a term for its "
        "meaning).",
        "",
        *legend(),
    ]
    for speaker in page.speakers():
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
            lines += [f"**{page.link(source)}**", ""]
            for attribution in own:
                if attribution.source == source:
                    lines += page.quote(attribution, anchor=True)
    return lines


# ------------------------------------------------------------------ disagreement


def _disagreements(page: _Page) -> list[str]:
    """Conflicts (values that cannot both be true), accounts that differ (a question's answers)
    and disputes (statements against others)."""
    conflicts = [c for c in page.index.conflicts() if c.exclusive]
    accounts = [c for c in page.index.conflicts() if not c.exclusive]
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
    if accounts:
        lines += [
            "### Accounts that differ {#accounts}",
            "",
            "Answers to one question that differ without either denying the other, so both "
            "may hold; `casefile conflicts` lists each pair. Each answer is in the casefile's "
            "words, with the statements that give it.",
            "",
        ]
        lines += _accounts(page, accounts)
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
    may_both_hold: str | None = None


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
                may_both_hold=entry.get("may_both_hold"),
            )
        )
    return found


def shown_sides(index: Index, shown: Shown) -> tuple[tuple[str, ...], ...] | None:
    """The attributions of each side of a record as the index finds it, or None if it does not.

    A conflict is found when ``casefile conflicts --subject`` gives one with the property; its
    sides are every version in its conflicts, in casefile order (a question may have three
    answers). A dispute is found when every attribution of its sides is among the disputes of
    the target (``casefile disputes --target``) and what supports the target, and its first
    side disputes it.
    """
    if shown.command == "conflicts":
        versions: dict[str, tuple[str, ...]] = {}
        for conflict in index.conflicts(shown.subject):
            if conflict.property == shown.property:
                for side in (conflict.left, conflict.right):
                    versions.setdefault(side.item, side.attributions)
        return tuple(versions.values()) or None
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
        if not disagreement.shown_by:
            problems.append(f"{disagreement.id}: no record shows it")
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
            where = (
                "" if attribution.speaker is None else f", {page.source_name(attribution.source)}"
            )
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
        "so. Where the accounts differ but neither side's words deny the other's, they are "
        "the answers to one question, which `casefile conflicts` lists as accounts that may "
        "both hold, and the first column says why.",
        "",
        "| disagreement | one account | the other | shown by |",
        "|---|---|---|---|",
    ]
    for number, disagreement in enumerate(page.disagreements, start=1):
        readings = ", ".join(f"{k}{v}" for k, v in sorted(disagreement.found_by.items()))
        about = f"{number}. {inline(disagreement.about)} ({readings})"
        if disagreement.weak:
            about += f"<br>Weak: {inline(disagreement.weak)}"
        if disagreement.may_both_hold:
            about += f"<br>Both may hold: {inline(disagreement.may_both_hold)}"
        records = [(s, shown_sides(page.index, s) or ((), ())) for s in disagreement.shown_by]
        one = "<br><br>".join(_said(page, sides[0]) for _, sides in records)
        other = "<br><br>".join(_said(page, side) for _, sides in records for side in sides[1:])
        how = "<br>".join(_command(s) for s, _ in records)
        lines.append(f"| {about} | {one} | {other} | {how} |")
    return [*lines, ""]


def _conflict(page: _Page, conflict: Conflict) -> list[str]:
    """One conflict: the entity and property, then each version with its citations."""
    before, after = page.conflict_words(conflict.subject, conflict.property)
    lines = [f"**{inline(before)}{page.link(conflict.subject)}{inline(after)}**", ""]
    for side in (conflict.left, conflict.right):
        item = page.find(side.item)
        value = value_cell(item.value) if item is not None else inline(side.value)
        phrase = getattr(item, "phrase", None)
        words = f", in the source's words: {inline(phrase)}" if phrase else ""
        lines.append(f"- {value}{words}{page.refs(side.attributions)}")
    return [*lines, ""]


def _questions(index: Index) -> list[str]:
    """The questions whose answers differ, in casefile order."""
    return list(dict.fromkeys(c.subject for c in index.conflicts() if not c.exclusive))


def _accounts(page: _Page, conflicts: Sequence[Conflict]) -> list[str]:
    """Each question with differing answers, once, then every answer with its citations."""
    answers: dict[str, dict[str, Side]] = {}
    for conflict in conflicts:
        for side in (conflict.left, conflict.right):
            answers.setdefault(conflict.subject, {}).setdefault(side.item, side)
    lines = []
    for subject, sides in answers.items():
        lines += [f"**{page.link(subject)}**", ""]
        for side in sides.values():
            phrase = getattr(page.find(side.item), "phrase", None)
            words = f", in the source's words: {inline(phrase)}" if phrase else ""
            lines.append(f"- {inline(side.value)}{words}{page.refs(side.attributions)}")
        lines.append("")
    return lines


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
            name = language_name(source.language)
            shown = f"{inline(name)} ({code(source.language)})" if name else code(source.language)
            parts.append(f"language: {shown}")
        anchor = f'<a id="{source.id}"></a>' if anchor_ok(source.id) else ""
        lines.append(
            f"- **{inline(page.source_title(source.id))}** {anchor}<small>{code(source.id)}</small>"
            f" — {'; '.join(parts)}"
        )
        for derivation in source.derived_from:
            lines.append(
                f"    - {inline(_label(derivation.relation))} "
                f"{page.link(derivation.source)}"
                f"{page.refs(derivation.attributions)}"
            )
        lines.append(
            f"    - {_plural(len(said), 'statement')}; chain roots: "
            f"{', '.join(page.link(r) for r in roots) or 'none'}"
        )
    return [*lines, ""]


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
