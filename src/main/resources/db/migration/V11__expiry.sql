-- Expiry at a glance: which certificates entered which expiry window, and the webhook that hears of it.
-- Portable SQL (H2 and PostgreSQL).
--
-- expiry_entry: one row when a credential's certificate entered a window (WITHIN_90_DAYS, WITHIN_30_DAYS,
-- WITHIN_7_DAYS, EXPIRED), written by the expiry scan (at start-up and daily). A credential enters each
-- window once: the UNIQUE constraint keeps two instances scanning at once from writing it twice. No
-- foreign key to the device: the record of what happened outlives a deleted device, so it names the
-- device as it was. notified_at stays NULL until the webhook took the notice (2xx), so a receiver that
-- is down hears of it at a later try. While one instance sends an entry it holds it (claim_token,
-- claimed_until), so that instances sharing the database do not send it twice; a claim ends with
-- the send, or by itself at claimed_until when its instance is gone.
--
-- Devices stored before this migration need nothing here: their windows are read from their ACTIVE
-- credential's not_after, and the first scan (at start-up) records the windows they are in.

CREATE TABLE expiry_entry (
    id              UUID                     NOT NULL PRIMARY KEY,
    credential_id   UUID                     NOT NULL,
    device_id       UUID                     NOT NULL,
    device_name     VARCHAR(255)             NOT NULL,
    server_id       UUID,
    expiry_window   VARCHAR(16)              NOT NULL,
    not_after       TIMESTAMP WITH TIME ZONE NOT NULL,
    entered_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    notified_at     TIMESTAMP WITH TIME ZONE,
    claim_token     UUID,
    claimed_until   TIMESTAMP WITH TIME ZONE,
    CONSTRAINT uk_expiry_entry_window UNIQUE (credential_id, expiry_window)
);

CREATE INDEX ix_expiry_entry_pending ON expiry_entry (notified_at, entered_at);

-- The webhook: one row at most (id 1). The secret is sealed by the vault like a ThingsBoard password;
-- the last delivery's outcome is kept for the settings page.
CREATE TABLE expiry_webhook (
    id                  INTEGER                  NOT NULL PRIMARY KEY,
    url                 VARCHAR(2048),
    sealed_secret       VARCHAR(4096),
    vault_key_id        VARCHAR(16),
    updated_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_by          VARCHAR(255)             NOT NULL,
    last_attempt_at     TIMESTAMP WITH TIME ZONE,
    last_outcome        VARCHAR(1024),
    last_delivered_at   TIMESTAMP WITH TIME ZONE,
    version             BIGINT                   NOT NULL
);

-- The device list filters and sorts by the ACTIVE certificate's end of validity.
CREATE INDEX ix_device_credential_state_not_after ON device_credential (state, not_after);
