package review

import (
	"errors"
	"os"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/exercise"
)

// History lists every exercise on this laptop, finished or not,
// newest first: open one (its debrief, from which it exports, or resume
// it), tick two to compare them, erase one or all of them for good. A
// laptop lent for a drill at a venue must be left clean, so erasing
// removes the exercise from the database file itself (exercise.DB.Erase),
// and the host's files for it, and the screen says so.
//
// The list is read, and erasing done, off the UI goroutine.
type History struct {
	host Host

	loaded  bool
	list    []exercise.Summary
	orgs    map[string]string // exercise id → organisation (training programme)
	err     error
	ticked  []string // ids ticked for comparing, oldest tick first; at most two
	busy    bool     // an erase is running
	message string   // the last erase's outcome, shown above the list

	// The buttons and ticks drawn, which enable and tick update.
	compareButton  *ui.KeyButton
	eraseAllButton *ui.KeyButton
	openButtons    map[string]*ui.KeyButton // by exercise id
	eraseButtons   map[string]*ui.KeyButton
	checks         map[string]*widget.Check
}

// NewHistory is the history of the exercises in the host's store. It lists
// none until Load has read them.
func NewHistory(host Host) *History { return &History{host: host} }

// Stop does nothing: the history runs no timers.
func (h *History) Stop() {}

// Load reads the list of exercises in the background and redraws.
func (h *History) Load() {
	st, err := h.host.Store()
	if err != nil {
		h.loaded, h.err = true, err
		h.redraw()
		return
	}
	inBackground(h.host, func() {
		list, err := st.Exercises()
		var orgs map[string]string
		if err == nil {
			orgs, err = st.Organisations()
		}
		ui.Do(func() {
			h.loaded, h.list, h.orgs, h.err = true, list, orgs, err
			// A ticked exercise that is gone (erased) is unticked.
			var kept []string
			for _, id := range h.ticked {
				if h.find(id) != nil {
					kept = append(kept, id)
				}
			}
			h.ticked = kept
			h.redraw()
		})
	})
}

func (h *History) redraw() {
	if h.host.Current() == h {
		h.host.Show(h)
	}
}

func (h *History) find(id string) *exercise.Summary {
	for i := range h.list {
		if h.list[i].ID == id {
			return &h.list[i]
		}
	}
	return nil
}

// Build draws the history in the host's language.
func (h *History) Build() fyne.CanvasObject {
	loc := h.host.Loc()
	h.openButtons = map[string]*ui.KeyButton{}
	h.eraseButtons = map[string]*ui.KeyButton{}
	h.checks = map[string]*widget.Check{}

	home := ui.NewIconButton(loc.T("history.home"), theme.HomeIcon(), h.host.ShowHome)
	h.compareButton = ui.NewIconButton(loc.T("history.compare"), theme.ViewRestoreIcon(), h.compare)
	h.compareButton.Importance = widget.HighImportance
	h.eraseAllButton = ui.NewIconButton(loc.T("history.erase_all"), theme.DeleteIcon(), h.askEraseAll)
	h.eraseAllButton.Importance = widget.DangerImportance
	title := ui.Heading(loc.T("history.title"))
	title.Truncation = fyne.TextTruncateEllipsis
	head := container.NewBorder(nil, nil, nil, container.NewHBox(h.compareButton, h.eraseAllButton, home), title)

	top := []fyne.CanvasObject{head, ui.Wrapped(loc.T("history.intro")), ui.Muted(loc.T("history.erase_note"))}
	if h.busy {
		top = append(top, ui.IconLine(theme.HistoryIcon(), loc.T("history.erasing")))
	} else if h.message != "" {
		top = append(top, ui.IconLine(theme.ConfirmIcon(), h.message))
	}

	rows := container.NewVBox()
	switch {
	case !h.loaded:
		rows.Add(ui.Muted(loc.T("home.loading")))
	case h.err != nil:
		l := ui.Wrapped(loc.T("home.error.store", "error", ui.ErrorText(loc, h.err)))
		l.Importance = widget.DangerImportance
		rows.Add(l)
	case len(h.list) == 0:
		rows.Add(ui.Muted(loc.T("history.empty")))
	default:
		for _, ex := range h.list {
			rows.Add(h.row(ex))
		}
	}
	h.enable()
	return container.NewBorder(container.NewPadded(container.NewVBox(top...)), nil, nil, nil,
		container.NewVScroll(container.NewPadded(rows)))
}

// row is one exercise: title, when, teams, status, and its buttons.
func (h *History) row(ex exercise.Summary) fyne.CanvasObject {
	loc := h.host.Loc()
	id := ex.ID
	check := widget.NewCheck(loc.T("history.tick"), func(on bool) { h.tick(id, on) })
	check.Checked = slices.Contains(h.ticked, id)
	h.checks[id] = check

	var open *ui.KeyButton
	status := loc.T("history.status_finished")
	if ex.Finished {
		open = ui.NewIconButton(loc.T("history.open"), theme.DocumentIcon(), func() { h.host.ShowDebrief(id) })
	} else {
		status = loc.T("history.status_running", "clock", debrief.Clock(ex.Clock))
		open = ui.NewIconButton(loc.T("home.resume_button"), theme.MediaPlayIcon(), func() { h.host.ResumeExercise(id) })
	}
	open.Importance = widget.HighImportance
	erase := ui.NewIconButton(loc.T("history.erase"), theme.DeleteIcon(), func() { h.askErase(id) })
	h.openButtons[id], h.eraseButtons[id] = open, erase

	when := ex.CreatedAt.Local().Format("2006-01-02 15:04")
	facts := loc.T("home.resume_teams", "teams", ui.ListJoin(loc, ex.Teams))
	if org := h.orgs[id]; org != "" {
		facts += " · " + loc.T("programme.org_of", "name", org)
	}
	org := ui.NewButton(loc.T("programme.file_under"), func() { h.askOrganisation(id) })
	return ui.Panel(
		ui.WrappedBold(ui.ExerciseTitle(ex, loc.Lang().String())),
		ui.Muted(loc.T("history.started", "when", when)+" · "+status),
		ui.Wrapped(facts),
		container.NewHBox(check, ui.Spacer(), org, erase, open),
	)
}

// tick ticks or unticks an exercise for comparing. A third tick unticks the
// oldest, so two are always the last two chosen.
func (h *History) tick(id string, on bool) {
	var kept []string
	for _, t := range h.ticked {
		if t != id {
			kept = append(kept, t)
		}
	}
	if on {
		kept = append(kept, id)
	}
	if len(kept) > 2 {
		if c := h.checks[kept[0]]; c != nil {
			c.Checked = false
			c.Refresh()
		}
		kept = kept[1:]
	}
	h.ticked = kept
	h.enable()
}

// enable sets which buttons can be pressed: nothing while an erase runs;
// compare with exactly two ticked.
func (h *History) enable() {
	set := func(b *ui.KeyButton, on bool) {
		if b == nil {
			return
		}
		if on {
			b.Enable()
		} else {
			b.Disable()
		}
	}
	set(h.compareButton, !h.busy && len(h.ticked) == 2)
	set(h.eraseAllButton, !h.busy && h.loaded && len(h.list) > 0)
	for _, b := range h.openButtons {
		set(b, !h.busy)
	}
	for _, b := range h.eraseButtons {
		set(b, !h.busy)
	}
}

func (h *History) compare() {
	if len(h.ticked) != 2 {
		return
	}
	h.host.ShowCompare(h.ticked[0], h.ticked[1], func() { h.host.Show(h); h.Load() })
}

// askErase erases one exercise after a confirmation that names it. Enter
// does not confirm: erasing cannot be undone.
func (h *History) askErase(id string) {
	ex := h.find(id)
	if ex == nil {
		return
	}
	loc := h.host.Loc()
	msg := ui.Wrapped(loc.T("history.erase_confirm",
		"title", ui.ExerciseTitle(*ex, loc.Lang().String()),
		"when", ex.CreatedAt.Local().Format("2006-01-02 15:04"),
		"teams", ui.ListJoin(loc, ex.Teams)))
	h.ask(loc.T("history.erase_title"), msg, func() { h.erase([]string{id}, false) })
}

// askEraseAll erases every exercise after a confirmation that says how many.
func (h *History) askEraseAll() {
	loc := h.host.Loc()
	ids := make([]string, len(h.list))
	for i, ex := range h.list {
		ids[i] = ex.ID
	}
	text := loc.T("history.erase_all_confirm", "n", len(ids))
	if len(ids) == 1 {
		text = loc.T("history.erase_all_confirm_one")
	}
	msg := ui.Wrapped(text)
	h.ask(loc.T("history.erase_all_title"), msg, func() { h.erase(ids, true) })
}

func (h *History) ask(title string, msg fyne.CanvasObject, yes func()) {
	loc := h.host.Loc()
	confirm := dialog.NewCustomConfirm(title, loc.T("history.erase_button"), loc.T("common.cancel"), msg, func(ok bool) {
		if ok {
			yes()
		}
	}, h.host.Window())
	confirm.SetConfirmImportance(widget.DangerImportance)
	confirm.Resize(fyne.NewSize(520, 0))
	ui.WithKeys(h.host.Window(), confirm, func() {})
	confirm.Show()
}

// erase erases exercises (all of them with all) in the background: from
// the database, then the host's files for each (its network identity and
// the copies of the teams' streams).
func (h *History) erase(ids []string, all bool) {
	st, _ := h.host.Store()
	if st == nil || h.busy {
		return
	}
	h.busy, h.message = true, ""
	h.redraw()
	lanDir := h.host.LanDir()
	inBackground(h.host, func() {
		var n int
		var err error
		if all {
			n, err = st.EraseAll()
		} else {
			err = st.Erase(ids[0])
			n = 1
		}
		if lanDir != nil && (err == nil || errors.Is(err, exercise.ErrBusyCompacting)) {
			for _, id := range ids {
				if rmErr := os.RemoveAll(lanDir(id)); rmErr != nil && err == nil {
					err = rmErr
				}
			}
			if all {
				// The folder of every hosted exercise, with any left by
				// exercises erased before.
				if rmErr := os.RemoveAll(filepath.Dir(lanDir("x"))); rmErr != nil && err == nil {
					err = rmErr
				}
			}
		}
		ui.Do(func() {
			h.busy = false
			if a := fyne.CurrentApp(); a != nil && (err == nil || errors.Is(err, exercise.ErrBusyCompacting)) {
				for _, id := range ids {
					a.Preferences().RemoveValue(prefs.PIN(id)) // the console's PIN
					a.Preferences().RemoveValue(prefs.AutoPause(id))
					a.Preferences().RemoveValue(prefs.FeedSeen(id))
					a.Preferences().RemoveValue(prefs.Wall(id))
					a.Preferences().RemoveValue(prefs.FeedbackAnonymous(id))
				}
			}
			loc := h.host.Loc()
			switch {
			case err != nil:
				h.host.ShowError(err)
			case all:
				h.message = loc.T("history.erased_all", "n", n)
			default:
				h.message = loc.T("history.erased")
			}
			h.Load()
		})
	})
}

// askOrganisation files the exercise under an organisation (the training
// programme), saved in the background, then reads the list again.
func (h *History) askOrganisation(id string) {
	var names []string
	for _, o := range h.orgs {
		if !slices.Contains(names, o) {
			names = append(names, o)
		}
	}
	slices.Sort(names)
	ui.AskOrganisation(h.host.Window(), h.host.Loc(), names, h.orgs[id], func(org string) {
		st, err := h.host.Store()
		if err != nil {
			h.host.ShowError(err)
			return
		}
		ui.Then(h.host.Background(), func() error { return st.SetOrganisation(id, org) }, func(err error) {
			if err != nil {
				h.host.ShowError(err)
				return
			}
			h.Load()
		})
	})
}
