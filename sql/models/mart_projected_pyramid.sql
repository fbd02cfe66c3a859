-- grain: one row per fiscal year × age band × gender, for the latest snapshot's FY and the 9 following
-- The projected age pyramid of the regular headcount under the configured
-- hiring scenario. The first fiscal year is the latest snapshot itself
-- (int_retirement_outlook); each later FY f holds everyone whose exit
-- fiscal year is ≥ f, one year older per FY, plus the hires of the FYs up
-- to f. Hires of FY f: keep_headcount (param hire_fixed = 0) replaces every
-- leaver at the end of FY f−1; fixed (hire_fixed = 1) hires
-- param('hires_per_year'). Hires are spread over cfg_hire_age and by
-- param('hire_female_share') (the rest 男性), are 常勤 and retire like
-- everyone else (their age at the end of FY g taken as hire age + g − f).
-- Headcounts are fractional (DOUBLE); round only for display.
--
-- The population is held as cohorts (first FY, age then, gender, exit FY,
-- headcount): a cohort is present in every FY from its first to its exit
-- FY. Only keep_headcount needs recursion: a cohort that leaves within the
-- horizon spawns the cohorts that replace it.
WITH RECURSIVE
settings AS (
    SELECT
        param('hire_fixed') = 1       AS fixed,
        param('hires_per_year')       AS hires_per_year,
        param('hire_female_share')    AS female_share
),
start_cohorts AS (
    SELECT
        fiscal_year                   AS first_fiscal_year,
        age                           AS first_age,
        gender,
        coalesce(exit_fiscal_year, 9999) AS exit_fiscal_year,
        CAST(count(*) AS DOUBLE)      AS headcount
    FROM int_retirement_outlook
    GROUP BY fiscal_year, age, gender, coalesce(exit_fiscal_year, 9999)
),
horizon AS (
    SELECT DISTINCT first_fiscal_year + ahead.n AS fiscal_year, ahead.n AS years_ahead
    FROM start_cohorts
    CROSS JOIN generate_series(0, 9) AS ahead(n)
),
hire_mix AS (
    -- share of one FY's hires at each hire age and gender
    SELECT h.age, g.gender, CAST(h.share * g.share AS DOUBLE) AS share
    FROM cfg_hire_age AS h
    CROSS JOIN (
        SELECT '女性' AS gender, female_share AS share FROM settings
        UNION ALL
        SELECT '男性', 1 - female_share FROM settings
    ) AS g
),
hire_exits AS (
    -- FY at whose end a hire of a given age in a projected FY retires
    SELECT
        y.fiscal_year AS hire_fiscal_year,
        a.age,
        coalesce(min(y.fiscal_year + ahead.n) FILTER (WHERE a.age + ahead.n >= ra.retirement_age), 9999) AS exit_fiscal_year
    FROM horizon AS y
    CROSS JOIN (SELECT DISTINCT age FROM cfg_hire_age) AS a
    CROSS JOIN generate_series(0, 70) AS ahead(n)
    JOIN cfg_retirement_age AS ra ON ra.fiscal_year = y.fiscal_year + ahead.n
    WHERE y.years_ahead > 0
    GROUP BY y.fiscal_year, a.age
),
fixed_hires AS (
    -- fixed scenario: hires_per_year in every projected FY
    SELECT e.hire_fiscal_year, m.age, m.gender, e.exit_fiscal_year, s.hires_per_year * m.share AS headcount
    FROM hire_exits AS e
    JOIN hire_mix AS m USING (age)
    CROSS JOIN settings AS s
    WHERE s.fixed
),
initial_cohorts AS (
    SELECT first_fiscal_year, first_age, gender, exit_fiscal_year, headcount FROM start_cohorts
    UNION ALL
    SELECT hire_fiscal_year, age, gender, exit_fiscal_year, headcount FROM fixed_hires
),
cohorts (first_fiscal_year, first_age, gender, exit_fiscal_year, headcount) AS (
    SELECT first_fiscal_year, first_age, gender, exit_fiscal_year, headcount
    FROM initial_cohorts
    UNION ALL
    -- keep_headcount: those leaving at the end of FY f are replaced by the hires of FY f+1
    -- (hire_exits only has the projected FYs, which ends the recursion)
    SELECT e.hire_fiscal_year, m.age, m.gender, e.exit_fiscal_year, c.headcount * m.share
    FROM cohorts AS c
    JOIN hire_exits AS e ON e.hire_fiscal_year = c.exit_fiscal_year + 1
    JOIN hire_mix AS m ON m.age = e.age
    CROSS JOIN settings AS s
    WHERE NOT s.fixed
),
projected AS (
    SELECT
        y.fiscal_year,
        c.first_age + (y.fiscal_year - c.first_fiscal_year) AS age,
        c.gender,
        c.headcount
    FROM cohorts AS c
    JOIN horizon AS y ON y.fiscal_year BETWEEN c.first_fiscal_year AND c.exit_fiscal_year
)
SELECT
    p.fiscal_year,
    age_band(p.age)                   AS age_band,
    age_band_order(age_band(p.age))   AS age_band_order,
    p.gender,
    sum(p.headcount)                  AS headcount,
    CASE WHEN s.fixed THEN 'fixed' ELSE 'keep_headcount' END AS scenario
FROM projected AS p
CROSS JOIN settings AS s
GROUP BY p.fiscal_year, age_band(p.age), p.gender, s.fixed
