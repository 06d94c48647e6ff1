"""Import throughput: a synthetic complaints table imported through a mapping file.

The table has one row per accused officer (a complaint number, the officer's name and star,
a date, a recommended and a final finding), and the mapping makes, for each row, a complaint,
an officer, an allegation and two findings, the final one superseding the recommendation:
about 9 attributed cells per row. The baseline the issue sets is ``csv.DictReader`` over the
table plus a validated load of the casefile the import wrote (``casefile.load`` with the
documents); the import is timed from the mapping file to the written casefile.
"""

from __future__ import annotations

import csv
import random
import statistics
import time
from pathlib import Path

import casefile
from casefile.mapping import import_file

MAPPING = """\
casefile: {id: synthetic, title: A synthetic complaints table}
documents:
  accused: {path: accused.csv}
values:
  finding: {SU: sustained, NS: not_sustained, UN: unfounded, EX: exonerated}
tables:
  - document: accused
    let: {officer: "officer-{star|int}", allegation: "cr-{number}.{officer}"}
    make:
      complaints: {id: "cr-{number}", summary: "Complaint {number}",
        milestones: [{event: lodged, value: "{received|date:%m/%d/%Y}"}]}
      actors: {id: "{officer}", kind: person, name: "{name}",
        identifiers: [{scheme: star_number, value: "{star|int}"}]}
      allegations: {id: "{allegation}", complaint: "cr-{number}", against: [{value: "{officer}"}],
        cite: name}
      findings:
        - {id: "{allegation}.recommended", stage: recommended,
           kind: "{recommended|map:finding}", about: ["{allegation}"]}
        - {id: "{allegation}.final", stage: decided, kind: "{final|map:finding}",
           about: ["{allegation}"], supersedes: ["{allegation}.recommended?"]}
"""


def write_table(folder: Path, rows: int, seed: int = 0) -> Path:
    """Write the synthetic table and its mapping; return the mapping's path."""
    rng = random.Random(seed)
    with (folder / "accused.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file, lineterminator="\n")
        writer.writerow(["number", "name", "star", "received", "recommended", "final"])
        for i in range(rows):
            number = 1_000_000 + i // 2
            writer.writerow(
                [
                    number,
                    f"OFFICER{rng.randrange(rows // 3 + 1)}, FIRST",
                    f"{rng.randrange(rows // 3 + 1)}.0",
                    f"{rng.randrange(1, 13):02d}/{rng.randrange(1, 29):02d}"
                    f"/20{rng.randrange(10, 24)}",
                    rng.choice(["SU", "NS", "UN", "EX", ""]),
                    rng.choice(["SU", "NS", "", ""]),
                ]
            )
    path = folder / "mapping.yaml"
    path.write_text(MAPPING, encoding="utf-8")
    return path


def measure(folder: Path, rows: int, repeat: int) -> dict[str, float]:
    """Median seconds of the import, of the baseline and its two parts; and their ratio."""
    mapping = write_table(folder, rows)
    out = folder / "imported.json"
    times: dict[str, list[float]] = {"import": [], "dictreader": [], "validated load": []}
    for _ in range(repeat):
        started = time.perf_counter()
        import_file(mapping, out)
        times["import"].append(time.perf_counter() - started)
        started = time.perf_counter()
        with (folder / "accused.csv").open(encoding="utf-8", newline="") as file:
            for _row in csv.DictReader(file):
                pass
        times["dictreader"].append(time.perf_counter() - started)
        started = time.perf_counter()
        casefile.load(out, documents=folder, max_bytes=2**32)  # 100,000 rows: ~300 MB
        times["validated load"].append(time.perf_counter() - started)
    found = {step: statistics.median(values) for step, values in times.items()}
    found["ratio"] = found["import"] / (found["dictreader"] + found["validated load"])
    return found


def report(sizes: list[int], repeat: int, folder: Path) -> str:
    """The import figures at each size, as a Markdown table, with the target met or not."""
    lines = [
        "## Import through a mapping (`casefile import`)\n",
        "| rows | import | csv.DictReader | validated load | rows/s | ratio to baseline |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for rows in sizes:
        place = folder / str(rows)
        place.mkdir(parents=True, exist_ok=True)
        found = measure(place, rows, repeat)
        lines.append(
            f"| {rows:,} | {found['import']:.2f} s | {found['dictreader']:.3f} s "
            f"| {found['validated load']:.2f} s | {rows / found['import']:,.0f} "
            f"| {found['ratio']:.1f}x {'(met)' if found['ratio'] <= 5 else '(NOT met)'} |"
        )
    lines.append("\nTarget: the import at most 5x csv.DictReader plus a validated load.")
    return "\n".join(lines)
