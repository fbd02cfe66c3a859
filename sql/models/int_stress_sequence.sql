-- grain: one row per stress check (survey with a BJSQ answer)
-- Stress checks in date order (ties by code) and the stress check before
-- each one: the baseline of the change since the previous stress check.
-- Staff surveys have their own sequence (int_survey_sequence).
WITH stress_survey AS (
    SELECT DISTINCT
        r.survey_code,
        r.survey_date,
        r.fiscal_year
    FROM stg_survey_respondent AS r
    JOIN int_stress_respondent AS s USING (survey_code, respondent_id)
)

SELECT
    survey_code,
    survey_date,
    fiscal_year,
    row_number() OVER (ORDER BY survey_date, survey_code)    AS survey_seq,
    lag(survey_code) OVER (ORDER BY survey_date, survey_code) AS previous_survey_code
FROM stress_survey
