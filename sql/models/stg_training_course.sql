-- grain: one row per course of the training catalogue (研修カタログ)
-- The catalogue as loaded. target_grades empty = every grade;
-- required_when NULL = not a required course; competencies are the
-- competency names (cfg_competency) the course develops.
SELECT
    course_code,
    course_name,
    category,
    target_grades,
    required_when,
    coalesce(hours, 0)   AS hours,
    competencies,
    digital_tier
FROM training_course
