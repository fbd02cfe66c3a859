-- grain: one row per respondent per answered BJSQ item
-- The stress-check answers (survey_item.instrument = 'bjsq') of known
-- respondents, with the item's scale and its item score: the answer
-- number 1–4 as printed (1 = そうだ / ほとんどなかった / 非常に / 満足),
-- flipped (5 − answer) where the questionnaire's scoring key says so
-- (cfg_bjsq_item, from jinzai.BJSQScales; docs/metrics/stress-check.md).
SELECT
    a.survey_code,
    a.respondent_id,
    a.item_no,
    k.scale_code,
    a.raw_value,
    CASE WHEN k.flip THEN 5 - a.raw_value ELSE a.raw_value END AS item_score
FROM stg_survey_answer AS a
JOIN cfg_bjsq_item AS k ON k.item_no = a.item_no
WHERE a.instrument = 'bjsq'
  AND EXISTS (
    SELECT 1
    FROM stg_survey_respondent AS r
    WHERE r.survey_code = a.survey_code
      AND r.respondent_id = a.respondent_id
)
