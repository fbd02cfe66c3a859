-- 003: standard instruments in the item bank (docs/input-files.md).
--   scale_min   the lowest answer of the item's scale: 1 (default: 1..scale)
--               or 0 (0..scale-1: UWES-9 0–6 is scale 7, eNPS 0–10 is scale 11).
--   instrument  bjsq (職業性ストレス簡易調査票, 57 or 80 items), uwes9, enps,
--               or NULL for a survey's own items.
--   item_no     the item's number within its instrument (BJSQ 1–80,
--               UWES-9 1–9, eNPS 1): the scoring key reads it.
-- Existing rows keep their meaning: scale_min 1, no instrument.
ALTER TABLE survey_item ADD COLUMN scale_min INTEGER DEFAULT 1;
ALTER TABLE survey_item ADD COLUMN instrument VARCHAR;
ALTER TABLE survey_item ADD COLUMN item_no INTEGER;
UPDATE survey_item SET scale_min = 1 WHERE scale_min IS NULL;
