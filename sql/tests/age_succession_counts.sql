-- Succession counts are consistent: a post has no more ready successors
-- than candidates, nor more ready in its 部 than ready in all, and the
-- risk heatmap counts every post exactly once.
SELECT 'ready > candidates or ready_in_dept > ready' AS problem, employee_id AS detail
FROM int_successor_post
WHERE ready_successors > candidates OR ready_in_dept > ready_successors
UNION ALL
SELECT 'levels do not add up', dept_code || ' ' || grade
FROM mart_succession_risk
WHERE posts_high + posts_medium + posts_low <> posts
UNION ALL
SELECT 'heatmap total differs', CAST(count(*) AS VARCHAR)
FROM int_successor_post
HAVING count(*) <> (SELECT coalesce(sum(posts), 0) FROM mart_succession_risk)
