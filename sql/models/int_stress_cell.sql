-- grain: one row per stress check, dimension, group and measure
-- Every stress-check group result before suppression (int_survey_group
-- decides which cells are suppressed, with survey.stress.min_group_size).
-- Not for dashboards (small groups are here).
-- measure_kind / measure:
--   stress_chart / 判定図    the job stress judgement chart (仕事のストレス判定図):
--                            respondents = the group's respondents with all four
--                            chart scales (in_chart); demand, control,
--                            supervisor_support, coworker_support = their means;
--                            risk_a, risk_b, total_risk = health risks (100 = national mean)
--   stress_scale / <code>    a BJSQ scale: respondents with the scale, mean = their mean
-- Health risks are computed per sex with that sex's national means and
-- coefficients (cfg_stress_norm) from the sex's own scale means:
--   risk A = 100·exp(α(demand − A0) + β(control − B0))
--   risk B = 100·exp(γ(supervisor − C0) + δ(co-worker − D0))
--   total  = A·B/100
-- and combined over the sexes weighted by their respondents (each of A, B
-- and the total). Respondents without a norm sex (unknown sex, excluded by
-- default) count in the means and respondents but not in the risks; a group
-- without any respondent of known sex has no risks.
WITH chart_member AS (
    SELECT
        m.survey_code,
        m.dimension,
        m.group_value,
        r.norm_sex,
        r.demand,
        r.control,
        r.supervisor_support,
        r.coworker_support
    FROM int_stress_respondent AS r
    JOIN int_stress_membership AS m USING (survey_code, respondent_id)
    WHERE r.in_chart
),

chart_mean AS (
    SELECT
        survey_code,
        dimension,
        group_value,
        count(*)                AS respondents,
        avg(demand)             AS demand,
        avg(control)            AS control,
        avg(supervisor_support) AS supervisor_support,
        avg(coworker_support)   AS coworker_support
    FROM chart_member
    GROUP BY survey_code, dimension, group_value
),

sex_risk AS (
    SELECT
        c.survey_code,
        c.dimension,
        c.group_value,
        c.norm_sex,
        count(*) AS respondents,
        100 * exp(n.alpha * (avg(c.demand) - n.demand) + n.beta * (avg(c.control) - n.control))                           AS risk_a,
        100 * exp(n.gamma * (avg(c.supervisor_support) - n.supervisor) + n.delta * (avg(c.coworker_support) - n.coworker)) AS risk_b
    FROM chart_member AS c
    JOIN cfg_stress_norm AS n ON n.sex = c.norm_sex
    GROUP BY c.survey_code, c.dimension, c.group_value, c.norm_sex,
             n.alpha, n.beta, n.gamma, n.delta, n.demand, n.control, n.supervisor, n.coworker
),

group_risk AS (
    SELECT
        survey_code,
        dimension,
        group_value,
        sum(respondents * risk_a) / sum(respondents)                AS risk_a,
        sum(respondents * risk_b) / sum(respondents)                AS risk_b,
        sum(respondents * risk_a * risk_b / 100) / sum(respondents) AS total_risk
    FROM sex_risk
    GROUP BY survey_code, dimension, group_value
),

chart_cell AS (
    SELECT
        c.survey_code,
        c.dimension,
        c.group_value,
        'stress_chart'          AS measure_kind,
        '判定図'                 AS measure,
        c.respondents,
        CAST(NULL AS DOUBLE)    AS mean,
        c.demand,
        c.control,
        c.supervisor_support,
        c.coworker_support,
        g.risk_a,
        g.risk_b,
        g.total_risk
    FROM chart_mean AS c
    LEFT JOIN group_risk AS g USING (survey_code, dimension, group_value)
),

scale_cell AS (
    SELECT
        m.survey_code,
        m.dimension,
        m.group_value,
        'stress_scale'          AS measure_kind,
        s.scale_code            AS measure,
        count(*)                AS respondents,
        avg(s.score)            AS mean,
        CAST(NULL AS DOUBLE)    AS demand,
        CAST(NULL AS DOUBLE)    AS control,
        CAST(NULL AS DOUBLE)    AS supervisor_support,
        CAST(NULL AS DOUBLE)    AS coworker_support,
        CAST(NULL AS DOUBLE)    AS risk_a,
        CAST(NULL AS DOUBLE)    AS risk_b,
        CAST(NULL AS DOUBLE)    AS total_risk
    FROM int_stress_scale_score AS s
    JOIN int_stress_membership AS m USING (survey_code, respondent_id)
    GROUP BY m.survey_code, m.dimension, m.group_value, s.scale_code
)

SELECT survey_code, dimension, group_value, measure_kind, measure, respondents, mean,
       demand, control, supervisor_support, coworker_support, risk_a, risk_b, total_risk
FROM chart_cell
UNION ALL
SELECT survey_code, dimension, group_value, measure_kind, measure, respondents, mean,
       demand, control, supervisor_support, coworker_support, risk_a, risk_b, total_risk
FROM scale_cell
