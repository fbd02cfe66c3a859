-- grain: one row per employee per fiscal year (the fiscal year's snapshot)
-- Grade history. The snapshot of a fiscal year is its latest roster date
-- (usually the 4/1 基準日; a later roster in the same year picks up mid-year
-- hires and promotions). prev_* come from the snapshot of the fiscal year
-- before (NULL when the employee, or the whole roster, is missing that year).
-- promoted: a higher rank (lower grade_rank) than the year before.
-- grade_since_fiscal_year: first fiscal year of the unbroken run of yearly
-- snapshots in the current grade (the first year of the data when the
-- grade was already held then).
WITH fiscal_year_snapshot AS (
    SELECT fiscal_year, max(snapshot_date) AS snapshot_date
    FROM stg_roster
    GROUP BY fiscal_year
),
yearly_grade AS (
    SELECT
        r.fiscal_year,
        r.snapshot_date,
        r.employee_id,
        r.grade,
        r.grade_rank,
        r.grade_class,
        r.track
    FROM stg_roster AS r
    JOIN fiscal_year_snapshot AS s USING (fiscal_year, snapshot_date)
),
with_previous AS (
    SELECT
        y.*,
        p.grade        AS prev_grade,
        p.grade_rank   AS prev_grade_rank
    FROM yearly_grade AS y
    LEFT JOIN yearly_grade AS p
        ON p.employee_id = y.employee_id AND p.fiscal_year = y.fiscal_year - 1
),
grade_runs AS (
    SELECT
        *,
        sum(CASE WHEN prev_grade IS DISTINCT FROM grade THEN 1 ELSE 0 END)
            OVER (PARTITION BY employee_id ORDER BY fiscal_year) AS run_no
    FROM with_previous
)
SELECT
    fiscal_year,
    snapshot_date,
    employee_id,
    grade,
    grade_rank,
    grade_class,
    track,
    prev_grade,
    prev_grade_rank,
    coalesce(prev_grade_rank > grade_rank, false)                       AS promoted,
    min(fiscal_year) OVER (PARTITION BY employee_id, run_no)             AS grade_since_fiscal_year
FROM grade_runs
