"""A team hub on PostgreSQL: sync, assignment and progress for teams that outgrow bundles.

Each analyst keeps a local project file and works offline; ``sync`` pushes the layers the
analyst's database role writes and pulls everyone else's, merged exactly as bundles are
(``annotator.exchange``). The database enforces who may write what (grants, row-level
security); coordinators add documents and assign them with overlap; ``team_status`` reports
progress and agreement. This package is the only one that imports psycopg.

- ``connection`` — URLs (credentials only from libpq's places), ``HubError``;
- ``migrate`` — the hub's versioned SQL schema (``migrations/NNNN_*.sql``), ``init_hub``;
- ``sync`` — push and pull, the per-hub cursors of a project;
- ``team`` — members, documents, assignments, queues, progress and agreement.

The command line and the GUI call these functions; each long one takes a progress callback
and a cancel check. Design: docs/design/hub.md; decision: docs/adr/0007.
"""

from annotator.hub.connection import HubError, check_url, connect, describe
from annotator.hub.migrate import HubInit, init_hub
from annotator.hub.sync import SyncProgress, SyncReport, no_sync_progress, sync
from annotator.hub.team import (
    AnalystProgress,
    AssignmentReport,
    Overlap,
    PairAgreement,
    QueueItem,
    TeamStatus,
    TeamView,
    add_documents,
    add_member,
    add_project_documents,
    assign,
    assignments,
    members,
    queue,
    review_queue,
    set_team_schema,
    status_report,
    team_status,
    team_view,
)
from annotator.hubstate import Cursor, Member, load_cursor, sidecar_path

__all__ = [
    "AnalystProgress",
    "AssignmentReport",
    "Cursor",
    "HubError",
    "HubInit",
    "Member",
    "Overlap",
    "PairAgreement",
    "QueueItem",
    "SyncProgress",
    "SyncReport",
    "TeamStatus",
    "TeamView",
    "add_documents",
    "add_member",
    "add_project_documents",
    "assign",
    "assignments",
    "check_url",
    "connect",
    "describe",
    "init_hub",
    "load_cursor",
    "members",
    "no_sync_progress",
    "queue",
    "review_queue",
    "set_team_schema",
    "sidecar_path",
    "status_report",
    "sync",
    "team_status",
    "team_view",
]
