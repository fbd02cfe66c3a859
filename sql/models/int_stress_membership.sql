-- grain: one row per stress-check respondent per reporting dimension
-- The group of each respondent with at least one BJSQ answer, for every
-- dimension of the group analysis: 全体 (everyone), 部, 職層, 年代. A
-- blank attribute is the group 未回答, a group like any other.
SELECT survey_code, respondent_id, '全体' AS dimension, '全体' AS group_value FROM int_stress_respondent
UNION ALL
SELECT survey_code, respondent_id, '部', dept_name FROM int_stress_respondent
UNION ALL
SELECT survey_code, respondent_id, '職層', grade FROM int_stress_respondent
UNION ALL
SELECT survey_code, respondent_id, '年代', age_band FROM int_stress_respondent
