//go:build !windows

package pipeline

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai/pipeline/lock"
	pt "github.com/jinzai-hr/jinzai/pipeline/pipelinetest"
)

// The child processes of these tests are this test binary, started with
// JINZAI_PIPELINE_CHILD set; TestChildProcess is their entry point.
func TestChildProcess(t *testing.T) {
	mode := os.Getenv("JINZAI_PIPELINE_CHILD")
	if mode == "" {
		t.Skip("entry point of the child processes of other tests")
	}
	dir := os.Getenv("JINZAI_PIPELINE_DIR")
	cfg := pt.Config(dir)
	switch mode {
	case "lock":
		// Take the run lock and hold it until killed.
		if _, err := lock.Acquire(ResolvePaths(cfg).Lock, lock.Info{PID: os.Getpid(), Job: "child", Started: time.Now()}); err != nil {
			fmt.Println("ERROR", err)
			os.Exit(3)
		}
		fmt.Println("LOCKED")
		select {}
	case "run":
		// `jinzai run` as the CLI runs it: SIGTERM or SIGINT cancel the run,
		// and an interrupted run exits 0.
		ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
		defer stop()
		opt := Options{Logger: quiet, BeforeFile: func(path string) { fmt.Println("INGESTING", filepath.Base(path)) }}
		rep, err := RunWith(ctx, cfg, Steps{}, opt)
		fmt.Println("STATUS", rep.Status, rep.StepFailed)
		if err != nil && !Interrupted(err) {
			fmt.Println("ERROR", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	t.Fatalf("unknown child mode %q", mode)
}

// child starts this test binary as a child process and returns a channel
// of its output lines.
func child(t *testing.T, mode, dir string) (*exec.Cmd, <-chan string) {
	t.Helper()
	if testing.Short() {
		t.Skip("spawns child processes; skipped with -short")
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestChildProcess$", "-test.v=false")
	cmd.Env = append(os.Environ(), "JINZAI_PIPELINE_CHILD="+mode, "JINZAI_PIPELINE_DIR="+dir)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		io.Copy(io.Discard, out)
		close(lines)
	}()
	return cmd, lines
}

// await waits for a line starting with prefix.
func await(t *testing.T, lines <-chan string, prefix string) string {
	t.Helper()
	timeout := time.After(2 * time.Minute)
	for {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("the child ended before printing %q", prefix)
			}
			if strings.HasPrefix(l, prefix) {
				return l
			}
		case <-timeout:
			t.Fatalf("the child never printed %q", prefix)
		}
	}
}

// Another process holding the lock refuses a run; when it is killed the
// kernel drops its lock, and the next run needs no repair.
func TestARunIsRefusedWhileAnotherProcessHoldsTheLock(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	cmd, lines := child(t, "lock", dir)
	await(t, lines, "LOCKED")
	_, err := RunWith(context.Background(), cfg, Steps{}, runOpts())
	if !Busy(err) || !strings.Contains(err.Error(), fmt.Sprintf("(PID %d, 開始 ", cmd.Process.Pid)) {
		t.Fatalf("err = %v, want the child's PID", err)
	}
	cmd.Process.Kill() // SIGKILL: no chance to unlock
	cmd.Wait()
	if _, err := RunWith(context.Background(), cfg, Steps{}, runOpts()); err != nil {
		t.Fatalf("after the holder was killed: %v", err)
	}
}

const bigRows = 200000

// bigInbox puts a small roster and a big one (loaded second) in the inbox.
func bigInbox(t *testing.T, dir string) (small, big string) {
	p := ResolvePaths(pt.Config(dir))
	small, big = filepath.Join(p.Inbox, "roster_20230401.csv"), filepath.Join(p.Inbox, "roster_20240401.csv")
	put(t, small, pt.Roster(0, 20))
	put(t, big, pt.Roster(0, bigRows))
	return small, big
}

// SIGTERM in the middle of a batch: the child rolls the batch back and
// exits 0; the database has the earlier file whole and nothing of the big
// one, which is still in the inbox; job_run says interrupted.
func TestSIGTERMMidIngestRollsBackAndExitsZero(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	small, big := bigInbox(t, dir)
	cmd, lines := child(t, "run", dir)
	await(t, lines, "INGESTING roster_20240401.csv")
	time.Sleep(200 * time.Millisecond)
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	status := await(t, lines, "STATUS")
	if err := cmd.Wait(); err != nil {
		t.Fatalf("child exit: %v (%s)", err, status)
	}
	if status != "STATUS interrupted ingest" {
		t.Errorf("child reported %q", status)
	}
	if _, err := os.Stat(big); err != nil {
		t.Errorf("the file being loaded left the inbox: %v", err)
	}
	if _, err := os.Stat(small); err == nil {
		t.Error("the file loaded before the signal was not archived")
	}
	if n := query(t, cfg, `SELECT count(*) FROM roster WHERE snapshot_date = DATE '2024-04-01'`); n != 0 && n != bigRows {
		t.Fatalf("%d rows of the interrupted batch: the database is half-written", n)
	}
	if n := query(t, cfg, `SELECT count(*) FROM roster WHERE snapshot_date = DATE '2024-04-01'`); n != 0 {
		t.Errorf("the interrupted batch committed %d rows though its file is still in the inbox", n)
	}
	if n := query(t, cfg, `SELECT count(*) FROM roster`); n != 20 {
		t.Errorf("roster rows %d, want the 20 of the small file", n)
	}
	if n := query(t, cfg, `SELECT count(*) FROM ingest_batch`); n != 1 {
		t.Errorf("%d batches, want 1", n)
	}
	rs := runs(t, cfg)
	if len(rs) != 1 || rs[0].Status != StatusInterrupted || rs[0].StepFailed != StepIngest || rs[0].Landed != 1 {
		t.Errorf("job_run: %+v", rs)
	}
}

// SIGKILL in the middle of a batch, then a restart: no manual repair; the
// killed run's row is marked interrupted, and the file lands exactly once.
func TestSIGKILLMidIngestThenRestartLoadsTheFileOnce(t *testing.T) {
	dir := t.TempDir()
	cfg := pt.Config(dir)
	_, big := bigInbox(t, dir)
	cmd, lines := child(t, "run", dir)
	await(t, lines, "INGESTING roster_20240401.csv")
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Kill()
	cmd.Wait()
	if _, err := os.Stat(big); err != nil {
		t.Fatalf("the file being loaded left the inbox: %v", err)
	}

	rep, err := RunWith(context.Background(), cfg, Steps{}, runOpts())
	if err != nil {
		t.Fatalf("restart: %v", err)
	}
	if rep.Landed != 1 || rep.Taken != 1 {
		t.Errorf("restart report: %+v", rep)
	}
	if n := query(t, cfg, `SELECT count(*) FROM roster WHERE snapshot_date = DATE '2024-04-01'`); n != bigRows {
		t.Errorf("roster rows of the big file %d, want %d", n, bigRows)
	}
	if n := query(t, cfg, `SELECT count(DISTINCT employee_id) FROM roster WHERE snapshot_date = DATE '2024-04-01'`); n != bigRows {
		t.Errorf("distinct staff %d, want %d", n, bigRows)
	}
	if n := query(t, cfg, `SELECT count(*) FROM ingest_batch WHERE status = 'loaded' AND path LIKE '%roster_20240401.csv'`); n != 1 {
		t.Errorf("%d loaded batches of the big file, want 1", n)
	}
	rs := runs(t, cfg)
	if len(rs) != 2 || rs[1].Status != StatusInterrupted || rs[0].Status != StatusSucceeded {
		t.Fatalf("job_run: %+v", rs)
	}
	if !strings.Contains(rs[1].Error, "SIGKILL") || rs[1].Finished.IsZero() {
		t.Errorf("interrupted row: %+v", rs[1])
	}
}
