"""Every format reads back what it claims: export → import into a fresh project → export.

Two projects go through every format that imports: the seed article (spans inside words —
هولندا in وهولندا, باريس in بباريس —, nested spans, a discontinuous span, events with several
roles, relations, an equivalence set, attributes, normalisations, notes) and a project read from
the brat-tutorial-shaped collection in tests/core/fixtures/brat (the same constructs, plus an
event filling another event's role and a normalisation whose text is not the covered text).

What each format claims (✓: carried; –: counted as dropped in the export report):

=================  =====  ======  =====  ========  =====  ========  =====  =====  ======  =====
format             spans  nested  in-    discont.  event  relation  equiv  attri  normal  notes
                                  word   spans     (+args)          sets   butes  isation
=================  =====  ======  =====  ========  =====  ========  =====  =====  ======  =====
jsonl              ✓      ✓       ✓      ✓         ✓      ✓         ✓      ✓      ✓       ✓
brat               ✓      ✓       ✓      ✓         ✓      ✓         ✓ *    ✓      ✓       ✓
label-studio       ✓      ✓       ✓      outer     ✓      ✓         ✓ rel  –      –       –
doccano            ✓      ✓       ✓      outer     trig.  –         –      –      –       –
doccano relations  ✓      ✓       ✓      outer     ✓      ✓         ✓ rel  –      –       –
spacy-jsonl        ✓      ✓       ✓      –         ✓      ✓         ✓ rel  –      –       –
events (OneIE)     ✓      ✓       ✓      –         ✓ s    ✓ s       ✓ s    –      –       –
=================  =====  ======  =====  ========  =====  ========  =====  =====  ======  =====

- outer: the span is written with its outer bounds; its fragments are reported dropped.
- trig.: doccano's sequence shape holds events as their trigger spans (marked in ``"events"``);
  their arguments are reported dropped. ``doccano relations`` is ``write_doccano(...,
  relations=True)`` (the Python API; the CLI writes the sequence shape).
- ✓ *: brat writes an equivalence set as one ``*`` line; ✓ rel: as relations of its type.
  brat's attributes are present (``true``) or one word: other values are reported dropped.
- s: within one sentence, arguments and relation ends being entity mentions (OneIE); the
  others are reported dropped, as are discontinuous spans in the token formats.

For every format: the second export is byte-identical to the first (every file the format
writes); the export report adds up (``exported + lost == held`` per construct); what a format
does not claim is reported lost, all of it; what it claims is lost only for its documented
limits. Formats that keep the text exactly (all but events) also give back the same content.
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from annotator.cli import main
from annotator.errors import AnnotatorError
from annotator.exporting import export
from annotator.formats.brat import read_brat_folder
from annotator.formats.common import ExportReport, ImportResult
from annotator.formats.doccano import read_doccano, write_doccano
from annotator.formats.registry import read_any
from annotator.formats.standoff import CONSTRUCTS, held
from annotator.importing import import_documents
from annotator.model import DocumentAnnotations
from annotator.output import MARKER
from annotator.project import Project
from annotator.rules import is_reference
from annotator.schema import EventType, Label, RelationType, Role, Schema, default_schema
from tests.conftest import SEED, inword

FIXTURE = Path(__file__).parent / "fixtures" / "brat" / "collection"
LAYER = "amal"
ALL = frozenset(CONSTRUCTS)
RECORDS = frozenset(("span", "event", "argument", "relation"))
DISCONTINUOUS = "discontinuous span (token formats hold contiguous spans only)"


@dataclasses.dataclass(frozen=True)
class Fmt:
    """A format as the suite sees it: what it claims, and the reasons it may still drop a
    claimed construct (its documented limits)."""

    name: str
    claims: frozenset[str]
    limits: frozenset[str] = frozenset()
    exact_text: bool = True
    with_schema: bool = False
    """read with the project's schema (the CLI passes it: the mention type is an attribute)"""
    write: Callable[[Project, Path], ExportReport] | None = None
    read: Callable[[Path], ImportResult] | None = None

    def export(self, project: Project, out: Path) -> ExportReport:
        if self.write is not None:
            return self.write(project, out)
        return export(project, self.name, out, annotator=LAYER)

    def load(self, path: Path, schema: Schema | None = None) -> ImportResult:
        if self.read is not None:
            return self.read(path)
        # without the project's schema our exports are read alike (they mark their events);
        # event JSON's mention type needs it to become the schema's attribute
        result: ImportResult = read_any(
            path, self.name, True, schema=schema if self.with_schema else None
        )
        return result


def _layers(project: Project) -> list[DocumentAnnotations]:
    return [project.layer(d.id, LAYER) for d in project.documents()]


def _doccano_relations(project: Project, out: Path) -> ExportReport:
    return write_doccano(_layers(project), out, project.schema, relations=True)


FORMATS = [
    Fmt("jsonl", ALL),
    Fmt("brat", ALL),
    Fmt("label-studio", RECORDS),
    Fmt("doccano", frozenset(("span", "event"))),
    Fmt(
        "doccano-relations",
        RECORDS,
        write=_doccano_relations,
        read=lambda path: read_doccano(path),
    ),
    Fmt("spacy-jsonl", RECORDS, frozenset((DISCONTINUOUS,))),
    Fmt(
        "events",
        RECORDS | {"attribute"},  # the mention type only
        frozenset(
            (
                DISCONTINUOUS,
                "attribute (no place in event JSON)",
                "argument in another sentence",
                "argument is not an entity mention (event or trigger)",
                "relation end in another sentence",
            )
        ),
        exact_text=False,
        with_schema=True,
    ),
]


# -- the two projects ----------------------------------------------------------------------------
def seed_schema() -> Schema:
    """The bundled schema and an equivalence relation type (brat's Equiv)."""
    schema = default_schema()
    equiv = RelationType(
        "Equiv", en="Equiv", arg1=("ORG",), arg2=("ORG",), symmetric=True, transitive=True
    )
    return dataclasses.replace(schema, relations=(*schema.relations, equiv))


def seed_project(path: Path) -> Project:
    text = SEED.read_text(encoding="utf-8")
    p = Project.create(path, schema=seed_schema())
    d = p.add_document(text, name="seed").id

    def span(word: str, skip: int, label: str, **kw: Any) -> str:
        return p.add_span(d, *inword(text, word, skip), label, LAYER, **kw).uuid

    def nth(word: str, n: int) -> tuple[int, int]:
        i = -1
        for _ in range(n):
            i = text.index(word, i + 1)
        return i, i + len(word)

    meet = span("الاجتماع", 0, "Contact.Meet")
    fac = span("مقر وزارة الدفاع بباريس", 0, "FAC", note="المقر")  # nests the two below
    mod = span("وزارة الدفاع", 0, "ORG")
    paris = span(
        "بباريس", 1, "GPE", note="الباء حرف جر غير مشمول", attributes={"ref:Wikidata": "Q90"}
    )
    attack = span("الحملة", 0, "Conflict.Attack")
    isis = [p.add_span(d, *nth("داعش", n), "ORG", LAYER).uuid for n in (1, 2)]
    state = span("الدولة الإسلامية", 0, "ORG")
    france = span("فرنسا", 0, "GPE")
    holland = span("وهولندا", 1, "GPE", note="الواو حرف عطف")  # هولندا inside وهولندا
    span(
        "جان إيف لودريان",
        0,
        "PER",
        attributes={"MentionType": "NAM", "ref:Wikipedia": "1250738\tJean-Yves Le Drian"},
    )
    minister = text.index("وزير الدفاع الفرنسي")
    frags = ((minister, minister + 4), (minister + 12, minister + 19))  # وزير … الفرنسي
    p.add_span(d, minister, minister + 19, "PER", LAYER, fragments=frags)
    ev = p.add_event(meet, note="اجتماع وزراء الدفاع")
    p.add_argument(ev.uuid, "Entity", mod)
    p.add_argument(ev.uuid, "Place", fac)
    realis = p.schema.attribute("Realis")
    attrs = {"Realis": "Actual"} if realis and realis.applies_to("Conflict.Attack") else None
    ev2 = p.add_event(attack, attributes=attrs)
    p.add_argument(ev2.uuid, "Attacker", france)
    p.add_argument(ev2.uuid, "Attacker", holland)
    p.add_argument(ev2.uuid, "Target", isis[0])
    p.add_relation("PART-WHOLE", fac, paris, note="في باريس")
    p.add_relation("ORG-AFF", mod, paris)
    p.add_relation("Equiv", isis[0], isis[1])
    p.add_relation("Equiv", isis[1], state)
    return p


def brat_project(path: Path) -> Project:
    result, schema = read_brat_folder(FIXTURE)
    assert schema is not None and result.problems == []
    p = Project.create(path, schema=schema)
    import_documents(p, result, annotator=LAYER)
    return p


PROJECTS: dict[str, Callable[[Path], Project]] = {"seed": seed_project, "brat": brat_project}


@pytest.fixture(scope="module", params=sorted(PROJECTS))
def original(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Project]:
    p = PROJECTS[request.param](tmp_path_factory.mktemp(request.param) / "p.annotator")
    yield p
    p.close()


# -- helpers ---------------------------------------------------------------------------------------
def files(out: Path) -> dict[str, bytes]:
    """Every file an export wrote (the writer's own marker aside)."""
    if out.is_file():
        return {"": out.read_bytes()}
    return {
        f.relative_to(out).as_posix(): f.read_bytes()
        for f in sorted(out.rglob("*"))
        if f.is_file() and f.name != MARKER
    }


def holds(project: Project) -> Counter[str]:
    out: Counter[str] = Counter()
    for layer in _layers(project):
        out.update(held(layer))
    return out


def canonical(project: Project, claims: frozenset[str], contiguous_only: bool) -> list[Any]:
    """What the claimed constructs say, per document, without ids, clocks or names."""
    return sorted(
        (_content(layer, claims, contiguous_only) for layer in _layers(project)),
        key=lambda d: str(d["text"]),
    )


def _content(layer: DocumentAnnotations, claims: frozenset[str], contiguous_only: bool) -> Any:
    spans = {s.uuid: s for s in layer.spans if not (contiguous_only and s.fragments)}
    events = {e.uuid: e for e in layer.events}

    def parts(attributes: dict[str, Any], note: str) -> list[Any]:
        kept = {
            k: v
            for k, v in attributes.items()
            if ("normalisation" if is_reference(k) else "attribute") in claims
        }
        return [sorted(kept.items()), note if "note" in claims else ""]

    def sig(uuid: str) -> str:
        if uuid in spans:
            s = spans[uuid]
            frags = [list(f) for f in s.fragments] if "fragments" in claims else []
            return json.dumps([s.start, s.end, s.label, frags], ensure_ascii=False)
        return f"event {events[uuid].type} {sig(events[uuid].trigger)}"

    def dump(value: Any) -> str:
        return json.dumps(value, ensure_ascii=False)

    return {
        "text": layer.document.text,
        "spans": sorted(dump([sig(u), parts(s.attributes, s.note)]) for u, s in spans.items()),
        "events": sorted(
            dump(
                [
                    sig(e.uuid),
                    sorted(
                        (a.role, sig(a.target))
                        for a in layer.arguments_of(e.uuid)
                        if "argument" in claims
                    ),
                    parts(e.attributes, e.note),
                ]
            )
            for e in layer.events
            if "event" in claims
        ),
        "relations": sorted(
            dump([r.type, sig(r.source), sig(r.target), parts(r.attributes, r.note)])
            for r in layer.relations
            if "relation" in claims
        ),
    }


def check_report(report: ExportReport, holding: Counter[str], fmt: Fmt) -> None:
    """The report adds up, and what is lost is what the format does not claim or its limits."""
    assert +(report.exported + report.lost) == +holding
    assert report.spans_exported == report.exported["span"]
    for construct in CONSTRUCTS:
        if construct not in fmt.claims:  # reported dropped, all of it
            assert (report.exported[construct], report.lost[construct]) == (0, holding[construct])
    limited = sum(n for reason, n in report.dropped.items() if reason in fmt.limits)
    assert sum(report.lost[c] for c in fmt.claims) == limited, report.dropped


# -- the suite -------------------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_export_import_export_is_identical(original: Project, fmt: Fmt, tmp_path: Path) -> None:
    first = tmp_path / "first"
    report = fmt.export(original, first)
    check_report(report, holds(original), fmt)
    with Project.create(tmp_path / "fresh.annotator", schema=original.schema) as fresh:
        import_documents(fresh, fmt.load(first, original.schema), annotator=LAYER)
        second = tmp_path / "second"
        again = fmt.export(fresh, second)
        assert files(second) == files(first)
        assert again.exported == report.exported
        if fmt.exact_text:  # discontinuous spans are dropped, or written as their outer bounds
            contiguous = DISCONTINUOUS in fmt.limits
            assert canonical(fresh, fmt.claims, contiguous) == canonical(
                original, fmt.claims, contiguous
            )


def test_the_projects_hold_every_construct(original: Project) -> None:
    holding = holds(original)
    assert all(holding[c] > 0 for c in CONSTRUCTS), holding
    texts = {s.text for s in original.spans(annotator=LAYER)}
    assert {"هولندا", "باريس", "وزارة الدفاع"} <= texts  # in-word and nested spans
    assert any(len(original.arguments(e.uuid)) >= 3 for e in original.events(annotator=LAYER))


@pytest.mark.parametrize("fmt", FORMATS, ids=lambda f: f.name)
def test_exports_do_not_depend_on_ids_or_storage_order(fmt: Fmt, tmp_path: Path) -> None:
    """One project exported twice writes the same files; so do the same annotations imported
    into two projects (other uuids, other storage order), for the formats whose ids are not
    record uuids (jsonl's are)."""
    outs = []
    with brat_project(tmp_path / "p1.annotator") as p:
        for n in (1, 2):
            fmt.export(p, tmp_path / f"out{n}")
            outs.append(files(tmp_path / f"out{n}"))
    if fmt.name != "jsonl":
        with brat_project(tmp_path / "p2.annotator") as q:
            fmt.export(q, tmp_path / "out3")
            outs.append(files(tmp_path / "out3"))
    assert all(out == outs[0] for out in outs)


# -- issue 1: the tool re-imports its own exports with events (CLI, strict and lenient) ------------
@pytest.mark.parametrize("fmt", ["label-studio", "spacy-jsonl", "doccano", "brat", "events"])
@pytest.mark.parametrize("lenient", [False, True])
def test_cli_reimports_its_own_export_with_events(
    fmt: str, lenient: bool, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "src.annotator"
    seed_project(src).close()
    out = tmp_path / f"out.{fmt}"
    assert main(["export", str(src), "--format", fmt, "-o", str(out), "--annotator", LAYER]) == 0
    dst = tmp_path / "dst.annotator"
    Project.create(dst, schema=seed_schema()).close()
    flags = ["--lenient"] if lenient else []
    capsys.readouterr()
    assert main(["import", str(dst), str(out), "--format", fmt, *flags]) == 0
    printed = capsys.readouterr().out
    assert "skipped" not in printed, printed
    with Project.open(src) as a, Project.open(dst) as b:
        events_a = sorted(e.type for e in a.events(annotator=LAYER))
        events_b = sorted(e.type for e in b.events())
        assert events_b == events_a == ["Conflict.Attack", "Contact.Meet"]
        kept, had = b.record_count("arguments"), a.record_count("arguments")
        if fmt != "doccano":  # the seed's arguments are all in their trigger's sentence
            assert kept == had == 5
        else:  # doccano's sequence shape holds no arguments (reported)
            assert kept == 0


@pytest.mark.parametrize("fmt", ["label-studio", "doccano", "spacy-jsonl"])
def test_no_event_is_made_up_from_a_trigger_label(fmt: str, tmp_path: Path) -> None:
    """Our files mark their events, also when there are none: read with the project's schema
    (as the import dialog does), a span labelled with an event type stays a span."""
    text = SEED.read_text(encoding="utf-8")
    with Project.create(tmp_path / "p.annotator") as p:
        d = p.add_document(text, name="seed").id
        p.add_span(d, *inword(text, "الاجتماع", 0), "Contact.Meet", LAYER)
        out = tmp_path / "out"
        export(p, fmt, out, annotator=LAYER)
        (doc,) = read_any(out, fmt, True, schema=p.schema).documents
        assert doc.events == [] and [s.label for s in doc.spans] == ["Contact.Meet"]


# -- issue 2: jsonl carries its labels ----------------------------------------------------------
def custom_schema() -> Schema:
    schema = default_schema()
    return dataclasses.replace(
        schema,
        entities=(*schema.entities, Label("WEAPON-X", en="Weapon X")),
        events=(
            *schema.events,
            EventType(
                "Custom.Strike",
                en="Strike",
                roles=(Role("Striker", ("PER", "GPE"), "*"), Role("Weapon", ("WEAPON-X",), "?")),
            ),
        ),
        relations=(*schema.relations, RelationType("USES", arg1=("GPE",), arg2=("WEAPON-X",))),
    )


def custom_project(path: Path) -> None:
    text = SEED.read_text(encoding="utf-8")
    with Project.create(path, schema=custom_schema()) as p:
        d = p.add_document(text, name="seed").id
        gpe = p.add_span(d, *inword(text, "وهولندا", 1), "GPE", LAYER)
        weapon = p.add_span(d, *inword(text, "الجوية", 0), "WEAPON-X", LAYER)
        trig = p.add_span(d, *inword(text, "الحملة", 0), "Custom.Strike", LAYER)
        ev = p.add_event(trig.uuid)
        p.add_argument(ev.uuid, "Striker", gpe.uuid)
        p.add_argument(ev.uuid, "Weapon", weapon.uuid)
        p.add_relation("USES", gpe.uuid, weapon.uuid)


def test_jsonl_reimport_into_a_fresh_project_adds_the_labels_it_defines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, dst = tmp_path / "src.annotator", tmp_path / "dst.annotator"
    custom_project(src)
    out = tmp_path / "out.jsonl"
    assert main(["export", str(src), "--format", "jsonl", "-o", str(out)]) == 0
    assert main(["init", str(dst)]) == 0  # the bundled schema: none of the custom labels
    capsys.readouterr()
    assert main(["import", str(dst), str(out)]) == 0  # no --new-labels
    printed = capsys.readouterr().out
    assert "labels added to the schema: Custom.Strike, USES, WEAPON-X" in printed
    with Project.open(dst) as q:
        assert q.schema.entity("WEAPON-X") is not None
        strike = q.schema.event("Custom.Strike")
        assert strike is not None and [r.name for r in strike.roles] == ["Striker", "Weapon"]
        uses = q.schema.relation("USES")
        assert uses is not None and uses.arg2 == ("WEAPON-X",)
        assert (q.record_count("events"), q.record_count("arguments")) == (1, 2)
        assert q.record_count("relations") == 1
    again = tmp_path / "again.jsonl"
    assert main(["export", str(dst), "--format", "jsonl", "-o", str(again)]) == 0
    assert again.read_bytes() == out.read_bytes()


def _lines(path: Path) -> list[dict[str, Any]]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines()]


def _write_lines(path: Path, lines: list[dict[str, Any]]) -> None:
    path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in lines), "utf-8")


def test_labels_used_but_defined_nowhere_still_follow_new_labels(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "src.annotator", tmp_path / "out.jsonl"
    custom_project(src)
    assert main(["export", str(src), "--format", "jsonl", "-o", str(out)]) == 0
    lines = _lines(out)
    text = lines[0]["text"]
    start = text.index("فرنسا")
    lines[0]["spans"].append({"start": start, "end": start + 5, "label": "GHOST"})
    _write_lines(out, lines)
    dst = tmp_path / "dst.annotator"
    Project.create(dst).close()
    capsys.readouterr()
    assert main(["import", str(dst), str(out)]) == 1
    assert "label 'GHOST' is not in the schema" in capsys.readouterr().err
    with Project.open(dst) as q:  # nothing written, not even the defined labels
        assert q.schema.entity("WEAPON-X") is None and q.documents() == []
    assert main(["import", str(dst), str(out), "--new-labels", "add"]) == 0
    assert "labels added to the schema: Custom.Strike, GHOST, USES, WEAPON-X" in (
        capsys.readouterr().out
    )


def test_a_schema_line_that_breaks_the_rules_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src, out = tmp_path / "src.annotator", tmp_path / "out.jsonl"
    custom_project(src)
    assert main(["export", str(src), "--format", "jsonl", "-o", str(out)]) == 0
    lines = _lines(out)
    lines[0]["schema"]["entities"].append({"name": "BAD NAME"})
    _write_lines(out, lines)
    dst = tmp_path / "dst.annotator"
    Project.create(dst).close()
    capsys.readouterr()
    assert main(["import", str(dst), str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{out.name}:1:" in err and "BAD NAME" in err


def test_labels_the_project_has_keep_its_definition(tmp_path: Path) -> None:
    src, out = tmp_path / "src.annotator", tmp_path / "out.jsonl"
    custom_project(src)
    with Project.open(src) as p:
        export(p, "jsonl", out)
    lines = _lines(out)
    meet = next(e for e in lines[0]["schema"]["events"] if e["name"] == "Contact.Meet")
    meet["roles"] = [{"name": "Host", "types": ["PER"]}]
    _write_lines(out, lines)
    with Project.create(tmp_path / "dst.annotator") as q:
        before = q.schema.event("Contact.Meet")
        import_documents(q, read_any(out, "jsonl", True))
        assert q.schema.event("Contact.Meet") == before


def test_labels_that_cannot_be_added_are_reported_and_follow_new_labels(tmp_path: Path) -> None:
    out = tmp_path / "in.jsonl"
    # the file's Sub is an entity under Contact, which the project has as an event group
    schema = {"entities": [{"name": "Contact"}, {"name": "Sub", "parent": "Contact"}]}
    line = {"text": "نص قصير", "spans": [{"start": 0, "end": 2, "label": "Sub"}]}
    _write_lines(out, [{**line, "schema": schema}])
    with Project.create(tmp_path / "dst.annotator") as q:
        with pytest.raises(AnnotatorError, match="label 'Sub' is not in the schema"):
            import_documents(q, read_any(out, "jsonl", True))
        report = import_documents(q, read_any(out, "jsonl", True), new_labels="add")
        assert any("labels it defines not added" in str(x) for x in report.problems)
        assert report.labels_added == ["Sub"] and q.schema.entity("Sub") is not None


def test_lenient_import_keeps_the_document_of_a_bad_schema_line(tmp_path: Path) -> None:
    out = tmp_path / "in.jsonl"
    schema = {"entities": [{"name": "BAD NAME"}]}
    line = {"text": "نص قصير", "spans": [{"start": 0, "end": 2, "label": "PER"}]}
    _write_lines(out, [{**line, "schema": schema}])
    result = read_any(out, "jsonl", False)
    (doc,) = result.documents
    assert doc.schema is None and [s.label for s in doc.spans] == ["PER"]
    (problem,) = result.problems
    assert problem.line == 1 and "BAD NAME" in problem.message
