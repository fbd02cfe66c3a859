-- No suppressed cell of a stress-check or standard engagement mart carries
-- a value or a count, and no cell that is shown rests on fewer respondents
-- than its minimum group size (survey.stress.min_group_size for the
-- stress check, survey.min_group_size for UWES-9 and eNPS).
WITH k AS (
    SELECT coalesce(param('min_group_size'), 5) AS survey_k, coalesce(param('stress_min_group_size'), 10) AS stress_k
)
SELECT 'mart_stress_group' AS mart, survey_code, dimension, group_value, '判定図' AS cell, suppressed, respondents
FROM mart_stress_group, k
WHERE (suppressed AND (respondents IS NOT NULL OR demand IS NOT NULL OR control IS NOT NULL
                       OR supervisor_support IS NOT NULL OR coworker_support IS NOT NULL OR risk_a IS NOT NULL
                       OR risk_b IS NOT NULL OR total_risk IS NOT NULL OR change_since_previous IS NOT NULL))
   OR (NOT suppressed AND (respondents IS NULL OR respondents < k.stress_k))
UNION ALL
SELECT 'mart_stress_scale', survey_code, dimension, group_value, scale_code, suppressed, respondents
FROM mart_stress_scale, k
WHERE (suppressed AND (respondents IS NOT NULL OR mean IS NOT NULL))
   OR (NOT suppressed AND (respondents IS NULL OR respondents < k.stress_k))
UNION ALL
SELECT 'mart_engagement_standard', survey_code, dimension, group_value, measure, suppressed, respondents
FROM mart_engagement_standard, k
WHERE (suppressed AND (respondents IS NOT NULL OR score IS NOT NULL OR promoters_share IS NOT NULL
                       OR detractors_share IS NOT NULL OR change_since_previous IS NOT NULL))
   OR (NOT suppressed AND (respondents IS NULL
       OR respondents < CASE WHEN instrument = 'BJSQ' THEN k.stress_k ELSE k.survey_k END))
