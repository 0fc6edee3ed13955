-- MCP sessions: any node may serve the next request of a session; the id is a 256-bit random token.
CREATE TABLE sessions (
  id               TEXT PRIMARY KEY,
  user_id          TEXT NOT NULL,
  protocol_version TEXT NOT NULL,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  closed_at        TIMESTAMPTZ
);
CREATE INDEX sessions_user ON sessions (user_id);
