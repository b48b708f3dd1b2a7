-- Each device name's look-alike key (NFKC, case folded, invisible characters removed, Cyrillic and Greek
-- letters that look Latin written as those), so that names people would confuse are found by an index.
-- Rows stored before this migration get their key from a Java callback after the migrations run
-- (dev.keysmith.device.DeviceNameKeyBackfill): SQL alone cannot compute it on both H2 and PostgreSQL.

ALTER TABLE device ADD COLUMN name_key VARCHAR(1024);

CREATE INDEX ix_device_name_key ON device (name_key);
