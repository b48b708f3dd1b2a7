-- Batch onboarding: a batch of devices to issue or import, push and verify, and one row per
-- device (an item) with its persisted state, so that a batch survives a crash and several
-- Keysmith instances on one database share it. An instance claims pending items by taking a
-- lease on them (lease_owner, lease_until); a lease that ends, or whose owner is gone, is
-- free again. Private keys brought in a CSV are kept sealed under the master key, as on devices.

CREATE TABLE batch (
    id           UUID                     NOT NULL PRIMARY KEY,
    state        VARCHAR(16)              NOT NULL,
    source       VARCHAR(16)              NOT NULL,
    options      VARCHAR(4000)            NOT NULL,
    total        INTEGER                  NOT NULL,
    created_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by   VARCHAR(255)             NOT NULL,
    started_at   TIMESTAMP WITH TIME ZONE,
    finished_at  TIMESTAMP WITH TIME ZONE,
    note         VARCHAR(255)
);

CREATE INDEX ix_batch_state ON batch (state);

CREATE TABLE batch_item (
    id                     UUID                     NOT NULL PRIMARY KEY,
    batch_id               UUID                     NOT NULL REFERENCES batch (id) ON DELETE CASCADE,
    line                   INTEGER                  NOT NULL,
    name                   VARCHAR(255)             NOT NULL,
    label                  VARCHAR(255),
    profile_id             VARCHAR(64),
    certificate_pem        VARCHAR(65536),
    sealed_private_key     VARCHAR(8192),
    vault_key_id           VARCHAR(16),
    state                  VARCHAR(16)              NOT NULL,
    done_state             VARCHAR(16)              NOT NULL,
    pending                BOOLEAN                  NOT NULL,
    stage                  VARCHAR(16),
    cause                  VARCHAR(40),
    retryable              BOOLEAN                  NOT NULL,
    detail                 VARCHAR(1000),
    attempts               INTEGER                  NOT NULL,
    not_before             TIMESTAMP WITH TIME ZONE,
    lease_owner            UUID,
    lease_until            TIMESTAMP WITH TIME ZONE,
    device_id              UUID,
    thingsboard_device_id  VARCHAR(64),
    run_id                 UUID,
    issue_millis           BIGINT,
    push_millis            BIGINT,
    verify_millis          BIGINT,
    finished_at            TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_batch_item_line UNIQUE (batch_id, line)
);

CREATE INDEX ix_batch_item_pending ON batch_item (batch_id, pending, line);
CREATE INDEX ix_batch_item_state ON batch_item (batch_id, state, cause);
CREATE INDEX ix_batch_item_lease ON batch_item (lease_owner);
