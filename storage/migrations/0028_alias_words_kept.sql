-- An item /alias classified as it was reported kept only the canonical id, so re-pointing the
-- alias could not find it again (it stayed under the old substance). From now on such items keep
-- the officer's words in substance_text beside the id; here the past ones get them back where the
-- words as written end with the alias's words (the substance is what the alias maps them to).
UPDATE seizure_item
SET substance_text = (
    SELECT a.words
    FROM seizure AS s
    JOIN substance_alias AS a ON a.operation_id = s.operation_id AND a.substance = seizure_item.substance
    WHERE s.id = seizure_item.seizure_id
      AND substr(lower(seizure_item.as_written), -length(a.words)) = a.words
      AND (length(seizure_item.as_written) = length(a.words)
           OR substr(seizure_item.as_written, -length(a.words) - 1, 1) = ' ')
    ORDER BY length(a.words) DESC
    LIMIT 1
)
WHERE substance IS NOT NULL AND substance_text IS NULL
  AND seizure_id IN (
    SELECT s.id FROM seizure AS s JOIN substance_alias AS a ON a.operation_id = s.operation_id
  );
