package jinzai

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"time"

	"github.com/BurntSushi/toml"
)

// Config is the whole configuration, read from a TOML file (jinzai.toml).
// Every key is documented in docs/config.md. A zero Config is not usable;
// start from DefaultConfig and overlay a file with LoadConfig.
type Config struct {
	// Organisation is the name printed on dashboards and reports.
	Organisation string `toml:"organisation"`
	// DB is the DuckDB file.
	DB string `toml:"db"`
	// OrganisationCode, when set, names the organisation every command
	// works on in a database holding several (--org overrides): its tables
	// live in the schema org_<code>. Empty is the default organisation
	// (schema main), as in a single-organisation database.
	OrganisationCode string `toml:"organisation_code"`
	// Organisations names the organisations of a shared database and the
	// named peers each may see (docs/metrics/peers.md).
	Organisations []OrganisationConfig `toml:"organisations"`

	Ingest     IngestConfig   `toml:"ingest"`
	Grades     []Grade        `toml:"grades"`
	Employment []Employment   `toml:"employment"`
	Retirement RetirementRule `toml:"retirement"`
	Survey     SurveyConfig   `toml:"survey"`
	Metrics    MetricsConfig  `toml:"metrics"`
	// Headers adds header aliases per input kind and field, on top of the
	// built-in ones: headers.roster.employee_id = ["個人番号"].
	Headers map[string]map[string][]string `toml:"headers"`
	// Sources maps file-name patterns to input kinds for `jinzai ingest`
	// without --kind, and for the inbox of `jinzai run`.
	Sources []Source `toml:"sources"`
	// Inbox is the shared folder `jinzai run` and `jinzai schedule` take
	// files from, and where they put them afterwards.
	Inbox InboxConfig `toml:"inbox"`
	// Schedule holds the jobs of `jinzai schedule`.
	Schedule ScheduleConfig `toml:"schedule"`
	// Output names what `jinzai run` writes.
	Output OutputConfig `toml:"output"`
}

// OrganisationConfig is one organisation of a shared database: its code
// (the schema org_<code>), its display name, and the other organisations
// whose own figures its dashboards and report may show by name.
type OrganisationConfig struct {
	Code       string   `toml:"code"`
	Name       string   `toml:"name"`
	NamedPeers []string `toml:"named_peers"`
}

// OrganisationName is the display name of an organisation code: its
// [[organisations]] name, else the code.
func (c Config) OrganisationName(code string) string {
	for _, o := range c.Organisations {
		if o.Code == code && o.Name != "" {
			return o.Name
		}
	}
	return code
}

// NamedPeers lists the organisations configured as named peers of code.
func (c Config) NamedPeers(code string) []string {
	for _, o := range c.Organisations {
		if o.Code == code {
			return o.NamedPeers
		}
	}
	return nil
}

var reOrganisationCode = regexp.MustCompile(`^[a-z0-9_]{1,32}$`)

func validateOrganisations(c Config) error {
	if c.OrganisationCode != "" && !reOrganisationCode.MatchString(c.OrganisationCode) {
		return fmt.Errorf("organisation_code %q: use 1-32 of a-z, 0-9 and _", c.OrganisationCode)
	}
	seen := map[string]bool{}
	for _, o := range c.Organisations {
		if !reOrganisationCode.MatchString(o.Code) {
			return fmt.Errorf("organisations: code %q: use 1-32 of a-z, 0-9 and _", o.Code)
		}
		if seen[o.Code] {
			return fmt.Errorf("organisations: code %q appears twice", o.Code)
		}
		seen[o.Code] = true
		for _, p := range o.NamedPeers {
			if !reOrganisationCode.MatchString(p) || p == o.Code {
				return fmt.Errorf("organisations %s: named_peers %q: another organisation's code", o.Code, p)
			}
		}
	}
	return nil
}

// OutputConfig names the outputs of `jinzai run` and `jinzai schedule`.
// Relative paths are relative to the folder of the database file.
type OutputConfig struct {
	// SiteDir is the dashboard site (default "site").
	SiteDir string `toml:"site_dir"`
	// KeepSites: earlier sites kept as dated snapshots (default 5).
	KeepSites int `toml:"keep_sites"`
	// Report is the management edition of the annual report (default
	// "report.xlsx").
	Report string `toml:"report"`
	// HRReport, when set, also writes the HR edition (named individuals,
	// 取扱注意) there. Keep it out of folders management can read.
	HRReport string `toml:"hr_report"`
	// ExportDir receives every mart (default "export"); ExportFormat is
	// "parquet" (default) or "csv".
	ExportDir    string `toml:"export_dir"`
	ExportFormat string `toml:"export_format"`
}

// IngestConfig tunes how files are read and validated.
type IngestConfig struct {
	// MaxRejectShare: a batch whose share of rejected rows exceeds this
	// fails whole (default 0.05).
	MaxRejectShare float64 `toml:"max_reject_share"`
	// Encoding: "auto" (default), "utf-8" or "shift_jis" (CP932).
	Encoding string `toml:"encoding"`
}

// Grade is one rung of the grade ladder (職層). Rank 1 is the top.
type Grade struct {
	Name    string   `toml:"name"`
	Rank    int      `toml:"rank"`
	Track   string   `toml:"track"` // 事務 (administrative) or 技能 (skilled labour)
	Aliases []string `toml:"aliases"`
	// Class: "management" (管理職), "supervisory" (監督職) or "staff".
	Class string `toml:"class"`
}

// Employment is an employment type (任用形態) and whether it counts in the
// regular headcount (常勤 + 再任用フルタイム by default).
type Employment struct {
	Name      string   `toml:"name"`
	Code      string   `toml:"code"`
	Regular   bool     `toml:"regular"`
	Headcount bool     `toml:"headcount"`
	Aliases   []string `toml:"aliases"`
}

// SurveyConfig holds the answer scales of survey exports.
type SurveyConfig struct {
	// Likert maps answer texts to points, per scale size ("5" → text → point).
	Likert map[string]map[string]int `toml:"likert"`
	// InstrumentLikert maps answer texts to answer numbers for the items of
	// a standard instrument (survey_item.instrument), used for those items
	// instead of Likert. The BJSQ numbers its answers from the top of the
	// printed list (そうだ = 1 … ちがう = 4), the opposite direction of
	// likert.4 (そう思う = 4), and its exports carry those numbers; so its
	// texts live here, per instrument, not in likert.4.
	InstrumentLikert map[string]map[string]int `toml:"instrument_likert"`
	// MinGroupSize: groups with fewer respondents are suppressed (default 5).
	MinGroupSize int `toml:"min_group_size"`
	// Stress configures the stress-check group analysis.
	Stress StressConfig `toml:"stress"`
}

// StressConfig configures the stress-check group analysis with the job
// stress judgement chart (仕事のストレス判定図, docs/metrics/stress-check.md).
type StressConfig struct {
	// MinGroupSize: groups with fewer respondents are suppressed (default
	// 10, the MHLW guidance; never below 5).
	MinGroupSize int `toml:"min_group_size"`
	// UnknownSex: how a respondent whose sex is not 男性 or 女性 enters the
	// health risks: "exclude" (default: counted in the group's scale means
	// and respondents, left out of the per-sex risks), "male" or "female"
	// (judged with that sex's norms).
	UnknownSex string `toml:"unknown_sex"`
	// RiskLevels are the health risks the dashboard draws as iso-risk
	// lines on the charts (default 80, 100, 120, 140).
	RiskLevels []float64 `toml:"risk_levels"`
	// Norms are the national means and coefficients of the chart.
	Norms StressNorms `toml:"norms"`
}

// StressNorms is one published set of national means and coefficients of
// the judgement chart, per sex, with its source.
type StressNorms struct {
	Name   string     `toml:"name"`
	Source string     `toml:"source"`
	Male   StressNorm `toml:"male"`
	Female StressNorm `toml:"female"`
}

// StressNorm holds one sex's national means of the four scales (A0–D0,
// sums of three items scored 1–4) and the coefficients α–δ of
//
//	risk A = 100·exp(α·(demand − A0) + β·(control − B0))
//	risk B = 100·exp(γ·(supervisor − C0) + δ·(coworker − D0))
type StressNorm struct {
	Demand     float64 `toml:"demand"`
	Control    float64 `toml:"control"`
	Supervisor float64 `toml:"supervisor"`
	Coworker   float64 `toml:"coworker"`
	Alpha      float64 `toml:"alpha"`
	Beta       float64 `toml:"beta"`
	Gamma      float64 `toml:"gamma"`
	Delta      float64 `toml:"delta"`
}

// TechnoteNorms is the University of Tokyo technical note's set for the
// Brief Job Stress Questionnaire (the shipped default; see
// docs/metrics/stress-check.md for the source and what was verified).
func TechnoteNorms() StressNorms {
	return StressNorms{
		Name: "todai_technote_bjsq",
		Source: "東京大学大学院医学系研究科 精神保健学分野「仕事のストレス判定図」テクニカルノート（2001年11月20日更新）、" +
			"平成11年度労働省「作業関連疾患の予防に関する研究」報告書の最終案、職業性ストレス簡易調査票の係数と全国平均",
		Male:   StressNorm{Demand: 8.7, Control: 7.9, Supervisor: 7.5, Coworker: 8.1, Alpha: 0.076, Beta: -0.089, Gamma: -0.097, Delta: -0.097},
		Female: StressNorm{Demand: 7.9, Control: 7.2, Supervisor: 6.6, Coworker: 8.2, Alpha: 0.048, Beta: -0.056, Gamma: -0.097, Delta: -0.097},
	}
}

// Validate checks the stress-check settings.
func (c StressConfig) Validate() error {
	if c.MinGroupSize < 5 {
		return fmt.Errorf("survey.stress.min_group_size %d: must be at least 5 (10 is the MHLW guidance)", c.MinGroupSize)
	}
	switch c.UnknownSex {
	case "exclude", "male", "female":
	default:
		return fmt.Errorf("survey.stress.unknown_sex %q: use exclude, male or female", c.UnknownSex)
	}
	for _, r := range c.RiskLevels {
		if r <= 0 {
			return fmt.Errorf("survey.stress.risk_levels: %v is not a positive health risk", r)
		}
	}
	n := c.Norms
	if n.Name == "" || n.Source == "" {
		return fmt.Errorf("survey.stress.norms: name and source are required (say where the means and coefficients come from)")
	}
	for sex, s := range map[string]StressNorm{"male": n.Male, "female": n.Female} {
		for key, m := range map[string]float64{"demand": s.Demand, "control": s.Control, "supervisor": s.Supervisor, "coworker": s.Coworker} {
			if m < 3 || m > 12 {
				return fmt.Errorf("survey.stress.norms.%s.%s %v: a national mean of three items scored 1–4 lies in 3–12", sex, key, m)
			}
		}
		if s.Alpha == 0 && s.Beta == 0 && s.Gamma == 0 && s.Delta == 0 {
			return fmt.Errorf("survey.stress.norms.%s: the coefficients alpha, beta, gamma and delta are missing", sex)
		}
	}
	return nil
}

// MetricsConfig holds the parameters of the metric models (docs/metrics.md).
type MetricsConfig struct {
	// Succession: ready successors are one grade below the post, in the same
	// department or job family, aged SuccessorAgeMin..SuccessorAgeMax, with
	// the 昇任候補 trainings of the post's grade completed.
	SuccessorAgeMin int `toml:"successor_age_min"`
	SuccessorAgeMax int `toml:"successor_age_max"`
	// A post is high risk (高) when it empties within RiskHighYears fiscal
	// years and has no ready successor; medium (中) when it empties within
	// RiskHighYears with exactly one, or within RiskMediumYears with none.
	RiskHighYears   int `toml:"risk_high_years"`
	RiskMediumYears int `toml:"risk_medium_years"`
	// A job family with at most SmallFamilyMax staff is a 少数職種.
	SmallFamilyMax int `toml:"small_family_max"`
	// GeneralJobFamilies are the administrative families (一般事務 …): a
	// post in one of them is succeeded from its own department; a post in
	// any other (specialist) family from the same family anywhere.
	GeneralJobFamilies []string `toml:"general_job_families"`
	// Job rotation: in the first RotationYears of service staff should see
	// RotationWorkplaces workplaces; a posting longer than
	// PostingYearsRotation (in that period) or PostingYearsAfter (after it)
	// is a candidate to move.
	RotationYears        int `toml:"rotation_years"`
	RotationWorkplaces   int `toml:"rotation_workplaces"`
	PostingYearsRotation int `toml:"posting_years_rotation"`
	PostingYearsAfter    int `toml:"posting_years_after"`
	// Hiring scenario of the projected age pyramid: "keep_headcount"
	// (replace every leaver) or "fixed" (HiresPerYear a year).
	HiringScenario  string    `toml:"hiring_scenario"`
	HiresPerYear    int       `toml:"hires_per_year"`
	HireAges        []HireAge `toml:"hire_ages"`
	HireFemaleShare float64   `toml:"hire_female_share"`
	// Targets of the development plan, by KPI code (docs/metrics.md).
	Targets map[string]float64 `toml:"targets"`
	// Competencies: required weight per competency and grade (◎ = 2, 〇 = 1).
	Competencies []CompetencyWeight `toml:"competencies"`
}

// HireAge is a share of the yearly hires at one age.
type HireAge struct {
	Age   int     `toml:"age"`
	Share float64 `toml:"share"`
}

// CompetencyWeight is one cell of the competency matrix.
type CompetencyWeight struct {
	Competency string `toml:"competency"`
	Grade      string `toml:"grade"`
	Weight     int    `toml:"weight"`
}

// TachikawaCompetencies is Tachikawa city's competency matrix by grade
// (seed 004: ◎ = 2, 〇 = 1), the shipped example framework.
func TachikawaCompetencies() []CompetencyWeight {
	grades := []string{"部長", "課長", "係長", "主任", "主事"}
	rows := []struct {
		name string
		w    [5]int
	}{
		{"政策決定能力", [5]int{2, 1, 0, 0, 0}},
		{"行政経営能力", [5]int{2, 1, 0, 0, 0}},
		{"危機管理能力", [5]int{2, 2, 1, 0, 0}},
		{"組織運営能力", [5]int{2, 2, 2, 0, 0}},
		{"政策立案能力", [5]int{2, 2, 2, 1, 0}},
		{"折衝交渉能力", [5]int{2, 2, 2, 1, 0}},
		{"指導育成能力", [5]int{1, 2, 2, 2, 0}},
		{"職務遂行能力", [5]int{1, 1, 2, 2, 2}},
		{"課題発見能力", [5]int{1, 1, 1, 2, 2}},
		{"専門能力", [5]int{1, 1, 1, 2, 2}},
	}
	var out []CompetencyWeight
	for _, r := range rows {
		for i, g := range grades {
			out = append(out, CompetencyWeight{Competency: r.name, Grade: g, Weight: r.w[i]})
		}
	}
	return out
}

// Source maps a file-name glob to an input kind and its options.
type Source struct {
	Pattern      string `toml:"pattern"`
	Kind         string `toml:"kind"`
	Sheet        string `toml:"sheet"`
	Encoding     string `toml:"encoding"`
	SurveyCode   string `toml:"survey_code"`
	SnapshotDate string `toml:"snapshot_date"`
}

// DefaultConfig is the configuration used when no file says otherwise:
// Setagaya-style grades, the national retirement schedule, 5-point Likert.
func DefaultConfig() Config {
	return Config{
		Organisation: "",
		DB:           "jinzai.duckdb",
		Ingest:       IngestConfig{MaxRejectShare: 0.05, Encoding: "auto"},
		Grades: []Grade{
			{Name: "部長", Rank: 1, Track: "事務", Class: "management", Aliases: []string{"局長", "理事"}},
			{Name: "課長", Rank: 2, Track: "事務", Class: "management", Aliases: []string{"参事", "担当課長"}},
			{Name: "課長補佐", Rank: 3, Track: "事務", Class: "supervisory", Aliases: []string{"主幹", "副参事"}},
			{Name: "係長", Rank: 4, Track: "事務", Class: "supervisory", Aliases: []string{"主査"}},
			{Name: "主任", Rank: 5, Track: "事務", Class: "staff", Aliases: []string{"主任主事"}},
			{Name: "主事", Rank: 6, Track: "事務", Class: "staff", Aliases: []string{"係員", "主事補", "技師", "技師補"}},
			{Name: "統括技能長", Rank: 3, Track: "技能", Class: "supervisory"},
			{Name: "技能長", Rank: 4, Track: "技能", Class: "supervisory"},
			{Name: "技能主任", Rank: 5, Track: "技能", Class: "staff"},
			{Name: "技能員", Rank: 6, Track: "技能", Class: "staff", Aliases: []string{"技能係員"}},
		},
		Employment: []Employment{
			{Name: "常勤", Code: "regular", Regular: true, Headcount: true, Aliases: []string{"正規", "正職員", "一般職"}},
			{Name: "再任用フルタイム", Code: "reemployed_full", Headcount: true, Aliases: []string{"再任用(フルタイム)", "再任用常勤"}},
			{Name: "再任用短時間", Code: "reemployed_short", Aliases: []string{"再任用(短時間)"}},
			{Name: "任期付", Code: "fixed_term", Aliases: []string{"任期付職員"}},
			{Name: "会計年度任用職員", Code: "annual", Aliases: []string{"会計年度", "会計年度任用", "非常勤"}},
		},
		Retirement: NationalRetirementRule(),
		Inbox: InboxConfig{Dir: "inbox", ArchiveDir: "archive", QuarantineDir: "quarantine",
			SettleTime: 10 * time.Second},
		Schedule: ScheduleConfig{TimeZone: "Asia/Tokyo", StatusFile: "jinzai-status.json",
			MaxRetries: 3, RetryBackoff: 30 * time.Second},
		Output: OutputConfig{SiteDir: "site", KeepSites: 5, Report: "report.xlsx", ExportDir: "export", ExportFormat: "parquet"},
		Metrics: MetricsConfig{
			SuccessorAgeMin: 35, SuccessorAgeMax: 58,
			RiskHighYears: 3, RiskMediumYears: 5,
			SmallFamilyMax:     20,
			GeneralJobFamilies: []string{"一般事務", "行政", "一般行政", "事務"},
			RotationYears:      10, RotationWorkplaces: 3, PostingYearsRotation: 3, PostingYearsAfter: 5,
			HiringScenario: "keep_headcount", HiresPerYear: 0,
			HireAges:        []HireAge{{Age: 22, Share: 0.6}, {Age: 25, Share: 0.25}, {Age: 30, Share: 0.15}},
			HireFemaleShare: 0.5,
			Targets: map[string]float64{
				"mandatory_training_completion": 95,
				"training_hours_per_head":       12,
				"self_development_uptake":       20,
				"women_in_management":           30,
				"rotation_coverage":             90,
				"engagement_index":              65,
				"response_rate":                 50,
				"dx_leaders":                    3,
			},
			Competencies: TachikawaCompetencies(),
		},
		Survey: SurveyConfig{
			MinGroupSize: 5,
			Stress:       StressConfig{MinGroupSize: 10, UnknownSex: "exclude", RiskLevels: []float64{80, 100, 120, 140}, Norms: TechnoteNorms()},
			InstrumentLikert: map[string]map[string]int{
				InstrumentBJSQ: {
					"そうだ": 1, "まあそうだ": 2, "ややちがう": 3, "ちがう": 4,
					"ほとんどなかった": 1, "ときどきあった": 2, "しばしばあった": 3, "ほとんどいつもあった": 4,
					"非常に": 1, "かなり": 2, "多少": 3, "全くない": 4,
					"満足": 1, "まあ満足": 2, "やや不満足": 3, "不満足": 4,
				},
			},
			Likert: map[string]map[string]int{
				"4": {"そう思う": 4, "ややそう思う": 3, "あまりそう思わない": 2, "そう思わない": 1},
				"5": {"とてもそう思う": 5, "そう思う": 4, "どちらともいえない": 3, "そう思わない": 2, "全くそう思わない": 1,
					"非常にそう思う": 5, "ややそう思う": 4, "あまりそう思わない": 2, "まったくそう思わない": 1},
				"7": {"非常にそう思う": 7, "そう思う": 6, "ややそう思う": 5, "どちらともいえない": 4, "あまりそう思わない": 3, "そう思わない": 2, "全くそう思わない": 1},
			},
		},
	}
}

// LoadConfig reads a TOML file over the defaults. A missing file is an
// error only when the path was given explicitly (explicit = true).
func LoadConfig(path string, explicit bool) (Config, error) {
	cfg := DefaultConfig()
	if path == "" {
		return cfg, nil
	}
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && !explicit {
		return cfg, nil
	}
	if err != nil {
		return cfg, fmt.Errorf("設定ファイルを読めません config %s: %w", path, err)
	}
	md, err := toml.Decode(string(b), &cfg)
	if err != nil {
		return cfg, fmt.Errorf("設定ファイルの形式が誤っています config %s: %w", path, err)
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		return cfg, fmt.Errorf("設定ファイルに不明なキーがあります config %s: unknown key %q", path, undec[0].String())
	}
	if cfg.DB != "" && !filepath.IsAbs(cfg.DB) {
		cfg.DB = filepath.Join(filepath.Dir(path), cfg.DB)
	}
	return cfg, cfg.Validate()
}

// Validate checks the configuration for mistakes a user can make.
func (c Config) Validate() error {
	if err := validateOrganisations(c); err != nil {
		return err
	}
	if c.Ingest.MaxRejectShare < 0 || c.Ingest.MaxRejectShare > 1 {
		return fmt.Errorf("ingest.max_reject_share %v is outside 0..1", c.Ingest.MaxRejectShare)
	}
	switch c.Ingest.Encoding {
	case "", "auto", "utf-8", "shift_jis":
	default:
		return fmt.Errorf("ingest.encoding %q: use auto, utf-8 or shift_jis", c.Ingest.Encoding)
	}
	seen := map[string]bool{}
	for _, g := range c.Grades {
		if g.Name == "" || g.Rank < 1 {
			return fmt.Errorf("grades: every grade needs a name and a rank ≥ 1 (got %q rank %d)", g.Name, g.Rank)
		}
		switch g.Class {
		case "management", "supervisory", "staff":
		default:
			return fmt.Errorf("grades: %s has class %q; use management, supervisory or staff", g.Name, g.Class)
		}
		for _, n := range append([]string{g.Name}, g.Aliases...) {
			if seen[n] {
				return fmt.Errorf("grades: name or alias %q appears twice", n)
			}
			seen[n] = true
		}
	}
	if c.Survey.MinGroupSize < 1 {
		return fmt.Errorf("survey.min_group_size must be at least 1")
	}
	for inst := range c.Survey.InstrumentLikert {
		switch inst {
		case InstrumentBJSQ, InstrumentUWES9, InstrumentENPS:
		default:
			return fmt.Errorf("survey.instrument_likert.%s: unknown instrument; use %s, %s or %s", inst, InstrumentBJSQ, InstrumentUWES9, InstrumentENPS)
		}
	}
	if err := c.Survey.Stress.Validate(); err != nil {
		return err
	}
	m := c.Metrics
	if m.SuccessorAgeMin > m.SuccessorAgeMax {
		return fmt.Errorf("metrics.successor_age_min > successor_age_max")
	}
	if m.RiskHighYears < 0 || m.RiskMediumYears < m.RiskHighYears {
		return fmt.Errorf("metrics: risk_medium_years must be ≥ risk_high_years ≥ 0")
	}
	switch m.HiringScenario {
	case "keep_headcount", "fixed":
	default:
		return fmt.Errorf("metrics.hiring_scenario %q: use keep_headcount or fixed", m.HiringScenario)
	}
	share := 0.0
	for _, h := range m.HireAges {
		share += h.Share
	}
	if len(m.HireAges) == 0 || share < 0.999 || share > 1.001 {
		return fmt.Errorf("metrics.hire_ages: shares must add up to 1 (got %.3f)", share)
	}
	if err := c.Inbox.Validate(); err != nil {
		return err
	}
	if err := c.Schedule.Validate(); err != nil {
		return err
	}
	if f := c.Output.ExportFormat; f != "parquet" && f != "csv" {
		return fmt.Errorf("output.export_format %q: use parquet or csv", f)
	}
	return c.Retirement.Validate()
}

// InboxConfig names the folders of the automatic run. Relative paths are
// relative to the folder of the database file.
type InboxConfig struct {
	// Dir is where HR staff put exports (default "inbox").
	Dir string `toml:"dir"`
	// ArchiveDir receives the files that landed, or were already loaded,
	// under a folder per day: archive/2024-04-02/ (default "archive").
	ArchiveDir string `toml:"archive_dir"`
	// QuarantineDir receives the files that could not be loaded, each with
	// a <name>.error.txt saying why and what to do (default "quarantine").
	QuarantineDir string `toml:"quarantine_dir"`
	// SettleTime: a file changed more recently than this is left for the
	// next run, as it may still be being copied (default "10s").
	SettleTime time.Duration `toml:"settle_time"`
}

// Validate checks the inbox folders.
func (c InboxConfig) Validate() error {
	if c.SettleTime < 0 {
		return fmt.Errorf("inbox.settle_time must not be negative")
	}
	return nil
}

// ScheduleConfig holds the jobs of `jinzai schedule` and how failures are
// retried and reported. Relative paths are relative to the folder of the
// database file.
type ScheduleConfig struct {
	// TimeZone of the cron expressions and of the archive folders' dates
	// (default "Asia/Tokyo").
	TimeZone string `toml:"time_zone"`
	// StatusFile is a JSON file with each job's last run, status,
	// consecutive failures and next run, for monitoring (default
	// "jinzai-status.json"; "" = none).
	StatusFile string `toml:"status_file"`
	// LogFile, when set, receives JSON log lines besides stderr.
	LogFile string `toml:"log_file"`
	// MaxRetries: a failed job is tried again up to this many times
	// (default 3), waiting RetryBackoff, then twice as long each time.
	MaxRetries   int           `toml:"max_retries"`
	RetryBackoff time.Duration `toml:"retry_backoff"`
	// Jobs; none = one job "nightly" at 02:30 with every step.
	Jobs []ScheduleJob `toml:"jobs"`
}

// ScheduleJob is one scheduled job: a cron expression (seconds optional:
// "0 30 2 * * *" or "30 2 * * *") and the steps it runs, of ingest,
// transform, dashboards, report and export (none = all, in that order).
type ScheduleJob struct {
	Name  string   `toml:"name"`
	Cron  string   `toml:"cron"`
	Steps []string `toml:"steps"`
}

// Validate checks the schedule; the cron expressions themselves are
// checked when the scheduler starts.
func (c ScheduleConfig) Validate() error {
	if c.TimeZone != "" {
		if _, err := time.LoadLocation(c.TimeZone); err != nil {
			return fmt.Errorf("schedule.time_zone %q: %w", c.TimeZone, err)
		}
	}
	if c.MaxRetries < 0 {
		return fmt.Errorf("schedule.max_retries must not be negative")
	}
	if c.RetryBackoff < 0 || (c.RetryBackoff > 0 && c.RetryBackoff < time.Millisecond) {
		return fmt.Errorf("schedule.retry_backoff %v: write a duration such as \"30s\" or \"2m\"", c.RetryBackoff)
	}
	names := map[string]bool{}
	for _, j := range c.Jobs {
		if j.Name == "" || j.Cron == "" {
			return fmt.Errorf("schedule.jobs: every job needs a name and a cron expression (got name %q cron %q)", j.Name, j.Cron)
		}
		if names[j.Name] {
			return fmt.Errorf("schedule.jobs: job name %q appears twice", j.Name)
		}
		names[j.Name] = true
		for _, s := range j.Steps {
			switch s {
			case "ingest", "transform", "dashboards", "report", "export":
			default:
				return fmt.Errorf("schedule.jobs %s: unknown step %q; use ingest, transform, dashboards, report or export", j.Name, s)
			}
		}
	}
	return nil
}
