-- Renewal batches: each item of a batch that renews certificates keeps the new certificate
-- its renewal prepared (a device_credential of its device: a try again activates that one
-- rather than preparing another) and how long the renewal took.

ALTER TABLE batch_item ADD COLUMN credential_id UUID;
ALTER TABLE batch_item ADD COLUMN renew_millis BIGINT;
