-- grain: one row per department at the latest snapshot, plus one 全体 row for the organisation
-- Job-rotation gaps (docs/metrics/gaps-kpi.md): headcount staff, those in the
-- rotation period, and how many have a workplace gap, a long posting or no
-- front-line posting. rotation_coverage = share of rotation-period staff
-- with posting data who have no workplace gap. A count is NULL when nobody
-- in the row could be checked (no posting data or, for no_front_line, no
-- front-line flag in the data). Not suppressed: postings are published
-- personnel orders (発令), not personal answers or evaluations.
WITH latest AS (
    SELECT
        snapshot_date, employee_id, dept_code, dept_name, in_rotation_period, postings,
        workplace_gap, long_posting, no_front_line
    FROM int_rotation_status
    WHERE snapshot_date = (SELECT max(snapshot_date) FROM int_rotation_status)
)
SELECT
    max(snapshot_date)                                                         AS snapshot_date,
    CASE WHEN grouping(dept_code) = 1 THEN '全体' ELSE dept_code END           AS dept_code,
    CASE WHEN grouping(dept_code) = 1 THEN '全体' ELSE max(dept_name) END      AS dept_name,
    count(*)                                                                   AS staff,
    count(*) FILTER (WHERE postings = 0)                                       AS without_postings,
    count(*) FILTER (WHERE in_rotation_period)                                 AS in_rotation_period,
    CASE WHEN count(workplace_gap) > 0 THEN count(*) FILTER (WHERE workplace_gap) END AS workplace_gap,
    CASE WHEN count(long_posting) > 0 THEN count(*) FILTER (WHERE long_posting) END   AS long_posting,
    CASE WHEN count(no_front_line) > 0 THEN count(*) FILTER (WHERE no_front_line) END AS no_front_line,
    round(100.0 * count(*) FILTER (WHERE in_rotation_period AND NOT workplace_gap)
          / nullif(count(*) FILTER (WHERE in_rotation_period AND postings > 0), 0), 1) AS rotation_coverage
FROM latest
GROUP BY GROUPING SETS ((dept_code), ())
