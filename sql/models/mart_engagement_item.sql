-- grain: one row per survey, dimension, group and item
-- Per item: the mean on the item's own scale (reverse items flipped, so
-- higher is better), the mean on 0–100, and the favourable share (% of
-- answers in the top two boxes of the item's scale). Reported for the
-- organisation (dimension 全体) and for every group; suppressed cells
-- (int_survey_group, measure_kind 'item') keep their row with every value
-- and count NULL. Values come from int_survey_cell.
SELECT
    g.survey_code,
    q.survey_date,
    q.fiscal_year,
    g.dimension,
    g.group_value,
    g.is_unanswered,
    g.measure                                              AS item_code,
    i.item_text,
    i.category,
    i.scale,
    i.reverse,
    i.engagement,
    CASE WHEN NOT g.suppressed THEN g.respondents END      AS respondents,
    CASE WHEN NOT g.suppressed THEN v.mean END             AS mean,
    CASE WHEN NOT g.suppressed THEN v.score END            AS score,
    CASE WHEN NOT g.suppressed THEN v.favourable_share END AS favourable_share,
    g.suppressed
FROM int_survey_group AS g
JOIN int_survey_cell AS v USING (survey_code, dimension, group_value, measure_kind, measure)
JOIN survey_item AS i ON i.item_code = g.measure
JOIN int_survey_sequence AS q ON q.survey_code = g.survey_code
WHERE g.measure_kind = 'item'
