-- grain: one row per survey and group of 全体 or 部
-- Response rate (%) = respondents / regular headcount (stg_roster
-- in_headcount) at the latest roster snapshot on or before the survey
-- date, overall and per 部 matched by department name (respondents report
-- their 所属 by name). Roster departments nobody answered from show 0
-- respondents; respondent groups with no roster department (未回答, a name
-- the roster does not know) show no headcount and no rate. The headcount
-- is not sensitive; the respondent count is suppressed like the scores
-- (int_survey_group, measure_kind 'response').
WITH survey_snapshot AS (
    SELECT
        q.survey_code,
        max(d.snapshot_date) AS snapshot_date
    FROM int_survey_sequence AS q
    LEFT JOIN (SELECT DISTINCT snapshot_date FROM stg_roster) AS d
        ON d.snapshot_date <= q.survey_date
    GROUP BY q.survey_code
),

dept_headcount AS (
    SELECT
        s.survey_code,
        r.dept_name,
        count(*) AS headcount
    FROM survey_snapshot AS s
    JOIN stg_roster AS r USING (snapshot_date)
    WHERE r.in_headcount
    GROUP BY s.survey_code, r.dept_name
),

total_headcount AS (
    SELECT survey_code, CAST(sum(headcount) AS BIGINT) AS headcount
    FROM dept_headcount
    GROUP BY survey_code
),

respondent_group AS (
    SELECT survey_code, dimension, group_value, is_unanswered, respondents, suppressed
    FROM int_survey_group
    WHERE measure_kind = 'response'
      AND dimension IN ('全体', '部')
),

dept_group AS (
    SELECT survey_code, group_value FROM respondent_group WHERE dimension = '部'
    UNION
    SELECT survey_code, dept_name FROM dept_headcount
),

dept_row AS (
    SELECT
        d.survey_code,
        '部'                                      AS dimension,
        d.group_value,
        coalesce(g.is_unanswered, d.group_value = '未回答') AS is_unanswered,
        h.headcount,
        coalesce(g.respondents, 0)                AS respondents,
        coalesce(g.suppressed, false)             AS suppressed
    FROM dept_group AS d
    LEFT JOIN respondent_group AS g
        ON g.survey_code = d.survey_code
       AND g.dimension = '部'
       AND g.group_value = d.group_value
    LEFT JOIN dept_headcount AS h
        ON h.survey_code = d.survey_code
       AND h.dept_name = d.group_value
),

total_row AS (
    SELECT
        g.survey_code,
        g.dimension,
        g.group_value,
        g.is_unanswered,
        t.headcount,
        g.respondents,
        g.suppressed
    FROM respondent_group AS g
    LEFT JOIN total_headcount AS t USING (survey_code)
    WHERE g.dimension = '全体'
),

rate_row AS (
    SELECT survey_code, dimension, group_value, is_unanswered, headcount, respondents, suppressed FROM total_row
    UNION ALL
    SELECT survey_code, dimension, group_value, is_unanswered, headcount, respondents, suppressed FROM dept_row
)

SELECT
    r.survey_code,
    q.survey_date,
    q.fiscal_year,
    s.snapshot_date,
    r.dimension,
    r.group_value,
    r.is_unanswered,
    r.headcount,
    CASE WHEN NOT r.suppressed THEN r.respondents END AS respondents,
    CASE WHEN NOT r.suppressed AND r.headcount > 0
         THEN r.respondents * 100.0 / r.headcount END AS response_rate,
    r.suppressed
FROM rate_row AS r
JOIN int_survey_sequence AS q USING (survey_code)
JOIN survey_snapshot AS s USING (survey_code)
