-- Compaction: older messages summarized into one pinned message stay in the transcript but leave the context.
ALTER TABLE messages ADD COLUMN compacted_at TIMESTAMPTZ;
