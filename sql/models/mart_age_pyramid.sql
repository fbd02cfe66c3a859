-- grain: one row per snapshot × dimension × group × age band × gender
-- Headcount by 5-year age band and gender (the age pyramid; dashboards draw
-- 男性 on the left) of the regular headcount, for the whole organisation
-- (全体) and per 部, and also per 職種, 職層, 性別 and 任用形態 (summing the
-- genders gives the headcount by age band of any group). A cell appears
-- when it has staff now or had staff in the previous fiscal year's snapshot
-- (then with headcount 0), so that headcount_change also shows bands that
-- emptied; headcount_change is NULL when the group has no previous-year
-- snapshot to compare with.
WITH cells AS (
    SELECT snapshot_date, dimension, group_code, age_band, gender, count(*) AS headcount
    FROM int_age_group_member
    GROUP BY snapshot_date, dimension, group_code, age_band, gender
),
groups_now AS (
    SELECT snapshot_date, fiscal_year, dimension, group_code, min(group_name) AS group_name
    FROM int_age_group_member
    GROUP BY snapshot_date, fiscal_year, dimension, group_code
),
previous_cells AS (
    -- last year's cells, keyed by the snapshot that compares with them
    SELECT pair.snapshot_date, c.dimension, c.group_code, c.age_band, c.gender, c.headcount
    FROM int_age_previous_snapshot AS pair
    JOIN cells AS c ON c.snapshot_date = pair.previous_snapshot_date
),
previous_groups AS (
    SELECT DISTINCT snapshot_date, dimension, group_code
    FROM previous_cells
),
cell_keys AS (
    SELECT snapshot_date, dimension, group_code, age_band, gender FROM cells
    UNION
    SELECT p.snapshot_date, p.dimension, p.group_code, p.age_band, p.gender
    FROM previous_cells AS p
    JOIN groups_now AS g USING (snapshot_date, dimension, group_code)
)
SELECT
    k.snapshot_date,
    g.fiscal_year,
    k.dimension,
    k.group_code,
    g.group_name,
    k.age_band,
    age_band_order(k.age_band)                                   AS age_band_order,
    k.gender,
    coalesce(c.headcount, 0)                                     AS headcount,
    CASE WHEN pg.group_code IS NOT NULL
         THEN coalesce(c.headcount, 0) - coalesce(p.headcount, 0) END AS headcount_change
FROM cell_keys AS k
JOIN groups_now AS g USING (snapshot_date, dimension, group_code)
LEFT JOIN cells AS c USING (snapshot_date, dimension, group_code, age_band, gender)
LEFT JOIN previous_cells AS p USING (snapshot_date, dimension, group_code, age_band, gender)
LEFT JOIN previous_groups AS pg USING (snapshot_date, dimension, group_code)
