"""Bundles and merging: round trip, quarantine, hostile zips, atomicity, project files."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import shutil
import stat
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from annotator import rules
from annotator.errors import AnnotatorError, Cancelled, ImportFormatError, ProjectFileError
from annotator.exchange import (
    canonical_dump,
    merge_bundle,
    merge_project_file,
    read_bundle,
    write_bundle,
)
from annotator.exchange.bundle_read import (
    MEMBERS,
    Bundle,
    BundleDocument,
    BundleManifest,
    BundleRecord,
    Limits,
)
from annotator.model import Argument, Document, Record, Relation, Span, Status
from annotator.project import RECORD_KINDS, Project
from annotator.schema import AttributeDef, Label, Schema, default_schema
from annotator.text import sha256_text
from annotator.validation import check_project

SEED = Path(__file__).resolve().parents[2] / "resources/samples/000_3626081446f7037e.txt"
TEXT = SEED.read_text(encoding="utf-8")


def _annotate(p: Project, doc: Document, who: str) -> None:
    """A GPE, a trigger with an event and argument, a relation, and one deleted span."""
    i = TEXT.index("بباريس") + 1
    paris = p.add_span(doc.id, i, i + 5, "GPE", who, {"MentionType": "NAM"})
    j = TEXT.index("الاجتماع")
    meet = p.add_span(doc.id, j, j + 8, "Contact.Meet", who)
    event = p.add_event(meet.uuid)
    p.add_argument(event.uuid, "Place", paris.uuid)
    k = TEXT.index("الولايات المتحدة")
    usa = p.add_span(doc.id, k, k + 16, "GPE", who)
    p.add_relation("PART-WHOLE", paris.uuid, usa.uuid)
    p.delete_span(p.add_span(doc.id, 0, 6, "PER", who).uuid)
    p.set_status(doc.id, who, Status.IN_PROGRESS)


@pytest.fixture
def source(tmp_path: Path) -> Project:
    p = Project.create(tmp_path / "source.annotator")
    doc = p.add_document(TEXT, name="seed", meta={"site": "news"})
    _annotate(p, doc, "amal")
    return p


@pytest.fixture
def target(tmp_path: Path) -> Project:
    return Project.create(tmp_path / "target.annotator")


def test_round_trip_reproduces_the_layer(source: Project, target: Project, tmp_path: Path) -> None:
    out = tmp_path / "amal.bundle"
    manifest = write_bundle(source, "amal", out)
    assert manifest.counts == {"documents": 1, "spans": 4, "events": 1, "arguments": 1,
                               "relations": 1, "statuses": 1}  # fmt: skip
    assert not out.with_name(out.name + ".partial").exists()
    bundle = read_bundle(out)
    assert bundle.manifest == manifest
    assert any(br.record.deleted for br in bundle.records)
    report = merge_bundle(target, bundle, "amal.bundle")
    assert (report.added, report.updated, report.kept, report.documents_added) == (7, 0, 0, 1)
    assert report.quarantined == [] and report.labels_added == []
    assert canonical_dump(target) == canonical_dump(source)
    assert target.status(target.documents()[0].id, "amal") is Status.IN_PROGRESS
    # the document read in full (the listing, documents(), may leave metadata out)
    assert target.document(target.documents()[0].id).meta == {"site": "news"}
    again = merge_bundle(target, read_bundle(out))
    assert (again.added, again.updated, again.kept) == (0, 0, 7)


def test_a_newer_edit_and_a_delete_travel(source: Project, target: Project, tmp_path: Path) -> None:
    write_bundle(source, "amal", tmp_path / "v1.bundle")
    merge_bundle(target, read_bundle(tmp_path / "v1.bundle"))
    usa = next(s for s in source.spans() if s.text == "الولايات المتحدة")
    source.update_span(usa.uuid, label="LOC")
    paris = next(s for s in source.spans() if s.text == "باريس")
    source.delete_span(paris.uuid)
    write_bundle(source, "amal", tmp_path / "v2.bundle")
    report = merge_bundle(target, read_bundle(tmp_path / "v2.bundle"))
    assert report.updated == 2
    assert canonical_dump(target) == canonical_dump(source)
    assert {s.text for s in target.spans()} == {"الولايات المتحدة", "الاجتماع"}


def test_one_changed_character_quarantines_every_annotation(tmp_path: Path) -> None:
    changed = TEXT.replace("بباريس", "بباريز", 1)
    with Project.create(tmp_path / "colleague.annotator") as colleague:
        _annotate(colleague, colleague.add_document(changed, name="seed"), "badr")
        write_bundle(colleague, "badr", tmp_path / "badr.bundle", include_text=False)
    with Project.create(tmp_path / "mine.annotator") as mine:
        _annotate(mine, mine.add_document(TEXT, name="seed"), "amal")
        before = canonical_dump(mine)
        report = merge_bundle(mine, read_bundle(tmp_path / "badr.bundle"))
        assert canonical_dump(mine) == before
        assert (report.added, report.updated, report.documents_added) == (0, 0, 0)
        # 7 record versions and the layer's status, none attached to the other text
        assert len(report.quarantined) == 8
        assert {q.reason for q in report.quarantined} == {"unknown document"}
        assert {q.kind for q in report.quarantined} == {*RECORD_KINDS, "statuses"}
        held = mine.quarantined()
        assert len(held) == 8 and {h["source"] for h in held} == {"badr"}
        merge_bundle(mine, read_bundle(tmp_path / "badr.bundle"))
        assert len(mine.quarantined()) == 8  # set aside once, reported each time


def _rezip(src: Path, dst: Path, edit: Callable[[dict[str, bytes]], None]) -> None:
    """Rewrite a bundle with edited members and correct checksums (a consistent forgery)."""
    with zipfile.ZipFile(src) as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    edit(members)
    manifest = json.loads(members["manifest.json"])
    for name in MEMBERS[1:]:
        manifest["checksums"][name] = hashlib.sha256(members[name]).hexdigest()
    members["manifest.json"] = json.dumps(manifest).encode()
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            zf.writestr(name, data)


def test_covered_text_mismatch_is_quarantined_with_its_dependants(
    source: Project, tmp_path: Path
) -> None:
    write_bundle(source, "amal", tmp_path / "good.bundle")

    def forge(members: dict[str, bytes]) -> None:
        lines = members["records.jsonl"].decode().splitlines()
        for n, line in enumerate(lines):
            rec = json.loads(line)
            if rec.get("text") == "الاجتماع":  # the trigger of the event
                rec["text"] = "الاجتماع!"
                lines[n] = json.dumps(rec, ensure_ascii=False)
        members["records.jsonl"] = ("\n".join(lines) + "\n").encode()

    _rezip(tmp_path / "good.bundle", tmp_path / "forged.bundle", forge)
    with Project.create(tmp_path / "t.annotator") as t:
        report = merge_bundle(t, read_bundle(tmp_path / "forged.bundle"))
        # each with the message of the rule it breaks, as an API edit would be refused
        reasons = {(q.kind, q.reason) for q in report.quarantined}
        assert reasons == {
            ("spans", "stored text 'الاجتماع!' != document text 'الاجتماع'"),
            ("events", "Contact.Meet: its trigger span is missing or deleted"),
            ("arguments", "argument Place: its event is missing or deleted"),
        }
        assert report.added == 4
        assert "Contact.Meet" not in {s.label for s in t.spans()}
        assert t.events() == []


def test_labels_of_the_source_schema_are_added_and_labels_defined_nowhere_quarantined(
    tmp_path: Path, target: Project
) -> None:
    schema = default_schema().with_labels_added(["WEAPON-X"])
    with Project.create(tmp_path / "s.annotator", schema=schema) as s:
        doc = s.add_document(TEXT)
        s.add_span(doc.id, 0, 6, "WEAPON-X", "amal")
        write_bundle(s, "amal", tmp_path / "x.bundle")
    report = merge_bundle(target, read_bundle(tmp_path / "x.bundle"), "x.bundle")
    assert report.labels_added == ["WEAPON-X"] and report.quarantined == []
    assert "labels added from x.bundle: WEAPON-X" in report.lines()
    assert target.schema.label("WEAPON-X") == schema.label("WEAPON-X")  # their definition
    assert [sp.label for sp in target.spans()] == ["WEAPON-X"]
    with Project.open(target.path) as again:  # written, not only in memory
        assert again.schema.label("WEAPON-X") is not None

    # a bundle whose own schema lacks the label its record carries (forged consistently)
    def forge(members: dict[str, bytes]) -> None:
        members["records.jsonl"] = members["records.jsonl"].replace(b"WEAPON-X", b"WEAPON-Y")

    _rezip(tmp_path / "x.bundle", tmp_path / "y.bundle", forge)
    before = canonical_dump(target)
    report = merge_bundle(target, read_bundle(tmp_path / "y.bundle"))
    assert [q.reason for q in report.quarantined] == ["label 'WEAPON-Y' is not in the schema"]
    assert canonical_dump(target) == before
    assert check_project(target) == []


def test_a_failed_merge_leaves_the_project_unchanged(source: Project, target: Project,
                                                     tmp_path: Path) -> None:  # fmt: skip
    write_bundle(source, "amal", tmp_path / "a.bundle")
    bundle = read_bundle(tmp_path / "a.bundle")
    before = canonical_dump(target)
    calls = iter([False, False, False, False, True])
    with pytest.raises(Cancelled):
        merge_bundle(target, bundle, cancelled=lambda: next(calls, True))
    assert canonical_dump(target) == before
    assert target.documents() == []
    assert target.quarantined() == []


def test_a_cancelled_export_leaves_no_file(source: Project, tmp_path: Path) -> None:
    out = tmp_path / "a.bundle"
    with pytest.raises(Cancelled):
        write_bundle(source, "amal", out, cancelled=lambda: True)
    assert sorted(p.name for p in tmp_path.iterdir() if "bundle" in p.name) == []


def test_merge_another_project_file(source: Project, tmp_path: Path) -> None:
    other = tmp_path / "other.annotator"
    with Project.create(other) as o:
        _annotate(o, o.add_document(TEXT, name="seed"), "badr")
        o.add_document("نص آخر قصير.", name="second")
    digest = hashlib.sha256(other.read_bytes()).hexdigest()
    before = canonical_dump(source)
    report = merge_project_file(source, other)
    assert (report.added, report.documents_added, report.documents_matched) == (7, 1, 1)
    assert {sp.annotator for sp in source.spans()} == {"amal", "badr"}
    assert len(source.documents()) == 2
    assert set(before.splitlines()) < set(canonical_dump(source).splitlines())
    # the colleague's file is untouched, nothing written beside it
    assert hashlib.sha256(other.read_bytes()).hexdigest() == digest
    assert not Path(str(other) + "-wal").exists()


def test_a_foreign_file_is_refused(source: Project, tmp_path: Path) -> None:
    bogus = tmp_path / "bogus.annotator"
    bogus.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    before = canonical_dump(source)
    with pytest.raises(ProjectFileError, match=r"bogus\.annotator: the project file is corrupt"):
        merge_project_file(source, bogus)
    assert canonical_dump(source) == before


# -- hostile bundles ---------------------------------------------------------------------------
def _zip(path: Path, members: list[tuple[zipfile.ZipInfo | str, bytes]]) -> Path:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate we want to write
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
            for info, data in members:
                zf.writestr(info, data)
    return path


def _link() -> zipfile.ZipInfo:
    info = zipfile.ZipInfo("records.jsonl")
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info


HOSTILE: dict[str, tuple[list[tuple[zipfile.ZipInfo | str, bytes]], str]] = {
    "traversal": ([("../evil.jsonl", b"x")], "leaves the bundle"),
    "nested traversal": ([("docs/../../evil", b"x")], "leaves the bundle"),
    "absolute": ([("/etc/passwd", b"x")], "absolute"),
    "drive": ([("C:/evil", b"x")], "absolute"),
    "backslash": ([("..\\evil", b"x")], "backslash"),
    "link": ([(_link(), b"/etc/passwd")], "link"),
    "duplicate": ([("records.jsonl", b""), ("records.jsonl", b"")], "duplicate"),
    "too many": ([(f"m{i}", b"") for i in range(40)], "too many members"),
    "bomb": ([("records.jsonl", b"\x00" * 5_000_000)], "compression ratio"),
    "stranger": ([("payload.pkl", b"x")], "unexpected member"),
    "missing": ([("manifest.json", b"{}")], "missing"),
}


@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_zip_is_refused(case: str, tmp_path: Path, target: Project) -> None:
    members, message = HOSTILE[case]
    path = _zip(tmp_path / "hostile.bundle", members)
    before = canonical_dump(target)
    with pytest.raises(ImportFormatError, match=message):
        read_bundle(path)
    assert canonical_dump(target) == before
    # nothing extracted: only the bundle and the project's own files (log, lock) are there
    names = {p.name for p in tmp_path.iterdir()}
    assert {n for n in names if not n.startswith("target.annotator")} == {"hostile.bundle"}


def _records_edit(old: str, new: str) -> Callable[[dict[str, bytes]], None]:
    def edit(members: dict[str, bytes]) -> None:
        data = members["records.jsonl"].decode()
        assert old in data
        members["records.jsonl"] = data.replace(old, new, 1).encode()

    return edit


FORGED: dict[str, tuple[Callable[[dict[str, bytes]], None], str]] = {
    "nan": (_records_edit('"start":', '"x":NaN,"start":'), "NaN is not allowed"),
    "duplicate key": (_records_edit('"start":', '"start":1,"start":'), "duplicate key"),
    "bool as int": (_records_edit('"deleted":true', '"deleted":1'), "records.jsonl:1: field"),
    "unknown kind": (_records_edit('"kind":"spans"', '"kind":"pickle"'), "unknown record kind"),
    "bad clock": (_records_edit('"clock":"', '"clock":"9'), "bad clock"),
    "extra field": (_records_edit('"start":', '"__reduce__":1,"start":'), "unexpected fields"),
    "deep": (
        _records_edit('"attributes":{}', '"attributes":{"a":' + "[" * 80 + "]" * 80 + "}"),
        "nested deeper",
    ),
}


@pytest.mark.parametrize("case", sorted(FORGED))
def test_forged_content_is_refused_with_member_and_line(
    case: str, source: Project, target: Project, tmp_path: Path
) -> None:
    edit, message = FORGED[case]
    write_bundle(source, "amal", tmp_path / "good.bundle")
    _rezip(tmp_path / "good.bundle", tmp_path / "bad.bundle", edit)
    before = canonical_dump(target)
    with pytest.raises(ImportFormatError, match=message) as info:
        read_bundle(tmp_path / "bad.bundle")
    assert info.value.path.endswith("records.jsonl") and info.value.line == 1
    assert canonical_dump(target) == before


def test_bad_checksum_is_refused(source: Project, tmp_path: Path) -> None:
    write_bundle(source, "amal", tmp_path / "good.bundle")
    with zipfile.ZipFile(tmp_path / "good.bundle") as zf:
        members = {n: zf.read(n) for n in zf.namelist()}
    members["statuses.jsonl"] = members["statuses.jsonl"].replace(b"in_progress", b"done")
    _zip(tmp_path / "bad.bundle", list(members.items()))
    with pytest.raises(ImportFormatError, match=r"statuses\.jsonl: checksum does not match"):
        read_bundle(tmp_path / "bad.bundle")


def test_text_not_matching_its_hash_is_refused(source: Project, tmp_path: Path) -> None:
    def edit(members: dict[str, bytes]) -> None:
        members["documents.jsonl"] = members["documents.jsonl"].replace(
            "بباريس".encode(), "بباريز".encode()
        )

    write_bundle(source, "amal", tmp_path / "good.bundle")
    _rezip(tmp_path / "good.bundle", tmp_path / "bad.bundle", edit)
    with pytest.raises(ImportFormatError, match=r"documents\.jsonl:1: the text does not match"):
        read_bundle(tmp_path / "bad.bundle")


def test_limits_and_non_zip(source: Project, tmp_path: Path) -> None:
    write_bundle(source, "amal", tmp_path / "good.bundle")
    with pytest.raises(ImportFormatError, match="too large"):
        read_bundle(tmp_path / "good.bundle", Limits(max_total_bytes=1000))
    (tmp_path / "not.bundle").write_bytes(b"PK\x03\x04 definitely not a zip")
    with pytest.raises(ImportFormatError, match="not a readable bundle"):
        read_bundle(tmp_path / "not.bundle")


# -- merge agrees with the API and check (annotator.rules) -----------------------------------------
AGREE_TEXT = "اعتقلت الشرطة محمد علي في بغداد، وقالت وزارة الداخلية إن الهجوم بالصواريخ وقع أمس."
AGREE_SHA = sha256_text(AGREE_TEXT)
BASE = [("t_attack", "الهجوم", "Conflict.Attack"), ("per", "محمد علي", "PER"),
        ("gpe", "بغداد", "GPE"), ("org", "وزارة الداخلية", "ORG"), ("wea", "الصواريخ", "WEA"),
        ("time", "أمس", "TIME")]  # fmt: skip
AGREE = settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def _words(word: str) -> tuple[int, int]:
    i = AGREE_TEXT.index(word)
    return i, i + len(word)


@pytest.fixture(scope="module")
def agree_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("agree") / "template.annotator"
    with Project.create(path) as p:
        doc = p.add_document(AGREE_TEXT, name="doc")
        for key, word, label in BASE:
            p.add_span(doc.id, *_words(word), label, "amal", uuid=key)
        p.add_event("t_attack", uuid="e_attack")
    return path


def _verdicts(template: Path, folder: Path, record: Record) -> tuple[bool | None, bool, bool]:
    """(API, merge into a project holding the referenced records, merge of a bundle
    carrying them too into an empty project): True when the record is written."""
    n = len(list(folder.iterdir()))
    api_path, merged_path = folder / f"api{n}.annotator", folder / f"merged{n}.annotator"
    shutil.copyfile(template, api_path)
    shutil.copyfile(template, merged_path)
    with Project.open(api_path) as p:
        try:
            if isinstance(record, Span):
                p.add_span(1, record.start, record.end, record.label, record.annotator,
                           record.attributes, uuid=record.uuid)  # fmt: skip
            elif isinstance(record, Argument):
                p.add_argument(record.event, record.role, record.target, uuid=record.uuid)
            else:
                assert isinstance(record, Relation)
                p.add_relation(record.type, record.source, record.target, record.attributes,
                               uuid=record.uuid)  # fmt: skip
            api: bool | None = True
        except AnnotatorError:
            api = False
        base = [r for k in RECORD_KINDS for r in p.iter_records(k)]
    clock = "1700000000000.000000"
    incoming = dataclasses.replace(record, doc_id=0, clock=clock)
    docs = [BundleDocument(AGREE_SHA, "doc", {}, AGREE_TEXT)]
    manifest = BundleManifest("annotator-bundle", 1, "amal", "", True)

    def bundle(records: list[Record]) -> Bundle:
        brs = [BundleRecord(AGREE_SHA, dataclasses.replace(r, doc_id=0), 0) for r in records]
        return Bundle("b", manifest, default_schema(), docs, brs, [])

    with Project.open(merged_path) as p:
        report = merge_bundle(p, bundle([incoming]))
        stored = not report.quarantined
        assert stored == (report.added == 1)
        if stored:  # and check finds nothing wrong with it (but what it lacks: a span of an
            # event type merged alone is a trigger without an event, listed, never refused)
            assert [i for i in check_project(p) if i.kind not in rules.ADVISORY] == []
    with Project.create(folder / f"empty{n}.annotator") as p:
        own = [r for r in base if r.uuid != record.uuid]
        report = merge_bundle(p, bundle([*own, incoming]))
        same_merge = [q.uuid for q in report.quarantined] != [record.uuid]
        assert report.quarantined == [] or [q.uuid for q in report.quarantined] == [record.uuid]
    return api, stored, same_merge


@AGREE
@given(
    start=st.integers(-2, len(AGREE_TEXT) + 2),
    length=st.integers(-1, 12),
    label=st.sampled_from(["PER", "GPE", "Conflict.Attack", "BOGUS", "A B", "<x>"]),
    attributes=st.sampled_from([{}, {"MentionType": "NAM"}, {"MentionType": 1}, {"x": 1}]),
    annotator=st.sampled_from(["amal", "badr", "bad\nname", "\u202eevil"]),
)
def test_merge_agrees_with_the_api_on_spans(
    agree_template: Path, tmp_path_factory: pytest.TempPathFactory, start: int, length: int,
    label: str, attributes: dict[str, Any], annotator: str,
) -> None:  # fmt: skip
    covered = AGREE_TEXT[max(start, 0) : max(start + length, 0)]
    span = Span("new", 1, annotator, start, start + length, label, covered, attributes)
    api, stored, same = _verdicts(agree_template, tmp_path_factory.mktemp("s"), span)
    assert stored == same == api


@AGREE
@given(
    role=st.sampled_from(["Attacker", "Target", "Instrument", "Place", "Time", "Nobody"]),
    target=st.sampled_from(["per", "gpe", "org", "wea", "time", "t_attack", "e_attack", "x"]),
)
def test_merge_agrees_with_the_api_on_arguments(
    agree_template: Path, tmp_path_factory: pytest.TempPathFactory, role: str, target: str
) -> None:
    arg = Argument("a_new", "e_attack", 1, "amal", role, target)
    api, stored, same = _verdicts(agree_template, tmp_path_factory.mktemp("a"), arg)
    assert stored == same == api


@AGREE
@given(
    type_=st.sampled_from(["PHYS", "PART-WHOLE", "ORG-AFF", "ART", "NOPE"]),
    source=st.sampled_from(["per", "gpe", "org", "wea", "t_attack", "gone"]),
    target=st.sampled_from(["per", "gpe", "org", "wea", "t_attack"]),
    attributes=st.sampled_from([{}, {"MentionType": "NAM"}, {"nonsense": 1}]),
)
def test_merge_agrees_with_the_api_on_relations(
    agree_template: Path, tmp_path_factory: pytest.TempPathFactory, type_: str, source: str,
    target: str, attributes: dict[str, Any],
) -> None:  # fmt: skip
    rel = Relation("r_new", 1, "amal", type_, source, target, attributes)
    api, stored, same = _verdicts(agree_template, tmp_path_factory.mktemp("r"), rel)
    assert stored == same == api


def _schema_bundle(tmp_path: Path, schema: Schema, label: str, attrs: dict[str, Any]) -> Path:
    """A bundle of one span labelled ``label`` whose own schema is ``schema``."""
    with Project.create(tmp_path / f"s-{label}.annotator", schema=schema) as s:
        doc = s.add_document(TEXT)
        s.add_span(doc.id, 0, 6, label, "amal", attrs)
        write_bundle(s, "amal", tmp_path / f"{label}.bundle")
    return tmp_path / f"{label}.bundle"


def test_added_labels_bring_their_attributes_and_give_way_on_hotkeys(
    tmp_path: Path, target: Project
) -> None:
    ace = default_schema()
    # the colleague moved PER to Q and gave P to a label of their own
    entities = [dataclasses.replace(e, hotkey="Q") if e.name == "PER" else e for e in ace.entities]
    attributes = [
        dataclasses.replace(a, labels=(*a.labels, "WEAPON-X")) if a.name == "MentionType" else a
        for a in ace.attributes
    ]
    theirs = dataclasses.replace(
        ace,
        entities=(*entities, Label("WEAPON-X", hotkey="P")),
        attributes=(*attributes, AttributeDef("Calibre", "text", (), ("WEAPON-X",))),
    )
    bundle = _schema_bundle(tmp_path, theirs, "WEAPON-X", {"MentionType": "NAM", "Calibre": "9"})
    report = merge_bundle(target, read_bundle(bundle))
    assert report.labels_added == ["WEAPON-X"] and report.quarantined == []
    added = target.schema.label("WEAPON-X")
    assert added is not None and added.hotkey == ""  # the project's P stays PER's
    assert target.schema.hotkeys()["P"] == "PER"
    mention = target.schema.attribute("MentionType")
    assert mention is not None and mention.applies_to("WEAPON-X")
    assert target.schema.attribute("Calibre") is not None
    assert target.schema.problems() == [] and check_project(target) == []


def test_labels_that_cannot_be_added_are_reported_and_their_records_quarantined(
    tmp_path: Path, target: Project
) -> None:
    ace = default_schema()
    # a parent of another kind: the combined schema would break Schema.problems()
    theirs = dataclasses.replace(ace, entities=(*ace.entities, Label("SUB", parent="Life.Die")))
    bundle = _schema_bundle(tmp_path, ace.with_labels_added(["SUB"]), "SUB", {})
    data = dataclasses.replace(read_bundle(bundle), schema=theirs)
    before = target.schema
    report = merge_bundle(target, data, "sub.bundle")
    assert report.labels_added == [] and "SUB" in report.labels_not_added
    assert any(line.startswith("labels of sub.bundle not added: ") for line in report.lines())
    assert [q.reason for q in report.quarantined] == ["label 'SUB' is not in the schema"]
    assert target.schema == before and check_project(target) == []


def test_a_project_whose_old_schema_breaks_the_rules_still_merges(
    tmp_path: Path, target: Project
) -> None:
    data = target.schema.to_json()
    data["entities"].append({"name": "OLD LABEL", "en": "from an older version"})
    # white-box: a schema written past today's checks, as an older version could have
    with target._store.write():
        target._store.set_schema_json(data)
    target.reload_schema()
    bundle = _schema_bundle(tmp_path, default_schema().with_labels_added(["NEW"]), "NEW", {})
    report = merge_bundle(target, read_bundle(bundle), "new.bundle")
    assert report.labels_added == [] and "OLD LABEL" in report.labels_not_added
    assert [q.reason for q in report.quarantined] == ["label 'NEW' is not in the schema"]
    assert target._store.schema_json() == data  # left for the user to fix (annotator check)
