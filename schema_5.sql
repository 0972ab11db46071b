-- whosaid's database schema: an article's external id is its identity.
--
-- The same text under two external ids is two articles, each with its own outlet and date
-- (syndicated copies are what comparisons between outlets are about), so the content hash
-- is no longer unique. Only articles without an external id are told apart by their text:
-- at most one of them per content hash (a partial unique index).
--
-- The articles table is rebuilt (SQLite cannot drop a column's UNIQUE): same columns, same
-- rows, same ids. The step runs with foreign keys off (src/store/mod.rs), so dropping the old
-- table deletes no claim, source or sentence row.

CREATE TABLE articles_5 (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT UNIQUE CHECK (external_id IS NULL OR length(external_id) > 0),
    title        TEXT,
    outlet       TEXT,
    author       TEXT,
    -- ISO 8601 calendar date, YYYY-MM-DD
    published    TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    url          TEXT,
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    -- SHA-256 of text, lowercase hex
    content_hash TEXT NOT NULL,
    added_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

INSERT INTO articles_5 (id, external_id, title, outlet, author, published, url, text,
    content_hash, added_at)
SELECT id, external_id, title, outlet, author, published, url, text, content_hash, added_at
FROM articles ORDER BY id;

DROP TABLE articles;
ALTER TABLE articles_5 RENAME TO articles;

CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_meta ON articles (id, outlet, published, external_id, title, author, url);
CREATE INDEX articles_content_hash ON articles (content_hash);
CREATE UNIQUE INDEX articles_text_without_id ON articles (content_hash) WHERE external_id IS NULL;
