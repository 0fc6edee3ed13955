-- The chunks a task's knowledge searches returned (document, chunk, offsets), for its answer's citations.
ALTER TABLE tasks ADD COLUMN citations JSONB NOT NULL DEFAULT '[]';
