-- One audit log, hash-chained. Portable SQL (H2 and PostgreSQL).
--
-- Each entry names its object by type, id and name (the name kept so that an entry reads well after the object
-- is deleted), the client address of the request that made it, and its place in the chain: the hash of the
-- entry before it and its own hash (SHA-256, hex). The hashes are computed by Keysmith (AuditHash), not here:
-- the rows that exist before this migration (the legacy rows, the device trail's included) are chained once,
-- in id order, at the first start-up after it (AuditChain), while audit_chain_head.last_hash is still NULL.

ALTER TABLE audit_event ADD COLUMN object_name VARCHAR(255);
ALTER TABLE audit_event ADD COLUMN client_address VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN previous_hash VARCHAR(64);
ALTER TABLE audit_event ADD COLUMN entry_hash VARCHAR(64);

CREATE INDEX ix_audit_event_object ON audit_event (object_id, occurred_at);

CREATE INDEX ix_audit_event_actor ON audit_event (actor, occurred_at);

-- The device trail joins the one log, oldest first, so that the new ids keep the trail's order.
INSERT INTO audit_event (occurred_at, actor, action, object_type, object_id, object_name, detail)
SELECT occurred_at, actor, action, 'device', LOWER(CAST(device_id AS VARCHAR(36))), device_name, detail
FROM device_audit
ORDER BY id;

DROP TABLE device_audit;

-- The chain's one head row: the last chained entry and its hash. Every append locks it (SELECT ... FOR UPDATE),
-- so that appends are serialized across threads and across instances sharing the database.
CREATE TABLE audit_chain_head (
    id             INTEGER      NOT NULL PRIMARY KEY,
    last_event_id  BIGINT,
    last_hash      VARCHAR(64)
);

INSERT INTO audit_chain_head (id, last_event_id, last_hash) VALUES (1, NULL, NULL);
