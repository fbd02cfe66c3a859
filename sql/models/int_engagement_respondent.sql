-- grain: one row per respondent per survey per measure (each category, and the engagement index)
-- Respondent-level scores on 0–100: a category score is the mean of
-- score_100 over the respondent's answered items of the category; the
-- engagement index is the mean of score_100 over the respondent's answered
-- engagement items (survey_item.engagement). Skipped items have no answer
-- and do not count; a respondent who skipped every item of a measure has
-- no row for it. answers and favourable_answers feed the answer-level
-- favourable share of a group.
WITH category_score AS (
    SELECT
        survey_code,
        respondent_id,
        'category'                                 AS measure_kind,
        category                                   AS measure,
        avg(score_100)                             AS score,
        count(*)                                   AS answers,
        count(*) FILTER (WHERE favourable)         AS favourable_answers
    FROM int_survey_answer
    GROUP BY survey_code, respondent_id, category
),

engagement_index AS (
    SELECT
        survey_code,
        respondent_id,
        'index'                                    AS measure_kind,
        'エンゲージメント指数'                       AS measure,
        avg(score_100)                             AS score,
        count(*)                                   AS answers,
        count(*) FILTER (WHERE favourable)         AS favourable_answers
    FROM int_survey_answer
    WHERE engagement
    GROUP BY survey_code, respondent_id
)

SELECT survey_code, respondent_id, measure_kind, measure, score, answers, favourable_answers FROM engagement_index
UNION ALL
SELECT survey_code, respondent_id, measure_kind, measure, score, answers, favourable_answers FROM category_score
