-- The projected pyramid starts from the latest snapshot's headcount, and
-- under keep_headcount every projected fiscal year has the same total.
WITH totals AS (
    SELECT fiscal_year, min(scenario) AS scenario, sum(headcount) AS headcount
    FROM mart_projected_pyramid
    GROUP BY fiscal_year
),
start AS (
    SELECT fiscal_year, count(*) AS headcount
    FROM int_retirement_outlook
    GROUP BY fiscal_year
)
SELECT t.fiscal_year, t.scenario, t.headcount, s.headcount AS start_headcount
FROM totals AS t
CROSS JOIN start AS s
WHERE (t.fiscal_year = s.fiscal_year OR t.scenario = 'keep_headcount')
  AND abs(t.headcount - s.headcount) > 1e-6
