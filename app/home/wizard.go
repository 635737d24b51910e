package home

import (
	"errors"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/authoring"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// WizardHost is what the new-scenario screen needs from the window.
type WizardHost interface {
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Background runs slow work (writing the file) off the UI goroutine.
	Background(func())
	// ShowAuthoring shows the file just written, watched as it is edited.
	ShowAuthoring(file string)
}

// Wizard makes a new scenario from a template (a built-in or one of the
// user's): a new id (checked as the format checks ids, and against the
// scenarios there are), titles in English and Chinese ("Copy of …",
// "…（副本）"), the file it will be; Create writes the copy into the user
// folder (authoring.Create) and goes on to the authoring view.
type Wizard struct {
	host  WizardHost
	tmpl  library.Entry
	dir   string
	taken func(string) bool
	back  func()

	// What the user entered, kept across language switches.
	en, zh, id string
	idEdited   bool  // the id was typed, not suggested from the title
	busy       bool  // the file is being written
	failed     error // Create's refusal, until the fields change

	// What Build drew.
	enEntry, zhEntry, idEntry *widget.Entry
	message, file             *ui.WrapLabel
	create                    *ui.KeyButton
}

// NewWizard is the new-scenario screen for the template tmpl, writing into
// dir; taken reports the ids in use (built-ins, the user's files); back
// leaves it.
func NewWizard(host WizardHost, tmpl library.Entry, dir string, taken func(string) bool, back func()) *Wizard {
	w := &Wizard{host: host, tmpl: tmpl, dir: dir, taken: taken, back: back}
	if sc := tmpl.Scenario; sc != nil {
		title := authoring.CopyTitle(sc.Title)
		w.en, w.zh = title["en"], title["zh"]
	}
	w.id = authoring.SuggestID(w.en, w.isTaken)
	return w
}

// isTaken reports an id in use: by a scenario the window knows or by a
// file of the user folder of that name.
func (w *Wizard) isTaken(id string) bool {
	return w.taken != nil && w.taken(id)
}

// Stop does nothing: the wizard runs no timers.
func (w *Wizard) Stop() {}

// Build draws the form in the host's language.
func (w *Wizard) Build() fyne.CanvasObject {
	loc := w.host.Loc()
	lang := loc.Lang().String()
	tmplTitle := ""
	if w.tmpl.Scenario != nil {
		tmplTitle = w.tmpl.Scenario.Title.Get(lang)
	}
	w.enEntry, w.zhEntry, w.idEntry = widget.NewEntry(), widget.NewEntry(), widget.NewEntry()
	w.enEntry.SetText(w.en)
	w.zhEntry.SetText(w.zh)
	w.idEntry.SetText(w.id)
	w.idEntry.SetPlaceHolder("my-drill")
	w.enEntry.OnChanged = func(s string) {
		w.en = s
		if !w.idEdited {
			w.id = authoring.SuggestID(s, w.isTaken)
			w.idEntry.SetText(w.id) // its OnChanged sees idEdited unchanged
		}
		w.changed()
	}
	w.zhEntry.OnChanged = func(s string) { w.zh = s; w.changed() }
	w.idEntry.OnChanged = func(s string) {
		if s != w.id {
			w.id, w.idEdited = s, true
		}
		w.changed()
	}
	w.message = ui.Wrapped("")
	w.message.Importance = widget.DangerImportance
	w.file = ui.Muted("")
	w.file.Selectable = true
	w.create = ui.NewIconButton(loc.T("wizard.create"), theme.DocumentCreateIcon(), w.submit)
	w.create.Importance = widget.HighImportance
	cancel := ui.NewIconButton(loc.T("common.cancel"), theme.CancelIcon(), w.back)

	form := widget.NewForm(
		widget.NewFormItem(loc.T("wizard.title_en"), w.enEntry),
		widget.NewFormItem(loc.T("wizard.title_zh"), w.zhEntry),
		&widget.FormItem{Text: loc.T("wizard.id"), Widget: w.idEntry, HintText: loc.T("wizard.id_hint")},
	)
	body := container.NewVBox(
		ui.WrappedHeading(loc.T("wizard.title", "template", tmplTitle)),
		ui.Wrapped(loc.T("wizard.help")),
		widget.NewSeparator(),
		form,
		w.file,
		w.message,
		container.NewHBox(ui.Spacer(), cancel, w.create),
	)
	w.changed()
	return ui.Column(760, container.NewVScroll(container.NewPadded(body)))
}

// problem is what keeps the form from being sent, or nil.
func (w *Wizard) problem() error {
	if err := authoring.CheckID(w.id, w.isTaken); err != nil {
		return err
	}
	if strings.TrimSpace(w.en) == "" || strings.TrimSpace(w.zh) == "" {
		return authoring.ErrTitleEmpty
	}
	return nil
}

// changed redraws the file name, the message and the button after an edit.
func (w *Wizard) changed() {
	if w.message == nil {
		return
	}
	loc := w.host.Loc()
	w.failed = nil
	w.file.SetText(loc.T("wizard.file", "file", filepath.Join(w.dir, authoring.FileName(w.id))))
	w.show(w.problem())
}

// show puts err (or nothing) under the fields and enables Create when the
// form can be sent.
func (w *Wizard) show(err error) {
	loc := w.host.Loc()
	if err == nil && w.failed != nil {
		err = w.failed
	}
	shown := ""
	if err != nil {
		shown = WizardErrorText(loc, err, w.id, filepath.Join(w.dir, authoring.FileName(w.id)))
	}
	w.message.SetText(shown)
	if err != nil || w.busy {
		w.create.Disable()
	} else {
		w.create.Enable()
	}
}

// submit writes the copy in the background and goes on to the authoring
// view, or says why it could not.
func (w *Wizard) submit() {
	if w.busy || w.problem() != nil {
		return
	}
	w.busy = true
	w.create.Disable()
	w.message.SetText(w.host.Loc().T("wizard.creating"))
	dir, tmpl, id := w.dir, w.tmpl, w.id
	title := scenario.Text{"en": strings.TrimSpace(w.en), "zh": strings.TrimSpace(w.zh)}
	taken := w.isTaken
	w.host.Background(func() {
		file, err := authoring.Create(dir, tmpl, id, title, taken)
		ui.Do(func() {
			w.busy = false
			if err != nil {
				w.failed = err
				w.show(err)
				return
			}
			w.host.ShowAuthoring(file)
		})
	})
}

// WizardErrorText says a refusal of authoring in the UI language; id and
// file are what the user asked for.
func WizardErrorText(loc *i18n.Localizer, err error, id, file string) string {
	switch {
	case errors.Is(err, authoring.ErrIDEmpty):
		return loc.T("wizard.error.id_empty")
	case errors.Is(err, authoring.ErrIDFormat):
		return loc.T("wizard.error.id_format")
	case errors.Is(err, authoring.ErrIDTaken):
		return loc.T("wizard.error.id_taken", "id", id)
	case errors.Is(err, authoring.ErrFileExists):
		return loc.T("wizard.error.exists", "file", file)
	case errors.Is(err, authoring.ErrTitleEmpty):
		return loc.T("wizard.error.title_empty")
	case errors.Is(err, authoring.ErrNoFolder):
		return loc.T("wizard.error.no_folder")
	case errors.Is(err, authoring.ErrTemplate):
		return loc.T("wizard.error.template")
	}
	return loc.T("wizard.error.write", "error", ui.ErrorText(loc, err))
}
