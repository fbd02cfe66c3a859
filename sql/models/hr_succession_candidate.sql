-- grain: one row per post grade (management or supervisory) × 常勤 employee in its feeder grade
-- HR ONLY (employee ids): promotion readiness for each post grade. Whether
-- each feeder-grade employee is ready and, when not, why (outside the age
-- window, or the 昇任候補 courses still missing). The possible successors
-- of one post in the HR succession list are the rows with its grade as
-- post_grade and its 部 (dept_code) or 職種 (job_family).
SELECT
    post_grade,
    employee_id,
    dept_code,
    dept_name,
    section_name,
    grade,
    job_family,
    age,
    on_leave,
    in_age_window,
    courses_required,
    courses_completed,
    courses_missing,
    is_ready
FROM int_successor_candidate
