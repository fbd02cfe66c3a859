-- 002: one row per run of `jinzai run` or a job of `jinzai schedule`, each
-- retry attempt its own row. A row is written as 'running' (and committed)
-- before the run does anything, and updated when it ends; a row still
-- 'running' when the next run starts belongs to a process that died (crash,
-- SIGKILL, power loss) and is marked 'interrupted'. Times are UTC.

CREATE SEQUENCE IF NOT EXISTS job_run_id START 1;

CREATE TABLE job_run (
    run_id            BIGINT NOT NULL,
    job               VARCHAR NOT NULL,   -- schedule job name, or 'run' for `jinzai run`
    attempt           INTEGER NOT NULL,   -- 1 = first try, 2 = first retry …
    status            VARCHAR NOT NULL,   -- running | succeeded | failed | interrupted
    started_at        TIMESTAMP NOT NULL,
    finished_at       TIMESTAMP,
    pid               INTEGER,
    host              VARCHAR,
    steps             VARCHAR NOT NULL,   -- steps asked for, comma-separated
    steps_done        VARCHAR,            -- steps that finished, comma-separated
    step_failed       VARCHAR,            -- the step that failed or was interrupted
    files_taken       INTEGER NOT NULL DEFAULT 0, -- landed + duplicates + quarantined
    files_landed      INTEGER NOT NULL DEFAULT 0,
    files_duplicate   INTEGER NOT NULL DEFAULT 0,
    files_quarantined INTEGER NOT NULL DEFAULT 0,
    files_waiting     INTEGER NOT NULL DEFAULT 0, -- left in the inbox for the next run
    error             VARCHAR
);
