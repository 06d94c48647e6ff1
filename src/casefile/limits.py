"""The work budget: every cost an input can drive, and the figure that bounds it.

No input may make the library's work grow faster than the input itself. Where a step would
otherwise compare every item of one kind with every item of another, follow data as deep as it
goes, or grow data while reading it, one figure here bounds it; the documentation's "Limits"
page lists them all with what happens at each. The figures are constants, not settings,
except the byte limits, which every reading function and command takes as ``max_bytes``
(``--max-bytes``).

What each figure bounds:

- ``DEFAULT_MAX_BYTES``: the largest file read (a casefile, an extraction, each document),
  unread when over it (``too-large``).
- ``MAX_DEPTH``: the deepest nesting of arrays and objects (or YAML sequences and mappings)
  accepted (``too-deep``); far below Python's recursion limit.
- ``MAX_CONTAINERS``: the most arrays and objects one JSON file may hold
  (``too-many-values``); each costs about sixty bytes of memory when read, so a file of
  nothing but brackets would otherwise need thirty times its size.
- ``EXPANSION`` and ``EXPANSION_ALLOWANCE``: data read from YAML with aliases, or made in
  Python with one list or dict in several places, is counted as it would be written out (each
  use in full); it may come to at most ``EXPANSION`` times the input plus
  ``EXPANSION_ALLOWANCE`` (``too-many-values``). Without this a few hundred bytes of nested
  aliases stand for billions of values.
- ``NEIGHBOURS`` and ``MAX_SUGGESTED``: a "did you mean" compares a misspelt id with the
  ``NEIGHBOURS`` ids on each side of where it sorts, forwards and backwards, never with every
  id; and only the first ``MAX_SUGGESTED`` unknown ids of a casefile get suggestions.
- ``PROBES``, ``PROBE_HITS``, ``CLOSEST_WINDOW`` and ``CLOSEST_BUDGET``: the closest text to
  a quote that is not in its document is found by looking up ``PROBES`` short stretches of the
  quote (each at most ``PROBE_HITS`` times), first within ``CLOSEST_WINDOW`` code points of
  where the quote was recorded; all such searches of one validation or build together read at
  most ``CLOSEST_BUDGET`` code points, after which problems are reported without the closest
  text; a quote that occurs more than once has its occurrences counted up to
  ``MAX_OCCURRENCES``.
"""

from __future__ import annotations

from typing import Final

__all__ = [
    "CLOSEST_BUDGET",
    "CLOSEST_WINDOW",
    "DEFAULT_MAX_BYTES",
    "EXPANSION",
    "EXPANSION_ALLOWANCE",
    "MAX_CONTAINERS",
    "MAX_DEPTH",
    "MAX_OCCURRENCES",
    "MAX_SUGGESTED",
    "NEIGHBOURS",
    "PROBES",
    "PROBE_HITS",
]

#: The largest file read unless told otherwise: 768 MiB. Set from the memory a validated load
#: takes, measured (``python -m benchmarks --sizes 1000000``) at about 4.8 times the file's
#: bytes above the interpreter's own (``json.loads`` of the same bytes: the same), or 5.5 times
#: with orjson, whose parse peaks higher, so that a file at the limit loads within about 4.5 GB:
#: a million-record casefile (626 MB) loads in 3.0 GB, or 3.4 GB with orjson.
DEFAULT_MAX_BYTES: Final = 768 * 1024 * 1024

#: The deepest nesting of arrays and objects accepted. A casefile needs about ten levels;
#: extensions get the rest. Far below Python's recursion limit, so no later step can exhaust it.
MAX_DEPTH: Final = 256

#: The most arrays and objects one JSON file may hold. A casefile has about one for every 45
#: (short records, as in the reference casefile) to 125 bytes (the benchmark's synthetic
#: casefile: five million in a million records), so a casefile of short records meets this
#: limit, at about 450 MB, before ``DEFAULT_MAX_BYTES``.
MAX_CONTAINERS: Final = 10_000_000

#: Data counted as written out may be at most this many times the input...
EXPANSION: Final = 4
#: ...plus this many values and characters.
EXPANSION_ALLOWANCE: Final = 1_000_000

#: Ids compared with a misspelt one, on each side of where it sorts, in each order.
NEIGHBOURS: Final = 8
#: Unknown ids in one casefile that get suggestions; the rest are reported without.
MAX_SUGGESTED: Final = 1_000

#: Short stretches of a quote looked up in its document to find the closest text.
PROBES: Final = 32
#: Occurrences of each stretch considered.
PROBE_HITS: Final = 8
#: Code points on each side of a quote's recorded place searched first.
CLOSEST_WINDOW: Final = 4_096
#: Code points all closest-text searches of one validation or build may read.
CLOSEST_BUDGET: Final = 1_000_000_000
#: Occurrences of a quote counted when it occurs more than once; beyond, "at least".
MAX_OCCURRENCES: Final = 1_000
