-- grain: one row per employee per snapshot per dimension (全体, 部, 職種, 職層, 性別, 任用形態)
-- materialized: view
-- (a view: six copies of the roster are cheaper to scan than to store)
-- The regular headcount (in_headcount: 常勤 + 再任用フルタイム by default;
-- staff on leave count) of every snapshot, repeated once per dimension with
-- the group the employee belongs to in it, so that the age marts aggregate
-- every dimension the same way. 部 is keyed by its code with the name as of
-- that snapshot (departments are renamed between years).
WITH headcount AS (
    SELECT
        snapshot_date,
        fiscal_year,
        employee_id,
        age,
        age_band,
        gender,
        dept_code,
        dept_name,
        job_family,
        grade,
        employment_type
    FROM stg_roster
    WHERE in_headcount
)
SELECT snapshot_date, fiscal_year, '全体' AS dimension, '全体' AS group_code, '全体' AS group_name,
       employee_id, age, age_band, gender
FROM headcount
UNION ALL
SELECT snapshot_date, fiscal_year, '部', dept_code, dept_name, employee_id, age, age_band, gender
FROM headcount
UNION ALL
SELECT snapshot_date, fiscal_year, '職種', job_family, job_family, employee_id, age, age_band, gender
FROM headcount
UNION ALL
SELECT snapshot_date, fiscal_year, '職層', grade, grade, employee_id, age, age_band, gender
FROM headcount
UNION ALL
SELECT snapshot_date, fiscal_year, '性別', gender, gender, employee_id, age, age_band, gender
FROM headcount
UNION ALL
SELECT snapshot_date, fiscal_year, '任用形態', employment_type, employment_type, employee_id, age, age_band, gender
FROM headcount
