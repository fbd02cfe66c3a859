-- grain: one row per job family (latest snapshot)
-- Knowledge-transfer risk per 職種 in the regular headcount: headcount,
-- staff aged 55+ (count and % of the headcount; they leave within about ten years
-- under the retirement age of 65), staff under 40, whether the family is a
-- 少数職種 (headcount ≤ param('small_family_max')), and a risk level:
--   高  small family in which staff aged 55+ outnumber staff under 40;
--   中  small family with anyone aged 55+, or a larger family in which
--       staff aged 55+ outnumber staff under 40;
--   低  otherwise.
WITH families AS (
    SELECT
        snapshot_date,
        fiscal_year,
        job_family,
        count(*)                                   AS headcount,
        count(*) FILTER (WHERE age >= 55)          AS aged_55_plus,
        count(*) FILTER (WHERE age < 40)           AS under_40,
        avg(age)                                   AS average_age
    FROM int_retirement_outlook
    GROUP BY snapshot_date, fiscal_year, job_family
),
flagged AS (
    SELECT
        f.snapshot_date,
        f.fiscal_year,
        f.job_family,
        f.headcount,
        f.aged_55_plus,
        f.under_40,
        f.average_age,
        f.aged_55_plus * 100.0 / f.headcount       AS share_55_plus,
        f.headcount <= param('small_family_max')   AS is_small
    FROM families AS f
)
SELECT
    snapshot_date,
    fiscal_year,
    job_family,
    headcount,
    average_age,
    aged_55_plus,
    share_55_plus,
    under_40,
    is_small,
    CASE
        WHEN is_small AND aged_55_plus > under_40 THEN '高'
        WHEN (is_small AND aged_55_plus > 0) OR aged_55_plus > under_40 THEN '中'
        ELSE '低'
    END AS risk_level
FROM flagged
