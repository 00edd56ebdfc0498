"""Hypothesis state machine: the project (with reopen) always equals an in-memory model."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, invariant, multiple, rule

from annotator import Project
from annotator.errors import ValidationError

TEXT = "ويشارك في هذا الاجتماع، الذي ينعقد في مقر وزارة الدفاع بباريس؛ وزراء دفاع الدول 😀 2014"
LABELS = ["PER", "ORG", "GPE", "LOC"]


class ProjectMachine(RuleBasedStateMachine):
    spans = Bundle("spans")

    def __init__(self) -> None:
        super().__init__()
        self.dir = tempfile.TemporaryDirectory()
        self.path = Path(self.dir.name) / "m.annotator"
        self.project = Project.create(self.path)
        self.doc = self.project.add_document(TEXT)
        self.model: dict[str, tuple[int, int, str, str, str]] = {}

    @rule(
        target=spans,
        start=st.integers(0, len(TEXT) - 1),
        length=st.integers(1, 12),
        label=st.sampled_from(LABELS),
        who=st.sampled_from(["amal", "badr"]),
    )
    def add(self, start: int, length: int, label: str, who: str) -> object:
        end = min(len(TEXT), start + length)
        if self._held(start, end, label, who):  # a layer takes one span per place and label
            with pytest.raises(ValidationError, match="already labelled"):
                self.project.add_span(self.doc.id, start, end, label, who)
            return multiple()
        span = self.project.add_span(self.doc.id, start, end, label, who)
        self.model[span.uuid] = (start, end, label, who, "")
        return span.uuid

    def _held(self, start: int, end: int, label: str, who: str, uuid: str = "") -> bool:
        """Whether another live span of ``who``'s layer is at this place with this label."""
        return any(
            u != uuid and (s, e, lab, w) == (start, end, label, who)
            for u, (s, e, lab, w, _note) in self.model.items()
        )

    @rule(uuid=spans, label=st.sampled_from(LABELS), note=st.text(max_size=5))
    def edit(self, uuid: str, label: str, note: str) -> None:
        if uuid not in self.model:
            return
        s, e, _, who, _ = self.model[uuid]
        if self._held(s, e, label, who, uuid):
            with pytest.raises(ValidationError, match="already labelled"):
                self.project.update_span(uuid, label=label, note=note)
            return
        self.project.update_span(uuid, label=label, note=note)
        self.model[uuid] = (s, e, label, who, note)

    @rule(uuid=spans, delta=st.integers(-3, 3))
    def move_end(self, uuid: str, delta: int) -> None:
        if uuid not in self.model:
            return
        s, e, label, who, note = self.model[uuid]
        new_end = e + delta
        if not (s < new_end <= len(TEXT)):
            return
        if self._held(s, new_end, label, who, uuid):
            with pytest.raises(ValidationError, match="already labelled"):
                self.project.update_span(uuid, end=new_end)
            return
        self.project.update_span(uuid, end=new_end)
        self.model[uuid] = (s, new_end, label, who, note)

    @rule(uuid=spans)
    def delete(self, uuid: str) -> None:
        if uuid not in self.model:
            return
        self.project.delete_span(uuid)
        del self.model[uuid]

    @rule()
    def reopen(self) -> None:
        self.project.close()
        self.project = Project.open(self.path)

    @invariant()
    def same_as_model(self) -> None:
        got = {s.uuid: (s.start, s.end, s.label, s.annotator, s.note) for s in self.project.spans()}
        assert got == self.model
        for s in self.project.spans():
            assert s.text == TEXT[s.start : s.end]

    def teardown(self) -> None:
        self.project.close()
        self.dir.cleanup()


ProjectMachine.TestCase.settings = settings(max_examples=30, stateful_step_count=25, deadline=None)
TestProjectMachine = ProjectMachine.TestCase
