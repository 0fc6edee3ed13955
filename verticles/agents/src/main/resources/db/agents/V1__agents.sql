-- The agents domain's own schema. version grows with every change and is the ETag.
CREATE TABLE agents (
  id                TEXT PRIMARY KEY,
  owner_id          TEXT NOT NULL,
  name              TEXT NOT NULL,
  description       TEXT,
  instructions      TEXT,
  model             JSONB NOT NULL,
  tools             TEXT[] NOT NULL DEFAULT '{}',
  knowledge         TEXT[] NOT NULL DEFAULT '{}',
  concurrency       TEXT NOT NULL DEFAULT 'reject',
  metadata          JSONB NOT NULL DEFAULT '{}',
  status            TEXT NOT NULL DEFAULT 'idle',
  status_reason     TEXT,
  status_changed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  version           BIGINT NOT NULL DEFAULT 1,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX agents_owner ON agents (owner_id, id);
CREATE INDEX agents_owner_name ON agents (owner_id, lower(name) text_pattern_ops);
