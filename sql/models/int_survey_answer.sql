-- grain: one row per respondent per answered item
-- The answers of known respondents (stg_survey_respondent), materialised
-- once for the engagement models: scores flipped for reverse items,
-- favourable = top two boxes of the item's scale, score_100 on 0–100
-- (stg_survey_answer). Answers of a respondent id the survey does not list
-- are dropped, and so are the answers to BJSQ items: a stress check is
-- analysed by the stress models (int_stress_answer), not as a staff survey.
-- UWES-9 and eNPS items stay: they are items of the staff survey too, and
-- the standard scores read their raw answers (int_standard_respondent).
SELECT
    a.survey_code,
    a.respondent_id,
    a.item_code,
    a.category,
    a.engagement,
    a.scale,
    a.scale_min,
    a.instrument,
    a.item_no,
    a.raw_value,
    a.score,
    a.favourable,
    a.score_100
FROM stg_survey_answer AS a
WHERE a.instrument IS DISTINCT FROM 'bjsq'
  AND EXISTS (
    SELECT 1
    FROM stg_survey_respondent AS r
    WHERE r.survey_code = a.survey_code
      AND r.respondent_id = a.respondent_id
)
