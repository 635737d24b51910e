package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
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
	line, over := scoreLineWithOverrides(loc, s, nil)
	if line != "Speed 100 · Transparency – · Empathy 40 · Overall 71" || over {
		t.Errorf("line = %q, overridden %v", line, over)
	}
	line, over = scoreLineWithOverrides(loc, s, map[string]engine.Override{scoring.Empathy: {Value: 40, Original: 58, Reason: "tone"}})
	if line != "Speed 100 · Transparency – · Empathy 58 → 40* · Overall 71" || !over {
		t.Errorf("line = %q, overridden %v", line, over)
	}
	s.Consistency, s.Has[scoring.Consistency] = 75, true
	line, _ = scoreLineWithOverrides(i18n.New(i18n.ZH), s, nil)
	if line != "及时性 100 · 透明度 – · 同理心 40 · 一致性 75 · 总分 71" {
		t.Errorf("zh line = %q", line)
	}
}

// events counts the log's events of a kind.
func readCount(ex *exerciseScreen, read func(*engine.State) int) int {
	var n int
	ex.run.Session.Read(func(st *engine.State) { n = read(st) })
	return n
}

func TestInjectDialog(t *testing.T) {
	_, ex, clock := startVoices(t)
	c := ex.console
	advanceExercise(t, ex, clock, time.Minute)
	inbox := func(team string) int {
		return readCount(ex, func(st *engine.State) int { return len(st.Team(team).Inbox) })
	}
	before := inbox("Alpha")

	test.Tap(c.injectButton)
	d := c.judge.inject
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
	if inbox("Alpha") != before {
		t.Fatal("an empty inject was sent")
	}
	d.team.SetSelected("Alpha")
	d.channel.SetSelected("Phone call")
	d.text.SetText("  A journalist calls back: is it true children fell ill?  ")
	test.Tap(d.ok)
	if d.channelMsg.Visible() || d.textMsg.Visible() || d.failure.Visible() {
		t.Error("messages stay after a good inject")
	}
	var got engine.Delivery
	ex.run.Session.Read(func(st *engine.State) {
		in := st.Team("Alpha").Inbox
		got = in[len(in)-1]
		if n := len(st.Team("Bravo").Inbox); n != before {
			t.Errorf("Bravo got the inject meant for Alpha (%d → %d)", before, n)
		}
	})
	if inbox("Alpha") != before+1 || got.Inject.Channel != "phone" || got.Inject.Text.Get("en") != "A journalist calls back: is it true children fell ill?" {
		t.Errorf("Alpha's last delivery: %+v", got.Inject)
	}
	// The team sees it.
	if n := len(ex.teams[0].inboxItems); n != before+1 {
		t.Errorf("Alpha's view lists %d injects, want %d", n, before+1)
	}
}

func TestNoteDialog(t *testing.T) {
	_, ex, clock := startVoices(t)
	c := ex.console
	advanceExercise(t, ex, clock, 2*time.Minute)
	chooseOption(t, ex.teams[0], "first", 1)

	test.Tap(c.noteButtons["Alpha"])
	d := c.judge.note
	if d.team.Selected != "Alpha" {
		t.Errorf("note from Alpha's card preselects %q", d.team.Selected)
	}
	if len(d.decision.Options) != 2 || !strings.HasPrefix(d.decision.Options[1], "Answered 00:02:00: First line") {
		t.Errorf("decisions offered: %q", d.decision.Options)
	}
	test.Tap(d.ok)
	if d.textMsg.Text != "This cannot be empty." || readCount(ex, func(st *engine.State) int { return len(st.Notes) }) != 0 {
		t.Fatal("an empty note was not refused")
	}
	d.decision.SetSelectedIndex(1)
	d.text.SetText("Legal was not consulted.")
	test.Tap(d.ok)
	ex.run.Session.Read(func(st *engine.State) {
		if len(st.Notes) != 1 {
			t.Fatalf("%d notes", len(st.Notes))
		}
		n := st.Notes[0]
		if n.Team != "Alpha" || n.Decision != "first" || n.Text != "Legal was not consulted." || n.At != 2*time.Minute {
			t.Errorf("note = %+v", n)
		}
	})
	if !strings.Contains(c.lastNote.Text, "Legal was not consulted.") {
		t.Errorf("the console's last note line says %q", c.lastNote.Text)
	}

	// A note for the whole exercise: no team, no decision.
	test.Tap(c.noteButton)
	d = c.judge.note
	if d.team.SelectedIndex() != 0 || !d.decision.Disabled() {
		t.Errorf("exercise note: team %q, decision enabled %v", d.team.Selected, !d.decision.Disabled())
	}
	d.text.SetText("Good energy in the room.")
	test.Tap(d.ok)
	ex.run.Session.Read(func(st *engine.State) {
		if n := st.Notes[len(st.Notes)-1]; n.Team != "" || n.Decision != "" {
			t.Errorf("exercise note = %+v", n)
		}
	})
}

func TestOverrideDialog(t *testing.T) {
	_, ex, clock := startVoices(t)
	c := ex.console
	advanceExercise(t, ex, clock, 2*time.Minute)
	chooseOption(t, ex.teams[0], "first", 1) // honest: empathy +2 → 83

	test.Tap(c.overrideButtons["Alpha"])
	d := c.judge.override
	d.dimension.SetSelected("Empathy")
	if !strings.HasPrefix(d.current.Text, "Now: 83") {
		t.Errorf("current empathy shown as %q", d.current.Text)
	}
	overrides := func() int {
		return readCount(ex, func(st *engine.State) int { return len(st.Team("Alpha").Overrides) })
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
	ex.run.Session.Read(func(st *engine.State) {
		o, ok := st.Team("Alpha").Overrides[scoring.Empathy]
		if !ok || o.Value != 40 || o.Original < 83 || o.Original > 84 || o.Reason != "The statement's tone was cold." {
			t.Errorf("override = %+v (%v)", o, ok)
		}
	})
	if got := c.scoreLabels["Alpha"].Text; !strings.Contains(got, "Empathy 83 → 40*") {
		t.Errorf("Alpha's card scores: %q", got)
	}
	if got := c.scoreLabels["Bravo"].Text; strings.Contains(got, "*") {
		t.Errorf("Bravo's card shows an override: %q", got)
	}
	// Opening it again shows the override.
	test.Tap(c.overrideButtons["Alpha"])
	c.judge.override.dimension.SetSelected("Empathy")
	if got := c.judge.override.current.Text; !strings.HasPrefix(got, "Computed 83, overridden to 40") {
		t.Errorf("current after override: %q", got)
	}
}

// voices.yaml's objective "speak" rests on decisions first and second; an
// honest answer after the target (4 min) is fair: the suggestion is S.
func TestRatingDialogPreselectsTheSuggestion(t *testing.T) {
	_, ex, clock := startVoices(t)
	c := ex.console
	test.Tap(c.rateButtons["Alpha"])
	d := c.judge.rating
	if len(d.radios) != 1 {
		t.Fatalf("%d objectives offered, want 1", len(d.radios))
	}
	if d.radios[0].Selected != "U" {
		t.Errorf("before any answer the suggestion is %q, want U", d.radios[0].Selected)
	}
	d.dlg.Hide()

	advanceExercise(t, ex, clock, 6*time.Minute)
	chooseOption(t, ex.teams[0], "first", 1)
	test.Tap(c.rateButtons["Alpha"])
	d = c.judge.rating
	if d.radios[0].Selected != "S" {
		t.Errorf("preselected %q, want the suggestion S", d.radios[0].Selected)
	}
	if d.rows[0].suggested != "S" || d.rows[0].evidence != 1 {
		t.Errorf("row = %+v", d.rows[0])
	}
	d.radios[0].SetSelected("M")
	d.reasons[0].SetText("Slow to agree a line.")
	test.Tap(d.ok)
	ex.run.Session.Read(func(st *engine.State) {
		r, ok := st.Team("Alpha").Ratings["speak"]
		if !ok || r.Rating != "M" || r.Suggested != "S" || r.Reason != "Slow to agree a line." {
			t.Errorf("rating = %+v (%v)", r, ok)
		}
	})
	if got := c.ratingLines["Alpha"][0]; !strings.HasPrefix(got, "M · Speak early and honestly") {
		t.Errorf("Alpha's card: %q", got)
	}
	if got := c.ratingLines["Bravo"][0]; !strings.HasPrefix(got, "– (suggested U) · Speak early") {
		t.Errorf("Bravo's card: %q", got)
	}
	// Reopened, the rating given is preselected; saving unchanged sends nothing.
	test.Tap(c.rateButtons["Alpha"])
	d = c.judge.rating
	if d.radios[0].Selected != "M" || d.reasons[0].Text != "Slow to agree a line." {
		t.Errorf("reopened: %q, %q", d.radios[0].Selected, d.reasons[0].Text)
	}
	seq := readCount(ex, func(st *engine.State) int { return int(st.Seq) })
	test.Tap(d.ok)
	if readCount(ex, func(st *engine.State) int { return int(st.Seq) }) != seq {
		t.Error("saving unchanged ratings logged events")
	}
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
	c := newConsole(run.Session, win, i18n.New(i18n.EN))
	t.Cleanup(c.close)
	win.SetContent(c.root)

	test.Tap(c.injectButton)
	d := c.judge.inject
	d.channel.SetSelected("Email")
	d.text.SetText("Too late")
	test.Tap(d.ok)
	if !d.failure.Visible() || d.failure.Text != "Not recorded: the exercise or the team had ended" {
		t.Errorf("refusal shown as %q (visible %v)", d.failure.Text, d.failure.Visible())
	}

	test.Tap(c.overrideButtons["Bravo"])
	o := c.judge.override
	o.dimension.SetSelected("Overall")
	o.value.SetText("55")
	o.reason.SetText("Hot wash agreed")
	test.Tap(o.ok)
	if o.failure.Visible() {
		t.Errorf("override after the end refused: %s", o.failure.Text)
	}
	if got := c.scoreLabels["Bravo"].Text; !strings.Contains(got, "→ 55*") {
		t.Errorf("Bravo's scores after the override: %q", got)
	}
}

func TestClipText(t *testing.T) {
	for _, tc := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"  spaces \n inside  ", 20, "spaces inside"},
		{"exactly ten", 11, "exactly ten"},
		{"a longer line of text", 10, "a longer …"},
		{"记者在等答复，帖子越来越多", 10, "记者在等…"}, // a Chinese character takes two columns
		{"记者ab", 6, "记者ab"},
		{"", 5, ""},
	} {
		if got := ui.ClipText(tc.in, tc.n); got != tc.want {
			t.Errorf("clipText(%q, %d) = %q, want %q", tc.in, tc.n, got, tc.want)
		}
	}
}
