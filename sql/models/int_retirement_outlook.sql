-- grain: one row per employee in the regular headcount at the latest snapshot
-- When each member of the latest snapshot's headcount (in_headcount, staff
-- on leave included) leaves: 常勤 (is_regular) staff at the end of their
-- retirement fiscal year, the first FY ≥ the snapshot's FY by whose end
-- (March 31) their legal age reaches that FY's cfg_retirement_age;
-- 管理職 (grade_class 'management') among them also leave their post at the
-- end of the first FY ≥ the snapshot's FY by whose end they reach
-- param('post_age_limit') (役職定年). Re-employed and other non-regular
-- headcount staff leave at the end of the FY in which they reach 65 (the
-- end of re-employment; see docs/metrics/age-retirement-succession.md).
-- Without a birth date the age at the end of FY fy is taken as the exported
-- age + 1 + (fy − snapshot FY): on an April 1 roster nearly everyone is one
-- year older by March 31 (all but those born on April 2). The Go reference is RetirementRule in
-- retirement.go; the SQL must agree with it.
WITH latest AS (
    SELECT max(snapshot_date) AS snapshot_date
    FROM stg_roster
),
settings AS (
    SELECT
        param('post_age_limit') AS post_age_limit,
        65                      AS reemployment_end_age
),
staff AS (
    SELECT
        r.snapshot_date,
        r.fiscal_year,
        r.employee_id,
        r.birth_date,
        r.age,
        r.gender,
        r.dept_code,
        r.dept_name,
        r.section_code,
        r.section_name,
        r.grade,
        r.grade_rank,
        r.grade_class,
        r.track,
        r.job_family,
        r.employment_type,
        r.is_regular,
        r.on_leave
    FROM stg_roster AS r
    JOIN latest USING (snapshot_date)
    WHERE r.in_headcount
),
ages_ahead AS (
    -- legal age at the end of each fiscal year from the snapshot's on
    SELECT
        s.employee_id,
        s.fiscal_year + ahead.n AS fiscal_year,
        CASE WHEN s.birth_date IS NOT NULL
             THEN legal_age(s.birth_date, fiscal_year_end(s.fiscal_year + ahead.n))
             ELSE s.age + 1 + ahead.n END AS age_at_fy_end
    FROM staff AS s
    CROSS JOIN generate_series(0, 70) AS ahead(n)
),
exit_years AS (
    SELECT
        a.employee_id,
        min(a.fiscal_year) FILTER (WHERE a.age_at_fy_end >= ra.retirement_age)      AS retirement_age_fiscal_year,
        min(a.fiscal_year) FILTER (WHERE a.age_at_fy_end >= st.post_age_limit)       AS post_age_fiscal_year,
        min(a.fiscal_year) FILTER (WHERE a.age_at_fy_end >= st.reemployment_end_age) AS reemployment_end_fiscal_year
    FROM ages_ahead AS a
    JOIN cfg_retirement_age AS ra USING (fiscal_year)
    CROSS JOIN settings AS st
    GROUP BY a.employee_id
)
SELECT
    s.snapshot_date,
    s.fiscal_year,
    s.employee_id,
    s.birth_date,
    s.age,
    s.gender,
    s.dept_code,
    s.dept_name,
    s.section_code,
    s.section_name,
    s.grade,
    s.grade_rank,
    s.grade_class,
    s.track,
    s.job_family,
    s.employment_type,
    s.is_regular,
    s.on_leave,
    -- 常勤 only: the FY at whose end they retire (定年退職)
    CASE WHEN s.is_regular THEN e.retirement_age_fiscal_year END          AS retirement_fiscal_year,
    -- 常勤 管理職 only: the FY at whose end they reach the post age limit
    CASE WHEN s.is_regular AND s.grade_class = 'management'
         THEN e.post_age_fiscal_year END                                  AS post_limit_fiscal_year,
    -- 役職定年: the post is left before retirement (NULL when they retire first or in the same FY)
    CASE WHEN s.is_regular AND s.grade_class = 'management'
              AND e.post_age_fiscal_year < e.retirement_age_fiscal_year
         THEN e.post_age_fiscal_year END                                  AS post_exit_fiscal_year,
    -- the FY at whose end they leave the headcount
    CASE WHEN s.is_regular THEN e.retirement_age_fiscal_year
         ELSE e.reemployment_end_fiscal_year END                          AS exit_fiscal_year
FROM staff AS s
JOIN exit_years AS e USING (employee_id)
