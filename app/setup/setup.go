// Package setup is the form that starts an exercise: scenario, its version
// (full or a shorter cut) and difficulty, teams, exercise language, time
// compression, and how this laptop runs it (team
// laptops, the console's PIN, auto-pause).
package setup

import (
	"errors"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// defaultTeamNames name new teams in the exercise's language: call signs
// in English, numbered groups (小组, the term for a team) in Chinese.
var defaultTeamNames = map[i18n.Lang][]string{
	i18n.EN: {"Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot",
		"Golf", "Hotel", "India", "Juliett", "Kilo", "Lima"},
	i18n.ZH: {"第一组", "第二组", "第三组", "第四组", "第五组", "第六组",
		"第七组", "第八组", "第九组", "第十组", "第十一组", "第十二组"},
}

// Host is what the setup form needs from the window it is shown in.
type Host interface {
	// Loc is the localizer of the language now shown.
	Loc() *i18n.Localizer
	// Show shows a screen (the form itself again, redrawn).
	Show(ui.Screen)
	// Current is the screen now shown: a start that fails redraws the
	// form only while it is shown.
	Current() ui.Screen
	// ShowHome leaves the form for the home screen.
	ShowHome()
	// CanHost reports whether this build can serve an exercise to team
	// laptops; the form offers them only then.
	CanHost() bool
	// Window is the window the form is shown in; the print dialog and
	// its messages open over it.
	Window() fyne.Window
	// Background runs slow work (making and writing the printable
	// evaluation guides) off the UI goroutine.
	Background() func(func())
	// Start starts an exercise; the form calls it only with valid input.
	// It may work in the background; done hears how it went (nil: the
	// exercise screen has replaced the form), on the UI goroutine.
	Start(cfg engine.Config, title scenario.Text, opts StartOptions, done func(error))
}

// StartOptions are the setup choices about how this laptop runs the
// exercise, beside the engine's Config.
type StartOptions struct {
	// Several: the teams play on their own laptops over the local network.
	Several bool
	// PIN, when not empty, locks the facilitator's console.
	PIN string
	// AutoPause pauses the clock when a decision opens for a team whose
	// tab is not shown (a shared laptop).
	AutoPause bool
	// Organisation is the organisation or cohort the exercise is filed
	// under in the training programme (cleaned by
	// exercise.CleanOrganisation); "" for none.
	Organisation string
}

// Screen is the form that starts an exercise: scenario, teams,
// exercise language and time compression. What the user entered lives in
// the struct, not in the widgets, so a language switch keeps it.
type Screen struct {
	host    Host
	entries []library.Entry

	scenarioFile string // the chosen entry's File: unique, where ids may repeat
	cut          string // the version: scenario.FullCut or one of the scenario's cuts
	difficulty   string // easy, standard or hard
	teams        []string
	problems     []teamProblem // per team, after a refused start
	lang         i18n.Lang
	speed        float64
	several      bool   // teams on their own laptops
	pin          string // the console's PIN; "" for none
	autoPause    bool   // pause when a decision opens on a tab not shown
	organisation string // optional; the last one set up is offered again
	orgErr       string // why the organisation was refused, in words
	pinErr       string // an i18n key, after a refused start
	startErr     string
	starting     bool // the exercise is being started (in the background)
	printing     bool // the evaluation guides are being written (eeg.go)

	// saveFile asks where to write the printable guides (nil: the file
	// dialog, fileDialog in eeg.go); done is not called on cancel.
	saveFile func(name string, done func(w io.WriteCloser, where string))

	// Widgets the form updates as the user types and submits.
	teamErrors  []*ui.WrapLabel // beside each team's name
	speedNote   *ui.WrapLabel   // what the speed leaves of a decision window
	startButton *ui.KeyButton
}

// New opens the form with chosen selected; entries are the scenarios
// offered (chosen is added when it is not among them).
func New(host Host, entries []library.Entry, chosen library.Entry) *Screen {
	if chosen.Scenario != nil && !slices.ContainsFunc(entries, func(e library.Entry) bool { return e.File == chosen.File }) {
		entries = append(slices.Clip(entries), chosen)
	}
	file := chosen.File
	if chosen.Scenario == nil && len(entries) > 0 {
		file = entries[0].File
	}
	lang := host.Loc().Lang()
	var org string
	if a := fyne.CurrentApp(); a != nil {
		org = a.Preferences().String(prefs.LastOrganisation)
	}
	return &Screen{host: host, entries: entries, scenarioFile: file, cut: scenario.FullCut, difficulty: scenario.DifficultyStandard,
		teams: slices.Clone(defaultTeamNames[lang][:2]), lang: lang, speed: 1, organisation: org}
}

// Stop does nothing: the form runs no timers.
func (s *Screen) Stop() {}

// Build draws the form in the host's language, as the user has filled it.
func (s *Screen) Build() fyne.CanvasObject {
	s.speedNote = nil // the one drawn last time is gone
	loc := s.host.Loc()
	lang := loc.Lang().String()

	// Scenario.
	var titles []string
	for _, e := range s.entries {
		titles = append(titles, ui.EntryLabel(e, lang))
	}
	scenarioSelect := widget.NewSelect(titles, nil)
	for i, e := range s.entries {
		if e.File == s.scenarioFile {
			scenarioSelect.SetSelectedIndex(i)
		}
	}
	scenarioSelect.OnChanged = func(string) {
		if i := scenarioSelect.SelectedIndex(); i >= 0 && s.entries[i].File != s.scenarioFile {
			s.scenarioFile = s.entries[i].File
			if s.entries[i].Scenario.Cut(s.cut) == nil {
				s.cut = scenario.FullCut // the scenario chosen has no such cut
			}
			s.host.Show(s) // its versions
		}
	}
	versionItem, difficultyItem := s.versionItems()

	// Teams: one row per team, the error beside its field.
	s.teamErrors = nil
	teamRows := container.NewVBox()
	for i := range s.teams {
		teamRows.Add(s.teamRow(i))
	}
	add := ui.NewIconButton(loc.T("home.add_team"), theme.ContentAddIcon(), s.addTeam)
	if len(s.teams) >= engine.MaxTeams {
		add.Disable()
	}

	// Exercise language, listed as "中文 / English".
	langNames := []string{i18n.ZH.Name(), i18n.EN.Name()}
	langRadio := widget.NewRadioGroup(langNames, func(v string) {
		if l, ok := i18n.Parse(v); ok && l != s.lang {
			// Names nobody has changed yet follow the language.
			untouched := slices.Equal(s.teams, defaultTeamNames[s.lang][:len(s.teams)])
			s.lang = l
			if untouched {
				s.teams = slices.Clone(defaultTeamNames[l][:len(s.teams)])
				s.problems = nil
				s.host.Show(s)
			}
		}
	})
	langRadio.Horizontal = true
	langRadio.Required = true
	langRadio.SetSelected(s.lang.Name())

	// Time compression.
	labels, values := ui.SpeedOptions(s.speed)
	speedSelect := widget.NewSelect(labels, nil)
	for i, v := range values {
		if v == s.speed {
			speedSelect.SetSelectedIndex(i)
		}
	}
	s.speedNote = ui.Wrapped("")
	s.speedNote.SizeName = theme.SizeNameCaptionText
	s.showSpeedNote()
	speedSelect.OnChanged = func(string) {
		if i := speedSelect.SelectedIndex(); i >= 0 {
			s.speed = values[i]
			s.showSpeedNote()
		}
	}

	s.startButton = ui.NewIconButton(loc.T("home.start"), theme.MediaPlayIcon(), s.submit)
	s.startButton.Importance = widget.HighImportance
	if s.starting {
		s.startButton.SetText(loc.T("setup.starting"))
		s.startButton.Disable()
	}
	back := ui.NewIconButton(loc.T("common.back"), theme.NavigateBackIcon(), s.host.ShowHome)
	startError := ui.Wrapped(s.startErr)
	startError.Importance = widget.DangerImportance
	if s.startErr == "" {
		startError.Hide()
	}

	form := widget.NewForm(
		widget.NewFormItem(loc.T("home.scenario"), scenarioSelect),
		versionItem,
		difficultyItem,
		widget.NewFormItem(loc.T("home.teams"), container.NewVBox(teamRows, container.NewHBox(add))),
		widget.NewFormItem(loc.T("setup.exercise_language"), langRadio),
		widget.NewFormItem(loc.T("home.speed"), container.NewVBox(speedSelect, s.speedNote)),
	)
	if s.host.CanHost() {
		several := widget.NewCheck(loc.T("setup.several"), func(v bool) { s.several = v })
		several.SetChecked(s.several)
		form.AppendItem(&widget.FormItem{Text: loc.T("setup.laptops"), Widget: several, HintText: loc.T("setup.several_hint")})
	}
	pinEntry := widget.NewPasswordEntry()
	pinEntry.SetText(s.pin)
	pinEntry.SetPlaceHolder(loc.T("setup.pin_placeholder"))
	pinError := ui.Wrapped("")
	pinError.Importance = widget.DangerImportance
	if s.pinErr != "" {
		pinError.SetText(loc.T(s.pinErr, "min", prefs.MinPINLen, "max", prefs.MaxPINLen))
	} else {
		pinError.Hide()
	}
	pinEntry.OnChanged = func(v string) {
		s.pin = v
		if s.pinErr != "" && prefs.PINProblem(strings.TrimSpace(v)) == "" {
			// Fixed: the message goes as soon as the PIN is right.
			s.pinErr = ""
			pinError.Hide()
		}
	}
	autoPause := widget.NewCheck(loc.T("setup.auto_pause"), func(v bool) { s.autoPause = v })
	autoPause.SetChecked(s.autoPause)
	form.AppendItem(&widget.FormItem{Text: loc.T("setup.shared_laptop"), Widget: autoPause, HintText: loc.T("setup.auto_pause_hint")})
	form.AppendItem(s.organisationItem())
	// The hint is a paragraph: a form's hint text does not wrap.
	pinHint := ui.Muted(loc.T("setup.pin_hint"))
	pinHint.SizeName = theme.SizeNameCaptionText
	form.AppendItem(widget.NewFormItem(loc.T("setup.pin"), container.NewVBox(pinEntry, pinError, pinHint)))
	content := container.NewVBox(
		ui.Heading(loc.T("setup.title")),
		form,
		startError,
		container.NewHBox(back, ui.Spacer(), s.startButton),
	)
	if e, ok := s.entry(); ok && guided(e.Scenario) {
		printBtn := ui.NewIconButton(loc.T("eegpaper.print"), theme.DocumentPrintIcon(), s.printGuides)
		content.Objects[len(content.Objects)-1] = container.NewHBox(back, ui.Spacer(), printBtn, s.startButton)
	}
	// A form as wide as the window is hard to read; keep it to a column.
	return container.NewVScroll(ui.Column(760, content))
}

func (s *Screen) teamRow(i int) fyne.CanvasObject {
	loc := s.host.Loc()
	e := widget.NewEntry()
	e.SetText(s.teams[i])
	e.SetPlaceHolder(loc.T("home.team_name"))
	e.OnChanged = func(v string) {
		s.teams[i] = v
		s.recheckTeams()
	}
	errLabel := ui.Wrapped("")
	errLabel.Importance = widget.DangerImportance
	if i < len(s.problems) && s.problems[i].key != "" {
		errLabel.SetText(s.problems[i].text(loc))
	}
	remove := ui.NewIconButton("", theme.ContentRemoveIcon(), func() { s.removeTeam(i) })
	if len(s.teams) <= 1 {
		remove.Disable()
	}
	s.teamErrors = append(s.teamErrors, errLabel)
	return container.NewBorder(nil, nil, nil, remove, container.NewGridWithColumns(2, e, errLabel))
}

// versionItems are the form's version and difficulty fields: the full
// version and each of the scenario's cuts, with their minutes, and easy,
// standard or hard, with what the level changes.
func (s *Screen) versionItems() (version, difficulty *widget.FormItem) {
	loc := s.host.Loc()
	lang := loc.Lang().String()
	e, ok := s.entry()
	cuts := []string{scenario.FullCut}
	var labels []string
	if ok {
		full := e.Scenario
		if v, err := e.Scenario.Variant(scenario.FullCut, s.difficulty); err == nil {
			full = v // easy gives the full version more time
		}
		labels = append(labels, loc.T("setup.version.full", "minutes", int(full.Duration.Minutes())))
		for _, c := range e.Scenario.Cuts() {
			cuts = append(cuts, c.ID)
			title := c.Title.Get(lang)
			if !strings.Contains(title, strconv.Itoa(c.Minutes)) { // "30-minute version" says it already
				title = loc.T("setup.version.cut", "title", title, "minutes", c.Minutes)
			}
			labels = append(labels, title)
		}
	}
	versionRadio := widget.NewRadioGroup(labels, func(v string) {
		if i := slices.Index(labels, v); i >= 0 {
			s.cut = cuts[i]
			s.showSpeedNote()
		}
	})
	versionRadio.Horizontal = len(labels) <= 3
	versionRadio.Required = true
	if i := slices.Index(cuts, s.cut); i >= 0 && i < len(labels) {
		versionRadio.SetSelected(labels[i])
	}
	hint := ""
	if len(cuts) > 1 {
		hint = loc.T("setup.version_hint")
	}
	version = &widget.FormItem{Text: loc.T("setup.version"), Widget: versionRadio, HintText: hint}

	levels := scenario.Difficulties
	levelLabels := make([]string, len(levels))
	for i, d := range levels {
		levelLabels[i] = loc.T("setup.difficulty." + d)
	}
	// Notes under a choice are small, in the text's own colour: the
	// disabled colour of a LowImportance label is too faint to read on a
	// projector.
	note := ui.Wrapped("")
	note.SizeName = theme.SizeNameCaptionText
	showNote := func() {
		if !ok {
			return
		}
		lv := e.Scenario.Level(s.difficulty)
		note.SetText(loc.T("setup.difficulty_note."+s.difficulty,
			"deadlines", int(math.Round(lv.Deadlines*100)), "feed", int(math.Round(lv.Feed*100))))
	}
	levelRadio := widget.NewRadioGroup(levelLabels, func(v string) {
		if i := slices.Index(levelLabels, v); i >= 0 && levels[i] != s.difficulty {
			s.difficulty = levels[i]
			s.host.Show(s) // the versions' minutes, the note, the speed note
		}
	})
	levelRadio.Horizontal = true
	levelRadio.Required = true
	if i := slices.Index(levels, s.difficulty); i >= 0 {
		levelRadio.SetSelected(levelLabels[i])
	}
	showNote()
	difficulty = widget.NewFormItem(loc.T("setup.difficulty"), container.NewVBox(levelRadio, note))
	return version, difficulty
}

// showSpeedNote says how much real time the chosen version's typical
// decision window lasts at the chosen speed, warning when it is too short.
func (s *Screen) showSpeedNote() {
	if s.speedNote == nil {
		return // the form is being drawn: Build shows it
	}
	var window time.Duration
	if e, ok := s.entry(); ok {
		played, err := e.Scenario.Variant(s.cut, s.difficulty)
		if err != nil {
			played = e.Scenario
		}
		window = ui.DecisionWindow(played)
	}
	note, warn := ui.SpeedNote(s.host.Loc(), window, s.speed)
	s.speedNote.Importance = widget.MediumImportance
	if warn {
		s.speedNote.Importance = widget.WarningImportance
	}
	s.speedNote.SetText(note)
}

// recheckTeams, once a start was refused for the team names, checks them
// again as they are typed, so a message goes as soon as its name is fixed
// (and a fix that makes another name clash says so at once).
func (s *Screen) recheckTeams() {
	if s.problems == nil {
		return
	}
	trimmed := make([]string, len(s.teams))
	for i, t := range s.teams {
		trimmed[i] = strings.TrimSpace(t)
	}
	s.problems = checkTeamNames(trimmed)
	for i, l := range s.teamErrors {
		text := ""
		if i < len(s.problems) && s.problems[i].key != "" {
			text = s.problems[i].text(s.host.Loc())
		}
		l.SetText(text)
	}
}

func (s *Screen) addTeam() {
	if len(s.teams) >= engine.MaxTeams {
		return
	}
	s.teams = append(s.teams, nextTeamName(s.teams, s.lang))
	s.problems = nil
	s.host.Show(s)
}

func (s *Screen) removeTeam(i int) {
	if len(s.teams) <= 1 || i >= len(s.teams) {
		return
	}
	s.teams = append(s.teams[:i:i], s.teams[i+1:]...)
	s.problems = nil
	s.host.Show(s)
}

// submit checks the form and starts the exercise; on any problem it shows
// the message where it belongs and starts nothing.
func (s *Screen) submit() {
	loc := s.host.Loc()
	if s.starting {
		return // one start at a time
	}
	// Spaces around a name are a typing slip, not a different name.
	for i := range s.teams {
		s.teams[i] = strings.TrimSpace(s.teams[i])
	}
	s.problems = checkTeamNames(s.teams)
	s.startErr = ""
	s.pin = strings.TrimSpace(s.pin)
	s.pinErr = prefs.PINProblem(s.pin)
	s.checkOrganisation()
	entry, ok := s.entry()
	switch {
	case !ok:
		s.startErr = loc.T("home.error.no_scenario")
	case hasProblem(s.problems), s.pinErr != "", s.orgErr != "":
	default:
		// The engine has the last word on the teams (checkTeamNames shows
		// its rules beside each name); what is left is their number.
		if err := engine.ValidateTeams(s.teams); err != nil {
			s.startErr = loc.T("home.error.no_team")
			if errors.Is(err, engine.ErrTeamCount) && len(s.teams) > 0 {
				s.startErr = loc.T("setup.error.team_count", "max", engine.MaxTeams)
			}
			break
		}
		cfg := engine.Config{ScenarioID: entry.ID, Source: entry.Source, Media: entry.Media, Teams: append([]string(nil), s.teams...),
			Lang: s.lang.String(), Speed: s.speed, Cut: s.cut, Difficulty: s.difficulty}
		s.starting = true
		s.startButton.Disable()
		s.startButton.SetText(loc.T("setup.starting"))
		s.host.Start(cfg, entry.Scenario.Title, StartOptions{Several: s.several, PIN: s.pin, AutoPause: s.autoPause, Organisation: s.organisation}, func(err error) {
			s.starting = false
			if err == nil {
				return // the exercise screen has replaced this one
			}
			loc := s.host.Loc()
			s.startErr = loc.T("home.error.start_failed", "error", ui.ErrorText(loc, err))
			if s.host.Current() == s {
				s.host.Show(s)
			}
		})
		return
	}
	s.host.Show(s)
}

func (s *Screen) entry() (library.Entry, bool) {
	for _, e := range s.entries {
		if e.File == s.scenarioFile {
			return e, true
		}
	}
	return library.Entry{}, false
}

// nextTeamName picks the first default name of the language not yet used.
func nextTeamName(teams []string, lang i18n.Lang) string {
	used := map[string]bool{}
	for _, t := range teams {
		used[strings.ToLower(strings.TrimSpace(t))] = true
	}
	for _, n := range defaultTeamNames[lang] {
		if !used[strings.ToLower(n)] {
			return n
		}
	}
	return ""
}

// teamProblem is what is wrong with one team name: a translation key and
// its arguments, so the message can be redrawn in another language.
type teamProblem struct {
	key  string // "" when the name is fine
	args []any
}

func (p teamProblem) text(loc *i18n.Localizer) string { return loc.T(p.key, p.args...) }

// checkTeamNames applies engine.ValidateTeams' rules name by name, so that
// each message can sit beside its field: a name must not be empty, have
// spaces around it, or be longer than engine.MaxTeamNameLen characters, and
// two teams must not share a name (ignoring case, as the engine does).
func checkTeamNames(names []string) []teamProblem {
	out := make([]teamProblem, len(names))
	for _, p := range engine.TeamProblems(names) {
		if out[p.Index].key != "" {
			continue // the first problem of a name is the one shown
		}
		key, args := ui.TeamNameProblemKey(p)
		out[p.Index] = teamProblem{key: key, args: args}
	}
	return out
}

func hasProblem(ps []teamProblem) bool {
	for _, p := range ps {
		if p.key != "" {
			return true
		}
	}
	return false
}
