-- grain: one row per survey with at least one answer
-- Surveys in date order (ties by code) and the survey before each one: the
-- baseline of every "change since the previous survey".
WITH answered_survey AS (
    SELECT DISTINCT
        r.survey_code,
        r.survey_date,
        r.fiscal_year
    FROM stg_survey_respondent AS r
    JOIN int_survey_membership AS m
        ON m.survey_code = r.survey_code
       AND m.respondent_id = r.respondent_id
       AND m.dimension = '全体'
)

SELECT
    survey_code,
    survey_date,
    fiscal_year,
    row_number() OVER (ORDER BY survey_date, survey_code)   AS survey_seq,
    lag(survey_code) OVER (ORDER BY survey_date, survey_code) AS previous_survey_code
FROM answered_survey
