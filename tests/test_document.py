"""Decoding and segmentation: offsets index the decoded text exactly as read."""
from __future__ import annotations

import codecs

import pytest

from audit.document import InputError, decode, make_document, read_document, segment

TEXT = "Title line\n\nByline\n\n1. First para.\n\nMore of one.\n\n2. Second.\n\nTail one.\n\nTail two.\n"


def test_ids_follow_document_numbering():
    paras = segment(TEXT)
    assert [p.id for p in paras] == ["p1", "p2", "1", "1.2", "2", "2.2", "2.3"]
    assert [p.number for p in paras][:3] == [None, None, 1]
    for p in paras:
        assert TEXT[p.start:p.end] == p.text
        assert p.text == p.text.strip()


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_offsets_survive_any_newline(nl):
    text = TEXT.replace("\n", nl)
    paras = segment(text)
    assert [p.id for p in paras] == ["p1", "p2", "1", "1.2", "2", "2.2", "2.3"]
    for p in paras:
        assert text[p.start:p.end] == p.text


def test_blank_lines_with_spaces_separate_paragraphs():
    text = "1. One.\n   \t\n2. Two."
    assert [p.id for p in segment(text)] == ["1", "2"]


@pytest.mark.parametrize("nl", ["\n", "\r\n", "\r"])
def test_single_newline_does_not_split(nl):
    text = f"1. a line{nl}another line{nl}{nl}2. next"
    assert [p.text for p in segment(text)] == [f"1. a line{nl}another line", "2. next"]


def test_restarted_numbering_keeps_ids_unique():
    ids = [p.id for p in segment("1. a\n\n2. b\n\n1. c")]
    assert len(set(ids)) == 3 and ids[:2] == ["1", "2"]


def test_number_needs_space_after_dot():
    # "2021." as a year at a paragraph start followed by text without space is not numbering
    assert segment("3.5 million people came.")[0].id == "p1"


def test_empty_document_has_one_empty_paragraph():
    doc = make_document("")
    assert len(doc.paragraphs) == 1 and doc.paragraphs[0].text == ""
    assert make_document("  \n\n \n").paragraphs[0].text == ""


@pytest.mark.parametrize(
    "data,expected",
    [
        (codecs.BOM_UTF8 + "Suh Wook’s “visit”".encode("utf-8"), "Suh Wook’s “visit”"),
        ("Suh Wook’s “visit”".encode("utf-8"), "Suh Wook’s “visit”"),
        (codecs.BOM_UTF16_LE + "Seoul — D.C.".encode("utf-16-le"), "Seoul — D.C."),
        (codecs.BOM_UTF16_BE + "Seoul — D.C.".encode("utf-16-be"), "Seoul — D.C."),
        ("“Quoted” – dash’s".encode("cp1252"), "“Quoted” – dash’s"),
        (b"line\r\nline\rline\n", "line\r\nline\rline\n"),
    ],
)
def test_decode(data, expected):
    assert decode(data) == expected


@pytest.mark.parametrize("data", [b"\x00\x01\x02binary\x00", bytes(range(0, 32)) * 10, codecs.BOM_UTF8 + b"\xff\xfe\xfa"])
def test_decode_refuses_binary_or_broken(data):
    with pytest.raises(InputError):
        decode(data)


def test_read_document_reports_reasons(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_document(tmp_path / "missing.txt")
    with pytest.raises(InputError, match="directory"):
        read_document(tmp_path)
    f = tmp_path / "doc.txt"
    f.write_bytes(b"1. Hello.\r\n\r\n2. World.")
    doc = read_document(f, "doc.txt")
    assert doc.path == "doc.txt" and len(doc.sha256) == 64
    assert [p.id for p in doc.paragraphs] == ["1", "2"]
