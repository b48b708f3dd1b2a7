-- One lifecycle run at a time per device, held by the schema as one ACTIVE credential per device is: a run
-- names its device in running_device_id while it runs (NULL once finished), and the column is unique.
-- Portable SQL (H2 and PostgreSQL both let a unique column hold many NULLs). Runs stored before stay NULL: any
-- still RUNNING is closed as interrupted by the instance check.

ALTER TABLE lifecycle_run ADD COLUMN running_device_id UUID;

CREATE UNIQUE INDEX ux_lifecycle_run_running_device ON lifecycle_run (running_device_id);
