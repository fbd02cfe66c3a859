package dashboards

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/jinzai-hr/jinzai"
	"github.com/jinzai-hr/jinzai/demo"
	"github.com/jinzai-hr/jinzai/ingest"
	"github.com/jinzai-hr/jinzai/store"
	"github.com/jinzai-hr/jinzai/transform"
)

// chromiumPath is Debian's headless-capable Chromium ($JINZAI_CHROMIUM
// overrides). Without it the browser test is skipped, except on CI, where
// it fails: a CI run must prove the pages draw.
func chromiumPath(t *testing.T) string {
	t.Helper()
	bin := "/usr/bin/chromium"
	if p := os.Getenv("JINZAI_CHROMIUM"); p != "" {
		bin = p
	}
	if _, err := os.Stat(bin); err != nil {
		if onCI() {
			t.Fatalf("%s is missing and CI is set: install it (apt-get install -y chromium); the browser test must run on CI", bin)
		}
		t.Skipf("skipping: %s (chromium) is not installed; apt-get install -y chromium to run the browser test", bin)
	}
	return bin
}

func onCI() bool {
	v := strings.ToLower(os.Getenv("CI"))
	return v != "" && v != "false" && v != "0"
}

// screenshotsDir is $JINZAI_SCREENSHOTS, or screenshots/ at the module root
// (ignored by git).
func screenshotsDir(t *testing.T) string {
	t.Helper()
	dir := os.Getenv("JINZAI_SCREENSHOTS")
	if dir == "" {
		wd, err := os.Getwd()
		if err != nil {
			t.Fatal(err)
		}
		root := wd
		for {
			if _, err := os.Stat(filepath.Join(root, "go.mod")); err == nil {
				break
			}
			parent := filepath.Dir(root)
			if parent == root {
				root = wd
				break
			}
			root = parent
		}
		dir = filepath.Join(root, "screenshots")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

// echartsForTest returns the real ECharts runtime, fetched with npm into
// the user's cache on first use. Without npm the test is skipped (not on CI).
func echartsForTest(t *testing.T, ctx context.Context) string {
	t.Helper()
	p, err := EnsureECharts(ctx, "")
	if err != nil {
		var notFound *exec.Error
		if errors.As(err, &notFound) && !onCI() {
			t.Skipf("skipping: npm is not installed and %s is not cached: %v", EChartsFile, err)
		}
		t.Fatal(err)
	}
	return p
}

// pageRecord collects what the browser reports while a page loads.
type pageRecord struct {
	mu         sync.Mutex
	loaded     bool
	urls       map[string]string // request id → URL
	offline    []string          // requests for anything but file: and data:
	failed     []string
	exceptions []string
	console    []string
	dialogs    []string
}

func (r *pageRecord) reset() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.loaded = false
	r.urls = map[string]string{}
	r.offline, r.failed, r.exceptions, r.console, r.dialogs = nil, nil, nil, nil, nil
}

func (r *pageRecord) isLoaded() bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.loaded
}

func (r *pageRecord) record(b *browser, session string, m cdpMessage) {
	if m.SessionID != session {
		return
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	switch m.Method {
	case "Page.loadEventFired":
		r.loaded = true
	case "Network.requestWillBeSent":
		var p struct {
			RequestID string `json:"requestId"`
			Request   struct {
				URL string `json:"url"`
			} `json:"request"`
		}
		if json.Unmarshal(m.Params, &p) == nil {
			r.urls[p.RequestID] = p.Request.URL
			if !strings.HasPrefix(p.Request.URL, "file:") && !strings.HasPrefix(p.Request.URL, "data:") {
				r.offline = append(r.offline, p.Request.URL)
			}
		}
	case "Network.loadingFailed":
		var p struct {
			RequestID string `json:"requestId"`
			ErrorText string `json:"errorText"`
		}
		if json.Unmarshal(m.Params, &p) == nil {
			r.failed = append(r.failed, r.urls[p.RequestID]+": "+p.ErrorText)
		}
	case "Runtime.exceptionThrown":
		var p struct {
			Details struct {
				Text      string `json:"text"`
				Exception struct {
					Description string `json:"description"`
				} `json:"exception"`
			} `json:"exceptionDetails"`
		}
		if json.Unmarshal(m.Params, &p) == nil {
			r.exceptions = append(r.exceptions, p.Details.Text+" "+p.Details.Exception.Description)
		}
	case "Runtime.consoleAPICalled":
		var p struct {
			Type string `json:"type"`
			Args []struct {
				Value       any    `json:"value"`
				Description string `json:"description"`
			} `json:"args"`
		}
		if json.Unmarshal(m.Params, &p) == nil && (p.Type == "error" || p.Type == "assert") {
			var parts []string
			for _, a := range p.Args {
				parts = append(parts, fmt.Sprint(a.Value, a.Description))
			}
			r.console = append(r.console, strings.Join(parts, " "))
		}
	case "Log.entryAdded":
		var p struct {
			Entry struct {
				Level string `json:"level"`
				Text  string `json:"text"`
				URL   string `json:"url"`
			} `json:"entry"`
		}
		if json.Unmarshal(m.Params, &p) == nil && p.Entry.Level == "error" {
			r.console = append(r.console, p.Entry.Text+" "+p.Entry.URL)
		}
	case "Page.javascriptDialogOpening":
		var p struct {
			Message string `json:"message"`
		}
		_ = json.Unmarshal(m.Params, &p)
		r.dialogs = append(r.dialogs, p.Message)
		// Dismiss it from another goroutine: this one holds the client lock.
		go b.call(context.Background(), session, "Page.handleJavaScriptDialog", map[string]any{"accept": false}, nil)
	}
}

// pageState is what checkJS reports about a loaded page.
type pageState struct {
	Ready  string `json:"ready"` // data-charts: the number of charts jinzai.js drew, or "error"
	Charts []struct {
		ID      string `json:"id"`
		Drawn   bool   `json:"drawn"`
		Width   int    `json:"width"`
		Height  int    `json:"height"`
		Secrets int    `json:"secrets"` // 秘匿 texts drawn in the chart
		// Heatmap values drawn in the suppressed department's row.
		SmallDeptHeat []any `json:"smallDeptHeat"`
		// Scatter: reference lines drawn, and the names of the points.
		Lines  int      `json:"lines"`
		Points []string `json:"points"`
	} `json:"charts"`
	SecretCells int      `json:"secretCells"`
	SecretTexts []string `json:"secretTexts"`
	Scripts     int      `json:"scripts"`
	HasXSSText  bool     `json:"hasXSSText"`
	DeptLinks   int      `json:"deptLinks"`
	KPICards    int      `json:"kpiCards"`
	Height      int      `json:"height"`
}

// checkJS inspects the page: every chart box holds a drawn SVG or canvas,
// suppressed cells say 秘匿, and the heatmap values of the suppressed
// department are ECharts' empty value "-".
func checkJS(smallDept, xss string) string {
	sd, _ := json.Marshal(smallDept)
	xs, _ := json.Marshal(xss)
	return `(() => {
  const smallDept = ` + string(sd) + `, xss = ` + string(xs) + `;
  const out = {ready: document.documentElement.getAttribute('data-charts') || '', charts: []};
  for (const el of document.querySelectorAll('.echart')) {
    const g = el.querySelector('svg, canvas');
    const r = g ? g.getBoundingClientRect() : {width: 0, height: 0};
    const shapes = g ? g.querySelectorAll('path, rect, text').length : 0;
    const secrets = g ? [...g.querySelectorAll('text')].filter(t => t.textContent === '秘匿').length : 0;
    const c = {id: el.id, drawn: !!g && r.width > 0 && r.height > 0 && shapes > 0, width: Math.round(r.width), height: Math.round(r.height), secrets, smallDeptHeat: [], lines: 0, points: []};
    out.charts.push(c);
    const inst = typeof echarts !== 'undefined' ? echarts.getInstanceByDom(el) : null;
    if (!inst) continue;
    const opt = inst.getOption();
    (opt.series || []).forEach(s => {
      if (s.type === 'line' && s.silent) { c.lines++; }
      if (s.type === 'scatter' && s.name !== '秘匿') {
        s.data.forEach(d => { const v = (d && d.value) || d; if (v && v[2] !== undefined) c.points.push(String(v[2])); });
      }
    });
    (opt.series || []).forEach(s => {
      if (s.type !== 'heatmap') return;
      const ys = (opt.yAxis && opt.yAxis[0] && opt.yAxis[0].data) || [];
      const yi = ys.indexOf(smallDept);
      if (yi < 0) return;
      s.data.forEach(d => { const v = d.value || d; if (v[1] === yi) c.smallDeptHeat.push(v[2]); });
    });
  }
  const secretCells = [...document.querySelectorAll('td.secret')];
  out.secretCells = secretCells.length;
  out.secretTexts = [...new Set(secretCells.map(td => td.textContent))];
  out.scripts = document.scripts.length;
  out.hasXSSText = document.body.textContent.includes(xss);
  out.deptLinks = document.querySelectorAll('.dept-list a').length;
  out.kpiCards = document.querySelectorAll('.kpi').length;
  out.height = document.documentElement.scrollHeight;
  return out;
})()`
}

func TestDashboardsInBrowser(t *testing.T) {
	bin := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	runtime := echartsForTest(t, ctx)
	db := demoDB(t)
	site, err := Build(ctx, db, Options{OutDir: filepath.Join(t.TempDir(), "site"), Organisation: "テスト市", EChartsJS: runtime})
	if err != nil {
		t.Fatal(err)
	}
	s := openBrowser(t, ctx, bin, screenshotsDir(t))
	depts := 0
	for _, p := range site.Pages {
		if strings.HasPrefix(p.Slug, "dept-") {
			depts++
		}
	}
	s.checkSite(t, site, func(t *testing.T, slug string, st pageState) { checkPage(t, slug, st, depts) })

	// Earlier years stay selectable: switching the pyramid redraws it.
	t.Run("pyramid year select", func(t *testing.T) {
		s.open(t, filepath.Join(site.Dir, "age.html"))
		var subs []string
		if err := s.b.evaluate(ctx, s.session, `(() => {
			const el = document.getElementById('chart-pyramid'), sel = document.querySelector('select[data-chart="chart-pyramid"]');
			const sub = () => echarts.getInstanceByDom(el).getOption().title[0].subtext;
			const before = sub();
			sel.value = '0'; sel.dispatchEvent(new Event('change'));
			return [before, sub(), String(sel.options.length)];
		})()`, &subs); err != nil {
			t.Fatal(err)
		}
		if len(subs) != 3 || !strings.Contains(subs[0], "2024") || !strings.Contains(subs[1], "2023") || subs[2] != "2" {
			t.Errorf("pyramid select: got %q, want the 2024 chart switching to 2023 (2 options)", subs)
		}
	})
	t.Logf("screenshots and PDFs in %s", s.shots)
}

// TestDemoSiteInBrowser runs the same browser checks on every page of the
// demo city's site: the default demo is generated, ingested and
// transformed (or JINZAI_DASHBOARD_DB names a transformed database to use
// instead). Screenshots go to the demo/ folder of the screenshots
// directory.
func TestDemoSiteInBrowser(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the whole demo; skipped with -short")
	}
	bin := chromiumPath(t)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	runtime := echartsForTest(t, ctx)
	path := os.Getenv("JINZAI_DASHBOARD_DB")
	if path == "" {
		path = generatedDemo(t, ctx)
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	site, err := Build(ctx, st.DB(), Options{OutDir: filepath.Join(t.TempDir(), "site"), Organisation: "デモ", EChartsJS: runtime})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range site.Pages {
		t.Logf("%-24s %8d bytes", p.File, p.Bytes)
	}
	shots := filepath.Join(screenshotsDir(t), "demo")
	if err := os.MkdirAll(shots, 0o755); err != nil {
		t.Fatal(err)
	}
	openBrowser(t, ctx, bin, shots).checkSite(t, site, nil)
}

// browserSession is one Chromium tab, offline, 1366×768, with its events
// recorded.
type browserSession struct {
	ctx     context.Context
	b       *browser
	session string
	rec     *pageRecord
	shots   string
}

func openBrowser(t *testing.T, ctx context.Context, bin, shots string) *browserSession {
	t.Helper()
	b := startBrowser(t, bin)
	session, err := b.newPage(ctx)
	if err != nil {
		t.Fatal(err)
	}
	s := &browserSession{ctx: ctx, b: b, session: session, rec: &pageRecord{}, shots: shots}
	s.rec.reset()
	b.setEventHandler(func(m cdpMessage) { s.rec.record(b, session, m) })
	for _, domain := range []string{"Runtime", "Log", "Network", "Page"} {
		if err := b.call(ctx, session, domain+".enable", nil, nil); err != nil {
			t.Fatal(err)
		}
	}
	// Cut the page off the network: block every scheme but file: and data:,
	// and emulate being offline. A request that still starts is recorded.
	blocked := []string{"http://*", "https://*", "ws://*", "wss://*", "ftp://*"}
	if err := b.call(ctx, session, "Network.setBlockedURLs", map[string]any{"urls": blocked}, nil); err != nil {
		var patterns []map[string]any
		for _, u := range blocked {
			patterns = append(patterns, map[string]any{"urlPattern": u, "block": true})
		}
		if err2 := b.call(ctx, session, "Network.setBlockedURLs", map[string]any{"urlPatterns": patterns}, nil); err2 != nil {
			t.Fatalf("block the network: %v; %v", err, err2)
		}
	}
	if err := b.call(ctx, session, "Network.emulateNetworkConditions", map[string]any{
		"offline": true, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1,
	}, nil); err != nil {
		t.Logf("offline emulation unavailable (blocking still applies): %v", err)
	}
	if err := b.call(ctx, session, "Emulation.setDeviceMetricsOverride", map[string]any{
		"width": 1366, "height": 768, "deviceScaleFactor": 1, "mobile": false,
	}, nil); err != nil {
		t.Fatal(err)
	}
	return s
}

// open navigates to a file and waits for its load event.
func (s *browserSession) open(t *testing.T, file string) {
	t.Helper()
	s.rec.reset()
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(file)}
	var nav struct {
		ErrorText string `json:"errorText"`
	}
	if err := s.b.call(s.ctx, s.session, "Page.navigate", map[string]any{"url": u.String()}, &nav); err != nil || nav.ErrorText != "" {
		t.Fatalf("navigate %s: %v %s", u.String(), err, nav.ErrorText)
	}
	waitFor(t, s.ctx, 15*time.Second, "load event", s.rec.isLoaded)
}

// checkSite opens every page from file:// and checks it (see checkOne);
// check adds what the page's data must show.
func (s *browserSession) checkSite(t *testing.T, site Site, check func(t *testing.T, slug string, st pageState)) {
	for _, p := range site.Pages {
		t.Run(p.Slug, func(t *testing.T) {
			st := s.checkOne(t, filepath.Join(site.Dir, p.File), p.Slug)
			if check != nil {
				check(t, p.Slug, st)
			}
		})
	}
}

// checkOne loads a page and checks that it drew every chart, made no
// network request, threw nothing and logged no error, that tooltips inject
// no markup and that printing hides the navigation. It writes a 1366×768
// screenshot, a full-page one and (for the main pages and one department)
// an A4 landscape PDF.
func (s *browserSession) checkOne(t *testing.T, file, slug string) pageState {
	ctx, b, session := s.ctx, s.b, s.session
	s.open(t, file)

	// Poll until jinzai.js has drawn every chart.
	var st pageState
	deadline := time.Now().Add(8 * time.Second)
	for {
		st = pageState{}
		if err := b.evaluate(ctx, session, checkJS(smallDept, xssName), &st); err != nil {
			t.Fatal(err)
		}
		if allDrawn(st) || time.Now().After(deadline) {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	if st.Ready != fmt.Sprint(len(st.Charts)) {
		t.Errorf("jinzai.js drew %q charts, the page has %d", st.Ready, len(st.Charts))
	}
	for _, c := range st.Charts {
		if !c.Drawn {
			t.Errorf("chart %s is not drawn (svg %dx%d)", c.ID, c.Width, c.Height)
		}
	}

	// Screenshots: the first screen at 1366×768, and the whole page.
	var shot struct {
		Data string `json:"data"`
	}
	if err := b.call(ctx, session, "Page.captureScreenshot", map[string]any{"format": "png"}, &shot); err != nil {
		t.Fatal(err)
	}
	writeBase64(t, filepath.Join(s.shots, slug+".png"), shot.Data)
	h := min(max(st.Height, 768), 16000)
	if err := b.call(ctx, session, "Page.captureScreenshot", map[string]any{
		"format": "png", "captureBeyondViewport": true,
		"clip": map[string]any{"x": 0, "y": 0, "width": 1366, "height": h, "scale": 1},
	}, &shot); err != nil {
		t.Fatal(err)
	}
	writeBase64(t, filepath.Join(s.shots, slug+"-full.png"), shot.Data)

	// Printing hides the navigation; the PDF is what A4 landscape gives.
	if err := b.call(ctx, session, "Emulation.setEmulatedMedia", map[string]any{"media": "print"}, nil); err != nil {
		t.Fatal(err)
	}
	var navDisplay string
	if err := b.evaluate(ctx, session, `getComputedStyle(document.querySelector('.site-nav')).display`, &navDisplay); err != nil {
		t.Fatal(err)
	}
	if navDisplay != "none" {
		t.Errorf("print: navigation display is %q, want none", navDisplay)
	}
	if err := b.call(ctx, session, "Emulation.setEmulatedMedia", map[string]any{"media": ""}, nil); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(slug, "dept-") || slug == "dept-D03" {
		var pdf struct {
			Data string `json:"data"`
		}
		if err := b.call(ctx, session, "Page.printToPDF", map[string]any{"preferCSSPageSize": true, "printBackground": true}, &pdf); err != nil {
			t.Fatal(err)
		}
		writeBase64(t, filepath.Join(s.shots, slug+".pdf"), pdf.Data)
	}

	// Hover the first item of every chart: tooltips must not inject markup.
	if err := b.evaluate(ctx, session, `(() => { for (const el of document.querySelectorAll('.echart')) {
		const i = echarts.getInstanceByDom(el); if (i) i.dispatchAction({type: 'showTip', seriesIndex: 0, dataIndex: 0}); } return true; })()`, nil); err != nil {
		t.Error(err)
	}
	time.Sleep(150 * time.Millisecond)
	var scripts int
	if err := b.evaluate(ctx, session, `document.scripts.length`, &scripts); err != nil {
		t.Fatal(err)
	}
	if scripts != st.Scripts || (len(st.Charts) > 0 && scripts != 3) {
		t.Errorf("the page has %d scripts after hovering (before: %d, want 3)", scripts, st.Scripts)
	}

	s.rec.mu.Lock()
	defer s.rec.mu.Unlock()
	for _, u := range s.rec.offline {
		t.Errorf("network request (pages must work offline): %s", u)
	}
	for _, f := range s.rec.failed {
		t.Errorf("failed to load: %s", f)
	}
	for _, e := range s.rec.exceptions {
		t.Errorf("JavaScript exception: %s", e)
	}
	for _, c := range s.rec.console {
		t.Errorf("console error: %s", c)
	}
	for _, d := range s.rec.dialogs {
		t.Errorf("a dialog opened (injected script ran?): %q", d)
	}
	return st
}

func allDrawn(st pageState) bool {
	if st.Ready == "" {
		return false
	}
	for _, c := range st.Charts {
		if !c.Drawn {
			return false
		}
	}
	return true
}

// checkPage holds what each page of the demo data must show.
func checkPage(t *testing.T, slug string, st pageState, depts int) {
	t.Helper()
	if len(st.SecretTexts) > 0 && (len(st.SecretTexts) != 1 || st.SecretTexts[0] != secret) {
		t.Errorf("suppressed cells say %q, want only 秘匿", st.SecretTexts)
	}
	charts := map[string]int{}
	for i, c := range st.Charts {
		charts[c.ID] = i
	}
	// heat checks the suppressed department's row of a heatmap: want lists
	// the drawn values, "-" for a suppressed (undrawn) cell.
	heat := func(id string, want []any, secrets int) {
		t.Helper()
		i, ok := charts[id]
		if !ok {
			t.Errorf("no chart %s", id)
			return
		}
		c := st.Charts[i]
		if fmt.Sprint(c.SmallDeptHeat) != fmt.Sprint(want) {
			t.Errorf("%s: row of %s draws %v, want %v (\"-\" = suppressed, not drawn)", id, smallDept, c.SmallDeptHeat, want)
		}
		if c.Secrets != secrets {
			t.Errorf("%s: 秘匿 written in %d cells, want %d", id, c.Secrets, secrets)
		}
	}
	switch slug {
	case "index":
		if st.DeptLinks != depts {
			t.Errorf("overview links %d department pages, want %d", st.DeptLinks, depts)
		}
		if st.KPICards != 4 {
			t.Errorf("overview shows %d KPI cards, want 4", st.KPICards)
		}
	case "engagement":
		if st.SecretCells < 4 {
			t.Errorf("engagement: %d cells say 秘匿, want at least 4", st.SecretCells)
		}
		heat("chart-dept-category", []any{"-", "-", "-", "-"}, 4)
		if !st.HasXSSText {
			t.Errorf("engagement: the department named %s should show as text", xssName)
		}
	case "stress":
		// The judgement charts draw their iso-risk lines and the three shown
		// departments; the small department is listed as 秘匿, never plotted.
		for _, id := range []string{"chart-demand-control", "chart-support"} {
			i, ok := charts[id]
			if !ok {
				t.Errorf("stress: no chart %s", id)
				continue
			}
			c := st.Charts[i]
			if c.Lines != 4 {
				t.Errorf("stress %s: %d iso-risk lines drawn, want 4", id, c.Lines)
			}
			if len(c.Points) != 3 || slices.Contains(c.Points, smallDept) {
				t.Errorf("stress %s: points %q, want 3 departments without %s", id, c.Points, smallDept)
			}
		}
		if c := st.Charts[charts["chart-total-risk"]]; c.Secrets != 1 {
			t.Errorf("stress total-risk: 秘匿 written %d times, want 1", c.Secrets)
		}
		if st.SecretCells < 3 {
			t.Errorf("stress: %d cells say 秘匿, want the small department in each table", st.SecretCells)
		}
		if !st.HasXSSText {
			t.Errorf("stress: the department named %s should show as text", xssName)
		}
	case "training":
		if st.SecretCells < 1 {
			t.Errorf("training: no cell says 秘匿")
		}
		// Only 部長 of the small department is suppressed (the canary 12.345 is not drawn).
		heat("chart-completion-dept", []any{"-", 66.7, 75, 66.7, 83.3}, 1)
	case "dept-D03":
		if st.SecretCells < 4 {
			t.Errorf("small department page: %d cells say 秘匿, want its survey results suppressed", st.SecretCells)
		}
	}
}

func waitFor(t *testing.T, ctx context.Context, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) || ctx.Err() != nil {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func writeBase64(t *testing.T, path, data string) {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
}

// generatedDemo builds the default demo city's database in a temporary
// folder: the generated files ingested in manifest order, then transformed.
func generatedDemo(t *testing.T, ctx context.Context) string {
	t.Helper()
	dir := t.TempDir()
	man, err := demo.Generate(ctx, demo.Options{Dir: filepath.Join(dir, "input")})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "jinzai.duckdb")
	st, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	in := ingest.New(st, jinzai.DefaultConfig())
	for _, f := range man.Files {
		if _, err := in.File(ctx, ingest.Request{Path: f.Path, Kind: ingest.Kind(f.Kind), SnapshotDate: f.SnapshotDate, SurveyCode: f.SurveyCode, SurveyDate: f.SurveyDate}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := transform.Run(ctx, st, jinzai.DefaultConfig()); err != nil {
		t.Fatal(err)
	}
	return path
}
