-- 001: the canonical store. Ingest writes these tables; transform reads them.
-- No PRIMARY KEY constraints: keys are enforced by the ingest validation and
-- checked by the data tests (constraints slow bulk appends in DuckDB and
-- make delete-then-insert within one transaction fragile).

CREATE SEQUENCE IF NOT EXISTS ingest_batch_id START 1;

-- One row per file ingested. scope names what a later batch of the same kind
-- replaces (a snapshot date, a survey code, or the whole catalogue).
CREATE TABLE ingest_batch (
    batch_id        BIGINT NOT NULL,
    kind            VARCHAR NOT NULL,
    scope           VARCHAR NOT NULL,
    path            VARCHAR NOT NULL,
    content_hash    VARCHAR NOT NULL,
    format          VARCHAR,
    encoding        VARCHAR,
    sheet           VARCHAR,
    rows_read       INTEGER NOT NULL,
    rows_loaded     INTEGER NOT NULL,
    rows_rejected   INTEGER NOT NULL,
    ignored_columns VARCHAR[],
    status          VARCHAR NOT NULL,  -- loaded | superseded
    superseded_by   BIGINT,
    started_at      TIMESTAMP NOT NULL,
    finished_at     TIMESTAMP NOT NULL
);

-- Rows a batch did not load, with the reason. column_name is the file's header.
CREATE TABLE ingest_reject (
    batch_id    BIGINT NOT NULL,
    row_number  INTEGER NOT NULL,
    column_name VARCHAR,
    value       VARCHAR,
    reason      VARCHAR NOT NULL
);

-- 職員名簿: one row per employee per snapshot date (基準日).
CREATE TABLE roster (
    batch_id         BIGINT NOT NULL,
    snapshot_date    DATE NOT NULL,
    employee_id      VARCHAR NOT NULL,
    name             VARCHAR,          -- personal data: HR-only outputs
    birth_date       DATE,
    age_reported     INTEGER,          -- only when the export has age, not birth date
    gender           VARCHAR,          -- 男性 | 女性 | その他 | NULL
    hire_date        DATE,
    service_reported INTEGER,          -- only when the export has years of service
    dept_code        VARCHAR,
    dept_name        VARCHAR NOT NULL,
    section_code     VARCHAR,
    section_name     VARCHAR,
    unit_code        VARCHAR,
    unit_name        VARCHAR,
    grade            VARCHAR NOT NULL, -- canonical name on the configured ladder
    grade_reported   VARCHAR NOT NULL, -- as exported (参事, 主査 …)
    job_family       VARCHAR NOT NULL,
    employment_type  VARCHAR NOT NULL, -- canonical name (常勤, 再任用フルタイム …)
    digital_tier     VARCHAR,
    leave_status     VARCHAR,          -- NULL = at work
    source_row       INTEGER NOT NULL
);

-- 異動履歴: postings. end_date NULL = current posting.
CREATE TABLE assignment (
    batch_id     BIGINT NOT NULL,
    employee_id  VARCHAR NOT NULL,
    start_date   DATE NOT NULL,
    end_date     DATE,
    dept_code    VARCHAR,
    dept_name    VARCHAR NOT NULL,
    section_code VARCHAR,
    section_name VARCHAR,
    unit_code    VARCHAR,
    unit_name    VARCHAR,
    front_line   BOOLEAN NOT NULL,
    source_row   INTEGER NOT NULL
);

-- 研修カタログ.
CREATE TABLE training_course (
    batch_id      BIGINT NOT NULL,
    course_code   VARCHAR NOT NULL,
    course_name   VARCHAR NOT NULL,
    category      VARCHAR NOT NULL,
    target_grades VARCHAR[] NOT NULL,  -- empty = every grade
    required_when VARCHAR,             -- 採用時 | 2年目以降 | 昇任候補 | 昇任後 | 毎年 | 3年毎 | NULL
    hours         DOUBLE,
    competencies  VARCHAR[] NOT NULL,
    digital_tier  VARCHAR,
    source_row    INTEGER NOT NULL
);

-- 研修受講履歴, keyed by (employee_id, course_code, start_date).
CREATE TABLE training_record (
    batch_id    BIGINT NOT NULL,
    employee_id VARCHAR NOT NULL,
    course_code VARCHAR NOT NULL,
    start_date  DATE NOT NULL,
    end_date    DATE,
    hours       DOUBLE,
    status      VARCHAR NOT NULL,  -- 修了 | 受講中 | 未修了 | 欠席
    source_row  INTEGER NOT NULL
);

-- 設問マスタ: the item bank, stable codes across survey years.
CREATE TABLE survey_item (
    batch_id   BIGINT NOT NULL,
    item_code  VARCHAR NOT NULL,
    item_text  VARCHAR NOT NULL,
    category   VARCHAR NOT NULL,
    scale      INTEGER NOT NULL,
    reverse    BOOLEAN NOT NULL,
    engagement BOOLEAN NOT NULL,
    source_row INTEGER NOT NULL
);

-- 職員意識調査: one row per survey.
CREATE TABLE survey (
    batch_id    BIGINT NOT NULL,
    survey_code VARCHAR NOT NULL,
    survey_date DATE NOT NULL,
    anonymous   BOOLEAN NOT NULL
);

-- One row per respondent per survey, with the attributes they reported
-- (anonymous surveys) or their employee id (named surveys).
CREATE TABLE survey_respondent (
    batch_id      BIGINT NOT NULL,
    survey_code   VARCHAR NOT NULL,
    respondent_id VARCHAR NOT NULL,
    submitted_at  TIMESTAMP,
    employee_id   VARCHAR,
    dept_name     VARCHAR,
    grade         VARCHAR,
    age_band      VARCHAR,
    gender        VARCHAR,
    tenure_band   VARCHAR,
    source_row    INTEGER NOT NULL
);

-- Long form: one row per respondent per answered item. Skipped items have no row.
CREATE TABLE survey_response (
    batch_id      BIGINT NOT NULL,
    survey_code   VARCHAR NOT NULL,
    respondent_id VARCHAR NOT NULL,
    item_code     VARCHAR NOT NULL,
    value         INTEGER NOT NULL
);
