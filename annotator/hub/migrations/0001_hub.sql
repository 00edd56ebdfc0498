-- The team hub, version 1: documents, record and status versions, assignments, members, the
-- team schema, a sync log; who may write what, enforced by grants and row-level security.
-- Run by annotator.hub.migrate inside one transaction, as the hub's owner (the role that runs
-- `annotator hub init`), which needs CREATEROLE the first time (the three group roles).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'annotator_analyst') THEN
        CREATE ROLE annotator_analyst NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'annotator_adjudicator') THEN
        CREATE ROLE annotator_adjudicator NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'annotator_coordinator') THEN
        CREATE ROLE annotator_coordinator NOLOGIN;
    END IF;
END
$$;

CREATE TABLE annotator_hub.meta (
    key text PRIMARY KEY,
    value text NOT NULL
);

-- database role -> the layer it writes. An analyst writes its layer, an adjudicator its layer
-- and gold; a coordinator (layer NULL) writes no annotation.
CREATE TABLE annotator_hub.members (
    role name PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('analyst', 'adjudicator', 'coordinator')),
    layer text UNIQUE CHECK (layer <> 'gold'),
    added_at timestamptz NOT NULL DEFAULT now(),
    CHECK ((kind = 'coordinator') = (layer IS NULL))
);

-- the team schema: every version kept; the greatest is the one a pull merges with
CREATE TABLE annotator_hub.schemas (
    version bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    body jsonb NOT NULL CHECK (jsonb_typeof(body) = 'object'),
    set_by name NOT NULL DEFAULT current_user CHECK (set_by = current_user),
    set_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE annotator_hub.documents (
    sha256 text PRIMARY KEY CHECK (sha256 ~ '^[0-9a-f]{64}$'),
    name text NOT NULL,
    meta jsonb NOT NULL DEFAULT '{}' CHECK (jsonb_typeof(meta) = 'object'),
    text text NOT NULL,
    added_by name NOT NULL DEFAULT current_user CHECK (added_by = current_user),
    added_at timestamptz NOT NULL DEFAULT now(),
    -- a document is its text: the hash is checked here as every project checks it
    CHECK (sha256 = encode(sha256(convert_to(text, 'UTF8')), 'hex'))
);

-- One sequence numbers every record and status version in the order their pushes commit:
-- a statement trigger takes one lock before any row draws a number, so pushes commit one
-- after another and what a reader sees is always a prefix of the sequence (a pull that has
-- read up to N never misses a row numbered below N that commits later).
CREATE SEQUENCE annotator_hub.change_seq;

-- Record versions exactly as a bundle's record lines (annotator.exchange.bundle_read's
-- canonical_record); the columns the database judges are computed from the line itself, so a
-- row cannot say one layer in a column and another in its content.
CREATE TABLE annotator_hub.records (
    seq bigint PRIMARY KEY DEFAULT nextval('annotator_hub.change_seq'),
    body jsonb NOT NULL,
    kind text NOT NULL GENERATED ALWAYS AS (body ->> 'kind') STORED
        CHECK (kind IN ('spans', 'events', 'arguments', 'relations')),
    uuid text NOT NULL GENERATED ALWAYS AS (body ->> 'uuid') STORED,
    doc_sha text NOT NULL GENERATED ALWAYS AS (body ->> 'doc') STORED
        REFERENCES annotator_hub.documents (sha256),
    annotator text NOT NULL GENERATED ALWAYS AS (body ->> 'annotator') STORED,
    clock text NOT NULL GENERATED ALWAYS AS (body ->> 'clock') STORED
        CHECK (clock ~ '^[0-9]{13}\.[0-9]{6}$'),
    label text GENERATED ALWAYS AS (coalesce(body ->> 'label', body ->> 'type', body ->> 'role')) STORED,
    deleted boolean NOT NULL GENERATED ALWAYS AS ((body -> 'deleted') = 'true'::jsonb) STORED,
    digest text NOT NULL GENERATED ALWAYS AS (md5(body::text)) STORED,
    origin text NOT NULL,
    pushed_by name NOT NULL DEFAULT current_user CHECK (pushed_by = current_user),
    pushed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (jsonb_typeof(body) = 'object'),
    UNIQUE (kind, uuid, annotator, clock, digest)
);
CREATE INDEX records_layer ON annotator_hub.records (annotator, kind);
CREATE INDEX records_doc ON annotator_hub.records (doc_sha);

-- Document status versions, as a bundle's status lines
CREATE TABLE annotator_hub.statuses (
    seq bigint PRIMARY KEY DEFAULT nextval('annotator_hub.change_seq'),
    body jsonb NOT NULL,
    doc_sha text NOT NULL GENERATED ALWAYS AS (body ->> 'doc') STORED
        REFERENCES annotator_hub.documents (sha256),
    annotator text NOT NULL GENERATED ALWAYS AS (body ->> 'annotator') STORED,
    status text NOT NULL GENERATED ALWAYS AS (body ->> 'status') STORED,
    clock text NOT NULL GENERATED ALWAYS AS (body ->> 'clock') STORED
        CHECK (clock ~ '^[0-9]{13}\.[0-9]{6}$'),
    origin text NOT NULL,
    pushed_by name NOT NULL DEFAULT current_user CHECK (pushed_by = current_user),
    pushed_at timestamptz NOT NULL DEFAULT now(),
    CHECK (jsonb_typeof(body) = 'object'),
    UNIQUE (doc_sha, annotator, clock, status)
);

CREATE FUNCTION annotator_hub.serialize_pushes() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('annotator_hub.change_seq'));
    RETURN NULL;
END
$$;
CREATE TRIGGER records_serialized BEFORE INSERT ON annotator_hub.records
    FOR EACH STATEMENT EXECUTE FUNCTION annotator_hub.serialize_pushes();
CREATE TRIGGER statuses_serialized BEFORE INSERT ON annotator_hub.statuses
    FOR EACH STATEMENT EXECUTE FUNCTION annotator_hub.serialize_pushes();

CREATE TABLE annotator_hub.assignments (
    doc_sha text NOT NULL REFERENCES annotator_hub.documents (sha256),
    layer text NOT NULL,
    assigned_by name NOT NULL DEFAULT current_user CHECK (assigned_by = current_user),
    assigned_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (doc_sha, layer)
);

CREATE TABLE annotator_hub.sync_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    role name NOT NULL DEFAULT current_user,
    layer text,
    at timestamptz NOT NULL DEFAULT now(),
    pushed integer NOT NULL,
    pulled integer NOT NULL,
    seq_to bigint NOT NULL
);

-- The layer the connected role writes (NULL for coordinators and strangers).
CREATE FUNCTION annotator_hub.my_layer() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT layer FROM annotator_hub.members WHERE role = current_user
$$;

CREATE FUNCTION annotator_hub.my_kind() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT kind FROM annotator_hub.members WHERE role = current_user
$$;

-- grants: everyone in the team reads everything; writes are only what is listed here
REVOKE ALL ON ALL TABLES IN SCHEMA annotator_hub FROM PUBLIC;
REVOKE ALL ON SCHEMA annotator_hub FROM PUBLIC;
GRANT USAGE ON SCHEMA annotator_hub
    TO annotator_analyst, annotator_adjudicator, annotator_coordinator;
GRANT SELECT ON ALL TABLES IN SCHEMA annotator_hub
    TO annotator_analyst, annotator_adjudicator, annotator_coordinator;
GRANT USAGE ON SEQUENCE annotator_hub.change_seq TO annotator_analyst, annotator_adjudicator;
GRANT INSERT (body, origin) ON annotator_hub.records TO annotator_analyst, annotator_adjudicator;
GRANT INSERT (body, origin) ON annotator_hub.statuses TO annotator_analyst, annotator_adjudicator;
GRANT INSERT (sha256, name, meta, text) ON annotator_hub.documents TO annotator_coordinator;
GRANT INSERT (doc_sha, layer), DELETE ON annotator_hub.assignments TO annotator_coordinator;
GRANT INSERT (body) ON annotator_hub.schemas TO annotator_coordinator;
GRANT INSERT (layer, pushed, pulled, seq_to) ON annotator_hub.sync_log
    TO annotator_analyst, annotator_adjudicator, annotator_coordinator;

-- row-level security: an analyst's rows are its own layer; an adjudicator's also gold
ALTER TABLE annotator_hub.records ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator_hub.statuses ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator_hub.sync_log ENABLE ROW LEVEL SECURITY;
-- the group roles are the server's, shared by every hub on it: a coordinator of one hub holds
-- annotator_coordinator everywhere, so each hub also checks its own members table
ALTER TABLE annotator_hub.documents ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator_hub.assignments ENABLE ROW LEVEL SECURITY;
ALTER TABLE annotator_hub.schemas ENABLE ROW LEVEL SECURITY;

CREATE POLICY team_reads ON annotator_hub.documents FOR SELECT USING (true);
CREATE POLICY coordinators ON annotator_hub.documents FOR INSERT
    WITH CHECK (annotator_hub.my_kind() = 'coordinator');
CREATE POLICY team_reads ON annotator_hub.assignments FOR SELECT USING (true);
CREATE POLICY coordinators_add ON annotator_hub.assignments FOR INSERT
    WITH CHECK (annotator_hub.my_kind() = 'coordinator');
CREATE POLICY coordinators_remove ON annotator_hub.assignments FOR DELETE
    USING (annotator_hub.my_kind() = 'coordinator');
CREATE POLICY team_reads ON annotator_hub.schemas FOR SELECT USING (true);
CREATE POLICY coordinators ON annotator_hub.schemas FOR INSERT
    WITH CHECK (annotator_hub.my_kind() = 'coordinator');

CREATE POLICY team_reads ON annotator_hub.records FOR SELECT USING (true);
CREATE POLICY own_layer ON annotator_hub.records FOR INSERT
    TO annotator_analyst, annotator_adjudicator
    WITH CHECK (annotator = annotator_hub.my_layer()
                AND annotator_hub.my_kind() IN ('analyst', 'adjudicator'));
CREATE POLICY gold_layer ON annotator_hub.records FOR INSERT TO annotator_adjudicator
    WITH CHECK (annotator = 'gold' AND annotator_hub.my_kind() = 'adjudicator');

CREATE POLICY team_reads ON annotator_hub.statuses FOR SELECT USING (true);
CREATE POLICY own_layer ON annotator_hub.statuses FOR INSERT
    TO annotator_analyst, annotator_adjudicator
    WITH CHECK (annotator = annotator_hub.my_layer()
                AND annotator_hub.my_kind() IN ('analyst', 'adjudicator'));
CREATE POLICY gold_layer ON annotator_hub.statuses FOR INSERT TO annotator_adjudicator
    WITH CHECK (annotator = 'gold' AND annotator_hub.my_kind() = 'adjudicator');

CREATE POLICY team_reads ON annotator_hub.sync_log FOR SELECT USING (true);
CREATE POLICY own_lines ON annotator_hub.sync_log FOR INSERT
    WITH CHECK (role = current_user AND layer IS NOT DISTINCT FROM annotator_hub.my_layer());
