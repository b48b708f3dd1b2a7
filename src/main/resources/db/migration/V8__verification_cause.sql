-- Why a verification run failed, as a code beside its diagnosis in words (null for runs that passed,
-- and for runs finished before this column existed).

ALTER TABLE verification_run ADD COLUMN cause VARCHAR(32);
