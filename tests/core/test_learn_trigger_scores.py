"""The trigger output's held-out scores (issue 14, QA 16: a layer with 144 Conflict.Attack
events got trigger suggestions, but ``annotator train``, the stored summary, the HTML report
and the model panel said nothing of how good they were; ``/tmp/qa16/triggers.sh``).

``train`` scores the trigger output of the held-out model (its trigger words learnt from the
training documents only) on the same held-out documents as the entity labels, per event type,
by ``evaluate.score``'s exact-span rule, apart from the entity labels (their micro F1 is not
changed); the figures go into the manifest's ``scores["triggers"]`` (checked: a tampered one
is refused), the CLI's lines and the HTML report. No events: nothing about triggers; too few
for a held-out score: said, not zeros.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3  # white-box: a stored model's bytes tampered with
import struct
from pathlib import Path
from typing import Any

import pytest

from annotator.learn import Model, ModelError, layer_examples, train
from annotator.learn import crf as crf_module
from annotator.learn.corpus import held_out
from annotator.learn.segment import segment
from annotator.learn.training import TrainingResult
from annotator.project import Project
from annotator.scorecheck import check_trigger_scores, trigger_scores_sound
from tests.core.test_learn import FAST, add_synthetic_gold

TRANSPORT = "Movement.Transport"
MEET = "لقاء"
"""an event type named in Arabic: the report isolates it in <bdi>"""
SETTINGS: dict[str, Any] = {"eval_split": 0.2, "seed": 1, "params": FAST, "tuning": False}


def words(text: str, word: str) -> list[int]:
    """Where ``word`` stands as a whole word (between white space) in ``text``."""
    return [m.start() for m in re.finditer(rf"(?<!\S){word}(?!\S)", text)]


def held_out_names(project: Project) -> set[str]:
    examples = layer_examples(project)
    _, test = held_out(examples, SETTINGS["eval_split"], SETTINGS["seed"])
    return {examples[i].name for i in test}


def add_events(project: Project, held: set[str], wide: str | None) -> dict[str, int]:
    """Events on the learning tests' corpus: every وصل a Movement.Transport, every اجتمع a
    لقاء, in every document; in the held-out ones (``held``) only, every غادر a
    Movement.Transport too (a trigger word the training documents never show), and in the
    held-out document ``wide`` the trigger annotated as اجتمع الوزير (two words: the
    one-word suggestion there is not an exact span) for the first اجتمع. Returns the held-out
    counts."""
    counts = dict.fromkeys(("wasal", "ghadar", "ijtama", "wide"), 0)
    for doc in list(project.iter_documents()):
        triggers = [(s, s + 3, TRANSPORT) for s in words(doc.text, "وصل")]
        meet = words(doc.text, "اجتمع")
        widened = meet[:1] if doc.name == wide else []
        triggers += [(s, s + len("اجتمع الوزير"), MEET) for s in widened]
        triggers += [(s, s + 5, MEET) for s in meet[len(widened) :]]
        if doc.name in held:
            triggers += [(s, s + 4, TRANSPORT) for s in words(doc.text, "غادر")]
            counts["wasal"] += len(words(doc.text, "وصل"))
            counts["ghadar"] += len(words(doc.text, "غادر"))
            counts["ijtama"] += len(meet)
            counts["wide"] += len(widened)
        for s, e, label in triggers:
            span = project.add_span(doc.id, s, e, label, "gold")
            project.add_event(span.uuid)
    return counts


@pytest.fixture(scope="module")
def plain(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The learning tests' corpus: entity mentions only, no events."""
    path = tmp_path_factory.mktemp("plain") / "plain.annotator"
    with Project.create(path) as p:
        add_synthetic_gold(p)
    return path


@pytest.fixture(scope="module")
def with_events(plain: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    """The same corpus and mentions with events added (``add_events``), and the counts."""
    path = tmp_path_factory.mktemp("events") / "events.annotator"
    path.write_bytes(plain.read_bytes())
    with Project.open(path) as p:
        p.set_schema(p.schema.with_labels_added([MEET], kind="event"))
        held = held_out_names(p)
        wide = next(d.name for d in p.iter_documents() if d.name in held and words(d.text, "اجتمع"))
        counts = add_events(p, held, wide)
    return path, counts


@pytest.fixture(scope="module")
def trained(with_events: tuple[Path, dict]) -> TrainingResult:
    with Project.open(with_events[0], read_only=True) as p:
        return train(p, **SETTINGS)


def test_trigger_scores_are_per_event_type_on_exact_spans_of_the_held_out_documents(
    with_events: tuple[Path, dict], trained: TrainingResult
) -> None:
    counts = with_events[1]
    # the corpus shows what is measured: each kind of trigger is held out at least once
    assert counts["wasal"] and counts["ghadar"] and counts["ijtama"] > counts["wide"] > 0
    trig = trained.triggers
    assert trig is not None and not trig.too_few
    assert trig.held_out == counts["wasal"] + counts["ghadar"] + counts["ijtama"]
    assert trig.events == trig.trained_on + trig.held_out and trig.trained_on > 0
    per = trig.scores.per_label
    assert set(per) == {TRANSPORT, MEET}  # per event type; no entity label among them
    # غادر is a trigger in the held-out documents only: the trigger words were learnt from
    # the training documents alone, so it is missed (learnt from every document, recall 1)
    transport = per[TRANSPORT]
    assert transport["support"] == counts["wasal"] + counts["ghadar"]
    assert transport["precision"] == 1.0
    assert transport["recall"] == pytest.approx(counts["wasal"] / transport["support"])
    # exact spans: اجتمع suggested where اجتمع الوزير was annotated counts as neither found
    # nor right (one missed, one wrong)
    meet = per[MEET]
    right = counts["ijtama"] - counts["wide"]
    assert meet["support"] == counts["ijtama"]
    assert meet["precision"] == pytest.approx(right / counts["ijtama"])
    assert meet["recall"] == pytest.approx(right / counts["ijtama"])
    found = counts["wasal"] + right
    assert trig.scores.micro["precision"] == pytest.approx(
        found / (counts["wasal"] + counts["ijtama"])
    )
    assert trig.scores.micro["recall"] == pytest.approx(found / trig.held_out)
    # kept in the manifest apart from the entity labels, and in the stored summary
    stored = trained.model.manifest["scores"]
    assert stored["triggers"] == trig.to_json()
    assert set(stored["model"]["per_label"]) == {"GPE", "PER"}
    assert trained.model.summary()["scores"]["triggers"] == trig.to_json()
    back = Model.from_bytes(trained.model.to_bytes())
    assert back.manifest["scores"]["triggers"] == trig.to_json()


def test_the_suggestions_scored_are_the_models_own_and_one_type_a_word() -> None:
    """``TriggerLexicon.mentions`` (what is scored) is ``predict``'s output, one event type
    a word: the type scored highest."""
    from annotator.learn.corpus import Example
    from annotator.learn.triggers import TriggerLexicon

    text = "هاجم المسلحون القرية . هاجم الجيش المدينة . وهاجم آخرون ."
    first, second = words(text, "هاجم")
    third = text.index("وهاجم") + 1  # after the و
    triggers = ((first, first + 4, "Attack"), (second, second + 4, "Move"))
    ex = Example(1, "d", "", text, triggers=(*triggers, (third, third + 4, "Attack")))
    lexicon = TriggerLexicon.learn([ex])
    seg = segment("وهاجم الجيش .")
    suggested = lexicon.predict(seg, 1, "model:test")
    assert sorted((s.start, s.end, s.label) for s in suggested) == [
        (1, 5, "Attack"),
        (1, 5, "Move"),
    ]
    assert lexicon.mentions(seg) == [(1, 5, "Attack")]  # 2 of 3 against 1 of 3


def test_entity_figures_are_unchanged_by_adding_events(
    plain: Path, trained: TrainingResult
) -> None:
    with Project.open(plain, read_only=True) as p:
        alone = train(p, **SETTINGS)
    assert alone.triggers is None  # no events: no trigger section anywhere
    assert "triggers" not in alone.model.manifest["scores"]
    assert alone.eval_documents == trained.eval_documents
    assert alone.scores == trained.scores and alone.baseline == trained.baseline
    assert alone.curve == trained.curve and alone.model.crf == trained.model.crf
    without = {k: v for k, v in trained.model.manifest["scores"].items() if k != "triggers"}
    assert without == alone.model.manifest["scores"]
    lines = "\n".join(alone.lines())
    assert "event" not in lines and "trigger" not in lines
    page = alone.report_html()
    assert "Event triggers" not in page and "event type" not in page


def test_the_cli_lines_and_the_report_show_the_trigger_scores(trained: TrainingResult) -> None:
    lines = [str(line) for line in trained.lines()]
    per = trained.triggers.scores.per_label if trained.triggers else {}
    head = next(i for i, line in enumerate(lines) if line.startswith("event triggers"))
    assert "apart from the labels above" in lines[head]
    assert lines[0].endswith(f"event types {TRANSPORT}, {MEET}")
    rows = lines[head + 2 : head + 5]
    for label, line in zip(sorted(per), rows[:2], strict=True):
        assert line.split()[0] == label
        assert line.split()[1:4] == [f"{per[label][k]:.3f}" for k in ("precision", "recall", "f1")]
        assert line.split()[4] == str(int(per[label]["support"]))
    assert rows[2].startswith("all event types")
    # the entity labels' micro row is the entity labels' alone
    micro = next(line for line in lines if line.startswith("micro"))
    assert micro.split()[-1] == str(int(trained.scores.micro["support"])) if trained.scores else ""
    page = trained.report_html()
    section = page[page.index("<h2>Event triggers</h2>") :]
    assert f"<td><bdi>{MEET}</bdi></td>" in section and f"<bdi>{TRANSPORT}</bdi>" in section
    f1 = per[MEET]["f1"]
    assert f"<td><bdi>{MEET}</bdi></td><td>{per[MEET]['precision']:.3f}</td>" in section
    assert f"{f1:.3f}" in section


def test_the_command_line_prints_them_and_stores_them(
    with_events: tuple[Path, dict], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from annotator.cli import main

    path = tmp_path / "cli.annotator"
    path.write_bytes(with_events[0].read_bytes())
    report = tmp_path / "report.html"
    assert main(["train", str(path), "--report", str(report)]) == 0
    out = capsys.readouterr().out
    assert "event triggers, scored apart" in out
    assert re.search(rf"^{re.escape(TRANSPORT)}\s+1\.000\s", out, re.MULTILINE)
    assert "<h2>Event triggers</h2>" in report.read_text(encoding="utf-8")
    with Project.open(path, read_only=True) as p:
        stored = p.latest_model("ner")
    assert stored is not None
    data, summary = stored
    assert set(summary["scores"]["triggers"]["per_label"]) == {TRANSPORT, MEET}
    assert summary["scores"]["triggers"] == Model.from_bytes(data).manifest["scores"]["triggers"]
    # the stored bytes' manifest tampered with, the row's checksum made to match: refused
    bad = _with_manifest(data, _set(("per_label", TRANSPORT, "f1"), 7))
    conn = sqlite3.connect(path)
    try:
        conn.execute(
            "UPDATE models SET data = ?, sha256 = ?", [bad, hashlib.sha256(bad).hexdigest()]
        )
        conn.commit()
    finally:
        conn.close()
    capsys.readouterr()
    assert main(["suggest", str(path)]) != 0
    assert "trigger scores" in capsys.readouterr().err


def _with_manifest(data: bytes, change: Any) -> bytes:
    n = struct.unpack_from(">I", data, len(crf_module.MAGIC))[0]
    at = len(crf_module.MAGIC) + 4
    manifest = json.loads(data[at : at + n])
    change(manifest["scores"]["triggers"])
    head = json.dumps(manifest).encode()
    return crf_module.MAGIC + struct.pack(">I", len(head)) + head + data[at + n :]


def _set(path: tuple[str, ...], value: Any) -> Any:
    def change(section: dict[str, Any]) -> None:
        where = section
        for key in path[:-1]:
            where = where[key]
        where[path[-1]] = value

    return change


TAMPERED = {
    "an F1 above 1": _set(("per_label", MEET, "f1"), 1.5),
    "a precision as text": _set(("per_label", TRANSPORT, "precision"), "1.0"),
    "a recall true": _set(("micro", "recall"), True),
    "a recall below 0": _set(("micro", "recall"), -0.25),
    "a negative support": _set(("per_label", MEET, "support"), -1),
    "a support not whole": _set(("per_label", MEET, "support"), 2.5),
    "a row without its F1": lambda s: s["per_label"][MEET].pop("f1"),
    "an empty event type": lambda s: s["per_label"].update({"": s["per_label"][MEET]}),
    "counts that do not add up": lambda s: s.update(held_out=s["held_out"] + 1),
    "a count as text": _set(("events",), "144"),
    "supports that do not add up": _set(("micro", "support"), 1),
    "an overall row without event types": _set(("per_label",), {}),
    "scores as a list": _set(("per_label",), []),
    "a field more": _set(("baseline",), {}),
    "a field fewer": lambda s: s.pop("trained_on"),
}


@pytest.mark.parametrize("what", list(TAMPERED))
def test_a_tampered_trigger_score_is_refused(trained: TrainingResult, what: str) -> None:
    data = trained.model.to_bytes()
    assert Model.from_bytes(_with_manifest(data, lambda s: None)).manifest == trained.model.manifest
    with pytest.raises(ModelError, match="trigger scores"):
        Model.from_bytes(_with_manifest(data, TAMPERED[what]))
    # the stored summary's check (``scorecheck``) refuses it as well
    summary = json.loads(json.dumps(trained.model.summary()))
    assert trigger_scores_sound(summary["scores"])
    TAMPERED[what](summary["scores"]["triggers"])
    assert not trigger_scores_sound(summary["scores"])
    with pytest.raises(ValueError, match="trigger scores"):
        check_trigger_scores(summary["scores"])


def test_a_stored_summarys_trigger_score_not_a_number_is_refused(trained: TrainingResult) -> None:
    """The models row's summary is read with ``json.loads``, which takes NaN and 1e999 (the
    bytes' manifest refuses them before any field is checked)."""
    for value in ("NaN", "Infinity", "1e999"):
        summary = json.loads(json.dumps(trained.model.summary()))
        summary["scores"]["triggers"]["micro"]["recall"] = json.loads(value)
        assert not trigger_scores_sound(json.loads(json.dumps(summary))["scores"])


def test_too_few_events_for_a_held_out_score_are_said_not_printed_as_zeros(
    plain: Path, tmp_path: Path
) -> None:
    path = tmp_path / "few.annotator"
    path.write_bytes(plain.read_bytes())
    with Project.open(path) as p:
        held = held_out_names(p)
        # events in the training documents only: none held out
        for doc in p.iter_documents():
            if doc.name not in held:
                for s in words(doc.text, "وصل"):
                    p.add_event(p.add_span(doc.id, s, s + 3, TRANSPORT, "gold").uuid)
        result = train(p, **SETTINGS)
    trig = result.triggers
    assert trig is not None and trig.too_few and trig.held_out == 0 and trig.events > 0
    assert result.model.manifest["scores"]["triggers"]["per_label"] == {}
    assert Model.from_bytes(result.model.to_bytes()).manifest["scores"]["triggers"]["micro"] == {}
    lines = [str(line) for line in result.lines()]
    said = [line for line in lines if line.startswith("event triggers")]
    assert said == [
        f"event triggers: {trig.events} in the layer, none in the held-out documents: too few "
        "for a held-out score"
    ]
    assert not any(line.startswith(TRANSPORT) for line in lines)  # no row of zeros
    page = result.report_html()
    assert "<h2>Event triggers</h2>" in page and "too few for a held-out score" in page
    assert "<th>event type</th>" not in page
    # events in the held-out documents only: none to learn trigger words from
    other = tmp_path / "held.annotator"
    other.write_bytes(plain.read_bytes())
    with Project.open(other) as p:
        for doc in p.iter_documents():
            if doc.name in held:
                for s in words(doc.text, "وصل"):
                    p.add_event(p.add_span(doc.id, s, s + 3, TRANSPORT, "gold").uuid)
        result = train(p, **SETTINGS)
    assert result.triggers is not None and result.triggers.trained_on == 0
    assert any("none in the documents trained on" in str(line) for line in result.lines())


def test_no_held_out_documents_no_trigger_scores(with_events: tuple[Path, dict]) -> None:
    with Project.open(with_events[0], read_only=True) as p:
        result = train(p, **{**SETTINGS, "eval_split": 0})
    assert result.triggers is not None and result.triggers.too_few
    assert result.triggers.held_out == 0 and result.triggers.trained_on > 0
    lines = [str(line) for line in result.lines()]
    assert lines[-1].startswith("no held-out documents") and not any("trigger" in x for x in lines)
    assert Model.from_bytes(result.model.to_bytes()).manifest["scores"]["triggers"]["micro"] == {}


def test_training_in_a_child_process_gives_the_same_trigger_scores(
    with_events: tuple[Path, dict], trained: TrainingResult
) -> None:
    """The window trains in a child process: the figures come back with the result."""
    with Project.open(with_events[0], read_only=True) as p:
        there = train(p, **SETTINGS, isolated=True)
    assert there.triggers == trained.triggers
    assert there.model.manifest["scores"] == trained.model.manifest["scores"]


def test_a_stored_summary_with_a_tampered_trigger_score_is_a_damaged_model(
    trained: TrainingResult, tmp_path: Path
) -> None:
    """The models row's summary is checked by the store's rule (``_manifest_sound``), which
    asks ``scorecheck`` as the bytes' check does: ``latest_model`` (every suggestion, the
    panel, ``check``) refuses the row as damaged."""
    from annotator.errors import ProjectFileError

    summary = json.loads(json.dumps(trained.model.summary()))
    TAMPERED["an F1 above 1"](summary["scores"]["triggers"])
    with Project.create(tmp_path / "p.annotator") as project:
        project.save_model("ner", trained.model.to_bytes(), trained.model.summary())
        assert project.latest_model("ner") is not None
        project.save_model("ner", trained.model.to_bytes(), summary)
        with pytest.raises(ProjectFileError, match="its manifest is damaged"):
            project.latest_model("ner")
