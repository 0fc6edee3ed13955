-- Federated MCP servers. Credentials (header name -> value) are sent only to that server and never returned.
CREATE TABLE upstream_servers (
  name         TEXT PRIMARY KEY,
  url          TEXT NOT NULL,
  description  TEXT,
  credentials  JSONB NOT NULL DEFAULT '{}',
  created_by   TEXT NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  status       TEXT NOT NULL DEFAULT 'unavailable',
  last_error   TEXT,
  refreshed_at TIMESTAMPTZ
);
