-- grain: one row per fiscal year × KPI, for every fiscal year with a roster snapshot
-- The development plan's KPI table (docs/metrics/gaps-kpi.md): value against
-- the configured target (cfg_target; none = 目標なし). Every KPI is higher-is-
-- better: 達成 when the value (as shown, rounded to 0.1) reaches the target,
-- 未達 below it, データなし when the year has no data for it, 集計中 for a
-- training KPI below target in a fiscal year that has not ended by the
-- data's as-of date (its requirements are not all due yet). base = the
-- count the value is taken over. Staff = the headcount of the fiscal year's
-- snapshot (int_grade_history). The engagement index and response rate are
-- those of the fiscal year's latest survey with an engagement index, taken
-- from mart_engagement_score and mart_response_rate (suppressed there when
-- the whole survey has fewer than min_group_size respondents).
WITH kpi_definition AS (
    SELECT kpi_code, kpi_order, kpi_name, unit
    FROM (VALUES
        ('mandatory_training_completion', 1, '必修研修修了率',             '%'),
        ('training_hours_per_head',       2, '職員1人当たり研修時間',      '時間'),
        ('self_development_uptake',       3, '自己啓発実施率',             '%'),
        ('women_in_management',           4, '管理職に占める女性の割合',   '%'),
        ('rotation_coverage',             5, 'ジョブローテーション達成率', '%'),
        ('dx_leaders',                    6, 'DX推進リーダー等の割合',     '%'),
        ('advanced_digital',              7, '高度専門人材数',             '人'),
        ('engagement_index',              8, 'エンゲージメント指数',       '点'),
        ('response_rate',                 9, '職員意識調査回答率',         '%')
    ) AS d(kpi_code, kpi_order, kpi_name, unit)
),
fiscal_year_staff AS (
    SELECT h.fiscal_year, r.employee_id, r.gender, r.grade_class, r.digital_tier
    FROM int_grade_history AS h
    JOIN stg_roster AS r USING (snapshot_date, employee_id)
    WHERE r.in_headcount
),
staff_count AS (
    SELECT
        fiscal_year,
        count(*)                                                                  AS headcount,
        count(*) FILTER (WHERE grade_class = 'management')                        AS managers,
        count(*) FILTER (WHERE grade_class = 'management' AND gender = '女性')     AS women_managers,
        count(digital_tier)                                                       AS with_digital_tier,
        count(*) FILTER (WHERE digital_tier IN ('DX推進リーダー', '高度専門人材')) AS dx_leaders,
        count(*) FILTER (WHERE digital_tier = '高度専門人材')                     AS advanced_digital
    FROM fiscal_year_staff
    GROUP BY fiscal_year
),
training_year AS (
    SELECT DISTINCT fiscal_year FROM stg_training_record
),
staff_training AS (
    SELECT
        s.fiscal_year,
        coalesce(sum(t.hours), 0)                                                AS hours,
        count(DISTINCT t.employee_id) FILTER (WHERE t.category IN ('自主', '通信教育')) AS self_developers
    FROM fiscal_year_staff AS s
    LEFT JOIN stg_training_record AS t
        ON t.employee_id = s.employee_id AND t.fiscal_year = s.fiscal_year AND t.completed
    WHERE s.fiscal_year IN (SELECT fiscal_year FROM training_year)
    GROUP BY s.fiscal_year
),
mandatory AS (
    SELECT fiscal_year, required, completion_rate
    FROM mart_training_completion
    WHERE dept_code = '全体' AND grade = '全体'
),
rotation AS (
    SELECT
        fiscal_year,
        count(*) FILTER (WHERE in_rotation_period AND postings > 0)   AS evaluated,
        count(*) FILTER (WHERE in_rotation_period AND NOT workplace_gap) AS covered
    FROM int_rotation_status
    GROUP BY fiscal_year
),
survey_of_year AS (
    -- The survey of a fiscal year: its latest survey with an engagement
    -- index, read from the engagement marts so that both agree.
    SELECT e.fiscal_year, e.survey_code, e.respondents, e.score AS engagement_index
    FROM mart_engagement_score AS e
    WHERE e.dimension = '全体' AND e.measure_kind = 'index'
    QUALIFY row_number() OVER (PARTITION BY e.fiscal_year ORDER BY e.survey_date DESC, e.survey_code DESC) = 1
),
survey_result AS (
    SELECT y.fiscal_year, y.respondents AS engagement_respondents, y.engagement_index,
           r.headcount, r.respondents, r.response_rate
    FROM survey_of_year AS y
    LEFT JOIN mart_response_rate AS r ON r.survey_code = y.survey_code AND r.dimension = '全体'
),
kpi_value AS (
    SELECT fiscal_year, 'mandatory_training_completion' AS kpi_code, completion_rate AS value, required AS base FROM mandatory
    UNION ALL
    SELECT t.fiscal_year, 'training_hours_per_head', round(t.hours / c.headcount, 1), c.headcount
    FROM staff_training AS t JOIN staff_count AS c USING (fiscal_year)
    UNION ALL
    SELECT t.fiscal_year, 'self_development_uptake', round(100.0 * t.self_developers / c.headcount, 1), c.headcount
    FROM staff_training AS t JOIN staff_count AS c USING (fiscal_year)
    UNION ALL
    SELECT fiscal_year, 'women_in_management', round(100.0 * women_managers / nullif(managers, 0), 1), managers FROM staff_count
    UNION ALL
    SELECT fiscal_year, 'rotation_coverage', round(100.0 * covered / nullif(evaluated, 0), 1), evaluated FROM rotation
    UNION ALL
    SELECT fiscal_year, 'dx_leaders', CASE WHEN with_digital_tier > 0 THEN round(100.0 * dx_leaders / headcount, 1) END, headcount FROM staff_count
    UNION ALL
    SELECT fiscal_year, 'advanced_digital', CASE WHEN with_digital_tier > 0 THEN advanced_digital END, headcount FROM staff_count
    UNION ALL
    SELECT fiscal_year, 'engagement_index', round(engagement_index, 1), engagement_respondents FROM survey_result
    UNION ALL
    SELECT fiscal_year, 'response_rate', round(response_rate, 1), headcount FROM survey_result
),
kpi_target AS (
    SELECT kpi_code, target FROM cfg_target
),
-- The training KPIs of a fiscal year that has not ended by the data's
-- as-of date (the latest roster snapshot or training record, as in
-- int_training_requirement) are still being counted (集計中): requirements
-- not yet due are not completed yet, so the value is not judged.
training_as_of AS (
    SELECT greatest(
        (SELECT max(snapshot_date) FROM stg_roster),
        (SELECT max(greatest(start_date, coalesce(end_date, start_date))) FROM stg_training_record)
    ) AS as_of_date
)
SELECT
    y.fiscal_year,
    d.kpi_code,
    d.kpi_order,
    d.kpi_name,
    d.unit,
    CAST(v.value AS DOUBLE)                                        AS value,
    t.target,
    CASE WHEN t.target IS NULL THEN '目標なし'
         WHEN v.value IS NULL  THEN 'データなし'
         WHEN v.value >= t.target THEN '達成'
         WHEN d.kpi_code IN ('mandatory_training_completion', 'training_hours_per_head', 'self_development_uptake')
              AND fiscal_year_end(y.fiscal_year) >= (SELECT as_of_date FROM training_as_of) THEN '集計中'
         ELSE '未達' END                                            AS status,
    'higher_is_better'                                             AS direction,
    CAST(v.base AS BIGINT)                                         AS base
FROM (SELECT DISTINCT fiscal_year FROM int_grade_history) AS y
CROSS JOIN kpi_definition AS d
LEFT JOIN kpi_value AS v ON v.fiscal_year = y.fiscal_year AND v.kpi_code = d.kpi_code
LEFT JOIN kpi_target AS t ON t.kpi_code = d.kpi_code
