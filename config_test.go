package jinzai

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The example file documents the defaults: loading it must give exactly
// DefaultConfig (apart from the organisation name and the db path).
func TestTheExampleConfigIsTheDefaults(t *testing.T) {
	cfg, err := LoadConfig("jinzai.example.toml", true)
	if err != nil {
		t.Fatal(err)
	}
	want := DefaultConfig()
	want.Organisation = "みどり市"
	want.DB = cfg.DB
	if !reflect.DeepEqual(cfg, want) {
		t.Fatalf("example config differs from the defaults:\n got %+v\nwant %+v", cfg, want)
	}
}

func TestConfigErrorsNameTheKey(t *testing.T) {
	dir := t.TempDir()
	for _, tt := range []struct{ body, want string }{
		{"[ingest]\nmax_reject_share = 2\n", "max_reject_share"},
		{"[metrics]\nhiring_scenario = \"grow\"\n", "hiring_scenario"},
		{"[metrics]\nunknown_key = 1\n", "unknown_key"},
		{"[retirement]\nschedule = [{from = 2030, age = 64}, {from = 2025, age = 62}]\n", "sorted"},
		{"[survey.stress]\nmin_group_size = 4\n", "survey.stress.min_group_size"},
		{"[survey.stress]\nunknown_sex = \"other\"\n", "unknown_sex"},
		{"[survey.stress.norms]\nsource = \"\"\n", "source"},
		{"[survey.stress.norms.female]\ncontrol = 2\n", "survey.stress.norms.female.control"},
		{"[survey.instrument_likert.ghq]\n\"はい\" = 1\n", "instrument_likert.ghq"},
	} {
		p := filepath.Join(dir, "c.toml")
		os.WriteFile(p, []byte(tt.body), 0o644)
		_, err := LoadConfig(p, true)
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("config %q: err = %v, want it to mention %s", tt.body, err, tt.want)
		}
	}
	if _, err := LoadConfig(filepath.Join(dir, "missing.toml"), false); err != nil {
		t.Errorf("a missing default config file is not an error: %v", err)
	}
	if _, err := LoadConfig(filepath.Join(dir, "missing.toml"), true); err == nil {
		t.Error("a missing explicit config file must be an error")
	}
}
