-- grain: one row per survey, dimension, group and measure
-- The one place that decides which survey results are suppressed (docs/metrics/engagement.md).
-- A cell (int_survey_cell) is a group of a dimension for one measure:
-- 'response' (回答: the group's respondents, read by the response-rate
-- mart), 'index' (the engagement index), 'category' (a category) or 'item'
-- (an item code). respondents = the group's respondents who answered the
-- measure.
-- Within a (survey, dimension, measure):
--   primary:   a group with respondents < k is suppressed (k = param('min_group_size'));
--   secondary: when any group is suppressed, the next-smallest groups (ties
--              by group name) are suppressed too, until at least 2 groups
--              are suppressed and together hold >= k respondents; failing
--              that, every group of the dimension is.
-- 全体 is a dimension of one group, so it is suppressed when fewer than k
-- respondents answered the measure in the whole survey. Every engagement
-- mart joins this model and blanks the values and counts of suppressed cells.
WITH min_size AS (
    SELECT coalesce(param('min_group_size'), 5) AS k
),

ranked_cell AS (
    SELECT
        c.survey_code,
        c.dimension,
        c.group_value,
        c.measure_kind,
        c.measure,
        c.respondents,
        s.k,
        row_number() OVER by_size AS size_rank,
        sum(c.respondents) OVER (by_size ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cumulative_respondents,
        count(*) FILTER (WHERE c.respondents < s.k) OVER by_partition AS primary_groups,
        count(*) OVER by_partition AS groups
    FROM int_survey_cell AS c
    CROSS JOIN min_size AS s
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
    r.size_rank <= p.suppressed_groups               AS suppressed,
    CASE WHEN r.respondents < r.k THEN 'primary'
         WHEN r.size_rank <= p.suppressed_groups THEN 'secondary' END AS suppression
FROM ranked_cell AS r
JOIN partition_cutoff AS p USING (survey_code, dimension, measure_kind, measure)
