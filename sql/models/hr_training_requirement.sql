-- grain: one row per fiscal year × employee × required course
-- materialized: view
-- (a view: a filtered copy of its int_ model; only HR outputs read it)
-- HR only (names individuals): the mandatory-training list with each
-- requirement's rule, due date and status (修了 / 未修了 / 期限超過).
-- on_leave: on leave at the fiscal year's snapshot; such rows stay here
-- but are left out of mart_training_completion.
SELECT
    fiscal_year,
    employee_id,
    dept_code,
    dept_name,
    grade,
    course_code,
    course_name,
    rule,
    due_date,
    completed,
    completed_on,
    status,
    on_leave
FROM int_training_requirement
