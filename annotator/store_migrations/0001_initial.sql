CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, text TEXT NOT NULL,
  sha256 TEXT NOT NULL UNIQUE, raw_sha256 TEXT NOT NULL DEFAULT '',
  meta TEXT NOT NULL DEFAULT '{}', created TEXT NOT NULL);
CREATE TABLE annotators (
  name TEXT PRIMARY KEY, display_name TEXT NOT NULL DEFAULT '', created TEXT NOT NULL);
CREATE TABLE spans (
  uuid TEXT PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),
  annotator TEXT NOT NULL REFERENCES annotators(name),
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL,
  attributes TEXT NOT NULL DEFAULT '{}', note TEXT NOT NULL DEFAULT '',
  fragments TEXT NOT NULL DEFAULT '[]', clock TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL, modified TEXT NOT NULL,
  CHECK (start >= 0 AND start < "end"));
CREATE INDEX spans_doc ON spans(doc_id, annotator);
CREATE INDEX spans_label ON spans(label);
CREATE TABLE events (
  uuid TEXT PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),
  annotator TEXT NOT NULL REFERENCES annotators(name), type TEXT NOT NULL,
  trigger TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{}', note TEXT NOT NULL DEFAULT '',
  clock TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL, modified TEXT NOT NULL);
CREATE INDEX events_doc ON events(doc_id, annotator);
CREATE TABLE arguments (
  uuid TEXT PRIMARY KEY, event TEXT NOT NULL, doc_id INTEGER NOT NULL REFERENCES documents(id),
  annotator TEXT NOT NULL REFERENCES annotators(name), role TEXT NOT NULL,
  target TEXT NOT NULL, clock TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL, modified TEXT NOT NULL);
CREATE INDEX arguments_doc ON arguments(doc_id, annotator);
CREATE INDEX arguments_event ON arguments(event);
CREATE TABLE relations (
  uuid TEXT PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),
  annotator TEXT NOT NULL REFERENCES annotators(name), type TEXT NOT NULL,
  source TEXT NOT NULL, target TEXT NOT NULL, attributes TEXT NOT NULL DEFAULT '{}',
  note TEXT NOT NULL DEFAULT '', clock TEXT NOT NULL, deleted INTEGER NOT NULL DEFAULT 0,
  created TEXT NOT NULL, modified TEXT NOT NULL);
CREATE INDEX relations_doc ON relations(doc_id, annotator);
CREATE TABLE doc_status (
  doc_id INTEGER NOT NULL REFERENCES documents(id),
  annotator TEXT NOT NULL REFERENCES annotators(name),
  status TEXT NOT NULL CHECK (status IN ('new', 'in_progress', 'done')),
  clock TEXT NOT NULL, PRIMARY KEY (doc_id, annotator));
CREATE TABLE schema (id INTEGER PRIMARY KEY CHECK (id = 1), json TEXT NOT NULL,
  modified TEXT NOT NULL);
CREATE TABLE changes (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, annotator TEXT NOT NULL, action TEXT NOT NULL,
  kind TEXT NOT NULL, uuid TEXT NOT NULL, before TEXT, after TEXT);
CREATE INDEX changes_uuid ON changes(uuid);
CREATE TABLE quarantine (
  id INTEGER PRIMARY KEY, at TEXT NOT NULL, source TEXT NOT NULL, doc_sha256 TEXT NOT NULL,
  kind TEXT NOT NULL, uuid TEXT NOT NULL, record TEXT NOT NULL, reason TEXT NOT NULL);
