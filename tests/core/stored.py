"""What the edit-rule tests compare before and after a step and its undo: every stored
version of every record, or the live ones, clock stamps aside; and what ``check`` lists."""

from __future__ import annotations

import dataclasses

from annotator.model import Record
from annotator.project import RECORD_KINDS, Project
from annotator.validation import check_project


def state(p: Project, live: bool = False) -> dict[str, list[Record]]:
    """Every stored version of every record (tombstones included unless ``live``), clock
    stamps aside, each kind sorted by uuid."""
    return {
        kind: sorted(
            (
                dataclasses.replace(r, clock="")
                for r in p.versions(kind)
                if not (live and r.deleted)
            ),
            key=lambda r: r.uuid,
        )
        for kind in RECORD_KINDS
    }


def live(p: Project) -> dict[str, list[Record]]:
    """The live records of each kind, clock stamps aside."""
    return state(p, live=True)


def problems(p: Project) -> list[str]:
    """``check``'s findings as ``kind: message``."""
    return [f"{i.kind}: {i.message}" for i in check_project(p)]
