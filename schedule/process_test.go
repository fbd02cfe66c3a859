//go:build !windows

package schedule

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/pipeline"
	pt "github.com/jinzai-hr/jinzai/pipeline/pipelinetest"
)

// TestSchedulerChild is the entry point of the child process of
// TestSIGTERMStopsTheSchedulerCleanly: `jinzai schedule` with a job every
// second, stopped by SIGTERM.
func TestSchedulerChild(t *testing.T) {
	dir := os.Getenv("JINZAI_SCHEDULE_CHILD")
	if dir == "" {
		t.Skip("entry point of a child process")
	}
	cfg := childConfig(dir)
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	s, err := New(cfg, pipeline.Steps{}, Options{Logger: quiet, BeforeFile: func(path string) {
		fmt.Println("INGESTING", filepath.Base(path))
	}})
	if err == nil {
		err = s.Run(ctx)
	}
	if err != nil {
		fmt.Println("ERROR", err)
		os.Exit(1)
	}
	fmt.Println("STOPPED")
	os.Exit(0)
}

func childConfig(dir string) jinzai.Config {
	cfg := pt.Config(dir)
	cfg.Schedule.Jobs = []jinzai.ScheduleJob{{Name: "tick", Cron: "* * * * * *", Steps: []string{"ingest"}}}
	return cfg
}

// SIGTERM while a scheduled job loads a big file: the scheduler rolls the
// batch back, records the run as interrupted, and exits 0; the file stays
// in the inbox.
func TestSIGTERMStopsTheSchedulerCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("spawns a child process; skipped with -short")
	}
	dir := t.TempDir()
	cfg := childConfig(dir)
	big := filepath.Join(pipeline.ResolvePaths(cfg).Inbox, "roster_20240401.csv")
	const rows = 200000
	if err := pt.Write(big, pt.Roster(0, rows)); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestSchedulerChild$")
	cmd.Env = append(os.Environ(), "JINZAI_SCHEDULE_CHILD="+dir)
	out, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 10)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	wait := func(prefix string) {
		t.Helper()
		timeout := time.After(2 * time.Minute)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					t.Fatalf("child ended before %q", prefix)
				}
				if strings.HasPrefix(l, prefix) {
					return
				}
			case <-timeout:
				t.Fatalf("child never printed %q", prefix)
			}
		}
	}
	wait("INGESTING")
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Signal(syscall.SIGTERM)
	wait("STOPPED")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("the scheduler exited with %v after SIGTERM", err)
	}
	if _, err := os.Stat(big); err != nil {
		t.Errorf("the file being loaded left the inbox: %v", err)
	}
	rs := jobRuns(t, cfg)
	if len(rs) != 1 || rs[0].Status != "interrupted" || rs[0].StepFailed != "ingest" {
		t.Fatalf("job_run %+v", rs)
	}
	st, err := ReadStatus(pipeline.ResolvePaths(cfg).Status)
	if err != nil {
		t.Fatal(err)
	}
	if st.Scheduler.State != "stopped" || st.Jobs["tick"].LastStatus != "interrupted" || st.Jobs["tick"].ConsecutiveFailures != 0 {
		t.Errorf("status %+v %+v", st.Scheduler, st.Jobs["tick"])
	}
	// Restarted, it loads the file once.
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var results []Result
	s, err := New(cfg, pipeline.Steps{}, Options{Logger: quiet, OnResult: stopAfter(1, cancel, &results)})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if r := results[0]; r.Status != "succeeded" || r.Report.Landed != 1 {
		t.Fatalf("after restart: %+v", r)
	}
}
