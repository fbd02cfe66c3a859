-- grain: one row per survey, dimension, group and standard engagement measure
-- UWES-9 and eNPS per group of the staff survey's dimensions
-- (int_survey_membership), before suppression (int_survey_group, with
-- survey.min_group_size, measure_kind 'standard'). Not for dashboards.
--   UWES-9 (and subscales): score = the mean of respondents' scores (0–6)
--   eNPS: score = % promoters (9–10) − % detractors (0–6), −100..100;
--         promoters_share and detractors_share in %
SELECT
    m.survey_code,
    m.dimension,
    m.group_value,
    'standard'                                               AS measure_kind,
    s.measure,
    min(s.instrument)                                        AS instrument,
    min(s.measure_order)                                     AS measure_order,
    count(*)                                                 AS respondents,
    CASE WHEN min(s.instrument) = 'eNPS'
         THEN (count(*) FILTER (WHERE s.promoter) - count(*) FILTER (WHERE s.detractor)) * 100.0 / count(*)
         ELSE avg(s.score) END                               AS score,
    CASE WHEN min(s.instrument) = 'eNPS' THEN count(*) FILTER (WHERE s.promoter) * 100.0 / count(*) END  AS promoters_share,
    CASE WHEN min(s.instrument) = 'eNPS' THEN count(*) FILTER (WHERE s.detractor) * 100.0 / count(*) END AS detractors_share
FROM int_standard_respondent AS s
JOIN int_survey_membership AS m USING (survey_code, respondent_id)
GROUP BY m.survey_code, m.dimension, m.group_value, s.measure
