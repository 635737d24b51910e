package app

import (
	"io"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// debriefScreen is the after-action review: per team, the path through the
// scenario, each decision with the answer and response time, the ending and
// the scores; and an export to Markdown.
//
// It is drawn from a fresh fold of the stored log (exercise.Load), so it
// shows exactly what the exported report says. Everything on it, scenario
// text included, is in the UI language: the debrief is the facilitator's.
type debriefScreen struct {
	sh *shell
	st *engine.State

	// Kept for tests.
	exportButton *widget.Button
	homeButton   *widget.Button
	mapButton    *widget.Button
	teamCards    map[string]fyne.CanvasObject
	statements   map[string][]*widget.Label // by team: the statements shown, in answer order
	factChecks   map[string][]factCheck     // by team: required facts, in answer order
}

// factCheck is one required fact of a statement as the debrief shows it.
type factCheck struct {
	decision, fact, label string
	found                 bool
}

func newDebriefScreen(sh *shell, st *engine.State) *debriefScreen {
	return &debriefScreen{sh: sh, st: st}
}

func (d *debriefScreen) stop() {}

func (d *debriefScreen) build() fyne.CanvasObject {
	loc, st := d.sh.loc, d.st
	lang := loc.Lang().String()
	d.teamCards = map[string]fyne.CanvasObject{}
	d.statements = map[string][]*widget.Label{}
	d.factChecks = map[string][]factCheck{}

	d.exportButton = widget.NewButtonWithIcon(loc.T("debrief.export_markdown"), theme.DocumentSaveIcon(), d.export)
	d.exportButton.Importance = widget.HighImportance
	d.homeButton = widget.NewButtonWithIcon(loc.T("debrief.home"), theme.HomeIcon(), d.sh.showHome)
	d.mapButton = widget.NewButtonWithIcon(loc.T("debrief.branch_map"), theme.GridIcon(), func() {
		d.sh.showBranchMap(st.Scenario, teamPaths(st), func() { d.sh.show(d) })
	})

	status := loc.T("debrief.status_running", "time", formatClock(st.Now))
	if st.Ended {
		status = loc.T("debrief.status_ended", "time", formatClock(st.EndedAt), "reason", exerciseEndText(loc, st.Reason))
	}
	head := container.NewBorder(nil, nil, nil, container.NewCenter(container.NewHBox(d.homeButton, d.mapButton, d.exportButton)),
		container.NewVBox(heading(loc.T("debrief.title_for", "scenario", st.Scenario.Title.Get(lang))), muted(status)))

	body := container.NewVBox()
	for _, t := range st.Teams {
		card := d.teamCard(t, lang)
		d.teamCards[t.Name] = card
		body.Add(card)
	}
	return container.NewBorder(container.NewVBox(container.NewPadded(head), widget.NewSeparator()), nil, nil, nil,
		container.NewVScroll(column(1000, container.NewPadded(body))))
}

func (d *debriefScreen) teamCard(t *engine.Team, lang string) fyne.CanvasObject {
	loc, st := d.sh.loc, d.st
	objs := []fyne.CanvasObject{heading(t.Name)}

	// Ending.
	ending := bold(loc.T("debrief.ending_line", "ending", teamEndingText(loc, st, t, lang)))
	ending.Wrapping = fyne.TextWrapWord
	if t.EndReason == engine.EndReached {
		ending.Importance = toneImportance(st.Scenario.Phase(t.Ending).Ending.Tone)
	}
	objs = append(objs, ending)

	// Scores, as a row of big numbers.
	s := t.Scores()
	objs = append(objs, container.NewGridWithColumns(4,
		scoreBox(loc.T("score.speed"), formatScore(s, scoring.Speed, s.Speed)),
		scoreBox(loc.T("score.transparency"), formatScore(s, scoring.Transparency, s.Transparency)),
		scoreBox(loc.T("score.empathy"), formatScore(s, scoring.Empathy, s.Empathy)),
		scoreBox(loc.T("score.overall"), formatScore(s, scoring.Overall, s.Overall))))

	// Path.
	steps := make([]string, len(t.Path))
	for i, p := range t.Path {
		steps[i] = loc.T("debrief.path_step", "phase", phaseTitle(st.Scenario, p.Phase, lang), "time", formatClock(p.At))
	}
	objs = append(objs, bold(loc.T("debrief.path")), wrapped(strings.Join(steps, "  →  ")))

	// Decisions.
	objs = append(objs, bold(loc.T("debrief.decisions")))
	if len(t.Answers) == 0 {
		objs = append(objs, muted(loc.T("debrief.no_decisions")))
	}
	for _, a := range t.Answers {
		var answer string
		switch {
		case a.Option != nil:
			answer = loc.T("debrief.answer_chosen", "option", a.Option.Text.Get(lang),
				"took", formatTook(a.Took()))
		case a.TimedOut:
			answer = loc.T("debrief.timed_out")
		default:
			answer = loc.T("debrief.left_open")
		}
		ans := wrapped(answer)
		if a.Option == nil {
			ans.Importance = widget.DangerImportance
		}
		card := []fyne.CanvasObject{
			muted(loc.T("debrief.opened_at", "time", formatClock(a.OpenedAt)) + " · " + a.Decision.Prompt.Get(lang)),
			ans}
		if a.Decision.Statement != nil && !a.Open {
			card = append(card, d.statement(t.Name, a, lang)...)
		}
		objs = append(objs, panel(card...))
	}
	return container.NewPadded(panel(objs...))
}

// statement shows the statement a team wrote with a decision and which of
// the required facts it contained.
func (d *debriefScreen) statement(team string, a engine.Answer, lang string) []fyne.CanvasObject {
	loc, sc := d.sh.loc, d.st.Scenario
	spec := a.Decision.Statement
	objs := []fyne.CanvasObject{bold(loc.T("debrief.statement", "kind", statementKindName(loc, spec.Kind)))}
	text := strings.TrimSpace(a.Statement)
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	l.Selectable = true
	if text == "" {
		l.SetText(loc.T("debrief.no_statement"))
		l.Importance = widget.DangerImportance
	}
	d.statements[team] = append(d.statements[team], l)
	// A bar down the left marks the team's own words.
	bar := canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	bar.SetMinSize(fyne.NewSize(3, 0))
	objs = append(objs, container.NewBorder(nil, nil, bar, nil, l))
	if n := len(spec.RequiredFacts); n > 0 {
		objs = append(objs, muted(loc.T("debrief.facts_found", "n", len(a.FactsFound), "total", n)))
		for _, id := range spec.RequiredFacts {
			fc := factCheck{decision: a.Decision.ID, fact: id, label: factLabel(sc, id, lang), found: slices.Contains(a.FactsFound, id)}
			d.factChecks[team] = append(d.factChecks[team], fc)
			var icon fyne.Resource = theme.NewErrorThemedResource(theme.CancelIcon())
			word := loc.T("debrief.fact_missing")
			if fc.found {
				icon = theme.NewSuccessThemedResource(theme.ConfirmIcon())
				word = loc.T("debrief.fact_found")
			}
			objs = append(objs, container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil,
				wrapped(fc.label+" — "+word)))
		}
	}
	return objs
}

func scoreBox(label, value string) fyne.CanvasObject {
	v := widget.NewLabelWithStyle(value, fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	v.SizeName = theme.SizeNameHeadingText
	return container.NewVBox(v, faint(label, fyne.TextAlignCenter))
}

func toneImportance(tone string) widget.Importance {
	switch tone {
	case "good":
		return widget.SuccessImportance
	case "bad":
		return widget.DangerImportance
	}
	return widget.WarningImportance
}

// teamEndingText says how a team's play ended.
func teamEndingText(loc *i18n.Localizer, st *engine.State, t *engine.Team, lang string) string {
	switch {
	case !t.Ended:
		return loc.T("debrief.still_playing")
	case t.EndReason == engine.EndReached:
		p := st.Scenario.Phase(t.Ending)
		return loc.T("debrief.ended_at", "what", p.Ending.Outcome.Get(lang), "time", formatClock(t.EndedAt))
	default:
		return loc.T("debrief.ended_at", "what", endReasonText(loc, t.EndReason), "time", formatClock(t.EndedAt))
	}
}

// exerciseEndText says why the whole exercise ended.
func exerciseEndText(loc *i18n.Localizer, reason string) string {
	switch reason {
	case engine.EndComplete:
		return loc.T("debrief.reason_complete")
	case engine.EndFacilitator:
		return loc.T("debrief.reason_facilitator")
	case engine.EndTimeUp:
		return loc.T("debrief.reason_time_up")
	}
	return reason
}

// debriefFileName is the export's suggested file name.
func debriefFileName(scenarioID string) string {
	return "debrief-" + scenarioID + ".md"
}

// writeDebrief writes the Markdown report in the UI language.
func (d *debriefScreen) writeDebrief(w io.Writer) error {
	_, err := io.WriteString(w, debrief.Markdown(d.st, d.sh.loc.Lang().String()))
	return err
}

func (d *debriefScreen) export() {
	loc := d.sh.loc
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err == nil && w == nil {
			return // cancelled
		}
		if err == nil {
			err = d.writeDebrief(w)
			if cerr := w.Close(); err == nil {
				err = cerr
			}
		}
		if err != nil {
			showMessage(d.sh.win, loc, loc.T("common.error"), loc.T("debrief.export_failed", "error", err.Error()))
			return
		}
		showMessage(d.sh.win, loc, loc.T("debrief.export_markdown"), loc.T("debrief.exported", "path", w.URI().Path()))
	}, d.sh.win)
	save.SetFileName(debriefFileName(d.st.Scenario.ID))
	save.SetConfirmText(loc.T("debrief.save"))
	save.SetDismissText(loc.T("common.cancel"))
	save.Show()
	save.Resize(fyne.NewSize(900, 600)) // only after Show: before it, Fyne has no dialog to size
}
