-- grain: one row per respondent per survey
-- Respondent attributes with blanks named 未回答, and the survey's date and
-- fiscal year.
SELECT
    r.survey_code,
    s.survey_date,
    fiscal_year(s.survey_date)          AS fiscal_year,
    r.respondent_id,
    r.employee_id,
    coalesce(r.dept_name, '未回答')      AS dept_name,
    coalesce(r.grade, '未回答')          AS grade,
    coalesce(r.age_band, '未回答')       AS age_band,
    coalesce(r.gender, '未回答')         AS gender,
    coalesce(r.tenure_band, '未回答')    AS tenure_band
FROM survey_respondent AS r
JOIN survey AS s USING (survey_code)
