package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/demo"
	"github.com/jinzai-hr/jinzai/store"
)

// demoFiles generates the default demo once per test binary, into a
// folder that TestMain removes at the end (a benchmark's TempDir would go
// after the first benchmark).
var (
	demoManifest *demo.Manifest
	demoDir      string
)

func demoFiles(b *testing.B) demo.Manifest {
	b.Helper()
	if demoManifest == nil {
		dir, err := os.MkdirTemp("", "jinzai-bench-demo-")
		if err != nil {
			b.Fatal(err)
		}
		demoDir = dir
		m, err := demo.Generate(context.Background(), demo.Options{Dir: dir})
		if err != nil {
			b.Fatal(err)
		}
		demoManifest = &m
	}
	return *demoManifest
}

func TestMain(m *testing.M) {
	code := m.Run()
	if demoDir != "" {
		os.RemoveAll(demoDir)
	}
	os.Exit(code)
}

// benchIngest ingests the demo files of the given kinds into a fresh
// in-memory store per iteration, after the prerequisites (not timed), and
// reports rows per second.
func benchIngest(b *testing.B, kinds map[string]bool, prereq map[string]bool) {
	m := demoFiles(b)
	ctx := context.Background()
	rows := 0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		in := New(st, jinzai.DefaultConfig())
		for _, f := range m.Files {
			if prereq[f.Kind] {
				if _, err := in.File(ctx, request(f)); err != nil {
					b.Fatal(err)
				}
			}
		}
		b.StartTimer()
		for _, f := range m.Files {
			if !kinds[f.Kind] {
				continue
			}
			res, err := in.File(ctx, request(f))
			if err != nil {
				b.Fatal(err)
			}
			rows += res.Rows
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
}

func request(f demo.File) Request {
	return Request{Path: f.Path, Kind: Kind(f.Kind), SnapshotDate: f.SnapshotDate, SurveyCode: f.SurveyCode, SurveyDate: f.SurveyDate}
}

func BenchmarkIngestDemoRoster(b *testing.B) {
	benchIngest(b, map[string]bool{"roster": true}, nil)
}

func BenchmarkIngestDemoSurvey(b *testing.B) {
	benchIngest(b, map[string]bool{"survey": true}, map[string]bool{"survey_item": true})
}

func BenchmarkIngestDemoTraining(b *testing.B) {
	benchIngest(b, map[string]bool{"training_record": true}, map[string]bool{"training_course": true})
}

// BenchmarkIngestWholeDemo is the whole default demo, every file.
func BenchmarkIngestWholeDemo(b *testing.B) {
	benchIngest(b, map[string]bool{"roster": true, "survey": true, "survey_item": true, "training_record": true,
		"training_course": true, "assignment": true}, nil)
}

// BenchmarkIngestRoster200k is one 200,000-row UTF-8 roster file.
func BenchmarkIngestRoster200k(b *testing.B) {
	path := filepath.Join(b.TempDir(), "roster_20240401.csv")
	writeRoster(b, path, 200000)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		st, err := store.Open(ctx, "")
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		if _, err := New(st, jinzai.DefaultConfig()).File(ctx, Request{Path: path}); err != nil {
			b.Fatal(err)
		}
		b.StopTimer()
		st.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(200000*b.N)/b.Elapsed().Seconds(), "rows/s")
}
