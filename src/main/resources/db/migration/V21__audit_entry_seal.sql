-- Each audit entry is sealed: the id of the master key and an HMAC-SHA256 of the entry's hash under a key derived
-- from that master key, which is not in the database. The hashes alone let anyone who can write to the database edit an entry and compute every
-- hash after it again; a seal cannot be made without the master key. The entries written before this column are
-- left unsealed (the check says from which entry on the log is sealed). Portable SQL (H2 and PostgreSQL).

ALTER TABLE audit_event ADD COLUMN entry_seal VARCHAR(96);
