-- Functions shared by the models. Created (or replaced) at the start of
-- every transform, after the cfg_* tables that hold the configuration.

-- Legal age (年齢計算ニ関スル法律): an age is reached the day before the
-- birthday, so it is the calendar age on the following day.
-- Integer arithmetic only: it runs on every roster row.
CREATE OR REPLACE MACRO legal_age(birth, on_date) AS
    year(CAST(on_date AS DATE) + 1) - year(birth)
    - CASE WHEN month(CAST(on_date AS DATE) + 1) * 100 + day(CAST(on_date AS DATE) + 1) < month(birth) * 100 + day(birth)
           THEN 1 ELSE 0 END;

-- Fiscal year (年度): April 1 to March 31, named by its starting year.
CREATE OR REPLACE MACRO fiscal_year(d) AS
    CASE WHEN month(d) < 4 THEN year(d) - 1 ELSE year(d) END;

-- March 31 at the end of fiscal year fy.
CREATE OR REPLACE MACRO fiscal_year_end(fy) AS make_date(CAST(fy AS INTEGER) + 1, 3, 31);

-- 5-year age bands, as in every chart.
CREATE OR REPLACE MACRO age_band(age) AS
    CASE WHEN age <= 24 THEN '〜24'
         WHEN age >= 65 THEN '65〜'
         ELSE CAST(age // 5 * 5 AS VARCHAR) || '〜' || CAST(age // 5 * 5 + 4 AS VARCHAR) END;

-- Order of an age band label, for sorting.
CREATE OR REPLACE MACRO age_band_order(band) AS
    CASE WHEN band = '〜24' THEN 20 WHEN band = '65〜' THEN 65 ELSE CAST(split_part(band, '〜', 1) AS INTEGER) END;

-- A numeric configuration parameter (cfg_param).
CREATE OR REPLACE MACRO param(key) AS (SELECT value FROM cfg_param WHERE name = key);

-- A score on a 1..scale item as 0–100.
CREATE OR REPLACE MACRO score_100(score, scale) AS (score - 1) * 100.0 / (scale - 1);
