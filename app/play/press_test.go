package play

import (
	"errors"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// startPress shows press.yaml for Alpha and Bravo with the clock running
// at 1:00: the briefing (three questions, 60 s each) has just started.
func startPress(t *testing.T, cfg Config) (*host, *Screen, *engine.FakeClock) {
	t.Helper()
	clock := engine.NewFakeClock()
	h := newHost(t)
	ex := showRun(h, cfg, uitest.StartEntry(t, uitest.OpenStore(t), clock, uitest.EngineEntry(t, "press.yaml"), 7, "Alpha", "Bravo"))
	if err := ex.run.Session.Send(engine.Command{Kind: engine.CmdResume}); err != nil { // not through the console, which may send in the background
		t.Fatal(err)
	}
	advance(t, ex, clock, time.Minute)
	return h, ex, clock
}

func pressAnswers(ex *Screen, team string) (out []engine.PressAnswer) {
	ex.run.Session.Read(func(st *engine.State) {
		if r := st.Team(team).PressRun("briefing"); r != nil {
			out = r.Answers
		}
	})
	return out
}

// The team view shows the conference while it runs: the reporter, the
// question and its number, the time left; an empty answer is refused
// beside the box; a written one is stored once, the next question shows,
// and the earlier one is listed with its answer; a question whose clock
// runs out is listed as unanswered.
func TestATeamAnswersAPressConference(t *testing.T) {
	h, ex, clock := startPress(t, Config{})
	tv := ex.team(0)
	shown := tree.AllText(tv.leftScroll)
	for _, want := range []string{
		h.loc.T("press.title", "title", "Press briefing"),
		h.loc.T("press.question_of", "n", 1, "total", 3, "from", "Li Wei, City Evening News"),
		"How many children fell ill?",
		h.loc.T("press.left", "time", ui.FormatCountdown(time.Minute)),
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("the team view lacks %q:\n%s", want, shown)
		}
	}
	test.Tap(tree.FindButton(t, tv.Root(), h.loc.T("press.send")))
	if !strings.Contains(tree.AllText(tv.leftScroll), h.loc.T("press.empty")) {
		t.Error("an empty answer is not refused in the panel")
	}
	entries := tree.Find[*ui.SendEntry](t, tv.Root())
	if len(entries) != 1 {
		t.Fatalf("%d entries in the team view; want the answer box only", len(entries))
	}
	text := "We are sorry. Please stop drinking the juice and call 400-123."
	entries[0].SetText(text)
	test.Tap(tree.FindButton(t, tv.Root(), h.loc.T("press.send")))
	if got := pressAnswers(ex, "Alpha"); len(got) != 1 || got[0].Text != text {
		t.Fatalf("Alpha's answers: %+v", got)
	}
	shown = tree.AllText(tv.leftScroll)
	for _, want := range []string{
		h.loc.T("press.question_of", "n", 2, "total", 3, "from", "Anna Berg, Radio One"),
		h.loc.T("press.earlier", "n", 1, "question", "How many children fell ill?"),
		h.loc.T("press.answered", "time", "00:01:00", "text", text),
	} {
		if !strings.Contains(shown, want) {
			t.Errorf("after the answer the view lacks %q:\n%s", want, shown)
		}
	}
	if entries[0].Text != "" {
		t.Errorf("the box keeps %q after sending", entries[0].Text)
	}
	if n := len(pressAnswers(ex, "Bravo")); n != 0 {
		t.Errorf("Bravo has %d answers", n)
	}
	advance(t, ex, clock, time.Minute) // question 2 runs out
	shown = tree.AllText(tv.leftScroll)
	if !strings.Contains(shown, h.loc.T("press.question_of", "n", 3, "total", 3, "from", "Zhou Min, Daily Post")) ||
		!strings.Contains(shown, h.loc.T("press.unanswered")) {
		t.Errorf("after question 2 ran out:\n%s", shown)
	}
	advance(t, ex, clock, time.Minute) // and question 3: it is over
	shown = tree.AllText(tv.leftScroll)
	if !strings.Contains(shown, h.loc.T("press.over", "answered", 1, "total", 3)) || strings.Contains(shown, h.loc.T("press.send")) {
		t.Errorf("the conference is over, the panel says:\n%s", shown)
	}
}

// An answer is sent off the UI goroutine: the button waits meanwhile;
// and a refusal is said in the UI's language.
func TestAPressAnswerSendsInTheBackgroundAndRefusalsAreWords(t *testing.T) {
	var queued []func()
	h, ex, _ := startPress(t, Config{Background: func(f func()) { queued = append(queued, f) }})
	ex.tabs.SelectIndex(1) // Alpha
	tv := ex.team(0)
	tree.Find[*ui.SendEntry](t, tv.Root())[0].SetText("No comment.")
	before := len(queued)
	test.Tap(tree.FindButton(t, tv.Root(), h.loc.T("press.send")))
	if len(queued) != before+1 || !hasButton(t, tv.Root(), h.loc.T("press.sending")) {
		t.Fatalf("the answer: %d queued; want it waiting with its button saying so", len(queued)-before)
	}
	if n := len(pressAnswers(ex, "Alpha")); n != 0 {
		t.Fatalf("the answer was stored on the UI goroutine (%d answers)", n)
	}
	for _, f := range queued[before:] {
		f()
	}
	if got := pressAnswers(ex, "Alpha"); len(got) != 1 || got[0].Text != "No comment." {
		t.Fatalf("Alpha's answers: %+v", got)
	}
	// A draft survives a language switch, which builds the view again.
	tree.Find[*ui.SendEntry](t, ex.team(0).Root())[0].SetText("我们正在核实批次。")
	h.setLang(i18n.ZH)
	if got := tree.Find[*ui.SendEntry](t, ex.team(0).Root()); len(got) != 1 || got[0].Text != "我们正在核实批次。" {
		t.Errorf("after the switch the answer box holds %v", got)
	}
	err := errors.Join(errors.New("x"), engine.ErrNotAsked)
	if got := pressRefusedText(ex.team(0), err); got != "回答未发出：当时提出的并不是这个问题。" {
		t.Errorf("the refusal in Chinese: %q", got)
	}
}

// The console starts a conference for one team with the facilitator's
// question, which joins the queue; its team card follows the conference.
func TestTheConsoleStartsAPressConference(t *testing.T) {
	h, ex, _ := startPress(t, Config{})
	ex.OpenConsole()
	c := ex.console
	if !hasButton(t, c.root, h.loc.T("press.console_button")) {
		t.Fatal("the console has no press conference button")
	}
	f := c.newPressForm()
	if len(f.conf.Options) != 2 || f.conf.Options[1] != "Evening conference" || len(f.team.Options) != 3 {
		t.Fatalf("the form offers %q for %q", f.conf.Options, f.team.Options)
	}
	f.conf.SetSelectedIndex(0)
	f.team.SetSelectedIndex(2) // Bravo
	f.from.SetText("TV 5")
	f.question.SetText("Will anyone resign?")
	cmd := f.command()
	if cmd.Kind != engine.CmdPress || cmd.Conference != "briefing" || cmd.Team != "Bravo" || cmd.From != "TV 5" || cmd.Text != "Will anyone resign?" {
		t.Fatalf("the form's command: %+v", cmd)
	}
	c.send(cmd)
	ex.run.Session.Read(func(st *engine.State) {
		if r := st.Team("Bravo").PressRun("briefing"); len(r.Questions) != 4 || !r.Questions[3].AdHoc {
			t.Errorf("Bravo's queue: %+v", r.Questions)
		}
		if r := st.Team("Alpha").PressRun("briefing"); len(r.Questions) != 3 {
			t.Errorf("Alpha's queue grew: %d", len(r.Questions))
		}
	})
	c.refresh()
	if want := h.loc.T("press.console_running", "title", "Press briefing", "n", 1, "total", 4, "left", ui.FormatCountdown(time.Minute)); !strings.Contains(tree.AllText(c.teams), want) {
		t.Errorf("the console lacks %q:\n%s", want, tree.AllText(c.teams))
	}
}
