-- Custom migration (drizzle-kit generate --custom): full-text search over messages and notes.
-- drizzle's schema cannot express an FTS5 virtual table or triggers; keep this file as it is at merge.
-- External content: the index reads bodies from conversation_events by rowid, so bodies are not stored twice.
-- Triggers keep it in step inside the same transaction as each write; deleting an event (privacy erase)
-- deletes it from the index too. After a VACUUM (which may renumber rowids) run:
--   INSERT INTO conversation_search(conversation_search) VALUES ('rebuild');
CREATE VIRTUAL TABLE `conversation_search` USING fts5(
	body,
	content = 'conversation_events',
	tokenize = "unicode61 remove_diacritics 2"
);
--> statement-breakpoint
CREATE VIRTUAL TABLE `conversation_search_vocab` USING fts5vocab('conversation_search', 'row');
--> statement-breakpoint
CREATE TRIGGER `conversation_events_search_insert` AFTER INSERT ON `conversation_events`
WHEN new.type IN ('message', 'note') AND new.body IS NOT NULL BEGIN
	INSERT INTO conversation_search(rowid, body) VALUES (new.rowid, new.body);
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_events_search_delete` AFTER DELETE ON `conversation_events`
WHEN old.type IN ('message', 'note') AND old.body IS NOT NULL BEGIN
	INSERT INTO conversation_search(conversation_search, rowid, body) VALUES ('delete', old.rowid, old.body);
END;
--> statement-breakpoint
CREATE TRIGGER `conversation_events_search_update` AFTER UPDATE OF body ON `conversation_events`
WHEN old.type IN ('message', 'note') BEGIN
	INSERT INTO conversation_search(conversation_search, rowid, body) SELECT 'delete', old.rowid, old.body WHERE old.body IS NOT NULL;
	INSERT INTO conversation_search(rowid, body) SELECT new.rowid, new.body WHERE new.body IS NOT NULL;
END;
--> statement-breakpoint
INSERT INTO conversation_search(rowid, body)
SELECT rowid, body FROM conversation_events WHERE type IN ('message', 'note') AND body IS NOT NULL;
