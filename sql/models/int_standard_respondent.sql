-- grain: one row per respondent per survey per standard engagement measure
-- The standard engagement scores a staff survey declares through its item
-- bank (survey_item.instrument), from the raw answers:
--   UWES-9 (uwes9, answers 0–6): UWES-9 = the mean of the 9 items; 活力
--     (items 1, 2, 5), 熱意 (3, 4, 7), 没頭 (6, 8, 9) = the mean of their
--     3 items. A respondent has a score only on a (sub)scale they answered
--     in full.
--   eNPS (enps, answers 0–10): score = the answer; promoter 9–10,
--     detractor 0–6.
-- The engagement index of the survey (survey_item.engagement) is not
-- changed by these: an item can be part of both.
WITH uwes AS (
    SELECT
        a.survey_code,
        a.respondent_id,
        k.subscale,
        k.subscale_name,
        a.raw_value
    FROM int_survey_answer AS a
    JOIN cfg_uwes9_item AS k ON k.item_no = a.item_no
    WHERE a.instrument = 'uwes9'
),

uwes_total AS (
    SELECT survey_code, respondent_id, 'UWES-9' AS instrument, 'UWES-9' AS measure, 1 AS measure_order,
           avg(raw_value) AS score, CAST(NULL AS BOOLEAN) AS promoter, CAST(NULL AS BOOLEAN) AS detractor
    FROM uwes
    GROUP BY survey_code, respondent_id
    HAVING count(*) = 9
),

uwes_subscale AS (
    SELECT survey_code, respondent_id, 'UWES-9' AS instrument, 'UWES-9 ' || subscale_name AS measure,
           CASE subscale WHEN 'vigour' THEN 2 WHEN 'dedication' THEN 3 ELSE 4 END AS measure_order,
           avg(raw_value) AS score, CAST(NULL AS BOOLEAN) AS promoter, CAST(NULL AS BOOLEAN) AS detractor
    FROM uwes
    GROUP BY survey_code, respondent_id, subscale, subscale_name
    HAVING count(*) = 3
),

enps AS (
    SELECT survey_code, respondent_id, 'eNPS' AS instrument, 'eNPS' AS measure, 5 AS measure_order,
           raw_value * 1.0 AS score, raw_value >= 9 AS promoter, raw_value <= 6 AS detractor
    FROM int_survey_answer
    WHERE instrument = 'enps'
)

SELECT survey_code, respondent_id, instrument, measure, measure_order, score, promoter, detractor FROM uwes_total
UNION ALL
SELECT survey_code, respondent_id, instrument, measure, measure_order, score, promoter, detractor FROM uwes_subscale
UNION ALL
SELECT survey_code, respondent_id, instrument, measure, measure_order, score, promoter, detractor FROM enps
