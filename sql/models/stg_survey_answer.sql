-- grain: one row per respondent per answered item
-- Reverse-scored items are flipped (lowest + highest − value) so that a
-- higher score is always better; favourable = the top two boxes of the
-- item's own scale after flipping; score_100 puts every scale on 0–100.
-- An item's answers run from scale_min (1, or 0 for 0–6 and 0–10 scales)
-- to scale_min + scale − 1. instrument and item_no name the item of a
-- standard instrument (BJSQ, UWES-9, eNPS), scored by its own key.
WITH answer AS (
    SELECT
        a.survey_code,
        a.respondent_id,
        a.item_code,
        i.category,
        i.engagement,
        i.scale,
        coalesce(i.scale_min, 1)                  AS scale_min,
        i.instrument,
        i.item_no,
        a.value                                   AS raw_value,
        CASE WHEN i.reverse THEN 2 * coalesce(i.scale_min, 1) + i.scale - 1 - a.value ELSE a.value END AS score
    FROM survey_response AS a
    JOIN survey_item AS i USING (item_code)
)

SELECT
    survey_code,
    respondent_id,
    item_code,
    category,
    engagement,
    scale,
    scale_min,
    instrument,
    item_no,
    raw_value,
    score,
    score >= scale_min + scale - 2                   AS favourable,
    score_100(score - scale_min + 1, scale)          AS score_100
FROM answer
