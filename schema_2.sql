-- whosaid's database schema, step 2: each article's sentence spans, cached.
--
-- Reports over many articles count attributed sentences without splitting every text again.
-- spans holds the spans of extract::sentences as little-endian u32 pairs (start, end), code
-- points; sentences is their number. A table of its own, not columns of articles: reading
-- them must not walk past the article texts. Rows stored before this step are filled in by
-- the migration (src/store/sentences.rs); an article without a row is split again when read.

CREATE TABLE article_sentences (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    sentences  INTEGER NOT NULL CHECK (sentences >= 0),
    spans      BLOB NOT NULL CHECK (length(spans) = 8 * sentences)
);

-- The metadata of every article in id order without reading the texts, for the reports.
CREATE INDEX articles_meta ON articles (id, outlet, published, external_id, title, author, url);
