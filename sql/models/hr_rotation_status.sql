-- grain: one row per employee in the headcount at the latest snapshot
-- materialized: view
-- (a view: a filtered copy of its int_ model; only HR outputs read it)
-- HR only (names individuals): each employee's rotation position — the
-- workplaces seen in the rotation period against the policy, the current
-- posting's length and the front-line check (int_rotation_status).
SELECT
    snapshot_date,
    employee_id,
    dept_code,
    dept_name,
    grade,
    years_of_service,
    in_rotation_period,
    workplaces_in_period,
    expected_workplaces,
    current_workplace_code,
    current_workplace_name,
    current_posting_start,
    current_posting_years,
    posting_years_limit,
    ever_front_line,
    workplace_gap,
    long_posting,
    no_front_line
FROM int_rotation_status
WHERE snapshot_date = (SELECT max(snapshot_date) FROM int_rotation_status)
