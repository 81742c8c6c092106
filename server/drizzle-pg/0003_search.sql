-- Custom migration (drizzle-kit generate --custom): full-text search over messages and notes, the twin of
-- drizzle/0006_search.sql (SQLite's FTS5 with `unicode61 remove_diacritics 2`). drizzle's schema cannot express
-- a text search configuration, an expression index or triggers; keep this file as it is at merge.
--
-- Words: the body with punctuation made blanks (so "ES-1234", "joan@example.com" and "col·lecció" split as FTS5
-- splits them, where PostgreSQL's parser would keep a signed number, an e-mail or a host whole), parsed by the
-- default parser, accents removed (unaccent) and lower-cased (simple): the words the SQLite index holds.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE TEXT SEARCH CONFIGURATION conversation_search (COPY = simple);
--> statement-breakpoint
ALTER TEXT SEARCH CONFIGURATION conversation_search
	ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart,
		email, url, host, url_path, file, sfloat, float, int, uint, version
	WITH unaccent, simple;
--> statement-breakpoint
-- A SQL-standard body is bound at creation: the configuration is found by its oid whatever the search_path.
CREATE FUNCTION conversation_search_vector(body text) RETURNS tsvector
	LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
	RETURN to_tsvector('conversation_search'::regconfig, regexp_replace(body, '[!-/:-@[-`{-~¡¿«»·‘’“”…–—•€]+', ' ', 'g'));
--> statement-breakpoint
-- The index PostgreSQL keeps itself, in the same transaction as each write: nothing on the message path indexes.
-- Queries name the same expression and predicate to use it.
CREATE INDEX conversation_events_search ON conversation_events
	USING gin (conversation_search_vector(body))
	WHERE type IN ('message', 'note') AND body IS NOT NULL;
--> statement-breakpoint
-- The vocabulary, for typo tolerance (SQLite reads it from fts5vocab): every word of the index once, whatever
-- the site; its words are only candidates for a search limited to the searcher's site.
CREATE TABLE conversation_search_words (word text PRIMARY KEY);
--> statement-breakpoint
-- New words join in the writing transaction, once per statement (a batch of events is one insert). In word
-- order, so two transactions bringing the same new words wait on each other rather than deadlock.
CREATE FUNCTION conversation_search_words_learn() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	INSERT INTO conversation_search_words (word)
	SELECT DISTINCT w.word FROM added, unnest(tsvector_to_array(conversation_search_vector(added.body))) AS w(word)
	WHERE added.type IN ('message', 'note') AND added.body IS NOT NULL
	ORDER BY w.word
	ON CONFLICT DO NOTHING;
	RETURN NULL;
END $$;
--> statement-breakpoint
-- Words that no message or note holds any more (a privacy erase, an edited body) leave the vocabulary, as they
-- leave fts5vocab: an erased shopper's words are not kept as spellings.
CREATE FUNCTION conversation_search_words_forget() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	DELETE FROM conversation_search_words s
	WHERE s.word IN (
		SELECT w.word FROM gone, unnest(tsvector_to_array(conversation_search_vector(gone.body))) AS w(word)
		WHERE gone.type IN ('message', 'note') AND gone.body IS NOT NULL)
	AND NOT EXISTS (
		SELECT 1 FROM conversation_events e
		WHERE e.type IN ('message', 'note') AND e.body IS NOT NULL
			AND conversation_search_vector(e.body) @@ plainto_tsquery('simple', s.word));
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_events_search_words_insert AFTER INSERT ON conversation_events
	REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION conversation_search_words_learn();
--> statement-breakpoint
-- An edited body (a redaction) learns its new words and forgets the old ones; updates that leave bodies alone
-- (most do) cost a join of the statement's rows and nothing more.
CREATE FUNCTION conversation_search_words_edit() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	IF EXISTS (
		SELECT 1 FROM gone JOIN added USING (conversation_id, seq)
		WHERE gone.body IS DISTINCT FROM added.body OR gone.type IS DISTINCT FROM added.type
	) THEN
		INSERT INTO conversation_search_words (word)
		SELECT DISTINCT w.word FROM added, unnest(tsvector_to_array(conversation_search_vector(added.body))) AS w(word)
		WHERE added.type IN ('message', 'note') AND added.body IS NOT NULL
		ORDER BY w.word
		ON CONFLICT DO NOTHING;
		DELETE FROM conversation_search_words s
		WHERE s.word IN (
			SELECT w.word FROM gone JOIN added USING (conversation_id, seq),
				unnest(tsvector_to_array(conversation_search_vector(gone.body))) AS w(word)
			WHERE gone.type IN ('message', 'note') AND gone.body IS NOT NULL
				AND (gone.body IS DISTINCT FROM added.body OR gone.type IS DISTINCT FROM added.type))
		AND NOT EXISTS (
			SELECT 1 FROM conversation_events e
			WHERE e.type IN ('message', 'note') AND e.body IS NOT NULL
				AND conversation_search_vector(e.body) @@ plainto_tsquery('simple', s.word));
	END IF;
	RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER conversation_events_search_words_update AFTER UPDATE ON conversation_events
	REFERENCING OLD TABLE AS gone NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION conversation_search_words_edit();
--> statement-breakpoint
CREATE TRIGGER conversation_events_search_words_delete AFTER DELETE ON conversation_events
	REFERENCING OLD TABLE AS gone FOR EACH STATEMENT EXECUTE FUNCTION conversation_search_words_forget();
--> statement-breakpoint
INSERT INTO conversation_search_words (word)
SELECT DISTINCT w.word FROM conversation_events e, unnest(tsvector_to_array(conversation_search_vector(e.body))) AS w(word)
WHERE e.type IN ('message', 'note') AND e.body IS NOT NULL;
