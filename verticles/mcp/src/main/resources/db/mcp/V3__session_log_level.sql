-- logging/setLevel: the minimum level of notifications/message a session receives.
ALTER TABLE sessions ADD COLUMN log_level TEXT NOT NULL DEFAULT 'info';
