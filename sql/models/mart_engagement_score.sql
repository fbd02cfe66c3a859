-- grain: one row per survey, dimension, group and measure (the engagement index or a category)
-- Engagement index and category scores (0–100) per group, with the
-- answer-level favourable share (%) and the change since the previous
-- survey for the same dimension, group and measure. A group score is the
-- mean over the group's respondents of their respondent-level scores
-- (int_engagement_respondent, int_survey_cell). Suppressed cells
-- (int_survey_group) keep their row with suppressed = true and every value
-- and count NULL.
WITH shown_cell AS (
    SELECT
        g.survey_code,
        g.dimension,
        g.group_value,
        g.is_unanswered,
        g.measure_kind,
        g.measure,
        g.suppressed,
        CASE WHEN NOT g.suppressed THEN g.respondents END      AS respondents,
        CASE WHEN NOT g.suppressed THEN s.score END            AS score,
        CASE WHEN NOT g.suppressed THEN s.favourable_share END AS favourable_share
    FROM int_survey_group AS g
    JOIN int_survey_cell AS s USING (survey_code, dimension, group_value, measure_kind, measure)
    WHERE g.measure_kind IN ('index', 'category')
)

SELECT
    c.survey_code,
    q.survey_date,
    q.fiscal_year,
    c.dimension,
    c.group_value,
    c.is_unanswered,
    c.measure_kind,
    c.measure,
    c.respondents,
    c.score,
    c.favourable_share,
    c.suppressed,
    q.previous_survey_code,
    c.score - p.score                       AS change_since_previous,
    c.favourable_share - p.favourable_share AS favourable_share_change
FROM shown_cell AS c
JOIN int_survey_sequence AS q USING (survey_code)
LEFT JOIN shown_cell AS p
    ON p.survey_code = q.previous_survey_code
   AND p.dimension = c.dimension
   AND p.group_value = c.group_value
   AND p.measure_kind = c.measure_kind
   AND p.measure = c.measure
