package dashboards

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// fakeTarball writes a .tgz holding the given files and returns its path.
func fakeTarball(t *testing.T, files map[string]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for name, body := range files {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(body)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "echarts-5.6.0.tgz")
	if err := os.WriteFile(p, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestImportEChartsRefusesATamperedTarball(t *testing.T) {
	tgz := fakeTarball(t, map[string]string{"package/dist/echarts.min.js": "window.echarts = {}; /* tampered */"})
	cache := t.TempDir()
	_, err := ImportECharts(tgz, cache)
	if !errors.Is(err, ErrIntegrity) {
		t.Fatalf("ImportECharts of a tampered tarball: err = %v, want ErrIntegrity", err)
	}
	for _, want := range []string{"一致しません", "does not match", EChartsIntegrity} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q should mention %q (bilingual, with the pinned hash)", err, want)
		}
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("a refused tarball left %d files in the cache", len(entries))
	}
	if _, err := os.Stat(tgz); err != nil {
		t.Errorf("ImportECharts must not delete the file a person copied in: %v", err)
	}
}

func TestImportTarballExtractsTheRuntimeWhenBothHashesMatch(t *testing.T) {
	js := "window.echarts = {version: 'fake'};"
	tgz := fakeTarball(t, map[string]string{"package/package.json": "{}", "package/dist/echarts.min.js": js})
	raw, _ := os.ReadFile(tgz)
	pin := echartsPin{spec: "fake@1", integrity: sri512(raw), member: "package/dist/echarts.min.js", sha256: sha256Hex([]byte(js)), file: "fake.min.js"}
	cache := filepath.Join(t.TempDir(), "new", "cache")
	got, err := importTarball(tgz, cache, pin)
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(got)
	if err != nil || string(b) != js {
		t.Fatalf("extracted %q (%v), want %q", b, err, js)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 1 {
		t.Errorf("cache holds %d files, want only the runtime (no temporary files)", len(entries))
	}
	if err := checkCached(got, pin); err != nil {
		t.Errorf("checkCached of a good file: %v", err)
	}
	if err := os.WriteFile(got, []byte("altered"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := checkCached(got, pin); !errors.Is(err, ErrIntegrity) {
		t.Errorf("checkCached of an altered file: %v, want ErrIntegrity", err)
	}
}

func TestImportTarballRefusesAMemberWithTheWrongHash(t *testing.T) {
	tgz := fakeTarball(t, map[string]string{"package/dist/echarts.min.js": "something else"})
	raw, _ := os.ReadFile(tgz)
	pin := pinnedECharts
	pin.integrity = sri512(raw) // the tarball matches, its content does not
	_, err := importTarball(tgz, t.TempDir(), pin)
	if !errors.Is(err, ErrIntegrity) {
		t.Fatalf("err = %v, want ErrIntegrity", err)
	}
}

func TestImportTarballWithoutTheRuntimeFails(t *testing.T) {
	tgz := fakeTarball(t, map[string]string{"package/README.md": "hi"})
	raw, _ := os.ReadFile(tgz)
	pin := pinnedECharts
	pin.integrity = sri512(raw)
	if _, err := importTarball(tgz, t.TempDir(), pin); err == nil || !strings.Contains(err.Error(), "member not found") {
		t.Fatalf("err = %v, want member not found", err)
	}
}

// requireNPM skips a test that needs npm, except on CI.
func requireNPM(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("npm"); err != nil {
		if onCI() {
			t.Fatalf("npm is missing and CI is set: %v", err)
		}
		t.Skipf("skipping: npm is not installed: %v", err)
	}
}

func TestEnsureEChartsFetchesWithNPMAndThenUsesTheCache(t *testing.T) {
	requireNPM(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	cache := t.TempDir()
	p, err := EnsureECharts(ctx, cache)
	if err != nil {
		t.Fatal(err)
	}
	if p != filepath.Join(cache, EChartsFile) {
		t.Errorf("path %s, want %s", p, filepath.Join(cache, EChartsFile))
	}
	if err := checkCached(p, pinnedECharts); err != nil {
		t.Fatal(err)
	}
	// A second call must not need npm.
	t.Setenv("PATH", t.TempDir())
	if p2, err := EnsureECharts(ctx, cache); err != nil || p2 != p {
		t.Fatalf("cached EnsureECharts = %s, %v", p2, err)
	}
}

func TestEnsureEChartsRefusesADownloadThatDoesNotMatchThePin(t *testing.T) {
	requireNPM(t)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	pin := pinnedECharts
	pin.integrity = "sha512-" + strings.Repeat("A", 86) + "=="
	cache := t.TempDir()
	_, err := ensureECharts(ctx, cache, pin)
	if !errors.Is(err, ErrIntegrity) {
		t.Fatalf("err = %v, want ErrIntegrity", err)
	}
	if entries, _ := os.ReadDir(cache); len(entries) != 0 {
		t.Errorf("a refused download left %d files in the cache", len(entries))
	}
}

func TestDefaultCacheDirFollowsTheEnvironment(t *testing.T) {
	t.Setenv("JINZAI_CACHE_DIR", "/somewhere/cache")
	if d, err := DefaultCacheDir(); err != nil || d != "/somewhere/cache" {
		t.Errorf("DefaultCacheDir = %s, %v", d, err)
	}
	t.Setenv("JINZAI_CACHE_DIR", "")
	d, err := DefaultCacheDir()
	if err == nil && filepath.Base(d) != "jinzai" {
		t.Errorf("DefaultCacheDir = %s, want a jinzai folder in the user cache", d)
	}
}
