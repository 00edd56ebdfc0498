"""The team on a hub: members, documents, assignments with overlap, queues and progress.

Who may call what is the database's decision (grants and row-level security, see the first
migration); these functions only ask. The hub's owner adds members; a coordinator adds
documents, sets the team schema and assigns; analysts and adjudicators read their queues.

Progress and agreement are read from a project that has synced with the hub (an analyst's
own, or a coordinator's mirror, see ``status_report``): statuses and records there are the
merged state the bundle merge rules decide, and agreement is ``annotator.agreement``'s.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import psycopg
from psycopg import sql

from annotator import rules
from annotator.agreement import AgreementResult, agreement, project_layers
from annotator.canonical import canonical_json
from annotator.clock import parse
from annotator.formats.common import IsCancelled, Progress, never_cancelled, no_progress
from annotator.formats.fields import printable
from annotator.hub.connection import SCHEMA, Connection, HubError, refused, session
from annotator.hub.migrate import hub_version
from annotator.hub.sync import SyncProgress, SyncReport, no_sync_progress, sync, whoami
from annotator.hubstate import Member
from annotator.model import Document, Status
from annotator.project import Project
from annotator.schema import Schema

KINDS = ("analyst", "adjudicator", "coordinator")


def _role(kind: str) -> sql.Identifier:
    if kind not in KINDS:
        raise HubError(f"unknown member kind {kind!r} (one of {', '.join(KINDS)})")
    return sql.Identifier(f"annotator_{kind}")


# -- members ---------------------------------------------------------------------------------
def add_member(url: str, role: str, kind: str, layer: str | None = None) -> None:
    """Make the existing database role ``role`` a member: grant it the group role of its
    kind and map it to ``layer`` (analysts and adjudicators; the layer's name in every
    project). Run by the hub's owner (a coordinator cannot hand out write rights)."""
    if kind == "coordinator":
        layer = None
    elif layer is None:
        raise HubError(f"an {kind} writes a layer: name it")
    else:
        v = rules.annotator_problem(layer)
        if v is not None:
            raise HubError(f"layer {layer!r}: {v.message}")
    with session(url) as conn:
        try:
            hub_version(conn)
            conn.execute(sql.SQL("GRANT {} TO {}").format(_role(kind), sql.Identifier(role)))
            conn.execute(
                f"INSERT INTO {SCHEMA}.members (role, kind, layer) VALUES (%s, %s, %s)",
                (role, kind, layer),
            )
            conn.commit()
        except psycopg.Error as exc:
            raise refused(exc) from None


def members(url: str) -> list[tuple[str, str, str | None]]:
    """(role, kind, layer) of every member."""
    with session(url) as conn:
        hub_version(conn)
        rows = conn.execute(f"SELECT role, kind, layer FROM {SCHEMA}.members ORDER BY role")
        return [(str(r), str(k), None if lay is None else str(lay)) for r, k, lay in rows]


# -- schema and documents (coordinators) ------------------------------------------------------
def set_team_schema(url: str, schema: Schema) -> None:
    """Make ``schema`` the team's: pulls merge with it (its labels are adopted by projects)."""
    problems = schema.problems()
    if problems:
        raise HubError(f"schema: {problems[0]}")
    with session(url) as conn:
        try:
            hub_version(conn)
            conn.execute(
                f"INSERT INTO {SCHEMA}.schemas (body) VALUES (%s::jsonb)",
                (canonical_json(schema.to_json()),),
            )
            conn.commit()
        except psycopg.Error as exc:
            raise refused(exc) from None


def add_documents(
    url: str,
    documents: Iterable[Document],
    progress: Progress = no_progress,
    cancelled: IsCancelled = never_cancelled,
) -> int:
    """Put documents (with their texts) on the hub, one transaction; returns how many were
    new (a text already there, by sha256, is kept as it was)."""
    with session(url) as conn:
        try:
            hub_version(conn)
            conn.execute(
                "CREATE TEMP TABLE hub_docs (sha256 text, name text, meta text, text text) "
                "ON COMMIT DROP"
            )
            n = 0
            with conn.cursor().copy("COPY hub_docs FROM STDIN") as copy:
                for n, doc in enumerate(documents, 1):
                    if n % 1000 == 0:
                        if cancelled():
                            conn.rollback()
                            return 0
                        progress(n, 0)
                    copy.write_row((doc.sha256, doc.name, canonical_json(doc.meta), doc.text))
            added = conn.execute(
                f"INSERT INTO {SCHEMA}.documents (sha256, name, meta, text) "
                "SELECT sha256, name, meta::jsonb, text FROM hub_docs ON CONFLICT DO NOTHING"
            ).rowcount
            conn.commit()
            progress(n, n)
            return added
        except psycopg.Error as exc:
            raise refused(exc) from None


def add_project_documents(url: str, project: Project, progress: Progress = no_progress) -> int:
    """Put every document of ``project`` on the hub."""
    return add_documents(url, project.iter_documents(), progress)


# -- assignments (coordinators) ---------------------------------------------------------------
@dataclass(frozen=True)
class Overlap:
    """How many analysts label each document: ``each`` of them, and ``more`` for a share
    ``share`` of the documents (chosen by a hash of the document and ``seed``, so the same
    call assigns the same way)."""

    each: int = 2
    more: int = 3
    share: float = 0.1
    seed: str = ""

    def wanted(self, sha: str) -> int:
        h = hashlib.sha256(f"{self.seed}\0{sha}".encode()).digest()
        return self.more if int.from_bytes(h[:8], "big") / 2**64 < self.share else self.each


@dataclass
class AssignmentReport:
    documents: int = 0
    """documents given new assignments"""
    assignments: int = 0
    per_layer: dict[str, int] = field(default_factory=dict)
    """assignments each layer holds now"""

    def lines(self) -> list[str]:
        out = [f"assigned {self.documents} documents ({self.assignments} assignments)"]
        out += [f"  {layer}: {n}" for layer, n in sorted(self.per_layer.items())]
        return out


def assign(
    url: str,
    layers: Sequence[str],
    overlap: Overlap = Overlap(),
    documents: Sequence[str] | None = None,
) -> AssignmentReport:
    """Assign the hub's documents (or the sha256s in ``documents``) that have fewer than
    ``overlap.wanted`` analysts among ``layers`` to the least loaded of them, until each has
    its count. Existing assignments are kept. One transaction."""
    if len(set(layers)) != len(layers) or not layers:
        raise HubError("name each analyst's layer once")
    most = max(overlap.each, overlap.more if overlap.share > 0 else 0)
    if most > len(layers):
        raise HubError(f"an overlap of {most} needs as many layers, not {len(layers)}")
    report = AssignmentReport()
    with session(url) as conn:
        try:
            hub_version(conn)
            conn.execute(f"LOCK TABLE {SCHEMA}.assignments IN SHARE ROW EXCLUSIVE MODE")
            current = _assignments(conn)
            if documents is None:
                query = f"SELECT sha256 FROM {SCHEMA}.documents ORDER BY added_at, sha256"
                shas = [str(s) for (s,) in conn.execute(query)]
            else:
                shas = list(documents)
            load = {lay: 0 for lay in layers}
            for have in current.values():
                for lay in have:
                    if lay in load:
                        load[lay] += 1
            new: list[tuple[str, str]] = []
            for sha in shas:
                have = current.get(sha, set()) & set(layers)
                need = overlap.wanted(sha) - len(have)
                if need <= 0:
                    continue
                free = sorted((lay for lay in layers if lay not in have),
                              key=lambda lay: (load[lay], _tiebreak(sha, lay)))  # fmt: skip
                for lay in free[:need]:
                    new.append((sha, lay))
                    load[lay] += 1
                report.documents += 1
            with conn.cursor() as cur:
                cur.executemany(
                    f"INSERT INTO {SCHEMA}.assignments (doc_sha, layer) VALUES (%s, %s)", new
                )
            conn.commit()
        except psycopg.Error as exc:
            raise refused(exc) from None
    report.assignments = len(new)
    report.per_layer = load
    return report


def _tiebreak(sha: str, layer: str) -> bytes:
    return hashlib.sha256(f"{sha}\0{layer}".encode()).digest()


def _assignments(conn: Connection) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for sha, layer in conn.execute(f"SELECT doc_sha, layer FROM {SCHEMA}.assignments"):
        out.setdefault(str(sha), set()).add(str(layer))
    return out


def assignments(url: str) -> dict[str, set[str]]:
    """document sha256 → the layers assigned to it."""
    with session(url) as conn:
        hub_version(conn)
        return _assignments(conn)


# -- queues ----------------------------------------------------------------------------------
@dataclass(frozen=True)
class QueueItem:
    sha256: str
    doc_id: int | None
    """the document in the project (None until a sync brings it)"""
    name: str
    status: Status
    """the layer's status (for a review item: Status.DONE)"""
    layers: tuple[str, ...] = ()
    """for a review item: the analysts whose layers are to be compared"""
    problem: str = ""
    """why a sync will never bring this document: its name on the hub breaks the rule the
    sync's screen applies (``rules.document_name_problem``); ``name`` is then shown escaped"""


def _hub_name(name: str) -> tuple[str, str]:
    """(name to show, problem) of a document name read from the hub: the name the sync's
    screen accepts as is; one it refuses (a bidi override that makes ``evil<RLO>gnp.exe``
    read ``evilexe.png``, a line break, a control character) escaped, with the reason."""
    v = rules.document_name_problem(name)
    return (name, "") if v is None else (printable(name), v.message)


def queue(url: str, project: Project, layer: str) -> list[QueueItem]:
    """The documents assigned to ``layer`` that it has not marked done, in assignment order,
    statuses as merged into ``project`` (sync first). A document not in the project yet is
    named as on the hub when the sync will accept that name, else escaped, with ``problem``
    saying why the sync refuses it; never raw."""
    with session(url) as conn:
        hub_version(conn)
        rows = conn.execute(
            f"SELECT a.doc_sha, d.name FROM {SCHEMA}.assignments a JOIN {SCHEMA}.documents d "
            "ON d.sha256 = a.doc_sha WHERE a.layer = %s ORDER BY a.assigned_at, a.doc_sha",
            (layer,),
        ).fetchall()
    statuses = project.statuses(layer)
    out = []
    for sha, name in rows:
        doc = project.document_by_sha(str(sha))
        if doc is not None:  # the project's name: the one the sync accepted
            st = statuses.get(doc.id, Status.NEW)
            if st != Status.DONE:
                out.append(QueueItem(str(sha), doc.id, doc.name, st))
        else:
            shown, problem = _hub_name(str(name))
            out.append(QueueItem(str(sha), None, shown, Status.NEW, problem=problem))
    return out


def review_queue(url: str, project: Project) -> list[QueueItem]:
    """Documents every assigned analyst has marked done (statuses as merged into ``project``)
    and that gold has not marked done: what adjudicators work through."""
    with session(url) as conn:
        hub_version(conn)
        assigned = _assignments(conn)
        names = {str(s): str(n) for s, n in conn.execute(
            f"SELECT sha256, name FROM {SCHEMA}.documents")}  # fmt: skip
    done = {lay: project.statuses(lay) for lay in {x for v in assigned.values() for x in v}}
    gold = project.statuses("gold")
    out = []
    for sha in sorted(assigned, key=lambda s: names.get(s, s)):
        doc = project.document_by_sha(sha)
        if doc is None:
            continue
        layers = tuple(sorted(assigned[sha]))
        if all(done[lay].get(doc.id) == Status.DONE for lay in layers) and (
            gold.get(doc.id) != Status.DONE
        ):
            out.append(QueueItem(sha, doc.id, doc.name, Status.DONE, layers))
    return out


# -- progress --------------------------------------------------------------------------------
@dataclass(frozen=True)
class AnalystProgress:
    layer: str
    assigned: int
    done: int
    in_progress: int
    spans: int
    """live spans in the layer"""
    active_hours: int
    """distinct clock hours in which the layer's live spans were last written"""

    @property
    def spans_per_hour(self) -> float | None:
        return self.spans / self.active_hours if self.active_hours else None


@dataclass(frozen=True)
class PairAgreement:
    a: str
    b: str
    f1: float | None
    """exact span F1, all labels"""
    per_label: dict[str, float | None]
    kappa: float | None


@dataclass(frozen=True)
class TeamStatus:
    analysts: tuple[AnalystProgress, ...]
    pairs: tuple[PairAgreement, ...]
    agreement: AgreementResult | None
    sync: SyncReport | None = None

    def lines(self) -> list[str]:
        out = ["analyst\tassigned\tdone\tin progress\tspans\tspans/hour"]
        for a in self.analysts:
            rate = "-" if a.spans_per_hour is None else f"{a.spans_per_hour:.1f}"
            out.append(f"{a.layer}\t{a.assigned}\t{a.done}\t{a.in_progress}\t{a.spans}\t{rate}")
        if self.pairs:
            out.append("pair\tF1\tkappa\tper label F1")
        for p in self.pairs:
            labels = ", ".join(f"{k} {_num(v)}" for k, v in sorted(p.per_label.items()))
            out.append(f"{p.a}–{p.b}\t{_num(p.f1)}\t{_num(p.kappa)}\t{labels}")
        return out


def _num(v: float | None) -> str:
    return "-" if v is None else f"{v:.3f}"


def team_status(url: str, project: Project, progress: Progress = no_progress) -> TeamStatus:
    """Per analyst: documents assigned, done, in progress, live spans and spans per active
    hour; agreement so far per pair and label (``annotator.agreement`` on the layers as
    merged into ``project``, which should have just synced)."""
    with session(url) as conn:
        hub_version(conn)
        assigned = _assignments(conn)
        analysts = sorted(
            str(lay) for (lay,) in conn.execute(
                f"SELECT layer FROM {SCHEMA}.members WHERE kind = 'analyst'")
        )  # fmt: skip
    rows = []
    for layer in analysts:
        statuses = project.statuses(layer)
        mine = [sha for sha, lays in assigned.items() if layer in lays]
        docs = [project.document_by_sha(sha) for sha in mine]
        st = [statuses.get(d.id, Status.NEW) if d is not None else Status.NEW for d in docs]
        spans = project.spans(annotator=layer)
        hours = {parse(s.clock)[0] // 3_600_000 for s in spans}
        done, busy = st.count(Status.DONE), st.count(Status.IN_PROGRESS)
        rows.append(AnalystProgress(layer, len(mine), done, busy, len(spans), len(hours)))
    present = [a for a in analysts if any(r.layer == a and r.spans for r in rows)]
    result = None
    pairs: list[PairAgreement] = []
    if len(present) >= 2:
        result = agreement(project_layers(project, present), present, progress=progress)
        for p in result.pairs:
            pairs.append(PairAgreement(
                p.a, p.b, p.exact.micro.f1,
                {k: v.f1 for k, v in p.exact.per_label.items()}, p.kappa,
            ))  # fmt: skip
    return TeamStatus(tuple(rows), tuple(pairs), result)


def status_report(
    url: str,
    mirror: Path,
    progress: SyncProgress = no_sync_progress,
    cancelled: IsCancelled = never_cancelled,
) -> TeamStatus:
    """``annotator hub status URL``: sync the local mirror project ``mirror`` (created when
    missing, with the team schema adopted by the first pull) and report on it."""
    mirror = Path(mirror)
    project = Project.open(mirror) if mirror.exists() else Project.create(mirror, Schema())
    try:
        report = sync(project, url, progress, cancelled)
        status = team_status(url, project)
    finally:
        project.close()
    return TeamStatus(status.analysts, status.pairs, status.agreement, report)


# -- what the workbench's team view shows ----------------------------------------------------
@dataclass(frozen=True)
class TeamView:
    """The team as one member sees it from their project: progress and agreement
    (``team_status``), and their own queue."""

    member: Member
    status: TeamStatus
    queue: tuple[QueueItem, ...]
    """an analyst: the documents assigned to them not yet done; an adjudicator: the review
    queue; a coordinator: nothing"""


def team_view(url: str, project: Project, progress: Progress = no_progress) -> TeamView:
    """``team_status`` and the connected member's queue, on the layers as merged into
    ``project`` (as of its last sync)."""
    with session(url) as conn:
        member = whoami(conn)
    status = team_status(url, project, progress)
    if member.kind == "analyst" and member.layer is not None:
        mine = queue(url, project, member.layer)
    elif member.kind == "adjudicator":
        mine = review_queue(url, project)
    else:
        mine = []
    return TeamView(member, status, tuple(mine))
