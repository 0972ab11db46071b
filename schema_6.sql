-- whosaid's database schema, step 6: the stance of a claim's cue.
--
-- stance: 'loaded' when the cue is a word that tilts the reader ("claimed", "admitted",
-- "insisted"; the reviewed list is src/extract/lexicon/loaded_cues.txt), 'neutral' for a
-- plain word of attribution ("said", "according to") or no cue. It follows from the cue's
-- words alone: whosaid writes it with every claim it stores or changes, and fills it in for
-- the claims already stored when it applies this step. It is there for those who query the
-- database; whosaid itself reads the stance from the cue.

ALTER TABLE claims ADD COLUMN stance TEXT NOT NULL DEFAULT 'neutral'
    CHECK (stance IN ('neutral', 'loaded'));
