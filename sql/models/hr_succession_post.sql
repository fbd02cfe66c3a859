-- grain: one row per management or supervisory post holder (常勤) at the latest snapshot
-- HR ONLY (employee ids): the succession list. For each post holder, when
-- the post empties (exit_fiscal_year, years_to_exit, exit_reason 定年退職 /
-- 役職定年), how many possible and ready successors it has (ready_in_dept:
-- those in the post's own 部) and the risk level (rule in
-- int_successor_post and docs/metrics/age-retirement-succession.md). The
-- candidates one by one are in the HR succession candidate list.
SELECT
    snapshot_date,
    fiscal_year,
    employee_id,
    dept_code,
    dept_name,
    section_code,
    section_name,
    grade,
    grade_class,
    job_family,
    age,
    on_leave,
    exit_fiscal_year,
    years_to_exit,
    exit_reason,
    candidates,
    ready_successors,
    ready_in_dept,
    risk_level
FROM int_successor_post
