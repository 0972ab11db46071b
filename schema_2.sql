-- whosaid's database schema, step 2: each article's sentence spans, cached.
--
-- Reports over many articles count attributed sentences without splitting every text again.
-- sentence_spans holds the spans of extract::sentences as little-endian u32 pairs
-- (start, end), code points; sentences is their number. Rows stored before this step are
-- filled in by the migration (src/store/sentences.rs); a NULL is split again when read.

ALTER TABLE articles ADD COLUMN sentences INTEGER CHECK (sentences IS NULL OR sentences >= 0);
ALTER TABLE articles ADD COLUMN sentence_spans BLOB;
