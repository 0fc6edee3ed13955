-- The ECS world. One node runs it: the one holding the lease row, whose token fences every write (a paused or
-- partitioned old leader finds the token moved on and writes nothing). The world itself lives in memory; PostgreSQL
-- holds what brings it back exactly: the latest snapshot, the commands applied since (replayed at their ticks), and
-- the history a restarted world cannot recompute cheaply (lineage of the dead, notable events).
CREATE TABLE world_lease (
  id         INT PRIMARY KEY CHECK (id = 1),
  owner      TEXT NOT NULL,
  token      BIGINT NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL
);

-- How the world runs and how far its history was written: a new leader re-simulates up to written_tick before it
-- accepts commands, so nothing it writes contradicts what the old leader wrote.
CREATE TABLE world_state (
  id           INT PRIMARY KEY CHECK (id = 1),
  speed        DOUBLE PRECISION NOT NULL,
  paused       BOOLEAN NOT NULL,
  written_tick BIGINT NOT NULL
);

-- The latest snapshot (binary, versioned inside) and the rules it runs under.
CREATE TABLE snapshots (
  id                 INT PRIMARY KEY CHECK (id = 1),
  tick               BIGINT NOT NULL,
  seed               BIGINT NOT NULL,
  sized_for          INT NOT NULL,
  population_cap     INT NOT NULL,
  world              BYTEA NOT NULL,
  owners             JSONB NOT NULL,
  births             BIGINT NOT NULL,
  deaths             BIGINT NOT NULL,
  taken_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Commands from the API, stored before they are acknowledged and replayed after a restore, in (tick, ordinal) order.
CREATE TABLE commands (
  tick       BIGINT NOT NULL,
  ordinal    INT NOT NULL,
  kind       TEXT NOT NULL,
  body       JSONB NOT NULL,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tick, ordinal)
);

-- Every entity that ever lived: re-simulation writes the same ids, so inserts are idempotent.
CREATE TABLE lineage (
  entity_id   BIGINT PRIMARY KEY,
  parent_a    BIGINT,
  parent_b    BIGINT,
  generation  INT NOT NULL,
  birth_tick  BIGINT NOT NULL,
  death_tick  BIGINT,
  death_cause TEXT,
  owner_id    TEXT,
  traits      REAL[] NOT NULL
);
CREATE INDEX lineage_parent_a ON lineage (parent_a) WHERE parent_a IS NOT NULL;
CREATE INDEX lineage_parent_b ON lineage (parent_b) WHERE parent_b IS NOT NULL;

-- Notable events, keyed by (tick, entity, kind): written once however often a tick is simulated; kept for
-- ecs.event_retention_hours.
CREATE TABLE events (
  tick       BIGINT NOT NULL,
  entity_id  BIGINT NOT NULL,
  kind       TEXT NOT NULL,
  other_id   BIGINT,
  detail     TEXT,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (tick, entity_id, kind)
);
CREATE INDEX events_created ON events (created_at);
