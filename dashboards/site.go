// Package dashboards writes the management dashboards: a folder of static
// HTML pages, drawn with ECharts from the marts, that open by double-click
// from a file share with no network and print on A4 landscape.
//
// A page is data: SQL queries over the marts plus chart declarations
// (Chart, Table, Page). Build runs the queries, renders every chart with
// go-echarts into pages that embed their numbers, and swaps the finished
// site into place, keeping earlier sites as dated snapshots.
package dashboards

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"
)

// Options configure Build.
type Options struct {
	// OutDir is the site folder. It is replaced whole on success.
	OutDir string
	// Organisation is printed on every page.
	Organisation string
	// Keep is how many previous sites to keep as snapshots (default 5;
	// negative keeps none).
	Keep int
	// CacheDir holds the ECharts runtime (DefaultCacheDir when empty).
	CacheDir string
	// EChartsJS is the runtime to ship; empty means EnsureECharts(CacheDir).
	EChartsJS string
	// Pages to write; nil means DefaultPages().
	Pages []Page
	// OrgCode, for a named organisation of a shared database, adds the
	// 他団体との比較 section to the overview (WithPeers); NamedPeers adds
	// the figures of its configured named peers.
	OrgCode    string
	NamedPeers bool
	// Now stamps the pages and names the snapshot (time.Now when nil).
	Now func() time.Time
}

// Site is a written site.
type Site struct {
	Dir      string     // OutDir
	Pages    []PageFile // every page written, departments included
	Snapshot string     // where the previous site was moved; "" when there was none
	Built    time.Time
}

// PageFile is one written page.
type PageFile struct {
	Slug, Title string
	File        string // relative to Dir
	Bytes       int64
}

// SnapshotDir is where the sites replaced by OutDir are kept: a sibling
// folder "<name>-snapshots" holding one folder per build, named by the
// time the site was replaced (20060102-150405).
func SnapshotDir(outDir string) string {
	outDir = filepath.Clean(outDir)
	return filepath.Join(filepath.Dir(outDir), filepath.Base(outDir)+"-snapshots")
}

// Build runs every page's queries and writes the site. The site is written
// into a temporary folder beside OutDir and renamed into place only when
// complete; the previous site moves to SnapshotDir(OutDir). A failed build
// (a query error, a forbidden query, a missing ECharts runtime) returns an
// error and leaves the previous site untouched.
func Build(ctx context.Context, db *sql.DB, opt Options) (Site, error) {
	if opt.OutDir == "" {
		return Site{}, errors.New("dashboards: OutDir is empty")
	}
	out, err := filepath.Abs(opt.OutDir)
	if err != nil {
		return Site{}, err
	}
	if opt.Keep == 0 {
		opt.Keep = 5
	}
	now := time.Now
	if opt.Now != nil {
		now = opt.Now
	}
	pages := opt.Pages
	if pages == nil {
		pages = DefaultPages()
	}
	if opt.OrgCode != "" {
		if pages, err = WithPeers(pages, opt.OrgCode, opt.NamedPeers); err != nil {
			return Site{}, err
		}
	}
	if err := validatePages(pages); err != nil {
		return Site{}, err
	}
	runtime := opt.EChartsJS
	if runtime == "" {
		if runtime, err = EnsureECharts(ctx, opt.CacheDir); err != nil {
			return Site{}, err
		}
	}
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		return Site{}, err
	}
	tmp, err := os.MkdirTemp(filepath.Dir(out), "."+filepath.Base(out)+".building-")
	if err != nil {
		return Site{}, err
	}
	built := now()
	site, err := writeSite(ctx, db, tmp, runtime, pages, opt.Organisation, built)
	if err == nil {
		err = ctx.Err()
	}
	if err != nil {
		os.RemoveAll(tmp)
		return Site{}, err
	}
	if err := os.Chmod(tmp, 0o755); err != nil {
		os.RemoveAll(tmp)
		return Site{}, err
	}
	snap, err := swapIn(tmp, out, built)
	if err != nil {
		os.RemoveAll(tmp)
		return Site{}, err
	}
	site.Dir, site.Snapshot, site.Built = out, snap, built
	if err := pruneSnapshots(SnapshotDir(out), opt.Keep); err != nil {
		return site, fmt.Errorf("site written; removing old snapshots: %w", err)
	}
	return site, nil
}

func validatePages(pages []Page) error {
	slugs := map[string]bool{}
	hasIndex := false
	for _, p := range pages {
		if err := p.Validate(); err != nil {
			return err
		}
		if slugs[p.Slug] {
			return fmt.Errorf("page slug %s used twice", p.Slug)
		}
		slugs[p.Slug] = true
		hasIndex = hasIndex || p.Slug == "index"
	}
	if !hasIndex {
		return errors.New("no page has the slug index (the page a user opens first)")
	}
	return nil
}

// swapIn renames the finished site to out, first moving an existing site
// to the snapshots folder. If the second rename fails the old site is put
// back.
func swapIn(tmp, out string, built time.Time) (string, error) {
	snap := ""
	if _, err := os.Stat(out); err == nil {
		dir := SnapshotDir(out)
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return "", err
		}
		base := built.Format("20060102-150405")
		snap = filepath.Join(dir, base)
		for i := 2; ; i++ {
			if _, err := os.Stat(snap); errors.Is(err, fs.ErrNotExist) {
				break
			}
			snap = filepath.Join(dir, fmt.Sprintf("%s-%d", base, i))
		}
		if err := os.Rename(out, snap); err != nil {
			return "", fmt.Errorf("前回のサイトを移動できません。フォルダを開いているプログラムを閉じてください (cannot move the previous site %s): %w", out, err)
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return "", err
	}
	if err := os.Rename(tmp, out); err != nil {
		if snap != "" {
			if rerr := os.Rename(snap, out); rerr != nil {
				err = errors.Join(err, fmt.Errorf("restore previous site from %s: %w", snap, rerr))
			}
		}
		return "", err
	}
	return snap, nil
}

var reSnapshot = regexp.MustCompile(`^[0-9]{8}-[0-9]{6}(-[0-9]+)?$`)

// pruneSnapshots keeps the newest keep snapshots (by name, which sorts by
// time) and removes the rest; keep < 0 removes them all.
func pruneSnapshots(dir string, keep int) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	var names []string
	for _, e := range entries {
		if e.IsDir() && reSnapshot.MatchString(e.Name()) {
			names = append(names, e.Name())
		}
	}
	sort.Slice(names, func(i, j int) bool { return snapshotLess(names[j], names[i]) }) // newest first
	keep = max(keep, 0)
	var errs []error
	for i := keep; i < len(names); i++ {
		errs = append(errs, os.RemoveAll(filepath.Join(dir, names[i])))
	}
	return errors.Join(errs...)
}

// snapshotLess orders snapshot names by time, then by their -N suffix.
func snapshotLess(a, b string) bool {
	if a[:15] != b[:15] {
		return a[:15] < b[:15]
	}
	if len(a) != len(b) {
		return len(a) < len(b)
	}
	return a < b
}

// fileSlug makes a department code safe as part of a file name: codes of
// letters, digits, - and _ are kept; anything else becomes a short hash.
func fileSlug(code string) string {
	if len(code) > 0 && len(code) <= 40 && reID.MatchString(code) {
		return code
	}
	sum := sha256.Sum256([]byte(code))
	return "x" + hex.EncodeToString(sum[:6])
}
