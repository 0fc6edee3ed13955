-- The run queue. PostgreSQL is the only truth: a worker claims a queued task (FOR UPDATE SKIP LOCKED), holds a
-- lease (owner, attempt, expiry) that it renews, and every write it makes is fenced by that lease.
CREATE TABLE tasks (
  id               TEXT PRIMARY KEY,
  user_id          TEXT NOT NULL,
  principal        TEXT NOT NULL,            -- who the task acts as, re-asserted on every bus request
  agent_id         TEXT NOT NULL,
  session_id       TEXT NOT NULL,
  input            TEXT NOT NULL,
  overrides        JSONB NOT NULL DEFAULT '{}',
  max_steps        INT NOT NULL,
  status           TEXT NOT NULL,
  attempt          INT NOT NULL DEFAULT 0,
  max_attempts     INT NOT NULL,
  lease_owner      TEXT,
  lease_expires_at TIMESTAMPTZ,
  not_before       TIMESTAMPTZ NOT NULL DEFAULT now(),
  deadline         TIMESTAMPTZ,
  output           TEXT,
  error            JSONB,
  steps            JSONB NOT NULL DEFAULT '[]',
  usage            JSONB,
  cost             DOUBLE PRECISION,
  idempotency_key  TEXT,
  next_sequence    BIGINT NOT NULL DEFAULT 0,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  started_at       TIMESTAMPTZ,
  completed_at     TIMESTAMPTZ
);
CREATE UNIQUE INDEX tasks_idempotency ON tasks (user_id, idempotency_key) WHERE idempotency_key IS NOT NULL;
CREATE INDEX tasks_claimable ON tasks (created_at) WHERE status = 'queued';
CREATE INDEX tasks_leased ON tasks (lease_expires_at) WHERE status IN ('in_progress', 'cancelling');
CREATE INDEX tasks_by_session ON tasks (session_id, status);
CREATE INDEX tasks_by_user ON tasks (user_id, id);

-- Every event of a task, numbered per task without gaps: streams resume from here.
CREATE TABLE task_events (
  task_id    TEXT NOT NULL,
  sequence   BIGINT NOT NULL,
  attempt    INT NOT NULL,
  type       TEXT NOT NULL,
  data       JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (task_id, sequence)
);

-- Messages for the memory domain, written in the step's transaction, delivered over the bus until acknowledged.
CREATE TABLE outbox (
  id           BIGSERIAL PRIMARY KEY,
  task_id      TEXT NOT NULL,
  session_id   TEXT NOT NULL,
  principal    TEXT NOT NULL,
  append_key   TEXT NOT NULL,
  role         TEXT NOT NULL,
  content      JSONB NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  delivered_at TIMESTAMPTZ
);
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;
