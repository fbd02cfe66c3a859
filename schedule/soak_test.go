package schedule

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/pipeline"
	pt "github.com/jinzai-hr/jinzai/pipeline/pipelinetest"
	"github.com/jinzai-hr/jinzai/store"
)

// TestSoak runs 200 scheduled runs (a fake clock: an ingest job every
// minute, a full ingest + transform every 20 minutes) while files arrive
// between the runs and, from another goroutine, during them: new rosters,
// re-sent duplicates, bad files, and bad files corrected and put back. At
// the end every file has landed once or is in quarantine, no row is
// duplicated, and the Go heap has not grown.
//
//	JINZAI_SOAK=1 go test -run Soak -timeout 30m -v ./schedule/
func TestSoak(t *testing.T) {
	if os.Getenv("JINZAI_SOAK") != "1" {
		t.Skip("soak test: JINZAI_SOAK=1 go test -run Soak -timeout 30m -v ./schedule/")
	}
	const runs = 200
	cfg := pt.Config(t.TempDir())
	cfg.Schedule.Jobs = []jinzai.ScheduleJob{
		{Name: "ingest", Cron: "0 * * * * *", Steps: []string{"ingest"}},
		{Name: "full", Cron: "30 */20 * * * *", Steps: []string{"ingest", "transform"}},
	}
	cfg.Schedule.MaxRetries = 0
	paths := pipeline.ResolvePaths(cfg)
	staging := filepath.Join(filepath.Dir(cfg.DB), "staging")
	os.MkdirAll(staging, 0o755)
	os.MkdirAll(paths.Inbox, 0o755)

	// The ledger of every file sent.
	type sent struct {
		name  string
		hash  string
		kind  string // good | duplicate | bad
		first int    // good: the roster is pt.Roster(first, rows)
		rows  int
	}
	var (
		mu     sync.Mutex
		ledger []sent
		goods  []sent
		seq    int
		rng    = rand.New(rand.NewPCG(1, 2))
		badFor []string // names of bad rosters to correct later
	)
	day := time.Date(2020, 4, 1, 0, 0, 0, 0, time.UTC)
	// deliver puts a file in the inbox the way a copy to a share should
	// end: written beside it, then renamed in. A name still waiting in the
	// inbox is not overwritten (the file is not sent).
	deliver := func(s sent, content []byte) bool {
		dst := filepath.Join(paths.Inbox, s.name)
		if _, err := os.Stat(dst); err == nil {
			return false
		}
		tmp := filepath.Join(staging, strconv.Itoa(seq))
		seq++
		if err := os.WriteFile(tmp, content, 0o644); err != nil {
			t.Error(err)
			return false
		}
		if err := os.Rename(tmp, dst); err != nil {
			t.Error(err)
			return false
		}
		sum := sha256.Sum256(content)
		s.hash = hex.EncodeToString(sum[:])
		ledger = append(ledger, s)
		if s.kind == "good" {
			goods = append(goods, s)
		}
		return true
	}
	good := func(name string, n int) bool {
		first := seq * 1000
		return deliver(sent{name: name, kind: "good", first: first, rows: n}, pt.Roster(first, n))
	}
	newGood := func() {
		name := "roster_" + day.Format("20060102") + ".csv"
		day = day.AddDate(0, 0, 1)
		good(name, 50+rng.IntN(300))
	}
	arrive := func() {
		mu.Lock()
		defer mu.Unlock()
		switch r := rng.IntN(10); {
		case r < 4:
			newGood()
		case r < 6 && len(goods) > 0:
			g := goods[rng.IntN(len(goods))]
			name := g.name // re-sent under its own name …
			if rng.IntN(2) == 0 {
				name = fmt.Sprintf("resend_%03d_%s", seq, g.name) // … or another
			}
			deliver(sent{name: name, kind: "duplicate"}, pt.Roster(g.first, g.rows))
		case r < 7:
			name := "roster_" + day.Format("20060102") + ".csv"
			day = day.AddDate(0, 0, 1)
			if deliver(sent{name: name, kind: "bad"}, pt.BadRoster(40+rng.IntN(40))) {
				badFor = append(badFor, name)
			}
		case r < 8:
			deliver(sent{name: fmt.Sprintf("memo_%03d.csv", seq), kind: "bad"}, []byte("メモ,日付\nこんにちは,2024-01-01\n"))
		case r < 9 && len(badFor) > 0:
			// A person corrected a quarantined roster and put it back.
			if good(badFor[0], 60+rng.IntN(100)) {
				badFor = badFor[1:]
			}
		}
	}

	var steps pipeline.Steps
	steps.Transform = pipeline.TransformStep(cfg)
	var (
		results []Result
		heap    []uint64
		rss     []uint64
		ms      runtime.MemStats
	)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	stopDropper := make(chan struct{})
	var dropper sync.WaitGroup
	dropper.Add(1)
	go func() { // files arriving while runs are in progress
		defer dropper.Done()
		for {
			select {
			case <-stopDropper:
				return
			case <-time.After(150 * time.Millisecond):
				arrive()
			}
		}
	}()
	opt := Options{Clock: NewFakeClock(time.Date(2024, 4, 1, 8, 0, 0, 0, pipeline.Location(cfg))), Logger: quiet, Heartbeat: time.Hour,
		OnResult: func(r Result) {
			results = append(results, r)
			if r.Status != pipeline.StatusSucceeded {
				t.Errorf("run %d (%s) %s: %v", len(results), r.Job, r.Status, r.Err)
			}
			arrive()
			runtime.GC()
			runtime.ReadMemStats(&ms)
			heap = append(heap, ms.HeapAlloc)
			rss = append(rss, residentBytes())
			if len(results) == runs-1 {
				close(stopDropper)
				dropper.Wait()
			}
			if len(results) >= runs {
				cancel()
			}
		}}
	s, err := New(cfg, steps, opt)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	if err := s.Run(ctx); err != nil {
		t.Fatal(err)
	}
	elapsed := time.Since(start)
	// The last arrivals are taken by one more run.
	rep, err := pipeline.RunWith(context.Background(), cfg, steps, pipeline.Options{Job: "final", Logger: quiet})
	if err != nil {
		t.Fatal(err)
	}

	// Every file has left the inbox.
	if left, _ := os.ReadDir(paths.Inbox); len(left) != 0 {
		t.Errorf("%d files left in the inbox", len(left))
	}
	count := map[string]int{}
	rows := 0
	for _, l := range ledger {
		count[l.kind]++
		if l.kind == "good" {
			rows += l.rows
		}
	}
	st, err := store.Open(context.Background(), cfg.DB)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	q := func(query string, args ...any) int {
		var n int
		if err := st.DB().QueryRow(query, args...).Scan(&n); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		return n
	}
	// Every good file landed exactly once.
	for _, g := range goods {
		if n := q(`SELECT count(*) FROM ingest_batch WHERE content_hash = ?`, g.hash); n != 1 {
			t.Errorf("%s: %d batches, want 1", g.name, n)
		}
	}
	if n := q(`SELECT count(*) FROM ingest_batch`); n != count["good"] {
		t.Errorf("%d batches for %d distinct good files", n, count["good"])
	}
	if n := q(`SELECT count(*) FROM ingest_batch WHERE status <> 'loaded'`); n != 0 {
		t.Errorf("%d batches superseded", n)
	}
	if n := q(`SELECT count(*) FROM roster`); n != rows {
		t.Errorf("roster rows %d, want %d", n, rows)
	}
	if n := q(`SELECT count(*) FROM (SELECT snapshot_date, employee_id FROM roster GROUP BY ALL HAVING count(*) > 1)`); n != 0 {
		t.Errorf("%d duplicated roster rows", n)
	}
	// Duplicates and good files are archived, bad ones quarantined with a note.
	archived, quarantined, notes := 0, 0, 0
	filepath.WalkDir(paths.Archive, func(p string, d os.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			archived++
		}
		return nil
	})
	qs, _ := os.ReadDir(paths.Quarantine)
	for _, e := range qs {
		if strings.HasSuffix(e.Name(), ".error.txt") {
			notes++
		} else {
			quarantined++
		}
	}
	if archived != count["good"]+count["duplicate"] || quarantined != count["bad"] || notes != count["bad"] {
		t.Errorf("archived %d (want %d), quarantined %d and %d notes (want %d)", archived, count["good"]+count["duplicate"], quarantined, notes, count["bad"])
	}
	if n := q(`SELECT count(*) FROM job_run WHERE status <> 'succeeded'`); n != 0 {
		t.Errorf("%d runs did not succeed", n)
	}
	if n := q(`SELECT count(*) FROM job_run`); n != runs+1 {
		t.Errorf("%d job_run rows, want %d", n, runs+1)
	}
	full := 0
	for _, r := range results {
		if r.Job == "full" {
			full++
		}
	}
	mb := func(b uint64) string { return fmt.Sprintf("%.1f MB", float64(b)/(1<<20)) }
	maxOf := func(xs []uint64) uint64 {
		m := xs[0]
		for _, x := range xs {
			m = max(m, x)
		}
		return m
	}
	t.Logf("%d scheduled runs (%d with transform) + 1 final in %s; %d files sent: %d good (%d rows), %d duplicates, %d bad; final run took %d",
		len(results), full, elapsed.Round(time.Second), len(ledger), count["good"], rows, count["duplicate"], count["bad"], rep.Taken)
	t.Logf("Go heap after GC: first %s, last %s, max %s", mb(heap[0]), mb(heap[len(heap)-1]), mb(maxOf(heap)))
	if rss[0] > 0 {
		t.Logf("process RSS (Go + DuckDB): first %s, last %s, max %s; at runs 50/100/150/200: %s %s %s %s", mb(rss[0]), mb(rss[len(rss)-1]), mb(maxOf(rss)),
			mb(rss[len(rss)/4-1]), mb(rss[len(rss)/2-1]), mb(rss[3*len(rss)/4-1]), mb(rss[len(rss)-1]))
	}
	// Steady: after warming up, the live heap does not grow run after run.
	warm := heap[len(heap)/10]
	if last := heap[len(heap)-1]; last > warm+16<<20 {
		t.Errorf("the Go heap grew from %s (run %d) to %s", mb(warm), len(heap)/10, mb(last))
	}
}

// residentBytes is the process's resident set (Linux; 0 elsewhere).
func residentBytes() uint64 {
	b, err := os.ReadFile("/proc/self/statm")
	if err != nil {
		return 0
	}
	f := strings.Fields(string(b))
	if len(f) < 2 {
		return 0
	}
	pages, _ := strconv.ParseUint(f[1], 10, 64)
	return pages * uint64(os.Getpagesize())
}
