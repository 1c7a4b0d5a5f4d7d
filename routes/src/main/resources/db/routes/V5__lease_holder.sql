-- Which node holds a document's lease: a node that starts again releases its own leases only, not
-- those of another node working beside it. NULL: leased before this column, by a single node.
ALTER TABLE run_document ADD COLUMN leased_by text;
