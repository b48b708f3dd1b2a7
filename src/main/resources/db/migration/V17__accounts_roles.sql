-- Named accounts with roles (ADMIN, OPERATOR, CUSTODIAN, AUDITOR), which can be disabled, and which may have to
-- change their password at their next sign-in. The accounts that exist already (the first administrator) keep
-- every right they had: they hold every role. Portable SQL (H2 and PostgreSQL).

ALTER TABLE app_user ADD COLUMN roles VARCHAR(128) DEFAULT 'ADMIN,OPERATOR,CUSTODIAN,AUDITOR' NOT NULL;

ALTER TABLE app_user ADD COLUMN enabled BOOLEAN DEFAULT TRUE NOT NULL;

ALTER TABLE app_user ADD COLUMN must_change_password BOOLEAN DEFAULT FALSE NOT NULL;

ALTER TABLE app_user ADD COLUMN password_changed_at TIMESTAMP WITH TIME ZONE;
