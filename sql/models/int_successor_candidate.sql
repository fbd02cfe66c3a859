-- grain: one row per post grade (management or supervisory) × 常勤 employee in its feeder grade
-- Promotion readiness of the staff who can succeed to a post grade: 常勤
-- staff at the latest snapshot in the feeder grade (the next grade_rank
-- down on the same track in cfg_grade: 課長補佐 for 課長, 係長 for 課長補佐 …).
-- Ready = aged successor_age_min..successor_age_max (cfg_param, inclusive,
-- legal age at the snapshot) and every 昇任候補 course of the post grade
-- completed (status 修了, any date): stg_training_course rows with
-- required_when = '昇任候補' whose target_grades hold the post grade (an
-- empty list means every grade). With no such course the training
-- condition holds. Readiness does not depend on the post, only on its
-- grade; the post-level model matches candidates to posts by 部 or 職種.
WITH settings AS (
    SELECT
        param('successor_age_min') AS age_min,
        param('successor_age_max') AS age_max
),
post_grades AS (
    SELECT grade, grade_rank, track
    FROM cfg_grade
    WHERE grade_class IN ('management', 'supervisory')
),
feeder_ranks AS (
    -- the next rank down on the same track
    SELECT p.grade, p.track, min(g.grade_rank) AS feeder_rank
    FROM post_grades AS p
    JOIN cfg_grade AS g ON g.track = p.track AND g.grade_rank > p.grade_rank
    GROUP BY p.grade, p.track
),
candidate_courses AS (
    SELECT DISTINCT p.grade, c.course_code
    FROM post_grades AS p
    JOIN stg_training_course AS c
      ON c.required_when = '昇任候補'
     AND (len(c.target_grades) = 0 OR list_contains(c.target_grades, p.grade))
),
completed_courses AS (
    SELECT DISTINCT employee_id, course_code
    FROM stg_training_record
    WHERE completed
),
feeders AS (
    SELECT
        f.grade          AS post_grade,
        s.employee_id,
        s.dept_code,
        s.dept_name,
        s.section_name,
        s.grade,
        s.job_family,
        s.age,
        s.on_leave
    FROM feeder_ranks AS f
    JOIN int_retirement_outlook AS s
      ON s.is_regular AND s.track = f.track AND s.grade_rank = f.feeder_rank
),
training_status AS (
    SELECT
        fd.post_grade,
        fd.employee_id,
        count(cc.course_code)                                              AS courses_required,
        count(d.course_code)                                               AS courses_completed,
        coalesce(list(cc.course_code ORDER BY cc.course_code) FILTER (WHERE cc.course_code IS NOT NULL AND d.course_code IS NULL), []) AS courses_missing
    FROM feeders AS fd
    LEFT JOIN candidate_courses AS cc ON cc.grade = fd.post_grade
    LEFT JOIN completed_courses AS d ON d.employee_id = fd.employee_id AND d.course_code = cc.course_code
    GROUP BY fd.post_grade, fd.employee_id
)
SELECT
    fd.post_grade,
    fd.employee_id,
    fd.dept_code,
    fd.dept_name,
    fd.section_name,
    fd.grade,
    fd.job_family,
    fd.age,
    fd.on_leave,
    fd.age BETWEEN st.age_min AND st.age_max                          AS in_age_window,
    t.courses_required,
    t.courses_completed,
    t.courses_missing,
    fd.age BETWEEN st.age_min AND st.age_max
        AND t.courses_completed = t.courses_required                  AS is_ready
FROM feeders AS fd
JOIN training_status AS t USING (post_grade, employee_id)
CROSS JOIN settings AS st
