package home

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// FindingsHost is what the findings screen needs from the window it is
// shown in.
type FindingsHost interface {
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
}

// Findings shows what is wrong with a scenario file, one finding per
// row as `firebreak lint` prints it (file:line:col: severity: message), in
// the UI language, so an author can go straight to the line. Rows are selectable, and "Copy
// all" puts the whole list on the clipboard for an e-mail or an issue.
type Findings struct {
	host FindingsHost
	u    UserScenario
	back func()
}

// NewFindings is the findings screen of a scenario file; back leaves it.
func NewFindings(host FindingsHost, u UserScenario, back func()) *Findings {
	return &Findings{host: host, u: u, back: back}
}

// Stop does nothing: the findings screen runs no timers.
func (f *Findings) Stop() {}

// Build draws the file's findings in the host's language.
func (f *Findings) Build() fyne.CanvasObject {
	loc := f.host.Loc()
	back := ui.NewIconButton(loc.T("common.back"), theme.NavigateBackIcon(), f.back)
	copyAll := ui.NewIconButton(loc.T("findings.copy"), theme.ContentCopyIcon(), f.copy)

	title := loc.T("findings.title_broken")
	if f.u.OK() {
		title = loc.T("findings.title_warnings")
	}
	nErr, nWarn := len(f.u.Problems.Errors()), len(f.u.Problems.Warnings())
	if f.u.Err != nil {
		nErr++
	}
	head := container.NewVBox(
		ui.Heading(title),
		ui.WrappedBold(filepath.Base(f.u.Entry.File)),
		ui.Muted(f.u.Entry.File),
		ui.Wrapped(loc.T("findings.summary", "errors", nErr, "warnings", nWarn)),
	)
	if !f.u.OK() {
		head.Add(ui.Wrapped(loc.T("findings.fix_hint")))
	}

	list := findingsList(loc, f.u)
	top := container.NewVBox(container.NewBorder(nil, nil, nil,
		container.NewVBox(container.NewHBox(back, copyAll)), head),
		widget.NewSeparator())
	return ui.Column(1100, container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(list))))
}

// findingsList is a file's findings, one panel each (errors in red, with
// their icon), or a line saying there are none.
func findingsList(loc *i18n.Localizer, u UserScenario) *fyne.Container {
	list := container.NewVBox()
	lines := u.Findings(loc)
	for i, line := range lines {
		l := ui.Wrapped(line)
		l.Selectable = true
		icon := theme.ErrorIcon()
		if u.isWarning(i) {
			icon = theme.WarningIcon()
		} else {
			l.Importance = widget.DangerImportance
		}
		list.Add(ui.Panel(container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, l)))
	}
	if len(lines) == 0 {
		list.Add(ui.Muted(loc.T("findings.none")))
	}
	return list
}

// isWarning reports whether the i-th finding line is a warning (an
// unreadable file's line comes first and is an error).
func (u UserScenario) isWarning(i int) bool {
	if u.Err != nil {
		i--
	}
	return i >= 0 && i < len(u.Problems) && u.Problems[i].Severity == scenario.SevWarning
}

func (f *Findings) copy() {
	fyne.CurrentApp().Clipboard().SetContent(strings.Join(f.u.Findings(f.host.Loc()), "\n") + "\n")
}
