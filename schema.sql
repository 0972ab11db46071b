-- whosaid's database schema, version 1.
--
-- Applied by src/store/mod.rs when a database is opened; PRAGMA user_version records the
-- steps applied. Never edit a released step: append a new one to MIGRATIONS instead.
-- Labels are the lowercase names of the guideline (../shared/eval/GUIDELINE.md).
-- Offsets are Unicode code points into articles.text, end exclusive.

CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    external_id  TEXT UNIQUE CHECK (external_id IS NULL OR length(external_id) > 0),
    title        TEXT,
    outlet       TEXT,
    author       TEXT,
    -- ISO 8601 calendar date, YYYY-MM-DD
    published    TEXT CHECK (published IS NULL OR published GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
    url          TEXT,
    text         TEXT NOT NULL CHECK (length(trim(text)) > 0),
    -- SHA-256 of text, lowercase hex: the same text is stored once
    content_hash TEXT NOT NULL UNIQUE,
    added_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))
);

CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_published ON articles (published);

-- The sources an article's claims rest on, resolved ("She" -> "Claudia Sheinbaum").
CREATE TABLE sources (
    id         INTEGER PRIMARY KEY,
    article_id INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) > 0),
    identity   TEXT NOT NULL CHECK (identity IN ('named', 'anonymous', 'unspecified')),
    role       TEXT NOT NULL CHECK (role IN ('official', 'media', 'expert', 'organization', 'public', 'unknown')),
    UNIQUE (article_id, name, identity, role)
);

-- One attribution of an article, found by the engine (origin 'auto') or recorded by hand
-- (origin 'manual'). identity and role are the labels of this attribution; they equal those
-- of its source row when it has one.
CREATE TABLE claims (
    id            INTEGER PRIMARY KEY,
    article_id    INTEGER NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    source_id     INTEGER REFERENCES sources (id) ON DELETE SET NULL,
    source        TEXT NOT NULL,
    mention       TEXT,
    mention_start INTEGER,
    mention_end   INTEGER,
    cue           TEXT,
    cue_start     INTEGER,
    cue_end       INTEGER,
    content       TEXT,
    content_start INTEGER,
    content_end   INTEGER,
    identity      TEXT NOT NULL CHECK (identity IN ('named', 'anonymous', 'unspecified')),
    role          TEXT NOT NULL CHECK (role IN ('official', 'media', 'expert', 'organization', 'public', 'unknown')),
    form          TEXT NOT NULL CHECK (form IN ('direct_quote', 'paraphrase', 'document')),
    hedged        INTEGER NOT NULL DEFAULT 0 CHECK (hedged IN (0, 1)),
    via           TEXT,
    origin        TEXT NOT NULL CHECK (origin IN ('auto', 'manual')),
    annotator     TEXT NOT NULL CHECK (length(annotator) > 0),
    rule          TEXT NOT NULL DEFAULT '',
    trigger       TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    CHECK ((mention IS NULL) = (mention_start IS NULL) AND (mention IS NULL) = (mention_end IS NULL)),
    CHECK ((cue IS NULL) = (cue_start IS NULL) AND (cue IS NULL) = (cue_end IS NULL)),
    CHECK ((content IS NULL) = (content_start IS NULL) AND (content IS NULL) = (content_end IS NULL)),
    CHECK (mention_start IS NULL OR (0 <= mention_start AND mention_start <= mention_end)),
    CHECK (cue_start IS NULL OR (0 <= cue_start AND cue_start <= cue_end)),
    CHECK (content_start IS NULL OR (0 <= content_start AND content_start <= content_end))
);

CREATE INDEX claims_article_annotator ON claims (article_id, annotator);
CREATE INDEX claims_article_origin ON claims (article_id, origin);
CREATE INDEX claims_source ON claims (source_id);
