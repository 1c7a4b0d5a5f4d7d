-- Why a run started the way it did, shown with its progress: e.g. that the period-end scheduler stopped
-- waiting for a school's connector to sync data past the period's end (issue 17).
ALTER TABLE archive_run ADD COLUMN note text;
