-- The team hub, version 2: a record uuid belongs to the layer that first wrote it.
--
-- Row-level security lets an analyst write any row of its own layer, and a record's layer is
-- the body's annotator; without this step an analyst could push a version of a colleague's
-- record (the colleague's uuid, its own annotator, a later clock) and every pull would hand
-- that record over to it, or delete it. Here the hub itself decides: the first version pushed
-- under a (kind, uuid) names its owner in record_owners, whose primary key makes two first
-- writers at once impossible (one insert waits for the other and then sees its row); a later
-- version of that (kind, uuid) in another layer is refused with the owner named.

CREATE TABLE annotator_hub.record_owners (
    kind text NOT NULL,
    uuid text NOT NULL,
    annotator text NOT NULL,
    PRIMARY KEY (kind, uuid)
);

-- existing hubs: the first version pushed names the owner (a later version of another layer
-- stays stored; a pull's merge judges it)
INSERT INTO annotator_hub.record_owners (kind, uuid, annotator)
SELECT DISTINCT ON (kind, uuid) kind, uuid, annotator
FROM annotator_hub.records
ORDER BY kind, uuid, seq;

-- Runs as the hub's owner (the members write no row of record_owners themselves), after the
-- row passed the table's constraints and row-level security (a write those refuse is refused
-- by them, as before), and only for a row stored (a version pushed again is skipped by
-- ON CONFLICT DO NOTHING before any trigger).
CREATE FUNCTION annotator_hub.claim_record() RETURNS trigger
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    k text := NEW.kind;
    u text := NEW.uuid;
    a text := NEW.annotator;
    owner text;
BEGIN
    INSERT INTO annotator_hub.record_owners (kind, uuid, annotator) VALUES (k, u, a)
        ON CONFLICT (kind, uuid) DO NOTHING;
    IF NOT FOUND THEN
        SELECT o.annotator INTO owner FROM annotator_hub.record_owners o
            WHERE o.kind = k AND o.uuid = u;
        IF owner IS DISTINCT FROM a THEN
            RAISE EXCEPTION 'the record % % belongs to the layer %: a version of it in the layer % is refused',
                k, u, coalesce(owner, '(unknown)'), a
                USING ERRCODE = 'check_violation',
                      HINT = 'a record keeps the layer that first wrote it; a new record needs a new uuid';
        END IF;
    END IF;
    RETURN NULL;
END
$$;
REVOKE ALL ON FUNCTION annotator_hub.claim_record() FROM PUBLIC;

CREATE TRIGGER records_owned AFTER INSERT ON annotator_hub.records
    FOR EACH ROW EXECUTE FUNCTION annotator_hub.claim_record();

REVOKE ALL ON annotator_hub.record_owners FROM PUBLIC;
GRANT SELECT ON annotator_hub.record_owners
    TO annotator_analyst, annotator_adjudicator, annotator_coordinator;
ALTER TABLE annotator_hub.record_owners ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_reads ON annotator_hub.record_owners FOR SELECT USING (true);
