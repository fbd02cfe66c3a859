-- grain: one row per posting (employee, start date)
-- A workplace is a 課 (section); postings without a section count by 部.
SELECT
    employee_id,
    start_date,
    end_date,
    coalesce(dept_code, dept_name)                         AS dept_code,
    dept_name,
    coalesce(section_code, section_name, dept_code, dept_name) AS workplace_code,
    coalesce(section_name, dept_name)                      AS workplace_name,
    front_line
FROM assignment
