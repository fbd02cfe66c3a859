-- grain: one row per management or supervisory post holder (常勤) at the latest snapshot
-- When each post empties and how many ready successors it has, and the
-- succession risk level. The post empties at the end of exit_fiscal_year:
-- for 管理職 the earlier of the post-limit FY (役職定年) and the retirement
-- FY, for 監督職 the retirement FY. years_to_exit = exit FY − the snapshot's
-- FY (0 = leaves at the end of this FY). "Within N fiscal years" means
-- years_to_exit < N. Risk (cfg_param risk_high_years = H,
-- risk_medium_years = M):
--   高  years_to_exit < H and no ready successor;
--   中  years_to_exit < H and exactly one, or years_to_exit < M and none;
--   低  otherwise.
WITH settings AS (
    SELECT
        param('risk_high_years')   AS high_years,
        param('risk_medium_years') AS medium_years
),
posts AS (
    SELECT
        snapshot_date,
        fiscal_year,
        employee_id,
        age,
        gender,
        dept_code,
        dept_name,
        section_code,
        section_name,
        grade,
        grade_rank,
        grade_class,
        job_family,
        on_leave,
        retirement_fiscal_year,
        post_limit_fiscal_year,
        CASE WHEN grade_class = 'management'
             THEN least(post_limit_fiscal_year, retirement_fiscal_year)
             ELSE retirement_fiscal_year END                   AS exit_fiscal_year,
        CASE WHEN grade_class = 'management' AND post_limit_fiscal_year < retirement_fiscal_year
             THEN '役職定年' ELSE '定年退職' END                   AS exit_reason
    FROM int_retirement_outlook
    WHERE is_regular AND grade_class IN ('management', 'supervisory')
),
-- Possible successors of a post: the feeder-grade staff of its grade
-- (int_successor_candidate). For a post in a general family
-- (cfg_general_family: 一般事務 …) those of the same family in the same 部;
-- for a post in a specialist family (保健師, 土木 …) those of the same
-- family in any 部, since specialists move across departments. Counted per
-- group without listing the pairs.
by_family AS (
    SELECT post_grade, job_family,
           count(*) AS candidates, count(*) FILTER (WHERE is_ready) AS ready
    FROM int_successor_candidate
    GROUP BY post_grade, job_family
),
by_both AS (
    SELECT post_grade, dept_code, job_family,
           count(*) AS candidates, count(*) FILTER (WHERE is_ready) AS ready
    FROM int_successor_candidate
    GROUP BY post_grade, dept_code, job_family
),
successors AS (
    SELECT
        p.employee_id,
        CASE WHEN p.job_family IN (SELECT job_family FROM cfg_general_family)
             THEN coalesce(b.candidates, 0) ELSE coalesce(f.candidates, 0) END AS candidates,
        CASE WHEN p.job_family IN (SELECT job_family FROM cfg_general_family)
             THEN coalesce(b.ready, 0) ELSE coalesce(f.ready, 0) END           AS ready_successors,
        coalesce(b.ready, 0)                                                   AS ready_in_dept
    FROM posts AS p
    LEFT JOIN by_family AS f ON f.post_grade = p.grade AND f.job_family = p.job_family
    LEFT JOIN by_both AS b ON b.post_grade = p.grade AND b.dept_code = p.dept_code AND b.job_family = p.job_family
),
scored AS (
    SELECT
        p.snapshot_date,
        p.fiscal_year,
        p.employee_id,
        p.age,
        p.gender,
        p.dept_code,
        p.dept_name,
        p.section_code,
        p.section_name,
        p.grade,
        p.grade_rank,
        p.grade_class,
        p.job_family,
        p.on_leave,
        p.retirement_fiscal_year,
        p.post_limit_fiscal_year,
        p.exit_fiscal_year,
        p.exit_reason,
        p.exit_fiscal_year - p.fiscal_year  AS years_to_exit,
        s.candidates,
        s.ready_successors,
        s.ready_in_dept
    FROM posts AS p
    JOIN successors AS s USING (employee_id)
)
SELECT
    sc.snapshot_date,
    sc.fiscal_year,
    sc.employee_id,
    sc.age,
    sc.gender,
    sc.dept_code,
    sc.dept_name,
    sc.section_code,
    sc.section_name,
    sc.grade,
    sc.grade_rank,
    sc.grade_class,
    sc.job_family,
    sc.on_leave,
    sc.retirement_fiscal_year,
    sc.post_limit_fiscal_year,
    sc.exit_fiscal_year,
    sc.exit_reason,
    sc.years_to_exit,
    sc.candidates,
    sc.ready_successors,
    sc.ready_in_dept,
    CASE
        WHEN sc.years_to_exit < st.high_years AND sc.ready_successors = 0 THEN '高'
        WHEN (sc.years_to_exit < st.high_years AND sc.ready_successors = 1)
          OR (sc.years_to_exit < st.medium_years AND sc.ready_successors = 0) THEN '中'
        ELSE '低'
    END AS risk_level
FROM scored AS sc
CROSS JOIN settings AS st
