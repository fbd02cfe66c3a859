-- mart_data_sources names files by their base name, never by a path.
SELECT batch_id, file_name
FROM mart_data_sources
WHERE file_name LIKE '%/%' OR file_name LIKE '%\%' OR file_name = ''
