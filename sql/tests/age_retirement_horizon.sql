-- The retirement projection covers exactly the latest snapshot's fiscal
-- year and the 9 following for every group, and projects no more
-- retirements than the group has 常勤 staff.
WITH snapshot_fy AS (
    SELECT max(fiscal_year) AS fiscal_year FROM stg_roster
)
SELECT dept_code, grade, job_family, count(*) AS years, min(p.fiscal_year) AS first_fy, max(p.fiscal_year) AS last_fy,
       sum(retirements) AS retirements, min(regular_headcount) AS regular_headcount
FROM mart_retirement_projection AS p
CROSS JOIN snapshot_fy AS s
GROUP BY dept_code, grade, job_family, s.fiscal_year
HAVING count(*) <> 10 OR min(p.fiscal_year) <> s.fiscal_year OR max(p.fiscal_year) <> s.fiscal_year + 9
    OR sum(retirements) > min(regular_headcount) OR sum(post_exits) > min(regular_headcount)
