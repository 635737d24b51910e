package judging

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

func TestParseScore(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want float64
		err  string
	}{
		{"40", 40, ""},
		{" 40 ", 40, ""},
		{"0", 0, ""},
		{"100", 100, ""},
		{"62.5", 62.5, ""},
		{"62,5", 62.5, ""},
		{"４０", 40, ""},     // full-width digits from a Chinese input method
		{"６２．５", 62.5, ""}, // and a full-width point
		{"+40", 40, ""},
		{"", 0, "judge.err.value_empty"},
		{"   ", 0, "judge.err.value_empty"},
		{"150", 0, "judge.err.value_range"},
		{"100.1", 0, "judge.err.value_range"},
		{"-1", 0, "judge.err.value_range"},
		{"abc", 0, "judge.err.value_number"},
		{"NaN", 0, "judge.err.value_number"},
		{"Inf", 0, "judge.err.value_number"},
		{"1e2", 0, "judge.err.value_number"},
		{"0x40", 0, "judge.err.value_number"},
		{"40%", 0, "judge.err.value_number"},
		{"4 0", 0, "judge.err.value_number"},
		{"99999999999999999999999999999999999999999", 0, "judge.err.value_range"},
	} {
		got, err := parseScore(tc.in)
		if got != tc.want || err != tc.err {
			t.Errorf("parseScore(%q) = %g, %q; want %g, %q", tc.in, got, err, tc.want, tc.err)
		}
	}
}

func TestCheckText(t *testing.T) {
	long := strings.Repeat("字", engine.MaxStatementLen+1)
	for _, tc := range []struct {
		in       string
		required bool
		want     string
	}{
		{"fine", true, ""},
		{"", true, "judge.err.text_empty"},
		{" \n\t", true, "judge.err.text_empty"},
		{"", false, ""},
		{long, false, "judge.err.text_long"},
		{long[:len(long)-len("字")], true, ""},
	} {
		if got := checkText(tc.in, tc.required); got != tc.want {
			t.Errorf("checkText(%.10q…, %v) = %q, want %q", tc.in, tc.required, got, tc.want)
		}
	}
}

func TestScoreLineWithOverrides(t *testing.T) {
	loc := i18n.New(i18n.EN)
	s := scoring.Scores{Speed: 100, Empathy: 40, Overall: 71,
		Has: map[string]bool{scoring.Speed: true, scoring.Empathy: true, scoring.Overall: true}}
	line, over := ScoreLine(loc, s, nil)
	if line != "Speed 100 · Transparency – · Empathy 40 · Overall 71" || over {
		t.Errorf("line = %q, overridden %v", line, over)
	}
	line, over = ScoreLine(loc, s, map[string]engine.Override{scoring.Empathy: {Value: 40, Original: 58, Reason: "tone"}})
	if line != "Speed 100 · Transparency – · Empathy 58 → 40* · Overall 71" || !over {
		t.Errorf("line = %q, overridden %v", line, over)
	}
	s.Consistency, s.Has[scoring.Consistency] = 75, true
	line, _ = ScoreLine(i18n.New(i18n.ZH), s, nil)
	if line != "及时性 100 · 透明度 – · 同理心 40 · 一致性 75 · 总分 71" {
		t.Errorf("zh line = %q", line)
	}
}

// played is an exercise of one of the engine's test scenarios for Alpha
// and Bravo with its clock running, and a Judgement on it in a test window.
type played struct {
	j       *Judgement
	run     *exercise.Running
	clock   *engine.FakeClock
	win     fyne.Window
	redraws int // how often the Judgement asked for a redraw
}

func play(t *testing.T, file string) *played {
	t.Helper()
	st := uitest.OpenStore(t)
	e := uitest.EngineEntry(t, file)
	p := &played{clock: engine.NewFakeClock(), win: uitest.Window(t)}
	run, err := exercise.Start(st, engine.Config{ScenarioID: e.ID, Source: e.Source, Teams: []string{"Alpha", "Bravo"},
		Lang: "en", Speed: 1, Seed: 42}, e.Scenario.Title, "gui", p.clock, exercise.EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if err := run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	p.run = run
	p.j = New(run.Session, p.win, i18n.New(i18n.EN), uitest.Inline, func() { p.redraws++ })
	t.Cleanup(p.j.Close)
	return p
}

func (p *played) advance(t *testing.T, d time.Duration) {
	t.Helper()
	p.clock.Add(d)
	if err := p.run.Session.Tick(); err != nil {
		t.Fatal(err)
	}
}

// choose takes the option at fileIndex (its place in the scenario file)
// for team.
func (p *played) choose(t *testing.T, team, decision string, fileIndex int) {
	t.Helper()
	var option string
	p.run.Session.Read(func(st *engine.State) { option = st.Scenario.Decision(decision).Options[fileIndex].ID })
	if err := p.run.Session.Send(engine.Command{Kind: engine.CmdChoose, Team: team, Decision: decision, Option: option}); err != nil {
		t.Fatal(err)
	}
}

func (p *played) count(read func(*engine.State) int) int {
	var n int
	p.run.Session.Read(func(st *engine.State) { n = read(st) })
	return n
}

func TestInjectDialog(t *testing.T) {
	p := play(t, "voices.yaml")
	p.advance(t, time.Minute)
	inbox := func(team string) int {
		return p.count(func(st *engine.State) int { return len(st.Team(team).Inbox) })
	}
	before := inbox("Alpha")

	p.j.OpenInject("")
	d := p.j.inject
	if d == nil {
		t.Fatal("no inject dialog")
	}
	if d.team.Selected != "All teams" {
		t.Errorf("inject goes to %q by default", d.team.Selected)
	}
	// Nothing chosen or written: refused beside the fields, nothing sent.
	test.Tap(d.ok)
	if !d.channelMsg.Visible() || d.channelMsg.Text != "Choose a channel." {
		t.Errorf("channel message %q (shown %v)", d.channelMsg.Text, d.channelMsg.Visible())
	}
	if !d.textMsg.Visible() || d.textMsg.Text != "This cannot be empty." {
		t.Errorf("text message %q", d.textMsg.Text)
	}
	if inbox("Alpha") != before || p.redraws != 0 {
		t.Fatalf("an empty inject was sent (%d redraws)", p.redraws)
	}
	d.team.SetSelected("Alpha")
	d.channel.SetSelected("Phone call")
	d.text.SetText("  A journalist calls back: is it true children fell ill?  ")
	test.Tap(d.ok)
	if d.channelMsg.Visible() || d.textMsg.Visible() || d.failure.Visible() {
		t.Error("messages stay after a good inject")
	}
	var got engine.Delivery
	p.run.Session.Read(func(st *engine.State) {
		in := st.Team("Alpha").Inbox
		got = in[len(in)-1]
		if n := len(st.Team("Bravo").Inbox); n != before {
			t.Errorf("Bravo got the inject meant for Alpha (%d → %d)", before, n)
		}
	})
	if inbox("Alpha") != before+1 || got.Inject.Channel != "phone" || got.Inject.Text.Get("en") != "A journalist calls back: is it true children fell ill?" {
		t.Errorf("Alpha's last delivery: %+v", got.Inject)
	}
	if p.redraws != 1 {
		t.Errorf("an accepted inject asked for %d redraws, want 1", p.redraws)
	}
}

// TestCtrlEnterSendsTheFacilitatorsInject: the ad-hoc inject goes with
// Ctrl+Enter from its text.
func TestCtrlEnterSendsTheFacilitatorsInject(t *testing.T) {
	p := play(t, "voices.yaml")
	p.advance(t, time.Minute)
	before := p.count(func(st *engine.State) int { return len(st.Team("Alpha").Inbox) })
	p.j.OpenInject("")
	d := p.j.inject
	d.channel.SetSelected("Phone call")
	d.text.SetText("A journalist calls back.")
	d.text.TypedShortcut(&desktop.CustomShortcut{KeyName: fyne.KeyReturn, Modifier: fyne.KeyModifierControl})
	if n := p.count(func(st *engine.State) int { return len(st.Team("Alpha").Inbox) }); n != before+1 {
		t.Errorf("Ctrl+Enter sent %d injects, want 1", n-before)
	}
}

// TestTheInjectDialogSendsSenderRolesAndEffects: the facilitator's inject
// goes with the sender typed, the roles ticked and the world's changes,
// and a change that is not a number is refused beside the fields.
func TestTheInjectDialogSendsSenderRolesAndEffects(t *testing.T) {
	p := play(t, "sched.yaml")
	p.advance(t, time.Minute)
	delivered := func(team, inject string) bool {
		return p.count(func(st *engine.State) int {
			for _, d := range st.Team(team).Inbox {
				if d.Inject.ID == inject {
					return 1
				}
			}
			return 0
		}) == 1
	}
	p.j.OpenInject("")
	d := p.j.inject
	d.team.SetSelected("Alpha")
	d.channel.SetSelected("Email")
	d.text.SetText("The regulator asks for the batch list by 6 p.m.")
	d.from.SetText("Market regulator")
	d.roleChecks[1].SetChecked(true) // Legal
	d.effects[0].SetText("abc")
	test.Tap(d.ok)
	if !d.effectsMsg.Visible() || delivered("Alpha", "adhoc-1") {
		t.Fatal("a change that is not a number was sent")
	}
	d.effects[0].SetText("+30") // attention
	test.Tap(d.ok)
	p.run.Session.Read(func(st *engine.State) {
		a := st.Team("Alpha")
		in := a.Inbox[len(a.Inbox)-1].Inject
		if in.From.Get("en") != "Market regulator" || !slices.Equal(in.To, []string{"legal"}) {
			t.Errorf("the inject arrived from %q for %v", in.From.Get("en"), in.To)
		}
		if a.World["attention"] != 40 || st.Team("Bravo").World["attention"] != 10 {
			t.Errorf("attention is %v for Alpha and %v for Bravo, want 40 and 10", a.World["attention"], st.Team("Bravo").World["attention"])
		}
	})
}

func TestNoteDialog(t *testing.T) {
	p := play(t, "voices.yaml")
	p.advance(t, 2*time.Minute)
	p.choose(t, "Alpha", "first", 1)

	p.j.OpenNote("Alpha")
	d := p.j.note
	if d.team.Selected != "Alpha" {
		t.Errorf("note from Alpha's card preselects %q", d.team.Selected)
	}
	if len(d.decision.Options) != 2 || !strings.HasPrefix(d.decision.Options[1], "Answered 00:02:00: First line") {
		t.Errorf("decisions offered: %q", d.decision.Options)
	}
	test.Tap(d.ok)
	if d.textMsg.Text != "This cannot be empty." || p.count(func(st *engine.State) int { return len(st.Notes) }) != 0 {
		t.Fatal("an empty note was not refused")
	}
	d.decision.SetSelectedIndex(1)
	d.text.SetText("Legal was not consulted.")
	test.Tap(d.ok)
	p.run.Session.Read(func(st *engine.State) {
		if len(st.Notes) != 1 {
			t.Fatalf("%d notes", len(st.Notes))
		}
		n := st.Notes[0]
		if n.Team != "Alpha" || n.Decision != "first" || n.Text != "Legal was not consulted." || n.At != 2*time.Minute {
			t.Errorf("note = %+v", n)
		}
		if got := NoteLine(n); got != "00:02:00 · Legal was not consulted." {
			t.Errorf("the note's card line is %q", got)
		}
	})

	// A note for the whole exercise: no team, no decision.
	p.j.OpenNote("")
	d = p.j.note
	if d.team.SelectedIndex() != 0 || !d.decision.Disabled() {
		t.Errorf("exercise note: team %q, decision enabled %v", d.team.Selected, !d.decision.Disabled())
	}
	d.text.SetText("Good energy in the room.")
	test.Tap(d.ok)
	p.run.Session.Read(func(st *engine.State) {
		if n := st.Notes[len(st.Notes)-1]; n.Team != "" || n.Decision != "" {
			t.Errorf("exercise note = %+v", n)
		}
	})
}

// TestTheFacilitatorsFormsSendOffTheUIGoroutine: a note is stored in the
// background; its form waits, button disabled, and closes once stored.
func TestTheFacilitatorsFormsSendOffTheUIGoroutine(t *testing.T) {
	p := play(t, "sched.yaml")
	var queued []func()
	p.j.background = func(f func()) { queued = append(queued, f) }
	p.j.OpenNote("")
	d := p.j.note
	d.text.SetText("Legal was not consulted.")
	test.Tap(d.ok)
	notes := func() int { return p.count(func(st *engine.State) int { return len(st.Notes) }) }
	if notes() != 0 || len(queued) != 1 || !d.ok.Disabled() {
		t.Fatalf("the note: %d stored, %d queued, button disabled %v; want it waiting in the background", notes(), len(queued), d.ok.Disabled())
	}
	queued[0]()
	if notes() != 1 || d.ok.Disabled() || p.redraws != 1 {
		t.Errorf("after the send: %d notes, button disabled %v, %d redraws", notes(), d.ok.Disabled(), p.redraws)
	}
	if p.win.Canvas().Overlays().Top() != nil {
		t.Error("the form stays open after its note was stored")
	}
}

func TestOverrideDialog(t *testing.T) {
	p := play(t, "voices.yaml")
	p.advance(t, 2*time.Minute)
	p.choose(t, "Alpha", "first", 1) // honest: empathy +2 → 83

	p.j.OpenOverride("Alpha", "")
	d := p.j.override
	d.dimension.SetSelected("Empathy")
	if !strings.HasPrefix(d.current.Text, "Now: 83") {
		t.Errorf("current empathy shown as %q", d.current.Text)
	}
	overrides := func() int {
		return p.count(func(st *engine.State) int { return len(st.Team("Alpha").Overrides) })
	}

	// Impossible values are refused beside the field; nothing is sent.
	d.value.SetText("150")
	d.reason.SetText("The statement's tone was cold.")
	test.Tap(d.ok)
	if !d.valueMsg.Visible() || d.valueMsg.Text != "A score is from 0 to 100." {
		t.Errorf("value message %q (shown %v)", d.valueMsg.Text, d.valueMsg.Visible())
	}
	if overrides() != 0 {
		t.Fatal("an override of 150 was sent")
	}
	d.value.SetText("abc")
	test.Tap(d.ok)
	if d.valueMsg.Text != "Enter a number, e.g. 40." || overrides() != 0 {
		t.Errorf("value message for abc: %q", d.valueMsg.Text)
	}
	// A reason is required.
	d.value.SetText("40")
	d.reason.SetText("  ")
	test.Tap(d.ok)
	if d.valueMsg.Visible() || !d.reasonMsg.Visible() || overrides() != 0 {
		t.Errorf("no reason: value message shown %v, reason message %q", d.valueMsg.Visible(), d.reasonMsg.Text)
	}
	d.reason.SetText("The statement's tone was cold.")
	test.Tap(d.ok)
	p.run.Session.Read(func(st *engine.State) {
		o, ok := st.Team("Alpha").Overrides[scoring.Empathy]
		if !ok || o.Value != 40 || o.Original < 83 || o.Original > 84 || o.Reason != "The statement's tone was cold." {
			t.Errorf("override = %+v (%v)", o, ok)
		}
	})
	// Opening it again shows the override.
	p.j.OpenOverride("Alpha", "")
	p.j.override.dimension.SetSelected("Empathy")
	if got := p.j.override.current.Text; !strings.HasPrefix(got, "Computed 83, overridden to 40") {
		t.Errorf("current after override: %q", got)
	}
}

// voices.yaml's objective "speak" rests on decisions first and second; an
// honest answer after the target (4 min) is fair: the suggestion is S.
func TestRatingDialogPreselectsTheSuggestion(t *testing.T) {
	p := play(t, "voices.yaml")
	p.j.OpenRating("Alpha")
	d := p.j.rating
	if len(d.radios) != 1 {
		t.Fatalf("%d objectives offered, want 1", len(d.radios))
	}
	if d.radios[0].Selected != "U" {
		t.Errorf("before any answer the suggestion is %q, want U", d.radios[0].Selected)
	}
	d.dlg.Hide()

	p.advance(t, 6*time.Minute)
	p.choose(t, "Alpha", "first", 1)
	p.j.OpenRating("Alpha")
	d = p.j.rating
	if d.radios[0].Selected != "S" {
		t.Errorf("preselected %q, want the suggestion S", d.radios[0].Selected)
	}
	if d.rows[0].suggested != "S" || d.rows[0].evidence != 1 {
		t.Errorf("row = %+v", d.rows[0])
	}
	d.radios[0].SetSelected("M")
	d.reasons[0].SetText("Slow to agree a line.")
	test.Tap(d.ok)
	p.run.Session.Read(func(st *engine.State) {
		r, ok := st.Team("Alpha").Ratings["speak"]
		if !ok || r.Rating != "M" || r.Suggested != "S" || r.Reason != "Slow to agree a line." {
			t.Errorf("rating = %+v (%v)", r, ok)
		}
	})
	// Reopened, the rating given is preselected; saving unchanged sends nothing.
	p.j.OpenRating("Alpha")
	d = p.j.rating
	if d.radios[0].Selected != "M" || d.reasons[0].Text != "Slow to agree a line." {
		t.Errorf("reopened: %q, %q", d.radios[0].Selected, d.reasons[0].Text)
	}
	seq := p.count(func(st *engine.State) int { return int(st.Seq) })
	test.Tap(d.ok)
	if p.count(func(st *engine.State) int { return int(st.Seq) }) != seq {
		t.Error("saving unchanged ratings logged events")
	}
}

// TestRatingLines: a console card's line per objective says the rating
// given, or the suggestion while there is none.
func TestRatingLines(t *testing.T) {
	p := play(t, "voices.yaml")
	p.advance(t, 6*time.Minute)
	p.choose(t, "Alpha", "first", 1)
	if err := p.run.Session.Send(engine.Command{Kind: engine.CmdRate, Team: "Alpha", Objective: "speak", Rating: "M"}); err != nil {
		t.Fatal(err)
	}
	loc := i18n.New(i18n.EN)
	p.run.Session.Read(func(st *engine.State) {
		alpha, bravo := ObjectiveRatings(st, "Alpha"), ObjectiveRatings(st, "Bravo")
		if len(alpha) != 1 || !alpha[0].Rated() || len(bravo) != 1 || bravo[0].Rated() {
			t.Fatalf("Alpha's objectives %+v, Bravo's %+v", alpha, bravo)
		}
		if got := RatingLine(loc, alpha[0], "en"); !strings.HasPrefix(got, "M · Speak early and honestly") {
			t.Errorf("Alpha's card: %q", got)
		}
		if got := RatingLine(loc, bravo[0], "en"); !strings.HasPrefix(got, "– (suggested U) · Speak early") {
			t.Errorf("Bravo's card: %q", got)
		}
		if ObjectiveRatings(st, "Nobody") != nil {
			t.Error("a team that is not in the exercise has objectives")
		}
	})
}

// After the end: overrides, ratings and notes are still taken; an inject
// is refused by the engine, and the dialog says why.
func TestJudgementAfterTheEnd(t *testing.T) {
	win := uitest.Window(t)
	clock := engine.NewFakeClock()
	run := uitest.StartMini(t, uitest.OpenStore(t), clock)
	_ = run.Session.Send(engine.Command{Kind: engine.CmdResume})
	clock.Add(6 * time.Minute)
	_ = run.Session.Tick()
	if err := run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	j := New(run.Session, win, i18n.New(i18n.EN), uitest.Inline, nil)
	t.Cleanup(j.Close)

	j.OpenInject("")
	d := j.inject
	d.channel.SetSelected("Email")
	d.text.SetText("Too late")
	test.Tap(d.ok)
	if !d.failure.Visible() || d.failure.Text != "Not recorded: the exercise or the team had ended" {
		t.Errorf("refusal shown as %q (visible %v)", d.failure.Text, d.failure.Visible())
	}

	j.OpenOverride("Bravo", "")
	o := j.override
	o.dimension.SetSelected("Overall")
	o.value.SetText("55")
	o.reason.SetText("Hot wash agreed")
	test.Tap(o.ok)
	if o.failure.Visible() {
		t.Errorf("override after the end refused: %s", o.failure.Text)
	}
	run.Session.Read(func(st *engine.State) {
		if got := st.Team("Bravo").Overrides[scoring.Overall]; got.Value != 55 {
			t.Errorf("Bravo's overall override after the end: %+v", got)
		}
	})
}
