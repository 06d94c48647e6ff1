"""Tests for the HTML site of a casefile (casefile.render and ``casefile render``)."""

from __future__ import annotations

import functools
import html
import io
import json
import posixpath
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import casefile
from casefile import model
from casefile.cli import main
from casefile.documents import DocumentFolder
from casefile.render import MARKER, render_site, write_site
from casefile.sensitive import redact
from tests.test_sensitive import _with_people

XHTML = "{http://www.w3.org/1999/xhtml}"
SVG = "{http://www.w3.org/2000/svg}"


@functools.cache
def _reference_site() -> dict[str, str]:
    return render_site(
        casefile.reference(), documents=DocumentFolder(casefile.reference_documents())
    )


def _parse(page: str) -> ET.Element:
    # The pages are XHTML-ish: well-formed XML once the HTML doctype line is set aside.
    doctype, rest = page.split("\n", 1)
    assert "<!DOCTYPE html>" == doctype
    return ET.fromstring(rest)


def _marked(pages: dict[str, str]) -> set[str]:
    """The text of every <mark> on every page."""
    found = set()
    for page in pages.values():
        for mark in _parse(page).iter(f"{XHTML}mark"):
            found.add("".join(mark.itertext()))
    return found


def test_every_page_of_the_reference_site_is_well_formed() -> None:
    """Each page parses as XML, has a title and a level-one heading, and loads nothing from
    elsewhere (no script, no link to a stylesheet, no image)."""
    pages = _reference_site()
    assert {"index.html", "said.html", "investigations.html", "sources.html"} <= set(pages)
    for path, page in pages.items():
        root = _parse(page)
        assert root.find(f"{XHTML}head/{XHTML}title") is not None, path
        assert root.find(f".//{XHTML}h1") is not None, path
        for tag in ("script", "img", "link", "iframe"):
            assert [] == list(root.iter(f"{XHTML}{tag}")), (path, tag)


def test_every_quote_of_the_reference_casefile_is_highlighted() -> None:
    """Every attribution's exact words appear inside a <mark>, and on its document's page
    the quote's anchor stands at its words."""
    pages = _reference_site()
    marked = _marked(pages)
    missing = [a.id for a in casefile.reference().attributions if a.quote.exact not in marked]
    assert [] == missing
    for attribution in casefile.reference().attributions:
        page = pages[f"documents/{attribution.quote.document}.html"]
        assert f'id="q-{attribution.id}"' in page


def test_the_timeline_is_inline_svg_with_hover_titles() -> None:
    """The front page holds the figure inline (not as an <img>), and each mark its <title>."""
    root = _parse(_reference_site()["index.html"])
    svg = root.find(f".//{SVG}svg")
    assert svg is not None
    marks = [g for g in svg.iter(f"{SVG}g") if g.get("class") == "mark"]
    assert len(casefile.Index(casefile.reference()).timeline()) == len(marks)
    titles = [g.find(f"{SVG}title") for g in marks]
    assert all(t is not None and (t.text or "").strip() for t in titles)


def test_a_source_named_by_its_date_has_the_date_in_words() -> None:
    """Two sources that share a publisher and kind are told apart by when each was first
    published, written in words on every page, in the figure's hover titles too."""
    pages = _reference_site()
    everything = "\n".join(pages.values())
    assert "Independent Office for Police Conduct report (19 September 2025)" in everything
    assert [] == re.findall(r"\(\d{4}-\d{2}(?:-\d{2})?\)", everything)


def _headings(page: str) -> list[str]:
    """The visible text of every heading of a page."""
    root = _parse(page)
    return [
        "".join(h.itertext())
        for tag in ("h1", "h2", "h3", "h4")
        for h in root.iter(f"{XHTML}{tag}")
    ]


def test_a_question_is_headed_by_its_words() -> None:
    """Accounts that differ are headed by the question they answer, never by its id."""
    questions = casefile.reference().questions
    headings = _headings(_reference_site()["disagreements.html"])
    ids = {q.id for q in questions}
    assert [] == [h for h in headings if h in ids]
    shown = [q for q in questions if q.question in headings]
    assert shown


def test_an_answer_in_the_casefile_s_words_shows_the_source_s_words_too() -> None:
    """Where an answer keeps the source's own words (``phrase``), the render shows them beside
    the casefile's neutral words."""
    text = _reference_site()["disagreements.html"]
    phrases = [a.phrase for q in casefile.reference().questions for a in q.answers if a.phrase]
    assert phrases
    assert [] == [p for p in phrases if f"in the source's words: {html.escape(p)}" not in text]


def test_an_investigation_lists_its_own_decisions_and_others_apart() -> None:
    """Each finding is shown in full under the investigation that made it; decisions of
    others that its chains link to are listed apart, closed, each saying who made it."""
    case = casefile.reference()
    root = _parse(_reference_site()["investigations.html"])
    made_by = {f.id: f.investigation for f in case.findings if f.investigation is not None}
    names = {inv.id: inv.name for inv in case.investigations}
    current = None
    misplaced = []
    for element in root.iter():
        if element.tag == f"{XHTML}h2":
            current = element.get("id")
        elif element.tag == f"{XHTML}li" and made_by.get(element.get("id") or "") not in (
            None,
            current,
        ):
            misplaced.append(element.get("id"))
    assert [] == misplaced
    linked = [
        d
        for d in root.iter(f"{XHTML}details")
        if "Linked decisions of others" in "".join(d.find(f"{XHTML}summary").itertext())
    ]
    assert linked
    for details in linked:
        for item in details.iter(f"{XHTML}li"):
            text = "".join(item.itertext())
            assert "; by " in text or "decided by" in text or "more" in text, text
            by = text.partition("; by ")[2].rstrip(")")
            assert not by or by in names.values(), text


def test_what_a_conflict_is_about_is_said_in_words() -> None:
    """A conflict's heading says what differs in words (a proposition's truth, a decision's
    date, a figure), never a property's
    name such as ``holds``, ``date`` or ``figure:investigations``."""
    from casefile.render._view import CaseView

    case = casefile.reference()
    view = CaseView(case)
    headings = _headings(_reference_site()["disagreements.html"])
    for conflict in view.index.conflicts():
        if not conflict.exclusive:
            continue
        before, after = view.conflict_words(conflict.subject, conflict.property)
        heading = before + view.name(conflict.subject) + after
        assert heading in headings
        assert not re.search(r": (holds|date|figure \w+)$", heading), heading
        if conflict.property == "holds":
            assert heading.startswith("Sources differ on whether")
    finding = case.findings[0]
    assert ("", ": date of the decision") == view.conflict_words(finding.id, "date")


_EDTF = re.compile(r"\.\./\d|\d/\.\.|\b\d{4}(?:-\d\d){0,2}[~?%]|\b\d{4}-\d\d(?:-\d\d)?/")


def _visible(element: ET.Element) -> str:
    """The text a reader sees: every element's text but the figure's hover titles."""
    parts = [element.text or ""]
    for child in element:
        if child.tag not in (f"{SVG}title", f"{XHTML}title"):
            parts.append(_visible(child))
        parts.append(child.tail or "")
    return "".join(parts)


def test_dates_are_shown_in_words() -> None:
    """No page of the reference site shows a date in its EDTF form (``../2021``, ``2022~``)
    as text: dates are in words, the EDTF a hover title."""
    for path, page in _reference_site().items():
        if path.startswith("documents/"):
            continue  # a document's own text is shown as it is
        text = _visible(_parse(page))
        assert [] == _EDTF.findall(text), path
    assert 'title="as written: ../2021"' in _reference_site()["investigations.html"]


def test_figure_labels_stay_inside_the_figure(
    generated: tuple[model.Casefile, dict[str, str]],
) -> None:
    """Every mark's label on the front page's timeline, by its estimated width, stays
    within the figure's width and clear of the rows' names."""
    from casefile.render._figure import PLOT_LEFT, TEXT, WIDTH, text_width

    for site in (_reference_site(), generated[1]):
        svg = _parse(site["index.html"]).find(f".//{SVG}svg")
        assert svg is not None
        for mark in svg.iter(f"{SVG}g"):
            if mark.get("class") != "mark":
                continue
            text = mark.find(f"{SVG}text")
            assert text is not None
            x, width = float(text.get("x", 0)), text_width(text.text or "", TEXT)
            if text.get("text-anchor") == "end":
                assert x - width >= PLOT_LEFT - 8, text.text
            else:
                assert x + width <= WIDTH, text.text


def test_context_around_a_quote_is_its_sentence() -> None:
    """The words shown around a quote are at most the rest of its sentence on its line, so
    a page's furniture and the sentences around it are left out; the whole document keeps
    them."""
    from casefile.render._html import CONTEXT_LIMIT, _clip_end, _clip_start

    assert "He said the police" == _clip_start("Most Read\nTrending. He said the police")
    assert " failed, he said." == _clip_end(" failed, he said. Don't Miss\nMore")
    assert len(_clip_start("word " * 100)) <= CONTEXT_LIMIT + 1
    pages = _reference_site()
    for furniture in ("Don't Miss", "Most Read", "TRUTH LIVES"):
        assert furniture not in html.unescape(pages["said.html"])
    assert any(
        "Don't Miss" in html.unescape(page) or "TRUTH LIVES" in html.unescape(page)
        for path, page in pages.items()
        if path.startswith("documents/")
    )


def test_a_document_is_headed_by_the_sources_it_carries() -> None:
    """A document's page is headed by its sources, the file name below; a source's language
    is named in words, its tag a hover title."""
    pages = _reference_site()
    for document in casefile.reference().documents:
        page = pages.get(f"documents/{document.id}.html")
        if page is None:
            continue
        (heading,) = [h for h in _headings(page) if h]
        assert document.path not in heading
        assert document.path in html.unescape(page)
    assert ">English</abbr>" in pages["sources.html"]


def test_untrusted_text_is_escaped() -> None:
    """Markup in a casefile's text is shown as text, never run or parsed as markup."""
    data = json.loads(casefile.dumps(casefile.reference()))
    data["title"] = "<script>alert(1)</script> & <b>bold</b>"
    data["findings"][0]["summary"] = '"><img src=x onerror=alert(1)>'
    case = casefile.loads(json.dumps(data))
    pages = render_site(case)
    for page in pages.values():
        assert "<script>" not in page and "<img" not in page
        _parse(page)
    assert html.escape(data["title"]) in pages["index.html"]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[model.Casefile, dict[str, str]]:
    """A generated casefile of 10,000 records and its site."""
    from benchmarks.synthetic import generate

    folder = tmp_path_factory.mktemp("generated")
    path = generate(10_000, seed=1).write(folder)
    case = casefile.load(path)
    return case, render_site(case, documents=DocumentFolder(folder))


def test_a_generated_casefile_of_ten_thousand_records_renders(
    generated: tuple[model.Casefile, dict[str, str]],
) -> None:
    """A generated casefile of 10,000 records renders, every page well-formed, with every
    quote highlighted."""
    case, pages = generated
    assert len(pages) > 20
    for page in pages.values():
        _parse(page)
    marked = _marked(pages)
    assert [] == [a.id for a in case.attributions if a.quote.exact not in marked]


#: What a browser draws as at least one line of its own.
_LINES = {f"{XHTML}{tag}" for tag in ("li", "tr", "dt", "figure", "h2", "h3", "p")}


def _lines(root: ET.Element) -> int:
    """How many lines an open page shows at least: its list items, table rows, field names,
    quotes, headings and paragraphs, not counting those inside a closed <details>."""
    count, todo = 0, [root]
    while todo:
        element = todo.pop()
        count += element.tag in _LINES
        children = list(element)
        if element.tag == f"{XHTML}details":
            children = [c for c in children if c.tag == f"{XHTML}summary"]
        todo.extend(children)
    return count


def test_no_page_of_a_large_casefile_is_endless(
    generated: tuple[model.Casefile, dict[str, str]],
) -> None:
    """Every page of the 10,000-record site is at most 1,500 lines (see ``_lines``) and
    600 kB: about 40,000 px at 1280 px wide, the height of a page of 200 statements.

    Before long lists were paged, the front page had 6,147 such lines (500 complaints and
    400 investigations in full, 3.1 MB, 507,000 px tall) and the first page of
    investigations 16,621 (one chain's 1,908 decisions in full, 7.1 MB, 826,000 px).
    """
    _, pages = generated
    too_long = {
        path: (_lines(_parse(page)), len(page.encode()))
        for path, page in pages.items()
        if _lines(_parse(page)) > 1_500 or len(page.encode()) > 600_000
    }
    assert {} == too_long


_HREF = re.compile(r'href="(?!https?:)([^"#]*)(?:#([^"]*))?"')


def test_nothing_is_lost_to_paging(generated: tuple[model.Casefile, dict[str, str]]) -> None:
    """Every investigation, complaint, finding, outcome, figure, statement, actor and source
    of the 10,000-record casefile has its anchor on some page, and every link between pages
    leads to a page of the site and an anchor on it."""
    case, pages = generated
    anchors = {
        path: set(re.findall(r' id="([^"]*)"', html.unescape(page))) for path, page in pages.items()
    }
    everywhere = set().union(*anchors.values())
    records = [
        *case.investigations,
        *case.complaints,
        *case.findings,
        *case.outcomes,
        *case.figures,
        *case.attributions,
        *case.actors,
        *case.sources,
    ]
    assert [] == [r.id for r in records if r.id not in everywhere]
    broken = set()
    for path, page in pages.items():
        folder = path.rpartition("/")[0]
        for target, anchor in _HREF.findall(page):
            resolved = posixpath.normpath(posixpath.join(folder, target)) if target else path
            if resolved not in pages or (anchor and html.unescape(anchor) not in anchors[resolved]):
                broken.add((path, target, anchor))
    assert set() == broken


def _people() -> model.Casefile:
    return casefile.loads(json.dumps(_with_people()))


def test_sensitive_values_are_left_out_unless_asked() -> None:
    """The statements only a sensitive value cites are absent by default, with a note saying
    how many values were left out, and present with ``include_sensitive``."""
    case = _people()
    hidden = "\n".join(render_site(case).values())
    shown = "\n".join(render_site(case, include_sensitive=True).values())
    for id in ("at-x3", "at-x4", "at-x6"):
        assert f'id="{id}"' not in hidden
        assert f'id="{id}"' in shown
    assert "left out</strong>" in hidden
    assert "left out</strong>" not in shown


def test_a_document_a_withheld_quote_stood_in_is_not_shown_whole(tmp_path: Path) -> None:
    """Without the flag, no page shows the text of a document that a withheld quote came
    from (its other words may be the sensitive values); with it, the document has its page."""
    case = _people()
    root = Path(__file__).parent / "data" / "small"
    document = case.attributions[0].quote.document
    hidden = render_site(case, documents=DocumentFolder(root))
    shown = render_site(case, documents=DocumentFolder(root), include_sensitive=True)
    assert f"documents/{document}.html" not in hidden
    assert f"documents/{document}.html" in shown


def test_render_writes_a_site_and_replaces_only_its_own(tmp_path: Path) -> None:
    """``casefile render`` writes the site with its marker; it replaces an earlier render,
    and refuses a folder it did not make and a folder holding its input."""
    out = tmp_path / "site"
    assert 0 == main(["render", "-o", str(out)], io.StringIO())
    assert (out / "index.html").is_file() and (out / MARKER).is_file()
    assert 0 == main(["render", "-o", str(out)], io.StringIO())
    other = tmp_path / "other"
    other.mkdir()
    (other / "notes.txt").write_text("mine")
    assert 2 == main(["render", "-o", str(other)], io.StringIO())
    assert "mine" == (other / "notes.txt").read_text()
    source = tmp_path / "in"
    source.mkdir()
    file = source / "casefile.json"
    file.write_text(casefile.dumps(casefile.reference(verify=False)))
    assert 2 == main(["render", str(file), "-o", str(source)], io.StringIO())
    assert 2 == main(["render", str(file), "-o", str(file)], io.StringIO())
    assert file.read_text() == casefile.dumps(casefile.reference(verify=False))


def test_write_site_refuses_a_file(tmp_path: Path) -> None:
    """A file is never replaced by a site."""
    file = tmp_path / "a.txt"
    file.write_text("x")
    with pytest.raises(casefile.UnsafeOutput):
        write_site({"index.html": "<p/>"}, file)
    assert "x" == file.read_text()


@pytest.fixture(scope="module")
def chicago(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, model.Casefile]:
    """The chicago-style oversight fixture, converted by examples/convert_chicago.py."""
    from tests.test_oversight import CHICAGO, converted

    out = tmp_path_factory.mktemp("chicago")
    return converted(out, "convert_chicago.py", CHICAGO, "chicago.casefile.json")


def _fragments(pages: dict[str, str]) -> set[str]:
    """Every piece of text on every page, as the browser has it: each element's text and
    the text after it, stripped."""
    found = set()
    for page in pages.values():
        for element in _parse(page).iter():
            found.update(t.strip() for t in (element.text, element.tail) if t and t.strip())
    return found


def test_people_and_incidents_are_shown_and_sensitive_values_only_when_asked(
    chicago: tuple[Path, model.Casefile],
) -> None:
    """The oversight fixture's people show their identifiers and characteristics and its
    incidents their dates; without the flag no page holds a sensitive characteristic's value
    or an incident's place (nor the anchor of a sensitive characteristic), with it every one
    is shown. Values that a value left shown also has are not counted."""
    folder, case = chicago
    documents = DocumentFolder(folder)
    hidden = render_site(case, documents=documents)
    shown = render_site(case, documents=documents, include_sensitive=True)
    sensitive = [c for a in case.actors for c in a.characteristics if c.sensitive]
    places = [w.value.text for i in case.incidents for w in i.where]
    assert sensitive and places
    kept = casefile.dumps(redact(case).casefile)
    values = {v for v in [c.value for c in sensitive] + places if json.dumps(v) not in kept}
    assert len(values) > 10
    assert set() == values & _fragments(hidden)
    assert values <= _fragments(shown)
    everything = "\n".join(hidden.values())
    assert [] == [c.id for c in sensitive if f'id="{c.id}"' in everything]
    people = "\n".join(p for path, p in hidden.items() if path.startswith("people"))
    identifier = next(i for a in case.actors for i in a.identifiers)
    plain = next(c for a in case.actors for c in a.characteristics if not c.sensitive)
    assert f"<code>{html.escape(identifier.value)}</code>" in people
    assert f'id="{plain.id}"' in people
    assert all(f'id="{i.id}"' in people for i in case.incidents)
