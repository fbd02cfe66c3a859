-- grain: one row per fiscal year × department × grade, with 全体 rows for each department's total, each grade's total and the organisation
-- Mandatory-training completion (docs/metrics/gaps-kpi.md). Totals carry
-- dept_code/dept_name '全体' or grade '全体'. Staff on leave at the
-- snapshot are left out. A cell whose staff (people with a requirement)
-- are fewer than param('min_group_size') = k is suppressed: its counts and
-- rate are NULL. So that subtraction cannot recover a small figure, every
-- row line (a department with its total) and column line (a grade with its
-- total) that holds suppressed cells must hold at least 2 of them with at
-- least k staff together; while a line falls short, its smallest shown
-- cell is suppressed too, repeated until no line changes.
WITH RECURSIVE counted AS (
    SELECT
        fiscal_year,
        employee_id,
        dept_code,
        dept_name,
        grade,
        grade_rank,
        completed,
        status = '期限超過' AS overdue
    FROM int_training_requirement
    WHERE NOT on_leave
),
cell AS (
    SELECT
        fiscal_year,
        CASE WHEN grouping(dept_code) = 1 THEN '全体' ELSE dept_code END AS dept_code,
        CASE WHEN grouping(dept_code) = 1 THEN '全体' ELSE max(dept_name) END AS dept_name,
        CASE WHEN grouping(grade) = 1 THEN '全体' ELSE grade END         AS grade,
        CASE WHEN grouping(grade) = 1 THEN NULL ELSE min(grade_rank) END AS grade_rank,
        grouping(dept_code) + grouping(grade)                             AS total_level,
        count(DISTINCT employee_id)                                       AS staff,
        count(*)                                                          AS required,
        count(*) FILTER (WHERE completed)                                 AS completed,
        count(*) FILTER (WHERE overdue)                                   AS overdue
    FROM counted
    GROUP BY GROUPING SETS ((fiscal_year, dept_code, grade), (fiscal_year, dept_code), (fiscal_year, grade), (fiscal_year))
),
suppression (iteration, fiscal_year, dept_code, grade, total_level, staff, suppressed, changed) AS (
    SELECT 0, fiscal_year, dept_code, grade, total_level, staff, staff < param('min_group_size'), true
    FROM cell
    UNION ALL
    SELECT
        iteration + 1,
        fiscal_year, dept_code, grade, total_level, staff,
        next_suppressed,
        bool_or(next_suppressed <> suppressed) OVER ()
    FROM (
        SELECT
            iteration, fiscal_year, dept_code, grade, total_level, staff, suppressed,
            suppressed
            OR (count(*) FILTER (WHERE suppressed) OVER dept_line >= 1
                AND (count(*) FILTER (WHERE suppressed) OVER dept_line = 1
                     OR sum(staff) FILTER (WHERE suppressed) OVER dept_line < param('min_group_size'))
                AND row_number() OVER (PARTITION BY fiscal_year, dept_code, suppressed ORDER BY staff, total_level, grade) = 1)
            OR (count(*) FILTER (WHERE suppressed) OVER grade_line >= 1
                AND (count(*) FILTER (WHERE suppressed) OVER grade_line = 1
                     OR sum(staff) FILTER (WHERE suppressed) OVER grade_line < param('min_group_size'))
                AND row_number() OVER (PARTITION BY fiscal_year, grade, suppressed ORDER BY staff, total_level, dept_code) = 1)
            AS next_suppressed
        FROM suppression
        WHERE changed AND iteration < 1000
        WINDOW dept_line AS (PARTITION BY fiscal_year, dept_code),
               grade_line AS (PARTITION BY fiscal_year, grade)
    ) AS pass
),
final_suppression AS (
    SELECT fiscal_year, dept_code, grade, suppressed
    FROM suppression
    WHERE iteration = (SELECT max(iteration) FROM suppression)
)
SELECT
    c.fiscal_year,
    c.dept_code,
    c.dept_name,
    c.grade,
    c.grade_rank,
    CASE WHEN s.suppressed THEN NULL ELSE c.staff END        AS staff,
    CASE WHEN s.suppressed THEN NULL ELSE c.required END     AS required,
    CASE WHEN s.suppressed THEN NULL ELSE c.completed END    AS completed,
    CASE WHEN s.suppressed THEN NULL ELSE c.overdue END      AS overdue,
    CASE WHEN s.suppressed THEN NULL
         ELSE round(100.0 * c.completed / c.required, 1) END AS completion_rate,
    s.suppressed
FROM cell AS c
JOIN final_suppression AS s USING (fiscal_year, dept_code, grade)
