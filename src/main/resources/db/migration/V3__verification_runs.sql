-- One-click verification runs and their steps; a pinned server certificate as a trust option.

ALTER TABLE thingsboard_server ADD COLUMN pinned_server_sha256 VARCHAR(95);

CREATE TABLE verification_run (
    id            UUID                     NOT NULL PRIMARY KEY,
    device_id     UUID                     NOT NULL,
    device_name   VARCHAR(255)             NOT NULL,
    server_id     UUID                     NOT NULL,
    server_name   VARCHAR(255)             NOT NULL,
    started_by    VARCHAR(255)             NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at   TIMESTAMP WITH TIME ZONE,
    status        VARCHAR(16)              NOT NULL,
    payload       VARCHAR(1024)            NOT NULL,
    diagnosis     VARCHAR(4096),
    version       BIGINT                   NOT NULL
);

CREATE INDEX ix_verification_run_device ON verification_run (device_id, started_at);

CREATE TABLE verification_step (
    run_id       UUID          NOT NULL,
    position     INTEGER       NOT NULL,
    name         VARCHAR(64)   NOT NULL,
    status       VARCHAR(16)   NOT NULL,
    duration_ms  BIGINT,
    detail       VARCHAR(4096),
    evidence     VARCHAR(8192),
    PRIMARY KEY (run_id, position),
    CONSTRAINT fk_verification_step_run FOREIGN KEY (run_id) REFERENCES verification_run (id) ON DELETE CASCADE
);
