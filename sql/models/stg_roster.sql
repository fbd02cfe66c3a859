-- grain: one row per employee per snapshot date (基準日)
-- materialized: table
-- (a table, not a view: every age, retirement, succession and gap model
-- reads it, and the legal age is worth computing once.)
-- The roster with ages, service, the grade ladder and employment type
-- resolved from the configuration. Age is the legal age at the 基準日;
-- when only an age was exported it is used as is.
SELECT
    r.snapshot_date,
    fiscal_year(r.snapshot_date)                                   AS fiscal_year,
    r.employee_id,
    r.birth_date,
    coalesce(legal_age(r.birth_date, r.snapshot_date), r.age_reported) AS age,
    age_band(coalesce(legal_age(r.birth_date, r.snapshot_date), r.age_reported)) AS age_band,
    coalesce(r.gender, '不明')                                      AS gender,
    r.hire_date,
    coalesce(fiscal_year(r.snapshot_date) - fiscal_year(r.hire_date), r.service_reported) AS years_of_service,
    coalesce(r.dept_code, r.dept_name)                              AS dept_code,
    r.dept_name,
    coalesce(r.section_code, r.section_name, r.dept_name)           AS section_code,
    coalesce(r.section_name, r.dept_name)                           AS section_name,
    r.grade,
    g.grade_rank,
    g.grade_class,
    g.track,
    r.job_family,
    r.employment_type,
    e.is_regular,
    e.in_headcount,
    r.digital_tier,
    r.leave_status IS NOT NULL                                       AS on_leave
FROM roster AS r
JOIN cfg_grade AS g USING (grade)
JOIN cfg_employment AS e USING (employment_type)
