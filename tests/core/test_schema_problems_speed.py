"""``Schema.problems`` made fast gives the same answers; ``default_schema`` reads its file once.

``Schema.problems`` ran on every project creation and open, merge and sync, and cost more than
it should: every label's name folded one character at a time (``name_key``), every pair of
hotkeys compared, every parent chain walked again from each label, and some 500 messages made
for a schema with no problem at all (a name's "what" was made before asking whether the name
had a problem). A schema of 2,000 labels with hotkeys took seconds. ``default_schema()`` read
and checked its JSON file on every call.

The old ``problems`` (with the helpers it used) is kept below as the reference: on random
schemas full of faults (names alike but for case, harakat, tatweel, alef or digit forms,
duplicates, cycles, clashing and Arabic hotkeys, bad colours, cardinalities and display
names, unknown references) the new one gives the same messages (text, template and
parameters, nested ones too) in the same order.
"""

from __future__ import annotations

import gc
import json
import time
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from annotator.errors import Message
from annotator.rules import label_name_problem, name_problem
from annotator.schema import (
    CARDINALITY,
    OVERLAP_KINDS,
    PLACEHOLDERS,
    AttributeDef,
    EventType,
    Label,
    OverlapRule,
    RelationType,
    Role,
    Schema,
    default_schema,
    hotkey_strokes,
)
from annotator.schema.color import is_color
from annotator.schema.keys import is_arabic_script, split_stroke
from annotator.schema.model import name_key, same_names
from annotator.text import fold
from tests.core.test_schema import schemas as valid_schemas

ACE_FILE = Path(__file__).resolve().parents[2] / "resources" / "schemas" / "ace2005.json"


# -- the reference: Schema.problems as it was at 93c1550, with its helpers ---------------------
def old_name_key(name: str) -> str:
    return fold(name).casefold()


def old_same_names(names: list[str]) -> list[list[str]]:
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(old_name_key(n), []).append(n)
    return [g for g in groups.values() if len(set(g)) > 1]


def old_alike(names: list[str]) -> str:
    return Message(
        "{names} are one name: names may not differ only in case, harakat, tatweel, "
        "alef forms or digit forms",
        names=", ".join(repr(n) for n in dict.fromkeys(names)),
    )


def old_hotkey_conflicts(self: Schema) -> list[str]:
    keyed = [(lab.name, hotkey_strokes(lab.hotkey)) for lab in self.all_labels() if lab.hotkey]
    out: list[str] = []
    for i, (n1, k1) in enumerate(keyed):
        for n2, k2 in keyed[i + 1 :]:
            short, long_ = sorted((k1, k2), key=len)
            if long_[: len(short)] == short:
                keys = {"one": n1, "two": n2, "keys1": ", ".join(k1), "keys2": ", ".join(k2)}
                if k1 == k2:
                    out.append(
                        Message("{one} and {two} have the same hotkey: {keys1} / {keys2}", **keys)
                    )
                else:
                    out.append(
                        Message(
                            "{one} and {two} have clashing hotkeys (one is a prefix): "
                            "{keys1} / {keys2}",
                            **keys,
                        )
                    )
    return out


def old_problems(self: Schema) -> list[str]:
    out: list[str] = []
    labels = self.all_labels()
    names = [x.name for x in labels]
    dup = sorted({n for n in names if names.count(n) > 1})
    if dup:
        out.append(Message("duplicate label names: {names}", names=", ".join(dup)))
    out += [old_alike(group) for group in old_same_names(names)]
    for n in names:
        v = label_name_problem(n)
        if v is not None:
            out.append(v.message)
    for x in labels:
        for shown, what in (
            (x.en, Message("{label}: English name", label=x.name)),
            (x.ar, Message("{label}: Arabic name", label=x.name)),
        ):
            v = name_problem(shown, what) if shown else None
            if v is not None:
                out.append(v.message)
    for x in labels:
        if not is_color(x.color):
            out.append(
                Message(
                    "{label}: {color} is not a colour (write it as #rrggbb)",
                    label=x.name,
                    color=repr(x.color),
                )
            )
        if any(is_arabic_script(split_stroke(s)[1]) for s in hotkey_strokes(x.hotkey)):
            out.append(
                Message(
                    "{label}: hotkey {hotkey} is no letter or digit key; give the Latin "
                    "letter or digit of the key",
                    label=x.name,
                    hotkey=repr(x.hotkey),
                )
            )
    out += old_hotkey_conflicts(self)
    known = set(names) | set(PLACEHOLDERS)
    for group in (self.entities, self.events, self.relations):
        parents = {x.name: x.parent for x in group}
        for x in group:
            seen, p = {x.name}, x.parent
            while p and p in parents and p not in seen:
                seen.add(p)
                p = parents[p]
            if p in seen:
                out.append(Message("{label}: its parents form a cycle", label=x.name))
            elif p:
                out.append(
                    Message(
                        "{label}: parent {parent} is not a label of the same kind",
                        label=x.name,
                        parent=repr(p),
                    )
                )
    refs: list[tuple[str, tuple[str, ...]]] = []
    for et in self.events:
        rnames = [r.name for r in et.roles]
        for r in et.roles:
            if not CARDINALITY.match(r.cardinality):
                out.append(
                    Message(
                        "{event}: role {role} has a bad cardinality {cardinality}",
                        event=et.name,
                        role=r.name,
                        cardinality=repr(r.cardinality),
                    )
                )
            v = label_name_problem(r.name, Message("{event}: role name", event=et.name))
            if v is not None:
                out.append(v.message)
            elif rnames.count(r.name) > 1:
                out.append(
                    Message(
                        "{event}: role name {role} is empty or used twice",
                        event=et.name,
                        role=repr(r.name),
                    )
                )
            refs.append((Message("{event}: role {role}", event=et.name, role=r.name), r.types))
        out += [
            Message("{source}: {problem}", source=et.name, problem=old_alike(group))
            for group in old_same_names(rnames)
        ]
    for rt in self.relations:
        rel = Message("relation {relation}", relation=rt.name)
        for one, two in rt.signatures():
            refs += [(rel, one), (rel, two)]
    for o in self.overlaps:
        refs += [("<OVERLAP>", o.arg1), ("<OVERLAP>", o.arg2)]
        if not o.kinds or any(k not in OVERLAP_KINDS for k in o.kinds):
            out.append(
                Message("<OVERLAP>: kinds must be among {kinds}", kinds=", ".join(OVERLAP_KINDS))
            )
    anames = [a.name for a in self.attributes]
    out += [old_alike(group) for group in old_same_names(anames)]
    for a in self.attributes:
        if a.kind not in ("bool", "enum", "text"):
            out.append(
                Message(
                    "attribute {attribute}: unknown kind {kind}",
                    attribute=a.name,
                    kind=repr(a.kind),
                )
            )
        if a.kind == "enum" and not a.values:
            out.append(Message("attribute {attribute}: an enum needs values", attribute=a.name))
        v = label_name_problem(a.name, Message("attribute name"))
        if v is not None:
            out.append(v.message)
        elif anames.count(a.name) > 1:
            out.append(Message("attribute name {name} is empty or used twice", name=repr(a.name)))
        refs.append((Message("attribute {attribute}", attribute=a.name), a.labels))
        v = (
            name_problem(a.ar, Message("attribute {attribute}: Arabic name", attribute=a.name))
            if a.ar
            else None
        )
        if v is not None:
            out.append(v.message)
        for value, shown in a.values_ar:
            if value not in a.values:
                continue
            v = name_problem(
                shown,
                Message(
                    "attribute {attribute}: Arabic name of {value}", attribute=a.name, value=value
                ),
            )
            if v is not None:
                out.append(v.message)
    for where, types in refs:
        unknown = [t for t in types if t not in known]
        if unknown:
            out.append(
                Message(
                    "{where} refers to unknown labels: {labels}",
                    where=where,
                    labels=", ".join(unknown),
                )
            )
    return out


def shape(value: Any) -> Any:
    """A message as what an interface sees of it: its text, and its template and parameters
    (nested messages likewise) when it is a ``Message``."""
    if isinstance(value, Message):
        return (
            "Message",
            str(value),
            value.template,
            {k: shape(v) for k, v in value.params.items()},
        )
    return (type(value).__name__, value)


def assert_same_answers(schema: Schema) -> None:
    assert [shape(m) for m in schema.problems()] == [shape(m) for m in old_problems(schema)]
    assert [shape(m) for m in schema.hotkey_conflicts()] == [
        shape(m) for m in old_hotkey_conflicts(schema)
    ]


# -- random schemas full of faults ------------------------------------------------------------
ALIKE = [
    "PER", "Per", "per", "ORG", "A", "a", "B", "X.Y", "ß", "SS", "ss", "K", "\u212a",
    "مدينة", "مَدينة", "مدينـة", "مدينةـ", "أحمد", "احمد", "إحمد", "آحمد", "مستشفى", "مستشفي",
    "ع١", "ع1", "ع۱", "R2", "R٢", "", " ", "a b", "<X", "!x", "x\u200b", "x\u202e", "x\n",
]  # fmt: skip
"""names, many of them one name by ``name_key`` (case, harakat, tatweel, alef forms, ى, digit
forms), some broken (empty, white space, brat's reserved forms, invisible or bidi characters)"""
NAME = st.one_of(
    st.sampled_from(ALIKE),
    st.text(alphabet="ABab.-_شخصمدينةاأإآىيـًٌٍَُِّْ١٢12", min_size=1, max_size=6),
)
SHOWN = st.sampled_from(
    ["", "Person", "شخص", " x", "x ", "a\nb", "\u202eevil", "x\u200b", "y" * 201, "\x00"]
)
COLOR = st.sampled_from(["#E69F00", "#abc", "red", "DarkGreen", "notacolor", "#12", ""])
HOTKEY = st.sampled_from([
    "", "", "", "P", "p", "Alt+P", "Shift+Alt+x", "alt+shift+X", "E", "E, A", "E, A, B", "e, a",
    "ص", "W", "ج", "Ctrl+ج", " ", ", ", "Ctrl++", "+", "Ctrl+1", "١", "Ctrl+١, W",
])  # fmt: skip
CARD = st.sampled_from(["", "?", "*", "+", "{2}", "{1-3}", "{x}", "bad", "{3-}", "??"])
KIND = st.sampled_from(["bool", "enum", "text", "number"])


@st.composite
def faulty_schemas(draw: st.DrawFn) -> Schema:
    ent_names = draw(st.lists(NAME, max_size=7))
    ev_names = draw(st.lists(NAME, max_size=6))
    rel_names = draw(st.lists(NAME, max_size=4))
    every = ent_names + ev_names + rel_names
    refs = st.lists(st.sampled_from([*every, *PLACEHOLDERS, "Ghost", "", "PER"]), max_size=3).map(
        tuple
    )

    def dress(name: str, group: list[str]) -> dict[str, Any]:
        return {
            "name": name,
            "en": draw(SHOWN),
            "ar": draw(SHOWN),
            "color": draw(COLOR),
            "hotkey": draw(HOTKEY),
            # parents among the group (cycles, a label its own parent), elsewhere or nowhere
            "parent": draw(st.sampled_from(["", "", *group, "Nope", *every[:2]])),
            "annotatable": draw(st.booleans()),
        }

    entities = tuple(Label(**dress(n, ent_names)) for n in ent_names)
    events = tuple(
        EventType(
            **dress(n, ev_names),
            roles=tuple(Role(r, draw(refs), draw(CARD)) for r in draw(st.lists(NAME, max_size=4))),
        )
        for n in ev_names
    )
    relations = tuple(
        RelationType(
            **dress(n, rel_names),
            arg1=draw(refs),
            arg2=draw(refs),
            symmetric=draw(st.booleans()),
            alternatives=tuple((draw(refs), draw(refs)) for _ in range(draw(st.integers(0, 2)))),
        )
        for n in rel_names
    )
    attributes = []
    for a in draw(st.lists(NAME, max_size=4)):
        kind = draw(KIND)
        values = tuple(draw(st.lists(NAME, max_size=3)))
        values_ar = tuple(
            (v, draw(SHOWN)) for v in draw(st.lists(st.sampled_from([*values, "gone"]), max_size=2))
        )
        attributes.append(
            AttributeDef(a, kind, values, draw(refs), ar=draw(SHOWN), values_ar=values_ar)
        )
    overlaps = tuple(
        OverlapRule(
            draw(refs),
            draw(refs),
            tuple(draw(st.lists(st.sampled_from([*OVERLAP_KINDS, "bad"]), max_size=2))),
        )
        for _ in range(draw(st.integers(0, 2)))
    )
    return Schema(entities, events, relations, tuple(attributes), overlaps=overlaps)


@settings(max_examples=250, deadline=None)
@given(faulty_schemas())
def test_problems_are_the_old_ones_on_faulty_schemas(schema: Schema) -> None:
    assert_same_answers(schema)


@settings(max_examples=100, deadline=None)
@given(valid_schemas())
def test_problems_are_the_old_ones_on_sound_schemas(schema: Schema) -> None:
    assert schema.problems() == []
    assert_same_answers(schema)


def test_problems_are_the_old_ones_on_the_default_and_hand_made_schemas() -> None:
    assert_same_answers(default_schema())
    chain = tuple(Label(f"L{i}", parent=f"L{i - 1}" if i else "") for i in range(50))
    cases = [
        Schema(),
        Schema(entities=(Label(""),)),  # named "", no parent: its chain ends where it began
        Schema(entities=(Label("", parent="A"), Label("A"))),
        Schema(entities=(Label("", parent="A"), Label("A", parent="Gone"))),
        Schema(entities=(Label("A", parent="B"), Label("B", parent="A"), Label("C", parent="A"))),
        Schema(entities=(Label("A", parent="A"), Label("B", parent="A"))),
        # one name twice with two parents: each walked on its own
        Schema(entities=(Label("A", parent="B"), Label("B"), Label("A", parent="Gone"))),
        Schema(entities=(Label("A", parent="B"), Label("B", parent="A"), Label("A"))),
        Schema(entities=(*chain, Label("L0", parent="L49"))),
        Schema(entities=(*chain, Label("M", parent="L49"), Label("N", parent="Gone"))),
        Schema(
            entities=tuple(Label(f"K{i}", hotkey=h) for i, h in enumerate(["E", "E, A", " ", "e"]))
        ),
    ]
    for schema in cases:
        assert_same_answers(schema)


@given(st.text(max_size=12))
def test_name_key_is_the_folded_case_folded_name(name: str) -> None:
    assert name_key(name) == old_name_key(name)
    assert same_names([name, name.upper(), name.lower()]) == old_same_names(
        [name, name.upper(), name.lower()]
    )


def test_name_key_of_ascii_equals_the_folded_name_for_every_ascii_character() -> None:
    every = "".join(chr(c) for c in range(128))
    assert name_key(every) == fold(every).casefold()
    assert name_key("مَدينةـ") == name_key("مدينة") != name_key("مدينه")


# -- speed ----------------------------------------------------------------------------------
def _big(n: int) -> Schema:
    """``n`` entity labels with hotkeys (a few clashing), half of them a chain of parents,
    ``n // 10`` event types with roles, ``n // 20`` relations and ``n // 10`` attributes."""
    keys = [f"Ctrl+{i % 10}, {chr(65 + (i // 10) % 26)}, {i // 260}" for i in range(n)]
    entities = tuple(
        Label(
            f"E{i}",
            en=f"Entity {i}",
            ar=f"كيان {i}",
            color="#E69F00",
            hotkey=keys[i] if i % 100 else keys[i + 1],  # each hundredth: a clash
            parent=f"E{i - 1}" if 0 < i < n // 2 else "",
        )
        for i in range(n)
    )
    events = tuple(
        EventType(f"V{i}", roles=tuple(Role(f"R{j}", (f"E{j}", "<ENTITY>"), "*") for j in range(5)))
        for i in range(n // 10)
    )
    relations = tuple(
        RelationType(f"L{i}", arg1=(f"E{i}",), arg2=(f"E{i + 1}",)) for i in range(n // 20)
    )
    attributes = tuple(
        AttributeDef(f"A{i}", "enum", ("x", "y"), (f"E{i}",)) for i in range(n // 10)
    )
    return Schema(entities, events, relations, attributes)


def _seconds(schema: Schema) -> float:
    """The best of three CPU times of this process (``process_time``: other processes' load
    on a shared machine does not count, as wall time would)."""
    best = float("inf")
    for _ in range(3):
        gc.collect()
        t0 = time.process_time()
        schema.problems()
        best = min(best, time.process_time() - t0)
    return best


def test_problems_take_time_in_proportion_to_the_schema() -> None:
    """Eight times the labels take about eight times as long (6-7 times here). Comparing every
    pair of hotkeys and walking every chain of parents from each label, as before, took about
    40 times as long (over a second for 2,000 labels)."""
    small, big = _big(250), _big(2_000)
    assert_same_answers(small)
    ratio = _seconds(big) / _seconds(small)
    assert ratio < 20, f"2,000 labels took {ratio:.0f} times as long as 250"


def test_a_schema_without_problems_makes_no_message(monkeypatch: pytest.MonkeyPatch) -> None:
    schema = default_schema()
    made: list[str] = []
    new = Message.__new__

    def counted(cls: type[Message], template: str, **params: Any) -> Message:
        made.append(template)
        return new(cls, template, **params)

    monkeypatch.setattr(Message, "__new__", counted)
    assert schema.problems() == []
    assert made == []


# -- default_schema --------------------------------------------------------------------------
def test_default_schema_reads_its_file_once(monkeypatch: pytest.MonkeyPatch) -> None:
    default_schema()
    read: list[object] = []
    from_json = Schema.from_json

    def counted(data: Any, source: str = "schema", check: bool = True) -> Schema:
        read.append(source)
        return from_json(data, source, check)

    monkeypatch.setattr(Schema, "from_json", counted)
    for _ in range(3):
        default_schema()
    assert read == []


def test_each_caller_of_default_schema_gets_a_schema_of_its_own() -> None:
    one, two = default_schema(), default_schema()
    assert one == two == Schema.from_json(json.loads(ACE_FILE.read_text(encoding="utf-8")))
    assert one is not two and one.meta is not two.meta
    one.meta["brat_aliases"] = {"PER": ["Person"]}
    assert two.meta == {} and default_schema().meta == {}
    with pytest.raises(AttributeError):
        one.entities = ()  # type: ignore[misc]
    assert isinstance(one.entities, tuple) and isinstance(one.events[0].roles, tuple)
