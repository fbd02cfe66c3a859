package pipeline

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/pipeline/lock"
	"github.com/jinzai-hr/jinzai/store"
)

// The statuses of a job_run row.
const (
	StatusRunning     = "running"
	StatusSucceeded   = "succeeded"
	StatusFailed      = "failed"
	StatusInterrupted = "interrupted"
)

// JobRun is one row of job_run.
type JobRun struct {
	RunID       int64
	Job         string
	Attempt     int
	Status      string
	Started     time.Time
	Finished    time.Time // zero while running
	PID         int
	Host        string
	Steps       []string
	StepsDone   []string
	StepFailed  string
	FilesTaken  int
	Landed      int
	Duplicates  int
	Quarantined int
	Waiting     int
	Error       string
}

const interruptedNote = "プロセスが実行の途中で終了しました (クラッシュ、強制終了、停電)。未確定の変更はデータベースが取り消しました。 " +
	"The process ended in the middle of the run (crash, SIGKILL, power loss); the database rolled back what was not committed."

// recoverInterrupted marks the rows left 'running' as interrupted. It runs
// under the run lock, so no live process owns such a row.
func recoverInterrupted(ctx context.Context, db *sql.DB, now time.Time) ([]JobRun, error) {
	runs, err := queryRuns(ctx, db, `WHERE status = 'running' ORDER BY run_id`)
	if err != nil || len(runs) == 0 {
		return nil, err
	}
	_, err = db.ExecContext(ctx, `UPDATE job_run SET status = 'interrupted', finished_at = ?,
		error = coalesce(error, ?) WHERE status = 'running'`, now.UTC(), interruptedNote)
	return runs, err
}

// insertRun records a run as running, committed before the run does anything.
func insertRun(ctx context.Context, db *sql.DB, rep *RunReport, steps []string, host string) (int64, error) {
	var id int64
	if err := db.QueryRowContext(ctx, `SELECT nextval('job_run_id')`).Scan(&id); err != nil {
		return 0, err
	}
	_, err := db.ExecContext(ctx, `INSERT INTO job_run (run_id, job, attempt, status, started_at, pid, host, steps)
		VALUES (?, ?, ?, 'running', ?, ?, ?, ?)`,
		id, rep.Job, rep.Attempt, rep.Started.UTC(), os.Getpid(), host, strings.Join(steps, ","))
	return id, err
}

// finishRun records the end of a run.
func finishRun(ctx context.Context, db *sql.DB, rep *RunReport, status string, runErr error) error {
	var msg any
	if runErr != nil {
		msg = runErr.Error()
	}
	var failed any
	if rep.StepFailed != "" {
		failed = rep.StepFailed
	}
	_, err := db.ExecContext(ctx, `UPDATE job_run SET status = ?, finished_at = ?, steps_done = ?, step_failed = ?,
		files_taken = ?, files_landed = ?, files_duplicate = ?, files_quarantined = ?, files_waiting = ?, error = ?
		WHERE run_id = ?`,
		status, rep.Finished.UTC(), strings.Join(rep.StepsDone, ","), failed,
		rep.Taken, rep.Landed, rep.Duplicates, rep.Quarantined, rep.Waiting, msg, rep.RunID)
	return err
}

// ListRuns returns the latest runs, newest first (limit ≤ 0: all).
func ListRuns(ctx context.Context, db *sql.DB, limit int) ([]JobRun, error) {
	q := `ORDER BY run_id DESC`
	if limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", limit)
	}
	return queryRuns(ctx, db, q)
}

// Runs opens the configured database and lists its latest runs, for
// `jinzai runs`. While a job runs the database is busy; the error then says
// which job holds it.
func Runs(ctx context.Context, cfg jinzai.Config, limit int) ([]JobRun, error) {
	st, err := store.OpenOrg(ctx, cfg.DB, cfg.OrganisationCode)
	if err != nil {
		if holder, lerr := lock.Read(ResolvePaths(cfg).Lock); lerr == nil && holder.PID != 0 {
			return nil, fmt.Errorf("%w\n%v", err, &lock.HeldError{Path: ResolvePaths(cfg).Lock, Holder: holder})
		}
		return nil, err
	}
	defer st.Close()
	return ListRuns(ctx, st.DB(), limit)
}

func queryRuns(ctx context.Context, db *sql.DB, tail string) ([]JobRun, error) {
	rows, err := db.QueryContext(ctx, `SELECT run_id, job, attempt, status, started_at, finished_at, coalesce(pid, 0),
		coalesce(host, ''), steps, coalesce(steps_done, ''), coalesce(step_failed, ''), files_taken, files_landed,
		files_duplicate, files_quarantined, files_waiting, coalesce(error, '') FROM job_run `+tail)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []JobRun
	for rows.Next() {
		var r JobRun
		var finished sql.NullTime
		var steps, done string
		if err := rows.Scan(&r.RunID, &r.Job, &r.Attempt, &r.Status, &r.Started, &finished, &r.PID, &r.Host,
			&steps, &done, &r.StepFailed, &r.FilesTaken, &r.Landed, &r.Duplicates, &r.Quarantined, &r.Waiting, &r.Error); err != nil {
			return nil, err
		}
		r.Started = r.Started.UTC()
		if finished.Valid {
			r.Finished = finished.Time.UTC()
		}
		r.Steps, r.StepsDone = splitList(steps), splitList(done)
		out = append(out, r)
	}
	return out, rows.Err()
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

// WriteRuns prints runs as an aligned table, times in loc.
func WriteRuns(w io.Writer, runs []JobRun, loc *time.Location) error {
	tw := tabwriter.NewWriter(w, 0, 2, 2, ' ', 0)
	fmt.Fprintln(tw, "実行\tジョブ\t試行\t状態\t開始\t時間\t取込\t取込済\t隔離\t保留\t失敗した手順\tエラー")
	fmt.Fprintln(tw, "run\tjob\tattempt\tstatus\tstarted\tseconds\tlanded\tduplicate\tquarantined\twaiting\tstep failed\terror")
	for _, r := range runs {
		dur := ""
		if !r.Finished.IsZero() {
			dur = fmt.Sprintf("%.1f", r.Finished.Sub(r.Started).Seconds())
		}
		msg := r.Error
		if i := strings.IndexByte(msg, '\n'); i >= 0 {
			msg = msg[:i] + " …"
		}
		if len([]rune(msg)) > 120 {
			msg = string([]rune(msg)[:120]) + " …"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\n", r.RunID, r.Job, r.Attempt, r.Status,
			r.Started.In(loc).Format("2006-01-02 15:04:05"), dur, r.Landed, r.Duplicates, r.Quarantined, r.Waiting, r.StepFailed, msg)
	}
	return tw.Flush()
}

// Busy reports an error of a run refused because another run holds the
// database (the scheduler retries it later).
func Busy(err error) bool {
	var he *lock.HeldError
	return errors.As(err, &he)
}
