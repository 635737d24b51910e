package setup

import (
	"io"
	"strings"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Printing the evaluation guides from the setup form: before an exercise
// is where a facilitator hands evaluators their paper forms, and the form
// is where the teams are named and the version chosen, so the PDF has one
// A4 form per guided objective and team, with the team's name printed,
// in the exercise's language (the evaluators work beside the teams), of
// the version chosen (a cut may leave objectives out).

// guided reports whether any objective of sc has an evaluation guide.
func guided(sc *scenario.Scenario) bool {
	for _, o := range sc.Objectives {
		if o.Guided() {
			return true
		}
	}
	return false
}

// printGuides asks where to save the guides, then makes and writes the
// PDF off the UI goroutine and says how it went, in the UI language.
func (s *Screen) printGuides() {
	entry, ok := s.entry()
	if !ok || s.printing {
		return
	}
	sc := entry.Scenario
	if v, err := sc.Variant(s.cut, s.difficulty); err == nil && v != nil {
		sc = v
	}
	lang := s.lang.String()
	var teams []string
	for _, t := range s.teams {
		if t = strings.TrimSpace(t); t != "" {
			teams = append(teams, t)
		}
	}
	save := s.saveFile
	if save == nil {
		save = s.fileDialog
	}
	save("eeg-"+sc.ID+"-"+lang+".pdf", func(w io.WriteCloser, where string) {
		s.printing = true
		work := func() {
			data, err := debrief.EEGPDF(debrief.EEGForms(sc, lang, teams), lang)
			if err == nil {
				_, err = w.Write(data)
			}
			if cerr := w.Close(); err == nil {
				err = cerr
			}
			ui.Do(func() {
				s.printing = false
				loc := s.host.Loc()
				if err != nil {
					ui.ShowMessage(s.host.Window(), loc, loc.T("common.error"), loc.T("eegpaper.print_failed", "error", ui.ErrorText(loc, err)))
					return
				}
				ui.ShowMessage(s.host.Window(), loc, loc.T("eegpaper.printed_title"), loc.T("eegpaper.printed", "path", where))
			})
		}
		s.host.Background()(work)
	})
}

// fileDialog asks where to save with Fyne's file dialog; done is not
// called when the user cancels.
func (s *Screen) fileDialog(name string, done func(w io.WriteCloser, where string)) {
	ui.SaveFile(s.host.Window(), s.host.Loc(), name, "eegpaper.print_failed", done)
}
