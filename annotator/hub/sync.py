"""Sync: push this project's own layers to the hub, pull everyone else's, merged as bundles are.

The hub never decides which version of a record wins. It stores every pushed version as the
very line a bundle carries (``canonical_record``), and a pull hands the new lines to the same
path a bundle takes into a project: ``bundle_read.screen`` (the check of untrusted content)
then ``merge_bundle`` (union by uuid, greatest (clock, annotator, record) wins, tombstones are
versions, ``annotator.rules`` against the merged state, quarantine, stamps too far ahead set
aside). So a sync is exactly a merge of bundles, and any mix of syncs and bundle merges ends in
the state merging everything directly gives.

Push: the versions of the layers the connected role writes (its layer; an adjudicator also
``gold``) stamped after the mark of the last push, tombstones included
(``Project.versions``), each turned into the line a bundle carries (``canonical_record``);
inserted with ``ON CONFLICT DO NOTHING`` on (kind, uuid, annotator, clock,
digest of the line), so pushing twice stores once. Records of a document the hub lacks stay
local (reported; pushed by a later sync once a coordinator adds the document).

Local only: versions written here in layers the role does not push (an analyst who accepts
agreements into ``gold``, or edits a colleague's span) never reach the hub. The sync does not
drop them silently: it counts, per layer, the current local versions of those layers that the
hub holds neither as such nor in a newer version (``SyncReport.local_only``), and every later
sync counts them again until the hub holds them or something newer (the cursor keeps the mark
they were first found after). A sync with nothing written since the last one, and none such
pending, reads nothing for it.

Pull: in one snapshot, every version numbered after the last pulled number that another
replica pushed, the documents they need (and those assigned to this layer), the team schema;
merged in one project transaction. The team schema is read on every sync: the labels and
attributes a merge would take from it (``adopt_labels``) are merged in with nothing else new
(``_new_labels``); a team schema that adds nothing to the project (its names are the
project's, some written otherwise: ``Per`` for ``PER``) merges nothing, and one whose labels
cannot be added is said in the sync's report, never merged again and again. The numbers
follow commit order (see the migration), so a pull never skips a version that commits later.

Resumable: the cursors (per hub: the push mark, the last pulled number, this replica's
origin id) live in a sidecar file ``<project>.hub-sync.json`` written after each phase
commits. A sync killed at any moment left either the hub transaction or the project
transaction undone, or both done with a cursor not yet saved; the next sync then pushes or
pulls the same versions again and the duplicates are no-ops. The sidecar holds no URL and no
credential, only the hub's id and the role the sync connected as (name, kind, layer:
``joined_members``), from which the workbench tells, without the hub, that the layer it writes
is one the role does not push (``Member.pushes``, the rule the push and ``local_only`` use).
"""

from __future__ import annotations

import contextlib
import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import psycopg
from psycopg import sql

from annotator.canonical import canonical_json
from annotator.cycles import no_cycle_collection
from annotator.errors import Cancelled, ImportFormatError, Message
from annotator.exchange import DEFAULT_LIMITS, MergeReport, merge_bundle
from annotator.exchange.bundle_read import (
    BUNDLE_FORMAT,
    BUNDLE_VERSION,
    Bundle,
    BundleDocument,
    BundleManifest,
    BundleRecord,
    BundleStatus,
    Lines,
    RawContent,
    canonical_record,
    screen,
)
from annotator.formats.common import IsCancelled, never_cancelled
from annotator.hub.connection import (
    SCHEMA,
    Connection,
    HubError,
    describe,
    problem,
    refused,
    session,
)
from annotator.hub.migrate import hub_version
from annotator.hubstate import (
    ROLE_KINDS,
    Cursor,
    Member,
    load_cursor,
    save_cursor,
)
from annotator.project import RECORD_KINDS, Project
from annotator.safejson import UnsafeJSON, loads
from annotator.schema import Schema
from annotator.schema.edit import adopt_labels
from annotator.schema.model import name_key
from annotator.uuids import new_uuid

SyncProgress = Callable[[str, int, int], None]
"""(phase, done, total); phases: "read", "push", "pull", "merge"."""


def no_sync_progress(phase: str, done: int, total: int) -> None:
    """A progress callback that ignores everything."""


@dataclass
class SyncReport:
    """What one sync did, counted so that nothing is dropped silently."""

    hub: str
    member: Member
    pushed: int = 0
    """record and status versions the hub stored for the first time"""
    already_on_hub: int = 0
    not_on_hub: int = 0
    """local versions left unpushed: their document is not on the hub"""
    pulled: int = 0
    """record and status versions pulled (then merged)"""
    documents_pulled: int = 0
    local_only: dict[str, int] = field(default_factory=dict)
    """per layer this role does not push: local record and status versions the hub holds
    neither as such nor in a newer version (written here: they stay in this project)"""
    refused: list[str] = field(default_factory=list)
    """hub rows the bundle screen refused (each: where and why); they are not merged"""
    merge: MergeReport | None = None
    seq: int = 0
    """the last hub number pulled"""
    hub_id: str = ""
    """the hub's id, the key of its cursors in the sidecar (``joined_hubs``)"""
    labels_not_added: str = ""
    """why the team schema's labels the project lacks cannot be added (``adopt_labels``),
    said by a sync that merged nothing (one that merges says it in its merge report); every
    sync says it again until the team schema or the project's is mended"""
    log_problem: str = ""
    """why the hub's ``sync_log`` line could not be written (the server gone, a grant
    missing): written last, after the pushed versions were committed, the pulled ones merged
    and the cursors saved, so the sync is complete without it; the report says so"""

    def lines(self) -> list[str]:
        """The report's lines (``Message``s: the CLI prints them, the window translates)."""
        m = self.member
        kind = ROLE_KINDS.get(m.kind, m.kind)
        who = (
            Message("{role} ({kind}, layer {layer})", role=m.role, kind=kind, layer=m.layer)
            if m.layer
            else Message("{role} ({kind})", role=m.role, kind=kind)
        )
        out: list[str] = [
            Message("hub {hub} as {who}", hub=self.hub, who=who),
            Message(
                "pushed: {pushed} new, {already} already on the hub",
                pushed=self.pushed,
                already=self.already_on_hub,
            ),
            Message(
                "pulled: {versions} versions, {documents} documents",
                versions=self.pulled,
                documents=self.documents_pulled,
            ),
        ]
        if self.not_on_hub:
            out.append(
                Message(
                    "not pushed: {count} versions on documents the hub lacks (a coordinator "
                    "adds them; the next sync pushes them)",
                    count=self.not_on_hub,
                )
            )
        if self.local_only:
            counts = ", ".join(f"{layer} {n}" for layer, n in sorted(self.local_only.items()))
            out.append(
                Message(
                    "stay local (your role writes {writes}): {counts}; the hub takes no other "
                    "layer's versions from you: `annotator bundle` them to whoever writes that "
                    "layer, who merges the bundle and syncs with --full; each sync counts them "
                    "again until the hub holds them or newer ones",
                    writes=_writes(m.writes),
                    counts=counts,
                )
            )
        out += [Message("refused by the screen: {problem}", problem=r) for r in self.refused]
        if self.merge is not None:
            out += self.merge.lines()[2:]  # quarantine and labels; counts are above
        if self.labels_not_added:  # as a merge says it (the same words)
            out.append(
                Message(
                    "labels of {where} not added: {problem}",
                    where=f"hub {self.hub}",
                    problem=self.labels_not_added,
                )
            )
        if self.log_problem:
            out.append(
                Message(
                    "synced; the hub's log line could not be written: {problem}",
                    problem=self.log_problem,
                )
            )
        return out


def _writes(layers: tuple[str, ...]) -> Message:
    """The layers a role writes, as the report says them ("amal only", "amal and gold only")."""
    if not layers:
        return Message("no layer")
    if len(layers) == 1:
        return Message("{layer} only", layer=layers[0])
    return Message("{layers} and {last} only", layers=", ".join(layers[:-1]), last=layers[-1])


def project_state(project: Project) -> str:
    """``changes:N``: the project's change counter, the number of its newest change-log line.
    Every write adds a line (an edit, an import, every merge, a sync's pull included), so the
    counter only grows in a file that is used; read without touching the annotations."""
    newest = project.changes(limit=1)
    return f"changes:{newest[0].id if newest else 0}"


def _behind(saved: str, now: str) -> bool:
    """Whether the project (``now``) is behind the one the cursors were saved for (``saved``):
    its change counter went back (a backup restored in place: the pulls since then are not
    in it). A counter that went forward is the work done since the last sync."""
    if not saved:
        return False
    try:
        return int(now.removeprefix("changes:")) < int(saved.removeprefix("changes:"))
    except ValueError:
        return True  # unreadable: start afresh (a full sync is always safe)


def _digest(shas: set[str]) -> str:
    return hashlib.sha256("\n".join(sorted(shas)).encode()).hexdigest()


# -- the hub side ---------------------------------------------------------------------------
def whoami(conn: Connection) -> Member:
    """The connected role's membership; HubError when it is none."""
    hub_version(conn)
    row = conn.execute(
        f"SELECT current_user::text, m.kind, m.layer FROM (SELECT 1) one "
        f"LEFT JOIN {SCHEMA}.members m ON m.role = current_user"
    ).fetchone()
    assert row is not None
    if row[1] is None:
        raise HubError(f"the role {row[0]} is not a member of this hub (ask its owner)")
    return Member(str(row[0]), str(row[1]), None if row[2] is None else str(row[2]))


def hub_id_of(conn: Connection) -> str:
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'hub_id'").fetchone()
    if row is None:
        raise HubError("the hub has no id (run `annotator hub init URL`)")
    return str(row[0])


# -- sync ------------------------------------------------------------------------------------
def sync(
    project: Project,
    url: str,
    progress: SyncProgress = no_sync_progress,
    cancelled: IsCancelled = never_cancelled,
    full: bool = False,
) -> SyncReport:
    """Push this project's own layers to the hub at ``url`` and pull everyone else's.

    ``full``: start afresh, as with no cursors: push every own version, not only those after
    the last push (after merging a bundle of one's own layer made elsewhere, say), and pull
    every version from the first (after restoring the project from a backup, say); the hub
    keeps each version once and merging is idempotent. A project whose state is behind the
    one the last sync left (``project_state``: restored in place) is synced so too.
    Safe to interrupt at any point and to run again. Raises HubError (connection, membership,
    a write the hub refuses), Cancelled (nothing of the current phase is kept)."""
    with session(url) as conn:
        try:
            member = whoami(conn)
            hub_id = hub_id_of(conn)
            conn.rollback()
            report = SyncReport(describe(url), member, hub_id=hub_id)
            cursor = load_cursor(project.path, hub_id)
            project.refresh()  # the clock as stored: another handle may have written
            if cursor is None or full or _behind(cursor.state, project_state(project)):
                # start afresh: a new origin (the versions this project pushed come back
                # too), push everything, pull from the first number; merging is idempotent
                cursor = Cursor(origin=new_uuid(), member=member)
                save_cursor(project.path, hub_id, cursor)
            cursor.member = member  # saved with the cursors: the workbench warns from it
            mark = project.clock.last
            if full or cursor.local or mark != cursor.clock_after:
                since = cursor.local_since if cursor.local else cursor.clock_after
                report.local_only = _local_only(conn, project, member, since)
                cursor.local, cursor.local_since = bool(report.local_only), since
            if member.writes and (full or cursor.pending or mark != cursor.clock_after):
                since = "" if full or cursor.pending else cursor.pushed_mark
                pending = _push(conn, project, member, since, cursor.origin, report, progress,
                                cancelled)  # fmt: skip
                cursor.pushed_mark, cursor.pending = mark, pending
                save_cursor(project.path, hub_id, cursor)
            with no_cycle_collection():  # the pulled rows hold no cycles; see fields.py
                _pull(conn, project, member, cursor, report, progress, cancelled)
            cursor.pulled_seq = report.seq
            cursor.clock_after = project.clock.last
            cursor.state = project_state(project)
            save_cursor(project.path, hub_id, cursor)
        except psycopg.Error as exc:
            raise refused(exc) from None  # before the work is saved: nothing half-done kept
        if report.pushed or report.pulled:
            _log(conn, member, report)
    return report


def _log(conn: Connection, member: Member, report: SyncReport) -> None:
    """The hub's ``sync_log`` line for a sync whose work is saved (pushed versions committed,
    pulled ones merged, cursors written): a failure here undoes nothing and is no failure of
    the sync, only a line of its report (``log_problem``)."""
    try:
        conn.execute(
            f"INSERT INTO {SCHEMA}.sync_log (layer, pushed, pulled, seq_to) "
            "VALUES (%s, %s, %s, %s)",
            (member.layer, report.pushed, report.pulled, report.seq),
        )
        conn.commit()
    except psycopg.Error as exc:
        report.log_problem = problem(exc)
        with contextlib.suppress(psycopg.Error):  # a dropped connection is closed already
            conn.rollback()  # the refused line's transaction


def _own_lines(
    project: Project, layers: tuple[str, ...], since: str
) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """(document sha256, bundle line) of each record and status version of ``layers`` stamped
    after ``since``, tombstones included: the very lines ``write_bundle`` writes
    (``canonical_record``), read straight from the project (``Project.versions``)."""
    sha_of = {doc_id: sha for sha, doc_id in project.document_hashes().items()}
    records: list[tuple[str, str]] = []
    statuses: list[tuple[str, str]] = []
    for layer in layers:
        for kind in RECORD_KINDS:
            for rec in project.versions(kind, layer):
                if rec.clock > since:
                    sha = sha_of[rec.doc_id]
                    records.append((sha, canonical_record(rec, sha)))
        for s in project.doc_statuses(layer):
            if s.clock > since:
                sha = sha_of[s.doc_id]
                line = canonical_json({"doc": sha, "annotator": s.annotator,
                                       "status": s.status.value, "clock": s.clock})  # fmt: skip
                statuses.append((sha, line))
    return records, statuses


def _local_only(conn: Connection, project: Project, member: Member, since: str) -> dict[str, int]:
    """Per layer the role does not push: the versions stamped after ``since`` (records and
    document statuses, tombstones included) that the hub holds neither as such nor in a newer
    version (same record or status, a stamp at least as late). Runs before the pull, so a
    version a colleague pushed since does not count; read in the hub's current snapshot, one
    indexed look-up per table, and none when nothing is stamped after ``since``."""
    others = [layer for layer in project.annotators() if not member.pushes(layer)]
    records: dict[tuple[str, str], tuple[str, str]] = {}  # (kind, uuid) -> (layer, clock)
    statuses: dict[tuple[str, str], str] = {}  # (document sha256, layer) -> clock
    sha_of = {doc_id: sha for sha, doc_id in project.document_hashes().items()} if others else {}
    for layer in others:  # every record's layer is in ``annotators`` (the store's key)
        for kind in RECORD_KINDS:
            for rec in project.versions(kind, layer):
                if rec.clock > since:
                    records[kind, rec.uuid] = (layer, rec.clock)
        for s in project.doc_statuses(layer):
            if s.clock > since:
                statuses[sha_of[s.doc_id], layer] = s.clock
    if not records and not statuses:
        return {}
    held: dict[tuple[str, str], str] = {}
    if records:
        for row_kind, row_uuid, row_clock in conn.execute(
            f"SELECT kind, uuid, max(clock) FROM {SCHEMA}.records "
            "WHERE (kind, uuid) IN (SELECT * FROM unnest(%s::text[], %s::text[])) "
            "GROUP BY kind, uuid",
            ([k for k, _ in records], [u for _, u in records]),
        ):
            held[str(row_kind), str(row_uuid)] = str(row_clock)
    held_status: dict[tuple[str, str], str] = {}
    if statuses:
        for row_sha, row_layer, row_clock in conn.execute(
            f"SELECT doc_sha, annotator, max(clock) FROM {SCHEMA}.statuses "
            "WHERE (doc_sha, annotator) IN (SELECT * FROM unnest(%s::text[], %s::text[])) "
            "GROUP BY doc_sha, annotator",
            ([sha for sha, _ in statuses], [layer for _, layer in statuses]),
        ):
            held_status[str(row_sha), str(row_layer)] = str(row_clock)
    conn.rollback()  # a read; the push and the pull start their own transactions
    out: dict[str, int] = {}
    for key, (layer, clock) in records.items():
        if held.get(key, "") < clock:
            out[layer] = out.get(layer, 0) + 1
    for (sha, layer), clock in statuses.items():
        if held_status.get((sha, layer), "") < clock:
            out[layer] = out.get(layer, 0) + 1
    return out


def _push(
    conn: Connection,
    project: Project,
    member: Member,
    since: str,
    origin: str,
    report: SyncReport,
    progress: SyncProgress,
    cancelled: IsCancelled,
) -> bool:
    """Push the own versions after ``since`` in one hub transaction; True when some were
    left behind (their document is not on the hub)."""
    progress("read", 0, 1)
    records, statuses = _own_lines(project, member.writes, since)
    progress("read", 1, 1)
    if not records and not statuses:
        return False
    if cancelled():
        raise Cancelled("sync cancelled")
    shas = sorted({sha for sha, _ in records} | {sha for sha, _ in statuses})
    on_hub = {
        str(sha)
        for (sha,) in conn.execute(
            f"SELECT sha256 FROM {SCHEMA}.documents WHERE sha256 = ANY(%s)", (shas,)
        )
    }
    lines = [line for sha, line in records if sha in on_hub]
    status_lines = [line for sha, line in statuses if sha in on_hub]
    left = len(records) + len(statuses) - len(lines) - len(status_lines)
    report.not_on_hub += left
    total = len(lines) + len(status_lines)
    conn.execute("CREATE TEMP TABLE hub_incoming (body text, kind smallint) ON COMMIT DROP")
    with conn.cursor().copy("COPY hub_incoming (body, kind) FROM STDIN") as copy:
        for n, line in enumerate(lines):
            if n % 5000 == 0:
                if cancelled():
                    raise Cancelled("sync cancelled")
                progress("push", n, total)
            copy.write_row((line, 0))
        for line in status_lines:
            copy.write_row((line, 1))
    stored = conn.execute(
        f"INSERT INTO {SCHEMA}.records (body, origin) SELECT body::jsonb, %s FROM hub_incoming "
        "WHERE kind = 0 ON CONFLICT DO NOTHING",
        (origin,),
    ).rowcount
    stored += conn.execute(
        f"INSERT INTO {SCHEMA}.statuses (body, origin) SELECT body::jsonb, %s "
        "FROM hub_incoming WHERE kind = 1 ON CONFLICT DO NOTHING",
        (origin,),
    ).rowcount
    if cancelled():
        raise Cancelled("sync cancelled")
    conn.commit()
    progress("push", total, total)
    report.pushed += stored
    report.already_on_hub += total - stored
    return left > 0


_FETCH = 5000


def _pull(
    conn: Connection,
    project: Project,
    member: Member,
    cursor: Cursor,
    report: SyncReport,
    progress: SyncProgress,
    cancelled: IsCancelled,
) -> None:
    conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
    row = conn.execute(
        f"SELECT greatest((SELECT max(seq) FROM {SCHEMA}.records), "
        f"(SELECT max(seq) FROM {SCHEMA}.statuses))"
    ).fetchone()
    top = int(str(row[0])) if row is not None and row[0] is not None else 0
    report.seq = max(top, cursor.pulled_seq)
    after = cursor.pulled_seq
    total = max(top - after, 0)
    records: list[tuple[int, str]] = []
    statuses: list[tuple[int, str]] = []
    for table, out in (("records", records), ("statuses", statuses)):
        # COPY out: the rows stream in one go, no round trip per batch of a named cursor
        query = sql.SQL(
            "COPY (SELECT seq, body::text FROM {}.{} WHERE seq > {} AND seq <= {} "
            "AND origin <> {} ORDER BY seq) TO STDOUT"
        ).format(sql.Identifier(SCHEMA), sql.Identifier(table), sql.Literal(after),
                 sql.Literal(top), sql.Literal(cursor.origin))  # fmt: skip
        with conn.cursor().copy(query) as copy:
            for seq, body in copy.rows():
                out.append((int(seq), body))
                if len(out) % _FETCH == 0:
                    if cancelled():
                        raise Cancelled("sync cancelled")
                    progress("pull", len(records) + len(statuses), total)
    progress("pull", total, total)
    wanted: set[str] = set()
    if member.layer is not None:
        wanted = {
            str(sha)
            for (sha,) in conn.execute(
                f"SELECT doc_sha FROM {SCHEMA}.assignments WHERE layer = %s", (member.layer,)
            )
        }
    assigned = _digest(wanted)
    body = conn.execute(f"SELECT body::text FROM {SCHEMA}.schemas ORDER BY version DESC LIMIT 1")
    schema_row = body.fetchone()
    team_schema = str(schema_row[0]) if schema_row is not None else "{}"
    quiet, refused = not records and not statuses, ""
    if quiet:
        new, refused = _new_labels(team_schema, project.schema)
        quiet = not new
    if quiet and assigned == cursor.assigned:
        conn.rollback()  # nothing new, every assigned document arrived before, no new label
        report.labels_not_added = refused
        return
    local = {d.sha256 for d in project.documents()}
    if quiet and wanted <= local:
        conn.rollback()
        cursor.assigned = assigned
        report.labels_not_added = refused
        return
    parsed = _parsed(records, "records", report) + _parsed(statuses, "statuses", report)
    shas = {str(d.get("doc")) for _, _, _, d in parsed if isinstance(d, dict)} | wanted
    docs = []
    for sha, name, meta, text in conn.execute(
        f"SELECT sha256, name, meta::text, CASE WHEN sha256 = ANY(%s) THEN NULL ELSE text END "
        f"FROM {SCHEMA}.documents WHERE sha256 = ANY(%s)",
        (sorted(local), sorted(shas)),
    ):
        doc: dict[str, Any] = {"sha256": sha, "name": name, "meta": loads(str(meta))}
        if text is not None:
            doc["text"] = text
        docs.append(doc)
    conn.rollback()  # the snapshot ends; everything needed is read
    report.documents_pulled = sum(1 for d in docs if "text" in d)
    report.pulled = len(parsed)
    schema_json = loads(team_schema)
    bundle = _screened(report.hub, schema_json, docs, parsed, report)
    progress("merge", 0, 1)
    report.merge = merge_bundle(
        project,
        bundle,
        f"hub {report.hub}",
        progress=lambda done, n: progress("merge", done, n),
        cancelled=cancelled,
        adopt_schema=True,  # the team's schema is the team's decision, taken in on every pull
    )
    progress("merge", 1, 1)
    if not any(r.startswith("hub document") for r in report.refused):
        cursor.assigned = assigned  # the merge added every assigned document


def _new_labels(team_schema: str, schema: Schema) -> tuple[bool, str]:
    """Whether a pull with nothing else new must merge for the team schema (the hub's
    latest, as text): whether the merge would add a label or an attribute to ``schema``
    (the project's) by taking the team schema's (``adopt_labels``, all a merge takes from a
    schema: their attributes ours lacks are adopted whether or not a label is added); and,
    when what it lacks cannot be added (the combination breaks the schema's rules), why:
    the sync says so without merging (an empty merge each sync would only say it again).

    Run on every sync, so decided from the names alone when they settle it: a team schema
    whose every label and attribute is one of the project's, as written or written
    otherwise (``Per`` for ``PER``: ``name_key``), adds nothing. Only one naming a label or
    an attribute the project lacks is built (leniently, as the cheap path never checked it
    either) and adopted. Something unreadable counts as new: the merge's screen says what is
    wrong with it."""
    try:
        data = loads(team_schema)
    except UnsafeJSON:
        return True, ""
    if not isinstance(data, dict):
        return True, ""
    have = {lab.name for lab in schema.all_labels()}
    owned = {a.name for a in schema.attributes}
    lacked: list[str] = []
    lacked_attributes: list[str] = []
    for key, ours, out in (
        ("entities", have, lacked),
        ("events", have, lacked),
        ("relations", have, lacked),
        ("attributes", owned, lacked_attributes),
    ):
        entries = data.get(key, [])
        if not isinstance(entries, list):
            return True, ""
        for entry in entries:
            name = entry.get("name") if isinstance(entry, dict) else None
            if not isinstance(name, str):
                return True, ""
            if name not in ours:
                out.append(name)
    if not lacked and not lacked_attributes:
        return False, ""
    keys = {name_key(n) for n in have}
    attribute_keys = {name_key(n) for n in owned}
    if all(name_key(n) in keys for n in lacked) and all(
        name_key(n) in attribute_keys for n in lacked_attributes
    ):
        return False, ""  # each is one of ours written otherwise: adopted as ours
    try:  # (a team schema breaking the rules itself: the merge's screen refuses it)
        theirs = Schema.from_json(data, "team schema", check=False)
    except Exception:  # SchemaError or malformed content: the screen reports it
        return True, ""
    adopted = adopt_labels(schema, theirs)
    return bool(adopted.added or adopted.attributes_added), adopted.refused


def _parsed(
    rows: list[tuple[int, str]], table: str, report: SyncReport
) -> list[tuple[str, int, str, Any]]:
    """(table, seq, text, JSON value) of each hub row, parsed by the strict decoder bundles
    use."""
    out = []
    for seq, body in rows:
        try:
            out.append((table, seq, body, loads(body)))
        except UnsafeJSON as exc:
            report.refused.append(f"hub {table} row {seq}: {exc}")
    return out


def _sections(where: str, values: list[tuple[int, Any]]) -> list[tuple[str, Lines]]:
    """Record lines split so that no section holds one (kind, uuid) twice: the screen wants
    a uuid once per section (a bundle holds one version), the merge takes any number."""
    sections: list[list[tuple[int, Any]]] = []
    depth: dict[tuple[str, str], int] = {}
    for seq, value in values:
        d = value if isinstance(value, dict) else {}
        key = (str(d.get("kind")), str(d.get("uuid")))
        n = depth.get(key, 0)
        depth[key] = n + 1
        if n == len(sections):
            sections.append([])
        sections[n].append((seq, value))
    return [(f"{where}:records", lines) for lines in sections]


_CHUNK = 5000
"""rows screened together (see ``_screened``)"""


def _screened(
    hub: str,
    schema: Any,
    docs: list[dict[str, Any]],
    parsed: list[tuple[str, int, str, Any]],
    report: SyncReport,
) -> Bundle:
    """Screen the pulled rows exactly as a bundle's lines are screened; a row the screen
    refuses is reported and left out (one colleague's bad row never stops the team's sync).

    One pass, every refusal collected: the documents first (a refused one goes, with every
    row on it), then the rows in chunks of ``_CHUNK``. The screen checks rows in order and
    stops at the first fault, so the rows before a refused one passed and those after it are
    screened next; each row is screened at most twice (the rows that passed, once more for
    their typed values), however many are refused."""
    where = f"hub {hub}"
    checked_docs, schema_obj = _screened_documents(where, schema, docs, parsed, report)
    gone = {str(d.get("sha256")) for d in docs} - {d.sha256 for d in checked_docs}
    listed = {d.sha256: {"sha256": d.sha256, "name": d.name, "meta": d.meta}
              for d in checked_docs}  # fmt: skip
    records: list[BundleRecord] = []
    statuses: list[BundleStatus] = []
    for table in ("records", "statuses"):
        mine = [r for r in parsed if r[0] == table
                and not (isinstance(r[3], dict) and r[3].get("doc") in gone)]  # fmt: skip
        for n in range(0, len(mine), _CHUNK):
            got = _screened_rows(where, schema, listed, table, mine[n : n + _CHUNK], report)
            records += got[0]
            statuses += got[1]
    created = datetime.now(UTC).isoformat(timespec="seconds")
    manifest = BundleManifest(BUNDLE_FORMAT, BUNDLE_VERSION, "", created, True)
    return Bundle(where, manifest, schema_obj, checked_docs, records, statuses)


def _screened_rows(
    where: str,
    schema: Any,
    listed: dict[str, dict[str, Any]],
    table: str,
    rows: list[tuple[str, int, str, Any]],
    report: SyncReport,
) -> tuple[list[BundleRecord], list[BundleStatus]]:
    """The rows (all of ``table``) the screen accepts, typed; the others reported."""
    records: list[BundleRecord] = []
    statuses: list[BundleStatus] = []
    work = [rows]
    while work:
        part = work.pop()
        values = [(seq, v) for _, seq, _, v in part]
        sections = _sections(where, values) if table == "records" else []
        order = [seq for _, lines in sections for seq, _ in lines] or [s for s, _ in values]
        shas = {v.get("doc") for _, v in values if isinstance(v, dict)}
        content = RawContent(
            (f"{where}:schema", schema),
            (f"{where}:documents", list(enumerate((listed[s] for s in shas if s in listed), 1))),
            sections,
            (f"{where}:statuses", values if table == "statuses" else []),
        )
        try:
            checked = screen(content, DEFAULT_LIMITS)
        except ImportFormatError as exc:
            if exc.path.rsplit(":", 1)[-1] != table or exc.line not in order:
                raise HubError(f"the hub's content is unusable: {exc}") from None
            report.refused.append(f"hub {table} row {exc.line}: {exc.message}")
            at = order.index(exc.line)
            by_seq = {r[1]: r for r in part}
            # the screen took the values it read apart: those before the refused row get fresh
            # ones (they passed, and are screened again for their typed values); those after
            # it were not read (a record read has lost its kind: read again, to be sure)
            head = [_fresh(by_seq[s]) for s in order[:at]]
            tail = [by_seq[s] for s in order[at + 1 :]]
            tail = [r if not isinstance(r[3], dict) or "kind" in r[3] or table != "records"
                    else _fresh(r) for r in tail]  # fmt: skip
            work += [p for p in (tail, head) if p]
            continue
        records += checked.records
        statuses += checked.statuses
    return records, statuses


def _fresh(row: tuple[str, int, str, Any]) -> tuple[str, int, str, Any]:
    return row[0], row[1], row[2], loads(row[2])


def _screened_documents(
    where: str,
    schema: Any,
    docs: list[dict[str, Any]],
    parsed: list[tuple[str, int, str, Any]],
    report: SyncReport,
) -> tuple[list[BundleDocument], Schema]:
    """The team schema and the pulled documents, screened; a refused document is reported
    with the count of rows on it (they are left out). The screen checks the documents in
    order, so after a refusal the ones before it have passed: the next try starts after it
    (and the documents that passed are screened once more, together, for the bundle)."""
    passed: list[dict[str, Any]] = []
    rest = list(docs)
    while True:
        try:
            checked = screen(_documents_only(where, schema, rest), DEFAULT_LIMITS)
        except ImportFormatError as exc:
            table = exc.path.rsplit(":", 1)[-1]
            if table == "schema":
                raise HubError(
                    f"the hub's team schema is unusable: {exc.message} (a coordinator sets a "
                    "valid one with `annotator hub schema`)"
                ) from None
            if table != "documents" or exc.line is None:
                raise HubError(f"the hub's content is unusable: {exc}") from None
            passed += rest[: exc.line - 1]
            sha = rest[exc.line - 1].get("sha256")
            rest = rest[exc.line :]
            on_it = sum(1 for r in parsed if isinstance(r[3], dict) and r[3].get("doc") == sha)
            report.refused.append(
                f"hub document {sha}: {exc.message} ({on_it} versions on it left out)"
            )
            continue
        if not passed:
            return checked.documents, checked.schema
        checked = screen(_documents_only(where, schema, passed + rest), DEFAULT_LIMITS)
        return checked.documents, checked.schema


def _documents_only(where: str, schema: Any, docs: list[dict[str, Any]]) -> RawContent:
    return RawContent(
        (f"{where}:schema", schema),
        (f"{where}:documents", list(enumerate(docs, 1))),
        [],
        (f"{where}:statuses", []),
    )
