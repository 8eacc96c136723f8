"""Safe XML for answers from the network: entity expansion and external references are refused."""

from __future__ import annotations

from xml.etree.ElementTree import Element

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from tools.sources.protocol import SourceError


def parse_xml(source: str, body: bytes) -> Element:
    try:
        return fromstring(body)
    except (ParseError, DefusedXmlException) as error:
        raise SourceError(source, f"the answer is not well-formed XML ({error})") from error


def text_of(element: Element | None) -> str:
    """All text inside an element, inline markup (<i>, <sup>) flattened, whitespace collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())
