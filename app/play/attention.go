package play

import (
	"cmp"
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A shared laptop holds attention beyond the tab badges (tabbadge.go): a
// strip above the tabs lists every open decision of every team with its
// countdown, each one click from its team's tab; and, when chosen at
// setup, the clock pauses by itself when a decision opens for a team whose
// tab is not shown, so that no team loses time to another team's turn at
// the screen.

// openItem is one open decision in the strip.
type openItem struct {
	team     string
	tab      int // the team's tab
	od       engine.OpenDecision
	key      string // team, decision and opening: one decision's one opening
	deadline time.Duration
}

// openStrip is the row of open decisions above the tabs.
type openStrip struct {
	box     *fyne.Container // hidden when nothing is open
	row     *fyne.Container
	keys    []string // the items shown, in order
	buttons []*ui.KeyButton
	// left is each item's countdown, beside its button: it changes every
	// second, and drawn apart (a character at a time) it leaves the
	// button's text, the team and the question, as it was drawn.
	left []*ui.GlyphText
}

func newOpenStrip() *openStrip {
	s := &openStrip{row: container.NewHBox()}
	s.box = container.NewVBox(container.NewHScroll(s.row), widget.NewSeparator())
	s.box.Hide()
	return s
}

// openItems lists the teams' open decisions, the nearest deadline first.
func (e *Screen) openItems(open map[string][]engine.OpenDecision) []openItem {
	first := len(e.tabs.Items) - len(e.teams)
	var items []openItem
	for i, team := range e.teamNames {
		for _, od := range open[team] {
			items = append(items, openItem{team: team, tab: first + i, od: od,
				key: team + "\x00" + od.Decision.ID + "\x00" + od.OpenedAt.String(), deadline: od.DeadlineAt()})
		}
	}
	slices.SortStableFunc(items, func(a, b openItem) int { return cmp.Compare(a.deadline, b.deadline) })
	return items
}

// drawStrip shows the open decisions with their countdowns at now. It
// makes buttons anew only when the set of decisions changes.
func (e *Screen) drawStrip(items []openItem, now time.Duration, lang string) {
	s := e.strip
	if s == nil {
		return
	}
	if len(e.teams) < 2 || len(items) == 0 {
		// One team's tab badge says it all; nothing open, nothing to say.
		s.box.Hide()
		return
	}
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.key
	}
	if !slices.Equal(keys, s.keys) {
		s.keys, s.buttons, s.left = keys, make([]*ui.KeyButton, len(items)), make([]*ui.GlyphText, len(items))
		s.row.Objects = []fyne.CanvasObject{widget.NewIcon(theme.WarningIcon())}
		for i, it := range items {
			tab := it.tab
			b := ui.NewButton("", func() {
				if e.tabs != nil && tab < len(e.tabs.Items) {
					e.tabs.SelectIndex(tab)
				}
			})
			s.buttons[i] = b
			s.left[i] = ui.NewGlyphText("")
			s.left[i].TextStyle.Bold = true
			s.row.Add(b)
			s.row.Add(container.NewCenter(s.left[i]))
		}
	}
	for i, it := range items {
		_, _, u := ui.CountdownText(e.host.Loc(), now, it.od.TargetAt(), it.od.DeadlineAt())
		b := s.buttons[i]
		imp, col := widget.MediumImportance, theme.ColorNameForeground
		switch u {
		case ui.UrgencyCritical:
			imp, col = widget.DangerImportance, theme.ColorNameError
		case ui.UrgencyLate:
			imp, col = widget.WarningImportance, theme.ColorNameWarning
		}
		// Every second: a button is redrawn only when its text or colour
		// changed, the countdown only in the characters that changed.
		ui.SetButton(b, e.host.Loc().T("strip.item", "team", it.team, "decision", debrief.Question(it.od.Decision.Prompt.Get(lang))), b.Icon, imp)
		left := s.left[i]
		if c := theme.Color(col); c != left.Color {
			left.Color = c
			left.Refresh()
		}
		left.SetText(ui.FormatCountdown(it.deadline - now))
	}
	s.box.Show()
}

// autoPause pauses the clock when a decision has opened, not yet seen, for
// a team whose tab is not shown, and says why in the console. It does so
// once per opening: after a resume the teams play on. It reports whether
// it started a pause: the screen redraws once the pause is written.
func (e *Screen) autoPause(items []openItem) bool {
	if !e.autoPausing || e.hosting != nil {
		return false
	}
	var paused bool
	e.run.Session.Read(func(st *engine.State) { paused = st.Paused || st.Ended })
	var waiting []string
	for _, it := range e.openedElsewhere(items, e.pausedFor) {
		if !slices.Contains(waiting, it.team) {
			waiting = append(waiting, it.team)
		}
	}
	if len(waiting) == 0 || paused || e.pausing {
		return false
	}
	// The pause is written off the UI goroutine; until it is, the next
	// tick must not send another (pausing).
	e.pausing = true
	e.sendThen(engine.Command{Kind: engine.CmdPause}, func(err error) {
		e.pausing = false
		if err != nil {
			e.host.ShowError(err)
			return
		}
		e.autoPaused = waiting
		e.refresh()
	})
	return true
}

// soundOn tells whether the chime is on (the facilitator's choice, kept).
func soundOn() bool {
	a := fyne.CurrentApp()
	return a == nil || !a.Preferences().Bool(prefs.SoundOff)
}

// chimeFor plays the chime once for each decision that has opened, not
// yet seen, for a team whose tab is not shown, unless the sound is off.
func (e *Screen) chimeFor(items []openItem) {
	if e.hosting != nil {
		return // the teams are on their own laptops
	}
	ring := len(e.openedElsewhere(items, e.chimed)) > 0
	if ring && soundOn() && e.cfg.Chime != nil {
		e.cfg.Chime()
	}
}

// openedElsewhere returns the decisions in items that opened, not yet seen,
// for a team whose tab is not shown, leaving out those already in handled
// (the auto-pause's, the chime's), and adds them to it: each opening is
// acted on once.
func (e *Screen) openedElsewhere(items []openItem, handled map[string]bool) []openItem {
	var out []openItem
	for _, it := range items {
		if e.tabs.SelectedIndex() == it.tab || e.seen[it.key] || handled[it.key] {
			continue
		}
		handled[it.key] = true
		out = append(out, it)
	}
	return out
}
