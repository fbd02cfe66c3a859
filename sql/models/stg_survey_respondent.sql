-- grain: one row per respondent per survey
-- Respondent attributes with blanks named 未回答, and the survey's date and
-- fiscal year. For a named (non-anonymous) survey, an attribute the
-- respondent left blank is filled from the roster at the latest snapshot
-- on or before the survey date, matched by employee_id: 部, grade, gender,
-- age as a decade band (20代, 30代 …, the form-tool convention) and years
-- of service as a tenure band (〜4年, 5〜9年, 10〜19年, 20〜29年, 30年〜),
-- both as of the survey date. What the respondent reported wins.
WITH named_survey_snapshot AS (
    SELECT
        s.survey_code,
        s.survey_date,
        max(d.snapshot_date) AS snapshot_date
    FROM survey AS s
    JOIN (SELECT DISTINCT snapshot_date FROM stg_roster) AS d
        ON d.snapshot_date <= s.survey_date
    WHERE NOT s.anonymous
    GROUP BY s.survey_code, s.survey_date
),

roster_age_service AS (
    SELECT
        n.survey_code,
        r.employee_id,
        r.dept_name,
        r.grade,
        nullif(r.gender, '不明')                                          AS gender,
        coalesce(legal_age(r.birth_date, n.survey_date), r.age)           AS age,
        coalesce(fiscal_year(n.survey_date) - fiscal_year(r.hire_date), r.years_of_service) AS years_of_service
    FROM named_survey_snapshot AS n
    JOIN stg_roster AS r USING (snapshot_date)
),

roster_attribute AS (
    SELECT
        survey_code,
        employee_id,
        dept_name,
        grade,
        gender,
        CAST(age // 10 * 10 AS VARCHAR) || '代' AS age_band,
        CASE WHEN years_of_service < 5  THEN '〜4年'
             WHEN years_of_service < 10 THEN '5〜9年'
             WHEN years_of_service < 20 THEN '10〜19年'
             WHEN years_of_service < 30 THEN '20〜29年'
             WHEN years_of_service >= 30 THEN '30年〜' END AS tenure_band
    FROM roster_age_service
)

SELECT
    r.survey_code,
    s.survey_date,
    fiscal_year(s.survey_date)                                        AS fiscal_year,
    r.respondent_id,
    r.employee_id,
    coalesce(nullif(trim(r.dept_name), ''), a.dept_name, '未回答')     AS dept_name,
    coalesce(nullif(trim(r.grade), ''), a.grade, '未回答')             AS grade,
    coalesce(nullif(trim(r.age_band), ''), a.age_band, '未回答')       AS age_band,
    coalesce(nullif(trim(r.gender), ''), a.gender, '未回答')           AS gender,
    coalesce(nullif(trim(r.tenure_band), ''), a.tenure_band, '未回答') AS tenure_band,
    s.anonymous
FROM survey_respondent AS r
JOIN survey AS s USING (survey_code)
LEFT JOIN roster_attribute AS a
    ON a.survey_code = r.survey_code
   AND a.employee_id = r.employee_id
