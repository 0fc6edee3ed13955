-- Attempts that ended through no fault of the task: its worker's node stopped gracefully and handed it over, or a
-- domain it needs had no node serving it. They do not count against max_attempts. unavailable_since: when the
-- task first found a domain missing in its current stretch of waiting, to bound that wait.
ALTER TABLE tasks ADD COLUMN uncharged_attempts integer NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN unavailable_since timestamptz;
