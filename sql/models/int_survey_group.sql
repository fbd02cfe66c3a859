-- grain: one row per survey, dimension, group and measure
-- The one place that decides which survey results are suppressed
-- (docs/metrics/engagement.md, docs/metrics/stress-check.md). A cell is a
-- group of a dimension for one measure, from three sources, each with its
-- minimum group size k:
--   int_survey_cell (staff survey, k = param('min_group_size')):
--     'response' (回答: the group's respondents, read by the response-rate
--     mart), 'index' (the engagement index), 'category' (a category) or
--     'item' (an item code);
--   int_standard_cell (staff survey, k = param('min_group_size')):
--     'standard' (UWES-9 and its subscales, eNPS);
--   int_stress_cell (stress check, k = param('stress_min_group_size')):
--     'stress_chart' (the judgement chart), 'stress_scale' (a BJSQ scale).
-- respondents = the group's respondents who answered the measure.
-- Within a (survey, dimension, measure):
--   primary:   a group with respondents < k is suppressed;
--   secondary: when any group is suppressed, the next-smallest groups (ties
--              by group name) are suppressed too, until at least 2 groups
--              are suppressed and together hold >= k respondents; failing
--              that, every group of the dimension is.
-- 全体 is a dimension of one group, so it is suppressed when fewer than k
-- respondents answered the measure in the whole survey. Every survey and
-- stress mart joins this model and blanks the values and counts of
-- suppressed cells.
WITH min_size AS (
    SELECT
        coalesce(param('min_group_size'), 5)         AS survey_k,
        coalesce(param('stress_min_group_size'), 10) AS stress_k
),

cell AS (
    SELECT c.survey_code, c.dimension, c.group_value, c.measure_kind, c.measure, c.respondents, s.survey_k AS k
    FROM int_survey_cell AS c, min_size AS s
    UNION ALL
    SELECT c.survey_code, c.dimension, c.group_value, c.measure_kind, c.measure, c.respondents, s.survey_k
    FROM int_standard_cell AS c, min_size AS s
    UNION ALL
    SELECT c.survey_code, c.dimension, c.group_value, c.measure_kind, c.measure, c.respondents, s.stress_k
    FROM int_stress_cell AS c, min_size AS s
),

ranked_cell AS (
    SELECT
        c.survey_code,
        c.dimension,
        c.group_value,
        c.measure_kind,
        c.measure,
        c.respondents,
        c.k,
        row_number() OVER by_size AS size_rank,
        sum(c.respondents) OVER (by_size ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_respondents,
        count(*) FILTER (WHERE c.respondents < c.k) OVER by_partition AS primary_groups,
        count(*) OVER by_partition AS groups
    FROM cell AS c
    WINDOW
        by_partition AS (PARTITION BY c.survey_code, c.dimension, c.measure_kind, c.measure),
        by_size AS (PARTITION BY c.survey_code, c.dimension, c.measure_kind, c.measure
                    ORDER BY c.respondents, c.group_value)
),

-- Primary groups are the smallest, so the suppressed groups are always the
-- first suppressed_groups of the partition in size order.
partition_cutoff AS (
    SELECT
        survey_code,
        dimension,
        measure_kind,
        measure,
        CASE WHEN max(primary_groups) = 0 THEN 0
             ELSE coalesce(
                 min(size_rank) FILTER (WHERE size_rank >= primary_groups
                                          AND size_rank >= 2
                                          AND cumulative_respondents >= k),
                 max(groups))
        END AS suppressed_groups
    FROM ranked_cell
    GROUP BY survey_code, dimension, measure_kind, measure
)

SELECT
    r.survey_code,
    r.dimension,
    r.group_value,
    r.dimension <> '全体' AND r.group_value = '未回答'  AS is_unanswered,
    r.measure_kind,
    r.measure,
    r.respondents,
    r.k                                              AS min_group_size,
    r.size_rank <= p.suppressed_groups               AS suppressed,
    CASE WHEN r.respondents < r.k THEN 'primary'
         WHEN r.size_rank <= p.suppressed_groups THEN 'secondary' END AS suppression
FROM ranked_cell AS r
JOIN partition_cutoff AS p USING (survey_code, dimension, measure_kind, measure)
