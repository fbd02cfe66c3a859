// Package pipeline is one whole unattended run of jinzai: take every new
// file from the inbox folder and ingest it (reference data first), move the
// files that landed to archive/<date>/ and the ones that could not be loaded
// to quarantine/ with a bilingual <name>.error.txt, then transform (models
// and data tests), build the dashboards, write the report and the exports.
//
// A run holds an exclusive lock on <db>.lock for its whole length, so two
// runs (a scheduled job and a `jinzai run` started by hand) never work on
// the same database at once, and records itself in the job_run table. It
// never leaves half-done work: every batch and the transform commit whole or
// not at all, a step that fails stops the run before the later steps (so the
// previous dashboards and report stay in place), a cancelled run (SIGTERM)
// rolls the step in progress back and leaves its file in the inbox, and a
// killed run is recovered by the next one: the database rolls back what was
// not committed, the job_run row is marked interrupted, and files that had
// landed but were not yet archived are recognised by their content hash.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Tokyo on Windows servers without a zoneinfo database

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/ingest"
	"github.com/jinzai-hr/jinzai/pipeline/lock"
	"github.com/jinzai-hr/jinzai/store"
	"github.com/jinzai-hr/jinzai/transform"
)

// The steps of a run, in the order they run.
const (
	StepIngest     = "ingest"
	StepTransform  = "transform" // builds the models and runs the data tests
	StepDashboards = "dashboards"
	StepReport     = "report"
	StepExport     = "export"
)

// StepNames lists every step in run order.
var StepNames = []string{StepIngest, StepTransform, StepDashboards, StepReport, StepExport}

// StepFunc is a step after ingest. It gets the run's open store: the run
// holds the database for its whole length, and DuckDB lets one process
// open it at a time.
type StepFunc func(ctx context.Context, st *store.Store) error

// Steps are the steps after ingest. A nil step is skipped (and listed in
// RunReport.Skipped). The builders must write atomically (temporary files
// renamed into place), so that a failure leaves the previous output.
type Steps struct {
	Transform  StepFunc
	Dashboards StepFunc
	Report     StepFunc
	Export     StepFunc
}

// TransformStep is the standard transform step: transform.Run, which builds
// every model and runs every data test in one transaction.
func TransformStep(cfg jinzai.Config) StepFunc {
	return func(ctx context.Context, st *store.Store) error {
		_, err := transform.Run(ctx, st, cfg)
		return err
	}
}

func (s Steps) get(name string) StepFunc {
	switch name {
	case StepTransform:
		return s.Transform
	case StepDashboards:
		return s.Dashboards
	case StepReport:
		return s.Report
	case StepExport:
		return s.Export
	}
	return nil
}

// Options tune one run. The zero value is a `jinzai run` by hand.
type Options struct {
	// Job is the name recorded in job_run and the lock file ("run" when empty).
	Job string
	// Attempt is 1 for a first try, 2 for the first retry … (1 when 0).
	Attempt int
	// Only runs these steps (always in run order); nil = every step.
	Only []string
	// Now is the clock (time.Now when nil).
	Now func() time.Time
	// Logger receives the run's structured log (slog.Default() when nil).
	Logger *slog.Logger
	// BeforeFile, when set, is called just before each file is ingested.
	BeforeFile func(path string)
}

// RunReport says what one run did.
type RunReport struct {
	RunID    int64 // job_run.run_id; 0 when the run could not start
	Job      string
	Attempt  int
	Status   string // succeeded | failed | interrupted
	Started  time.Time
	Finished time.Time

	Files []FileResult
	// Taken = Landed + Duplicates + Quarantined: the files that left the
	// inbox (or would have, had a move failed). Waiting files stay there
	// for the next run.
	Taken, Landed, Duplicates, Quarantined, Waiting int

	StepsDone  []string
	Skipped    []string // asked for, but no step function was given
	StepFailed string   // the step that failed or was interrupted
	Timings    []StepTiming
	Err        error
}

// Duration is how long the run took.
func (r RunReport) Duration() time.Duration { return r.Finished.Sub(r.Started) }

// StepTiming is one step that ran.
type StepTiming struct {
	Step     string
	Duration time.Duration
	Err      error
}

// The outcomes of a file.
const (
	Landed      = "landed"      // loaded, moved to archive/<date>/
	Duplicate   = "duplicate"   // same content already loaded, moved to archive/<date>/
	Quarantined = "quarantined" // could not be loaded, moved to quarantine/ with .error.txt
	Waiting     = "waiting"     // left in the inbox for the next run
)

// FileResult is what happened to one inbox file.
type FileResult struct {
	Name     string // file name in the inbox
	Kind     ingest.Kind
	Outcome  string
	BatchID  int64 // the batch loaded, or the earlier batch it duplicates
	Rows     int
	Loaded   int
	Rejected int
	MovedTo  string // "" when not moved
	Reason   string // why it was quarantined or is waiting; a failed move
	Duration time.Duration
}

// StepError is a run's failure: the step, and why.
type StepError struct {
	Step        string
	Err         error
	Interrupted bool // the run was cancelled (SIGTERM, SIGINT)
}

func (e *StepError) Error() string {
	if e.Interrupted {
		return fmt.Sprintf("手順 %s で中断しました。途中の変更は取り消しました (interrupted in step %s; its changes were rolled back): %v", e.Step, e.Step, e.Err)
	}
	return fmt.Sprintf("手順 %s が失敗しました (step %s failed): %v", e.Step, e.Step, e.Err)
}

func (e *StepError) Unwrap() error { return e.Err }

// Interrupted reports whether err ends a run that was cancelled (SIGTERM or
// SIGINT) rather than one that failed: the command should exit 0.
func Interrupted(err error) bool {
	var se *StepError
	if errors.As(err, &se) && se.Interrupted {
		return true
	}
	return errors.Is(err, context.Canceled)
}

// Run is one whole run (`jinzai run`): every step, recorded as job "run".
func Run(ctx context.Context, cfg jinzai.Config, steps Steps) (RunReport, error) {
	return RunWith(ctx, cfg, steps, Options{})
}

// RunWith is one run with options: the scheduler's jobs use it.
func RunWith(ctx context.Context, cfg jinzai.Config, steps Steps, opt Options) (rep RunReport, err error) {
	if opt.Job == "" {
		opt.Job = "run"
	}
	if opt.Attempt < 1 {
		opt.Attempt = 1
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Logger == nil {
		opt.Logger = slog.Default()
	}
	loc := Location(cfg)
	rep = RunReport{Job: opt.Job, Attempt: opt.Attempt, Started: opt.Now().In(loc)}
	log := opt.Logger.With("job", opt.Job, "attempt", opt.Attempt)
	defer func() {
		rep.Finished = opt.Now().In(loc)
		rep.Err = err
		switch {
		case err == nil:
			rep.Status = StatusSucceeded
		case Interrupted(err):
			rep.Status = StatusInterrupted
		default:
			rep.Status = StatusFailed
		}
	}()

	selected, err := selectSteps(opt.Only)
	if err != nil {
		return rep, err
	}
	if cfg.DB == "" {
		return rep, errors.New("データベースファイルが指定されていません (no database file: set db in the config or --db)")
	}
	paths := ResolvePaths(cfg)
	host, _ := os.Hostname()
	lk, err := lock.Acquire(paths.Lock, lock.Info{PID: os.Getpid(), Host: host, Job: opt.Job, Started: rep.Started})
	if err != nil {
		return rep, err
	}
	defer lk.Release()

	st, err := store.OpenOrg(ctx, cfg.DB, cfg.OrganisationCode)
	if err != nil {
		return rep, err
	}
	defer st.Close()
	// Bookkeeping survives a cancelled run: it must say the run was interrupted.
	bg := context.WithoutCancel(ctx)
	recovered, err := recoverInterrupted(bg, st.DB(), opt.Now())
	if err != nil {
		return rep, fmt.Errorf("job_run: %w", err)
	}
	for _, r := range recovered {
		log.Warn("前回の実行はプロセスの終了で中断されていました (a previous run was cut off by its process ending; marked interrupted)",
			"run_id", r.RunID, "prev_job", r.Job, "started", r.Started.In(loc))
	}
	if rep.RunID, err = insertRun(bg, st.DB(), &rep, selected, host); err != nil {
		return rep, fmt.Errorf("job_run: %w", err)
	}
	defer func() {
		rep.Finished = opt.Now().In(loc)
		status := StatusSucceeded
		if err != nil {
			status = StatusFailed
			if Interrupted(err) {
				status = StatusInterrupted
			}
		}
		if ferr := finishRun(bg, st.DB(), &rep, status, err); ferr != nil {
			log.Error("job_run を更新できません (cannot record the end of the run)", "err", ferr)
		}
	}()
	log.Info("実行開始 (run started)", "run_id", rep.RunID, "steps", strings.Join(selected, ","))

	r := &runner{cfg: cfg, opt: opt, st: st, paths: paths, loc: loc, log: log, rep: &rep}
	for _, step := range selected {
		if err := ctx.Err(); err != nil {
			rep.StepFailed = step
			return rep, &StepError{Step: step, Err: err, Interrupted: true}
		}
		var fn StepFunc
		if step == StepIngest {
			fn = r.ingest
		} else if fn = steps.get(step); fn == nil {
			rep.Skipped = append(rep.Skipped, step)
			log.Info("手順なし、飛ばします (no function for this step; skipped)", "step", step)
			continue
		}
		t := time.Now()
		serr := fn(ctx, st)
		rep.Timings = append(rep.Timings, StepTiming{Step: step, Duration: time.Since(t), Err: serr})
		if serr != nil {
			rep.StepFailed = step
			e := &StepError{Step: step, Err: serr, Interrupted: ctx.Err() != nil}
			if e.Interrupted {
				log.Warn("中断 (interrupted)", "step", step, "err", serr)
			} else {
				log.Error("手順が失敗 (step failed)", "step", step, "err", serr)
			}
			return rep, e
		}
		rep.StepsDone = append(rep.StepsDone, step)
		log.Info("手順完了 (step done)", "step", step, "duration", time.Since(t).Round(time.Millisecond).String())
	}
	log.Info("実行完了 (run succeeded)", "run_id", rep.RunID, "taken", rep.Taken, "landed", rep.Landed,
		"duplicates", rep.Duplicates, "quarantined", rep.Quarantined, "waiting", rep.Waiting)
	return rep, nil
}

func selectSteps(only []string) ([]string, error) {
	if len(only) == 0 {
		return slices.Clone(StepNames), nil
	}
	for _, s := range only {
		if !slices.Contains(StepNames, s) {
			return nil, fmt.Errorf("手順 %q は不明です (unknown step; use %s)", s, strings.Join(StepNames, ", "))
		}
	}
	var out []string
	for _, s := range StepNames {
		if slices.Contains(only, s) {
			out = append(out, s)
		}
	}
	return out, nil
}

// Paths are the files and folders of the automatic run, resolved against
// the folder of the database file.
type Paths struct {
	DB, Lock                   string
	Inbox, Archive, Quarantine string
	Status, Log, ScheduleLock  string
	// Outputs: the dashboard site, the report editions, the export folder.
	Site, Report, HRReport, Export string
}

// ResolvePaths resolves the configured folders: relative paths are
// relative to the folder of the database file, or, for a named
// organisation (organisation_code), to its folder <code>/ beside the
// database file.
func ResolvePaths(cfg jinzai.Config) Paths {
	base := filepath.Dir(cfg.DB)
	if cfg.OrganisationCode != "" {
		base = filepath.Join(base, cfg.OrganisationCode)
	}
	abs := func(p, def string) string {
		if p == "" {
			p = def
		}
		if p == "" || filepath.IsAbs(p) {
			return p
		}
		return filepath.Join(base, p)
	}
	return Paths{
		DB:           cfg.DB,
		Lock:         cfg.DB + ".lock",
		ScheduleLock: cfg.DB + ".schedule.lock",
		Inbox:        abs(cfg.Inbox.Dir, "inbox"),
		Archive:      abs(cfg.Inbox.ArchiveDir, "archive"),
		Quarantine:   abs(cfg.Inbox.QuarantineDir, "quarantine"),
		Status:       abs(cfg.Schedule.StatusFile, ""),
		Log:          abs(cfg.Schedule.LogFile, ""),
		Site:         abs(cfg.Output.SiteDir, "site"),
		Report:       abs(cfg.Output.Report, "report.xlsx"),
		HRReport:     abs(cfg.Output.HRReport, ""),
		Export:       abs(cfg.Output.ExportDir, "export"),
	}
}

// Location is the configured time zone (Asia/Tokyo by default).
func Location(cfg jinzai.Config) *time.Location {
	name := cfg.Schedule.TimeZone
	if name == "" {
		name = "Asia/Tokyo"
	}
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.Local
	}
	return loc
}

// WriteSummary prints a report for a person, in Japanese and English.
func (r RunReport) WriteSummary(w io.Writer) {
	for _, f := range r.Files {
		switch f.Outcome {
		case Landed:
			fmt.Fprintf(w, "取込 (loaded)      %s: %s バッチ%d, %d行中 %d行取込, %d行除外 → %s\n", f.Name, f.Kind, f.BatchID, f.Rows, f.Loaded, f.Rejected, f.MovedTo)
		case Duplicate:
			fmt.Fprintf(w, "取込済 (unchanged) %s: 同じ内容をバッチ%dで取り込み済み (already loaded as batch %d) → %s\n", f.Name, f.BatchID, f.BatchID, f.MovedTo)
		case Quarantined:
			fmt.Fprintf(w, "隔離 (quarantined) %s → %s\n  %s\n", f.Name, f.MovedTo, firstLine(f.Reason))
		case Waiting:
			fmt.Fprintf(w, "保留 (waiting)     %s: %s\n", f.Name, f.Reason)
		}
		if f.MovedTo == "" && f.Outcome != Waiting && f.Reason != "" && f.Outcome != Quarantined {
			fmt.Fprintf(w, "  %s\n", f.Reason)
		}
	}
	fmt.Fprintf(w, "ファイル (files): 取込 %d (loaded), 取込済 %d (unchanged), 隔離 %d (quarantined), 保留 %d (waiting)\n",
		r.Landed, r.Duplicates, r.Quarantined, r.Waiting)
	for _, t := range r.Timings {
		state := "完了 (done)"
		if t.Err != nil {
			state = "失敗 (failed)"
			if r.Status == StatusInterrupted {
				state = "中断 (interrupted)"
			}
		}
		fmt.Fprintf(w, "手順 (step) %-10s %s %.1fs\n", t.Step, state, t.Duration.Seconds())
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(w, "飛ばした手順 (skipped, not available): %s\n", strings.Join(r.Skipped, ", "))
	}
	fmt.Fprintf(w, "実行 (run) %d: %s, %.1fs\n", r.RunID, r.Status, r.Duration().Seconds())
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i] + " …"
	}
	return s
}
