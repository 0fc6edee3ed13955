-- The registry's truth: every tool a domain declared. Each node keeps a catalog loaded from here.
CREATE TABLE tools (
  name       TEXT PRIMARY KEY,
  domain     TEXT NOT NULL,
  category   TEXT,
  definition JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX tools_domain ON tools (domain);
