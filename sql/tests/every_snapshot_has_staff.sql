-- Every roster snapshot has staff in the regular headcount.
SELECT snapshot_date, count(*) FILTER (WHERE in_headcount) AS headcount
FROM stg_roster
GROUP BY snapshot_date
HAVING count(*) FILTER (WHERE in_headcount) = 0
