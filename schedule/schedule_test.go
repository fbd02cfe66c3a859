package schedule

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/pipeline"
	"github.com/jinzai-hr/jinzai/pipeline/lock"
	pt "github.com/jinzai-hr/jinzai/pipeline/pipelinetest"
	"github.com/jinzai-hr/jinzai/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func testConfig(t testing.TB, jobs ...jinzai.ScheduleJob) jinzai.Config {
	cfg := pt.Config(t.TempDir())
	cfg.Schedule.Jobs = jobs
	cfg.Schedule.RetryBackoff = 30 * time.Second
	if err := cfg.Validate(); err != nil {
		t.Fatal(err)
	}
	return cfg
}

func jobRuns(t testing.TB, cfg jinzai.Config) []pipeline.JobRun {
	t.Helper()
	rs, err := pipeline.Runs(context.Background(), cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	slices.Reverse(rs) // oldest first
	return rs
}

func status(t testing.TB, cfg jinzai.Config) *Status {
	t.Helper()
	s, err := ReadStatus(pipeline.ResolvePaths(cfg).Status)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// stopAfter returns an OnResult that records results and cancels after n.
func stopAfter(n int, cancel context.CancelFunc, results *[]Result) func(Result) {
	var mu sync.Mutex
	return func(r Result) {
		mu.Lock()
		defer mu.Unlock()
		*results = append(*results, r)
		if len(*results) >= n {
			cancel()
		}
	}
}

func countingStep(calls *int, fail func(call int) error) pipeline.StepFunc {
	var mu sync.Mutex
	return func(ctx context.Context, st *store.Store) error {
		mu.Lock()
		*calls++
		n := *calls
		mu.Unlock()
		if fail != nil {
			return fail(n)
		}
		return nil
	}
}

// On the real clock, a job every second runs about once a second.
func TestJobsRunOnTime(t *testing.T) {
	cfg := testConfig(t, jinzai.ScheduleJob{Name: "tick", Cron: "* * * * * *", Steps: []string{"ingest", "transform"}})
	calls := 0
	var mu sync.Mutex
	var results []Result
	s, err := New(cfg, pipeline.Steps{Transform: countingStep(&calls, nil)}, Options{Logger: quiet, OnResult: func(r Result) {
		mu.Lock()
		results = append(results, r)
		mu.Unlock()
	}})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	mu.Lock()
	n := len(results)
	mu.Unlock()
	if n < 2 || n > 5 {
		t.Fatalf("%d runs in 4 s of a job every second; want 2 to 5", n)
	}
	for _, r := range results {
		if r.Status != pipeline.StatusSucceeded {
			t.Errorf("run %+v", r)
		}
	}
	rs := jobRuns(t, cfg)
	if len(rs) != n {
		t.Errorf("%d job_run rows for %d runs", len(rs), n)
	}
	for i := 1; i < len(rs); i++ {
		if gap := rs[i].Started.Sub(rs[i-1].Started); gap < 900*time.Millisecond || gap > 2100*time.Millisecond {
			t.Errorf("runs %d and %d started %v apart; want about a second", i-1, i, gap)
		}
	}
	st := status(t, cfg)
	if st.Scheduler.State != "stopped" || st.Jobs["tick"].LastStatus != pipeline.StatusSucceeded || st.Jobs["tick"].NextRun == nil {
		t.Errorf("status file: %+v %+v", st.Scheduler, st.Jobs["tick"])
	}
}

// The fake clock drives a night of schedule in moments: every firing at
// its time, in the configured time zone.
func TestAFakeClockDrivesTheScheduleFast(t *testing.T) {
	cfg := testConfig(t,
		jinzai.ScheduleJob{Name: "nightly", Cron: "0 30 2 * * *", Steps: []string{"ingest", "transform"}},
		jinzai.ScheduleJob{Name: "hourly", Cron: "0 * * * *", Steps: []string{"dashboards"}}, // no seconds field
	)
	tokyo, _ := time.LoadLocation("Asia/Tokyo")
	clock := NewFakeClock(time.Date(2024, 4, 1, 0, 0, 30, 0, tokyo))
	var transform, dashboards int
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var results []Result
	s, err := New(cfg, pipeline.Steps{Transform: countingStep(&transform, nil), Dashboards: countingStep(&dashboards, nil)},
		Options{Logger: quiet, Clock: clock, Heartbeat: 24 * time.Hour, OnResult: stopAfter(9, cancel, &results)})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("9 runs over %s of fake time in %s", clock.Now().Sub(time.Date(2024, 4, 1, 0, 0, 30, 0, tokyo)), time.Since(start))
	var got []string
	for _, r := range results {
		got = append(got, r.Job+"@"+r.Report.Started.In(tokyo).Format("01-02 15:04:05"))
	}
	want := []string{"hourly@04-01 01:00:00", "hourly@04-01 02:00:00", "nightly@04-01 02:30:00", "hourly@04-01 03:00:00",
		"hourly@04-01 04:00:00", "hourly@04-01 05:00:00", "hourly@04-01 06:00:00", "hourly@04-01 07:00:00", "hourly@04-01 08:00:00"}
	if !slices.Equal(got, want) {
		t.Errorf("runs:\n got %v\nwant %v", got, want)
	}
	if transform != 1 || dashboards != 8 {
		t.Errorf("transform ran %d times, dashboards %d; want 1 and 8", transform, dashboards)
	}
	rs := jobRuns(t, cfg)
	if len(rs) != 9 || rs[2].Job != "nightly" || rs[2].Started.Format(time.RFC3339) != "2024-03-31T17:30:00Z" {
		t.Errorf("job_run: %d rows; nightly %+v", len(rs), rs[2])
	}
	next := status(t, cfg).Jobs["nightly"].NextRun
	if next == nil || !next.Equal(time.Date(2024, 4, 2, 2, 30, 0, 0, tokyo)) {
		t.Errorf("status next_run of nightly %v; want 2024-04-02 02:30 JST", next)
	}
}

// A step that fails twice then succeeds: three attempts, backing off 30 s
// then 60 s, recorded in job_run; the job succeeded.
func TestAFailingJobIsRetriedWithBackoff(t *testing.T) {
	cfg := testConfig(t, jinzai.ScheduleJob{Name: "nightly", Cron: "0 30 2 * * *", Steps: []string{"transform"}})
	clock := NewFakeClock(time.Date(2024, 4, 1, 2, 0, 0, 0, pipeline.Location(cfg)))
	calls := 0
	flaky := countingStep(&calls, func(n int) error {
		if n <= 2 {
			return errors.New("disk busy")
		}
		return nil
	})
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var results []Result
	s, err := New(cfg, pipeline.Steps{Transform: flaky}, Options{Logger: quiet, Clock: clock, Heartbeat: 24 * time.Hour, OnResult: stopAfter(1, cancel, &results)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if r := results[0]; r.Status != pipeline.StatusSucceeded || r.Attempts != 3 || r.ConsecutiveFailures != 0 {
		t.Fatalf("result %+v", r)
	}
	rs := jobRuns(t, cfg)
	var got []string
	for _, r := range rs {
		got = append(got, r.Status)
	}
	if !slices.Equal(got, []string{"failed", "failed", "succeeded"}) || rs[0].Attempt != 1 || rs[2].Attempt != 3 {
		t.Fatalf("job_run statuses %v", got)
	}
	if rs[0].StepFailed != "transform" || !strings.Contains(rs[0].Error, "disk busy") || !strings.Contains(rs[0].Error, "transform") {
		t.Errorf("first attempt: %+v", rs[0])
	}
	if d := rs[1].Started.Sub(rs[0].Started); d != 30*time.Second {
		t.Errorf("first back-off %v, want 30s", d)
	}
	if d := rs[2].Started.Sub(rs[1].Started); d != 60*time.Second {
		t.Errorf("second back-off %v, want 60s", d)
	}
	js := status(t, cfg).Jobs["nightly"]
	if js.LastStatus != "succeeded" || js.Attempts != 3 || js.ConsecutiveFailures != 0 || js.LastSuccess == nil || js.LastRunID != rs[2].RunID {
		t.Errorf("status file: %+v", js)
	}
}

// A step that always fails: every attempt fails, the job is failed, and
// the status file counts the failed runs in a row, across a restart.
func TestAJobThatKeepsFailingShowsInTheStatusFile(t *testing.T) {
	cfg := testConfig(t, jinzai.ScheduleJob{Name: "nightly", Cron: "0 30 2 * * *"})
	cfg.Schedule.MaxRetries = 1
	clock := NewFakeClock(time.Date(2024, 4, 1, 2, 0, 0, 0, pipeline.Location(cfg)))
	calls := 0
	broken := countingStep(&calls, func(int) error { return errors.New("model mart_kpi: syntax error") })
	run := func(n int) []Result {
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		var results []Result
		s, err := New(cfg, pipeline.Steps{Transform: broken}, Options{Logger: quiet, Clock: clock, Heartbeat: 24 * time.Hour, OnResult: stopAfter(n, cancel, &results)})
		if err != nil {
			t.Fatal(err)
		}
		if err := s.Run(ctx); err != nil {
			t.Fatal(err)
		}
		return results
	}
	results := run(2)
	if results[0].Status != "failed" || results[0].Attempts != 2 || results[1].ConsecutiveFailures != 2 {
		t.Fatalf("results %+v", results)
	}
	js := status(t, cfg).Jobs["nightly"]
	if js.LastStatus != "failed" || js.ConsecutiveFailures != 2 || !strings.Contains(js.LastError, "mart_kpi") || js.StepFailed != "transform" || js.LastSuccess != nil {
		t.Errorf("status file: %+v", js)
	}
	// A restarted scheduler goes on counting.
	run(1)
	if js := status(t, cfg).Jobs["nightly"]; js.ConsecutiveFailures != 3 {
		t.Errorf("after a restart: consecutive failures %d, want 3", js.ConsecutiveFailures)
	}
	rs := jobRuns(t, cfg)
	if len(rs) != 6 {
		t.Errorf("%d job_run rows, want 3 runs × 2 attempts", len(rs))
	}
	for _, r := range rs {
		if r.Status != "failed" {
			t.Errorf("job_run %+v", r)
		}
	}
}

// While another holder has the run lock (a `jinzai run` by hand), a job is
// refused and retried; a second scheduler on the same database does not start.
func TestLocksKeepJobsApart(t *testing.T) {
	cfg := testConfig(t, jinzai.ScheduleJob{Name: "nightly", Cron: "0 30 2 * * *", Steps: []string{"ingest"}})
	cfg.Schedule.MaxRetries = 1
	paths := pipeline.ResolvePaths(cfg)
	lk, err := lock.Acquire(paths.Lock, lock.Info{PID: 777, Job: "run", Started: time.Now()})
	if err != nil {
		t.Fatal(err)
	}
	clock := NewFakeClock(time.Date(2024, 4, 1, 2, 0, 0, 0, pipeline.Location(cfg)))
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var results []Result
	s, err := New(cfg, pipeline.Steps{}, Options{Logger: quiet, Clock: clock, Heartbeat: 24 * time.Hour, OnResult: stopAfter(1, cancel, &results)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if r := results[0]; r.Status != "failed" || r.Attempts != 2 || !pipeline.Busy(r.Err) || !strings.Contains(r.Err.Error(), "PID 777") {
		t.Fatalf("result %+v", r)
	}
	if js := status(t, cfg).Jobs["nightly"]; !strings.Contains(js.LastError, "別のジョブ run (PID 777") {
		t.Errorf("status file error %q", js.LastError)
	}
	lk.Release()

	held, err := lock.Acquire(paths.ScheduleLock, lock.Info{PID: 888})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Release()
	s, _ = New(cfg, pipeline.Steps{}, Options{Logger: quiet, Clock: clock})
	if err := s.Run(context.Background()); err == nil || !strings.Contains(err.Error(), "PID 888") {
		t.Fatalf("second scheduler: %v", err)
	}
}

func TestBadSchedulesAreRefused(t *testing.T) {
	for _, c := range []string{"0 61 * * *", "every night", "0 0 30 2 *"} {
		cfg := testConfig(t, jinzai.ScheduleJob{Name: "x", Cron: c})
		if _, err := New(cfg, pipeline.Steps{}, Options{Logger: quiet}); err == nil {
			t.Errorf("cron %q accepted", c)
		}
	}
	cfg := testConfig(t)
	s, err := New(cfg, pipeline.Steps{}, Options{Logger: quiet})
	if err != nil || len(s.jobs) != 1 || s.jobs[0].Name != "nightly" || len(s.jobs[0].steps) != 5 {
		t.Errorf("default jobs: %v %+v", err, s.jobs)
	}
	bad := cfg
	bad.Schedule.Jobs = []jinzai.ScheduleJob{{Name: "x", Cron: "* * * * *", Steps: []string{"dashboard"}}}
	if err := bad.Validate(); err == nil || !strings.Contains(err.Error(), "dashboard") {
		t.Errorf("unknown step: %v", err)
	}
	bad = cfg
	bad.Schedule.TimeZone = "Asia/Tokio"
	if err := bad.Validate(); err == nil {
		t.Error("unknown time zone accepted")
	}
}

func TestTheScheduleConfigReadsFromTOML(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "jinzai.toml")
	body := `db = "data/j.duckdb"
[inbox]
dir = '\\fileserver\jinzai\inbox'
settle_time = "1m"
[schedule]
time_zone = "Asia/Tokyo"
status_file = "jinzai-status.json"
log_file = "jinzai.log"
max_retries = 2
retry_backoff = "45s"
[[schedule.jobs]]
name = "nightly"
cron = "0 30 2 * * *"
steps = ["ingest","transform","dashboards","report","export"]
[[schedule.jobs]]
name = "hourly"
cron = "0 0 * * * *"
steps = ["dashboards"]
`
	if err := pt.Write(p, []byte(body)); err != nil {
		t.Fatal(err)
	}
	cfg, err := jinzai.LoadConfig(p, true)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Schedule.RetryBackoff != 45*time.Second || cfg.Schedule.MaxRetries != 2 || len(cfg.Schedule.Jobs) != 2 ||
		cfg.Schedule.Jobs[1].Steps[0] != "dashboards" || cfg.Inbox.SettleTime != time.Minute {
		t.Fatalf("%+v %+v", cfg.Schedule, cfg.Inbox)
	}
	paths := pipeline.ResolvePaths(cfg)
	if paths.Status != filepath.Join(dir, "data", "jinzai-status.json") || paths.Archive != filepath.Join(dir, "data", "archive") {
		t.Errorf("paths %+v", paths)
	}
}
