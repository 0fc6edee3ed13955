-- Directories followed into collections, bound by administrators. A source is watched by the node it names (by
-- node.name: a directory is local to a machine); that node's heartbeat says whether anyone is watching.
CREATE TABLE sources (
  id            TEXT PRIMARY KEY,
  collection_id TEXT NOT NULL REFERENCES collections ON DELETE CASCADE,
  node_name     TEXT NOT NULL,
  path          TEXT NOT NULL,
  include       JSONB NOT NULL,
  exclude       JSONB NOT NULL,
  status        TEXT NOT NULL DEFAULT 'starting',
  detail        TEXT,
  files         BIGINT NOT NULL DEFAULT 0,
  last_scan_at  TIMESTAMPTZ,
  heartbeat_at  TIMESTAMPTZ,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (collection_id, node_name, path)
);
CREATE INDEX sources_node ON sources (node_name);
-- A source's files are the documents that carry its id.
CREATE INDEX documents_source ON documents (collection_id, (metadata ->> 'source'));
