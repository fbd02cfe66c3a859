-- Every age group adds up: per snapshot, dimension and group, the pyramid's
-- cells sum to the summary's headcount, and the 全体 headcount is the
-- roster's regular headcount.
WITH pyramid AS (
    SELECT snapshot_date, dimension, group_code, sum(headcount) AS headcount
    FROM mart_age_pyramid
    GROUP BY snapshot_date, dimension, group_code
),
roster AS (
    SELECT snapshot_date, count(*) AS headcount
    FROM stg_roster
    WHERE in_headcount
    GROUP BY snapshot_date
)
SELECT s.snapshot_date, s.dimension, s.group_code, s.headcount AS summary, p.headcount AS pyramid, r.headcount AS roster
FROM mart_age_summary AS s
FULL JOIN pyramid AS p USING (snapshot_date, dimension, group_code)
LEFT JOIN roster AS r USING (snapshot_date)
WHERE s.headcount IS DISTINCT FROM p.headcount
   OR (s.dimension = '全体' AND s.headcount IS DISTINCT FROM r.headcount)
