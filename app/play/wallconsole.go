package play

import (
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The situation wall's side of the exercise screen: its window, the
// console's button and the dialog where the facilitator chooses what the
// wall shows (wall.go draws the wall).

// addWallButton puts the wall's button under the console's clock.
func (e *Screen) addWallButton() {
	b := ui.NewIconButton(e.host.Loc().T("wall.button"), theme.ComputerIcon(), func() {
		e.openWall()
		e.showWallSettings()
	})
	b.Importance = widget.LowImportance
	e.console.clockRow.Add(b)
}

// openWall opens the wall in a second window (or brings it forward), to
// drag onto the projector and make full screen there.
func (e *Screen) openWall() {
	if e.wall != nil {
		if e.wall.win != nil {
			e.wall.win.RequestFocus()
		}
		return
	}
	loc := e.host.Loc()
	wl := newWall(e.run.Session, loc, e.hosting, &e.wallSet)
	w := fyne.CurrentApp().NewWindow(loc.T("wall.window_title"))
	wl.win = w
	w.SetPadded(false) // the wall pads itself; its scale is the window's
	w.SetContent(wl.root)
	// F11 switches full screen, Escape leaves it, as on every
	// projector-minded program.
	w.Canvas().SetOnTypedKey(func(ev *fyne.KeyEvent) {
		switch {
		case ev.Name == fyne.KeyF11:
			w.SetFullScreen(!w.FullScreen())
		case ev.Name == fyne.KeyEscape && w.FullScreen():
			w.SetFullScreen(false)
		}
	})
	w.SetOnClosed(func() {
		wl.close()
		if e.wall == wl {
			e.wall = nil
		}
	})
	w.Resize(wallSize(e.host.Window().Canvas().Size()))
	if e.cfg.TickEvery > 0 {
		wl.startTicker(wallTickerEvery)
	}
	e.wall = wl
	w.Show()
}

// wallSize is the wall window's first size: 1280×720, or the exercise
// window's size when that is smaller. The exercise window was fitted to
// the screen at start, so the wall never opens larger than a 1024×600
// screen; on a projector it is made full screen anyway.
func wallSize(main fyne.Size) fyne.Size {
	want := fyne.NewSize(1280, 720)
	if main.Width <= 0 || main.Height <= 0 {
		return want
	}
	return fyne.NewSize(min(want.Width, main.Width), min(want.Height, main.Height))
}

// closeWall closes the wall's window (the exercise is left or over).
func (e *Screen) closeWall() {
	if e.wall == nil {
		return
	}
	wl := e.wall
	e.wall = nil
	wl.close()
	if wl.win != nil {
		wl.win.Close()
	}
}

// wallKey is F11 on the exercise window: it opens the wall, or switches
// an open one to full screen and back.
func (e *Screen) wallKey() {
	if e.wall == nil {
		e.openWall()
		return
	}
	if w := e.wall.win; w != nil {
		w.SetFullScreen(!w.FullScreen())
	}
}

// showWallSettings opens the dialog in which the facilitator chooses what
// the wall shows; each choice shows on the wall at once.
func (e *Screen) showWallSettings() {
	loc := e.host.Loc()
	var teams []string
	var vars []*scenario.Variable
	lang := loc.Lang().String()
	e.run.Session.Read(func(st *engine.State) {
		for _, t := range st.Teams {
			teams = append(teams, t.Name)
		}
		vars = st.Scenario.World
		if st.Lang != "" {
			lang = st.Lang
		}
	})
	set := &e.wallSet
	changed := func() {
		set.save(e.run.ID)
		if e.wall != nil {
			e.wall.changed()
		}
	}
	objs := []fyne.CanvasObject{ui.Wrapped(loc.T("wall.settings_intro"))}

	team := widget.NewSelect(teams, func(name string) {
		set.team = name
		changed()
	})
	team.SetSelected(set.shownTeam(teams))
	objs = append(objs, container.NewBorder(nil, nil, ui.Bold(loc.T("wall.team")), nil, team))

	if len(vars) > 0 {
		shown := set.shownMeters(vars)
		checks := container.NewGridWithColumns(3)
		for _, v := range vars {
			label := v.Label.Get(lang)
			if label == "" {
				label = v.ID
			}
			id := v.ID
			c := widget.NewCheck(label, func(on bool) {
				ids := []string{}
				for _, s := range set.shownMeters(vars) {
					if s.ID != id {
						ids = append(ids, s.ID)
					}
				}
				if on {
					ids = append(ids, id)
				}
				set.meters, set.chosen = ids, true
				changed()
			})
			c.Checked = slices.Contains(shown, v)
			checks.Add(c)
		}
		objs = append(objs, ui.Bold(loc.T("wall.meters")), checks)
	}

	if e.hosting != nil {
		var names []string
		for _, m := range wallJoinModes {
			names = append(names, wallJoinName(loc, m))
		}
		join := widget.NewSelect(names, func(string) {})
		mode := set.join
		if mode == "" {
			mode = wallJoinAuto
		}
		join.SetSelectedIndex(slices.Index(wallJoinModes, mode))
		join.OnChanged = func(string) {
			if i := join.SelectedIndex(); i >= 0 {
				set.join = wallJoinModes[i]
				changed()
			}
		}
		objs = append(objs, container.NewBorder(nil, nil, ui.Bold(loc.T("wall.join")), nil, join))
	}

	full := ui.NewIconButton(loc.T("wall.fullscreen"), theme.ViewFullScreenIcon(), func() {
		e.openWall()
		if e.wall != nil && e.wall.win != nil {
			e.wall.win.SetFullScreen(!e.wall.win.FullScreen())
		}
	})
	closeWall := ui.NewIconButton(loc.T("wall.close"), theme.CancelIcon(), e.closeWall)
	objs = append(objs, widget.NewSeparator(), container.NewHBox(full, closeWall))

	d := dialog.NewCustom(loc.T("wall.settings_title"), loc.T("common.close"), container.NewVBox(objs...), e.host.Window())
	d.Resize(fyne.NewSize(780, 0))
	ui.WithKeys(e.host.Window(), d, func() {})
	e.wallDialog = d
	d.SetOnClosed(func() {
		if e.wallDialog == d {
			e.wallDialog = nil
		}
	})
	d.Show()
}
