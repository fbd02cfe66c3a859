package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/store"
)

// writeRoster writes a valid roster of n staff for 2024-04-01.
func writeRoster(t testing.TB, path string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("職員番号,生年月日,性別,採用年月日,部名,職層,職種,任用形態\n")
	for i := 0; i < n; i++ {
		birth := 1965 + i%30
		fmt.Fprintf(&b, "%06d,%d-%02d-%02d,%s,%d-04-01,部%02d,主事,一般事務,常勤\n",
			i, birth, 1+i%12, 1+i%28, []string{"男", "女"}[i%2], birth+22+i%5, i%20)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestAKilledIngestLeavesTheDatabaseAsItWas runs an ingest in a child
// process, kills it with SIGKILL in the middle of the batch, and checks
// that the database reopens with exactly the state before that batch.
func TestAKilledIngestLeavesTheDatabaseAsItWas(t *testing.T) {
	if db := os.Getenv("JINZAI_TEST_KILL_DB"); db != "" {
		killChild(db, os.Getenv("JINZAI_TEST_KILL_FILE"))
		return
	}
	if testing.Short() {
		t.Skip("spawns a child process; skipped with -short")
	}
	ctx := context.Background()
	dir := t.TempDir()
	dbPath := filepath.Join(dir, "j.duckdb")
	st, err := store.Open(ctx, dbPath)
	if err != nil {
		t.Fatal(err)
	}
	in := New(st, jinzai.DefaultConfig())
	mustIngest(t, in, Request{Path: fixturePath("roster_20230401.csv")})
	before := tableCounts(t, st)
	st.Close()

	big := filepath.Join(dir, "roster_20240401.csv")
	writeRoster(t, big, 50000)
	cmd := exec.Command(os.Args[0], "-test.run=^TestAKilledIngestLeavesTheDatabaseAsItWas$")
	cmd.Env = append(os.Environ(), "JINZAI_TEST_KILL_DB="+dbPath, "JINZAI_TEST_KILL_FILE="+big)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	mid := make(chan bool, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if sc.Text() == "MIDBATCH" {
				mid <- true
				return
			}
		}
		mid <- false
	}()
	select {
	case ok := <-mid:
		if !ok {
			cmd.Wait()
			t.Fatal("the child ended without reaching the middle of the batch")
		}
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		t.Fatal("the child never reached the middle of the batch")
	}
	if err := cmd.Process.Kill(); err != nil { // SIGKILL
		t.Fatal(err)
	}
	cmd.Wait()

	st, err = store.Open(ctx, dbPath)
	if err != nil {
		t.Fatalf("reopen after SIGKILL: %v", err)
	}
	defer st.Close()
	after := tableCounts(t, st)
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s: %d rows before the killed batch, %d after", k, v, after[k])
		}
	}
	res := mustIngest(t, New(st, jinzai.DefaultConfig()), Request{Path: big})
	if res.Loaded != 50000 {
		t.Fatalf("re-ingest after the kill loaded %d rows, want 50000", res.Loaded)
	}
}

// killChild ingests file and stops forever in the middle of the batch,
// after telling the parent, which then kills it.
func killChild(dbPath, file string) {
	st, err := store.Open(context.Background(), dbPath)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(3)
	}
	in := New(st, jinzai.DefaultConfig())
	in.onRow = func(rows int) {
		if rows == 30000 {
			fmt.Println("MIDBATCH")
			select {}
		}
	}
	_, err = in.File(context.Background(), Request{Path: file})
	fmt.Fprintln(os.Stderr, "child finished, which it should not:", err)
	os.Exit(4)
}
