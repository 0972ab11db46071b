-- whosaid's database schema, step 3: why an anonymous source is not named.
--
-- For a claim whose source is anonymous, the words of the article that say why ("spoke on
-- condition of anonymity because they were not authorized to discuss the talks"), as a span
-- like mention, cue and content: text and code-point offsets, all three set or none. Claims
-- stored before this step have none.

ALTER TABLE claims ADD COLUMN anonymity_reason TEXT;
ALTER TABLE claims ADD COLUMN anonymity_reason_start INTEGER
    CHECK (anonymity_reason_start IS NULL OR anonymity_reason_start >= 0);
ALTER TABLE claims ADD COLUMN anonymity_reason_end INTEGER
    CHECK (anonymity_reason_end IS NULL OR anonymity_reason_end >= 0);

-- The three columns of the span are set together, as the other spans' are (a trigger, since
-- a table constraint cannot be added to an existing table).
CREATE TRIGGER claims_anonymity_reason_insert BEFORE INSERT ON claims
WHEN (NEW.anonymity_reason IS NULL) != (NEW.anonymity_reason_start IS NULL)
  OR (NEW.anonymity_reason IS NULL) != (NEW.anonymity_reason_end IS NULL)
  OR NEW.anonymity_reason_start > NEW.anonymity_reason_end
BEGIN
    SELECT RAISE(ABORT, 'claims.anonymity_reason: text, start and end are set together, start <= end');
END;

CREATE TRIGGER claims_anonymity_reason_update BEFORE UPDATE ON claims
WHEN (NEW.anonymity_reason IS NULL) != (NEW.anonymity_reason_start IS NULL)
  OR (NEW.anonymity_reason IS NULL) != (NEW.anonymity_reason_end IS NULL)
  OR NEW.anonymity_reason_start > NEW.anonymity_reason_end
BEGIN
    SELECT RAISE(ABORT, 'claims.anonymity_reason: text, start and end are set together, start <= end');
END;
