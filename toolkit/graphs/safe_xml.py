"""XML read safely: no entity is expanded, no DTD or external resource is fetched, and the
elements are counted as they stream in, so a hostile file is refused before it costs anything."""

from __future__ import annotations

import io
from collections.abc import Iterator
from xml.etree.ElementTree import Element, ParseError

import defusedxml
from defusedxml.ElementTree import iterparse

from toolkit.graphs.model import Counter, GraphRefused


def local(tag: object) -> str:
    """An element's or attribute's name without its namespace: '{http://…}node' -> 'node'."""
    return str(tag).rsplit("}", 1)[-1]


def elements(data: bytes, counter: Counter) -> Iterator[tuple[str, Element]]:
    """("start" | "end", element) for every element of the document, each one counted.

    Entity declarations, external references and DTDs with entities are refused
    (``unsafe_xml``); a document that does not parse is ``corrupt``."""
    try:
        for event, element in iterparse(
            io.BytesIO(data), events=("start", "end"), forbid_dtd=False, forbid_entities=True, forbid_external=True
        ):
            if event == "start":
                counter.add(1 + len(element.attrib) // 4)
            yield event, element
    except defusedxml.DefusedXmlException as exc:
        raise GraphRefused("unsafe_xml") from exc
    except (ParseError, ValueError) as exc:
        raise GraphRefused("corrupt") from exc
