-- grain: one row per survey and driver category
-- Key drivers, organisation level: for each category that holds no
-- engagement item, the Pearson correlation across respondents between the
-- respondent's category score and engagement index, the category's org
-- score (0–100), its gap to the average of the listed categories' org
-- scores, a rank by correlation (1 = moves most with the index) and a
-- quadrant: correlation above the survey's median and score below the
-- average is 重点改善 (priority). A category answered by fewer than k
-- respondents in the whole survey is suppressed (int_survey_group); the
-- correlation is NULL when fewer than k respondents have both the category
-- score and the index (pairs), or when either does not vary.
WITH engagement_category AS (
    SELECT DISTINCT survey_code, category
    FROM int_survey_answer
    WHERE engagement
),

respondent_index AS (
    SELECT survey_code, respondent_id, score AS engagement_index
    FROM int_engagement_respondent
    WHERE measure_kind = 'index'
),

driver_category AS (
    SELECT
        c.survey_code,
        c.measure AS category,
        c.score
    FROM int_survey_cell AS c
    WHERE c.dimension = '全体'
      AND c.measure_kind = 'category'
      AND NOT EXISTS (SELECT 1 FROM engagement_category AS x
                      WHERE x.survey_code = c.survey_code AND x.category = c.measure)
),

driver_pair AS (
    SELECT
        e.survey_code,
        e.measure AS category,
        count(*) AS pairs,
        greatest(-1.0, least(1.0, corr(e.score, i.engagement_index))) AS correlation
    FROM int_engagement_respondent AS e
    JOIN respondent_index AS i USING (survey_code, respondent_id)
    WHERE e.measure_kind = 'category'
    GROUP BY e.survey_code, e.measure
),

shown_driver AS (
    SELECT
        d.survey_code,
        d.category,
        g.suppressed,
        g.respondents,
        d.score,
        coalesce(p.pairs, 0) AS pairs,
        CASE WHEN p.pairs >= coalesce(param('min_group_size'), 5) THEN p.correlation END AS correlation
    FROM driver_category AS d
    JOIN int_survey_group AS g
        ON g.survey_code = d.survey_code
       AND g.dimension = '全体'
       AND g.measure_kind = 'category'
       AND g.measure = d.category
    LEFT JOIN driver_pair AS p
        ON p.survey_code = d.survey_code
       AND p.category = d.category
),

driver_stat AS (
    SELECT
        survey_code,
        category,
        suppressed,
        CASE WHEN NOT suppressed THEN respondents END AS respondents,
        CASE WHEN NOT suppressed THEN pairs END       AS pairs,
        CASE WHEN NOT suppressed THEN correlation END AS correlation,
        CASE WHEN NOT suppressed THEN score END       AS score
    FROM shown_driver
),

survey_stat AS (
    SELECT
        survey_code,
        avg(score)          AS average_score,
        median(correlation) AS median_correlation
    FROM driver_stat
    GROUP BY survey_code
)

SELECT
    d.survey_code,
    q.survey_date,
    q.fiscal_year,
    d.category,
    d.respondents,
    d.pairs,
    d.correlation,
    d.score,
    s.average_score,
    d.score - s.average_score AS gap_to_average,
    CASE WHEN d.correlation IS NOT NULL THEN
        row_number() OVER (PARTITION BY d.survey_code ORDER BY d.correlation DESC NULLS LAST, d.category)
    END AS rank,
    coalesce(d.correlation > s.median_correlation AND d.score < s.average_score, false) AS priority,
    CASE WHEN d.correlation IS NULL OR d.score IS NULL THEN NULL
         WHEN d.correlation > s.median_correlation AND d.score < s.average_score THEN '重点改善'
         WHEN d.correlation > s.median_correlation THEN '重点維持'
         WHEN d.score < s.average_score THEN '改善'
         ELSE '維持' END AS quadrant,
    d.suppressed
FROM driver_stat AS d
JOIN survey_stat AS s USING (survey_code)
JOIN int_survey_sequence AS q USING (survey_code)
