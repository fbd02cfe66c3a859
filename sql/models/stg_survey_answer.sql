-- grain: one row per respondent per answered item
-- Reverse-scored items are flipped (scale + 1 − value) so that a higher
-- score is always better; favourable = the top two boxes of the item's own
-- scale after flipping; score_100 puts every scale on 0–100.
SELECT
    a.survey_code,
    a.respondent_id,
    a.item_code,
    i.category,
    i.engagement,
    i.scale,
    a.value                                                     AS raw_value,
    CASE WHEN i.reverse THEN i.scale + 1 - a.value ELSE a.value END AS score,
    CASE WHEN i.reverse THEN i.scale + 1 - a.value ELSE a.value END >= i.scale - 1 AS favourable,
    score_100(CASE WHEN i.reverse THEN i.scale + 1 - a.value ELSE a.value END, i.scale) AS score_100
FROM survey_response AS a
JOIN survey_item AS i USING (item_code)
