-- ThingsBoard servers Keysmith pushes to and verifies against, and where each device was pushed.

CREATE TABLE thingsboard_server (
    id                      UUID                     NOT NULL PRIMARY KEY,
    name                    VARCHAR(255)             NOT NULL,
    base_url                VARCHAR(2048)            NOT NULL,
    auth_type               VARCHAR(16)              NOT NULL,
    username                VARCHAR(255),
    sealed_secret           VARCHAR(4096)            NOT NULL,
    vault_key_id            VARCHAR(16)              NOT NULL,
    coap_host               VARCHAR(255)             NOT NULL,
    coap_port               INTEGER                  NOT NULL,
    default_profile_id      VARCHAR(64),
    server_ca_pem           VARCHAR(65536),
    server_ca_confirmed_at  TIMESTAMP WITH TIME ZONE,
    pending_ca_pem          VARCHAR(65536),
    verify_host_name        BOOLEAN                  NOT NULL,
    from_environment        BOOLEAN                  NOT NULL,
    created_at              TIMESTAMP WITH TIME ZONE NOT NULL,
    version                 BIGINT                   NOT NULL,
    CONSTRAINT uk_thingsboard_server_name UNIQUE (name)
);

ALTER TABLE device ADD COLUMN tb_server_id UUID;
ALTER TABLE device ADD COLUMN tb_device_id VARCHAR(64);
ALTER TABLE device ADD COLUMN tb_pushed_at TIMESTAMP WITH TIME ZONE;
