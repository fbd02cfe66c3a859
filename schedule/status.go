package schedule

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"time"

	"github.com/jinzai-hr/jinzai/pipeline"
)

// Status is the content of the status file (schedule.status_file), for
// monitoring: rewritten atomically whenever a job starts, retries or ends,
// and at least every minute (heartbeat) while the scheduler runs.
type Status struct {
	// Scheduler is the process writing the file.
	Scheduler SchedulerStatus `json:"scheduler"`
	// Jobs by name.
	Jobs map[string]*JobStatus `json:"jobs"`
}

// SchedulerStatus describes the scheduler process.
type SchedulerStatus struct {
	PID     int       `json:"pid"`
	Host    string    `json:"host,omitempty"`
	Started time.Time `json:"started"`
	// State is "running", or "stopped" after a clean stop. A file that says
	// running with an old heartbeat means the scheduler died.
	State     string    `json:"state"`
	Heartbeat time.Time `json:"heartbeat"`
}

// JobStatus is what monitoring needs to know about one job.
type JobStatus struct {
	Cron  string   `json:"cron"`
	Steps []string `json:"steps"`
	// NextRun is when the job fires next.
	NextRun *time.Time `json:"next_run,omitempty"`
	// LastStatus: running | retrying | succeeded | failed | interrupted.
	LastStatus string     `json:"last_status,omitempty"`
	LastStart  *time.Time `json:"last_start,omitempty"`
	LastEnd    *time.Time `json:"last_end,omitempty"`
	LastRunID  int64      `json:"last_run_id,omitempty"`
	// Attempts of the last run (1 = no retry).
	Attempts  int    `json:"attempts,omitempty"`
	LastError string `json:"last_error,omitempty"`
	// StepFailed is the step the last failed attempt stopped at.
	StepFailed string `json:"step_failed,omitempty"`
	// NextRetry is when a retrying job tries again.
	NextRetry *time.Time `json:"next_retry,omitempty"`
	// ConsecutiveFailures counts the runs in a row that failed after every
	// retry; 0 after a success. Alert when it is not 0.
	ConsecutiveFailures int        `json:"consecutive_failures"`
	LastSuccess         *time.Time `json:"last_success,omitempty"`
	// Files of the last run.
	FilesTaken  int `json:"files_taken"`
	Landed      int `json:"files_landed"`
	Duplicates  int `json:"files_duplicate"`
	Quarantined int `json:"files_quarantined"`
	Waiting     int `json:"files_waiting"`
}

// ReadStatus reads a status file.
func ReadStatus(path string) (*Status, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var s Status
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	if s.Jobs == nil {
		s.Jobs = map[string]*JobStatus{}
	}
	return &s, nil
}

// write replaces the status file atomically ("" = no status file).
func (s *Status) write(path string) error {
	if path == "" {
		return nil
	}
	b, err := json.MarshalIndent(s, "", "  ")
	if err != nil {
		return err
	}
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return pipeline.WriteFileAtomic(path, append(b, '\n'))
}

// loadStatus starts from the previous file, so that a restart keeps the
// failure counts, keeping only the jobs still configured.
func loadStatus(path string, jobs []*job) *Status {
	s := &Status{Jobs: map[string]*JobStatus{}}
	if path != "" {
		if old, err := ReadStatus(path); err == nil {
			s = old
		} else if !errors.Is(err, os.ErrNotExist) {
			// A damaged file is replaced.
			s = &Status{Jobs: map[string]*JobStatus{}}
		}
	}
	keep := map[string]*JobStatus{}
	for _, j := range jobs {
		js := s.Jobs[j.Name]
		if js == nil {
			js = &JobStatus{}
		}
		if js.LastStatus == "running" || js.LastStatus == "retrying" {
			js.LastStatus = pipeline.StatusInterrupted
		}
		js.Cron, js.Steps, js.NextRetry = j.Cron, j.steps, nil
		keep[j.Name] = js
	}
	s.Jobs = keep
	return s
}

func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
