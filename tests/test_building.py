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
