// Package demo writes a deterministic synthetic municipality (みどり市) as
// the input files jinzai reads: April-1 rosters in Shift_JIS, the posting
// history, the training catalogue and records, the survey item bank,
// three years of wide staff-survey exports, and the latest fiscal year's
// stress check (80-item Brief Job Stress Questionnaire) with its own item
// bank.
//
// The files are produced by a year-by-year simulation of the workforce
// (hiring, the staged retirement age, re-employment, promotions, 役職定年,
// transfers, leave, training and digital tiers), calibrated to the
// figures in the domain brief: a regular headcount of 5,514 on the latest
// 基準日, about 30% aged 51+, about half aged 39 or under, few staff in
// their 40s, and women below 30% of management. The same Options always
// give byte-identical files.
package demo

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	jinzai "github.com/jinzai-hr/jinzai"
)

// Options controls the size and identity of the synthetic municipality.
// Zero values take the defaults.
type Options struct {
	Dir              string // output folder (created)
	Staff            int    // regular headcount (常勤 + 再任用フルタイム) on the latest 基準日; default 5514
	Years            int    // number of April-1 snapshots; default 10
	Seed             int64  // default 1
	LatestFiscalYear int    // default 2026 (latest snapshot 2026-04-01)
	Organisation     string // default "みどり市" (fictional); named in the survey's item texts
	// Ageing shifts the age structure of the first snapshot: 0 is the
	// default (Setagaya-like, about 30% aged 51+); positive makes the
	// organisation older (0.5: about half again as many in their 50s and
	// 60s, fewer under 40), negative younger. Allowed −0.8..1.
	Ageing float64
}

// File is one written input file. Kind is the jinzai input kind;
// SnapshotDate is set for rosters (ISO date), SurveyCode and SurveyDate
// (ISO date of the survey's last day) for surveys. Rows counts data rows,
// without the header.
type File struct {
	Path, Kind   string
	SnapshotDate string
	SurveyCode   string
	SurveyDate   string
	Rows         int
}

// Manifest lists the written files in the order they must be ingested:
// training_course, survey_item (the staff survey's, then the stress
// check's), roster (oldest first), assignment, training_record (oldest
// first), survey (the staff surveys oldest first, then the stress check).
type Manifest struct {
	Files []File
}

// Input kinds written by Generate.
const (
	KindRoster         = "roster"
	KindAssignment     = "assignment"
	KindTrainingCourse = "training_course"
	KindTrainingRecord = "training_record"
	KindSurveyItem     = "survey_item"
	KindSurvey         = "survey"
)

// Defaults applied by Generate to zero Options fields.
const (
	DefaultStaff            = 5514
	DefaultYears            = 10
	DefaultSeed             = 1
	DefaultLatestFiscalYear = 2026
	DefaultOrganisation     = "みどり市"
)

// ErrOptions is wrapped by Generate's error when an option is out of range.
var ErrOptions = errors.New("demo: invalid options")

func (o Options) withDefaults() (Options, error) {
	if o.Staff == 0 {
		o.Staff = DefaultStaff
	}
	if o.Years == 0 {
		o.Years = DefaultYears
	}
	if o.Seed == 0 {
		o.Seed = DefaultSeed
	}
	if o.LatestFiscalYear == 0 {
		o.LatestFiscalYear = DefaultLatestFiscalYear
	}
	if o.Organisation == "" {
		o.Organisation = DefaultOrganisation
	}
	switch {
	case o.Dir == "":
		return o, fmt.Errorf("%w: Dir is empty", ErrOptions)
	case o.Staff < 50 || o.Staff > 200000:
		return o, fmt.Errorf("%w: Staff %d is outside 50..200000", ErrOptions, o.Staff)
	case o.Years < 1 || o.Years > 40:
		return o, fmt.Errorf("%w: Years %d is outside 1..40", ErrOptions, o.Years)
	case o.Ageing < -0.8 || o.Ageing > 1:
		return o, fmt.Errorf("%w: Ageing %v is outside -0.8..1", ErrOptions, o.Ageing)
	case o.LatestFiscalYear < 1990 || o.LatestFiscalYear > 2100:
		return o, fmt.Errorf("%w: LatestFiscalYear %d is outside 1990..2100", ErrOptions, o.LatestFiscalYear)
	}
	return o, nil
}

// Generate simulates the municipality and writes its input files into
// opt.Dir, returning them in ingestion order. It fails on invalid options,
// on a cancelled context and on any write error; files already written are
// left in place.
//
// Each year's roster and training workbook is written while the
// simulation goes on to the next year; the files do not depend on the
// order in which the writers finish.
func Generate(ctx context.Context, opt Options) (Manifest, error) {
	opt, err := opt.withDefaults()
	if err != nil {
		return Manifest{}, err
	}
	if err := os.MkdirAll(opt.Dir, 0o755); err != nil {
		return Manifest{}, fmt.Errorf("demo: create %s: %w", opt.Dir, err)
	}
	s := newSim(opt, jinzai.NationalRetirementRule())
	surveys := s.surveyYears()

	// Manifest slots, in ingestion order.
	files := make([]File, 0, 5+2*opt.Years+len(surveys))
	slot := func(f File) int { files = append(files, f); return len(files) - 1 }
	courses := slot(File{Kind: KindTrainingCourse, Path: filepath.Join(opt.Dir, "training_courses.csv")})
	items := slot(File{Kind: KindSurveyItem, Path: filepath.Join(opt.Dir, "survey_items.csv")})
	stressItems := slot(File{Kind: KindSurveyItem, Path: filepath.Join(opt.Dir, "stress_items.csv")})
	rosters := len(files)
	for fy := s.fy0; fy <= s.last; fy++ {
		d := jinzai.FiscalYearStart(fy)
		slot(File{Kind: KindRoster, SnapshotDate: d.Format("2006-01-02"),
			Path: filepath.Join(opt.Dir, "roster_"+d.Format("20060102")+".csv")})
	}
	assignment := slot(File{Kind: KindAssignment, Path: filepath.Join(opt.Dir, "assignment.csv")})
	records := len(files)
	for fy := s.fy0; fy <= s.last; fy++ {
		slot(File{Kind: KindTrainingRecord, Path: filepath.Join(opt.Dir, fmt.Sprintf("training_records_FY%d.xlsx", fy))})
	}
	firstSurvey := len(files)
	for _, fy := range surveys {
		_, end := surveyWindow(fy)
		slot(File{Kind: KindSurvey, SurveyCode: fmt.Sprintf("engagement-FY%d", fy),
			SurveyDate: end.Format("2006-01-02"),
			Path:       filepath.Join(opt.Dir, fmt.Sprintf("survey_FY%d.csv", fy))})
	}
	_, stressEnd := stressWindow(s.last)
	stress := slot(File{Kind: KindSurvey, SurveyCode: fmt.Sprintf("stresscheck-FY%d", s.last),
		SurveyDate: stressEnd.Format("2006-01-02"),
		Path:       filepath.Join(opt.Dir, fmt.Sprintf("stresscheck_FY%d.csv", s.last))})

	// Writers: one per CPU, fed as files become ready.
	type job struct {
		slot int
		run  func(path string) (int, error)
	}
	jobs := make(chan job, len(files))
	errs := make([]error, len(files))
	var wg sync.WaitGroup
	for w := 0; w < max(1, runtime.GOMAXPROCS(0)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				if err := ctx.Err(); err != nil {
					errs[j.slot] = err
					continue
				}
				f := &files[j.slot]
				rows, err := j.run(f.Path)
				if err != nil {
					errs[j.slot] = fmt.Errorf("demo: write %s: %w", filepath.Base(f.Path), err)
				}
				f.Rows = rows
			}
		}()
	}
	simErr := s.run(ctx, func(fy int) {
		i := fy - s.fy0
		snap, recs := &s.snaps[i], s.records[i]
		jobs <- job{records + i, func(path string) (int, error) { return s.writeTrainingRecords(path, recs) }}
		jobs <- job{rosters + i, func(path string) (int, error) { return s.writeRoster(path, snap, i) }}
	})
	if simErr == nil {
		jobs <- job{assignment, s.writeAssignments}
		for k, fy := range surveys {
			sv := s.surveySpec(fy)
			jobs <- job{firstSurvey + k, func(path string) (int, error) { return s.writeSurvey(path, sv) }}
		}
		jobs <- job{stress, func(path string) (int, error) { return s.writeStressCheck(path, s.last) }}
		jobs <- job{courses, s.writeCourses}
		jobs <- job{items, s.writeSurveyItems}
		jobs <- job{stressItems, s.writeStressItems}
	}
	close(jobs)
	wg.Wait()
	if simErr != nil {
		return Manifest{}, simErr
	}
	for _, err := range errs {
		if err != nil {
			return Manifest{}, err
		}
	}
	return Manifest{Files: files}, nil
}
