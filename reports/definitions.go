package reports

import (
	_ "embed"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// definitionsTOML holds the short definition of every figure of the
// workbook. It is embedded so that the binary does not depend on the
// repository's docs at run time; docs/report.md points to it.
//
//go:embed definitions.toml
var definitionsTOML string

type definition struct {
	Key        string `toml:"key"`
	Sheet      string `toml:"sheet"`
	Name       string `toml:"name"`
	Source     string `toml:"source"`
	Audience   string `toml:"audience"`
	Definition string `toml:"definition"`
}

// Definitions returns the embedded short definitions by key (for the CLI
// and for docs tooling).
func Definitions() (map[string]string, error) {
	defs, err := loadDefinitions(nil)
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(defs))
	for _, d := range defs {
		m[d.Key] = d.Definition
	}
	return m, nil
}

// loadDefinitions parses the embedded file and applies the overrides.
func loadDefinitions(overrides map[string]string) ([]definition, error) {
	var file struct {
		Figure []definition `toml:"figure"`
	}
	md, err := toml.Decode(definitionsTOML, &file)
	if err != nil {
		return nil, fmt.Errorf("reports: definitions.toml: %w", err)
	}
	if undec := md.Undecoded(); len(undec) > 0 {
		return nil, fmt.Errorf("reports: definitions.toml: unknown key %s", undec[0])
	}
	seen := map[string]int{}
	for i, d := range file.Figure {
		if d.Key == "" || d.Sheet == "" || d.Name == "" || strings.TrimSpace(d.Definition) == "" {
			return nil, fmt.Errorf("reports: definitions.toml: figure %d (%q) needs key, sheet, name and definition", i+1, d.Key)
		}
		if _, dup := seen[d.Key]; dup {
			return nil, fmt.Errorf("reports: definitions.toml: key %q appears twice", d.Key)
		}
		switch d.Audience {
		case "", AudienceHR:
		default:
			return nil, fmt.Errorf("reports: definitions.toml: %s: audience %q: use \"hr\" or leave it out", d.Key, d.Audience)
		}
		seen[d.Key] = i
	}
	var unknown []string
	for k, v := range overrides {
		i, ok := seen[k]
		if !ok {
			unknown = append(unknown, k)
			continue
		}
		if strings.TrimSpace(v) != "" {
			file.Figure[i].Definition = v
		}
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		return nil, fmt.Errorf("reports: unknown definition keys %s", strings.Join(unknown, ", "))
	}
	return file.Figure, nil
}
