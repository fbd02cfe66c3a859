-- grain: one row per training record (employee, course, start date)
-- Hours default to the course's hours; the fiscal year is the start date's.
SELECT
    t.employee_id,
    t.course_code,
    c.course_name,
    c.category,
    c.required_when,
    t.start_date,
    t.end_date,
    fiscal_year(t.start_date)            AS fiscal_year,
    coalesce(t.hours, c.hours, 0)        AS hours,
    t.status,
    t.status = '修了'                     AS completed
FROM training_record AS t
LEFT JOIN training_course AS c USING (course_code)
