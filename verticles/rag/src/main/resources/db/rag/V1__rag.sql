-- The rag domain's own schema: the truth about collections, documents and chunks (with their vectors). The Lucene
-- index of every node is derived from these tables and follows them through the change log.
CREATE TABLE collections (
  id              TEXT PRIMARY KEY,
  owner_id        TEXT NOT NULL,
  name            TEXT NOT NULL,
  description     TEXT,
  embedding_model TEXT NOT NULL,
  chunk_tokens    INT NOT NULL,
  chunk_overlap   INT NOT NULL,
  metadata        JSONB NOT NULL DEFAULT '{}',
  version         BIGINT NOT NULL DEFAULT 1,
  last_ingest_at  TIMESTAMPTZ,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX collections_owner ON collections (owner_id, id);

-- A job ingests the documents stored with it; its lease (like a task's) fences a worker that lost it.
CREATE TABLE ingest_jobs (
  id               TEXT PRIMARY KEY,
  collection_id    TEXT NOT NULL REFERENCES collections ON DELETE CASCADE,
  owner_id         TEXT NOT NULL,
  status           TEXT NOT NULL DEFAULT 'queued',
  stage            TEXT NOT NULL DEFAULT 'queued',
  documents_total  INT NOT NULL DEFAULT 0,
  documents_done   INT NOT NULL DEFAULT 0,
  chunks_total     INT NOT NULL DEFAULT 0,
  chunks_done      INT NOT NULL DEFAULT 0,
  unchanged        INT NOT NULL DEFAULT 0,
  document_ids     TEXT[] NOT NULL DEFAULT '{}',
  errors           JSONB NOT NULL DEFAULT '[]',
  next_sequence    BIGINT NOT NULL DEFAULT 1,
  lease_owner      TEXT,
  lease_expires_at TIMESTAMPTZ,
  created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
  completed_at     TIMESTAMPTZ
);
CREATE INDEX ingest_jobs_open ON ingest_jobs (created_at) WHERE status IN ('queued', 'running');

-- Every progress event of a job, numbered, so a stream that reconnects gets what it missed.
CREATE TABLE ingest_events (
  job_id     TEXT NOT NULL REFERENCES ingest_jobs ON DELETE CASCADE,
  sequence   BIGINT NOT NULL,
  type       TEXT NOT NULL,
  data       JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (job_id, sequence)
);

-- A document is its bytes, kept until it is replaced or deleted (a reindex parses them again).
CREATE TABLE documents (
  id            TEXT PRIMARY KEY,
  collection_id TEXT NOT NULL REFERENCES collections ON DELETE CASCADE,
  name          TEXT NOT NULL,
  mime_type     TEXT NOT NULL,
  content_hash  TEXT NOT NULL,
  content       BYTEA NOT NULL,
  size_bytes    BIGINT NOT NULL,
  metadata      JSONB NOT NULL DEFAULT '{}',
  status        TEXT NOT NULL DEFAULT 'pending',
  error         TEXT,
  chunk_count   INT NOT NULL DEFAULT 0,
  job_id        TEXT,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  UNIQUE (collection_id, content_hash)
);
CREATE INDEX documents_collection ON documents (collection_id, id);
CREATE INDEX documents_collection_name ON documents (collection_id, name);
CREATE INDEX documents_job ON documents (job_id) WHERE status = 'pending';

-- Vectors are float32 little-endian; content_hash and model find a vector computed before, to reuse it.
CREATE TABLE chunks (
  id            TEXT PRIMARY KEY,
  document_id   TEXT NOT NULL REFERENCES documents ON DELETE CASCADE,
  collection_id TEXT NOT NULL,
  ordinal       INT NOT NULL,
  text          TEXT NOT NULL,
  start_offset  INT NOT NULL,
  end_offset    INT NOT NULL,
  token_count   INT NOT NULL,
  symbol        TEXT,
  content_hash  TEXT NOT NULL,
  model         TEXT NOT NULL,
  vector        BYTEA NOT NULL,
  UNIQUE (document_id, ordinal)
);
CREATE INDEX chunks_reuse ON chunks (content_hash, model);
CREATE INDEX chunks_collection ON chunks (collection_id);

-- The ordered change log every node's index follows: a document's chunks (re)written, a document or a whole
-- collection gone. Kept without foreign keys: a deletion must stay logged after its rows are gone.
CREATE TABLE changes (
  seq           BIGSERIAL PRIMARY KEY,
  collection_id TEXT NOT NULL,
  document_id   TEXT,
  op            TEXT NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX changes_collection ON changes (collection_id, seq);
