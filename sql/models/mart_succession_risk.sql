-- grain: one row per department × grade of management and supervisory posts (latest snapshot)
-- Succession risk for the heatmap 部 × 職層, aggregates only: the number of
-- posts (post holders, 常勤), how many are at each risk level, how many
-- empty within 3 fiscal years (years_to_exit < 3) and how many have no
-- ready successor. Rules in int_successor_post.
SELECT
    snapshot_date,
    fiscal_year,
    dept_code,
    min(dept_name)                                      AS dept_name,
    grade,
    min(grade_rank)                                     AS grade_rank,
    min(grade_class)                                    AS grade_class,
    count(*)                                            AS posts,
    count(*) FILTER (WHERE risk_level = '高')            AS posts_high,
    count(*) FILTER (WHERE risk_level = '中')            AS posts_medium,
    count(*) FILTER (WHERE risk_level = '低')            AS posts_low,
    count(*) FILTER (WHERE years_to_exit < 3)           AS posts_leaving_3y,
    count(*) FILTER (WHERE ready_successors = 0)        AS posts_without_successor
FROM int_successor_post
GROUP BY snapshot_date, fiscal_year, dept_code, grade
