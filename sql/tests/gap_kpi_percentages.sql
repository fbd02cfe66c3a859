-- Percentage KPIs lie in 0–100. response_rate is left out: respondents
-- outside the headcount (会計年度任用職員 …) can answer an anonymous survey.
SELECT fiscal_year, kpi_code, value
FROM mart_kpi
WHERE unit = '%' AND kpi_code <> 'response_rate' AND (value < 0 OR value > 100)
