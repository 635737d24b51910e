package setup

import (
	"errors"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// host is a window showing one screen at a time, as the app's shell does.
// Start records what it is given and, with a store, starts the exercise
// there as the shell does; fail makes it report an error instead.
type host struct {
	win     fyne.Window
	loc     *i18n.Localizer
	current ui.Screen
	canHost bool
	st      *exercise.DB // nil: Start stores nothing
	fail    error
	calls   []string // e.g. "start(Alpha,Bravo)", "showHome"
	opts    []StartOptions
	cfgs    []engine.Config
}

func (h *host) Window() fyne.Window      { return h.win }
func (h *host) Background() func(func()) { return uitest.Inline }

func newHost(t *testing.T, lang i18n.Lang, st *exercise.DB) *host {
	return &host{win: uitest.Window(t), loc: i18n.New(lang), st: st}
}

// setup shows a setup form for the mini scenario and returns it.
func (h *host) setup(t *testing.T) *Screen {
	t.Helper()
	s := New(h, []library.Entry{uitest.MiniEntry(t)}, uitest.MiniEntry(t))
	h.Show(s)
	return s
}

func (h *host) Loc() *i18n.Localizer { return h.loc }
func (h *host) Current() ui.Screen   { return h.current }
func (h *host) CanHost() bool        { return h.canHost }
func (h *host) ShowHome()            { h.calls = append(h.calls, "showHome") }

func (h *host) Show(s ui.Screen) {
	if h.current != nil && h.current != s {
		h.current.Stop()
	}
	h.current = s
	h.win.SetContent(s.Build())
}

// setLang switches the language and redraws, as the shell's language
// buttons do.
func (h *host) setLang(l i18n.Lang) {
	h.loc = i18n.New(l)
	h.Show(h.current)
}

func (h *host) Start(cfg engine.Config, title scenario.Text, opts StartOptions, done func(error)) {
	h.calls = append(h.calls, "start("+strings.Join(cfg.Teams, ",")+")")
	h.opts = append(h.opts, opts)
	h.cfgs = append(h.cfgs, cfg)
	if h.fail != nil {
		done(h.fail)
		return
	}
	if h.st != nil {
		if _, err := exercise.Start(h.st, cfg, title, "gui", engine.NewFakeClock(), exercise.EachEvent); err != nil {
			done(err)
			return
		}
	}
	done(nil)
}

func TestSetupRefusesBadTeamNamesBesideTheField(t *testing.T) {
	st := uitest.OpenStore(t)
	h := newHost(t, i18n.EN, st)
	s := h.setup(t)

	if names := teamEntries(t, h); names[0].Text != "Alpha" || names[1].Text != "Bravo" {
		t.Fatalf("default teams = %q, want Alpha and Bravo", []string{names[0].Text, names[1].Text})
	}

	nothingStarted := func() {
		t.Helper()
		if h.current != s || len(h.calls) != 0 {
			t.Fatalf("the screen changed to %T (calls %q)", h.current, h.calls)
		}
		if list, err := st.Unfinished(); err != nil || len(list) != 0 {
			t.Fatalf("exercises in the store: %v, %v", list, err)
		}
		if _, err := st.Latest(); !errors.Is(err, exercise.ErrNotFound) {
			t.Fatalf("an exercise was created: %v", err)
		}
	}

	// A duplicate, differing only in case, as the engine sees it.
	teamEntries(t, h)[1].SetText("alpha")
	test.Tap(s.startButton)
	nothingStarted()
	if got := s.teamErrors[1].Text; got != "Same name as team 1." {
		t.Errorf("message beside the duplicate = %q", got)
	}
	if got := s.teamErrors[0].Text; got != "" {
		t.Errorf("message beside the first team = %q, want none", got)
	}

	// Fixing the name takes its message away at once, before another try.
	teamEntries(t, h)[1].SetText("Bravo")
	if got := s.teamErrors[1].Text; got != "" {
		t.Errorf("message beside the fixed name = %q, want none", got)
	}

	// An empty (blank) name.
	teamEntries(t, h)[0].SetText("   ")
	if got := s.teamErrors[0].Text; got != "Enter a team name." {
		t.Errorf("message beside a name just emptied = %q", got)
	}
	test.Tap(s.startButton)
	nothingStarted()
	if got := s.teamErrors[0].Text; got != "Enter a team name." {
		t.Errorf("message beside the empty name = %q", got)
	}
	if got := s.teamErrors[1].Text; got != "" {
		t.Errorf("message beside the valid name = %q, want none", got)
	}

	// Fixed: the exercise starts with the typed names, spaces trimmed.
	// (That the exercise screen then shows them is tested in app.)
	teamEntries(t, h)[0].SetText(" Red ")
	test.Tap(s.startButton)
	if !slices.Equal(h.calls, []string{"start(Red,Bravo)"}) {
		t.Errorf("calls = %q, want one start for Red and Bravo", h.calls)
	}
	list, err := st.Unfinished()
	if err != nil || len(list) != 1 {
		t.Fatalf("unfinished = %v, %v; want the new exercise", list, err)
	}
	if got := strings.Join(list[0].Teams, ","); got != "Red,Bravo" {
		t.Errorf("teams stored = %s", got)
	}
}

func TestSetupAddAndRemoveTeams(t *testing.T) {
	h := newHost(t, i18n.EN, nil)
	h.setup(t)
	add := func() *widget.Button { return tree.FindButton(t, h.win.Content(), h.loc.T("home.add_team")) }
	test.Tap(add())
	if names := teamEntries(t, h); len(names) != 3 || names[2].Text != "Charlie" {
		t.Fatalf("after add: %d teams, third %q", len(names), names[len(names)-1].Text)
	}
	test.Tap(removeButtons(t, h)[0])
	if names := teamEntries(t, h); len(names) != 2 || names[0].Text != "Bravo" {
		t.Fatalf("after removing the first: %d teams, first %q", len(names), names[0].Text)
	}
	test.Tap(removeButtons(t, h)[0])
	if len(teamEntries(t, h)) != 1 || !removeButtons(t, h)[0].Disabled() {
		t.Fatal("the last team can be removed")
	}
	for len(teamEntries(t, h)) < engine.MaxTeams {
		test.Tap(add())
	}
	if !add().Disabled() {
		t.Errorf("add stays enabled at %d teams", engine.MaxTeams)
	}
}

func TestCheckTeamNamesFollowsTheEngine(t *testing.T) {
	long := strings.Repeat("x", engine.MaxTeamNameLen+1)
	for _, tc := range []struct {
		names []string
		want  []string // problem key per name
	}{
		{[]string{"Alpha", "Bravo"}, []string{"", ""}},
		{[]string{"Alpha", "ALPHA"}, []string{"", "setup.error.name_duplicate"}},
		{[]string{"", "Bravo"}, []string{"setup.error.name_empty", ""}},
		{[]string{" Alpha", "Bravo"}, []string{"setup.error.name_spaces", ""}},
		{[]string{long}, []string{"setup.error.name_long"}},
		{[]string{"Al\x07pha", "Bravo"}, []string{"setup.error.name_control", ""}},
		{[]string{"Alpha", "\xff\xfe"}, []string{"", "setup.error.name_control"}},
		{[]string{"红队", "蓝队", "红队"}, []string{"", "", "setup.error.name_duplicate"}},
	} {
		got := checkTeamNames(tc.names)
		engineOK := engine.ValidateTeams(tc.names) == nil
		for i := range tc.want {
			if got[i].key != tc.want[i] {
				t.Errorf("%q: name %d: %q, want %q", tc.names, i, got[i].key, tc.want[i])
			}
		}
		if engineOK == hasProblem(got) {
			t.Errorf("%q: engine says ok=%v, setup says problems=%v", tc.names, engineOK, hasProblem(got))
		}
	}
}

// New teams are named in the exercise's language, and names nobody has
// changed follow a change of that language; a name someone typed stays.
func TestDefaultTeamNamesFollowTheLanguage(t *testing.T) {
	h := newHost(t, i18n.ZH, nil)
	s := h.setup(t)
	if got := strings.Join(s.teams, " "); got != "第一组 第二组" {
		t.Fatalf("teams of a new exercise in Chinese: %s", got)
	}
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("home.add_team")))
	s = h.current.(*Screen)
	if got := strings.Join(s.teams, " "); got != "第一组 第二组 第三组" {
		t.Fatalf("after adding a team: %s", got)
	}
	field(t, h, "setup.exercise_language").(*widget.RadioGroup).SetSelected(i18n.EN.Name())
	s = h.current.(*Screen)
	if got := strings.Join(s.teams, " "); got != "Alpha Bravo Charlie" || teamEntries(t, h)[2].Text != "Charlie" {
		t.Fatalf("untouched names after choosing English: %s (entry %q)", got, teamEntries(t, h)[2].Text)
	}
	teamEntries(t, h)[0].SetText("Press office")
	field(t, h, "setup.exercise_language").(*widget.RadioGroup).SetSelected(i18n.ZH.Name())
	s = h.current.(*Screen)
	if got := strings.Join(s.teams, "|"); got != "Press office|Bravo|Charlie" {
		t.Errorf("names after one was typed and the language changed: %s", got)
	}
}

// What was typed stays across a switch of the window's language.
func TestTheFormKeepsWhatWasTypedAcrossALanguageSwitch(t *testing.T) {
	h := newHost(t, i18n.ZH, nil)
	s := h.setup(t)
	teamEntries(t, h)[0].SetText("红队")
	h.setLang(i18n.EN)
	if h.current != s {
		t.Fatal("the switch left the form")
	}
	if got := s.startButton.Text; got != "Start new exercise" {
		t.Errorf("start button in English = %q", got)
	}
	if got := teamEntries(t, h)[0].Text; got != "红队" {
		t.Errorf("team name after switching = %q", got)
	}
}

// The choices about how this laptop runs the exercise reach Start; team
// laptops are offered only when the host can serve them.
func TestStartOptionsFollowTheForm(t *testing.T) {
	h := newHost(t, i18n.EN, nil)
	s := h.setup(t)
	if check(t, h, "setup.several") != nil {
		t.Error("team laptops are offered though the host cannot serve them")
	}
	test.Tap(s.startButton)
	h.canHost = true
	s = h.setup(t)
	several := check(t, h, "setup.several")
	if several == nil {
		t.Fatal("team laptops are not offered though the host can serve them")
	}
	several.SetChecked(true)
	check(t, h, "setup.auto_pause").SetChecked(true)
	test.Type(tree.Find[*widget.Entry](t, field(t, h, "setup.pin"))[0], " 2468 ")
	test.Tap(s.startButton)
	want := []StartOptions{{}, {Several: true, PIN: "2468", AutoPause: true}}
	if !slices.Equal(h.opts, want) {
		t.Errorf("Start got %+v, want %+v", h.opts, want)
	}
}

// A start that fails says why under the form and lets the user try
// again; Back goes home.
func TestAFailedStartSaysWhy(t *testing.T) {
	h := newHost(t, i18n.EN, nil)
	h.fail = errors.New("disk on fire")
	s := h.setup(t)
	test.Tap(s.startButton)
	var said *ui.WrapLabel // the message under the form
	for _, l := range tree.Find[*ui.WrapLabel](t, h.win.Content()) {
		if strings.Contains(l.Text, "disk on fire") {
			said = l
		}
	}
	if said == nil || !said.Visible() {
		t.Errorf("after a failed start the form does not show why (said, hidden: %v):\n%s", said != nil, tree.AllText(h.win.Content()))
	}
	if s.startButton.Disabled() || s.startButton.Text != "Start new exercise" {
		t.Errorf("after a failed start the button says %q (disabled %v)", s.startButton.Text, s.startButton.Disabled())
	}
	test.Tap(tree.FindButton(t, h.win.Content(), "Back"))
	if h.calls[len(h.calls)-1] != "showHome" {
		t.Errorf("calls = %q, want Back to go home", h.calls)
	}
}

// A start that fails after the form was left does not bring it back.
func TestAFailedStartElsewhereStaysAway(t *testing.T) {
	h := newHost(t, i18n.EN, nil)
	var done func(error)
	s := New(&deferredStart{host: h, done: &done}, []library.Entry{uitest.MiniEntry(t)}, uitest.MiniEntry(t))
	h.Show(s)
	test.Tap(s.startButton)
	if done == nil {
		t.Fatal("the form did not start")
	}
	other := New(h, nil, library.Entry{})
	h.Show(other)
	done(errors.New("disk on fire"))
	if h.current != other {
		t.Error("a failed start brought the form back")
	}
}

// deferredStart is a host whose Start reports later, through done.
type deferredStart struct {
	*host
	done *func(error)
}

func (d *deferredStart) Start(cfg engine.Config, title scenario.Text, opts StartOptions, done func(error)) {
	*d.done = done
}
