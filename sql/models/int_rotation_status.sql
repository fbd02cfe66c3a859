-- grain: one row per employee per fiscal year (the fiscal year's snapshot, headcount staff)
-- Job rotation (docs/metrics/gaps-kpi.md), from the postings that started on
-- or before the snapshot date. A workplace is stg_assignment.workplace_code.
-- Service starts at hire_date (or April 1 of the fiscal year implied by
-- years_of_service when the roster has no hire date). In the rotation
-- period (regular staff, 1 ≤ years_of_service ≤ rotation_years) staff should
-- have seen ceil(years_of_service × rotation_workplaces / rotation_years)
-- workplaces, at most rotation_workplaces, counting postings that started
-- before service start + rotation_years. The current posting's length runs
-- from the start of the unbroken run of postings in its workplace; it is
-- long beyond posting_years_rotation (years_of_service ≤ rotation_years)
-- or posting_years_after. no_front_line: in the rotation period, at least
-- posting_years_rotation years of service and never a front-line posting;
-- NULL when no posting of the data carries the front-line flag.
-- Flags are NULL for staff without postings.
WITH staff AS (
    SELECT
        h.fiscal_year,
        h.snapshot_date,
        r.employee_id,
        r.dept_code,
        r.dept_name,
        r.grade,
        r.years_of_service,
        coalesce(r.hire_date, make_date(CAST(h.fiscal_year - r.years_of_service AS INTEGER), 4, 1)) AS service_start,
        r.is_regular AND r.years_of_service BETWEEN 1 AND param('rotation_years')                  AS in_rotation_period
    FROM int_grade_history AS h
    JOIN stg_roster AS r USING (snapshot_date, employee_id)
    WHERE r.in_headcount
),
posting_run AS (
    SELECT
        employee_id,
        start_date,
        end_date,
        workplace_code,
        workplace_name,
        front_line,
        sum(CASE WHEN prev_workplace_code IS DISTINCT FROM workplace_code THEN 1 ELSE 0 END)
            OVER (PARTITION BY employee_id ORDER BY start_date) AS run_no
    FROM (
        SELECT
            employee_id, start_date, end_date, workplace_code, workplace_name, front_line,
            lag(workplace_code) OVER (PARTITION BY employee_id ORDER BY start_date) AS prev_workplace_code
        FROM stg_assignment
    ) AS ordered
),
posting AS (
    SELECT
        employee_id, start_date, end_date, workplace_code, workplace_name, front_line,
        min(start_date) OVER (PARTITION BY employee_id, run_no) AS stay_start
    FROM posting_run
),
front_line_data AS (
    SELECT coalesce(bool_or(front_line), false) AS carried FROM stg_assignment
),
history AS (
    SELECT
        s.fiscal_year,
        s.employee_id,
        count(*)                                                               AS postings,
        count(DISTINCT p.workplace_code) FILTER (
            WHERE p.start_date < s.service_start + to_years(CAST(param('rotation_years') AS INTEGER))) AS workplaces_in_period,
        bool_or(p.front_line)                                                  AS ever_front_line
    FROM staff AS s
    JOIN posting AS p ON p.employee_id = s.employee_id AND p.start_date <= s.snapshot_date
    GROUP BY s.fiscal_year, s.employee_id
),
current_posting AS (
    SELECT
        s.fiscal_year,
        s.employee_id,
        p.workplace_code,
        p.workplace_name,
        p.stay_start,
        date_sub('month', p.stay_start, s.snapshot_date) AS stay_months
    FROM staff AS s
    JOIN posting AS p
        ON p.employee_id = s.employee_id
        AND p.start_date <= s.snapshot_date
        AND (p.end_date IS NULL OR p.end_date >= s.snapshot_date)
    QUALIFY row_number() OVER (PARTITION BY s.fiscal_year, s.employee_id ORDER BY p.start_date DESC, p.workplace_code) = 1
),
measured AS (
    SELECT
        s.fiscal_year,
        s.snapshot_date,
        s.employee_id,
        s.dept_code,
        s.dept_name,
        s.grade,
        s.years_of_service,
        s.service_start,
        s.in_rotation_period,
        coalesce(h.postings, 0)                                                 AS postings,
        h.workplaces_in_period,
        CASE WHEN s.in_rotation_period
             THEN least(param('rotation_workplaces'),
                        ceil(s.years_of_service * param('rotation_workplaces') / param('rotation_years'))) END AS expected_workplaces,
        c.workplace_code                                                        AS current_workplace_code,
        c.workplace_name                                                        AS current_workplace_name,
        c.stay_start                                                            AS current_posting_start,
        c.stay_months,
        CASE WHEN s.years_of_service <= param('rotation_years')
             THEN param('posting_years_rotation') ELSE param('posting_years_after') END AS posting_years_limit,
        h.ever_front_line
    FROM staff AS s
    LEFT JOIN history AS h USING (fiscal_year, employee_id)
    LEFT JOIN current_posting AS c USING (fiscal_year, employee_id)
)
SELECT
    m.fiscal_year,
    m.snapshot_date,
    m.employee_id,
    m.dept_code,
    m.dept_name,
    m.grade,
    m.years_of_service,
    m.service_start,
    m.in_rotation_period,
    m.postings,
    m.workplaces_in_period,
    CAST(m.expected_workplaces AS INTEGER)                                       AS expected_workplaces,
    m.current_workplace_code,
    m.current_workplace_name,
    m.current_posting_start,
    round(m.stay_months / 12.0, 1)                                               AS current_posting_years,
    m.posting_years_limit,
    m.ever_front_line,
    CASE WHEN m.postings = 0 THEN NULL
         ELSE m.in_rotation_period AND m.workplaces_in_period < m.expected_workplaces END AS workplace_gap,
    CASE WHEN m.stay_months IS NULL THEN NULL
         ELSE m.stay_months > 12 * m.posting_years_limit END                     AS long_posting,
    CASE WHEN m.postings = 0 OR NOT f.carried THEN NULL
         ELSE m.in_rotation_period AND m.years_of_service >= param('posting_years_rotation')
              AND NOT m.ever_front_line END                                      AS no_front_line
FROM measured AS m
CROSS JOIN front_line_data AS f
