"""Tests for the HTML site of a casefile (casefile.render and ``casefile render``)."""

from __future__ import annotations

import functools
import html
import io
import json
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


def test_a_generated_casefile_of_ten_thousand_records_renders(tmp_path: Path) -> None:
    """A generated casefile of 10,000 records renders into pages of bounded size, every page
    well-formed, with every quote highlighted."""
    from benchmarks.synthetic import generate

    generated = generate(10_000, seed=1)
    path = generated.write(tmp_path / "in")
    case = casefile.load(path)
    pages = render_site(case, documents=DocumentFolder(tmp_path / "in"))
    assert len(pages) > 20
    for page in pages.values():
        _parse(page)
    marked = _marked(pages)
    assert [] == [a.id for a in case.attributions if a.quote.exact not in marked]


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
