-- whosaid's database schema, step 4: claim ids are never reused, and a corrected automatic
-- claim remembers the engine's span it replaces.
--
-- The claims table is rebuilt (SQLite cannot add AUTOINCREMENT to a table): with
-- AUTOINCREMENT, the id of a removed claim is never given to a new one, so an id written down
-- (in a worksheet, a note, a script) never comes to mean another claim.
--
-- replaces_start and replaces_end: when an automatic claim is corrected by hand (`claim
-- edit`), the span the engine had given it (its content, else its cue, else its mention:
-- code points, end exclusive). When the engine runs again (`extract`), it does not store a
-- claim for that span again: the corrected claim stands in for it. Both set or neither.
--
-- The step-3 triggers on the anonymity reason become table constraints.

CREATE TABLE claims_4 (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
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
    anonymity_reason       TEXT,
    anonymity_reason_start INTEGER,
    anonymity_reason_end   INTEGER,
    replaces_start INTEGER,
    replaces_end   INTEGER,
    CHECK ((mention IS NULL) = (mention_start IS NULL) AND (mention IS NULL) = (mention_end IS NULL)),
    CHECK ((cue IS NULL) = (cue_start IS NULL) AND (cue IS NULL) = (cue_end IS NULL)),
    CHECK ((content IS NULL) = (content_start IS NULL) AND (content IS NULL) = (content_end IS NULL)),
    CHECK ((anonymity_reason IS NULL) = (anonymity_reason_start IS NULL)
       AND (anonymity_reason IS NULL) = (anonymity_reason_end IS NULL)),
    CHECK ((replaces_start IS NULL) = (replaces_end IS NULL)),
    CHECK (mention_start IS NULL OR (0 <= mention_start AND mention_start <= mention_end)),
    CHECK (cue_start IS NULL OR (0 <= cue_start AND cue_start <= cue_end)),
    CHECK (content_start IS NULL OR (0 <= content_start AND content_start <= content_end)),
    CHECK (anonymity_reason_start IS NULL
       OR (0 <= anonymity_reason_start AND anonymity_reason_start <= anonymity_reason_end)),
    CHECK (replaces_start IS NULL OR (0 <= replaces_start AND replaces_start <= replaces_end))
);

INSERT INTO claims_4 (id, article_id, source_id, source, mention, mention_start, mention_end,
    cue, cue_start, cue_end, content, content_start, content_end, identity, role, form, hedged,
    via, origin, annotator, rule, trigger, created_at, anonymity_reason,
    anonymity_reason_start, anonymity_reason_end)
SELECT id, article_id, source_id, source, mention, mention_start, mention_end,
    cue, cue_start, cue_end, content, content_start, content_end, identity, role, form, hedged,
    via, origin, annotator, rule, trigger, created_at, anonymity_reason,
    anonymity_reason_start, anonymity_reason_end
FROM claims ORDER BY id;

DROP TABLE claims;
ALTER TABLE claims_4 RENAME TO claims;

CREATE INDEX claims_article_annotator ON claims (article_id, annotator);
CREATE INDEX claims_article_origin ON claims (article_id, origin);
CREATE INDEX claims_source ON claims (source_id);
