-- No suppressed cell of an engagement mart carries a value or a count, and
-- no cell that is shown rests on fewer respondents than the minimum group
-- size (a roster department nobody answered from shows 0: nothing to hide).
WITH k AS (SELECT coalesce(param('min_group_size'), 5) AS k)
SELECT 'mart_engagement_score' AS mart, survey_code, dimension, group_value, measure AS cell, suppressed, respondents
FROM mart_engagement_score, k
WHERE (suppressed AND (respondents IS NOT NULL OR score IS NOT NULL OR favourable_share IS NOT NULL
                       OR change_since_previous IS NOT NULL OR favourable_share_change IS NOT NULL))
   OR (NOT suppressed AND (respondents IS NULL OR respondents < k.k))
UNION ALL
SELECT 'mart_engagement_item', survey_code, dimension, group_value, item_code, suppressed, respondents
FROM mart_engagement_item, k
WHERE (suppressed AND (respondents IS NOT NULL OR mean IS NOT NULL OR score IS NOT NULL OR favourable_share IS NOT NULL))
   OR (NOT suppressed AND (respondents IS NULL OR respondents < k.k))
UNION ALL
SELECT 'mart_response_rate', survey_code, dimension, group_value, NULL, suppressed, respondents
FROM mart_response_rate, k
WHERE (suppressed AND (respondents IS NOT NULL OR response_rate IS NOT NULL))
   OR (NOT suppressed AND (respondents IS NULL OR (respondents > 0 AND respondents < k.k)))
UNION ALL
SELECT 'mart_key_drivers', survey_code, '全体', '全体', category, suppressed, respondents
FROM mart_key_drivers, k
WHERE (suppressed AND (respondents IS NOT NULL OR pairs IS NOT NULL OR correlation IS NOT NULL
                       OR score IS NOT NULL OR gap_to_average IS NOT NULL OR rank IS NOT NULL))
   OR (NOT suppressed AND (respondents IS NULL OR respondents < k.k))
   OR (correlation IS NOT NULL AND pairs < k.k)
