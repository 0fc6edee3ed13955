-- The memory domain's own schema. A message's sequence is assigned under the session's row lock: gap-free, unique.
CREATE TABLE sessions (
  id            TEXT PRIMARY KEY,
  agent_id      TEXT NOT NULL,
  user_id       TEXT NOT NULL,
  title         TEXT,
  metadata      JSONB NOT NULL DEFAULT '{}',
  encoding      TEXT NOT NULL,
  message_count BIGINT NOT NULL DEFAULT 0,
  token_count   BIGINT NOT NULL DEFAULT 0,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX sessions_agent ON sessions (agent_id, id);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE messages (
  id           TEXT PRIMARY KEY,
  session_id   TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  sequence     BIGINT NOT NULL,
  role         TEXT NOT NULL,
  content      JSONB NOT NULL,
  content_text TEXT NOT NULL,
  token_count  INTEGER NOT NULL,
  pinned       BOOLEAN NOT NULL DEFAULT false,
  append_key   TEXT,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  tsv          TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', content_text)) STORED,
  UNIQUE (session_id, sequence)
);
CREATE UNIQUE INDEX messages_append_key ON messages (session_id, append_key) WHERE append_key IS NOT NULL;
CREATE INDEX messages_pinned ON messages (session_id, sequence) WHERE pinned;
CREATE INDEX messages_search ON messages USING GIN (tsv);
