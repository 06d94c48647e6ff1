"""Synthetic casefiles of any size, deterministic from a seed, for benchmarks and load tests.

:func:`generate` makes ``records`` records (entities in the top-level collections: actors,
sources, documents, investigations, complaints, findings, outcomes, figures and attributions)
with the shapes the reference casefile has: prefixed ids, references between every kind,
claims with one to three attributions, dates of year, month and day precision with
approximate dates and open periods among them, quotes located by code-point offsets in
generated documents (with curly quotes and accented letters, so code points and bytes
differ), and summaries, notes and quotes of realistic length. The result is valid in both
layers, with its documents.

With ``faults`` above zero, that fraction of records (at least one) is damaged in one of the
ways ``FAULTS`` lists, two caught by the schema and four by the integrity layer, so the
error path can be measured too (the integrity faults are reported only when the shape is right,
as validation checks references only in data of the right shape). The same arguments always
give the same bytes.

The text is filler made from neutral words about a fictional inquiry; it names no real person.
"""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path
from typing import Any

import attrs

from casefile.version import SCHEMA_VERSION

__all__ = ["FAULTS", "Synthetic", "generate"]

#: How records are shared between the collections, attributions first (about 1.5 per record).
SHARES: tuple[tuple[str, float], ...] = (
    ("attributions", 0.40),
    ("findings", 0.12),
    ("allegations", 0.03),
    ("actors", 0.10),
    ("outcomes", 0.08),
    ("sources", 0.065),
    ("documents", 0.065),
    ("figures", 0.05),
    ("complaints", 0.05),
    ("investigations", 0.04),
)

#: The kinds of damage ``faults`` does, with the layer that must catch each.
FAULTS: tuple[tuple[str, str], ...] = (
    ("dangling-reference", "integrity"),
    ("duplicate-id", "integrity"),
    ("quote-offsets", "integrity"),
    ("wrong-type", "schema"),
    ("bad-date", "integrity"),
    ("unknown-property", "schema"),
)

_FILLER = (
    "the inquiry examined records of the force and its response to reports made by staff "
    "between those years officers said that the review found no indication of misconduct in "
    "some cases while in others the panel noted failures to act on information shared by "
    "partner agencies council minutes letters and notes of meetings were read by the team "
    "which also heard from former employees about training supervision and the handling of "
    "referrals the report sets out what was done when and by whom and where accounts differ"
)
_WORDS = tuple(_FILLER.split())
_ACCENTED = ("café", "naïve", "résumé", "’s", "“report”", "façade", "coöperation")
_ROLES = ("chief constable", "analyst", "youth worker", "spokesperson", "councillor", "director")
_UNITS = ("officers", "complaints", "allegations", "years", "GBP")


@attrs.frozen
class Synthetic:
    """A generated casefile and its documents.

    Attributes:
        data: the casefile as JSON-ready Python data.
        texts: each document's text, by its path.
        faults: (JSON Pointer, fault) for each record damaged; empty when valid.
    """

    data: dict[str, Any]
    texts: dict[str, str]
    faults: tuple[tuple[str, str], ...] = ()

    def to_json(self) -> bytes:
        """The casefile as UTF-8 JSON, formatted as the library writes it."""
        return (json.dumps(self.data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")

    def write(self, folder: Path) -> Path:
        """Write the casefile (``casefile.json``) and its documents into ``folder``; return it."""
        folder.mkdir(parents=True, exist_ok=True)
        for path, text in self.texts.items():
            (folder / path).write_text(text, encoding="utf-8", newline="")
        target = folder / "casefile.json"
        target.write_bytes(self.to_json())
        return target


def _counts(records: int) -> dict[str, int]:
    counts = {name: max(1, round(records * share)) for name, share in SHARES}
    counts["actors"] = max(2, counts["actors"])
    counts["documents"] = counts["sources"]  # one document per source
    counts["attributions"] += records - sum(counts.values())  # the rest, so the total is exact
    return counts


class _Maker:
    """Makes one casefile; holds the random generator and what has been made so far."""

    def __init__(self, records: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.n = _counts(max(records, 12))
        self.texts: dict[str, str] = {}

    def words(self, low: int, high: int) -> str:
        rng = self.rng
        out = [rng.choice(_WORDS) for _ in range(rng.randint(low, high))]
        if rng.random() < 0.3:
            out[rng.randrange(len(out))] = rng.choice(_ACCENTED)
        return " ".join(out)

    def sentence(self, low: int = 12, high: int = 40) -> str:
        text = self.words(low, high)
        return text[0].upper() + text[1:] + "."

    def ids(self, prefix: str, kind: str) -> list[str]:
        return [f"{prefix}-{i:06d}" for i in range(self.n[kind])]

    def some(self, pool: list[str], low: int = 1, high: int = 3) -> list[str]:
        return self.rng.sample(pool, min(len(pool), self.rng.randint(low, high)))

    def date(self) -> str:
        rng = self.rng
        year = rng.randint(1995, 2025)
        roll = rng.random()
        if roll < 0.35:
            return f"{year}"
        if roll < 0.55:
            return f"{year}-{rng.randint(1, 12):02d}"
        if roll < 0.85:
            return f"{year}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        if roll < 0.95:
            return f"{year}~"
        return f"{year}-{rng.randint(1, 12):02d}?"

    def period(self) -> str:
        start = self.rng.randint(1990, 2015)
        if self.rng.random() < 0.15:
            return f"../{start + self.rng.randint(1, 10)}"
        return f"{start}/{start + self.rng.randint(0, 15)}"

    def claim(
        self, owner: str, field: str, k: int, value: Any, attributions: list[str]
    ) -> dict[str, Any]:
        claim: dict[str, Any] = {
            "id": f"{owner}.{field}.{k}",
            "value": value,
            "attributions": self.some(attributions),
        }
        if self.rng.random() < 0.3:
            claim["phrase"] = self.words(2, 6)
        if self.rng.random() < 0.1:
            claim["note"] = self.sentence()
        return claim

    def documents(self, sources: list[str]) -> list[dict[str, Any]]:
        documents = []
        for i, source in enumerate(sources):
            path = f"doc-{i:06d}.txt"
            text = "\n\n".join(self.sentence(20, 60) for _ in range(self.rng.randint(8, 16)))
            self.texts[path] = text
            documents.append(
                {
                    "id": f"doc-{i:06d}",
                    "path": path,
                    "sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
                    "sources": [source],
                }
            )
        return documents

    def quote(self, document: dict[str, Any]) -> dict[str, Any]:
        text = self.texts[document["path"]]
        rng = self.rng
        start = rng.randrange(0, max(1, len(text) - 320))
        start = text.rfind(" ", 0, start) + 1  # at a word boundary
        end = min(len(text), start + rng.randint(60, 300))
        end = max(text.rfind(" ", start, end), start + 1) if end < len(text) else end
        quote: dict[str, Any] = {
            "document": document["id"],
            "exact": text[start:end],
            "start": start,
            "end": end,
        }
        if rng.random() < 0.7 and 0 < start and end < len(text):
            quote["prefix"] = text[max(0, start - 32) : start]
            quote["suffix"] = text[end : end + 32]
        return quote

    def make(self) -> dict[str, Any]:
        rng = self.rng
        actors = self.ids("actor", "actors")
        sources = self.ids("src", "sources")
        investigations = self.ids("inv", "investigations")
        complaints = self.ids("complaint", "complaints")
        allegations = self.ids("allegation", "allegations")
        findings = self.ids("finding", "findings")
        outcomes = self.ids("outcome", "outcomes")
        figures = self.ids("fig", "figures")
        attributions = self.ids("at", "attributions")
        documents = self.documents(sources)
        entities = actors + investigations + complaints + allegations + findings + outcomes
        # Joined once: joined in each record's expression, they made generation quadratic.
        decided = findings + complaints + investigations + allegations
        claimed = findings + outcomes

        def cited(record: dict[str, Any]) -> dict[str, Any]:
            record["attributions"] = self.some(attributions)
            if rng.random() < 0.15:
                record["note"] = self.sentence()
            return record

        data: dict[str, Any] = {
            "schema_version": SCHEMA_VERSION,
            "id": f"synthetic-{len(attributions)}",
            "title": "Synthetic casefile",
            "description": self.sentence(30, 60),
        }
        data["actors"] = [self.actor(i, a, actors, attributions) for i, a in enumerate(actors)]
        data["sources"] = [
            self.source(i, s, sources, actors, attributions) for i, s in enumerate(sources)
        ]
        data["documents"] = documents
        data["investigations"] = [
            self.investigation(i, inv, investigations, actors, complaints, entities, attributions)
            for i, inv in enumerate(investigations)
        ]
        data["complaints"] = [
            {
                "id": c,
                "summary": self.sentence(10, 25),
                "complainants": [self.claim(c, "complainant", 0, rng.choice(actors), attributions)],
                "against": [self.claim(c, "against", 0, rng.choice(actors), attributions)],
                "milestones": [self.milestone(c, "lodged", attributions)],
            }
            for c in complaints
        ]
        data["allegations"] = [
            cited(
                {
                    "id": a,
                    "summary": self.sentence(8, 20),
                    "category": rng.choice(("force", "discourtesy", "abuse_of_authority")),
                    "code": f"{rng.randrange(100):02d}{rng.choice('ABCD')}",
                    "complaint": rng.choice(complaints),
                    "against": [self.claim(a, "against", 0, rng.choice(actors), attributions)],
                }
            )
            for a in allegations
        ]
        # Decisions in stages: a recommended finding is replaced by a decided one, now and then.
        data["findings"] = [
            cited(
                {
                    "id": f,
                    "investigation": rng.choice(investigations),
                    "kind": rng.choice(
                        ("failure", "observation", "sustained", "not_sustained", "exonerated")
                    ),
                    "summary": self.sentence(15, 45),
                    "about": self.some(entities, 1, 2),
                    "decided_by": [rng.choice(actors)],
                    **(
                        {"stage": "decided", "supersedes": [findings[k - 1]]}
                        if k and rng.random() < 0.2
                        else {}
                    ),
                    **(
                        {"concerns": [self.claim(f, "concerns", 0, self.period(), attributions)]}
                        if rng.random() < 0.3
                        else {}
                    ),
                }
            )
            for k, f in enumerate(findings)
        ]
        data["outcomes"] = [
            cited(
                {
                    "id": o,
                    "kind": rng.choice(("written_warning", "suspension", "no_action", "referral")),
                    "summary": self.sentence(10, 30),
                    "of": [rng.choice(decided)],
                    "concerning": self.some(actors, 1, 2),
                    "decided_by": [rng.choice(actors)],
                    "date": [
                        self.claim(o, "date", k, self.date(), attributions)
                        for k in range(rng.randint(0, 2))
                    ],
                    "count": [
                        self.claim(
                            o,
                            "count",
                            0,
                            {"value": rng.randint(1, 40), "unit": "officers"},
                            attributions,
                        )
                    ],
                }
            )
            for o in outcomes
        ]
        data["figures"] = [
            cited(
                {
                    "id": fig,
                    "subject": rng.choice(investigations),
                    "measure": rng.choice(
                        ("investigations", "allegations", "officers_examined", "cost")
                    ),
                    "value": self.quantity(),
                    "phrase": self.words(3, 8),
                }
            )
            for fig in figures
        ]
        data["attributions"] = [
            self.attribution(a, documents, actors, claimed) for a in attributions
        ]
        return data

    def actor(
        self, i: int, actor: str, actors: list[str], attributions: list[str]
    ) -> dict[str, Any]:
        rng = self.rng
        record: dict[str, Any] = {
            "id": actor,
            "kind": rng.choice(("person", "organisation", "group", "unnamed_person")),
            "name": f"{rng.choice(('Example', 'Sample'))} {self.words(1, 3).title()} {i}",
        }
        if rng.random() < 0.3:
            record["aliases"] = [self.words(1, 3).title()]
        if rng.random() < 0.5:
            role: dict[str, Any] = {
                "id": f"{actor}.role.0",
                "title": rng.choice(_ROLES),
                "attributions": self.some(attributions),
            }
            if rng.random() < 0.5:
                role["of"] = rng.choice(actors)
            if rng.random() < 0.3:
                role["during"] = self.period()
            record["roles"] = [role]
        if i and rng.random() < 0.2:
            record["member_of"] = [
                self.claim(actor, "member-of", 0, actors[rng.randrange(i)], attributions)
            ]
        return record

    def source(
        self, i: int, source: str, sources: list[str], actors: list[str], attributions: list[str]
    ) -> dict[str, Any]:
        rng = self.rng
        record: dict[str, Any] = {
            "id": source,
            "kind": rng.choice(("news_report", "report", "official_statement", "republication")),
            "title": self.sentence(5, 12),
            "publisher": rng.choice(actors),
            "published": [self.claim(source, "published", 0, self.date(), attributions)],
            "url": f"https://example.org/{source}",
            "retrieved": f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            "language": "en",
        }
        if i and rng.random() < 0.3:  # earlier sources only: chains never cycle
            record["derived_from"] = [
                {
                    "source": sources[rng.randrange(i)],
                    "relation": rng.choice(("republishes", "quotes", "reports")),
                }
            ]
        return record

    def investigation(
        self,
        i: int,
        inv: str,
        investigations: list[str],
        actors: list[str],
        complaints: list[str],
        entities: list[str],
        attributions: list[str],
    ) -> dict[str, Any]:
        rng = self.rng
        record: dict[str, Any] = {
            "id": inv,
            "name": f"Operation {self.words(1, 1).title()} {i}",
            "kind": rng.choice(("investigation", "operation", "review", "inquiry")),
            "conducted_by": [self.claim(inv, "conducted-by", 0, rng.choice(actors), attributions)],
            "examined": [self.claim(inv, "examined", 0, rng.choice(entities), attributions)],
            "scope": [self.claim(inv, "scope", 0, self.sentence(), attributions)],
            "period_examined": [
                self.claim(inv, "period", k, self.period(), attributions)
                for k in range(rng.randint(1, 2))
            ],
            "milestones": [self.milestone(inv, e, attributions) for e in ("started", "published")],
            "complaints": [self.claim(inv, "complaint", 0, rng.choice(complaints), attributions)],
        }
        if i:  # linked to an earlier one: no cycles
            link = self.claim(inv, "link", 0, investigations[rng.randrange(i)], attributions)
            relation = rng.choice(("part_of", "part_of", "appeal_of", "arises_from"))
            record["links"] = [{"relation": relation, **link}]
        return record

    def milestone(self, owner: str, event: str, attributions: list[str]) -> dict[str, Any]:
        return {
            "id": f"{owner}.{event}",
            "event": event,
            "value": self.date(),
            "attributions": self.some(attributions),
        }

    def quantity(self) -> dict[str, Any]:
        rng = self.rng
        unit = rng.choice(_UNITS)
        roll = rng.random()
        if roll < 0.6:
            return {"value": rng.randint(1, 500), "unit": unit}
        if roll < 0.8:
            return {"value": rng.randint(1, 500), "unit": unit, "qualifier": "at_least"}
        low = rng.randint(1, 100)
        return {"minimum": low, "maximum": low + rng.randint(1, 50), "unit": unit}

    def attribution(
        self, at: str, documents: list[dict[str, Any]], actors: list[str], targets: list[str]
    ) -> dict[str, Any]:
        rng = self.rng
        document = rng.choice(documents)
        record: dict[str, Any] = {
            "id": at,
            "source": document["sources"][0],
            "quote": self.quote(document),
            "speaker": rng.choice(actors),
            "mode": rng.choice(("direct", "indirect")),
        }
        if rng.random() < 0.1:
            record["stance"] = rng.choice(("disputes", "accepts", "questions"))
            record["responds_to"] = [rng.choice(targets)]
        if rng.random() < 0.5:
            record["said"] = self.date()
        if rng.random() < 0.2:
            record["about"] = [rng.choice(actors)]
        if rng.random() < 0.1:
            record["note"] = self.sentence()
        return record

    def damage(self, data: dict[str, Any], fraction: float) -> tuple[tuple[str, str], ...]:
        """Damage ``fraction`` of the records (at least one), each in one of :data:`FAULTS`."""
        rng = self.rng
        places = [(name, i) for name, _ in SHARES for i in range(len(data[name]))]
        chosen = rng.sample(places, max(1, min(len(places), round(len(places) * fraction))))
        faults = []
        for k, (name, i) in enumerate(sorted(chosen)):
            fault = FAULTS[k % len(FAULTS)][0]
            record = data[name][i]
            where = f"/{name}/{i}"
            if fault == "dangling-reference":
                if name == "attributions":
                    record["source"], where = "src-missing", f"{where}/source"
                else:
                    data["attributions"][0].setdefault("about", []).append(f"missing-{k}")
                    where = "/attributions/0/about"
            elif fault == "duplicate-id":
                record["id"], where = data[name][0 if i else -1]["id"], f"{where}/id"
            elif fault == "quote-offsets":
                quote = data["attributions"][i % len(data["attributions"])]["quote"]
                quote["end"] = quote["start"] + len(quote["exact"]) + 3
                where = f"/attributions/{i % len(data['attributions'])}/quote"
            elif fault == "wrong-type":
                record["id"], where = 12345, f"{where}/id"
            elif fault == "bad-date":
                data["sources"][i % len(data["sources"])]["retrieved"] = "2025-02-30"
                where = f"/sources/{i % len(data['sources'])}/retrieved"
            else:
                record["colour"], where = "blue", where
            faults.append((where, fault))
        return tuple(faults)


def generate(records: int, *, seed: int = 0, faults: float = 0.0) -> Synthetic:
    """Make a casefile of ``records`` records (at least 12) and its documents.

    Args:
        records: how many records across all collections; attributions are about 40% of them.
        seed: the random seed; the same arguments give the same casefile.
        faults: the fraction of records to damage (0 for a valid casefile).
    """
    maker = _Maker(records, seed)
    data = maker.make()
    damaged = maker.damage(data, faults) if faults > 0 else ()
    return Synthetic(data=data, texts=maker.texts, faults=damaged)
