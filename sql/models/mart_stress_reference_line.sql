-- grain: one row per chart, sex, risk level and point
-- The iso-risk lines of the job stress judgement chart (仕事のストレス判定図)
-- for each sex's configured norms (cfg_stress_norm) and each configured
-- risk level (survey.stress.risk_levels): on chart A (量-コントロール判定図:
-- x = 仕事の量的負担, y = 仕事のコントロール) the points where
-- 100·exp(α(x − A0) + β(y − B0)) = risk_level, on chart B (職場の支援判定図:
-- x = 上司の支援, y = 同僚の支援) those where
-- 100·exp(γ(x − C0) + δ(y − D0)) = risk_level, i.e.
--   y = B0 + (ln(risk_level/100) − α(x − A0)) / β   (and likewise for B).
-- Each line is a straight segment sampled every 0.25 point over the
-- window of the national mean ± 2.5 on both axes (the sample points whose
-- y falls outside the window are left out). Configuration only: no survey
-- data, nothing to suppress.
WITH grid AS (
    SELECT i, i * 0.25 - 2.5 AS offset_x
    FROM range(0, 21) AS t(i)
),

chart_line AS (
    SELECT
        'A'                                   AS chart,
        '量-コントロール判定図'                  AS chart_name,
        n.sex,
        l.risk_level,
        g.i                                   AS point_order,
        n.demand + g.offset_x                 AS x,
        n.control + (ln(l.risk_level / 100) - n.alpha * g.offset_x) / n.beta AS y,
        n.control                             AS y_mean
    FROM cfg_stress_norm AS n, cfg_stress_risk_level AS l, grid AS g
    WHERE n.beta <> 0
    UNION ALL
    SELECT
        'B',
        '職場の支援判定図',
        n.sex,
        l.risk_level,
        g.i,
        n.supervisor + g.offset_x,
        n.coworker + (ln(l.risk_level / 100) - n.gamma * g.offset_x) / n.delta,
        n.coworker
    FROM cfg_stress_norm AS n, cfg_stress_risk_level AS l, grid AS g
    WHERE n.delta <> 0
)

SELECT
    chart,
    chart_name,
    sex,
    risk_level,
    'リスク' || CAST(CAST(round(risk_level) AS INTEGER) AS VARCHAR) AS line,
    point_order,
    round(x, 3) AS x,
    round(y, 3) AS y
FROM chart_line
WHERE y BETWEEN y_mean - 2.5 AND y_mean + 2.5
