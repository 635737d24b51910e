package play

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// The role-player tab on the facilitator's laptop: the seat's panel
// (roleplay.go) as engine.SeatFacilitator, next to the console and behind
// its lock. It is there when the scenario declares personas to speak as.

// addRoleTab adds the role-player tab after the console's, when the
// scenario has personas.
func (e *Screen) addRoleTab() {
	var draft *RoleDraft // what the tab's composer held before a rebuild (a language switch)
	if e.role != nil {
		d := e.role.Draft()
		draft = &d
	}
	e.role, e.roleIdx = nil, 0
	has := false
	e.run.Session.Read(func(st *engine.State) { has = len(st.Scenario.Personas) > 0 })
	if !has {
		return
	}
	loc := e.host.Loc()
	e.role = NewRolePanel(e.run.Session, engine.SeatFacilitator, loc, e.cfg.Background)
	if draft != nil {
		e.role.RestoreDraft(*draft)
	}
	e.roleIdx = len(e.tabs.Items)
	e.addTab(loc.T("roleplay.tab"), theme.MailComposeIcon(), e.roleContent())
}

// roleContent is the role-player tab's content: the panel, or while the
// console is locked a note that sends the facilitator to unlock it (the
// panel speaks for the scenario's people: teams at a shared laptop must
// not).
func (e *Screen) roleContent() fyne.CanvasObject {
	if e.lock == nil || !e.lock.locked {
		return e.role.Root()
	}
	loc := e.host.Loc()
	toConsole := ui.NewIconButton(loc.T("roleplay.locked_unlock"), theme.VisibilityIcon(), func() { e.tabs.SelectIndex(0) })
	toConsole.Importance = widget.HighImportance
	form := container.NewVBox(
		container.NewHBox(widget.NewIcon(theme.VisibilityOffIcon()), ui.Heading(loc.T("console.locked_title"))),
		ui.Wrapped(loc.T("roleplay.locked_text")),
		container.NewHBox(toConsole),
	)
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(460, 0))
	return container.NewCenter(container.NewStack(width, form))
}

// showRoleTab puts the role-player tab's content, locked or not, in its
// tab.
func (e *Screen) showRoleTab() {
	if e.roleIdx == 0 || e.role == nil || e.roleIdx >= len(e.pages.Objects) {
		return
	}
	e.pages.Objects[e.roleIdx] = e.roleContent()
	e.showPage()
	e.pages.Refresh()
}

// facilitatorTab tells whether tab i is one of the facilitator's own
// (the console, the role-player tab): moving between them keeps the
// console open.
func (e *Screen) facilitatorTab(i int) bool { return i == 0 || (e.roleIdx > 0 && i == e.roleIdx) }

// teamTab is the index of the i-th team's tab: the teams' tabs come last.
func (e *Screen) teamTab(i int) int { return len(e.tabs.Items) - len(e.teamNames) + i }
