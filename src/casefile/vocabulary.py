"""Open vocabularies: the well-known values of the fields whose values cannot be closed.

An outcome in England and Wales may be "case to answer for gross misconduct"; elsewhere it is
"sustained" or "exonerated". Closing the list would force every jurisdiction into one's words,
so these fields accept any lower-case ``snake_case`` term and document the terms below, which
tools should prefer when one fits. The schema lists them as ``examples``; the docs render them.
"""

from __future__ import annotations

from typing import Final

__all__ = ["TERM_PATTERN", "VOCABULARIES"]

#: Every open-vocabulary term is a lower-case snake_case word.
TERM_PATTERN: Final = "^[a-z][a-z0-9]*(_[a-z0-9]+)*$"

VOCABULARIES: Final[dict[str, dict[str, str]]] = {
    "source_kind": {
        "news_report": "An article reporting events, written by an outlet's own staff.",
        "republication": "A page that carries another source's text, whole or in part.",
        "official_statement": "A statement issued by an organisation in its own name.",
        "press_release": "A statement issued to the press by an organisation.",
        "report": "A formal report or published summary of an investigation or inquiry.",
        "commentary": "A text whose main form is opinion or argument.",
        "interview": "A conversation with a speaker, published as such.",
        "broadcast": "A radio or television programme or segment.",
        "social_media_post": "A post on a social media service.",
        "court_record": "A judgment, sentencing remarks or other court document.",
        "letter": "A letter or email made public.",
    },
    "derivation": {
        "republishes": "Carries the other source's text, whole or in part, as published.",
        "quotes": "Quotes words from the other source.",
        "reports": "Reports what the other source says, in its own words.",
        "cites": "Names the other source as a basis for what it says.",
    },
    "investigation_kind": {
        "investigation": "An investigation by a body with a duty to investigate.",
        "operation": "A named police or watchdog operation.",
        "inquiry": "An inquiry, public or not, into a matter of concern.",
        "review": "A review of an organisation's actions or records.",
        "criminal_investigation": "An investigation of suspected crimes.",
        "media_investigation": "An investigation published by a news organisation.",
    },
    "milestone": {
        "started": "Work began.",
        "concluded": "Work ended, or the decision was reached.",
        "published": "The findings or report were made public.",
        "updated": "An updated report or summary was made public.",
        "shared": "Findings were shared with a party before publication.",
        "lodged": "A complaint was made.",
        "decided": "A decision was made on a complaint.",
    },
    "outcome_kind": {
        "upheld": "A complaint was upheld.",
        "not_upheld": "A complaint was not upheld.",
        "case_to_answer": "A case to answer was found (England and Wales police conduct).",
        "case_to_answer_misconduct": "A case to answer for misconduct was found.",
        "case_to_answer_gross_misconduct": "A case to answer for gross misconduct was found.",
        "no_case_to_answer": "No case to answer was found.",
        "sustained": "An allegation was sustained (United States usage).",
        "not_sustained": "An allegation was not sustained.",
        "exonerated": "The conduct occurred but was found lawful and proper.",
        "unfounded": "The alleged conduct was found not to have occurred.",
        "management_advice": "Management advice was given.",
        "reflective_practice": "The reflective practice review process was applied.",
        "written_warning": "A written warning was given.",
        "final_written_warning": "A final written warning was given.",
        "dismissal": "Dismissal from employment; also used with a count of zero.",
        "retired_before_hearing": "A person retired or resigned before a hearing.",
        "referral": "A matter was referred to another body.",
        "apology": "An apology was made.",
        "acceptance": "Findings were accepted by the party they concern.",
        "conviction": "A person was convicted.",
        "release": "A person was released from custody.",
        "no_criminal_referral": "No indication of a criminal offence was found.",
    },
    "measure": {
        "investigations": "How many investigations or strands a larger one comprised.",
        "allegations": "How many allegations were examined.",
        "complainants": "How many people or bodies complained.",
        "officers_examined": "How many officers were investigated.",
        "victims": "How many people were harmed, as a count or a bound.",
        "cost": "What it cost; the unit is an ISO 4217 currency code.",
        "duration": "How long it lasted; the unit is a time unit such as years.",
        "rank": "A position in a size order, such as second largest.",
    },
    "finding_kind": {
        "failure": "A failure to act, or to act adequately.",
        "no_indication": "No indication of the matter examined was found.",
        "positive_action": "Action that was taken and worked, in part or whole.",
        "observation": "A fact established by the investigation.",
    },
}
