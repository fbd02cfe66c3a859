-- grain: one row per ingest batch in use (ingest_batch.status = 'loaded')
-- Where the marts' data comes from, for the "data as-of and source batches"
-- footer of every dashboard. file_name is the file's base name only (the
-- stored path can name a person's folder). data_date is the batch's own
-- date: the roster's snapshot date, the survey's date, the latest posting
-- or training record date (start or end); NULL for catalogues. kind_as_of
-- is the latest data_date of the kind. rows_in_use counts the batch's rows
-- still in the store (a later training-record batch can replace some).
WITH batch AS (
    SELECT batch_id, kind, scope, path, rows_loaded, rows_rejected, finished_at
    FROM ingest_batch
    WHERE status = 'loaded'
),
kind_label AS (
    SELECT kind, kind_order, kind_name
    FROM (VALUES
        ('roster',          1, '職員名簿'),
        ('assignment',      2, '異動履歴'),
        ('training_course', 3, '研修カタログ'),
        ('training_record', 4, '研修受講履歴'),
        ('survey_item',     5, '設問マスタ'),
        ('survey',          6, '職員意識調査')
    ) AS k(kind, kind_order, kind_name)
),
batch_rows AS (
    SELECT batch_id, count(*) AS rows_in_use, max(snapshot_date) AS data_date FROM roster GROUP BY batch_id
    UNION ALL
    SELECT batch_id, count(*), max(greatest(start_date, end_date)) FROM assignment GROUP BY batch_id
    UNION ALL
    SELECT batch_id, count(*), NULL FROM training_course GROUP BY batch_id
    UNION ALL
    SELECT batch_id, count(*), max(greatest(start_date, end_date)) FROM training_record GROUP BY batch_id
    UNION ALL
    SELECT batch_id, count(*), NULL FROM survey_item GROUP BY batch_id
    UNION ALL
    SELECT batch_id, count(*), NULL FROM survey_respondent GROUP BY batch_id
),
survey_dates AS (
    SELECT batch_id, max(survey_date) AS data_date FROM survey GROUP BY batch_id
)
SELECT
    b.kind,
    k.kind_order,
    coalesce(k.kind_name, b.kind)                                  AS kind_name,
    b.scope,
    b.batch_id,
    regexp_extract(b.path, '[^/\\]+$')                             AS file_name,
    b.rows_loaded,
    b.rows_rejected,
    coalesce(r.rows_in_use, 0)                                     AS rows_in_use,
    b.finished_at,
    coalesce(s.data_date, r.data_date)                             AS data_date,
    max(coalesce(s.data_date, r.data_date)) OVER (PARTITION BY b.kind) AS kind_as_of
FROM batch AS b
LEFT JOIN kind_label AS k USING (kind)
LEFT JOIN batch_rows AS r USING (batch_id)
LEFT JOIN survey_dates AS s USING (batch_id)
