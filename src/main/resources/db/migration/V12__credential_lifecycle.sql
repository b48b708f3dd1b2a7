-- Certificate lifecycle: a credential's failure cause, revocation and key destruction; and the runs that
-- renew, activate and revoke, with their steps, in the shape of verification runs. Portable SQL (H2 and
-- PostgreSQL). New credential states (FAILED, REVOKED) fit the existing state column and its CHECK (only
-- ACTIVE holds active_device_id).

ALTER TABLE device_credential ADD COLUMN failure_cause VARCHAR(1024);
ALTER TABLE device_credential ADD COLUMN revoked_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE device_credential ADD COLUMN key_destroyed_at TIMESTAMP WITH TIME ZONE;

CREATE TABLE lifecycle_run (
    id                      UUID                     NOT NULL PRIMARY KEY,
    kind                    VARCHAR(16)              NOT NULL,
    device_id               UUID                     NOT NULL,
    device_name             VARCHAR(255)             NOT NULL,
    server_id               UUID,
    server_name             VARCHAR(255),
    credential_id           UUID,
    previous_credential_id  UUID,
    started_by              VARCHAR(255)             NOT NULL,
    started_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at             TIMESTAMP WITH TIME ZONE,
    status                  VARCHAR(16)              NOT NULL,
    cause                   VARCHAR(32),
    diagnosis               VARCHAR(4096),
    caveat                  VARCHAR(4096),
    owner_instance_id       UUID,
    version                 BIGINT                   NOT NULL
);

CREATE INDEX ix_lifecycle_run_device ON lifecycle_run (device_id, started_at);

CREATE INDEX ix_lifecycle_run_status ON lifecycle_run (status);

CREATE TABLE lifecycle_step (
    run_id       UUID          NOT NULL,
    position     INTEGER       NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    duration_ms  BIGINT,
    detail       VARCHAR(4096),
    evidence     VARCHAR(8192),
    PRIMARY KEY (run_id, position),
    CONSTRAINT fk_lifecycle_step_run FOREIGN KEY (run_id) REFERENCES lifecycle_run (id) ON DELETE CASCADE
);
