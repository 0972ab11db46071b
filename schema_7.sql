-- whosaid's database schema: which engine found each article's automatic claims.
--
-- `engine` is the engine version that produced the article's automatic claims, as
-- `whosaid analyze --jsonl` writes it ("whosaid 0.1.0 rules 1a2b3c4d5e6f": the crate version
-- and a fingerprint of the engine's rules); `add`, `import` and `extract` set it to their own,
-- `import --analyzed` to the one its input names. NULL: not known (stored by an earlier
-- whosaid, or stored without running the engine).

ALTER TABLE articles ADD COLUMN engine TEXT;
