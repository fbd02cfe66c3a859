-- grain: one row per respondent per answered item
-- The answers of known respondents (stg_survey_respondent), materialised
-- once for the engagement models: scores flipped for reverse items,
-- favourable = top two boxes of the item's scale, score_100 on 0–100
-- (stg_survey_answer). Answers of a respondent id the survey does not list
-- are dropped.
SELECT
    a.survey_code,
    a.respondent_id,
    a.item_code,
    a.category,
    a.engagement,
    a.scale,
    a.score,
    a.favourable,
    a.score_100
FROM stg_survey_answer AS a
WHERE EXISTS (
    SELECT 1
    FROM stg_survey_respondent AS r
    WHERE r.survey_code = a.survey_code
      AND r.respondent_id = a.respondent_id
)
