-- resources/subscribe: which MCP sessions want notifications/resources/updated for which resource.
CREATE TABLE subscriptions (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  uri        TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (session_id, uri)
);
CREATE INDEX subscriptions_uri ON subscriptions (uri);
