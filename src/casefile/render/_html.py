"""The HTML site of a casefile: a few pages of static, offline, escaped HTML.

Three rules shape it:

- **Data never becomes markup.** Every piece of text from the casefile or its documents goes
  through :func:`esc` (``html.escape``, and characters XML forbids replaced), and a link is
  made only to a page of the site or to an ``http(s)`` address. The pages are well-formed
  XML as well as HTML, so tests parse them with an XML parser.
- **Nothing from elsewhere.** One stylesheet inside each page, no script, no font, no image
  but the inline SVG of the timeline (inline, so that its hover titles work).
- **Large casefiles stay usable.** Long sections are split into numbered pages, each of
  items weighing at most ``PER_PAGE`` (about a line each; a decision in full weighs more),
  and a long list or table runs on over pages, opened again on each. The front page shows
  the first ``BRIEF_LIMIT`` of each list and links to the pages that hold them all; long
  lists inside a page are in ``<details>`` elements, closed.
"""

from __future__ import annotations

import functools
import html
import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NamedTuple

from .. import model
from ..answers import Decision
from ..dates import PartialDate, Period, When
from ..decisions import FALLEN
from ..documents import DocumentFolder
from ..errors import DocumentError
from ..locating import LocateError, cell_name, csv_cells, delimiter_of
from ..query import Conflict, Dispute, Side, format_value
from ._figure import timeline_svg
from ._view import CaseView, parents
from ._words import (
    Term,
    attribution_legend,
    attribution_terms,
    date_text,
    label,
    language_name,
    plural,
    same,
)

__all__ = ["PER_PAGE", "site"]

#: The most weight of items on one page of a section: 200 statements, dated items or actors,
#: fewer decisions in full or sources (see ``Item.weight``).
PER_PAGE = 200
#: The most rows of each kind the timeline figure draws (the table lists every date).
FIGURE_ROWS = 12
#: The most links to items shown elsewhere that one list gives before saying how many more.
LINK_LIMIT = 20
#: A list inside a page longer than this is shown closed, in a ``<details>`` element.
OPEN_LIMIT = 12
#: About how many lines a decision shown in full takes, in the units of ``PER_PAGE``.
DECISION_WEIGHT = 3
#: About how many lines a complaint takes, besides its list of decisions.
COMPLAINT_WEIGHT = 4
#: The most entries of a list the front page shows; the rest are on the list's own pages.
BRIEF_LIMIT = 10
#: The most rows of the table of figures the front page shows (a row is one line).
FIGURE_LIMIT = 20

_XML_INVALID = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

STYLE = """
:root { color-scheme: light; --accent: #0b5cad; --muted: #555; --rule: #ddd; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif;
  line-height: 1.5; margin: 0 auto; max-width: 62rem; padding: 0 1rem 3rem; color: #1b1b1b; }
header.site { border-bottom: 1px solid var(--rule); padding: .75rem 0; }
nav { display: flex; flex-wrap: wrap; gap: .2rem 1rem; margin-top: .25rem; }
nav a { white-space: nowrap; }
@media (max-width: 40rem) { nav { gap: .35rem .5rem; font-size: .95rem; }
  nav a { border: 1px solid var(--rule); border-radius: .3rem; padding: .1rem .45rem;
    text-decoration: none; } }
a { color: var(--accent); }
h1 { font-size: 1.6rem; line-height: 1.25; overflow-wrap: anywhere; }
h2 { font-size: 1.3rem; margin-top: 2rem; border-bottom: 1px solid var(--rule); }
h3 { font-size: 1.1rem; margin-top: 1.5rem; overflow-wrap: anywhere; }
.note, figcaption, .meta { color: var(--muted); font-size: .92rem; }
.figure { overflow-x: auto; border: 1px solid var(--rule);
  /* Shadows at an edge with more to see past it: local backgrounds cover them at the ends. */
  background: linear-gradient(to right, #fff 30%, rgba(255,255,255,0)),
    linear-gradient(to left, #fff 30%, rgba(255,255,255,0)) 100% 0,
    radial-gradient(farthest-side at 0 50%, rgba(0,0,0,.2), rgba(0,0,0,0)),
    radial-gradient(farthest-side at 100% 50%, rgba(0,0,0,.2), rgba(0,0,0,0)) 100% 0;
  background-repeat: no-repeat; background-size: 40px 100%, 40px 100%, 14px 100%, 14px 100%;
  background-attachment: local, local, scroll, scroll; }
.scroll-hint { display: none; }
@media (max-width: 52rem) { .scroll-hint { display: block; color: var(--muted);
  font-size: .92rem; margin: .25rem 0; } }
.figure svg { display: block; min-width: 820px; height: auto; }
.table { overflow-x: auto; }
table { border-collapse: collapse; margin: .5rem 0; }
th, td { border: 1px solid var(--rule); padding: .25rem .5rem; text-align: left;
  vertical-align: top; overflow-wrap: anywhere; }
figure.quote { margin: .75rem 0 1rem; }
blockquote { margin: 0; padding: .25rem .75rem; border-left: 4px solid #c9a400;
  background: #fbfaf4; overflow-wrap: anywhere; white-space: pre-wrap; }
.context { color: var(--muted); }
abbr[title], span.date[title] { text-decoration: underline dotted; cursor: help; }
mark { background: #ffe066; color: inherit; padding: 0 .1em; }
pre.document { white-space: pre-wrap; overflow-wrap: anywhere; background: #fafafa;
  border: 1px solid var(--rule); padding: .75rem; font-size: .9rem; }
details { margin: .5rem 0; }
summary { cursor: pointer; }
dl.fields { display: grid; grid-template-columns: minmax(8.5rem, max-content) 1fr;
  gap: .1rem 1rem; }
dl.fields dt { color: var(--muted); }
dl.fields dd { margin: 0; overflow-wrap: anywhere; }
dl.fields dd > details { margin: 0; }
@media (max-width: 40rem) { dl.fields { grid-template-columns: 1fr; }
  dl.fields dd { margin-left: 1rem; } }
table.records th, table.records td { overflow-wrap: break-word; }
@media (max-width: 40rem) { table.records, table.records tbody, table.records tr,
  table.records td { display: block; }
  table.records thead { display: none; }
  table.records tr { border: 1px solid var(--rule); margin: .5rem 0; padding: .2rem .5rem; }
  table.records td { border: 0; padding: .1rem 0; overflow-wrap: break-word; }
  table.records td:empty { display: none; }
  table.records td::before { content: attr(data-label) ": "; color: var(--muted); } }
ol.decisions > li { margin-bottom: .75rem; }
ol.decisions > li.more { list-style: none; }
.fallen { color: var(--muted); }
.pages { display: flex; flex-wrap: wrap; gap: .2rem .6rem; }
"""


def esc(text: str) -> str:
    """Return text as HTML (and XML) character data or an attribute value: escaped, and any
    character XML forbids replaced with U+FFFD."""
    return html.escape(_XML_INVALID.sub("\ufffd", text), quote=True)


def term(term: Term) -> str:
    """A term of the page's own, its meaning a hover title."""
    return f'<abbr title="{esc(term.meaning)}">{esc(term.words)}</abbr>'


def legend() -> str:
    """What each term of an attribution means (the hover titles, written out)."""
    rows = "".join(
        f"<dt>{esc(t.words)}</dt><dd>{esc(t.meaning)}</dd>" for t in attribution_legend()
    )
    return (
        f'<details class="legend"><summary>What the words after each quote mean</summary>'
        f'<dl class="fields">{rows}</dl></details>'
    )


def _safe_url(url: str) -> bool:
    return url.lower().startswith(("http://", "https://"))


# ------------------------------------------------------------------ the site


class _Site:
    """The casefile's view, where each id is shown, and the markup every page uses."""

    def __init__(
        self,
        view: CaseView,
        texts: dict[str, str],
        withheld: int,
        *,
        include_sensitive: bool,
    ) -> None:
        self.view = view
        self.case = view.case
        self.index = view.index
        self.texts = texts  # document id -> text, for documents that may be shown whole
        self.withheld = withheld
        self.include_sensitive = include_sensitive
        self.where: dict[str, str] = {}  # id -> the page it is anchored on
        self.pages: dict[str, str] = {}
        # Index.conflicts(subject) looks at the whole casefile: ask once.
        self.differing = {(c.subject, c.property) for c in self.index.conflicts()}
        self._decisions: dict[str, tuple[Decision, ...]] = {}

    def decisions(self, subject: str) -> tuple[Decision, ...]:
        """``Index.decisions``, asked once per subject: on a large casefile most of the
        render's time is spent ordering chains of decisions."""
        found = self._decisions.get(subject)
        if found is None:
            found = self._decisions[subject] = self.index.decisions(subject)
        return found

    # ---------------------------------------------------------- links and names

    def href(self, id: str, page: str) -> str | None:
        """Where an id is shown, relative to ``page``; None when it is shown nowhere."""
        target = self.where.get(id)
        if target is None:
            return None
        up = "../" * page.count("/")
        return f"{up}{target}#{esc(id)}"

    def link(self, id: str, page: str, text: str | None = None) -> str:
        shown = esc(self.view.name(id) if text is None else text)
        href = self.href(id, page)
        return f'<a href="{href}">{shown}</a>' if href else shown

    def note(self, text: str | None, page: str) -> str:
        """An editor's note, each id of the casefile in it shown as its linked name (the id
        a hover title)."""
        out = []
        for part, id in self.view.note_parts(text or ""):
            if id is None:
                out.append(esc(part))
                continue
            name = esc(self.view.name(id))
            href = self.href(id, page)
            out.append(
                f'<a href="{href}" title="{esc(id)}">{name}</a>'
                if href
                else f'<span title="{esc(id)}">{name}</span>'
            )
        return "".join(out)

    def links(self, ids: Iterable[str], page: str) -> str:
        return ", ".join(self.link(i, page) for i in dict.fromkeys(ids)) or ""

    def source_link(self, id: str, page: str) -> str:
        return self.link(id, page, self.view.source_name(id))

    def cite(self, attribution_ids: Iterable[str], page: str) -> str:
        """The statements that give a value: ``speaker, source; ...``, linked to their words."""
        cited: dict[tuple[str | None, str], str] = {}
        for id in attribution_ids:
            attribution = self.view.find(id)
            if isinstance(attribution, model.Attribution):
                cited.setdefault((attribution.speaker, attribution.source), id)
        parts = []
        for (speaker, source), id in cited.items():
            text = self.view.source_name(source)
            if speaker is not None:
                text = f"{self.view.name(speaker)}, {text}"
            parts.append(self.link(id, page, text))
        return "; ".join(parts)

    def refs(self, attribution_ids: Iterable[str], page: str) -> str:
        cited = self.cite(attribution_ids, page)
        return f' <span class="meta">({cited})</span>' if cited else ""

    def when(self, value: When) -> str:
        """A date in words, as written in the data (EDTF) a hover title where it differs."""
        words, edtf = date_text(value), str(value)
        if words == edtf:
            return esc(words)
        return f'<span class="date" title="as written: {esc(edtf)}">{esc(words)}</span>'

    def value(self, value: Any) -> str:
        if isinstance(value, PartialDate | Period):
            return self.when(value)
        if isinstance(value, model.Place):
            return esc(value.text)
        return esc(format_value(value))

    def claims(self, claims: Sequence[Any], page: str, *, refs: bool = False) -> str:
        """Each value stated, once, then the statements of every claim that gives it."""
        return "; ".join(
            (self.link(group[0].value, page) if refs else self.value(group[0].value))
            + self.refs((a for c in group for a in c.attributions), page)
            for group in same(claims, lambda c: c.value)
        )

    def milestones(self, milestones: Sequence[model.Milestone], page: str) -> str:
        parts = []
        for event in same(milestones, lambda m: m.event):
            dates = ", ".join(
                self.when(group[0].value)
                + self.refs((a for m in group for a in m.attributions), page)
                for group in same(event, lambda m: m.value)
            )
            parts.append(f"{esc(label(event[0].event))}: {dates}")
        return "; ".join(parts)

    def identifiers(self, identifiers: Sequence[model.Identifier], page: str) -> str:
        """Numbers the sources give a record: ``star number 6824 (stated by ...)``."""
        return "; ".join(
            f"{esc(label(i.scheme))} <code>{esc(i.value)}</code>{self.refs(i.attributions, page)}"
            for i in identifiers
        )

    def differ(self, subject: str, prop: str, page: str) -> str:
        if (subject, prop) in self.differing:
            href = "../" * page.count("/") + "disagreements.html"
            return f' — <a href="{href}#conflicts">the sources differ</a>'
        return ""

    # ---------------------------------------------------------- quotes

    def quote(self, attribution: model.Attribution, page: str, *, anchor: bool) -> str:
        """A statement's words, highlighted in the text around them, with who said them."""
        quote = attribution.quote
        target = f' id="{esc(attribution.id)}"' if anchor else ""
        words = self.in_document(attribution, page)
        speaker = (
            self.link(attribution.speaker, page)
            if attribution.speaker is not None
            else "the source, in its own voice"
        )
        terms = "; ".join(term(t) for t in attribution_terms(attribution, full=anchor))
        details = [f"in {self.source_link(attribution.source, page)}: {terms}"]
        if attribution.responds_to:
            details.append(f"responding to {self.links(attribution.responds_to, page)}")
        if attribution.relayed_by:
            details.append(f"relayed by {self.links(attribution.relayed_by, page)}")
        if attribution.said is not None:
            details.append(f"said {self.when(attribution.said)}")
        if anchor and attribution.about:
            details.append(f"about {self.links(attribution.about, page)}")
        if quote.document in self.texts:
            up = "../" * page.count("/")
            details.append(
                f'<a href="{up}documents/{esc(quote.document)}.html#q-{esc(attribution.id)}">'
                "in the whole document</a>"
            )
        note = (
            f'<p class="note">Editor\'s note: {self.note(attribution.note, page)}</p>'
            if attribution.note
            else ""
        )
        return (
            f'<figure class="quote"{target}>{words}'
            f"<figcaption>— {speaker}, {', '.join(details)} · <code>{esc(attribution.id)}"
            f"</code></figcaption>{note}</figure>"
        )

    def in_document(self, attribution: model.Attribution, page: str) -> str:
        """The quoted words marked in their place: a table value in its row, other words
        between the text before and after them (the document's, or the quote's context)."""
        quote = attribution.quote
        text = self.texts.get(quote.document)
        if quote.cell is not None:
            where = esc(cell_name(quote.cell.row, quote.cell.column, quote.cell.header))
            row = self.row(attribution, text) if text is not None else None
            if row is not None:
                return f'<div class="table">{row}</div><p class="meta">the table\'s {where}</p>'
            marked = f"<blockquote><mark>{esc(quote.exact)}</mark></blockquote>"
            return f'{marked}<p class="meta">{where}</p>'
        if text is not None and text[quote.start : quote.end] == quote.exact:
            before = _clip_start(text[max(0, quote.start - 400) : quote.start])
            after = _clip_end(text[quote.end : quote.end + 400])
        else:
            before, after = _clip_start(quote.prefix or ""), _clip_end(quote.suffix or "")
        if _SENTENCE_END.search(quote.exact + " ", len(quote.exact.rstrip()) - 3):
            after = ""  # the quote ends its sentence: what follows is another
        return (
            f'<blockquote><span class="context">{esc(before)}</span><mark>{esc(quote.exact)}'
            f'</mark><span class="context">{esc(after)}</span></blockquote>'
        )

    def row(self, attribution: model.Attribution, text: str) -> str | None:
        """The header and the row of a quoted table cell, the cell marked; None if unreadable."""
        quote = attribution.quote
        assert quote.cell is not None
        document = self.view.find(quote.document)
        if not isinstance(document, model.Document):
            return None
        try:
            rows = csv_cells(text, delimiter_of(document.media_type, document.delimiter))
        except LocateError:
            return None
        number = quote.cell.row
        if not rows or number > len(rows):
            return None
        head = "".join(f"<th>{esc(text[a:b])}</th>" for a, b in rows[0])
        cells = []
        for a, b in rows[number - 1]:
            value = esc(text[a:b])
            cells.append(
                f"<td><mark>{value}</mark></td>" if a == quote.start else f"<td>{value}</td>"
            )
        header = f"<thead><tr>{head}</tr></thead>" if number != 1 else ""
        return f"<table>{header}<tbody><tr>{''.join(cells)}</tr></tbody></table>"

    # ---------------------------------------------------------- pages

    def page(self, path: str, title: str, body: Iterable[str]) -> None:
        up = "../" * path.count("/")
        nav = "".join(
            f'<a href="{up}{target}">{words}</a>'
            for target, words in (
                ("index.html", "The case in brief"),
                ("timeline.html", "Dates"),
                ("investigations.html", "Investigations and decisions"),
                ("said.html", "Who said what"),
                ("people.html", "People and incidents"),
                ("disagreements.html", "Where the sources disagree"),
                ("sources.html", "Sources"),
            )
        )
        self.pages[path] = (
            '<!DOCTYPE html>\n<html xmlns="http://www.w3.org/1999/xhtml" lang="en">\n<head>\n'
            '<meta charset="utf-8"/>\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1"/>\n'
            f"<title>{esc(title)} · {esc(self.case.title)}</title>\n"
            f"<style>{STYLE}</style>\n</head>\n<body>\n"
            f'<header class="site"><div class="meta">{esc(self.case.title)}</div>'
            f"<nav>{nav}</nav></header>\n<main>\n<h1>{esc(title)}</h1>\n"
            + "\n".join(body)
            + "\n</main>\n</body>\n</html>\n"
        )

    def paged(self, name: str, title: str, intro: Sequence[str], items: Sequence[Item]) -> None:
        """A section as numbered pages: ``name.html``, ``name-2.html``, ...

        A page takes items until their weights would pass ``PER_PAGE``. Each item names the
        ids it anchors and writes itself for a page, so that every id's page is known before
        any link to it is written.
        """
        chunks: list[list[Item]] = [[]]
        used = 0
        for item in items:
            if chunks[-1] and used + item.weight > PER_PAGE:
                chunks.append([])
                used = 0
            chunks[-1].append(item)
            used += item.weight
        paths = [f"{name}.html" if n == 0 else f"{name}-{n + 1}.html" for n in range(len(chunks))]
        for path, chunk in zip(paths, chunks, strict=True):
            for item in chunk:
                for id in item.ids:
                    self.where.setdefault(id, path)
        self._later.append((title, intro, paths, chunks))

    def finish(self) -> None:
        """Write the paged sections, once every id's page is known."""
        for title, intro, paths, chunks in self._later:
            for number, (path, chunk) in enumerate(zip(paths, chunks, strict=True)):
                pager = ""
                if len(paths) > 1:
                    pager = (
                        '<p class="pages">Pages: '
                        + " ".join(
                            f"<strong>{n + 1}</strong>"
                            if n == number
                            else f'<a href="{other}">{n + 1}</a>'
                            for n, other in enumerate(paths)
                        )
                        + "</p>"
                    )
                heading = title if number == 0 else f"{title} (page {number + 1} of {len(paths)})"
                body = [*(intro if number == 0 else ()), pager]
                body += _run_items(chunk, path)
                body.append(pager)
                self.page(path, heading, body)

    _later: list[tuple[str, Sequence[str], list[str], list[list[Item]]]]


class Item(NamedTuple):
    """One entry of a paged section.

    Attributes:
        ids: the ids it anchors.
        write: writes it for the page it lands on (links are relative to that page).
        weight: about how many lines it takes, in the units of ``PER_PAGE``.
        run: the markup that opens and closes the list or table it is a part of (a run of
            items holding the same tuple, compared by identity): closed at the end of a page
            and opened again at the top of the next.
        continues: for an item inside a run, what it continues (written when the item is the
            first on a page).
    """

    ids: Sequence[str]
    write: Callable[[str], str]
    weight: int = 1
    run: tuple[str, str] | None = None
    continues: Callable[[str], str] | None = None


def _run_items(chunk: Sequence[Item], page: str) -> list[str]:
    """One page's items, each run of a list or table opened and closed on the page."""
    out: list[str] = []
    run: tuple[str, str] | None = None
    for number, item in enumerate(chunk):
        if item.run is not run:
            if run is not None:
                out.append(run[1])
            run = item.run
            if number == 0 and item.continues is not None:
                out.append(item.continues(page))
            if run is not None:
                out.append(run[0])
        out.append(item.write(page))
    if run is not None:
        out.append(run[1])
    return out


# Where a sentence ends: its closing punctuation, with any closing quotation mark or bracket.
_SENTENCE_END = re.compile(r"[.!?][\"'\u201d\u2019)\]]*(?=\s)")
#: The most characters of context shown on either side of a quote.
CONTEXT_LIMIT = 200


def _clip_start(text: str) -> str:
    """Context before a quote: from the start of the quote's sentence, on its line (page
    furniture and the sentences before it left out), at most ``CONTEXT_LIMIT`` characters,
    from a word's start."""
    text = text.rsplit("\n", 1)[-1]
    ends = list(_SENTENCE_END.finditer(text))
    if ends:
        text = text[ends[-1].end() :].lstrip()
    if len(text) > CONTEXT_LIMIT:
        cut = text.find(" ", len(text) - CONTEXT_LIMIT)
        text = "…" + text[cut:] if cut >= 0 else "…" + text[-CONTEXT_LIMIT:]
    return text


def _clip_end(text: str) -> str:
    """Context after a quote: to the end of the quote's sentence, on its line, at most
    ``CONTEXT_LIMIT`` characters, to a word's end."""
    text = text.split("\n", 1)[0]
    end = _SENTENCE_END.search(text + " ")
    if end is not None:
        text = text[: end.end()]
    if len(text) > CONTEXT_LIMIT:
        cut = text.rfind(" ", 0, CONTEXT_LIMIT)
        text = (text[:cut] if cut > 0 else text[:CONTEXT_LIMIT]) + "…"
    return text


def _fields(pairs: Iterable[tuple[str, str]]) -> str:
    rows = "".join(f"<dt>{esc(k)}</dt><dd>{v}</dd>" for k, v in pairs if v)
    return f'<dl class="fields">{rows}</dl>' if rows else ""


def _records_table(columns: Sequence[str]) -> tuple[str, str]:
    """The markup that opens and closes a table of records (an ``Item.run``). At a phone's
    width each row is a block of its own, each cell after its column's name."""
    head = "".join(f"<th>{esc(c)}</th>" for c in columns)
    return (
        f'<div class="table"><table class="records"><thead><tr>{head}</tr></thead><tbody>',
        "</tbody></table></div>",
    )


def _record_row(columns: Sequence[str], cells: Sequence[str], id: str | None = None) -> str:
    """A row of a table of records; each cell carries its column's name for narrow screens."""
    target = f' id="{esc(id)}"' if id is not None else ""
    return (
        f"<tr{target}>"
        + "".join(
            f'<td data-label="{esc(c)}">{v}</td>' for c, v in zip(columns, cells, strict=True)
        )
        + "</tr>"
    )


def _collapsed(summary: str, items: Sequence[str], *, tag: str = "ul") -> str:
    """A list, closed inside ``<details>`` when it is long."""
    body = f"<{tag}>" + "".join(f"<li>{i}</li>" for i in items) + f"</{tag}>"
    if len(items) <= OPEN_LIMIT:
        return body
    return f"<details><summary>{summary}</summary>{body}</details>"


# ------------------------------------------------------------------ sections


def _brief(site: _Site, figure: str, more: Sequence[str]) -> None:
    """The front page: what the casefile holds, the timeline figure, the first of its
    principal investigations, then ``more`` (complaints, figures)."""
    page = "index.html"
    case, index, view = site.case, site.index, site.view
    out = [
        f'<p class="note">A view of the casefile <code>{esc(case.id)}</code> (schema '
        f"{esc(case.schema_version)}) made by <code>casefile render</code>. Every value is "
        "followed by the statements that give it (speaker, source), linked to their words "
        "under Who said what, where each quote is marked in its document's text.</p>",
    ]
    if site.withheld:
        out.append(
            f'<p class="note"><strong>{plural(site.withheld, "sensitive value")} left out</strong>'
            " (recorded characteristics of people, incident places, and the statements that "
            "only they cite); render with <code>--include-sensitive</code> to show them.</p>"
        )
    out.append(
        "<p>The casefile holds "
        + ", ".join(
            (
                plural(len(case.investigations), "investigation"),
                plural(len(case.findings), "finding"),
                plural(len(case.outcomes), "outcome"),
                plural(len(case.attributions), "attributed statement"),
                plural(len(case.sources), "source"),
                plural(sum(c.exclusive for c in index.conflicts()), "conflict"),
                plural(len({c.subject for c in index.conflicts() if not c.exclusive}), "question")
                + " answered differently",
                plural(len(index.disputes()), "dispute"),
            )
        )
        + ".</p>"
    )
    out += ['<h2 id="timeline">Timeline</h2>', figure]
    out.append(
        '<p class="note">Each row is one entity; hover over a mark for what it is and its '
        "date. A dot is a date (a line through it spans the month or year it is known to), a "
        "bar a period, a hollow dashed mark approximate or uncertain, a fading bar an open "
        'end. <a href="timeline.html">Every date, with who states it</a>.</p>'
    )
    out.append('<h2 id="brief-investigations">Investigations</h2>')
    principal = view.principal()
    for inv in principal[:BRIEF_LIMIT]:
        out.append(
            f'<h3>{site.link(inv.id, page)} <span class="meta">({esc(label(inv.kind))})</span></h3>'
        )
        out.append(_investigation_fields(site, inv, page))
    if len(principal) > BRIEF_LIMIT:
        out.append(
            f"<p>… and {plural(len(principal) - BRIEF_LIMIT, 'more investigation')} the case "
            'turns on, each under <a href="investigations.html">Investigations and '
            "decisions</a>.</p>"
        )
    shown = {p.id for p in principal}
    others = [i for i in case.investigations if i.id not in shown]
    if others:
        lines = [
            f"{site.link(i.id, page)} ({esc(label(i.kind))})"
            + (f", part of {site.claims(parents(i), page, refs=True)}" if parents(i) else "")
            for i in others[:LINK_LIMIT]
        ]
        if len(others) > LINK_LIMIT:
            lines.append(
                f"… and {len(others) - LINK_LIMIT} more, under "
                '<a href="investigations.html">Investigations and decisions</a>'
            )
        summary = f"{plural(len(others), 'other investigation')} the casefile records"
        if len(lines) <= OPEN_LIMIT:
            out.append(f"<p>{summary}:</p>")
        out.append(_collapsed(summary, lines))
    out += more
    site.page(page, case.title, out)


def _complaints(site: _Site) -> list[str]:
    """The complaints for the front page: all of them when there are few, else the first
    few and a link to the section that pages them all."""
    case = site.case
    if not case.complaints:
        return []
    out = ['<h2 id="brief-complaints">Complaints</h2>']
    if len(case.complaints) <= BRIEF_LIMIT:
        for complaint in case.complaints:
            site.where.setdefault(complaint.id, "index.html")
        return out + [_complaint(site, c, "index.html", anchor=True) for c in case.complaints]
    items = [
        Item(
            [c.id],
            functools.partial(_complaint, site, c, anchor=True),
            weight=COMPLAINT_WEIGHT + _list_weight(len(site.decisions(c.id))),
        )
        for c in case.complaints
    ]
    intro = [
        f'<p class="note">{plural(len(case.complaints), "complaint")}, in the casefile\'s '
        "order, each with its allegations and its decisions in order.</p>"
    ]
    site.paged("complaints", "Complaints", intro, items)
    out += [_complaint(site, c, "index.html", anchor=False) for c in case.complaints[:BRIEF_LIMIT]]
    out.append(
        f'<p>… and {len(case.complaints) - BRIEF_LIMIT} more: <a href="complaints.html">every '
        "complaint</a>, on pages of their own.</p>"
    )
    return out


def _complaint(site: _Site, complaint: model.Complaint, page: str, *, anchor: bool) -> str:
    """A complaint: who made it, against whom, its allegations, dates and decisions."""
    index = site.index
    heading = (
        f'<h3 id="{esc(complaint.id)}">{esc(complaint.summary)}</h3>'
        if anchor
        else f"<h3>{site.link(complaint.id, page)}</h3>"
    )
    allegations = "; ".join(
        f"{esc(a.summary)}{site.refs(a.attributions, page)}"
        for a in index.allegations(complaint=complaint.id)
    )
    decisions = site.decisions(complaint.id)
    decided = _decision_links(site, decisions, page, "in order") if decisions else ""
    return heading + _fields(
        [
            ("complainants", site.claims(complaint.complainants, page, refs=True)),
            ("against", site.claims(complaint.against, page, refs=True)),
            ("allegations", allegations),
            ("incidents", site.claims(complaint.incidents, page, refs=True)),
            ("dates", site.milestones(complaint.milestones, page)),
            ("identifiers", site.identifiers(complaint.identifiers, page)),
            ("decisions", decided),
        ]
    )


def _figures(site: _Site) -> list[str]:
    """Every figure the sources state, as a table: on the front page when there are few,
    else the first few there and all of them on pages of their own."""
    case = site.case
    if not case.figures:
        return []
    columns = ("about", "measure", "value", "the source's words", "stated by")
    table = _records_table(columns)

    def row(figure: model.Figure, page: str, *, anchor: bool = True) -> str:
        differ = site.differ(figure.subject, f"figure:{figure.measure}", page)
        cells = (
            site.link(figure.subject, page),
            esc(label(figure.measure)),
            site.value(figure.value) + differ,
            esc(figure.phrase or ""),
            site.cite(figure.attributions, page),
        )
        return _record_row(columns, cells, figure.id if anchor else None)

    out = ['<h2 id="figures">Figures the sources state</h2>']
    paged = len(case.figures) > FIGURE_LIMIT
    if paged:
        items = [Item([f.id], functools.partial(row, f), run=table) for f in case.figures]
        intro = [
            f'<p class="note">{plural(len(case.figures), "figure")} the sources state, '
            "in the casefile's order.</p>"
        ]
        site.paged("figures", "Figures the sources state", intro, items)
    else:
        for figure in case.figures:
            site.where.setdefault(figure.id, "index.html")
    rows = "".join(row(f, "index.html", anchor=not paged) for f in case.figures[:FIGURE_LIMIT])
    out.append(table[0] + rows + table[1])
    if paged:
        out.append(
            f'<p>… and {len(case.figures) - FIGURE_LIMIT} more: <a href="figures.html">every '
            "figure</a>, on pages of their own.</p>"
        )
    return out


def _investigation_fields(site: _Site, inv: model.Investigation, page: str) -> str:
    index = site.index
    findings = index.findings(inv.id, within=False)
    return _fields(
        [
            (
                "part of",
                site.claims(parents(inv), page, refs=True)
                + site.differ(inv.id, "links:part_of", page),
            ),
            ("conducted by", site.claims(inv.conducted_by, page, refs=True)),
            ("examined", site.claims(inv.examined, page, refs=True)),
            ("scope", site.claims(inv.scope, page)),
            (
                "period examined",
                site.claims(inv.period_examined, page)
                + site.differ(inv.id, "period_examined", page),
            ),
            ("dates", site.milestones(inv.milestones, page)),
            ("complaints", site.claims(inv.complaints, page, refs=True)),
            ("findings", plural(len(findings), "finding") if findings else ""),
            ("identifiers", site.identifiers(inv.identifiers, page)),
        ]
    )


def _own(site: _Site, inv: model.Investigation) -> set[str]:
    """The decisions an investigation made: its findings, and the outcomes of it, of its
    findings and of its complaints (``Index.outcomes``), not those within it."""
    index = site.index
    own = {f.id for f in index.findings(inv.id, within=False)}
    own |= {o.id for o in index.outcomes(inv.id, within=False)}
    return own


def _investigations(site: _Site) -> None:
    """Every investigation, with its own decisions in order, then (closed) the decisions
    of other investigations and decision makers that the same chains link to it."""
    case = site.case
    placed: set[str] = set()
    items: list[Item] = []
    for inv in case.investigations:
        decisions = site.decisions(inv.id)
        own = _own(site, inv)
        mine = [d for d in decisions if d.id in own]
        linked = [d for d in decisions if d.id not in own]
        new = {d.id for d in mine if d.id not in placed}
        placed.update(new)
        items += _investigation_items(site, inv, mine, linked, new)
    records: list[model.Finding | model.Outcome] = [*case.findings, *case.outcomes]
    rest = [r for r in records if r.id not in placed]
    if rest:
        items += _rest_items(site, rest)
    intro = [
        '<p class="note">Each investigation, then the decisions it made (findings and '
        "outcomes) in order: each after the decisions it replaces or follows from, else by "
        "date. A decision that a later one replaces, or whose stage sets it aside, no longer "
        "stands. Decisions made elsewhere that the same chains link to (by what they replace, "
        "follow from or are about) are listed after them, closed, each with who made it.</p>"
    ]
    site.paged("investigations", "Investigations and decisions", intro, items)


def _decision(
    site: _Site,
    record: model.Finding | model.Outcome,
    page: str,
    *,
    anchor: bool,
    number: int | None = None,
) -> str:
    """A decision in full: what it is, who made it and when, what it replaces, whether it
    still stands, and the statements that give it (closed)."""
    index = site.index
    superseded_by = index.superseded_by(record.id)
    fields = [
        ("kind", esc(label(record.kind))),
        ("stage", esc(label(record.stage)) if record.stage else ""),
        ("decided by", site.links(record.decided_by, page)),
        ("date", site.claims(record.date, page) + site.differ(record.id, "date", page)),
        ("replaces", site.links(record.supersedes, page)),
        ("replaced by", site.links(superseded_by, page)),
        ("editor's note", site.note(record.note, page)),
    ]
    if isinstance(record, model.Finding):
        fields += [
            ("about", site.links(record.about, page)),
            ("concerning", site.links(record.concerning, page)),
        ]
    else:
        fields += [
            ("of", site.links(record.of, page)),
            ("concerning", site.links(record.concerning, page)),
            ("count", site.claims(record.count, page)),
        ]
    sort = "finding" if isinstance(record, model.Finding) else "outcome"
    quotes = [site.quote(a, page, anchor=False) for a in _attributions(site, record.attributions)]
    words = ""
    if quotes:
        words = (
            f"<details><summary>{plural(len(quotes), 'statement')} giving it</summary>"
            + "".join(quotes)
            + "</details>"
        )
    target = f' id="{esc(record.id)}"' if anchor else ""
    if number is not None:
        target += f' value="{number}"'
    if superseded_by or record.stage in FALLEN:
        target += ' class="fallen"'
    return (
        f"<li{target}><strong>{esc(record.summary)}</strong> "
        f'<span class="meta">({sort}, <code>{esc(record.id)}</code>)</span>'
        f"{_fields(fields)}{words}</li>"
    )


def _attributions(site: _Site, ids: Iterable[str]) -> list[model.Attribution]:
    found = [site.view.find(i) for i in ids]
    return [a for a in found if isinstance(a, model.Attribution)]


def _investigation_items(
    site: _Site,
    inv: model.Investigation,
    mine: Sequence[Decision],
    linked: Sequence[Decision],
    new: set[str],
) -> list[Item]:
    """An investigation, its own decisions in order, each an item of its own so that a long
    chain runs over pages (one listed under an earlier investigation is a link), then the
    linked decisions of others, closed."""

    def head(page: str) -> str:
        out = [
            f'<h2 id="{esc(inv.id)}">{esc(inv.name)} '
            f'<span class="meta">({esc(label(inv.kind))})</span></h2>',
            _investigation_fields(site, inv, page),
        ]
        if mine:
            out.append(f"<h3>Its {plural(len(mine), 'decision')}, in order</h3>")
        if mine and not new:
            out.append(_decision_links(site, mine, page))
        return "".join(out)

    items = [Item([inv.id], head, weight=3 + (0 if new else _list_weight(len(mine))))]
    if new:
        run = ('<ol class="decisions">', "</ol>")

        def continues(page: str) -> str:
            return (
                f'<p class="meta">The decisions of {site.link(inv.id, page)}, continued from '
                "the page before.</p>"
            )

        shown = 0
        for number, decision in enumerate(mine, 1):
            if decision.id in new:
                record = site.view.find(decision.id)
                write = functools.partial(_decision, site, record, anchor=True, number=number)
                items.append(Item([decision.id], write, DECISION_WEIGHT, run, continues))
            else:
                shown += 1
                if shown <= LINK_LIMIT:
                    write = functools.partial(_decision_link, site, decision, number)
                    items.append(Item((), write, 1, run, continues))
        elsewhere = len(mine) - len(new)
        if elsewhere > LINK_LIMIT:
            more = _more(elsewhere - LINK_LIMIT)
            items.append(Item((), lambda page: more, 1, run, continues))
    if linked:

        def others(page: str) -> str:
            return _decision_links(
                site,
                linked,
                page,
                summary="made by others, linked to these by the chains they belong to",
                heading=f"Linked decisions of others ({len(linked)})",
            )

        items.append(Item((), others, weight=2))
    return items


def _list_weight(count: int) -> int:
    """The lines a list of ``count`` links takes: one if it is closed."""
    return 1 if count > OPEN_LIMIT else count


def _more(count: int) -> str:
    return (
        f'<li class="more meta">… and {count} more decisions, each shown in full under the '
        "investigation that made it, or among the decisions outside one</li>"
    )


def _decision_link(site: _Site, decision: Decision, number: int, page: str) -> str:
    """A decision shown in full elsewhere: a link, what it is, and whether it stands."""
    stage = f", {esc(label(decision.stage))}" if decision.stage else ""
    fallen = "" if decision.stands else ' class="fallen"'
    return (
        f'<li value="{number}"{fallen}>{site.link(decision.id, page)} <span class="meta">'
        f"({esc(decision.sort)}, {esc(label(decision.kind))}{stage}"
        f"{_maker(site, decision, page)})</span></li>"
    )


def _maker(site: _Site, decision: Decision, page: str) -> str:
    """Who made a decision, for a list of them: the investigation a finding belongs to, else
    those who decided it."""
    record = site.view.find(decision.id)
    investigation = getattr(record, "investigation", None)
    if investigation is not None:
        return f"; by {site.link(investigation, page)}"
    if decision.decided_by:
        return f"; decided by {site.links(decision.decided_by, page)}"
    return ""


def _decision_links(
    site: _Site,
    decisions: Sequence[Decision],
    page: str,
    summary: str = "each shown in full under the investigation where it is first listed",
    heading: str | None = None,
) -> str:
    """Decisions shown in full elsewhere, in order: the first ``LINK_LIMIT`` as links, closed
    when there are many."""
    lines = [_decision_link(site, d, n, page) for n, d in enumerate(decisions[:LINK_LIMIT], 1)]
    if len(decisions) > LINK_LIMIT:
        lines.append(_more(len(decisions) - LINK_LIMIT))
    listed = '<ol class="decisions">' + "".join(lines) + "</ol>"
    if heading is not None:
        first = f"the first {LINK_LIMIT} listed, " if len(decisions) > LINK_LIMIT else ""
        return (
            f"<details><summary><strong>{esc(heading)}</strong> ({first}{summary})</summary>"
            f"{listed}</details>"
        )
    if len(decisions) <= OPEN_LIMIT:
        return listed
    first = f"the first {LINK_LIMIT}, " if len(decisions) > LINK_LIMIT else ""
    return (
        f"<details><summary>{plural(len(decisions), 'decision')} ({first}{summary})</summary>"
        f"{listed}</details>"
    )


def _rest_items(site: _Site, records: Sequence[model.Finding | model.Outcome]) -> list[Item]:
    run = ('<ol class="decisions">', "</ol>")

    def head(page: str) -> str:
        return '<h2 id="other-decisions">Decisions outside a recorded investigation</h2>'

    def continues(page: str) -> str:
        return '<p class="meta">Decisions outside a recorded investigation, continued.</p>'

    items = [Item((), head)]
    for record in records:
        write = functools.partial(_decision, site, record, anchor=True)
        items.append(Item([record.id], write, DECISION_WEIGHT, run, continues))
    return items


def _said(site: _Site) -> None:
    """Every statement once: by speaker, then in the sources' own voice, by source."""
    view, case = site.view, site.case
    groups: list[tuple[str, str, list[model.Attribution]]] = []
    # Index.said(speaker=...) per speaker would scan every statement each time.
    by_speaker: dict[str, list[model.Attribution]] = {}
    for attribution in case.attributions:
        if attribution.speaker is not None:
            by_speaker.setdefault(attribution.speaker, []).append(attribution)
    for speaker in view.speakers():
        groups.append((speaker, view.name(speaker), by_speaker[speaker]))
    own: dict[str, list[model.Attribution]] = {}
    for attribution in case.attributions:
        if attribution.speaker is None:
            own.setdefault(attribution.source, []).append(attribution)
    for source, said in own.items():
        groups.append((f"own-{source}", f"{view.source_name(source)}, in its own voice", said))
    items: list[Item] = []
    for key, name, said in groups:
        for number, attribution in enumerate(said):
            heading = (key, name) if number == 0 else None
            ids = [attribution.id] if heading is None else [key, attribution.id]
            items.append(Item(ids, _statement_writer(site, attribution, heading)))
    intro = [
        '<p class="note">Every attributed statement, by speaker, with its exact words marked '
        "in the text they stand in (a table's value in its row). After each quote: who said "
        "it, in which source, whether the words are the speaker's own or reported speech, "
        "whether it reports or comments, and whether it asserts, disputes, accepts or "
        "questions what it responds to (hover over a term for its meaning).</p>",
        legend(),
    ]
    site.paged("said", "Who said what", intro, items)


def _statement_writer(
    site: _Site, attribution: model.Attribution, heading: tuple[str, str] | None
) -> Callable[[str], str]:
    def write(page: str) -> str:
        head = ""
        if heading is not None:
            key, name = heading
            head = f'<h2 id="{esc(key)}">{esc(name)}</h2>'
            actor = site.view.find(key)
            roles = [
                f"{esc(role.title)}"
                + (f" of {site.link(role.of, page)}" if role.of else "")
                + (f", {site.when(role.during)}" if role.during else "")
                + site.refs(role.attributions, page)
                for role in getattr(actor, "roles", ())
            ]
            if roles:
                head += _collapsed(plural(len(roles), "role"), roles)
        return head + site.quote(attribution, page, anchor=True)

    return write


def _people(site: _Site) -> None:
    """Every actor with what the sources record of them (roles, memberships, identifiers,
    characteristics), then every incident: when, where and who was involved."""
    case = site.case
    items: list[Item] = []
    for number, actor in enumerate(case.actors):
        items.append(Item([actor.id], functools.partial(_actor, site, actor, number == 0)))
    for number, incident in enumerate(case.incidents):
        items.append(Item([incident.id], functools.partial(_incident, site, incident, number == 0)))
    intro = [
        '<p class="note">Each person, organisation and group the casefile names, with what the '
        "sources record of them, then each incident a complaint or allegation is about. A "
        "characteristic is the source's own label or code, exactly as recorded.</p>"
    ]
    if not site.include_sensitive:
        intro.append(
            '<p class="note">Sensitive values (characteristics of civilians and every value of '
            "gender, race or ethnicity, age and year of birth; incident places) are left out; "
            "render with <code>--include-sensitive</code> to show them.</p>"
        )
    site.paged("people", "People and incidents", intro, items)


def _actor(site: _Site, actor: model.Actor, first: bool, page: str) -> str:
    """One actor: its kind, other names, roles, memberships, identifiers and characteristics."""
    roles = [
        esc(role.title)
        + (f" of {site.link(role.of, page)}" if role.of else "")
        + (f", {site.when(role.during)}" if role.during else "")
        + site.refs(role.attributions, page)
        for role in actor.roles
    ]
    characteristics = [_characteristic(site, c, page) for c in actor.characteristics]
    said = ""
    if site.where.get(actor.id, "").startswith("said"):
        said = site.link(actor.id, page, "their statements, under Who said what")
    fields = [
        ("kind", esc(label(actor.kind.value))),
        ("also called", esc("; ".join(actor.aliases))),
        ("roles", "<br/>".join(roles)),
        ("member of", site.claims(actor.member_of, page, refs=True)),
        ("identifiers", site.identifiers(actor.identifiers, page)),
        (
            "characteristics",
            _collapsed(plural(len(characteristics), "characteristic"), characteristics)
            if characteristics
            else "",
        ),
        ("statements", said),
    ]
    head = '<h2 id="people-list">People and organisations</h2>' if first else ""
    return (
        f'{head}<section><h3 id="{esc(actor.id)}">{esc(actor.name)}</h3>{_fields(fields)}</section>'
    )


def _characteristic(site: _Site, characteristic: model.Characteristic, page: str) -> str:
    """``rank: PO, at release (stated by ...)``: the source's own label, when it held."""
    when = []
    if characteristic.held:
        when.append(label(characteristic.held))
    words = ", ".join(esc(w) for w in when)
    if characteristic.as_of is not None:
        words = ", ".join(filter(None, (words, f"as of {site.when(characteristic.as_of)}")))
    if characteristic.at is not None:
        words = ", ".join(filter(None, (words, f"at {site.link(characteristic.at, page)}")))
    sensitive = ' <span class="meta">(sensitive)</span>' if characteristic.sensitive else ""
    return (
        f'<span id="{esc(characteristic.id)}">{esc(label(characteristic.attribute))}: '
        f"<code>{esc(characteristic.value)}</code>{', ' + words if words else ''}{sensitive}"
        f"{site.refs(characteristic.attributions, page)}</span>"
    )


def _incident(site: _Site, incident: model.Incident, first: bool, page: str) -> str:
    """One incident: when and where (each version with its statements), who was involved."""
    involved = [
        f"{site.link(i.actor, page)}, {esc(label(i.role))}{site.refs(i.attributions, page)}"
        for i in incident.involved
    ]
    fields = [
        ("when", site.claims(incident.when, page) + site.differ(incident.id, "when", page)),
        ("where", site.claims(incident.where, page) + site.differ(incident.id, "where", page)),
        (
            "involved",
            _collapsed(plural(len(involved), "person", "people"), involved) if involved else "",
        ),
        ("identifiers", site.identifiers(incident.identifiers, page)),
        ("reported by", site.cite(incident.attributions, page)),
        ("editor's note", site.note(incident.note, page)),
    ]
    head = '<h2 id="incidents">Incidents</h2>' if first else ""
    return (
        f'{head}<section><h3 id="{esc(incident.id)}">{esc(incident.summary)}</h3>'
        f"{_fields(fields)}</section>"
    )


def _timeline_table(site: _Site) -> None:
    entries = site.index.timeline()
    columns = ("date", "item", "what the date is", "stated by")
    table = _records_table(columns)
    items: list[Item] = []
    for entry in entries:

        def write(page: str, entry: Any = entry) -> str:
            stated = site.cite(entry.attributions, page) or "the casefile's own record"
            cells = (
                site.when(entry.when),
                site.link(entry.subject, page, site.view.entry_label(entry)),
                f"{esc(label(entry.event))} ({esc(entry.kind)})",
                stated,
            )
            return _record_row(columns, cells)

        items.append(Item((), write, run=table))
    intro = [f'<p class="note">{plural(len(entries), "dated item")}, in date order.</p>']
    site.paged("timeline", "Dates", intro, items)


def _disagreements(site: _Site) -> None:
    conflicts = [c for c in site.index.conflicts() if c.exclusive]
    answers: dict[str, dict[str, Side]] = {}
    for conflict in site.index.conflicts():
        if not conflict.exclusive:
            for side in (conflict.left, conflict.right):
                answers.setdefault(conflict.subject, {}).setdefault(side.item, side)
    disputes = site.index.disputes()
    items: list[Item] = []
    for number, conflict in enumerate(conflicts):
        items.append(Item((), _conflict_writer(site, conflict, number == 0)))
    for number, (question, sides) in enumerate(answers.items()):
        write = _accounts_writer(site, question, tuple(sides.values()), number == 0)
        items.append(Item((), write))
    # A dispute shows the disputing statement's words in their text: about two lines' worth.
    for number, dispute in enumerate(disputes):
        items.append(Item((), _dispute_writer(site, dispute, number == 0), weight=2))
    intro = [
        '<p class="note">Conflicts are values of one property that cannot both be true, each '
        "with the statements that give it; the casefile keeps both and does not choose. "
        "Accounts that differ are a question's answers that differ without either denying "
        "the other, so both may hold. "
        "Disputes are statements that dispute or question something.</p>",
        f"<p>{plural(len(conflicts), 'conflict')}, "
        f"{plural(len(answers), 'question')} answered differently, "
        f"{plural(len(disputes), 'dispute')}.</p>",
    ]
    if not conflicts:
        intro.append('<h2 id="conflicts">Conflicts</h2><p>The casefile records none.</p>')
    if not disputes:
        intro.append('<h2 id="disputes">Disputes</h2><p>The casefile records none.</p>')
    site.paged("disagreements", "Where the sources disagree", intro, items)


def _conflict_writer(site: _Site, conflict: Conflict, first: bool) -> Callable[[str], str]:
    def write(page: str) -> str:
        before, after = site.view.conflict_words(conflict.subject, conflict.property)
        sides = []
        for side in (conflict.left, conflict.right):
            item = site.view.find(side.item)
            value = site.value(item.value) if item is not None else esc(str(side.value))
            phrase = getattr(item, "phrase", None)
            words = f", in the source's words: {esc(phrase)}" if phrase else ""
            sides.append(f"<li>{value}{words}{site.refs(side.attributions, page)}</li>")
        head = '<h2 id="conflicts">Conflicts</h2>' if first else ""
        return (
            f"{head}<section><h3>{esc(before)}{site.link(conflict.subject, page)}{esc(after)}"
            "</h3>"
            f"<ul>{''.join(sides)}</ul></section>"
        )

    return write


def _accounts_writer(
    site: _Site, question: str, sides: Sequence[Side], first: bool
) -> Callable[[str], str]:
    def write(page: str) -> str:
        answers = []
        for side in sides:
            # The answer is the casefile's words; where the source's own words say more, show
            # them too, as a conflict's versions do.
            phrase = getattr(site.view.find(side.item), "phrase", None)
            words = f", in the source's words: {esc(phrase)}" if phrase else ""
            answers.append(f"<li>{esc(side.value)}{words}{site.refs(side.attributions, page)}</li>")
        head = '<h2 id="accounts">Accounts that differ</h2>' if first else ""
        return (
            f"{head}<section><h3>{site.link(question, page)}</h3>"
            f"<ul>{''.join(answers)}</ul></section>"
        )

    return write


def _dispute_writer(site: _Site, dispute: Dispute, first: bool) -> Callable[[str], str]:
    def write(page: str) -> str:
        said = dispute.attribution
        head = '<h2 id="disputes">Disputes</h2>' if first else ""
        support = (
            "<p>What it responds to is stated by"
            f"{site.refs((a.id for a in dispute.supporting), page)}.</p>"
            if dispute.supporting
            else ""
        )
        return (
            f"{head}<section><h3>{esc(site.view.speaker_name(said))} {esc(said.stance.value)} "
            f"{site.link(dispute.target, page)}</h3>{site.quote(said, page, anchor=False)}"
            f"{support}</section>"
        )

    return write


def _sources(site: _Site) -> None:
    case = site.case
    carried: dict[str, list[model.Document]] = {}
    for document in case.documents:
        for carried_id in document.sources:
            carried.setdefault(carried_id, []).append(document)
    said: dict[str, list[model.Attribution]] = {}
    for attribution in case.attributions:  # Index.said(source=...) scans them all each time
        said.setdefault(attribution.source, []).append(attribution)
    items: list[Item] = []
    # A source's fields take a dozen short lines.
    for source in case.sources:
        write = functools.partial(_source, site, carried, said.get(source.id, []), source)
        items.append(Item([source.id], write, weight=2))
    intro = [
        '<p class="note">Sources are classified by the form of their text. "Derived from" is '
        "a source's chain: what it republishes, quotes or reports from. A chain root is where a "
        "statement's words come from once republication is collapsed.</p>"
    ]
    site.paged("sources", "Sources", intro, items)


def _source(
    site: _Site,
    carried: dict[str, list[model.Document]],
    said: Sequence[model.Attribution],
    source: model.Source,
    page: str,
) -> str:
    """One source: its form, publisher, dates, chain, statements and documents."""
    index = site.index
    roots = sorted({index.line_root(a) for a in said})
    address = ""
    if source.url:
        address = (
            f'<a href="{esc(source.url)}" rel="noreferrer">{esc(source.url)}</a>'
            if _safe_url(source.url)
            else f"<code>{esc(source.url)}</code>"
        )
    chain = [
        f"{esc(label(d.relation))} {site.source_link(d.source, page)}"
        f"{site.refs(d.attributions, page)}"
        for d in source.derived_from
    ]
    documents = [
        f'<a href="{"../" * page.count("/")}documents/{esc(d.id)}.html">the whole text</a> '
        f'<span class="meta">(file <code>{esc(d.path)}</code>)</span>'
        if d.id in site.texts
        else f'<span class="meta">file <code>{esc(d.path)}</code>, not shown</span>'
        for d in carried.get(source.id, ())
    ]
    fields = [
        ("kind", esc(label(source.kind))),
        ("title", esc(source.title or "")),
        ("publisher", site.link(source.publisher, page) if source.publisher else ""),
        ("authors", site.links(source.authors, page)),
        (
            "published",
            site.claims(source.published, page) + site.differ(source.id, "published", page),
        ),
        ("address", address),
        ("retrieved", site.when(source.retrieved) if source.retrieved else ""),
        ("language", _language(source.language)),
        ("derived from", "<br/>".join(chain)),
        ("statements", plural(len(said), "statement")),
        ("chain roots", ", ".join(site.source_link(r, page) for r in roots)),
        ("documents", ", ".join(documents)),
    ]
    return (
        f'<section><h2 id="{esc(source.id)}">{esc(site.view.source_title(source.id))}</h2>'
        f'<p class="meta"><code>{esc(source.id)}</code></p>{_fields(fields)}</section>'
    )


def _language(tag: str | None) -> str:
    """A source's language by name, the tag as written a hover title; an unknown tag as is."""
    if not tag:
        return ""
    name = language_name(tag)
    if name is None:
        return f"<code>{esc(tag)}</code>"
    return f'<abbr title="language tag: {esc(tag)}">{esc(name)}</abbr>'


def _documents(site: _Site) -> None:
    """A page per document that may be shown whole: its text, every quote in it marked."""
    by_document: dict[str, list[model.Attribution]] = {}
    for attribution in site.case.attributions:
        by_document.setdefault(attribution.quote.document, []).append(attribution)
    for document in site.case.documents:
        text = site.texts.get(document.id)
        if text is None:
            continue
        quotes = by_document.get(document.id, [])
        path = f"documents/{document.id}.html"
        body = [
            f'<p class="note">The text of <code>{esc(document.path)}</code>, carried by '
            f"{', '.join(site.source_link(s, path) for s in document.sources)}; "
            f"{plural(len(quotes), 'quote')} marked. Hover over a mark for who said it.</p>",
            f'<pre class="document">{_marked(site, text, quotes, path)}</pre>',
        ]
        title = "; ".join(site.view.source_title(s) for s in document.sources)
        site.page(path, title or document.path, body)


def _marked(site: _Site, text: str, quotes: Sequence[model.Attribution], page: str) -> str:
    """The text with every quote marked; overlapping quotes share marks, each quote's start
    carries its anchor."""
    starts: dict[int, list[str]] = {}
    bounds = {0, len(text)}
    for attribution in quotes:
        quote = attribution.quote
        if text[quote.start : quote.end] != quote.exact:
            continue
        starts.setdefault(quote.start, []).append(attribution.id)
        bounds.update((quote.start, quote.end))
    ordered = sorted(bounds)
    covering: list[list[model.Attribution]] = []
    for a, _b in itertools.pairwise(ordered):
        covering.append(
            [q for q in quotes if q.quote.start <= a < q.quote.end and q.quote.end > q.quote.start]
        )
    out = []
    for (a, b), over in zip(itertools.pairwise(ordered), covering, strict=True):
        anchors = "".join(f'<span id="q-{esc(i)}"></span>' for i in starts.get(a, ()))
        piece = esc(text[a:b])
        if over:
            title = "; ".join(site.view.name(q.id) for q in over)
            piece = f'<mark title="{esc(title)}">{piece}</mark>'
        out.append(anchors + piece)
    return "".join(out)


def _document_texts(
    case: model.Casefile, documents: DocumentFolder | None, hidden: set[str]
) -> dict[str, str]:
    """The text of each document that may be shown, by document id."""
    texts: dict[str, str] = {}
    if documents is None:
        return texts
    for document in case.documents:
        if document.id in hidden:
            continue
        try:
            text = documents.read(document.path).text
        except DocumentError:
            continue
        if text is not None:
            texts[document.id] = text
    return texts


def site(
    case: model.Casefile,
    *,
    documents: DocumentFolder | None,
    hidden: set[str],
    withheld: int,
    include_sensitive: bool,
) -> dict[str, str]:
    """The pages of the site, by path; see ``casefile.render.render_site``."""
    view = CaseView(case)
    texts = _document_texts(case, documents, hidden)
    built = _Site(view, texts, withheld, include_sensitive=include_sensitive)
    built._later = []
    _investigations(built)
    _said(built)
    _people(built)
    _sources(built)
    _disagreements(built)
    _timeline_table(built)
    for speaker in view.speakers():
        built.where.setdefault(speaker, built.where.get(speaker, "said.html"))
    more = _complaints(built) + _figures(built)
    figure = timeline_svg(case, view=view, rows_per_kind=FIGURE_ROWS)
    _brief(
        built,
        '<p class="scroll-hint">The timeline is wider than the screen: '
        "scroll it sideways, or turn the phone, to see all of it. "
        '<a href="timeline.html">Every date as a list</a>.</p>'
        f'<div class="figure" role="region" aria-label="Timeline" tabindex="0">{figure}</div>',
        more,
    )
    _documents(built)
    built.finish()
    return built.pages
