"""Tests for the generated reference casefile page and its timeline figure.

The page and figure are made at build time by ``docs/hooks/reference_page.py``. These tests
pin that they say what the data says: every finding, outcome, conflict and dated item appears
with its attributions, the brief changes when the data does, every link on the page resolves,
and text from the data, however hostile, renders as the same text and never as markup.
"""

from __future__ import annotations

import re
import sys
import unicodedata
import xml.etree.ElementTree as ET
from collections import Counter
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import attrs
import markdown
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import casefile
from casefile import model
from casefile.dates import Period
from casefile.query import format_value
from casefile.strategies import casefiles

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(ROOT / "docs" / "hooks"))

import reference_page  # noqa: E402

SVG = "{http://www.w3.org/2000/svg}"


# ------------------------------------------------------------------ helpers


def _extensions() -> tuple[list[Any], dict[str, Any]]:
    """The site's Markdown extensions from mkdocs.yml, less mkdocstrings (a MkDocs plugin)."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names: list[str] = []
    options: dict[str, Any] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, value),) = item.items()
            names.append(name)
            options[name] = value or {}
        else:
            names.append(item)
    return names, options


def to_html(page: str) -> str:
    """Render a generated page with the site's Markdown extensions."""
    names, options = _extensions()
    return markdown.markdown(page, extensions=names, extension_configs=options)


class _Reader(HTMLParser):
    """Collects an HTML page's text (``<br>`` as a line break), ids, links and tags."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.tags: Counter[str] = Counter()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags[tag] += 1
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("href"):
            self.hrefs.append(values["href"] or "")
        if tag in ("br", "p", "li", "td", "th", "blockquote", "h1", "h2", "h3", "h4"):
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)

    @property
    def text(self) -> str:
        return "".join(self.parts)


def read(html: str) -> _Reader:
    reader = _Reader()
    reader.feed(html)
    reader.close()
    return reader


def plain(text: str) -> str:
    """Text with control characters dropped and whitespace runs made single spaces.

    HTML shows whitespace runs as one space and Markdown drops the characters it uses
    internally, so this is the form in which a reader sees any text.
    """
    kept = "".join(c for c in text if c.isspace() or unicodedata.category(c) != "Cc")
    return " ".join(kept.split())


def section(page: str, heading: str, until: str) -> str:
    """The Markdown of a page between two headings (``heading`` included)."""
    start = page.index(heading)
    return page[start : page.index(until, start)]


def text_of(markdown_text: str) -> str:
    return plain(read(to_html(markdown_text)).text)


# ------------------------------------------------------------------ fixtures


@pytest.fixture(scope="module")
def page(case: casefile.Casefile) -> str:
    return reference_page.render(
        case,
        heading="The reference casefile",
        disagreements=reference_page.load_disagreements(),
    )


@pytest.fixture(scope="module")
def html(page: str) -> _Reader:
    return read(to_html(page))


@pytest.fixture(scope="module")
def svg(case: casefile.Casefile) -> ET.Element:
    return ET.fromstring(reference_page.timeline_svg(case))


# ------------------------------------------------------------------ the hook's output


def test_pages_gives_the_page_and_the_figure() -> None:
    """pages() returns exactly the page and the figure the site's Markdown refers to."""
    pages = reference_page.pages()
    assert {"reference-casefile.md", "assets/timeline.svg"} == set(pages)
    assert "](assets/timeline.svg)" in str(pages["reference-casefile.md"])


def test_page_has_one_title_and_the_sections_readers_look_for(html: _Reader, page: str) -> None:
    """One h1, and each section in order: brief, timeline, findings, outcomes, who said what,
    disagreements, sources."""
    assert 1 == html.tags["h1"]
    headings = [line for line in page.splitlines() if line.startswith("## ")]
    expected = [
        "## The case in brief {#brief}",
        "## Timeline {#timeline}",
        "## Findings {#findings}",
        "## Outcomes {#outcomes}",
        "## Who said what {#who-said-what}",
        "## Where the sources disagree {#disagreements}",
        "## Sources {#sources}",
    ]
    assert expected == headings


# ------------------------------------------------------------------ content matches the data


def blocks(markdown_text: str, ids: list[str]) -> dict[str, str]:
    """Split a section into the blocks that begin with each id's anchor."""
    starts = sorted(
        (markdown_text.rindex("\n", 0, markdown_text.index(f'<a id="{i}">')), i) for i in ids
    )
    ends = [s for s, _ in starts[1:]] + [len(markdown_text)]
    return {i: markdown_text[start:end] for (start, i), end in zip(starts, ends, strict=True)}


def test_every_finding_appears_with_its_quotes(case: casefile.Casefile, page: str) -> None:
    """Each finding's summary and id, and the exact words of each of its attributions, are
    in its block of the Findings section, under the investigation that made it (or under
    the heading for decisions outside a recorded investigation)."""
    findings = section(page, "## Findings", "## Outcomes")
    attributions = {a.id: a for a in case.attributions}
    found = blocks(findings, [f.id for f in case.findings])
    for finding in case.findings:
        text = text_of(found[finding.id])
        assert plain(finding.summary) in text
        assert finding.id in text
        for attribution_id in finding.attributions:
            assert plain(attributions[attribution_id].quote.exact) in text
        heading = findings.rindex("\n### ", 0, findings.index(found[finding.id]))
        anchor = finding.investigation or "other"  # decisions outside a recorded investigation
        assert f"{{#findings-{anchor}}}" in findings[heading:].splitlines()[1]


def test_every_outcome_appears_with_what_it_is_of_and_its_quotes(
    case: casefile.Casefile, page: str
) -> None:
    """Each outcome's summary, what it results from and its attributions' words are in its
    block of the Outcomes section."""
    outcomes = section(page, "## Outcomes", "## Who said what")
    attributions = {a.id: a for a in case.attributions}
    found = blocks(outcomes, [o.id for o in case.outcomes])
    for outcome in case.outcomes:
        block = found[outcome.id]
        text = text_of(block)
        assert plain(outcome.summary) in text
        for target in outcome.of:
            assert f"](#{target})" in block
        for attribution_id in outcome.attributions:
            assert plain(attributions[attribution_id].quote.exact) in text


def test_every_conflict_shows_both_values_and_their_sources(
    index: casefile.Index, page: str
) -> None:
    """Each conflict's two values appear in the Conflicts section, each followed by links
    to the statements that give it."""
    conflicts = index.conflicts()
    assert conflicts, "the reference casefile records conflicts"
    block = section(page, "### Conflicts", "### Disputes")
    text = text_of(block)
    for conflict in conflicts:
        for side in (conflict.left, conflict.right):
            assert side.value in text
            assert any(f"](#{a})" in block for a in side.attributions)


def test_every_dispute_shows_who_disputes_what_in_their_words(
    index: casefile.Index, page: str
) -> None:
    """Each dispute's words and stance appear in the Disputes section."""
    disputes = index.disputes()
    assert disputes
    text = text_of(section(page, "### Disputes", "## Sources"))
    for dispute in disputes:
        assert plain(dispute.attribution.quote.exact) in text
        assert dispute.attribution.stance.value in text


def test_every_dated_item_is_a_row_of_the_timeline_table(index: casefile.Index, page: str) -> None:
    """The table under the figure has one row per timeline entry, in the timeline's order,
    each with the entry's date (EDTF) and label, a source's date in it written in words."""
    from casefile.render._view import CaseView

    view = CaseView(index.casefile, index)
    timeline = index.timeline()
    block = section(page, "## Timeline", "## Findings")
    rows = [line for line in block.splitlines() if line.startswith("| ")][1:]
    assert len(timeline) == len(rows)
    for entry, row in zip(timeline, rows, strict=True):
        text = text_of(row.replace("<br>", " "))
        assert str(entry.when) in text
        assert plain(view.entry_label(entry)) in text


def test_every_statement_is_shown_once_with_an_anchor(
    case: casefile.Casefile, html: _Reader
) -> None:
    """Each attribution has exactly one anchor, under Who said what, so citations resolve."""
    counts = Counter(html.ids)
    assert all(1 == counts[a.id] for a in case.attributions)


def test_each_statement_is_a_quote_of_its_own(case: casefile.Casefile, page: str) -> None:
    """Under Who said what, every statement is one blockquote: Markdown does not run
    neighbouring quotes together."""
    reader = read(to_html(section(page, "## Who said what", "## Where the sources disagree")))
    assert len(case.attributions) == reader.tags["blockquote"]


def test_every_link_on_the_page_resolves(html: _Reader) -> None:
    """Every same-page link points at an id the page has, and the page links nowhere
    outside the site."""
    ids = set(html.ids)
    fragments = [h[1:] for h in html.hrefs if h.startswith("#")]
    assert fragments
    assert [] == [f for f in fragments if f not in ids]
    assert [] == [h for h in html.hrefs if re.match(r"[a-z]+:", h)]


def test_brief_cites_each_value_it_states(case: casefile.Casefile, page: str) -> None:
    """Each period examined, part-of and conducted-by claim in the brief is followed by a
    link to one of its attributions."""
    brief = section(page, "## The case in brief", "## Timeline")
    for inv in case.investigations:
        if f'<a id="{inv.id}">' not in brief:
            continue
        block = brief[brief.index(f'<a id="{inv.id}">') :]
        block = block[: block.find("\n\n**") if "\n\n**" in block else len(block)]
        for claim in (*inv.period_examined, *inv.links, *inv.conducted_by):
            assert any(f"](#{a})" in block for a in claim.attributions), claim.id


def test_brief_changes_when_the_data_changes(case: casefile.Casefile) -> None:
    """The brief is made from the data: renaming an investigation, changing a period it
    examined and a figure's value show on the page, and the old values are gone."""
    amazon = next(i for i in case.investigations if i.id == "op-amazon")
    period = amazon.period_examined[0]
    changed_amazon = attrs.evolve(
        amazon,
        name="Operation Renamed",
        period_examined=(attrs.evolve(period, value=Period.parse("1980/1985")),),
    )
    figure = case.figures[0]
    changed_figure = attrs.evolve(figure, value=model.Quantity(value=7777, unit="strands"))
    changed = attrs.evolve(
        case,
        investigations=tuple(changed_amazon if i is amazon else i for i in case.investigations),
        figures=(changed_figure, *case.figures[1:]),
    )
    brief_markdown = section(reference_page.render(changed), "## The case in brief", "## Timeline")
    brief = text_of(brief_markdown)
    assert '**Operation Renamed** <a id="op-amazon">' in brief_markdown
    assert "**Operation Amazon**" not in brief_markdown
    assert "1980/1985" in brief
    assert "1999/2011" not in brief
    assert "7777 strands" in brief
    assert f"| {format_value(figure.value)} |" not in brief_markdown


def test_brief_heading_defaults_to_the_casefile_title(case: casefile.Casefile) -> None:
    """Rendered for any casefile, the page is titled with that casefile's title."""
    other = attrs.evolve(case, title="Another casefile")
    assert reference_page.render(other).startswith("# Another casefile\n")


# ------------------------------------------------------------------ the figure


def test_figure_has_one_mark_per_dated_item(index: casefile.Index, svg: ET.Element) -> None:
    """The SVG parses, and holds one mark per timeline entry, each naming its item."""
    marks = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "mark"]
    expected = Counter(e.item for e in index.timeline())
    assert expected == Counter(g.get("data-item") for g in marks)


def test_figure_is_self_contained_and_scales(svg: ET.Element) -> None:
    """A viewBox and width 100% (it scales to the page), a title and description for
    screen readers, and nothing fetched: no script, image, stylesheet or external link."""
    assert "100%" == svg.get("width")
    assert re.fullmatch(rf"0 0 {reference_page.WIDTH} \d+", svg.get("viewBox") or "")
    assert svg.find(f"{SVG}title") is not None
    assert svg.find(f"{SVG}desc") is not None
    tags = {element.tag.removeprefix(SVG) for element in svg.iter()}
    assert set() == tags & {"script", "image", "style", "foreignObject", "a", "use"}
    references = [
        value
        for element in svg.iter()
        for name, value in element.attrib.items()
        if "href" in name or ("url(" in value and "url(#" not in value)
    ]
    assert [] == references


def test_figure_shows_approximate_dates_and_open_ends_differently(
    index: casefile.Index, svg: ET.Element
) -> None:
    """Marks of approximate or uncertain dates are dashed; bars with an open end fade."""
    marks = {g.get("data-item"): g for g in svg.iter(f"{SVG}g") if g.get("class") == "mark"}
    for entry in index.timeline():
        shape = next(e for e in marks[entry.item] if e.tag in (f"{SVG}circle", f"{SVG}rect"))
        text = str(entry.when)
        assert (("~" in text) or ("?" in text) or ("%" in text)) == (
            shape.get("stroke-dasharray") is not None
        ), entry.item
        open_end = text.startswith("..") or text.endswith("..")
        assert open_end == (shape.get("fill") or "").startswith("url(#fade-"), entry.item


# ------------------------------------------------------------------ hostile and generated text


HOSTILE = (
    "**bold** _it_ <script>alert(1)</script> [link](http://example.org) `code` "
    '&amp; | cell | {#id} \\*\n--8<-- "README.md"\n::: casefile\n    indented\n# heading'
)


def test_hostile_text_renders_as_itself(case: casefile.Casefile) -> None:
    """Markdown, HTML, snippet and autodoc syntax in quotes and names is shown as text:
    no element, link, inclusion or heading comes of it."""
    attribution = case.attributions[1]
    hostile_quote = attrs.evolve(attribution.quote, exact=HOSTILE)
    actor = next(a for a in case.actors if a.id == attribution.speaker)
    changed = attrs.evolve(
        case,
        attributions=(
            case.attributions[0],
            attrs.evolve(attribution, quote=hostile_quote, note=HOSTILE),
            *case.attributions[2:],
        ),
        actors=tuple(attrs.evolve(a, name=HOSTILE) if a is actor else a for a in case.actors),
    )
    page = reference_page.render(changed)
    reader = read(to_html(page))
    assert plain(HOSTILE) in plain(reader.text)
    assert 0 == reader.tags["script"]
    assert [] == [h for h in reader.hrefs if "example.org" in h]
    # The snippet line is not expanded: no words of the README appear.
    assert "Both need only Python" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "Both need only Python" not in reader.text
    assert [] == [line for line in page.splitlines() if re.match(r"\s*(>\s*)*(:::|--8<--)", line)]
    ET.fromstring(reference_page.timeline_svg(changed))


@settings(max_examples=15)
@given(casefiles())
def test_any_casefile_renders_its_text_verbatim(generated: Any) -> None:
    """Generated casefiles (any text, any dates) render without error; every quote and
    every finding's summary appears as itself, and the figure parses with a mark per item."""
    case = generated.casefile
    page = reference_page.render(case)
    reader = read(to_html(page))
    text = plain(reader.text)
    for attribution in case.attributions:
        assert plain(attribution.quote.exact) in text
    for finding in case.findings:
        assert plain(finding.summary) in text
    assert 0 == reader.tags["script"]
    figure = ET.fromstring(reference_page.timeline_svg(case))
    marks = [g for g in figure.iter(f"{SVG}g") if g.get("class") == "mark"]
    assert len(casefile.Index(case).timeline()) == len(marks)


@given(st.text(max_size=40))
def test_inline_text_renders_as_itself(text: str) -> None:
    """Any text passed through inline() renders to the same visible text, mid-line."""
    rendered = read(to_html(f"before {reference_page.inline(text)} after")).text
    assert plain(f"before {text} after") == plain(rendered)


# ------------------------------------------------------------------ every disagreement


def test_every_listed_disagreement_is_shown_by_conflicts_or_disputes(
    index: casefile.Index,
) -> None:
    """Each disagreement of seeds/disagreements.yaml is shown by a conflict or dispute the index
    finds (or says why no record holds it), and every conflict and dispute of the reference
    casefile is in one of them."""
    disagreements = reference_page.load_disagreements()
    assert [] == reference_page.unshown(index, disagreements)
    assert len({d.id for d in disagreements}) == len(disagreements)


def test_the_list_counts_what_each_reading_found() -> None:
    """Reading A's 20 items and reading B's 24 each appear once, none twice."""
    disagreements = reference_page.load_disagreements()
    for reading, count in (("A", 20), ("B", 24)):
        numbers = sorted(d.found_by[reading] for d in disagreements if reading in d.found_by)
        assert list(range(1, count + 1)) == numbers


def test_unshown_finds_a_record_the_casefile_lacks(index: casefile.Index) -> None:
    """A row naming a conflict the casefile does not have, or a dispute side that does not
    dispute, is reported; so is a conflict no row lists."""
    disagreements = reference_page.load_disagreements()
    missing = reference_page.Disagreement(
        id="missing",
        about="a conflict that is not there",
        found_by={},
        shown_by=(reference_page.Shown("conflicts", "op-linden", "period_examined"),),
    )
    wrong_side = reference_page.Disagreement(
        id="wrong-side",
        about="a side that does not dispute",
        found_by={},
        shown_by=(
            reference_page.Shown(
                "disputes", "out.complaint-upheld", sides=(("at-gb-spokes-acknowledges",),)
            ),
        ),
    )
    problems = reference_page.unshown(index, [*disagreements[1:], missing, wrong_side])
    assert any(p.startswith("missing:") for p in problems)
    assert any(p.startswith("wrong-side:") for p in problems)
    assert any(p.startswith("conflict op-amazon period_examined") for p in problems)


def test_the_table_has_a_row_per_disagreement_with_each_side_quoted(
    index: casefile.Index,
) -> None:
    """Under Every disagreement, one table row per listed disagreement, holding the words of
    every attribution on each side and the command that shows it."""
    disagreements = reference_page.load_disagreements()
    page = reference_page.render(index.casefile, disagreements=disagreements)
    block = section(page, "### Every disagreement", "### Conflicts")
    rows = [line for line in block.splitlines() if line.startswith("| ")][1:]
    assert len(disagreements) == len(rows)
    attributions = {a.id: a for a in index.casefile.attributions}
    for disagreement, row in zip(disagreements, rows, strict=True):
        text = text_of(row.replace("<br>", " "))
        assert plain(disagreement.about) in text
        sides = [reference_page.shown_sides(index, shown) for shown in disagreement.shown_by] or [
            disagreement.sides
        ]
        for side in (a for found in sides for s in found or () for a in s):
            assert plain(attributions[side].quote.exact) in text
        for shown in disagreement.shown_by:
            assert f"casefile {shown.command} --" in text
            assert shown.subject in text


def test_the_page_and_casefile_render_say_attributions_in_the_same_words() -> None:
    """Every quote's attribution details on the page are the words of
    ``casefile.render._words.attribution_terms`` with the model's meaning as a hover title, the
    same as ``casefile render`` shows; the legend lists every term; no bare vocabulary list
    ("indirect, report, asserts") is left."""
    from casefile.render import render_site
    from casefile.render._words import attribution_legend, attribution_terms

    case = casefile.reference()
    page = unescape(to_html(reference_page.render(case)))
    site = unescape("\n".join(render_site(case).values()))
    for attribution in case.attributions:
        for term in attribution_terms(attribution, full=True):
            assert term.words in page and term.words in site
    for term in attribution_legend():
        assert term.meaning in page and term.meaning in site
    assert "indirect, report" not in page and "direct, report" not in page


def test_sources_are_named_in_words_not_by_id() -> None:
    """No link on the page or in ``casefile render``'s site has a source's id as its text."""
    from casefile.render import render_site

    case = casefile.reference()
    ids = {s.id for s in case.sources}
    page = to_html(reference_page.render(case))
    site = "\n".join(render_site(case).values())
    for text in (page, site):
        linked = set(re.findall(r"<a [^>]*>([^<]*)</a>", text))
        assert set() == ids & linked


def _note_ids(case: casefile.Casefile, text: str) -> set[str]:
    """The ids (with a ``-`` or ``.``) of records of the casefile that ``text`` shows as
    words of its own."""
    index = casefile.Index(case)
    found = set()
    for word in re.findall(r"[A-Za-z0-9][A-Za-z0-9._:-]*[A-Za-z0-9]", text):
        if "-" in word or "." in word:
            try:
                index.get(word)
            except casefile.errors.UnknownId:
                continue
            found.add(word)
    return found


def _notes(text: str) -> str:
    """The text of every editor's note of a page, each up to the end of its line."""
    return " ".join(part.split("\n", 1)[0] for part in re.split(r"(?i)editor's note:?", text)[1:])


def test_notes_name_the_records_they_mention() -> None:
    """An editor's note that mentions a record by id shows the record's name instead, on the
    page and in ``casefile render``'s site; the notes' data still holds the ids."""
    from casefile.render import render_site

    case = casefile.reference()
    notes = [
        r.note for records in (case.attributions, case.findings, case.outcomes) for r in records
    ]
    assert _note_ids(case, " ".join(n for n in notes if n))
    page = _notes(read(to_html(reference_page.render(case))).text)
    assert page
    assert set() == _note_ids(case, page)
    for name, site_page in render_site(case).items():
        shown = _notes(read(site_page.replace("</dt>", "</dt>: ")).text)
        assert set() == _note_ids(case, shown), name


def test_conflicts_say_what_differs_in_words(page: str) -> None:
    """The page's conflicts are headed as ``casefile render`` heads them: a proposition's by
    "Sources differ on whether this holds", never by a property's name."""
    conflicts = section(page, "### Conflicts", "### Accounts that differ")
    text = text_of(conflicts)
    assert "Sources differ on whether this holds:" in text
    assert ": holds" not in text and "figure investigations" not in text
