// Package schedule is `jinzai schedule`: a long-running scheduler that runs
// the configured jobs ([[schedule.jobs]], cron expressions with optional
// seconds, in schedule.time_zone, Asia/Tokyo by default), each job a
// pipeline run of some steps.
//
// Jobs run one at a time: each run holds the database's run lock (so a
// `jinzai run` started by hand is refused while a job runs, and the other
// way round), and a second scheduler on the same database refuses to
// start. A job that fails is retried with back-off up to
// schedule.max_retries times; every attempt is a job_run row, and the
// status file says, per job, the last run, its status, the consecutive
// failures and the next run. On SIGTERM or SIGINT (the context is
// cancelled) the step in progress is rolled back and Run returns nil.
package schedule

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Asia/Tokyo on Windows servers without a zoneinfo database

	"github.com/robfig/cron/v3"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/pipeline"
	"github.com/jinzai-hr/jinzai/pipeline/lock"
)

// DefaultJobs are the jobs when the configuration has none: the whole
// pipeline every night at 02:30.
var DefaultJobs = []jinzai.ScheduleJob{{Name: "nightly", Cron: "0 30 2 * * *"}}

// maxBackoff caps the doubling retry back-off.
const maxBackoff = time.Hour

// parser reads cron expressions with or without a seconds field, and
// descriptors (@hourly, @daily, @every 10m).
var parser = cron.NewParser(cron.SecondOptional | cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// Options tune a scheduler. The zero value is production.
type Options struct {
	// Clock is the time (RealClock when nil).
	Clock Clock
	// Logger (a text logger on stderr when nil).
	Logger *slog.Logger
	// OnResult, when set, is called after each job, retries included.
	OnResult func(Result)
	// BeforeFile, when set, is passed to every run (pipeline.Options).
	BeforeFile func(path string)
	// Heartbeat: an idle scheduler wakes and rewrites the status file at
	// least this often (default 1 minute; tests on a FakeClock make it long).
	Heartbeat time.Duration
}

// Result is what one job did, all its attempts included.
type Result struct {
	Job      string
	Status   string // succeeded | failed | interrupted
	Attempts int
	// Report is the last attempt's.
	Report pipeline.RunReport
	Err    error
	// ConsecutiveFailures after this job.
	ConsecutiveFailures int
}

type job struct {
	jinzai.ScheduleJob
	steps []string // resolved: every step when the config lists none
	sched cron.Schedule
	next  time.Time
}

// Scheduler runs the configured jobs.
type Scheduler struct {
	cfg    jinzai.Config
	steps  pipeline.Steps
	opt    Options
	jobs   []*job
	loc    *time.Location
	paths  pipeline.Paths
	log    *slog.Logger
	status *Status
	beat   time.Time
}

// New checks the schedule and returns a scheduler. It fails on a cron
// expression that cannot be read or never fires.
func New(cfg jinzai.Config, steps pipeline.Steps, opt Options) (*Scheduler, error) {
	if err := cfg.Schedule.Validate(); err != nil {
		return nil, err
	}
	if opt.Clock == nil {
		opt.Clock = RealClock{}
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if opt.Heartbeat <= 0 {
		opt.Heartbeat = time.Minute
	}
	s := &Scheduler{cfg: cfg, steps: steps, opt: opt, loc: pipeline.Location(cfg), paths: pipeline.ResolvePaths(cfg), log: opt.Logger}
	defs := cfg.Schedule.Jobs
	if len(defs) == 0 {
		defs = DefaultJobs
	}
	now := opt.Clock.Now().In(s.loc)
	for _, d := range defs {
		sched, err := parser.Parse(d.Cron)
		if err != nil {
			return nil, fmt.Errorf("schedule.jobs %s: cron %q を読めません (cannot read the cron expression; e.g. \"0 30 2 * * *\" = 02:30:00 daily): %w", d.Name, d.Cron, err)
		}
		if sched.Next(now).IsZero() {
			return nil, fmt.Errorf("schedule.jobs %s: cron %q は実行されません (never fires)", d.Name, d.Cron)
		}
		j := &job{ScheduleJob: d, sched: sched, steps: d.Steps}
		if len(j.steps) == 0 {
			j.steps = pipeline.StepNames
		}
		s.jobs = append(s.jobs, j)
	}
	return s, nil
}

// Run is `jinzai schedule`: the scheduler with the configured logger
// (stderr, and the log file when set), until ctx is cancelled. A cancelled
// context (SIGTERM, SIGINT) is a clean stop: Run returns nil.
func Run(ctx context.Context, cfg jinzai.Config, steps pipeline.Steps) error {
	log, closeLog, err := NewLogger(cfg, os.Stderr)
	if err != nil {
		return err
	}
	defer closeLog()
	s, err := New(cfg, steps, Options{Logger: log})
	if err != nil {
		return err
	}
	return s.Run(ctx)
}

// NewLogger is the scheduler's logger: text lines on stderr and, when
// schedule.log_file is set, JSON lines appended to that file. Call close
// when done.
func NewLogger(cfg jinzai.Config, stderr io.Writer) (log *slog.Logger, close func() error, err error) {
	handlers := []slog.Handler{slog.NewTextHandler(stderr, nil)}
	close = func() error { return nil }
	if path := pipeline.ResolvePaths(cfg).Log; path != "" {
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o644)
		if err != nil {
			return nil, close, fmt.Errorf("ログファイルを開けません (cannot open the log file) %s: %w", path, err)
		}
		handlers = append(handlers, slog.NewJSONHandler(f, nil))
		close = f.Close
	}
	return slog.New(slog.NewMultiHandler(handlers...)), close, nil
}

// Next is when each job fires next (after Run has started).
func (s *Scheduler) Next() map[string]time.Time {
	out := map[string]time.Time{}
	for _, j := range s.jobs {
		out[j.Name] = j.next
	}
	return out
}

// Run runs the jobs on their schedule until ctx is cancelled, then returns
// nil. It returns an error only when it cannot start (another scheduler
// runs on the same database).
func (s *Scheduler) Run(ctx context.Context) error {
	clock := s.opt.Clock
	host, _ := os.Hostname()
	started := clock.Now().In(s.loc)
	lk, err := lock.Acquire(s.paths.ScheduleLock, lock.Info{PID: os.Getpid(), Host: host, Job: "schedule", Started: started})
	if err != nil {
		var he *lock.HeldError
		if errors.As(err, &he) {
			return fmt.Errorf("このデータベースのスケジューラは既に実行中です (a scheduler already runs for this database, PID %d): %w", he.Holder.PID, err)
		}
		return err
	}
	defer lk.Release()

	s.status = loadStatus(s.paths.Status, s.jobs)
	s.status.Scheduler = SchedulerStatus{PID: os.Getpid(), Host: host, Started: started, State: "running"}
	for _, j := range s.jobs {
		j.next = j.sched.Next(started)
		s.status.Jobs[j.Name].NextRun = timePtr(j.next)
		var missing []string
		for _, st := range j.steps {
			if st != pipeline.StepIngest && !s.hasStep(st) {
				missing = append(missing, st)
			}
		}
		s.log.Info("ジョブ (job)", "job", j.Name, "cron", j.Cron, "steps", strings.Join(j.steps, ","), "next", j.next.Format(time.RFC3339))
		if len(missing) > 0 {
			s.log.Warn("このビルドにない手順は飛ばします (steps not available in this build are skipped)", "job", j.Name, "steps", strings.Join(missing, ","))
		}
	}
	s.log.Info("スケジューラ開始 (scheduler started)", "db", s.paths.DB, "inbox", s.paths.Inbox, "time_zone", s.loc.String(),
		"status_file", s.paths.Status, "max_retries", s.cfg.Schedule.MaxRetries, "retry_backoff", s.cfg.Schedule.RetryBackoff.String())
	s.writeStatus()
	defer func() {
		s.status.Scheduler.State = "stopped"
		s.writeStatus()
		s.log.Info("スケジューラ停止 (scheduler stopped)")
	}()

	for {
		if ctx.Err() != nil {
			return nil
		}
		now := clock.Now()
		ran := false
		for _, j := range s.jobs {
			if ctx.Err() != nil {
				return nil
			}
			if j.next.After(now) {
				continue
			}
			s.runJob(ctx, j)
			// Firings missed while jobs ran are folded into this run.
			j.next = j.sched.Next(clock.Now().In(s.loc))
			s.status.Jobs[j.Name].NextRun = timePtr(j.next)
			s.writeStatus()
			ran = true
		}
		if ran {
			continue
		}
		wake := s.jobs[0].next
		for _, j := range s.jobs[1:] {
			if j.next.Before(wake) {
				wake = j.next
			}
		}
		wait := wake.Sub(now)
		if wait > s.opt.Heartbeat {
			wait = s.opt.Heartbeat // and re-read the clock, in case it was set
		}
		if clock.Now().Sub(s.beat) >= s.opt.Heartbeat {
			s.writeStatus()
		}
		if err := clock.Sleep(ctx, wait); err != nil {
			return nil
		}
	}
}

func (s *Scheduler) hasStep(name string) bool {
	switch name {
	case pipeline.StepTransform:
		return s.steps.Transform != nil
	case pipeline.StepDashboards:
		return s.steps.Dashboards != nil
	case pipeline.StepReport:
		return s.steps.Report != nil
	case pipeline.StepExport:
		return s.steps.Export != nil
	}
	return slices.Contains(pipeline.StepNames, name)
}

// runJob runs one firing of a job: attempts with back-off until one
// succeeds, the retries are used up, or ctx is cancelled.
func (s *Scheduler) runJob(ctx context.Context, j *job) {
	clock := s.opt.Clock
	js := s.status.Jobs[j.Name]
	log := s.log.With("job", j.Name)
	attempts := 1 + s.cfg.Schedule.MaxRetries
	res := Result{Job: j.Name}
	finish := func(status string, err error) {
		res.Status, res.Err = status, err
		now := clock.Now().In(s.loc)
		js.LastStatus, js.LastEnd, js.NextRetry = status, timePtr(now), nil
		js.LastError = ""
		if err != nil {
			js.LastError = err.Error()
		}
		switch status {
		case pipeline.StatusSucceeded:
			js.ConsecutiveFailures = 0
			js.LastSuccess = timePtr(now)
			js.StepFailed = ""
		case pipeline.StatusFailed:
			js.ConsecutiveFailures++
			log.Error("ジョブが失敗しました (job failed after every retry)", "attempts", res.Attempts,
				"consecutive_failures", js.ConsecutiveFailures, "err", err)
		case pipeline.StatusInterrupted:
			log.Warn("ジョブを中断しました (job interrupted)", "err", err)
		}
		res.ConsecutiveFailures = js.ConsecutiveFailures
		s.writeStatus()
		if s.opt.OnResult != nil {
			s.opt.OnResult(res)
		}
	}
	for attempt := 1; ; attempt++ {
		res.Attempts = attempt
		start := clock.Now().In(s.loc)
		js.LastStatus, js.Attempts, js.NextRetry = pipeline.StatusRunning, attempt, nil
		if attempt == 1 {
			js.LastStart = timePtr(start)
		}
		s.writeStatus()
		rep, err := pipeline.RunWith(ctx, s.cfg, s.steps, pipeline.Options{
			Job: j.Name, Attempt: attempt, Only: j.steps, Now: clock.Now, Logger: s.log, BeforeFile: s.opt.BeforeFile,
		})
		res.Report = rep
		js.LastRunID = rep.RunID
		js.FilesTaken, js.Landed, js.Duplicates, js.Quarantined, js.Waiting = rep.Taken, rep.Landed, rep.Duplicates, rep.Quarantined, rep.Waiting
		if rep.StepFailed != "" {
			js.StepFailed = rep.StepFailed
		}
		switch {
		case err == nil:
			finish(pipeline.StatusSucceeded, nil)
			return
		case ctx.Err() != nil || pipeline.Interrupted(err):
			finish(pipeline.StatusInterrupted, err)
			return
		case attempt >= attempts:
			finish(pipeline.StatusFailed, err)
			return
		}
		backoff := s.cfg.Schedule.RetryBackoff << (attempt - 1)
		if backoff > maxBackoff || backoff < 0 {
			backoff = maxBackoff
		}
		retryAt := clock.Now().In(s.loc).Add(backoff)
		js.LastStatus, js.LastError, js.NextRetry = "retrying", err.Error(), timePtr(retryAt)
		s.writeStatus()
		log.Warn("失敗、再試行します (attempt failed; retrying)", "attempt", attempt, "of", attempts,
			"retry_in", backoff.String(), "err", err)
		if clock.Sleep(ctx, backoff) != nil {
			finish(pipeline.StatusInterrupted, ctx.Err())
			return
		}
	}
}

func (s *Scheduler) writeStatus() {
	now := s.opt.Clock.Now().In(s.loc)
	s.beat = now
	s.status.Scheduler.Heartbeat = now
	if err := s.status.write(s.paths.Status); err != nil {
		s.log.Error("状態ファイルを書けません (cannot write the status file)", "path", s.paths.Status, "err", err)
	}
}
