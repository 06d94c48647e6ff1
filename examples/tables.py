"""Shared by the oversight converters: quote table cells and JSON values as attributions.

A ``Collector`` gathers a casefile as JSON-ready data. ``document`` copies a data file into the
documents folder and makes it a source and a document; ``cite`` returns the attribution that
quotes one value at its own offsets (a value that repeats in the file, such as ``600.0``, is
quoted where it stands, never searched for); ``state`` adds an attribution to the claim,
milestone or role that holds a value, so a value stated on several rows is one claim with
several attributions. ``casefile.check`` turns the data into a validated ``Casefile``.

Recorded characteristics, identifiers and places follow the same pattern (``characteristic``,
``identifier``, ``place``); a characteristic is marked sensitive by its attribute or because
its holder is a civilian, and the cells that record sensitive values are cited by nothing else,
so that leaving the values out (``casefile.sensitive.redact``) leaves their quotes out too.
"""

from __future__ import annotations

import csv
import hashlib
import re
import shutil
from pathlib import Path
from typing import Any

import casefile
from casefile.vocabulary import SENSITIVE_CHARACTERISTICS

#: A value and the code point offsets of its text in the document (end exclusive).
Cell = tuple[str, int, int]
#: A table row: each column's cell.
Row = dict[str, Cell]

# Words of a penalty, in either dataset's style, and the outcome kind they name. The words found
# first in a penalty name it: "Forfeit vacation 6 days / Command Discipline B" is a forfeit.
PENALTIES = {"violation noted": "violation_noted", "day suspension": "suspension"}
PENALTIES |= {"suspended": "suspension", "suspension": "suspension", "reprimand": "reprimand"}
PENALTIES |= {"termination": "dismissal", "separation": "dismissal", "reinstated": "reinstatement"}
PENALTIES |= {"no action": "no_action", "resigned": "resignation"}
PENALTIES |= {"not served": "penalty_not_served", "w&a": "warned_and_admonished"}
PENALTIES |= {"charges": "prosecution", "command discipline": "command_discipline"}
PENALTIES |= {"instructions": "instructions", "training": "training"}
PENALTIES |= {"forfeit vacation": "forfeit_vacation_days", "vacation": "forfeit_vacation_days"}
PENALTIES |= {"no penalty": "no_penalty", "closed administratively": "closed_administratively"}

KINDS = ("actors", "sources", "documents", "investigations", "incidents", "complaints")
KINDS += ("allegations", "findings", "outcomes", "figures", "attributions")


def csv_rows(text: str) -> list[Row]:
    """Each row as {column: cell}; a quoted cell's text is what stands inside its quotes.

    The csv module reads each line (no value in these files holds a line break); the offsets
    follow from the text each value was read from.
    """
    rows, start = [], 0
    for line in text.splitlines(keepends=True):
        row, at = [], start
        for value in next(csv.reader([line])):
            quoted = text.startswith('"', at)
            raw = value.replace('"', '""') if quoted else value
            row.append((value, at + quoted, at + quoted + len(raw)))
            at += len(raw) + 2 * quoted + 1
        rows.append(row)
        start += len(line)
    header = [value for value, _, _ in rows[0]]
    return [dict(zip(header, row, strict=True)) for row in rows[1:]]


def penalty(text: str, cited: list[str]) -> dict[str, Any]:
    """The outcome kind a penalty's words name (``discipline`` when none do), and the days it
    gives as a count (``OVER 30 DAYS``: more than 30), quoted by ``cited``."""
    found = {text.lower().find(words): kind for words, kind in PENALTIES.items()}
    found.pop(-1, None)
    made: dict[str, Any] = {"kind": found[min(found)] if found else "discipline"}
    if days := re.search(r"(OVER )?(\d+(\.\d+)?) days?", text, re.IGNORECASE):
        count = {"value": float(days[2]) if days[3] else int(days[2]), "unit": "days"}
        count |= {"qualifier": "more_than"} if days[1] else {}
        made["count"] = [{"value": count, "attributions": cited}]
    return made


def id_part(name: str) -> str:
    """An id part made from a name: ``O'YARRBUCKLE, DAVOBY`` gives ``o-yarrbuckle-davoby``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def json_rows(text: str, first: str) -> tuple[Row, list[Row]]:
    """An index's top-level string members, and its entries (each opening with key ``first``).

    Each ``"key": "value"`` pair is read in document order with the offsets of its value. That
    is enough for files whose values are all strings without escapes, as these indexes are;
    ``json.loads`` of the same text gives the same values.
    """
    top: Row = {}
    entries: list[Row] = []
    for match in re.finditer(r'"(\w+)": "([^"\\]*)"', text):
        if match[1] == first:
            entries.append({})
        (entries[-1] if entries else top)[match[1]] = (match[2], match.start(2), match.end(2))
    return top, entries


class Collector:
    """A casefile's records as JSON-ready data, by collection and id, with their quotes."""

    def __init__(self, documents: Path) -> None:
        self.folder = documents
        self.records: dict[str, dict[str, dict[str, Any]]] = {kind: {} for kind in KINDS}
        self.texts: dict[str, str] = {}

    def document(self, fixture: Path, media_type: str, **source: Any) -> str:
        """Copy a data file to the documents folder as a source and its document; its text."""
        self.folder.mkdir(parents=True, exist_ok=True)
        data = shutil.copyfile(fixture, self.folder / fixture.name).read_bytes()
        name = fixture.stem
        self.add("sources", f"src-{name}", **source)
        digest = hashlib.sha256(data).hexdigest()
        document = {"path": fixture.name, "sha256": digest, "media_type": media_type}
        self.add("documents", f"doc-{name}", **document, sources=[f"src-{name}"])
        self.texts[name] = data.decode("utf-8")  # not read_text(), which would turn CRLF to LF
        return self.texts[name]

    def add(self, collection: str, id: str, /, **fields: Any) -> dict[str, Any]:
        """Return the record of a collection with this id, made on first use from ``fields``
        that are not None (an optional property is left out, never null)."""
        made = {"id": id, **{key: value for key, value in fields.items() if value is not None}}
        return self.records[collection].setdefault(id, made)

    def cite(self, name: str, cell: Cell, /, **fields: Any) -> str:
        """Return the id of the attribution quoting ``cell`` of document ``name``.

        The quote has no prefix or suffix: beside a cell are other cells, some of them
        sensitive (a gender next to a name), which would otherwise be copied into the casefile.
        """
        text, (_, start, end) = self.texts[name], cell
        quote = {"document": f"doc-{name}", "exact": text[start:end], "start": start, "end": end}
        fields |= {"source": f"src-{name}", "quote": quote}
        return self.add("attributions", f"at-{name}-{start}", **fields)["id"]

    def cells(self, name: str, row: Row, /, skip: Any = (), **fields: Any) -> dict[str, str]:
        """Cite each cell of a row that holds a value, but those in columns ``skip``: a cell
        not cited puts nothing in the casefile. Returns {column: attribution id}."""
        cells = ((column, cell) for column, cell in row.items() if cell[0] and column not in skip)
        return {column: self.cite(name, cell, **fields) for column, cell in cells}

    def state(self, holder: dict[str, Any], field: str, /, *cited: str, **match: Any) -> None:
        """Add attributions to the item of ``holder[field]`` holding ``match``; make it first."""
        items = holder.setdefault(field, [])
        item = next((i for i in items if match.items() <= i.items()), None)
        if item is None:
            item = {"id": f"{holder['id']}.{field}.{len(items) + 1}", **match, "attributions": []}
            items.append(item)
        item["attributions"] += [at for at in cited if at not in item["attributions"]]

    def characteristic(
        self, actor: dict[str, Any], attribute: str, cell: Cell, cited: str, /, **fields: Any
    ) -> None:
        """Record ``cell``'s value, as written, as a characteristic of ``actor``, which ``cited``
        quotes: sensitive if the attribute is, or if ``civilian=True`` is given."""
        sensitive = fields.pop("civilian", False) or attribute in SENSITIVE_CHARACTERISTICS
        fields = {key: value for key, value in fields.items() if value is not None}
        match = {"attribute": attribute, "value": cell[0], **fields, "sensitive": sensitive}
        self.state(actor, "characteristics", cited, **match)

    def identifier(self, holder: dict[str, Any], scheme: str, cell: Cell, cited: str) -> None:
        """Record ``cell``'s value as an identifier of ``holder``, which ``cited`` quotes."""
        self.state(holder, "identifiers", cited, scheme=scheme, value=cell[0])

    def place(self, incident: dict[str, Any], row: Row, at: dict[str, str], parts: Any) -> None:
        """The place an incident happened, from the columns ``parts`` maps to part kinds; its
        text is the parts joined with ", ". Each part's cell is an attribution of it."""
        found = [(column, kind) for column, kind in parts.items() if column in at]
        value = {"parts": [{"kind": kind, "value": row[column][0]} for column, kind in found]}
        value["text"] = ", ".join(part["value"] for part in value["parts"])
        if found:
            self.state(incident, "where", *(at[column] for column, _ in found), value=value)

    def complaint(self, number: str, investigation: str, /, *cited: str, **fields: Any) -> Any:
        """A complaint and the investigation of it (made from ``fields``), which ``cited`` say
        deals with it; return both."""
        complaint = self.add("complaints", f"cr-{number}", summary=f"Complaint {number}")
        inv = self.add("investigations", investigation, **fields)
        self.state(inv, "complaints", *cited, value=complaint["id"])
        return complaint, inv

    def allegation(
        self,
        id: str,
        complaint: Any,
        officer: str,
        against: list[str],
        /,
        *cited: str,
        **fields: Any,
    ) -> Any:
        """An allegation in a complaint, which ``cited`` state, against an officer, whom
        ``against`` name (in the allegation and the complaint)."""
        allegation = self.add("allegations", id, complaint=complaint["id"], **fields)
        allegation["attributions"] = list(cited)
        for holder in (allegation, complaint):
            self.state(holder, "against", *against, value=officer)
        return allegation

    def decide(self, collection: str, id: str, track: list[str], /, **fields: Any) -> str:
        """Add a finding or outcome that supersedes the decisions in ``track``, then holds it.

        A track is the list of decisions one replaces the next of (recommended, then final);
        an empty list starts one. The ids of a count's or date's claims are made here.
        """
        for field in ("count", "date"):
            for i, claim in enumerate(fields.get(field, []), 1):
                claim.setdefault("id", f"{id}.{field}.{i}")
        self.add(collection, id, **fields, supersedes=list(track))
        track[:] = [id]
        return id

    def cites(self, source: dict[str, Any], upstream: str, /, *cited: str) -> None:
        """Record that ``source`` cites ``upstream``, in the words of ``cited``."""
        derivation = {"source": upstream, "relation": "cites", "attributions": list(cited)}
        source.setdefault("derived_from", []).append(derivation)

    def data(self, **fields: Any) -> dict[str, Any]:
        """The casefile as data: the casefile's own ``fields``, then each collection in order."""
        data = {"schema_version": casefile.SCHEMA_VERSION, **fields}
        return data | {kind: list(self.records[kind].values()) for kind in KINDS}
