"""Reference comparison: alignment, sacrebleu metrics, REF rules, JSON contract.

The reference texts under tests/data/reference/official/ were written for these
tests: a corrected, official-style version of a few seed paragraphs, and an
unrelated Nordic-Baltic statement with its machine-translated counterpart in
tests/data/reference/mt/ (merged and split paragraphs, a wrong date, a wrong acronym).
"""
from __future__ import annotations

import json

import pytest

from audit.document import make_document
from audit.model import ParagraphResult
from audit.reference import align, annotate, compare, similarity, ter_stats

from .conftest import ROOT, SEED, assert_offsets, audit_str, codes

DATA = ROOT / "tests" / "data" / "reference"
NORDIC_MT = (DATA / "mt" / "nordic_baltic.txt").read_text(encoding="utf-8")
NORDIC_REF = (DATA / "official" / "nordic_baltic.txt").read_text(encoding="utf-8")
SEED_REF = (DATA / "official" / SEED.name).read_text(encoding="utf-8")


def doc(text: str):
    return make_document(text, "<t>")


# -- metrics --------------------------------------------------------------------------

def test_identical_paragraph_scores_chrf_100_and_ter_0():
    text = "1. The ministers met in Oslo on 3 May 2022 and signed the NORDEFCO Vision 2030.\n\n2. They agreed to meet again."
    rep = audit_str(text, select=["REF"], reference=text)
    assert codes(rep) == []
    for pr in rep.paragraphs:
        assert pr.extra["metrics"] == {"chrf": 100.0, "bleu": 100.0, "ter": 0.0}
        assert pr.extra["reference"] == pr.paragraph.id
    summary = rep.extra["reference"]
    assert (summary["chrf"], summary["bleu"], summary["ter"]) == (100.0, 100.0, 0.0)
    assert summary["unaligned"] == [] and summary["aligned"] == 2


def test_signatures_are_sacrebleu_strings():
    rep = audit_str(NORDIC_MT, select=["REF"], reference=NORDIC_REF)
    sig = rep.extra["reference"]["signature"]
    assert set(sig) == {"chrf", "bleu", "ter"}
    assert sig["chrf"].startswith("nrefs:1|") and "nc:6" in sig["chrf"]
    assert "tok:13a" in sig["bleu"] and "tok:tercom" in sig["ter"]


def test_corpus_ter_from_sentence_statistics_matches_sacrebleu():
    from sacrebleu.metrics import TER

    cmp = compare(doc(NORDIC_MT), doc(NORDIC_REF))
    hyps = [s.hyp for s in cmp.scores]
    refs = [[s.ref for s in cmp.scores]]
    assert cmp.corpus["ter"] == round(TER().corpus_score(hyps, refs).score, 2)


def test_ter_stats_identical_and_changed():
    assert ter_stats("a b c", "a b c").score == 0.0
    t = ter_stats("the minister met the secretary", "the minister met the general")
    assert t.num_edits == 1 and t.ref_length == 5 and t.score == pytest.approx(20.0)


def test_ter_can_be_switched_off():
    rep = audit_str(NORDIC_MT, select=["REF"], reference=NORDIC_REF, options={"reference": {"ter": False}})
    assert all(pr.extra["metrics"]["ter"] is None for pr in rep.paragraphs if "metrics" in pr.extra)
    assert "ter" not in rep.extra["reference"] and "ter" not in rep.extra["reference"]["signature"]


# -- alignment ------------------------------------------------------------------------

def test_unnumbered_alignment_handles_split_merge_and_unaligned():
    a = align(doc(NORDIC_MT).paragraphs, doc(NORDIC_REF).paragraphs)
    got = [(p.doc, p.ref) for p in a.pairs]
    assert got == [
        (("p1",), ("p1",)),
        (("p2",), ("p2",)),
        (("p3",), ("p3",)),
        (("p4", "p5"), ("p4",)),  # the document split one reference paragraph
        (("p6",), ("p5", "p6")),  # the document merged two reference paragraphs
    ]
    assert a.unaligned_doc == ("p7",)  # the translator's note has no counterpart
    assert a.unaligned_ref == ()


def test_numbered_paragraphs_pair_by_number_even_when_reordered_text_differs():
    d = doc("1. Alpha beta gamma delta.\n\n2. Completely different words here.\n\n3. Epsilon zeta eta theta.")
    r = doc("1. Alpha beta gamma delta!\n\n2. Nothing in common at all, truly.\n\n3. Epsilon zeta eta theta!")
    a = align(d.paragraphs, r.paragraphs)
    assert [(p.doc, p.ref, p.anchored) for p in a.pairs] == [
        (("1",), ("1",), True), (("2",), ("2",), True), (("3",), ("3",), True)]


def test_anchors_stay_monotonic():
    d = doc("1. First point about trade.\n\n3. Third point about energy.\n\n2. Second point about health.")
    r = doc("1. First point about trade.\n\n2. Second point about health.\n\n3. Third point about energy.")
    a = align(d.paragraphs, r.paragraphs)
    ids = [(p.doc, p.ref) for p in a.pairs]
    # pairs never cross: both sides increase
    di = [d.paragraphs.index(next(x for x in d.paragraphs if x.id == p[0][0])) for p in ids]
    ri = [r.paragraphs.index(next(x for x in r.paragraphs if x.id == p[1][0])) for p in ids]
    assert di == sorted(di) and ri == sorted(ri)
    assert (("1",), ("1",)) in ids and len(ids) == 2


def test_unrelated_unnumbered_paragraphs_do_not_align():
    d = doc("The weather in Lisbon was pleasant during the conference week.")
    r = doc("Parliament adopted the budget after a long debate on pensions.")
    assert similarity(d.text, r.text) < 60
    a = align(d.paragraphs, r.paragraphs)
    assert a.pairs == () and a.unaligned_doc == ("p1",) and a.unaligned_ref == ("p1",)
    rep = audit_str(d.text, select=["REF"], reference=r.text)
    assert "metrics" not in rep.paragraphs[0].extra
    assert rep.extra["reference"]["unaligned"] == ["p1"]


def test_seed_aligns_with_the_corrected_reference():
    a = align(doc(SEED.read_text(encoding="utf-8")).paragraphs, doc(SEED_REF).paragraphs)
    pairs = {p.doc: p.ref for p in a.pairs}
    assert pairs[("1",)] == ("1",)
    assert pairs[("2", "2.2")] == ("2",)  # the official text keeps paragraph 2 in one block
    assert pairs[("3.3",)] == ("3.2",)  # unnumbered block aligned by similarity, 3.2 skipped
    assert pairs[("12",)] == ("12", "12.2")  # the official text splits paragraph 12
    assert pairs[("12.3",)] == ("12.4",)
    assert "3.2" in a.unaligned_doc and "21" in a.unaligned_doc
    assert a.unaligned_ref == ()


def test_chrome_paragraphs_are_not_aligned():
    text = "Home > News > Releases\n\nThe ministers met in Riga."
    d = doc(text)
    results = [ParagraphResult(p, 3, p.index == 0, (), 0.0, None) for p in d.paragraphs]
    out, summary = annotate(results, d, doc(text))
    assert "metrics" not in out[0].extra and out[1].extra["metrics"]["chrf"] == 100.0
    assert summary["reference"]["unaligned"] == []  # chrome is neither aligned nor listed


# -- REF001 ---------------------------------------------------------------------------

_GOOD = [
    "The ministers reviewed the security situation in the region and agreed to meet twice a year.",
    "They welcomed the new cooperation framework on cyber defence and space policy.",
    "Both sides pledged to expand joint exercises and training in the coming year.",
    "The delegations discussed maritime security and freedom of navigation at length.",
    "The ministers condemned the attacks on civilian infrastructure in the strongest terms.",
    "They agreed to review progress at the next annual meeting in the capital.",
]


def _numbered(paras):
    return "\n\n".join(f"{i}. {p}" for i, p in enumerate(paras, 1))


def test_ref001_flags_the_paragraph_far_below_the_others():
    ref = _numbered(_GOOD)
    mt = list(_GOOD)
    mt = [p.replace("ministers", "minister") for p in mt]  # uniformly close
    mt[3] = "Delegations talked about fisheries quotas and the price of grain for farmers."
    rep = audit_str(_numbered(mt), select=["REF001"], reference=ref)
    assert_offsets(rep)
    assert [f.paragraph for f in rep.findings] == ["4"]
    assert "chrF" in rep.findings[0].message


def test_ref001_quiet_on_a_uniformly_close_translation():
    mt = [p.replace("ministers", "minister").replace("agreed", "decided") for p in _GOOD]
    rep = audit_str(_numbered(mt), select=["REF001"], reference=_numbered(_GOOD))
    assert codes(rep) == []


def test_ref001_floor_is_configurable():
    ref = "1. The ministers reviewed maritime security cooperation in the region."
    mt = "1. The ministers looked at sea safety work in the area."
    assert codes(audit_str(mt, select=["REF001"], reference=ref)) == []
    rep = audit_str(mt, select=["REF001"], reference=ref, options={"reference": {"floor": 80}})
    assert codes(rep) == ["REF001"]


# -- REF002 ---------------------------------------------------------------------------

def test_ref002_wrong_number_with_suggestion():
    rep = audit_str(NORDIC_MT, select=["REF002"], reference=NORDIC_REF)
    assert_offsets(rep)
    assert [(f.text, f.suggestion, f.confidence) for f in rep.findings] == [("15", "14", 0.9)]


def test_ref002_omitted_date_flags_the_matching_sentence():
    ref = "The council met in Geneva. It adopted the report on 12 June 2024 after a vote."
    mt = "The council met in Geneva. It adopted the report after a vote."
    rep = audit_str(mt, select=["REF002"], reference=ref)
    assert_offsets(rep)
    assert len(rep.findings) == 1
    f = rep.findings[0]
    assert f.text == "It adopted the report after a vote." and f.message.startswith("Omission")
    assert "'12'" in f.message and "'June'" in f.message and "'2024'" in f.message
    assert f.suggestion is None


def test_ref002_wrong_month_and_ordinal():
    ref = "The 37th summit opened on 5 November 2020 in Hanoi."
    mt = "The 38th summit opened on 5 October 2020 in Hanoi."
    rep = audit_str(mt, select=["REF002"], reference=ref)
    assert sorted((f.text, f.suggestion) for f in rep.findings) == [("38th", "37th"), ("October", "November")]


@pytest.mark.parametrize("mt,ref", [
    ("It cost 1,000 euros in 2019.", "It cost 1000 euros in 2019."),
    ("The two leaders met for the second time.", "The 2 leaders met for the 2nd time."),
    ("The 5G and 6G networks and the F-35 jets.", "The 5G and 6G networks and the F-35 jets."),
    ("In May they met; they may meet again.", "In May they met; they may meet again."),
    ("UN Security Council resolutions 1718 and 2397 apply.", "UN Security Council resolutions 1718 and 2397 apply."),
])
def test_ref002_clean_cases(mt, ref):
    assert codes(audit_str(mt, select=["REF002"], reference=ref)) == []


# -- REF003 ---------------------------------------------------------------------------

def test_ref003_wrong_acronym_with_suggestion():
    rep = audit_str(NORDIC_MT, select=["REF003"], reference=NORDIC_REF)
    assert [(f.text, f.suggestion) for f in rep.findings] == [("JFE", "JEF")]


def test_ref003_omitted_acronym():
    ref = "The Joint Chiefs of Staff (JCS) met the staff of the African Union (AU) in Addis Ababa."
    mt = "The Joint Chiefs of Staff met the staff of the African Union (AU) in Addis Ababa."
    rep = audit_str(mt, select=["REF003"], reference=ref)
    assert len(rep.findings) == 1 and "'JCS'" in rep.findings[0].message
    assert rep.findings[0].message.startswith("Omission")


@pytest.mark.parametrize("mt,ref", [
    ("The U.S. and the UN agreed.", "The US and the U.N. agreed."),
    ("Both updated their OPLANs and the ROK-U.S. plans.", "Both updated their OPLAN and the ROK-US plans."),
    ("The Future-Combined Forces Command (F-CFC) and the Tri-CHOD met.", "The Future-Combined Forces Command (F-CFC) and the Tri-CHOD met."),
    ("Lloyd J. Austin III spoke to the Joint Chiefs of Staff.", "Lloyd J. Austin III spoke to the Joint Chiefs of Staff."),
    ("JOINT STATEMENT ON THE SUMMIT", "JOINT STATEMENT OF THE SUMMIT MEETING"),
    ("NATO's allies met.", "NATO allies met."),
])
def test_ref003_clean_cases(mt, ref):
    assert codes(audit_str(mt, select=["REF003"], reference=ref)) == []


def test_seed_ref_findings_are_the_expected_ones():
    rep = audit_str(SEED.read_text(encoding="utf-8"), select=["REF"], reference=SEED_REF,
                    options={"reference": {"ter": False}})
    assert_offsets(rep)
    found = {(f.rule, f.paragraph) for f in rep.findings}
    assert ("REF003", "12.3") in found  # KIDD dropped by the translation
    assert ("REF003", "1") in found  # SCM and MCM dropped
    assert not any(f.rule in ("REF001", "REF002") for f in rep.findings)
    assert all(f.paragraph not in rep.extra["reference"]["unaligned"] for f in rep.findings)


def test_no_reference_no_ref_findings_and_no_extra():
    rep = audit_str(NORDIC_MT, select=["REF"])
    assert codes(rep) == [] and "reference" not in rep.extra


# -- JSON contract and CLI ----------------------------------------------------------------

def test_json_report_carries_metrics_and_validates(report_schema):
    import jsonschema

    from audit.report.json import to_dict

    rep = audit_str(NORDIC_MT, select=["REF"], reference=NORDIC_REF)
    data = to_dict(rep)
    jsonschema.validate(data, report_schema)
    para = {p["id"]: p for p in data["paragraphs"]}
    assert para["p6"]["reference"] == "p5+p6" and set(para["p6"]["metrics"]) == {"chrf", "bleu", "ter"}
    assert para["p6"]["reference_text"].startswith("The ministers welcomed") and "\n\nThe next meeting" in para["p6"]["reference_text"]
    assert "metrics" not in para["p7"]
    assert data["summary"]["reference"]["unaligned"] == ["p7"]


def test_cli_reference_folder(tmp_path, run_cli):
    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "nordic_baltic.txt").write_text(NORDIC_MT, encoding="utf-8")
    out = tmp_path / "out"
    code, _, err = run_cli("run", docs, "--no-glossary", "-r", DATA / "official", "-o", out, "-f", "json",
                           "--select", "REF", "--exit-zero", "-q")
    assert code == 0, err
    data = json.loads((out / "nordic_baltic.json").read_text(encoding="utf-8"))
    assert data["summary"]["reference"]["aligned"] == 5
    assert {f["rule"] for f in data["findings"]} == {"REF002", "REF003"}


def test_page_chrome_is_neither_aligned_nor_flagged():
    pytest.importorskip("audit.checks.chrome")
    head = "Joint Statement on Fisheries> Ministry of Foreign Affairs> Released 2023-05-0{}"
    body = "\n\n1. The ministers met in Reykjavik on 4 May 2023."
    rep = audit_str(head.format(4) + body, reference=head.format(5) + body)
    assert rep.paragraphs[0].chrome and "metrics" not in rep.paragraphs[0].extra
    assert not any(f.check == "reference" for f in rep.findings)
    assert rep.paragraphs[1].extra["metrics"]["chrf"] == 100.0
    assert rep.extra["reference"]["unaligned"] == []


def test_long_unnumbered_documents_use_a_band_and_still_find_merges():
    import random

    rnd = random.Random(7)
    vocab = ("ministers agreed strengthen cooperation defence security region alliance peace stability "
             "joint training exercise policy dialogue capability maritime cyber space budget").split()
    paras = [" ".join(rnd.choice(vocab) for _ in range(12)) + "." for _ in range(90)]
    mt = [p.replace("ministers", "minister") for p in paras]
    mt[40] = mt[40] + " " + mt.pop(41)  # the translation merged two paragraphs
    a = align(doc("\n\n".join(mt)).paragraphs, doc("\n\n".join(paras)).paragraphs)
    assert len(a.pairs) == 89 and a.unaligned_doc == () and a.unaligned_ref == ()
    assert a.pairs[40].doc == ("p41",) and a.pairs[40].ref == ("p41", "p42")
    assert all(p.doc == (f"p{k + 1}",) for k, p in enumerate(a.pairs[:40]))


@pytest.mark.parametrize("text,ref", [("1. Text here.", ""), ("", "1. Text here.")])
def test_empty_side_aligns_nothing_and_keeps_signatures(text, ref, report_schema):
    import jsonschema

    from audit.report.json import to_dict

    rep = audit_str(text, reference=ref)
    summary = rep.extra["reference"]
    assert summary["aligned"] == 0 and "chrf" not in summary
    assert set(summary["signature"]) == {"chrf", "bleu", "ter"}
    assert not any(f.check == "reference" for f in rep.findings)
    jsonschema.validate(to_dict(rep), report_schema)
