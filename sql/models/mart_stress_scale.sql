-- grain: one row per stress check, dimension, group and BJSQ scale
-- The mean of every scale of the Brief Job Stress Questionnaire per group
-- (全体, 部, 職層, 年代): a 57-item scale is a sum of item scores (higher =
-- more of what the scale names; higher_is_better says whether that is
-- good), an 80-item addition a mean (1–4, higher = better);
-- min_score–max_score is the scale's range. respondents = the group's
-- respondents who answered the scale in full. Suppressed cells
-- (int_survey_group, measure_kind 'stress_scale') keep their row with
-- every value and count NULL.
SELECT
    g.survey_code,
    q.survey_date,
    q.fiscal_year,
    g.dimension,
    g.group_value,
    g.is_unanswered,
    s.scale_code,
    s.scale_name,
    s.domain,
    s.scale_order,
    s.aggregation,
    s.higher_is_better,
    s.version,
    s.min_score,
    s.max_score,
    CASE WHEN NOT g.suppressed THEN g.respondents END AS respondents,
    CASE WHEN NOT g.suppressed THEN c.mean END        AS mean,
    g.suppressed
FROM int_survey_group AS g
JOIN int_stress_cell AS c USING (survey_code, dimension, group_value, measure_kind, measure)
JOIN cfg_bjsq_scale AS s ON s.scale_code = g.measure
JOIN int_stress_sequence AS q ON q.survey_code = g.survey_code
WHERE g.measure_kind = 'stress_scale'
