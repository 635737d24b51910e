package app

import (
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// findingsScreen shows what is wrong with a scenario file, one finding per
// row as `firebreak lint` prints it (file:line:col: severity: message), in
// the UI language, so an author can go straight to the line. Rows are selectable, and "Copy
// all" puts the whole list on the clipboard for an e-mail or an issue.
type findingsScreen struct {
	sh   *shell
	u    userScenario
	back func()

	// Kept for tests.
	rows       []*ui.WrapLabel
	copyButton *ui.KeyButton
	backButton *ui.KeyButton
}

func newFindingsScreen(sh *shell, u userScenario, back func()) *findingsScreen {
	return &findingsScreen{sh: sh, u: u, back: back}
}

func (f *findingsScreen) Stop() {}

func (f *findingsScreen) Build() fyne.CanvasObject {
	loc := f.sh.loc
	f.backButton = ui.NewIconButton(loc.T("common.back"), theme.NavigateBackIcon(), f.back)
	f.copyButton = ui.NewIconButton(loc.T("findings.copy"), theme.ContentCopyIcon(), f.copy)

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
		ui.Bold(filepath.Base(f.u.Entry.File)),
		ui.Muted(f.u.Entry.File),
		ui.Wrapped(loc.T("findings.summary", "errors", nErr, "warnings", nWarn)),
	)
	if !f.u.OK() {
		head.Add(ui.Wrapped(loc.T("findings.fix_hint")))
	}

	f.rows = nil
	list := container.NewVBox()
	for i, line := range f.u.Findings(loc) {
		l := ui.Wrapped(line)
		l.Selectable = true
		icon := theme.ErrorIcon()
		if f.isWarning(i) {
			icon = theme.WarningIcon()
		} else {
			l.Importance = widget.DangerImportance
		}
		f.rows = append(f.rows, l)
		list.Add(ui.Panel(container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(icon)), nil, l)))
	}
	if len(f.rows) == 0 {
		list.Add(ui.Muted(loc.T("findings.none")))
	}
	top := container.NewVBox(container.NewBorder(nil, nil, nil,
		container.NewVBox(container.NewHBox(f.backButton, f.copyButton)), head),
		widget.NewSeparator())
	return ui.Column(1100, container.NewBorder(container.NewPadded(top), nil, nil, nil,
		container.NewVScroll(container.NewPadded(list))))
}

// isWarning reports whether the i-th finding line is a warning (an
// unreadable file's line comes first and is an error).
func (f *findingsScreen) isWarning(i int) bool {
	if f.u.Err != nil {
		i--
	}
	return i >= 0 && i < len(f.u.Problems) && f.u.Problems[i].Severity == scenario.SevWarning
}

func (f *findingsScreen) copy() {
	fyne.CurrentApp().Clipboard().SetContent(strings.Join(f.u.Findings(f.sh.loc), "\n") + "\n")
}
