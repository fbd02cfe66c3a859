-- grain: one row per respondent per BJSQ scale the respondent answered in full
-- A scale of the 57-item version is the sum of its item scores (higher =
-- more of what the scale names: 心理的な仕事の負担(量) 3–12 is the MHLW
-- manual's 15 − (No.1 + No.2 + No.3)); a scale the 80-item version adds is
-- the mean of its item scores (1–4, higher = better). A respondent who
-- skipped an item of a scale has no score on it (the questionnaire's
-- scores are defined on complete answers).
WITH answered AS (
    SELECT
        a.survey_code,
        a.respondent_id,
        a.scale_code,
        count(*)          AS items,
        sum(a.item_score) AS item_sum
    FROM int_stress_answer AS a
    GROUP BY a.survey_code, a.respondent_id, a.scale_code
)

SELECT
    a.survey_code,
    a.respondent_id,
    a.scale_code,
    CASE WHEN s.aggregation = 'mean' THEN a.item_sum * 1.0 / s.items ELSE a.item_sum * 1.0 END AS score
FROM answered AS a
JOIN cfg_bjsq_scale AS s USING (scale_code)
WHERE a.items = s.items
