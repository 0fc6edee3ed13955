-- A session runs one task at a time. The claim checks that with the statement's snapshot and a session lock, so
-- two nodes claiming at the same instant could each start a task of one session; this index refuses the second.
-- Tasks that already broke the rule (the newer ones) go back to the queue: their leases go, fencing their workers.
UPDATE tasks SET status = 'queued', lease_owner = NULL, lease_expires_at = NULL
WHERE status IN ('in_progress', 'cancelling')
  AND id NOT IN (SELECT DISTINCT ON (session_id) id FROM tasks WHERE status IN ('in_progress', 'cancelling')
                 ORDER BY session_id, started_at, id);
CREATE UNIQUE INDEX tasks_one_active_per_session ON tasks (session_id) WHERE status IN ('in_progress', 'cancelling');
