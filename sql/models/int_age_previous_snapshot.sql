-- grain: one row per roster snapshot that has a snapshot in the previous fiscal year
-- The snapshot each snapshot is compared with for the "change since the
-- previous fiscal year": among the snapshots dated in fiscal year FY−1, the
-- one closest to exactly one year earlier (the later one on a tie). With
-- the usual April 1 rosters this is simply last year's April 1.
WITH snapshots AS (
    SELECT DISTINCT snapshot_date, fiscal_year
    FROM stg_roster
),
pairs AS (
    SELECT
        cur.snapshot_date,
        cur.fiscal_year,
        prev.snapshot_date AS previous_snapshot_date,
        abs(date_diff('day', prev.snapshot_date, CAST(cur.snapshot_date - INTERVAL 1 YEAR AS DATE))) AS days_off
    FROM snapshots AS cur
    JOIN snapshots AS prev ON prev.fiscal_year = cur.fiscal_year - 1
)
SELECT snapshot_date, fiscal_year, previous_snapshot_date
FROM pairs
QUALIFY row_number() OVER (PARTITION BY snapshot_date ORDER BY days_off, previous_snapshot_date DESC) = 1
