-- grain: one row per stress check, dimension and group
-- Stress-check group analysis with the job stress judgement chart
-- (仕事のストレス判定図, docs/metrics/stress-check.md) for 全体, 部, 職層 and
-- 年代: the group's respondents with all four chart scales, the scale
-- means (each the sum of three items, 3–12: demand and control of the
-- 量-コントロール判定図, supervisor and co-worker support of the 職場の支援
-- 判定図), health risks A and B and the total health risk (100 = the
-- national mean; computed per sex and combined by respondents,
-- int_stress_cell), and the change of the total risk since the previous
-- stress check for the same dimension and group. norm_set names the
-- configured means and coefficients. Groups of fewer than
-- survey.stress.min_group_size respondents, and the groups suppressed with
-- them so that none can be recovered by subtraction (int_survey_group),
-- keep their row with suppressed = true and every value and count NULL.
WITH shown_cell AS (
    SELECT
        g.survey_code,
        g.dimension,
        g.group_value,
        g.is_unanswered,
        g.suppressed,
        CASE WHEN NOT g.suppressed THEN g.respondents END        AS respondents,
        CASE WHEN NOT g.suppressed THEN c.demand END             AS demand,
        CASE WHEN NOT g.suppressed THEN c.control END            AS control,
        CASE WHEN NOT g.suppressed THEN c.supervisor_support END AS supervisor_support,
        CASE WHEN NOT g.suppressed THEN c.coworker_support END   AS coworker_support,
        CASE WHEN NOT g.suppressed THEN c.risk_a END             AS risk_a,
        CASE WHEN NOT g.suppressed THEN c.risk_b END             AS risk_b,
        CASE WHEN NOT g.suppressed THEN c.total_risk END         AS total_risk
    FROM int_survey_group AS g
    JOIN int_stress_cell AS c USING (survey_code, dimension, group_value, measure_kind, measure)
    WHERE g.measure_kind = 'stress_chart'
),

norm AS (
    SELECT min(norm_set) AS norm_set FROM cfg_stress_norm
)

SELECT
    c.survey_code,
    q.survey_date,
    q.fiscal_year,
    c.dimension,
    c.group_value,
    c.is_unanswered,
    c.respondents,
    c.demand,
    c.control,
    c.supervisor_support,
    c.coworker_support,
    c.risk_a,
    c.risk_b,
    c.total_risk,
    c.suppressed,
    q.previous_survey_code,
    c.total_risk - p.total_risk AS change_since_previous,
    n.norm_set
FROM shown_cell AS c
JOIN int_stress_sequence AS q USING (survey_code)
CROSS JOIN norm AS n
LEFT JOIN shown_cell AS p
    ON p.survey_code = q.previous_survey_code
   AND p.dimension = c.dimension
   AND p.group_value = c.group_value
