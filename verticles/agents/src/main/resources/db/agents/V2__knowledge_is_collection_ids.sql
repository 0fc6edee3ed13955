-- An agent's knowledge lists collection ids of the rag domain from now on. Earlier values were free text: each one
-- that is not a collection id in form is dropped here, with a warning naming the agent and the value (Flyway logs
-- the server's warnings).
DO $$
DECLARE
  agent RECORD;
  value TEXT;
BEGIN
  FOR agent IN SELECT id, knowledge FROM agents WHERE knowledge <> '{}' LOOP
    FOREACH value IN ARRAY agent.knowledge LOOP
      IF value !~ '^col_[0-9A-HJKMNP-TV-Z]{26}$' THEN
        RAISE WARNING 'agent %: knowledge entry "%" is not a collection id and was dropped', agent.id, value;
      END IF;
    END LOOP;
    UPDATE agents SET knowledge = ARRAY(SELECT v FROM unnest(agent.knowledge) AS v
      WHERE v ~ '^col_[0-9A-HJKMNP-TV-Z]{26}$') WHERE id = agent.id;
  END LOOP;
END $$;
