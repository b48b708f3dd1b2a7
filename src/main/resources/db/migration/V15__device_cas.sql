-- Device CAs: a CA made by Keysmith or imported with its key, which issues device
-- certificates. Its key is sealed under the master key as device keys are; a retired CA
-- issues nothing more. A device credential issued by a CA names it and keeps the CA's
-- certificate as it was (the chain a device presents), whatever happens to the CA later.

CREATE TABLE device_ca (
    id                  UUID                     NOT NULL PRIMARY KEY,
    name                VARCHAR(64)              NOT NULL,
    key_type            VARCHAR(16)              NOT NULL,
    origin              VARCHAR(16)              NOT NULL,
    subject             VARCHAR(1024)            NOT NULL,
    serial_number       VARCHAR(128)             NOT NULL,
    sha256_fingerprint  VARCHAR(95)              NOT NULL,
    not_before          TIMESTAMP WITH TIME ZONE NOT NULL,
    not_after           TIMESTAMP WITH TIME ZONE NOT NULL,
    certificate_pem     VARCHAR(16384)           NOT NULL,
    sealed_private_key  VARCHAR(8192)            NOT NULL,
    vault_key_id        VARCHAR(16)              NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    created_by          VARCHAR(255)             NOT NULL,
    retired_at          TIMESTAMP WITH TIME ZONE,
    retired_by          VARCHAR(255),
    version             BIGINT                   NOT NULL,
    CONSTRAINT uk_device_ca_name UNIQUE (name)
);

ALTER TABLE device_credential ADD COLUMN ca_id UUID REFERENCES device_ca (id);
ALTER TABLE device_credential ADD COLUMN issuer_pem VARCHAR(16384);
