"""Casefiles as W3C Web Annotations with PROV-O provenance, in JSON-LD.

One JSON-LD document holds every casefile given, as a ``@graph`` of nodes whose ids are
``urn:casefile:CASEFILE:ID`` (casefile ids are unique within a casefile, and their characters
are all allowed in an IRI):

- each attribution is an ``oa:Annotation`` (and a ``prov:Entity``: the statement). Its
  ``target`` is a ``SpecificResource`` whose ``source`` is the document node, with a
  ``TextQuoteSelector`` (``exact``, ``prefix``, ``suffix``) and a ``TextPositionSelector``
  (``start``, ``end``). The Web Annotation model counts positions in code points, as casefile
  does, so the offsets are copied as they are. A quote of a CSV cell adds a
  ``FragmentSelector`` ``row=R;col=C`` conforming to RFC 7111 (rows numbered as casefile
  numbers them, the header line being row 1; a cell named only by its header has none, as
  RFC 7111 names columns by number only); a quote of a JSON value adds one holding its
  JSON Pointer, conforming to RFC 6901 (in its URI fragment form). The speaker is
  ``prov:wasAttributedTo``; the source the statement is made in is ``prov:wasQuotedFrom``; the
  sources and statements its words come from (``upstream``) are ``prov:wasDerivedFrom``; what
  it is about is ``dcterms:subject``.
- each source is a ``prov:Entity`` with ``dcterms:title``, ``schema:url``, ``language``, the
  publisher and authors as ``prov:wasAttributedTo``, and each derivation as
  ``prov:wasDerivedFrom`` (and ``prov:wasQuotedFrom`` where the relation is ``quotes``).
- each document is a ``dctypes:Text`` and ``prov:Entity``, ``prov:alternateOf`` each source it
  carries, with its media type as ``format``, its digest as ``dcterms:identifier``
  (``sha256:HEX``) and its path as ``label``.
- each actor is a ``prov:Agent``, and a ``foaf:Person`` or ``foaf:Organization`` where it is
  one person or an organisation, with ``name``.

The contexts: the W3C annotation context by its address, http://www.w3.org/ns/anno.jsonld,
and the terms above that it lacks (PROV and Dublin Core) in a context of casefile's own
(``casefile/data/contexts/casefile.jsonld``), written inline. PROV has no published JSON-LD
context. ``document_loader`` answers for the annotation context from the copy shipped in the
package (``casefile/data/contexts/anno.jsonld``, written out from the Web Annotation
Vocabulary Recommendation of 23 February 2017, appendix A "JSON-LD Context", which is the
file served at that address) and refuses every other address, so expanding an export needs no
network.
"""

from __future__ import annotations

import importlib.resources
import json
import urllib.parse
from collections.abc import Callable, Iterable, Iterator
from functools import cache
from typing import Any

from . import model

__all__ = ["ANNOTATION_CONTEXT", "context", "document_loader", "nodes"]

#: The address of the W3C Web Annotation JSON-LD context.
ANNOTATION_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
#: The RFC 7111 and RFC 6901 addresses as the Web Annotation model's table of fragment
#: selectors writes them.
_RFC7111 = "http://tools.ietf.org/rfc/rfc7111"
_RFC6901 = "http://tools.ietf.org/rfc/rfc6901"
# RFC 6901 section 6: a pointer in a URI fragment is percent-encoded, "/" and "~" kept.
_POINTER_SAFE = "/~!$&'()*+,;=:@"

Node = dict[str, Any]


@cache
def _shipped(name: str) -> dict[str, Any]:
    text = importlib.resources.files("casefile").joinpath("data", "contexts", name).read_text()
    data: dict[str, Any] = json.loads(text)
    return data


def context() -> list[Any]:
    """The ``@context`` of an export: the annotation context's address, then casefile's own."""
    return [ANNOTATION_CONTEXT, _shipped("casefile.jsonld")["@context"]]


def document_loader(url: str, options: Any = None) -> dict[str, Any]:
    """Load a remote context offline: the annotation context from the package, nothing else.

    Has the signature pyld expects of a document loader (``jsonld.expand(data,
    {"documentLoader": document_loader})``).

    Raises:
        LookupError: any other address.
    """
    if url.rstrip("/").removeprefix("https://").removeprefix("http://") == (
        ANNOTATION_CONTEXT.removeprefix("http://")
    ):
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": ANNOTATION_CONTEXT,
            "document": _shipped("anno.jsonld"),
        }
    raise LookupError(f"no copy of {url} is shipped, and exports are expanded offline")


def iri(casefile: str, record: str) -> str:
    """The node id of a record of a casefile."""
    return f"urn:casefile:{casefile}:{record}"


def nodes(casefile: model.Casefile) -> Iterator[Node]:
    """The JSON-LD nodes of one casefile: actors, sources, documents, then annotations.

    The casefile is taken as it is: leave sensitive values out first (``casefile.sensitive``)
    where they must not go.
    """
    at: Callable[[str], str] = lambda record: iri(casefile.id, record)  # noqa: E731
    for actor in casefile.actors:
        yield _actor(actor, at)
    for source in casefile.sources:
        yield _source(source, at)
    for document in casefile.documents:
        yield _document(document, at)
    for attribution in casefile.attributions:
        yield _annotation(attribution, at)


def _actor(actor: model.Actor, at: Callable[[str], str]) -> Node:
    kinds = {
        model.ActorKind.PERSON: ["Agent", "Person"],
        model.ActorKind.ORGANISATION: ["Agent", "Organization"],
    }
    return {"id": at(actor.id), "type": kinds.get(actor.kind, ["Agent"]), "name": actor.name}


def _source(source: model.Source, at: Callable[[str], str]) -> Node:
    node: Node = {"id": at(source.id), "type": "Entity"}
    if source.title:
        node["title"] = source.title
    if source.url:
        node["url"] = source.url
    if source.language:
        node["language"] = source.language
    agents = [source.publisher] if source.publisher else []
    _put(node, "wasAttributedTo", [at(a) for a in (*agents, *source.authors)])
    _put(node, "wasDerivedFrom", [at(d.source) for d in source.derived_from])
    quoted = [at(d.source) for d in source.derived_from if d.relation == "quotes"]
    _put(node, "wasQuotedFrom", quoted)
    return node


def _document(document: model.Document, at: Callable[[str], str]) -> Node:
    node: Node = {
        "id": at(document.id),
        "type": ["Text", "Entity"],
        "format": document.media_type,
        "identifier": f"sha256:{document.sha256}",
        "label": document.path,
    }
    _put(node, "alternateOf", [at(s) for s in document.sources])
    return node


def _annotation(attribution: model.Attribution, at: Callable[[str], str]) -> Node:
    quote = attribution.quote
    text: Node = {"type": "TextQuoteSelector", "exact": quote.exact}
    if quote.prefix is not None:
        text["prefix"] = quote.prefix
    if quote.suffix is not None:
        text["suffix"] = quote.suffix
    selectors: list[Node] = [
        text,
        {"type": "TextPositionSelector", "start": quote.start, "end": quote.end},
    ]
    fragment = _fragment(quote)
    if fragment is not None:
        selectors.append(fragment)
    node: Node = {
        "id": at(attribution.id),
        "type": ["Annotation", "Entity"],
        "target": {"type": "SpecificResource", "source": at(quote.document), "selector": selectors},
        "wasQuotedFrom": at(attribution.source),
    }
    if attribution.speaker is not None:
        node["wasAttributedTo"] = at(attribution.speaker)
    _put(node, "wasDerivedFrom", [at(u) for u in attribution.upstream])
    _put(node, "subject", [at(a) for a in attribution.about])
    return node


def _fragment(quote: model.Quote) -> Node | None:
    """The fragment selector of a quote of a table cell or a JSON value, if it is one."""
    if quote.cell is not None:
        # Selectors of one target are alternatives for the same text: a cell named only by
        # its header has no RFC 7111 form (``row=R`` alone is the whole row), so it has none.
        if quote.cell.column is None:
            return None
        value = f"row={quote.cell.row};col={quote.cell.column}"
        return {"type": "FragmentSelector", "conformsTo": _RFC7111, "value": value}
    if quote.pointer is not None:
        value = urllib.parse.quote(quote.pointer, safe=_POINTER_SAFE)
        return {"type": "FragmentSelector", "conformsTo": _RFC6901, "value": value}
    return None


def _put(node: Node, key: str, values: Iterable[str]) -> None:
    found = list(dict.fromkeys(values))
    if len(found) == 1:
        node[key] = found[0]
    elif found:
        node[key] = found
