-- grain: one row per survey, dimension, group and standard engagement measure
-- Standard engagement scores beside the survey's own engagement index:
--   UWES-9 (and 活力, 熱意, 没頭): mean item score, 0–6 (staff survey items
--     declared survey_item.instrument = uwes9; int_standard_cell);
--   eNPS: % promoters (9–10) − % detractors (0–6), −100..100, with both
--     shares (instrument = enps);
--   ワーク・エンゲイジメント (BJSQ): the 80-item stress check's items 79–80,
--     mean item score 1–4 (higher = more engaged; int_stress_cell).
-- Staff-survey measures are grouped by the staff survey's dimensions and
-- suppressed with survey.min_group_size; the BJSQ measure by the stress
-- check's dimensions with survey.stress.min_group_size (int_survey_group).
-- Suppressed cells keep their row with every value and count NULL.
-- change_since_previous: against the previous survey of the same kind
-- (staff survey or stress check) for the same dimension, group and measure.
WITH shown_cell AS (
    SELECT
        g.survey_code,
        q.survey_date,
        q.fiscal_year,
        q.previous_survey_code,
        g.dimension,
        g.group_value,
        g.is_unanswered,
        c.instrument,
        c.measure,
        c.measure_order,
        CASE WHEN c.instrument = 'eNPS' THEN -100 ELSE 0 END  AS scale_min,
        CASE WHEN c.instrument = 'eNPS' THEN 100 ELSE 6 END   AS scale_max,
        g.suppressed,
        CASE WHEN NOT g.suppressed THEN g.respondents END      AS respondents,
        CASE WHEN NOT g.suppressed THEN c.score END            AS score,
        CASE WHEN NOT g.suppressed THEN c.promoters_share END  AS promoters_share,
        CASE WHEN NOT g.suppressed THEN c.detractors_share END AS detractors_share
    FROM int_survey_group AS g
    JOIN int_standard_cell AS c USING (survey_code, dimension, group_value, measure_kind, measure)
    JOIN int_survey_sequence AS q ON q.survey_code = g.survey_code
    WHERE g.measure_kind = 'standard'
    UNION ALL
    SELECT
        g.survey_code,
        q.survey_date,
        q.fiscal_year,
        q.previous_survey_code,
        g.dimension,
        g.group_value,
        g.is_unanswered,
        'BJSQ'                                                 AS instrument,
        'ワーク・エンゲイジメント（BJSQ）'                       AS measure,
        6                                                      AS measure_order,
        1                                                      AS scale_min,
        4                                                      AS scale_max,
        g.suppressed,
        CASE WHEN NOT g.suppressed THEN g.respondents END,
        CASE WHEN NOT g.suppressed THEN c.mean END,
        CAST(NULL AS DOUBLE),
        CAST(NULL AS DOUBLE)
    FROM int_survey_group AS g
    JOIN int_stress_cell AS c USING (survey_code, dimension, group_value, measure_kind, measure)
    JOIN int_stress_sequence AS q ON q.survey_code = g.survey_code
    WHERE g.measure_kind = 'stress_scale' AND g.measure = 'work_engagement'
)

SELECT
    c.survey_code,
    c.survey_date,
    c.fiscal_year,
    c.dimension,
    c.group_value,
    c.is_unanswered,
    c.instrument,
    c.measure,
    c.measure_order,
    c.scale_min,
    c.scale_max,
    c.respondents,
    c.score,
    c.promoters_share,
    c.detractors_share,
    c.suppressed,
    c.previous_survey_code,
    c.score - p.score AS change_since_previous
FROM shown_cell AS c
LEFT JOIN shown_cell AS p
    ON p.survey_code = c.previous_survey_code
   AND p.dimension = c.dimension
   AND p.group_value = c.group_value
   AND p.measure = c.measure
