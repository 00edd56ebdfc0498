"""Bulk edits of many spans as ONE undoable step (the entity list's "relabel all" and
"delete all", issue 13).

Each is a ``Macro`` of the single edits the GUI makes one span at a time, so every span goes
through the same rules (``Project.update_span`` / ``delete_span``: ``annotator.rules``) and a
refused one refuses the whole step (one transaction: nothing is written). Undo restores every
span with its uuid and content, and what a deletion took along (events a span triggered,
arguments pointing at it, relations touching it). A trigger relabelled as no event type
refuses the step unless ``remove_events`` (the window asks first): its events then go with
their arguments, as ``relabel`` removes them for one span. A trigger relabelled as another
event type whose events have arguments in roles that type lacks refuses the step unless
``remove_arguments`` (the window asks first): those arguments then go in the step, as
``relabel`` removes them for one span.

Example::

    cmd = relabel_spans(project, [m.uuid for m in group.mentions], "ORG")
    session.execute(cmd)   # one step on the undo stack
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import TYPE_CHECKING

from annotator.commands.edits import (
    Changed,
    Command,
    Macro,
    Version,
    delete_span_with_links,
    relabel,
)
from annotator.errors import Message

if TYPE_CHECKING:
    from annotator.project import Project


def relabel_spans(
    project: Project,
    uuids: Iterable[str],
    label: str,
    *,
    remove_events: bool = False,
    remove_arguments: bool = False,
) -> Macro:
    """Relabel every span of ``uuids`` as ``label`` in one step (a trigger takes its event
    along, as ``relabel`` does for one span). Spans already labelled ``label`` are left as
    they are. The rules decide each relabel when the step runs (an unknown label, say, or a
    trigger relabelled as no event type refuses the whole step), unless ``remove_events``:
    then the events such triggers trigger go with their arguments, as ``relabel`` removes them.
    Likewise a trigger relabelled as another event type whose events have arguments in roles
    that type lacks (``rules.retype_roles_problem``) refuses the whole step, unless
    ``remove_arguments``: then those arguments go in the step, as ``relabel`` removes them.

    Each span's ``relabel`` is made when the step first runs, from what the relabels before it
    in the step left (``WhenRun``): one mention's event may fill a role of another
    mention's event, and the argument that the first event's removal takes along is then not
    deleted a second time by the other's relabel."""
    children: list[Command] = []
    for uuid in dict.fromkeys(uuids):
        span = project.span(uuid)
        if span.label != label:
            children.append(
                WhenRun(
                    partial(
                        relabel,
                        uuid=uuid,
                        label=label,
                        remove_events=remove_events,
                        remove_arguments=remove_arguments,
                    ),
                    Message("relabel as {label}", label=label),
                )
            )
    return Macro(children, Message("relabel {n} as {label}", n=len(children), label=label))


class WhenRun(Command):
    """The command ``make(project)`` makes from the project as the step holding it first runs
    (inside the step's transaction, after its earlier children), then done, undone and redone
    as made. Several edits of one step whose effects overlap so meet what the ones before
    them left, each through its one rule: one mention's event may fill a role of another
    mention's event, and the argument the first event's removal takes along is not deleted a
    second time by the other's edit."""

    def __init__(self, make: Callable[[Project], Command], text: str) -> None:
        super().__init__()
        self.make = make
        self.made: Command | None = None
        self.text = text

    def _first(self, project: Project) -> list[Version]:
        raise NotImplementedError  # ``do`` hands the edit to the command it makes

    def do(self, project: Project) -> Changed:
        if self.made is None:
            self.made = self.make(project)
        changed = self.made.do(project)
        self.done_once = True
        self.versions = self.made.versions  # (what it wrote, as the command it made tells)
        return changed

    def undo(self, project: Project) -> Changed:
        if self.made is None:
            raise RuntimeError("undo before do")
        return self.made.undo(project)

    def did_nothing(self) -> bool:
        return self.made is not None and self.made.did_nothing()

    def step_versions(self) -> Iterator[Version]:
        return self.made.step_versions() if self.made is not None else iter(())

    @property
    def uuid(self) -> str:
        return self.made.uuid if self.made is not None else ""


def delete_spans(project: Project, uuids: Iterable[str]) -> Macro:
    """Delete every span of ``uuids`` in one step, each with what would dangle without it
    (``delete_span_with_links``, the one rule: the events it triggers with their arguments and
    the arguments of other events they fill, the arguments pointing at it, the relations
    touching it), made as the step runs (``WhenRun``), so a record several of the spans share
    is deleted once."""
    wanted = list(dict.fromkeys(uuids))
    for uuid in wanted:
        project.span(uuid)  # (an unknown or deleted span refuses the step as it is made)
    children: list[Command] = [
        WhenRun(partial(delete_span_with_links, uuid=uuid), Message("delete span"))
        for uuid in wanted
    ]
    return Macro(children, Message("delete {n} spans", n=len(wanted)))
