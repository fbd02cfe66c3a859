-- grain: one row per fiscal year × department × grade × job family, for the latest snapshot's FY and the 9 following
-- Retirement and 役職定年 projection from the latest snapshot
-- (int_retirement_outlook): per fiscal year, how many 常勤 staff retire at
-- its end (retirements) and how many 常勤 管理職 leave their post at its end
-- because of the post age limit while staying on (post_exits). Department,
-- grade and job family are those at the snapshot (no promotions or
-- transfers are projected). Every group of the snapshot's 常勤 staff has a
-- row for each of the 10 fiscal years, 0 when nobody leaves, so fiscal
-- years without retirements show as 0. regular_headcount is the group's
-- 常勤 headcount at the snapshot.
WITH regular_staff AS (
    SELECT employee_id, fiscal_year AS snapshot_fiscal_year, dept_code, dept_name, grade, grade_rank, job_family,
           retirement_fiscal_year, post_exit_fiscal_year
    FROM int_retirement_outlook
    WHERE is_regular
),
horizon AS (
    SELECT DISTINCT snapshot_fiscal_year + ahead.n AS fiscal_year
    FROM regular_staff
    CROSS JOIN generate_series(0, 9) AS ahead(n)
),
dept_names AS (
    SELECT dept_code, min(dept_name) AS dept_name
    FROM regular_staff
    GROUP BY dept_code
),
staff_groups AS (
    SELECT dept_code, grade, min(grade_rank) AS grade_rank, job_family, count(*) AS regular_headcount
    FROM regular_staff
    GROUP BY dept_code, grade, job_family
)
SELECT
    h.fiscal_year,
    g.dept_code,
    d.dept_name,
    g.grade,
    g.grade_rank,
    g.job_family,
    g.regular_headcount,
    count(s.employee_id) FILTER (WHERE s.retirement_fiscal_year = h.fiscal_year) AS retirements,
    count(s.employee_id) FILTER (WHERE s.post_exit_fiscal_year = h.fiscal_year)  AS post_exits
FROM horizon AS h
CROSS JOIN staff_groups AS g
JOIN dept_names AS d ON d.dept_code = g.dept_code
LEFT JOIN regular_staff AS s
    ON s.dept_code = g.dept_code AND s.grade = g.grade AND s.job_family = g.job_family
GROUP BY h.fiscal_year, g.dept_code, d.dept_name, g.grade, g.grade_rank, g.job_family, g.regular_headcount
