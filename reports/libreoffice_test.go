package reports

import (
	"context"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

// screenshotDir is $JINZAI_SCREENSHOTS or <repo>/screenshots.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("JINZAI_SCREENSHOTS"); d != "" {
		return d
	}
	d, err := filepath.Abs(filepath.Join("..", "screenshots"))
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// requireTool finds a command; a missing one skips the test, or fails it
// when CI=true (the CI image must carry it).
func requireTool(t *testing.T, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	msg := strings.Join(names, " / ") + " is not installed (apt-get install -y --no-install-recommends libreoffice-calc poppler-utils fonts-noto-cjk)"
	if os.Getenv("CI") == "true" {
		t.Fatal(msg)
	}
	t.Skip(msg)
	return ""
}

// TestLibreOfficePrintsTheWorkbook converts both editions to PDF with
// LibreOffice (as a user printing the report would) and renders the first
// two pages to PNG in the screenshots folder. The pages must be A4
// landscape.
func TestLibreOfficePrintsTheWorkbook(t *testing.T) {
	soffice := requireTool(t, "soffice", "libreoffice")
	pdftoppm := requireTool(t, "pdftoppm")
	shots := screenshotDir(t)
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	st := openFixture(t)
	tmp := t.TempDir()
	profile := filepath.Join(tmp, "lo-profile")
	for _, audience := range []string{AudienceManagement, AudienceHR} {
		xlsx := filepath.Join(tmp, "report-"+audience+".xlsx")
		if err := Write(context.Background(), st.DB(), Options{Path: xlsx, FiscalYear: 2026, Audience: audience, Organisation: fixtureOrg, Now: fixtureNow}); err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
		cmd := exec.CommandContext(ctx, soffice, "-env:UserInstallation=file://"+filepath.ToSlash(profile),
			"--headless", "--norestore", "--convert-to", "pdf", "--outdir", tmp, xlsx)
		out, err := cmd.CombinedOutput()
		cancel()
		pdf := strings.TrimSuffix(xlsx, ".xlsx") + ".pdf"
		if _, serr := os.Stat(pdf); err != nil || serr != nil {
			t.Fatalf("soffice: %v %v\n%s", err, serr, out)
		}
		prefix := filepath.Join(shots, "report-"+audience)
		old, _ := filepath.Glob(prefix + "-*.png")
		for _, o := range old {
			os.Remove(o)
		}
		if out, err := exec.Command(pdftoppm, "-png", "-r", "60", "-f", "1", "-l", "2", pdf, prefix).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v\n%s", err, out)
		}
		pages, _ := filepath.Glob(prefix + "-*.png")
		sort.Strings(pages)
		if len(pages) != 2 {
			t.Fatalf("rendered %v, want 2 pages", pages)
		}
		for _, p := range pages {
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			cfg, err := png.DecodeConfig(f)
			f.Close()
			if err != nil {
				t.Fatal(err)
			}
			// A4 landscape at 60 dpi is about 701 × 496 pixels
			if cfg.Width <= cfg.Height || cfg.Width < 690 || cfg.Width > 710 {
				t.Errorf("%s is %d×%d, want A4 landscape", p, cfg.Width, cfg.Height)
			}
		}
		t.Logf("%s: %s", audience, strings.Join(pages, ", "))
	}
}
