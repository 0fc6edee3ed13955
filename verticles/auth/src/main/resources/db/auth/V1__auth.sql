-- The auth domain's own schema. Ids are prefixed ULIDs (sortable by creation time).
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  username      TEXT NOT NULL,
  email         TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  roles         TEXT[] NOT NULL DEFAULT '{user}',
  disabled      BOOLEAN NOT NULL DEFAULT false,
  created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
  updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_username_key ON users (lower(username));
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- A login is one refresh-token family: everything descending from one successful password login.
CREATE TABLE logins (
  id                TEXT PRIMARY KEY,
  user_id           TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  device            TEXT,
  address           TEXT,
  created_at        TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_refreshed_at TIMESTAMPTZ,
  expires_at        TIMESTAMPTZ NOT NULL,
  revoked_at        TIMESTAMPTZ,
  revoke_reason     TEXT
);
CREATE INDEX logins_user_live ON logins (user_id) WHERE revoked_at IS NULL;

-- Refresh tokens are stored only as SHA-256; each is used once, and its successor has the next generation.
CREATE TABLE refresh_tokens (
  token_hash      BYTEA PRIMARY KEY,
  login_id        TEXT NOT NULL REFERENCES logins (id) ON DELETE CASCADE,
  generation      INTEGER NOT NULL,
  created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
  idle_expires_at TIMESTAMPTZ NOT NULL,
  used_at         TIMESTAMPTZ,
  grace_used      BOOLEAN NOT NULL DEFAULT false
);
CREATE INDEX refresh_tokens_login ON refresh_tokens (login_id, generation);

CREATE TABLE api_keys (
  id           TEXT PRIMARY KEY,
  user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  name         TEXT NOT NULL,
  prefix       TEXT NOT NULL UNIQUE,
  key_hash     BYTEA NOT NULL,
  scopes       TEXT[] NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
  last_used_at TIMESTAMPTZ,
  expires_at   TIMESTAMPTZ,
  revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_keys_user ON api_keys (user_id) WHERE revoked_at IS NULL;

-- Signing keys: public JWKs of every key still able to verify; a private key only for keys generated in dev mode.
CREATE TABLE signing_keys (
  kid         TEXT PRIMARY KEY,
  public_jwk  JSONB NOT NULL,
  private_pem TEXT,
  active      BOOLEAN NOT NULL DEFAULT false,
  created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  retired_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX signing_keys_one_active ON signing_keys (active) WHERE active;

CREATE TABLE audit_events (
  id         TEXT PRIMARY KEY,
  type       TEXT NOT NULL,
  user_id    TEXT,
  actor_id   TEXT,
  address    TEXT,
  detail     JSONB,
  created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
