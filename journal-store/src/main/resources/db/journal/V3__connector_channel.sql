-- Batches pulled by the connectors are applied like pushed ones, on a channel of their own.
ALTER TABLE ingest_batch DROP CONSTRAINT IF EXISTS ingest_batch_channel_check;
ALTER TABLE ingest_batch ADD CONSTRAINT ingest_batch_channel_check CHECK (channel IN ('API', 'CSV', 'DEMO', 'CONNECTOR'));
