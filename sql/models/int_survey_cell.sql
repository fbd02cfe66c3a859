-- grain: one row per survey, dimension, group and measure
-- Every group result before suppression, computed once: int_survey_group
-- decides from respondents which cells are suppressed, and the marts show
-- the values of the others. Not for dashboards (small groups are here).
-- measure_kind / measure:
--   response / 回答              respondents = the group's respondents
--   index / エンゲージメント指数  score = mean of respondents' index
--   category / <category>        score = mean of respondents' category score
--   item / <item_code>           mean (item's own scale), score (0–100)
-- favourable_share (%) is answer-level: favourable answers / answers.
WITH response_cell AS (
    SELECT
        survey_code,
        dimension,
        group_value,
        'response'                 AS measure_kind,
        '回答'                      AS measure,
        count(*)                   AS respondents,
        CAST(NULL AS DOUBLE)       AS mean,
        CAST(NULL AS DOUBLE)       AS score,
        CAST(NULL AS DOUBLE)       AS favourable_share
    FROM int_survey_membership
    GROUP BY survey_code, dimension, group_value
),

score_cell AS (
    SELECT
        m.survey_code,
        m.dimension,
        m.group_value,
        e.measure_kind,
        e.measure,
        count(*)                                            AS respondents,
        CAST(NULL AS DOUBLE)                                AS mean,
        avg(e.score)                                        AS score,
        sum(e.favourable_answers) * 100.0 / sum(e.answers)  AS favourable_share
    FROM int_engagement_respondent AS e
    JOIN int_survey_membership AS m USING (survey_code, respondent_id)
    GROUP BY m.survey_code, m.dimension, m.group_value, e.measure_kind, e.measure
),

item_cell AS (
    SELECT
        m.survey_code,
        m.dimension,
        m.group_value,
        'item'                                                 AS measure_kind,
        a.item_code                                            AS measure,
        count(*)                                               AS respondents,
        avg(a.score)                                           AS mean,
        avg(a.score_100)                                       AS score,
        count(*) FILTER (WHERE a.favourable) * 100.0 / count(*) AS favourable_share
    FROM int_survey_answer AS a
    JOIN int_survey_membership AS m USING (survey_code, respondent_id)
    GROUP BY m.survey_code, m.dimension, m.group_value, a.item_code
)

SELECT survey_code, dimension, group_value, measure_kind, measure, respondents, mean, score, favourable_share FROM response_cell
UNION ALL
SELECT survey_code, dimension, group_value, measure_kind, measure, respondents, mean, score, favourable_share FROM score_cell
UNION ALL
SELECT survey_code, dimension, group_value, measure_kind, measure, respondents, mean, score, favourable_share FROM item_cell
