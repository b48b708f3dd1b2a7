-- A device has credentials over time: each certificate (with its sealed key, if Keysmith holds it) is a
-- record of its own, PENDING, ACTIVE or RETIRED. Portable SQL (H2 and PostgreSQL).
--
-- Exactly one ACTIVE credential per device: the service keeps one, and the schema refuses a second.
-- active_device_id is the device's id while the credential is ACTIVE and NULL otherwise (the CHECK ties
-- it to the state), and it is UNIQUE: NULLs do not collide, so any number of PENDING or RETIRED ones may
-- exist. (A partial unique index would say this directly, but H2 has none.)
--
-- key_binding says what a sealed key's AES-GCM associated data names: RECORD for the credential record
-- (its id and fingerprint), FINGERPRINT for the certificate's fingerprint alone, as keys were sealed before
-- this migration. Keysmith re-seals FINGERPRINT keys to RECORD at start-up (that needs the master key, so
-- SQL cannot do it): dev.keysmith.device.DeviceKeyRebinding.

CREATE TABLE device_credential (
    id                  UUID                     NOT NULL PRIMARY KEY,
    device_id           UUID                     NOT NULL,
    state               VARCHAR(16)              NOT NULL,
    active_device_id    UUID,
    key_type            VARCHAR(16)              NOT NULL,
    origin              VARCHAR(16)              NOT NULL,
    subject             VARCHAR(1024)            NOT NULL,
    serial_number       VARCHAR(128)             NOT NULL,
    not_before          TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after           TIMESTAMP WITH TIME ZONE NOT NULL,
    sha256_fingerprint  VARCHAR(95)              NOT NULL,
    credentials_id      VARCHAR(64)              NOT NULL,
    certificate_pem     VARCHAR(65536)           NOT NULL,
    sealed_private_key  VARCHAR(8192),
    vault_key_id        VARCHAR(16),
    key_binding         VARCHAR(16)              NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    activated_at        TIMESTAMP WITH TIME ZONE,
    retired_at          TIMESTAMP WITH TIME ZONE,
    version             BIGINT                   NOT NULL,
    CONSTRAINT fk_device_credential_device FOREIGN KEY (device_id) REFERENCES device (id) ON DELETE CASCADE,
    CONSTRAINT uk_device_credential_active UNIQUE (active_device_id),
    CONSTRAINT ck_device_credential_active CHECK (
        (state = 'ACTIVE' AND active_device_id IS NOT NULL AND active_device_id = device_id)
        OR (state <> 'ACTIVE' AND active_device_id IS NULL))
);

CREATE INDEX ix_device_credential_device ON device_credential (device_id, created_at);

CREATE INDEX ix_device_credential_credentials_id ON device_credential (credentials_id);

-- Each device's certificate becomes its one ACTIVE credential. The record takes the device's id as its
-- own (one credential per device so far, and SQL has no portable way to make a UUID).
INSERT INTO device_credential (id, device_id, state, active_device_id, key_type, origin, subject, serial_number,
        not_before, not_after, sha256_fingerprint, credentials_id, certificate_pem, sealed_private_key, vault_key_id,
        key_binding, created_at, activated_at, retired_at, version)
    SELECT id, id, 'ACTIVE', id, key_type, origin, subject, serial_number, not_before, not_after, sha256_fingerprint,
        credentials_id, certificate_pem, sealed_private_key, vault_key_id,
        CASE WHEN sealed_private_key IS NULL THEN 'RECORD' ELSE 'FINGERPRINT' END,
        created_at, created_at, NULL, 0
    FROM device;

-- The certificate's columns now live on the credential only.
DROP INDEX ix_device_credentials_id;

ALTER TABLE device DROP COLUMN key_type;
ALTER TABLE device DROP COLUMN origin;
ALTER TABLE device DROP COLUMN subject;
ALTER TABLE device DROP COLUMN serial_number;
ALTER TABLE device DROP COLUMN not_before;
ALTER TABLE device DROP COLUMN not_after;
ALTER TABLE device DROP COLUMN sha256_fingerprint;
ALTER TABLE device DROP COLUMN credentials_id;
ALTER TABLE device DROP COLUMN certificate_pem;
ALTER TABLE device DROP COLUMN sealed_private_key;
ALTER TABLE device DROP COLUMN vault_key_id;
