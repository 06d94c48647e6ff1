"""Tests for building casefiles from extractions."""

from __future__ import annotations

import functools
from pathlib import Path
from typing import Any

import pytest
import yaml

import casefile
from casefile.building import read_extraction


def test_build_fills_offsets_context_and_digest(
    small: casefile.Casefile, small_documents: Path
) -> None:
    """Each quote gets its offsets and context; each document its digest."""
    text = (small_documents / "a.txt").read_text(encoding="utf-8")
    for attribution in small.attributions:
        quote = attribution.quote
        assert quote.exact == text[quote.start : quote.end]
        assert text[: quote.start].endswith(quote.prefix or "")
    assert 64 == len(small.documents[0].sha256)


def test_build_is_deterministic(small_documents: Path, tmp_path: Path) -> None:
    """Building twice writes identical bytes."""
    first, second = tmp_path / "1.json", tmp_path / "2.json"
    casefile.build_file(small_documents / "extraction.yaml", small_documents, first)
    casefile.build_file(small_documents / "extraction.yaml", small_documents, second)
    assert first.read_bytes() == second.read_bytes()


def test_yaml_dates_stay_strings(small_documents: Path) -> None:
    """An unquoted YAML date is read as the string the casefile notation wants."""
    data = read_extraction(small_documents / "extraction.yaml")
    assert "2022-05-01" == data["sources"][0]["published"][0]["value"]


def test_duplicate_yaml_keys_are_refused(tmp_path: Path) -> None:
    """A key given twice in the extraction stops the build with its line."""
    path = tmp_path / "x.yaml"
    path.write_text("id: a\ntitle: t\nid: b\n")
    with pytest.raises(casefile.BuildError) as info:
        read_extraction(path)
    (problem,) = info.value.problems
    assert ("invalid-yaml", 3) == (problem.code, problem.line)


def test_quote_document_must_be_named_when_several_carry_the_source(tmp_path: Path) -> None:
    """A plain-string quote whose source is in two documents asks which."""
    (tmp_path / "1.txt").write_text("same words")
    (tmp_path / "2.txt").write_text("same words")
    extraction = {
        "id": "x",
        "title": "t",
        "schema_version": "1.0",
        "sources": [{"id": "s", "kind": "news_report"}],
        "documents": [
            {"id": "d1", "path": "1.txt", "sources": ["s"]},
            {"id": "d2", "path": "2.txt", "sources": ["s"]},
        ],
        "attributions": [{"id": "a", "source": "s", "quote": "same words"}],
    }
    with pytest.raises(casefile.BuildError) as info:
        casefile.build(extraction, tmp_path)
    assert ["quote-document-unknown"] == [p.code for p in info.value.problems]
    assert "2 documents carry it (d1, d2)" in info.value.problems[0].message


_BROKEN_YAML = {
    "duplicate-key": "id: a\ntitle: t\nid: b\n",
    "unclosed": "id: a\ntitle: [t\n",
    "tab": "id: a\n\ttitle: t\n",
    "unknown-tag": "id: !foo a\n",
    "set": "x: !!set {a, b}\n",
    "undefined-alias": "x: *nope\n",
    "collection-key": "? [a, b]\n: 1\n",
    "merge-key": "a: &a {x: 1}\nb: {<<: *a}\n",
    "alias-inside-itself": "a: &a [*a]\n",
    "two-documents": "a: 1\n---\nb: 2\n",
    "bad-indent": "a:\n  - 1\n - 2\n",
    "too-deep": "a: " + "[" * 300 + "]" * 300 + "\n",
    "alias-bomb": "a: &a [x, x]\n"
    + "".join(f"b{k}: &b{k} [{', '.join([f'*b{k - 1}' if k else '*a'] * 9)}]\n" for k in range(9)),
}


def _read_with(raw: bytes, fast: bool, monkeypatch: pytest.MonkeyPatch) -> Any:
    """Read YAML as an extraction, through libyaml (fast) or the pure-Python parser."""
    from casefile import building

    original = building._extraction_loader
    monkeypatch.setattr(building, "_extraction_loader", functools.partial(original, fast=fast))
    try:
        return building._load_yaml(raw, Path("extraction.yaml"))
    finally:
        monkeypatch.setattr(building, "_extraction_loader", original)


@pytest.mark.parametrize("name", _BROKEN_YAML)
def test_libyaml_and_pure_python_yaml_give_the_same_problems(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Whichever parser reads an extraction, a problem has the same code, line and column."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    found = []
    for fast in (True, False):
        with pytest.raises(casefile.BuildError) as info:
            _read_with(_BROKEN_YAML[name].encode(), fast, monkeypatch)
        found.append([(p.code, p.line, p.column) for p in info.value.problems])
    assert found[0] == found[1]


def test_libyaml_and_pure_python_yaml_read_the_same_data(
    small_documents: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The small extraction, and a larger generated one, read to the same data either way."""
    from benchmarks.adversarial import big_extraction

    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML without libyaml")
    inputs = big_extraction(tmp_path, size=100_000)
    assert inputs.extraction is not None
    for path in (small_documents / "extraction.yaml", inputs.extraction):
        raw = path.read_bytes()
        assert _read_with(raw, True, monkeypatch) == _read_with(raw, False, monkeypatch)


def test_quote_shape_and_integrity_problems_come_in_one_run(
    small_documents: Path, tmp_path: Path
) -> None:
    """One quote not in its document, one finding without a summary and one figure about a
    missing investigation: all three, each with its line, from one build."""
    text = (small_documents / "extraction.yaml").read_text(encoding="utf-8")
    text = text.replace('quote: "It was 2022."', 'quote: "It was 2023."')
    text = text.replace("kind: failure, summary: The force failed., ", "kind: failure, ")
    text = text.replace("    subject: inv\n", "    subject: inv-missing\n")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(casefile.BuildError) as info:
        casefile.build_file(broken, small_documents)
    found = {(p.pointer, p.code) for p in info.value.problems}
    assert {
        ("/attributions/2/quote/exact", "quote-not-found"),
        ("/findings/0", "missing-property"),
        ("/figures/0/subject", "dangling-reference"),
    } <= found
    assert all(p.line is not None for p in info.value.problems)


def test_a_reference_to_a_record_set_aside_for_its_shape_is_not_called_dangling(
    small_documents: Path, tmp_path: Path
) -> None:
    """The finding without a summary is set aside to check the rest; the dispute that responds
    to it is not reported as pointing nowhere."""
    text = (small_documents / "extraction.yaml").read_text(encoding="utf-8")
    text = text.replace("kind: failure, summary: The force failed., ", "kind: failure, ")
    broken = tmp_path / "broken.yaml"
    broken.write_text(text, encoding="utf-8")
    with pytest.raises(casefile.BuildError) as info:
        casefile.build_file(broken, small_documents)
    assert [("/findings/0", "missing-property")] == [
        (p.pointer, p.code) for p in info.value.problems
    ]


def test_nested_records_without_ids_get_ids_that_do_not_depend_on_order(
    small_documents: Path, tmp_path: Path
) -> None:
    """Claims given without ids get ids from their holder, field and content; reordering the
    investigation's periods, or the findings around them, leaves each id as it was."""
    data = read_extraction(small_documents / "extraction.yaml")
    for claim in data["investigations"][0]["period_examined"]:
        del claim["id"]
    first = casefile.build(data, small_documents)
    data["investigations"][0]["period_examined"].reverse()
    second = casefile.build(data, small_documents)
    ids = {c.value: c.id for c in first.investigations[0].period_examined}
    assert ids == {c.value: c.id for c in second.investigations[0].period_examined}
    assert all(i.startswith("inv.period_examined-") for i in ids.values())
    assert len(set(ids.values())) == 2


def test_a_cell_is_quoted_by_row_and_header_in_an_extraction(tmp_path: Path) -> None:
    """`quote: {document, cell: {row, header}}`: the builder fills in the cell's text."""
    (tmp_path / "t.csv").write_text("id,rank\r\n7,PO\r\n", encoding="utf-8")
    extraction = {
        "schema_version": casefile.SCHEMA_VERSION,
        "id": "cells",
        "title": "A cell quoted",
        "sources": [{"id": "table", "kind": "dataset"}],
        "documents": [{"id": "t", "path": "t.csv", "media_type": "text/csv", "sources": ["table"]}],
        "attributions": [
            {"id": "at", "source": "table", "quote": {"cell": {"row": 2, "header": "rank"}}}
        ],
    }
    quote = casefile.build(extraction, tmp_path).attributions[0].quote
    assert ("PO", 11, 13, 2, 2) == (
        quote.exact,
        quote.start,
        quote.end,
        quote.cell.row if quote.cell else None,
        quote.cell.column if quote.cell else None,
    )
