package pipeline

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/ingest"
	"github.com/jinzai-hr/jinzai/pipeline/lock"
	pt "github.com/jinzai-hr/jinzai/pipeline/pipelinetest"
	"github.com/jinzai-hr/jinzai/store"
)

var quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

func put(t testing.TB, path string, content []byte) {
	t.Helper()
	if err := pt.Write(path, content); err != nil {
		t.Fatal(err)
	}
}

func runOpts() Options { return Options{Logger: quiet} }

// query opens the database after a run and returns one integer.
func query(t testing.TB, cfg jinzai.Config, q string, args ...any) int {
	t.Helper()
	st, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB().QueryRow(q, args...).Scan(&n); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
	return n
}

func runs(t testing.TB, cfg jinzai.Config) []JobRun {
	t.Helper()
	rs, err := Runs(context.Background(), cfg, 0)
	if err != nil {
		t.Fatal(err)
	}
	return rs
}

func inboxNames(t testing.TB, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		if e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	return names
}

// A bad file goes to quarantine with a note that says why, in both
// languages, and the good files of the same run land and are archived.
func TestBadFilesAreQuarantinedAndGoodFilesLand(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	cfg.Sources = []jinzai.Source{{Pattern: "roster_*.csv", Kind: "roster"}}
	p := ResolvePaths(cfg)
	put(t, filepath.Join(p.Inbox, "roster_20230401.csv"), pt.Roster(0, 40))
	put(t, filepath.Join(p.Inbox, "notes.csv"), []byte("メモ,日付\nこんにちは,2024-01-01\n"))
	put(t, filepath.Join(p.Inbox, "roster_20240401.csv"), pt.Roster(0, 50))
	put(t, filepath.Join(p.Inbox, "roster_20220401.csv"), pt.BadRoster(40))
	put(t, filepath.Join(p.Inbox, "roster_20210401.csv"), []byte("職員番号,生年月日,性別,採用年月日,部名,職種,任用形態\n000001,1980-01-01,男,2002-04-01,総務部,一般事務,常勤\n"))
	put(t, filepath.Join(p.Inbox, "~$roster.xlsx"), []byte("office lock file"))
	now := time.Date(2024, 4, 2, 2, 30, 0, 0, Location(cfg))

	rep, err := RunWith(context.Background(), cfg, Steps{}, Options{Logger: quiet, Now: func() time.Time { return now }})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Landed != 2 || rep.Quarantined != 3 || rep.Taken != 5 || rep.Duplicates != 0 || rep.Status != StatusSucceeded {
		t.Fatalf("report: landed %d quarantined %d taken %d dup %d status %s", rep.Landed, rep.Quarantined, rep.Taken, rep.Duplicates, rep.Status)
	}
	if got := inboxNames(t, p.Inbox); !slices.Equal(got, []string{"~$roster.xlsx"}) {
		t.Errorf("inbox after the run: %v, want only the ignored lock file", got)
	}
	if got := inboxNames(t, filepath.Join(p.Archive, "2024-04-02")); !slices.Equal(got, []string{"roster_20230401.csv", "roster_20240401.csv"}) {
		t.Errorf("archive/2024-04-02: %v", got)
	}
	if n := query(t, cfg, `SELECT count(*) FROM roster`); n != 90 {
		t.Errorf("roster rows %d, want 40 + 50", n)
	}
	if n := query(t, cfg, `SELECT count(*) FROM roster WHERE snapshot_date < DATE '2023-01-01'`); n != 0 {
		t.Errorf("%d rows of quarantined files in the database", n)
	}

	note := func(name string) string {
		b, err := os.ReadFile(filepath.Join(p.Quarantine, name+".error.txt"))
		if err != nil {
			t.Fatal(err)
		}
		if _, err := os.Stat(filepath.Join(p.Quarantine, name)); err != nil {
			t.Errorf("quarantined file: %v", err)
		}
		return string(b)
	}
	bad := note("roster_20220401.csv")
	for _, want := range []string{"roster_20220401.csv", "行2 (row 2)", "列「生年月日」(column 生年月日)", "1980-02-30",
		"理由 (reason)", "対処 (what to do)", "Put the corrected file in the inbox", "受け取りフォルダ", p.Inbox,
		"Nothing of this file was written", "\r\n"} {
		if !strings.Contains(bad, want) {
			t.Errorf("roster_20220401.csv.error.txt lacks %q:\n%s", want, bad)
		}
	}
	header := note("roster_20210401.csv")
	for _, want := range []string{"roster_20210401.csv", "行1 (row 1)", "列「職層」", "missing required column", "必須列", "見出し行", "Check the header row"} {
		if !strings.Contains(header, want) {
			t.Errorf("roster_20210401.csv.error.txt lacks %q:\n%s", want, header)
		}
	}
	unknown := note("notes.csv")
	for _, want := range []string{"notes.csv", "cannot tell the kind", "判別できません", "[[sources]]"} {
		if !strings.Contains(unknown, want) {
			t.Errorf("notes.csv.error.txt lacks %q:\n%s", want, unknown)
		}
	}
	rs := runs(t, cfg)
	if len(rs) != 1 || rs[0].Status != StatusSucceeded || rs[0].FilesTaken != 5 || rs[0].Landed != 2 || rs[0].Quarantined != 3 || rs[0].Job != "run" {
		t.Errorf("job_run: %+v", rs)
	}

	// The same bad file sent again is quarantined beside the first one.
	put(t, filepath.Join(p.Inbox, "roster_20220401.csv"), pt.BadRoster(40))
	if _, err := RunWith(context.Background(), cfg, Steps{}, runOpts()); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(p.Quarantine, "roster_20220401 (2).csv.error.txt")); err != nil {
		t.Errorf("second quarantine of the same name: %v", err)
	}
}

// Files are loaded reference data first whatever their names: survey
// answers need the item bank, and here sort before it.
func TestReferenceDataIsLoadedFirst(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	p := ResolvePaths(cfg)
	for src, dst := range map[string]string{"survey_2023.csv": "a_answers.csv", "survey_items.csv": "z_items.csv"} {
		b, err := os.ReadFile(filepath.Join("..", "testdata", "ingest", src))
		if err != nil {
			t.Fatal(err)
		}
		put(t, filepath.Join(p.Inbox, dst), b)
	}
	rep, err := RunWith(context.Background(), cfg, Steps{}, runOpts())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Landed != 2 {
		t.Fatalf("landed %d of 2: %+v", rep.Landed, rep.Files)
	}
	if rep.Files[0].Kind != ingest.SurveyItem || rep.Files[1].Kind != ingest.Survey {
		t.Errorf("load order %s, %s; want survey_item first", rep.Files[0].Kind, rep.Files[1].Kind)
	}
}

// A step that fails stops the run: the later steps are not called, and the
// error and job_run name the step.
func TestAFailedStepStopsTheLaterSteps(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	put(t, filepath.Join(ResolvePaths(cfg).Inbox, "roster_20240401.csv"), pt.Roster(0, 10))
	var called []string
	step := func(name string, err error) StepFunc {
		return func(ctx context.Context, st *store.Store) error {
			called = append(called, name)
			return err
		}
	}
	boom := errors.New("chart spec broken")
	steps := Steps{Transform: step("transform", nil), Dashboards: step("dashboards", boom), Report: step("report", nil), Export: step("export", nil)}
	rep, err := RunWith(context.Background(), cfg, steps, runOpts())
	var se *StepError
	if !errors.As(err, &se) || se.Step != StepDashboards || !errors.Is(err, boom) || Interrupted(err) {
		t.Fatalf("err = %v, want a StepError for dashboards wrapping the cause", err)
	}
	if !strings.Contains(err.Error(), "dashboards") {
		t.Errorf("error does not name the step: %v", err)
	}
	if !slices.Equal(called, []string{"transform", "dashboards"}) {
		t.Errorf("steps called: %v", called)
	}
	if rep.Status != StatusFailed || rep.StepFailed != StepDashboards || !slices.Equal(rep.StepsDone, []string{StepIngest, StepTransform}) || rep.Landed != 1 {
		t.Errorf("report: %+v", rep)
	}
	rs := runs(t, cfg)
	if rs[0].Status != StatusFailed || rs[0].StepFailed != StepDashboards || !strings.Contains(rs[0].Error, "chart spec broken") {
		t.Errorf("job_run: %+v", rs[0])
	}

	// Only runs the steps asked for, in run order; a missing step is skipped.
	called = nil
	rep, err = RunWith(context.Background(), cfg, Steps{Transform: step("transform", nil)}, Options{Logger: quiet, Only: []string{"report", "transform"}})
	if err != nil || !slices.Equal(called, []string{"transform"}) || !slices.Equal(rep.Skipped, []string{StepReport}) {
		t.Errorf("only: err %v called %v skipped %v", err, called, rep.Skipped)
	}
	if _, err := RunWith(context.Background(), cfg, Steps{}, Options{Logger: quiet, Only: []string{"dashboard"}}); err == nil {
		t.Error("an unknown step name must be an error")
	}
}

// A file that landed but was not archived (the process died in between) is
// found a duplicate by its content hash and archived, not loaded twice.
func TestALandedFileLeftInTheInboxIsArchivedAsDuplicate(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	p := ResolvePaths(cfg)
	file := filepath.Join(p.Inbox, "roster_20240401.csv")
	put(t, file, pt.Roster(0, 30))
	st, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := ingest.New(st, cfg).File(context.Background(), ingest.Request{Path: file}); err != nil {
		t.Fatal(err)
	}
	st.Close()
	rep, err := RunWith(context.Background(), cfg, Steps{}, runOpts())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Duplicates != 1 || rep.Landed != 0 || rep.Taken != 1 || len(inboxNames(t, p.Inbox)) != 0 {
		t.Fatalf("report %+v; inbox %v", rep, inboxNames(t, p.Inbox))
	}
	if n := query(t, cfg, `SELECT count(*) FROM roster`); n != 30 {
		t.Errorf("roster rows %d, want 30", n)
	}
	if n := query(t, cfg, `SELECT count(*) FROM ingest_batch`); n != 1 {
		t.Errorf("%d batches, want 1", n)
	}
}

// A file still being copied (changed within settle_time) waits.
func TestAFreshFileWaitsForTheNextRun(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	cfg.Inbox.SettleTime = time.Hour
	p := ResolvePaths(cfg)
	put(t, filepath.Join(p.Inbox, "roster_20240401.csv"), pt.Roster(0, 10))
	rep, err := RunWith(context.Background(), cfg, Steps{}, runOpts())
	if err != nil {
		t.Fatal(err)
	}
	if rep.Waiting != 1 || rep.Taken != 0 || len(inboxNames(t, p.Inbox)) != 1 {
		t.Fatalf("report %+v", rep)
	}
	cfg.Inbox.SettleTime = 0
	if rep, err = RunWith(context.Background(), cfg, Steps{}, runOpts()); err != nil || rep.Landed != 1 {
		t.Fatalf("second run: %v %+v", err, rep)
	}
}

// While one holder has the lock, a run is refused with the holder's PID.
func TestASecondRunIsRefusedWhileOneRuns(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	started := time.Date(2024, 4, 2, 2, 30, 0, 0, Location(cfg))
	lk, err := lock.Acquire(ResolvePaths(cfg).Lock, lock.Info{PID: 4242, Job: "nightly", Started: started})
	if err != nil {
		t.Fatal(err)
	}
	_, err = RunWith(context.Background(), cfg, Steps{}, runOpts())
	if !Busy(err) || !strings.Contains(err.Error(), "別のジョブ nightly (PID 4242, 開始 2024-04-02 02:30:00 +0900) が実行中です (another job is running") {
		t.Fatalf("err = %v", err)
	}
	// A second lock in the same process is refused too.
	if _, err := lock.Acquire(ResolvePaths(cfg).Lock, lock.Info{}); !Busy(err) {
		t.Fatalf("second in-process Acquire: %v", err)
	}
	lk.Release()
	if _, err := RunWith(context.Background(), cfg, Steps{}, runOpts()); err != nil {
		t.Fatalf("after release: %v", err)
	}
}
