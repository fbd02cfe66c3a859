-- Secondary suppression holds: within a survey, dimension and measure,
-- when some but not all groups are suppressed, at least two are, and
-- together they hold at least the minimum group size of the measure
-- (survey.min_group_size, or survey.stress.min_group_size for the stress
-- check), so subtracting the shown groups from the total recovers only an
-- aggregate of k or more people. Checked on the deciding model and on
-- what the marts show.
WITH decided AS (
    SELECT
        survey_code, dimension, measure_kind, measure,
        max(min_group_size)                            AS k,
        count(*)                                       AS groups,
        count(*) FILTER (WHERE suppressed)             AS suppressed_groups,
        coalesce(sum(respondents) FILTER (WHERE suppressed), 0) AS suppressed_respondents
    FROM int_survey_group
    GROUP BY ALL
),
shown AS (
    SELECT survey_code, dimension, measure_kind, measure, count(*) FILTER (WHERE suppressed) AS suppressed_groups
    FROM mart_engagement_score
    WHERE dimension <> '全体'
    GROUP BY ALL
    UNION ALL
    SELECT survey_code, dimension, 'item', item_code, count(*) FILTER (WHERE suppressed)
    FROM mart_engagement_item
    WHERE dimension <> '全体'
    GROUP BY ALL
    UNION ALL
    SELECT survey_code, dimension, 'response', '回答', count(*) FILTER (WHERE suppressed)
    FROM mart_response_rate
    WHERE dimension <> '全体'
    GROUP BY ALL
    UNION ALL
    SELECT survey_code, dimension, 'stress_chart', '判定図', count(*) FILTER (WHERE suppressed)
    FROM mart_stress_group
    WHERE dimension <> '全体'
    GROUP BY ALL
    UNION ALL
    SELECT survey_code, dimension, 'stress_scale', scale_code, count(*) FILTER (WHERE suppressed)
    FROM mart_stress_scale
    WHERE dimension <> '全体'
    GROUP BY ALL
    UNION ALL
    SELECT survey_code, dimension, CASE WHEN instrument = 'BJSQ' THEN 'stress_scale' ELSE 'standard' END,
           CASE WHEN instrument = 'BJSQ' THEN 'work_engagement' ELSE measure END, count(*) FILTER (WHERE suppressed)
    FROM mart_engagement_standard
    WHERE dimension <> '全体'
    GROUP BY ALL
),
shown_total AS (
    SELECT survey_code, measure_kind, measure, suppressed
    FROM int_survey_group
    WHERE dimension = '全体'
)
SELECT 'int_survey_group' AS model, d.survey_code, d.dimension, d.measure_kind, d.measure, d.suppressed_groups
FROM decided AS d
WHERE d.suppressed_groups > 0 AND d.suppressed_groups < d.groups
  AND (d.suppressed_groups < 2 OR d.suppressed_respondents < d.k)
UNION ALL
SELECT 'marts', s.survey_code, s.dimension, s.measure_kind, s.measure, s.suppressed_groups
FROM shown AS s
JOIN shown_total AS t USING (survey_code, measure_kind, measure)
WHERE s.suppressed_groups = 1 AND NOT t.suppressed
