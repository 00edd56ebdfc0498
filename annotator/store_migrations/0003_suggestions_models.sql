-- Suggestions (issue 13, 14): proposed spans that are not annotations. Pending ones wait for
-- an analyst, rejected ones are kept as the memory that stops the same suggestion (same
-- document, offsets, label and source) from being offered again. Never read by exports,
-- agreement, review, bundles or merges (docs/design/search.md, "Suggestions: storage").
CREATE TABLE suggestions (
  uuid TEXT PRIMARY KEY, doc_id INTEGER NOT NULL REFERENCES documents(id),
  start INTEGER NOT NULL, "end" INTEGER NOT NULL, label TEXT NOT NULL, text TEXT NOT NULL,
  source TEXT NOT NULL, score REAL NOT NULL DEFAULT 1.0, origin TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'rejected')),
  created TEXT NOT NULL,
  CHECK (start >= 0 AND start < "end"));
CREATE UNIQUE INDEX suggestions_key ON suggestions(doc_id, start, "end", label, source);
CREATE INDEX suggestions_state ON suggestions(state, doc_id, start);
-- Trained models (issue 14): crfsuite bytes and a JSON manifest, never a pickle, sha256 of
-- the data is checked before the bytes are handed out
CREATE TABLE models (
  id INTEGER PRIMARY KEY, kind TEXT NOT NULL CHECK (kind IN ('ner', 'triggers')),
  name TEXT NOT NULL, version TEXT NOT NULL, layer TEXT NOT NULL, created TEXT NOT NULL,
  manifest TEXT NOT NULL, data BLOB NOT NULL, sha256 TEXT NOT NULL);
CREATE INDEX models_kind ON models(kind, id)
-- The search index (a contentless FTS5 table of trigrams over each document's folded text)
-- is a cache: Project.ensure_search_index creates and fills it, and rebuilds it when missing
-- or of another folding version, so no step here makes it
