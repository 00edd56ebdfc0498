-- Withdrawn suggestion batches (undo of annotate-all at scale): the suggestions one undoable
-- store writes share the first 14 characters of their uuids (``xxxxxxxx-xxxx-``, the batch,
-- drawn unused in the file), so the batch is one range of the uuid index. A batch named here
-- is withdrawn: no read of the suggestion API sees its rows (pending or rejected) until a
-- redo takes it off the list, or they are deleted (when it can no longer be redone), a chunk
-- at a time. ``intact``: none of its rows has gone since it was withdrawn, so a redo only
-- takes it off the list (docs/design/search.md, "Suggestions: storage").
CREATE TABLE withdrawn_suggestions (
  batch TEXT PRIMARY KEY, intact INTEGER NOT NULL DEFAULT 1 CHECK (intact IN (0, 1)))
