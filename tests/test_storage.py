"""Tests for loading and saving: lossless round trips, deterministic bytes, atomic writes."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import pytest
from hypothesis import given

import casefile
from casefile import storage
from casefile.strategies import Generated, casefiles


@given(casefiles())
def test_round_trip_is_the_identity(generated: Generated) -> None:
    """dumps then loads gives back an equal casefile."""
    assert generated.casefile == casefile.loads(casefile.dumps(generated.casefile))


@given(casefiles())
def test_saving_what_was_loaded_gives_identical_bytes(generated: Generated) -> None:
    """Text the library wrote, loaded and written again, is byte for byte the same."""
    text = casefile.dumps(generated.casefile)
    assert text == casefile.dumps(casefile.loads(text.encode("utf-8")))


@given(casefiles())
def test_extensions_survive_load_and_save(generated: Generated) -> None:
    """Data under `extensions` comes back untouched, at the root and on entities."""
    data = json.loads(casefile.dumps(generated.casefile))
    again = json.loads(casefile.dumps(casefile.loads(json.dumps(data))))
    assert data.get("extensions") == again.get("extensions")
    assert [a.get("extensions") for a in data.get("attributions", [])] == [
        a.get("extensions") for a in again.get("attributions", [])
    ]


def test_output_is_deterministic_json_with_final_newline(small: casefile.Casefile) -> None:
    """Output is UTF-8 JSON, two-space indented, properties in model order, ending in a newline."""
    text = casefile.dumps(small)
    assert text.endswith("}\n")
    assert text.startswith(
        f'{{\n  "schema_version": "{casefile.SCHEMA_VERSION}",\n  "id": "small",'
    )
    assert text == casefile.dumps(small)


def test_numbers_keep_their_json_type(small: casefile.Casefile) -> None:
    """An integer count stays an integer and a float stays a float through a round trip."""
    data = casefile.to_data(small)
    data["figures"][0]["value"]["value"] = 6.0
    text = json.dumps(data)
    assert '"value": 6.0' in casefile.dumps(casefile.loads(text))
    data["figures"][0]["value"]["value"] = 6
    assert '"value": 6\n' in casefile.dumps(casefile.loads(json.dumps(data)))


def test_dump_writes_atomically_and_keeps_permissions(
    small: casefile.Casefile, tmp_path: Path
) -> None:
    """dump replaces the file in one step, leaves no temporary file, keeps the mode."""
    target = tmp_path / "case.json"
    target.write_text("old")
    target.chmod(0o640)
    casefile.dump(small, target)
    assert casefile.dumps(small) == target.read_text(encoding="utf-8")
    assert 0o640 == target.stat().st_mode & 0o777
    assert ["case.json"] == [p.name for p in tmp_path.iterdir()]


def test_failed_write_leaves_old_file_intact(
    small: casefile.Casefile, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """If the write fails before the rename, the old file is whole and no temp file remains."""
    target = tmp_path / "case.json"
    target.write_text("old contents")

    def broken_fsync(fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="disk full"):
        casefile.dump(small, target)
    assert "old contents" == target.read_text()
    assert ["case.json"] == [p.name for p in tmp_path.iterdir()]


def test_invalid_casefile_is_not_written(small: casefile.Casefile, tmp_path: Path) -> None:
    """A casefile that fails validation raises and writes nothing."""
    import attrs

    broken = attrs.evolve(
        small, findings=(attrs.evolve(small.findings[0], investigation="nowhere"),)
    )
    target = tmp_path / "case.json"
    with pytest.raises(casefile.InvalidCasefile) as info:
        casefile.dump(broken, target)
    assert ["dangling-reference"] == [p.code for p in info.value.problems]
    assert not target.exists()


def test_load_refuses_files_over_the_limit_before_reading(tmp_path: Path) -> None:
    """A file larger than max_bytes is refused with code too-large."""
    path = tmp_path / "big.json"
    path.write_bytes(b" " * 1000)
    with pytest.raises(casefile.InvalidCasefile) as info:
        casefile.load(path, max_bytes=100)
    assert ["too-large"] == [p.code for p in info.value.problems]


def test_load_reads_binary_files(small: casefile.Casefile) -> None:
    """load accepts an open binary file as well as a path."""
    with tempfile.TemporaryFile() as handle:
        handle.write(casefile.dumps(small).encode())
        handle.seek(0)
        assert small == casefile.load(handle)


def test_default_limit_is_at_least_256_megabytes() -> None:
    """The documented default file-size limit."""
    assert storage.DEFAULT_MAX_BYTES >= 256 * 1024 * 1024


def _unbounded_json_has_float(value: object) -> bool:
    if isinstance(value, float):
        return True
    if isinstance(value, dict):
        return any(_unbounded_json_has_float(v) for v in value.values())
    if isinstance(value, list):
        return any(_unbounded_json_has_float(v) for v in value)
    return False


@given(casefiles())
def test_float_detection_matches_the_written_data(generated: Generated) -> None:
    """The model-level float check agrees with a walk of everything that is written."""
    data = casefile.to_data(generated.casefile)
    assert _unbounded_json_has_float(data) == storage._holds_floats(generated.casefile)


@given(casefiles())
def test_validated_dump_writes_what_dumps_returns(generated: Generated) -> None:
    """dump(validate=True) writes the data it checked, made once, with the float check that
    validation made on the way: the same bytes as dumps, which makes and walks them again."""
    import io

    from casefile.validation import checked_data

    buffer = io.StringIO()
    casefile.dump(generated.casefile, buffer, validate=True)
    assert casefile.dumps(generated.casefile) == buffer.getvalue()
    assert storage._holds_floats(generated.casefile) == checked_data(generated.casefile)[1]


@given(casefiles())
def test_fast_and_standard_encoders_write_the_same_bytes(generated: Generated) -> None:
    """With orjson installed, dumps writes exactly what the standard library would."""
    pytest.importorskip("orjson")
    data = casefile.to_data(generated.casefile)
    standard = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    assert standard == casefile.dumps(generated.casefile)
    if not storage._holds_floats(generated.casefile):
        assert standard == storage._encode(data, plain=True)


def test_integers_beyond_64_bits_are_written_by_the_standard_library() -> None:
    """orjson refuses integers past 64 bits; the standard library writes them instead."""
    data = {"extensions": {"big": 2**70, "small": -(2**70)}}
    assert json.dumps(data, indent=2, ensure_ascii=False) + "\n" == storage._encode(
        data, plain=True
    )


def test_only_quantities_and_extensions_can_hold_floats() -> None:
    """The float check looks in quantities and extensions: pin that no other field can hold one."""
    import typing

    import attrs

    from casefile import model

    found = set()
    for name in dir(model):
        cls = getattr(model, name)
        if isinstance(cls, type) and attrs.has(cls):
            for field_name, hint in typing.get_type_hints(cls).items():
                text = str(hint)
                if "float" in text or "Any" in text or "~T" in text:
                    found.add(f"{cls.__name__}.{field_name}")
    extension_holders = {
        f"{c}.extensions"
        for c in (
            "Actor",
            "Source",
            "Document",
            "Investigation",
            "Incident",
            "Proposition",
            "Question",
            "Complaint",
            "Allegation",
            "Finding",
            "Outcome",
            "Figure",
            "Attribution",
            "Casefile",
        )
    }
    assert {
        "Quantity.value",
        "Quantity.minimum",
        "Quantity.maximum",
        "Claim.value",
    } | extension_holders == found
