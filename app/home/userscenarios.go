package home

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// UserScenario is a scenario file from outside the app: from the user
// folder or opened with the file dialog. When it failed to load, Entry has
// no Scenario and Problems (or Err) says why; a usable file may still carry
// warnings.
type UserScenario struct {
	Entry    library.Entry
	Problems scenario.Problems
	Err      error // the file could not be read at all
}

// OK reports whether the scenario loaded and can be played.
func (u UserScenario) OK() bool { return u.Entry.Scenario != nil && u.Err == nil }

// Findings are the lines the findings view shows, one per problem, in the
// compiler-like form the lint command prints (file:line:col: severity:
// message), in the UI language: in English exactly as lint prints them.
func (u UserScenario) Findings(loc *i18n.Localizer) []string {
	var out []string
	if u.Err != nil {
		out = append(out, findingText(loc, u.Entry.File, scenario.SevError, ui.ErrorText(loc, u.Err)))
	}
	for _, p := range u.Problems {
		out = append(out, problemLine(loc, p))
	}
	return out
}

// problemLine is a scenario finding in the UI language, positioned as lint
// positions it: file:line:col.
func problemLine(loc *i18n.Localizer, p scenario.Problem) string {
	where := p.File
	if p.Pos.Line > 0 {
		where = fmt.Sprintf("%s:%d:%d", p.File, p.Pos.Line, p.Pos.Col)
	}
	return findingText(loc, where, p.Severity, p.Text(loc.Lang().String()))
}

func findingText(loc *i18n.Localizer, where string, sev scenario.Severity, msg string) string {
	key := "findings.severity.error"
	if sev == scenario.SevWarning {
		key = "findings.severity.warning"
	}
	return loc.T("findings.line", "where", where, "severity", loc.T(key), "message", msg)
}

// problemsText says an error in the UI language when it is (or joins)
// scenario findings, one line each; any other error keeps its words.
func problemsText(loc *i18n.Localizer, err error) string {
	var ps scenario.Problems
	if errors.As(err, &ps) {
		if joined, ok := err.(interface{ Unwrap() []error }); ok {
			var lines []string
			for _, e := range joined.Unwrap() {
				lines = append(lines, problemsText(loc, e))
			}
			return strings.Join(lines, "\n")
		}
		errs := ps.Errors()
		if len(errs) == 0 {
			errs = ps
		}
		lines := make([]string, len(errs))
		for i, p := range errs {
			lines[i] = problemLine(loc, p)
		}
		return strings.Join(lines, "\n")
	}
	return ui.ErrorText(loc, err)
}

// LoadUserScenarios reads every *.yaml (and *.yml) file in dir, sorted by
// name. A missing folder is not an error: it simply has no scenarios yet.
func LoadUserScenarios(dir string) ([]UserScenario, error) {
	if dir == "" {
		return nil, nil
	}
	names, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var files []string
	for _, n := range names {
		ext := strings.ToLower(filepath.Ext(n.Name()))
		if !n.IsDir() && (ext == ".yaml" || ext == ".yml") {
			files = append(files, filepath.Join(dir, n.Name()))
		}
	}
	sort.Strings(files)
	out := make([]UserScenario, 0, len(files))
	for _, f := range files {
		out = append(out, loadScenarioFile(f))
	}
	return out, nil
}

// loadScenarioFile loads and checks one scenario file.
func loadScenarioFile(path string) UserScenario {
	f, err := os.Open(path)
	if err != nil {
		return UserScenario{Entry: library.Entry{File: path}, Err: err}
	}
	defer f.Close()
	return ReadScenario(path, f)
}

// ReadScenario loads and checks a scenario from r (a file or what the file
// dialog opened); name is what findings are reported against.
func ReadScenario(name string, r io.Reader) UserScenario {
	// One byte over the limit is enough for Parse to refuse the file.
	src, err := io.ReadAll(io.LimitReader(r, scenario.MaxFileSize+1))
	if err != nil {
		return UserScenario{Entry: library.Entry{File: name}, Err: err}
	}
	sc, probs := scenario.Parse(name, src)
	u := UserScenario{Entry: library.Entry{File: name, Source: src}, Problems: probs}
	if sc != nil && len(sc.MediaFiles()) > 0 {
		// The pictures are beside the file, in its folder.
		media, mp := scenario.ReadMedia(os.DirFS(filepath.Dir(name)), name, sc)
		if len(mp) > 0 {
			u.Problems = append(u.Problems, mp...)
		}
		if len(mp.Errors()) > 0 {
			sc = nil
		}
		u.Entry.Media = media
	}
	if sc != nil {
		u.Entry.ID, u.Entry.Scenario = sc.ID, sc
	}
	return u
}
