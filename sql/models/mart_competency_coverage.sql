-- grain: one row per grade × competency of the competency matrix (cfg_competency)
-- Competency coverage at the latest snapshot: of the grade's staff in the
-- headcount, the share who ever completed at least one course whose
-- competencies name the competency. gap: the matrix asks for the
-- competency (weight > 0) and coverage is below the threshold for its
-- weight (◎ = 2 or more: 50%, 〇 = 1: 30%). A grade with fewer staff than
-- param('min_group_size') shows its staff count only (suppressed).
WITH latest_snapshot AS (
    SELECT max(snapshot_date) AS snapshot_date FROM stg_roster
),
grade_staff AS (
    SELECT r.employee_id, r.grade, r.grade_rank
    FROM stg_roster AS r
    JOIN latest_snapshot AS l USING (snapshot_date)
    WHERE r.in_headcount
),
developed AS (
    SELECT DISTINCT t.employee_id, unnest(c.competencies) AS competency
    FROM stg_training_record AS t
    JOIN stg_training_course AS c USING (course_code)
    WHERE t.completed
),
threshold AS (
    SELECT weight, coverage_threshold FROM (VALUES (2, 50.0), (1, 30.0)) AS t(weight, coverage_threshold)
),
coverage AS (
    SELECT
        m.grade,
        m.competency,
        m.weight                                                  AS required_weight,
        count(DISTINCT s.employee_id)                             AS staff,
        count(DISTINCT d.employee_id)                             AS staff_developed
    FROM cfg_competency AS m
    LEFT JOIN grade_staff AS s ON s.grade = m.grade
    LEFT JOIN developed AS d ON d.employee_id = s.employee_id AND d.competency = m.competency
    GROUP BY m.grade, m.competency, m.weight
)
SELECT
    (SELECT snapshot_date FROM latest_snapshot)                              AS snapshot_date,
    c.grade,
    g.grade_rank,
    c.competency,
    c.required_weight,
    CASE c.required_weight WHEN 2 THEN '◎' WHEN 1 THEN '〇' ELSE '' END      AS required_mark,
    t.coverage_threshold,
    c.staff,
    CASE WHEN c.staff < param('min_group_size') THEN NULL ELSE c.staff_developed END AS staff_developed,
    CASE WHEN c.staff < param('min_group_size') THEN NULL
         ELSE round(100.0 * c.staff_developed / nullif(c.staff, 0), 1) END             AS coverage,
    CASE WHEN c.staff < param('min_group_size') THEN NULL
         ELSE c.required_weight > 0 AND 100.0 * c.staff_developed / nullif(c.staff, 0) < t.coverage_threshold END AS gap,
    c.staff < param('min_group_size')                                       AS suppressed
FROM coverage AS c
LEFT JOIN cfg_grade AS g USING (grade)
LEFT JOIN threshold AS t ON t.weight = least(c.required_weight, 2)
