-- grain: one row per respondent per survey per reporting dimension
-- The group each respondent falls in, for every dimension the engagement
-- marts report by: 全体 (everyone), 部, 職層, 年代, 性別, 勤続年数. A blank
-- attribute is the group 未回答, a group like any other. Only respondents
-- with at least one answered item count as respondents; a submitted but
-- empty form is not a response.
WITH answered AS (
    SELECT DISTINCT survey_code, respondent_id
    FROM int_survey_answer
),

respondent AS (
    SELECT
        r.survey_code,
        r.respondent_id,
        r.dept_name,
        r.grade,
        r.age_band,
        r.gender,
        r.tenure_band
    FROM stg_survey_respondent AS r
    JOIN answered USING (survey_code, respondent_id)
)

SELECT survey_code, respondent_id, '全体' AS dimension, '全体' AS group_value FROM respondent
UNION ALL
SELECT survey_code, respondent_id, '部', dept_name FROM respondent
UNION ALL
SELECT survey_code, respondent_id, '職層', grade FROM respondent
UNION ALL
SELECT survey_code, respondent_id, '年代', age_band FROM respondent
UNION ALL
SELECT survey_code, respondent_id, '性別', gender FROM respondent
UNION ALL
SELECT survey_code, respondent_id, '勤続年数', tenure_band FROM respondent
