-- grain: one row per fiscal year × employee × required course
-- Which catalogue courses each member of the regular headcount had to
-- complete in a fiscal year, and whether they did (docs/metrics/gaps-kpi.md).
-- Staff are those of the fiscal year's snapshot (int_grade_history) in the
-- headcount; a course applies when its target_grades are empty, name the
-- grade, or name the grade's class (管理職 = management, 監督職 = supervisory).
-- Rules (required_when):
--   採用時     years_of_service = 0, regular staff only
--   2年目以降  years_of_service = 1 (the second year), regular staff only
--   昇任後     promoted into the grade this fiscal year
--   毎年       every fiscal year
--   3年毎      every fiscal year; a completion in FY−2..FY satisfies it
--   昇任候補   not a personal requirement (succession readiness): excluded
-- Completed = a 修了 record of the course started in the window. Due date =
-- the fiscal year's end; status 修了, 未修了 (due date not passed at the
-- as-of date) or 期限超過. as_of_date = the latest snapshot or training
-- record date, whichever is later.
WITH as_of AS (
    SELECT greatest(
        (SELECT max(snapshot_date) FROM stg_roster),
        (SELECT max(greatest(start_date, end_date)) FROM stg_training_record)
    ) AS as_of_date
),
staff AS (
    SELECT
        h.fiscal_year,
        r.employee_id,
        r.dept_code,
        r.dept_name,
        r.grade,
        r.grade_rank,
        r.grade_class,
        r.years_of_service,
        r.is_regular,
        r.on_leave,
        h.promoted
    FROM int_grade_history AS h
    JOIN stg_roster AS r USING (snapshot_date, employee_id)
    WHERE r.in_headcount
),
required_course AS (
    SELECT course_code, course_name, category, target_grades, required_when
    FROM stg_training_course
    WHERE required_when IN ('採用時', '2年目以降', '昇任後', '毎年', '3年毎')
),
requirement AS (
    SELECT
        s.fiscal_year,
        s.employee_id,
        s.dept_code,
        s.dept_name,
        s.grade,
        s.grade_rank,
        s.on_leave,
        c.course_code,
        c.course_name,
        c.category,
        c.required_when                                                   AS rule,
        CASE WHEN c.required_when = '3年毎' THEN s.fiscal_year - 2 ELSE s.fiscal_year END AS window_from_fiscal_year,
        fiscal_year_end(s.fiscal_year)                                    AS due_date
    FROM staff AS s
    JOIN required_course AS c
        ON len(c.target_grades) = 0
        OR list_contains(c.target_grades, s.grade)
        OR (s.grade_class = 'management' AND list_contains(c.target_grades, '管理職'))
        OR (s.grade_class = 'supervisory' AND list_contains(c.target_grades, '監督職'))
    WHERE CASE c.required_when
              WHEN '採用時'    THEN s.is_regular AND s.years_of_service = 0
              WHEN '2年目以降' THEN s.is_regular AND s.years_of_service = 1
              WHEN '昇任後'    THEN s.promoted
              ELSE true
          END
),
completion AS (
    SELECT employee_id, course_code, fiscal_year, coalesce(end_date, start_date) AS completed_on
    FROM stg_training_record
    WHERE completed
),
requirement_completion AS (
    SELECT
        q.fiscal_year,
        q.employee_id,
        q.course_code,
        max(c.completed_on) AS completed_on
    FROM requirement AS q
    JOIN completion AS c
        ON c.employee_id = q.employee_id
        AND c.course_code = q.course_code
        AND c.fiscal_year BETWEEN q.window_from_fiscal_year AND q.fiscal_year
    GROUP BY q.fiscal_year, q.employee_id, q.course_code
)
SELECT
    q.fiscal_year,
    q.employee_id,
    q.dept_code,
    q.dept_name,
    q.grade,
    q.grade_rank,
    q.on_leave,
    q.course_code,
    q.course_name,
    q.category,
    q.rule,
    q.window_from_fiscal_year,
    q.due_date,
    a.as_of_date,
    rc.completed_on,
    rc.completed_on IS NOT NULL                          AS completed,
    CASE WHEN rc.completed_on IS NOT NULL THEN '修了'
         WHEN q.due_date < a.as_of_date   THEN '期限超過'
         ELSE '未修了' END                               AS status
FROM requirement AS q
CROSS JOIN as_of AS a
LEFT JOIN requirement_completion AS rc USING (fiscal_year, employee_id, course_code)
