-- mart_training_completion shows no cell of fewer than min_group_size staff,
-- and no row line (a department with its total) or column line (a grade
-- with its total) holds exactly one suppressed cell, which subtraction from
-- the line's other cells would reveal.
WITH shown_small AS (
    SELECT fiscal_year, dept_code, grade, 'shown below min_group_size' AS problem
    FROM mart_training_completion
    WHERE NOT suppressed AND staff < param('min_group_size')
),
lone_in_department AS (
    SELECT fiscal_year, dept_code, '(line)' AS grade, 'one suppressed cell in the department line' AS problem
    FROM mart_training_completion
    GROUP BY fiscal_year, dept_code
    HAVING count(*) FILTER (WHERE suppressed) = 1
),
lone_in_grade AS (
    SELECT fiscal_year, '(line)' AS dept_code, grade, 'one suppressed cell in the grade line' AS problem
    FROM mart_training_completion
    GROUP BY fiscal_year, grade
    HAVING count(*) FILTER (WHERE suppressed) = 1
)
SELECT fiscal_year, dept_code, grade, problem FROM shown_small
UNION ALL
SELECT fiscal_year, dept_code, grade, problem FROM lone_in_department
UNION ALL
SELECT fiscal_year, dept_code, grade, problem FROM lone_in_grade
