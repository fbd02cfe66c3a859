-- grain: one row per respondent per stress check (survey with a BJSQ answer)
-- The four scales of the job stress judgement chart per respondent
-- (int_stress_scale_score), the respondent's groups (stg_survey_respondent)
-- and the sex whose national norms judge them (cfg_stress_sex: 男性 and
-- 女性 by their own norms; any other or blank sex by the configured
-- survey.stress.unknown_sex: excluded from the risks by default).
-- in_chart: all four chart scales answered in full; only these
-- respondents enter the chart's means and risks. version is 80 when the
-- respondent answered an item of the 80-item version (58–80), else 57.
WITH chart AS (
    SELECT
        survey_code,
        respondent_id,
        max(score) FILTER (WHERE scale_code = 'quantitative_demand') AS demand,
        max(score) FILTER (WHERE scale_code = 'job_control')         AS control,
        max(score) FILTER (WHERE scale_code = 'supervisor_support')  AS supervisor_support,
        max(score) FILTER (WHERE scale_code = 'coworker_support')    AS coworker_support
    FROM int_stress_scale_score
    GROUP BY survey_code, respondent_id
),

answered AS (
    SELECT
        survey_code,
        respondent_id,
        count(*)         AS items,
        max(item_no)     AS last_item
    FROM int_stress_answer
    GROUP BY survey_code, respondent_id
)

SELECT
    r.survey_code,
    r.respondent_id,
    r.dept_name,
    r.grade,
    r.age_band,
    r.gender,
    coalesce(own.norm_sex, other.norm_sex)                  AS norm_sex,
    a.items,
    CASE WHEN a.last_item > 57 THEN 80 ELSE 57 END          AS version,
    c.demand,
    c.control,
    c.supervisor_support,
    c.coworker_support,
    coalesce(c.demand IS NOT NULL AND c.control IS NOT NULL
             AND c.supervisor_support IS NOT NULL AND c.coworker_support IS NOT NULL, false) AS in_chart
FROM stg_survey_respondent AS r
JOIN answered AS a USING (survey_code, respondent_id)
LEFT JOIN chart AS c USING (survey_code, respondent_id)
LEFT JOIN cfg_stress_sex AS own ON own.gender = r.gender
LEFT JOIN cfg_stress_sex AS other ON other.gender = '*'
