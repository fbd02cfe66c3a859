-- grain: one row per snapshot × dimension (全体, 部, 職種, 職層, 性別, 任用形態) × group
-- Age structure of the regular headcount: headcount, average and median
-- legal age at the 基準日, share aged 51+ and aged 35 or under (% of the
-- headcount, 0–100, unrounded), and the change of each since the previous fiscal year's snapshot
-- (int_age_previous_snapshot) for the same dimension and group code; the
-- changes are NULL when there is no such snapshot or the group is not in it.
-- Share changes are in percentage points.
WITH group_stats AS (
    SELECT
        snapshot_date,
        fiscal_year,
        dimension,
        group_code,
        min(group_name)                                              AS group_name,
        count(*)                                                     AS headcount,
        avg(age)                                                     AS average_age,
        quantile_cont(age, 0.5)                                      AS median_age,
        count(*) FILTER (WHERE age >= 51) * 100.0 / count(age)       AS share_51_plus,
        count(*) FILTER (WHERE age <= 35) * 100.0 / count(age)       AS share_35_or_under
    FROM int_age_group_member
    GROUP BY snapshot_date, fiscal_year, dimension, group_code
)
SELECT
    cur.snapshot_date,
    cur.fiscal_year,
    cur.dimension,
    cur.group_code,
    cur.group_name,
    cur.headcount,
    cur.average_age,
    cur.median_age,
    cur.share_51_plus,
    cur.share_35_or_under,
    pair.previous_snapshot_date,
    cur.headcount - prev.headcount                 AS headcount_change,
    cur.average_age - prev.average_age             AS average_age_change,
    cur.median_age - prev.median_age               AS median_age_change,
    cur.share_51_plus - prev.share_51_plus         AS share_51_plus_change,
    cur.share_35_or_under - prev.share_35_or_under AS share_35_or_under_change
FROM group_stats AS cur
LEFT JOIN int_age_previous_snapshot AS pair ON pair.snapshot_date = cur.snapshot_date
LEFT JOIN group_stats AS prev
    ON prev.snapshot_date = pair.previous_snapshot_date
   AND prev.dimension = cur.dimension
   AND prev.group_code = cur.group_code
