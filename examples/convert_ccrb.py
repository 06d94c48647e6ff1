"""Convert the ccrb-style board files (invented) to a casefile; docs/oversight.md maps them.

Usage: python examples/convert_ccrb.py ../shared/fixtures/oversight/ccrb-style OUT
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

from tables import Cell, Collector, Row, csv_rows, json_rows, penalty

import casefile

P, REPORTS, LETTERS = "penalties", "closingreports", "departureletters"
WHO = {"board": "The review board", "apu": "The board's Administrative Prosecution Unit"}
WHO |= {"pc": "Police commissioners", "tc": "Trial commissioners"}  # groups: whoever held it
# Recommended penalties: what each column holds, who recommends, and the end of its id.
BOARD = {"CCRB Substantiated Officer Disposition": ("Level in the disposition", "board", "level")}
BOARD |= {"Board Discipline Recommendation": ("Board recommendation", "board", "recommended")}
TRIAL = {"APU CCRB Trial Recommended Penalty": ("Asked for at trial", "apu", "asked")}
TRIAL |= {"APU Trial Commissioner Recommended Penalty": ("Trial commissioner's", "tc", "trial")}
APU, STATUS, PLEA = "Officer is_APU", "APU Case Status", "APU Plea Agreed Penalty"
PENALTY, DATE = "NYPD Officer Penalty", "Non-APU NYPD Penalty Report Date"
CLOSED, BY_BOARD = "APU Closing Date", {"stage": "decided", "decided_by": ["board"]}
TOTALS = (
    ("totalPosted", "reports_posted", "reports"),
    ("totalClosedCase", "closed_cases", "cases"),
)


def day(cell: Cell) -> str:
    """``MM/DD/YYYY`` as a casefile date."""
    return f"{cell[0][6:]}-{cell[0][:2]}-{cell[0][3:5]}"


class Board(Collector):
    """The casefile's records, made row by row and entry by entry."""

    def outcome(self, id: str, cell: Cell, track: list[str], what: str, **made: Any) -> str:
        """An outcome that a penalty or a level (``Substantiated (Charges)``) names."""
        made = {"summary": f"{what}: {cell[0]}", "attributions": [self.cite(P, cell)], **made}
        return self.decide("outcomes", id, track, **penalty(cell[0], made["attributions"]) | made)

    def case(self, file: str, number: Cell) -> Any:
        """The complaint, its number, and the board's investigation of it."""
        made = {"kind": "investigation", "name": f"Board investigation of complaint {number[0]}"}
        cited = self.cite(file, number)
        complaint, inv = self.complaint(number[0], f"board-{number[0]}", cited, **made)
        self.identifier(complaint, "complaint_number", number, cited)
        return complaint, inv

    def officer(self, row: Row) -> None:
        """The board's finding and recommendations on an officer, a prosecution, the penalty."""
        # Not quoted: "No" in the unit's column (no prosecution), a date with no penalty.
        skip = ({APU} if row[APU][0] == "No" else set()) | (set() if row[PENALTY][0] else {DATE})
        at, oid, level = self.cells(P, row, skip), f"officer-{row['Tax ID'][0]}", next(iter(BOARD))
        (complaint, inv), who = self.case(P, row["Complaint Id"]), {"concerning": [oid]}
        aid = f"{complaint['id']}.{oid}"
        unnamed = {"kind": "unnamed_person", "name": f"The officer with tax id {oid[8:]}"}
        actor = self.add("actors", oid, **unnamed)
        self.identifier(actor, "tax_number", row["Tax ID"], at["Tax ID"])
        summary = f"Allegations the board substantiated against the officer with tax id {oid[8:]}"
        self.allegation(aid, complaint, oid, [at["Tax ID"]], at["Complaint Id"], summary=summary)
        self.state(inv, "conducted_by", at[level], value="board")
        made = {"kind": "substantiated", "summary": f"Board disposition: {row[level][0]}", **who}
        made |= {"about": [aid], "investigation": inv["id"], "attributions": [at[level]]}
        found = self.decide("findings", f"{aid}.board", [], **made, **BY_BOARD)
        track: list[str] = []
        for column, (what, by, end) in BOARD.items():
            if column in at:
                made = {"of": [aid, found], "stage": "recommended", "decided_by": [by], **who}
                self.outcome(f"{aid}.{end}", row[column], track, what, **made)
        apu = row[APU][0] == "Yes"
        basis = self.prosecution(row, at, aid, inv["id"], track) if apu else [found]
        made = {"of": [aid, *basis, *track], "stage": "decided", "decided_by": ["pc"], **who}
        if DATE in at:  # the date the penalty was reported
            made["date"] = [{"value": day(row[DATE]), "attributions": [at[DATE]]}]
        if PENALTY in at and row[PENALTY][0] != "APU - Decision Pending":  # see prosecution()
            self.outcome(f"{aid}.penalty", row[PENALTY], track, "Penalty imposed", **made)

    def prosecution(self, row: Row, at: dict[str, str], aid: str, board: str, track: list) -> list:
        """The unit's prosecution and its plea or verdicts: returns what the penalty follows
        from, leaving in ``track`` the recommendations the penalty replaces."""
        status, oid, pid = row[STATUS][0], aid.split(".")[1], f"apu-{aid}"
        name, who = f"The unit's prosecution of {oid} in {aid.split('.')[0]}", {"concerning": [oid]}
        proceeding = self.add("investigations", pid, kind="prosecution", name=name)
        self.state(proceeding, "links", at[APU], relation="arises_from", value=board)
        self.state(proceeding, "conducted_by", at[APU], value="apu")
        for cell in [row[CLOSED]] if CLOSED in at else []:
            self.state(proceeding, "milestones", at[CLOSED], event="concluded", value=day(cell))
        pending = status == "Pending"  # and the penalty says so too
        cited = [at[APU], at[STATUS], *([at[PENALTY]] if pending else [])]
        made = {"kind": "prosecution", "summary": f"Prosecuted by the unit: {status}", "of": [aid]}
        made |= {"stage": "pending" if pending else "decided", "attributions": cited, **who}
        basis, verdicts = [self.decide("outcomes", f"{aid}.prosecution", track, **made)], []
        if "trial" in status.lower():  # a verdict, approved or reversed by the police commissioner
            final = "not_guilty" if "not guilty" in status.lower() else "guilty"
            first = ({"guilty", "not_guilty"} - {final}).pop() if "reversed" in status else final
            steps = [(first, "verdict", ["tc", "pc"] if "PC Approved" in status else ["tc"])]
            steps += [(final, "final-verdict", ["pc"])] if first != final else []
            made = {"about": basis, "investigation": pid, "attributions": [at[STATUS]], **who}
            for kind, end, by in steps:
                stage = "overturned" if first != final and end == "verdict" else "decided"
                summary = (
                    f"{'Final verdict' if by == ['pc'] else 'Verdict'}: {kind.replace('_', ' ')}"
                )
                made |= {"kind": kind, "summary": summary, "stage": stage}
                self.decide("findings", f"{aid}.{end}", verdicts, **made, decided_by=by)
        track[:] = []  # the penalty replaces the penalties recommended at trial, if any
        for column, (what, by, end) in TRIAL.items():
            if column in at:
                follows = [f"{aid}.verdict"] if verdicts and by == "tc" else basis  # trial's
                made = {"of": follows, "stage": "recommended", "decided_by": [by]}
                self.outcome(f"{aid}.{end}", row[column], track, what, **made, **who)
        if PLEA in at:
            made = {"kind": "plea", "of": basis, "decided_by": ["apu", oid], **who}
            made |= {"stage": "set_aside" if "set aside" in status else "decided"}
            made["attributions"] = [at[PLEA], at[STATUS]]
            return [self.outcome(f"{aid}.plea", row[PLEA], [], "Plea agreed", **made)]
        return verdicts or basis

    def indexes(self) -> None:
        """Each closing report and departure letter: a source its index cites."""
        for name, first in ((REPORTS, "ComplaintId"), (LETTERS, "CaseNumber")):
            top, entries = json_rows(self.texts[name], first)
            index, at = self.records["sources"][f"src-{name}"], self.cells(name, top)
            self.state(index, "published", at["lastPublishDate"], value=day(top["lastPublishDate"]))
            for key, measure, unit in TOTALS:
                if key in top:  # the board's own totals
                    value, made = {"value": int(top[key][0]), "unit": unit}, {"subject": "board"}
                    made |= {"measure": measure, "attributions": [at[key]]}
                    self.add("figures", f"board.{measure}", value=value, **made)
            for entry in entries:
                self.report(index, entry) if name == REPORTS else self.letter(index, entry)

    def report(self, index: dict[str, Any], entry: Row) -> None:
        """A closing report, with its case's disposition and closing date."""
        (complaint, inv), label = self.case(REPORTS, entry["ComplaintId"]), entry["CaseDisposition"]
        cid, url = complaint["id"], entry["WebsiteDocumentFileName"][0]
        at = self.cells(REPORTS, entry, about=[cid])
        report = self.add("sources", f"src-report-{cid}", kind="report", publisher="board", url=url)
        report["title"] = f"Closing report of complaint {cid[3:]}"
        self.cites(index, report["id"], at["WebsiteDocumentFileName"])
        closed = day(entry["ClosedDate"])
        self.state(inv, "milestones", at["ClosedDate"], event="concluded", value=closed)
        self.state(inv, "conducted_by", at["CaseDisposition"], value="board")
        kind = re.sub(r"\W+", "_", label[0].split(" (")[0].replace("(s)", "s").lower())
        made = {"kind": kind, "summary": f"Case disposition: {label[0]}", "about": [cid]}
        made |= {"investigation": inv["id"], **BY_BOARD}
        self.add("findings", f"{cid}.disposition", **made, attributions=[at["CaseDisposition"]])

    def letter(self, index: dict[str, Any], entry: Row) -> None:
        """A departure letter, which names its officer (found by tax id in the file's link)."""
        link, cid = entry["FileLink"], f"cr-{entry['CaseNumber'][0]}"
        found = re.search(r"_Tax(\d+)_", link[0])  # the tax id in the link, quoted where it stands
        tax = (found[1], link[1] + found.start(1), link[1] + found.end(1))
        oid = f"officer-{tax[0]}"
        at = self.cells(LETTERS, entry, about=[cid, oid])
        officer = self.records["actors"][oid]
        self.identifier(officer, "tax_number", tax, self.cite(LETTERS, tax, about=[oid]))
        complaint = self.records["complaints"][cid]
        self.identifier(complaint, "complaint_number", entry["CaseNumber"], at["CaseNumber"])
        name = f"{entry['FirstName'][0]} {entry['LastName'][0]}"
        officer |= {"kind": "person", "name": name}
        letter = self.add("sources", f"src-letter-{cid}-{oid}", kind="letter")
        letter |= {"title": f"Departure letter on {oid} in {cid}", "url": entry["FileLink"][0]}
        self.cites(index, letter["id"], at["FileLink"])
        month = f"{entry['ReportYear'][0]}-{int(entry['ReportMonth'][0]):02d}"
        note = "The report year and month the index gives the letter."
        self.state(letter, "published", at["ReportYear"], at["ReportMonth"], value=month, note=note)
        if "RedactedClosingReportFileName" in at:  # the case's closing report, by file name
            self.cites(letter, f"src-report-{cid}", at["RedactedClosingReportFileName"])


def convert(fixtures: Path, folder: Path) -> casefile.Casefile:
    """Copy the three files to ``folder``/documents, write the casefile beside them, return it."""
    out = Board(folder / "documents")
    for id, name in WHO.items():
        out.add("actors", id, kind="group" if id in ("pc", "tc") else "organisation", name=name)
    for file in (f"{P}.csv", f"{REPORTS}.json", f"{LETTERS}.json"):
        media = "text/csv" if file.endswith("csv") else "application/json"
        out.document(fixtures / file, media, kind="dataset", title=file, publisher="board")
    for row in csv_rows(out.texts[P]):
        out.officer(row)
    out.indexes()
    title = "Invented board files in the shape of a civilian review board's published penalty data"
    case = casefile.check(out.data(id="ccrb-style", title=title), documents=out.folder)
    casefile.dump(case, folder / "ccrb.casefile.json", validate=False)
    return case


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    case = convert(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"valid: {len(case.findings)} findings, {len(case.outcomes)} outcomes")
