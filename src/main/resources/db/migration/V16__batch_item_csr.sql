-- A batch row may carry a device's certificate signing request instead of a certificate:
-- the device keeps its key, and the batch's CA issues the certificate.

ALTER TABLE batch_item ADD COLUMN csr_pem VARCHAR(65536);
