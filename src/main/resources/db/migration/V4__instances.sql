-- Running Keysmith processes, so that work left by one that is gone can be told from work
-- still going on in another; and which process owns each verification run. Each process
-- renews alive_until with every heartbeat: past it, the process is gone.

CREATE TABLE keysmith_instance (
    id            UUID                     NOT NULL PRIMARY KEY,
    host          VARCHAR(255)             NOT NULL,
    pid           BIGINT                   NOT NULL,
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    alive_until   TIMESTAMP WITH TIME ZONE NOT NULL
);

ALTER TABLE verification_run ADD COLUMN owner_instance_id UUID;
