-- Every revocation, in order: what gateways hold in memory to refuse credentials before they expire. A row lives
-- as long as a credential it names could still be accepted (an access token's lifetime, or a gateway's cache of a
-- verified API key), then it is purged. PostgreSQL is the truth; the bus announcement only makes it immediate.
CREATE TABLE revocations (
  id            BIGSERIAL PRIMARY KEY,
  user_id       TEXT,
  credential_id TEXT,
  before_ms     BIGINT,
  api_keys_too  BOOLEAN NOT NULL DEFAULT false,
  expires_at    TIMESTAMPTZ NOT NULL,
  CHECK (credential_id IS NOT NULL OR (user_id IS NOT NULL AND before_ms IS NOT NULL))
);
CREATE INDEX revocations_expiry ON revocations (expires_at);
