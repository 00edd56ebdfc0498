-- one layer's spans in reading order straight from an index: exports stream a whole layer
-- without sorting, and the view loads a document's spans already ordered
CREATE INDEX spans_order ON spans(annotator, doc_id, start, "end", uuid);
