-- The largest UDP datagram Keysmith's DTLS client sends to a server (ThingsBoard's DTLS server
-- takes about 1,024 bytes with its default settings).

ALTER TABLE thingsboard_server ADD COLUMN dtls_datagram_limit INTEGER DEFAULT 1024 NOT NULL;
