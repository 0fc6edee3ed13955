-- What the client said it can do at initialize (sampling, elicitation, roots): a tool may ask it only that.
ALTER TABLE sessions ADD COLUMN client_capabilities TEXT[] NOT NULL DEFAULT '{}';
