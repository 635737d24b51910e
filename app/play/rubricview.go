package play

import (
	"fmt"
	"math"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Live feedback on a statement as a team drafts it: the rubric
// (internal/rubric) judges the text a moment after typing stops and shows
// the scores per dimension and each check, with the words it found.

// judgeDelay is how long after the last keystroke the rubric runs.
const judgeDelay = 500 * time.Millisecond

// rubricFacts turns a statement's required facts into the rubric's.
func rubricFacts(sc *scenario.Scenario, ids []string, lang string) []rubric.Fact {
	if sc == nil {
		return nil
	}
	var out []rubric.Fact
	for _, id := range ids {
		for _, f := range sc.Facts {
			if f.ID == id {
				out = append(out, rubric.NewFact(f.ID, f.Label, f.Match, lang))
			}
		}
	}
	return out
}

// rubricLines sorts a judgement into what the panel lists: credit checks
// passed, credit checks not yet met, and penalties that fired. Required
// facts ("fact:…") are left out: the checklist above the panel shows them.
func rubricLines(r rubric.Result) (passed, missing, penalties []rubric.Check) {
	for _, c := range r.Checks {
		switch {
		case strings.HasPrefix(c.ID, "fact:"):
		case c.Penalty && !c.Passed:
			penalties = append(penalties, c)
		case c.Penalty:
		case c.Passed:
			passed = append(passed, c)
		default:
			missing = append(missing, c)
		}
	}
	return passed, missing, penalties
}

// checkLabel is a check's name in lang.
func checkLabel(c rubric.Check, lang string) string {
	if s := c.Label[lang]; s != "" {
		return s
	}
	if s := c.Label["en"]; s != "" {
		return s
	}
	return c.ID
}

// hintText is a failed check's one-line explanation in lang.
func hintText(c rubric.Check, lang string) string {
	if s := c.Hint[lang]; s != "" {
		return s
	}
	return c.Hint["en"]
}

// quoteEvidence shows the words a check found, quoted, at most three.
func quoteEvidence(loc *i18n.Localizer, ev []string) string {
	var qs []string
	for i, e := range ev {
		if i == 3 {
			qs = append(qs, "…")
			break
		}
		e = strings.Join(strings.Fields(e), " ")
		if r := []rune(e); len(r) > 40 {
			e = string(r[:40]) + "…"
		}
		qs = append(qs, loc.T("rubric.quote", "text", e))
	}
	return strings.Join(qs, loc.T("rubric.quote_sep"))
}

// rubricView is the feedback panel under a statement entry.
type rubricView struct {
	loc     *i18n.Localizer
	lang    string // the statement's language (the exercise's), for the word lists
	facts   []rubric.Fact
	hazard  string        // the decision's statement hazard (open or cleared)
	kind    string        // the statement's kind: whom the overall score weighs for
	judging *ui.Debouncer // judges the text once typing pauses, off the UI goroutine

	box     *fyne.Container
	overall *widget.Label
	dims    *fyne.Container
	dimBars map[string]*scoreBar
	list    *fyne.Container

	mu     sync.Mutex
	latest string // the text last asked for; older judgements are dropped

	// result is the judgement shown (nil for no text): the confirmation of
	// a choice checks it for a statement that says the opposite.
	result *rubric.Result
}

func newRubricView(loc *i18n.Localizer, lang string, facts []rubric.Fact, hazard, kind string) *rubricView {
	rv := &rubricView{loc: loc, lang: lang, facts: facts, hazard: hazard, kind: kind, judging: ui.NewDebouncer(judgeDelay), dimBars: map[string]*scoreBar{}}
	rv.overall = widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
	var cells []fyne.CanvasObject
	for _, d := range rubric.Dimensions {
		b := newScoreBar(rubric.DimensionLabels[d][loc.Lang().String()])
		rv.dimBars[d] = b
		cells = append(cells, b)
	}
	rv.dims = container.NewGridWithColumns(2, cells...)
	rv.list = container.NewVBox()
	note := ui.Muted(loc.T("rubric.honest"))
	head := container.NewBorder(nil, nil, ui.Bold(loc.T("rubric.title")), rv.overall)
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	rv.box = container.NewStack(bg, container.NewPadded(container.NewVBox(head, rv.dims, rv.list, note)))
	rv.show(nil)
	return rv
}

// textChanged judges text once typing has paused. The judging runs on the
// timer's goroutine; the result is drawn on the UI goroutine, unless the
// text changed again meanwhile.
func (rv *rubricView) textChanged(text string) {
	rv.mu.Lock()
	rv.latest = text
	rv.mu.Unlock()
	rv.judging.Call(func() {
		r := rv.judge(text)
		ui.Do(func() {
			rv.mu.Lock()
			stale := text != rv.latest
			rv.mu.Unlock()
			if !stale {
				rv.show(r)
			}
		})
	})
}

// judgeNow judges text at once, on the UI goroutine (a restored draft).
func (rv *rubricView) judgeNow(text string) {
	rv.judging.Cancel()
	rv.mu.Lock()
	rv.latest = text
	rv.mu.Unlock()
	rv.show(rv.judge(text))
}

func (rv *rubricView) stop() { rv.judging.Cancel() }

// judge runs the rubric; nil for a text with nothing in it.
func (rv *rubricView) judge(text string) *rubric.Result {
	if strings.TrimSpace(text) == "" {
		return nil
	}
	r := rubric.Judge(text, rubric.Context{Lang: rv.lang, Facts: rv.facts, Hazard: rv.hazard, Kind: rv.kind})
	return &r
}

// show draws a judgement; nil means there is no text yet.
func (rv *rubricView) show(r *rubric.Result) {
	loc, uiLang := rv.loc, rv.loc.Lang().String()
	rv.result = r
	if r == nil {
		rv.overall.SetText("")
		rv.dims.Hide()
		rv.list.Objects = []fyne.CanvasObject{ui.Muted(loc.T("rubric.empty"))}
		rv.list.Refresh()
		return
	}
	key := "rubric.overall"
	if r.Capped {
		key = "rubric.overall_capped"
	}
	rv.overall.SetText(loc.T(key, "score", fmt.Sprintf("%.0f", math.Round(r.Overall))))
	rv.dims.Show()
	for _, d := range rubric.Dimensions {
		rv.dimBars[d].set(r.Scores[d])
	}
	passed, missing, penalties := rubricLines(*r)
	var objs []fyne.CanvasObject
	for _, c := range penalties {
		key := "rubric.penalty"
		if c.Weight == 0 {
			key = "rubric.flag"
		}
		text := loc.T(key, "check", checkLabel(c, uiLang), "points", fmt.Sprintf("%.0f", c.Weight),
			"evidence", quoteEvidence(loc, c.Evidence))
		if h := hintText(c, uiLang); h != "" {
			text += "\n" + h
		}
		l := ui.Wrapped(text)
		l.Importance = widget.DangerImportance
		objs = append(objs, rubricLine(theme.NewErrorThemedResource(theme.CancelIcon()), l))
	}
	for _, c := range passed {
		l := ui.Wrapped(loc.T("rubric.passed", "check", checkLabel(c, uiLang), "evidence", quoteEvidence(loc, c.Evidence)))
		objs = append(objs, rubricLine(theme.NewSuccessThemedResource(theme.ConfirmIcon()), l))
	}
	for _, c := range missing {
		l := ui.Wrapped(loc.T("rubric.missing", "check", checkLabel(c, uiLang), "hint", hintText(c, uiLang)))
		objs = append(objs, rubricLine(theme.RadioButtonIcon(), l))
	}
	for _, n := range r.Notes {
		if n.ID == "empty" {
			continue
		}
		t := n.Text[uiLang]
		if t == "" {
			t = n.Text["en"]
		}
		objs = append(objs, rubricLine(theme.InfoIcon(), ui.Wrapped(t)))
	}
	rv.list.Objects = objs
	rv.list.Refresh()
}

// rubricLine is an icon beside a wrapped line, level with its first row
// (a label's text sits an inner padding below its top).
func rubricLine(icon fyne.Resource, l *ui.WrapLabel) fyne.CanvasObject {
	pad := theme.Size(theme.SizeNameInnerPadding)
	at := container.New(layout.NewCustomPaddedLayout(pad, 0, 0, 0), widget.NewIcon(icon))
	return container.NewBorder(nil, nil, container.NewVBox(at), nil, l)
}

// scoreBar is a labelled 0–100 score with a thin bar.
type scoreBar struct {
	widget.BaseWidget
	name  *widget.Label
	value *widget.Label
	track *canvas.Rectangle
	fill  *canvas.Rectangle
	score float64
	box   *fyne.Container
}

func newScoreBar(name string) *scoreBar {
	b := &scoreBar{name: widget.NewLabel(name), value: widget.NewLabelWithStyle("", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true}),
		track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder)), fill: canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))}
	b.name.Truncation = fyne.TextTruncateEllipsis
	b.track.CornerRadius, b.fill.CornerRadius = 2, 2
	bar := container.New(&fracBarLayout{frac: func() float32 { return float32(min(1, max(0, b.score/100))) }}, b.track, b.fill)
	b.box = container.NewVBox(container.NewBorder(nil, nil, nil, b.value, b.name), bar)
	b.ExtendBaseWidget(b)
	return b
}

func (b *scoreBar) set(score float64) {
	b.score = score
	b.value.SetText(fmt.Sprintf("%.0f", math.Round(score)))
	col := theme.ColorNameSuccess
	switch {
	case score < 40:
		col = theme.ColorNameError
	case score < 70:
		col = theme.ColorNameWarning
	}
	b.fill.FillColor = theme.Color(col)
	b.box.Refresh()
}

// CreateRenderer implements fyne.Widget.
func (b *scoreBar) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(b.box) }

// fracBarLayout draws a full-width track and a fill over a fraction of it.
type fracBarLayout struct{ frac func() float32 }

func (l *fracBarLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	p := theme.Size(theme.SizeNameInnerPadding)
	w := max(0, size.Width-2*p)
	objs[0].Resize(fyne.NewSize(w, 4))
	objs[0].Move(fyne.NewPos(p, 0))
	objs[1].Resize(fyne.NewSize(w*l.frac(), 4))
	objs[1].Move(fyne.NewPos(p, 0))
}

func (l *fracBarLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, 4) }
