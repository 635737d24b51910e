package join

import (
	"context"
	"sync"
	"testing"

	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
)

// feedbackConn is an exercise session as a team's connection that takes
// participants' forms as the facilitator's laptop says: open or not,
// anonymous or not, refusing with refuse when set; with hold, a form
// waits (unanswered) until the sender gives up.
type feedbackConn struct {
	*engine.Session
	team string

	mu        sync.Mutex
	open      bool
	anonymous bool
	refuse    error
	hold      bool
	sent      []PendingForm
}

func (c *feedbackConn) Team() string           { return c.team }
func (c *feedbackConn) Connected() bool        { return true }
func (c *feedbackConn) Ended() <-chan struct{} { return nil }
func (c *feedbackConn) Gone() <-chan struct{}  { return nil }
func (c *feedbackConn) Err() error             { return nil }
func (c *feedbackConn) Close()                 {}
func (c *feedbackConn) Bundle() string         { return "K7M3QX-ab" }

func (c *feedbackConn) FeedbackState() (bool, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.open, c.anonymous
}

func (c *feedbackConn) SendFeedback(ctx context.Context, ref string, f debrief.FeedbackForm) error {
	c.mu.Lock()
	c.sent = append(c.sent, PendingForm{Ref: ref, Form: f})
	hold, refuse := c.hold, c.refuse
	c.mu.Unlock()
	if hold {
		<-ctx.Done()
		return ctx.Err()
	}
	return refuse
}

func (c *feedbackConn) set(fn func(c *feedbackConn)) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fn(c)
}

func (c *feedbackConn) forms() []PendingForm {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]PendingForm(nil), c.sent...)
}

func endedTeamConn(t *testing.T, lang string) *feedbackConn {
	t.Helper()
	sess := uitest.StartEngine(t, "mini", lang, nil, "Alpha", "Bravo")
	if err := sess.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	return &feedbackConn{Session: sess, team: "Alpha", open: true, anonymous: true}
}

// After the end a team laptop offers the participant feedback form: with
// anonymous feedback it asks for no name and says so; a form with nothing
// in it is refused on the laptop; participants send one form after
// another, each under the laptop's team and with an id of its own; when
// the facilitator switches to named feedback the name and role come; a
// refusal of the facilitator's laptop is said in the UI's language and
// the form is kept for another try.
func TestTeamLaptopSendsFeedbackForms(t *testing.T) {
	h := newHost(t, i18n.EN)
	uiq := uitest.QueueUI(t)
	storeSaved(nil)
	t.Cleanup(func() { storeSaved(nil) })
	conn := endedTeamConn(t, "en")
	r := newRemoteScreen(h, Config{}, conn, "10.0.0.2:4222")
	h.Show(r)
	open := h.loc.T("feedback.lan.open")
	if tree.Shown(t, h.win.Content(), open) {
		t.Fatal("the form is offered before the laptop heard of the end")
	}
	r.onEnded()
	if !tree.Shown(t, h.win.Content(), open) {
		t.Fatal("the form is not offered after the end")
	}
	test.Tap(tree.FindButton(t, h.win.Content(), open))
	if !r.formShown || !tree.Shown(t, h.win.Content(), h.loc.T("feedback.lan.title", "team", "Alpha")) {
		t.Fatal("the form is not shown")
	}
	f := r.fb.fields
	if !tree.Shown(t, h.win.Content(), h.loc.T("feedback.lan.anonymous")) || tree.Holds(t, h.win.Content(), f.Name) || tree.Holds(t, h.win.Content(), f.Role) {
		t.Fatal("anonymous feedback: the form must say so and have no name or role")
	}
	send := h.loc.T("feedback.lan.send")
	test.Tap(tree.FindButton(t, h.win.Content(), send))
	if !tree.Shown(t, h.win.Content(), h.loc.T("feedback.error_empty")) || len(conn.forms()) != 0 {
		t.Fatal("an empty form must be refused on the laptop")
	}

	// Two participants, one after the other.
	for i, p := range []struct{ answer, rating string }{{"Clear roles", "4"}, {"Legal was slow", "2"}} {
		test.Type(f.Answer("strengths"), p.answer)
		f.Rating("realistic").SetSelected(p.rating)
		test.Tap(tree.FindButton(t, h.win.Content(), send))
		n := i + 1
		uiq.Eventually(t, "the form is sent", func() bool {
			return tree.Shown(t, h.win.Content(), h.loc.T("feedback.lan.sent", "n", n))
		})
		if f.Answer("strengths").Text != "" || f.Rating("realistic").Selected != "" {
			t.Fatal("the form is not emptied for the next participant")
		}
	}
	forms := conn.forms()
	if len(forms) != 2 || forms[0].Ref == forms[1].Ref || forms[0].Ref == "" {
		t.Fatalf("forms sent: %+v", forms)
	}
	want := debrief.FeedbackForm{Team: "Alpha", Anonymous: true, Lang: "en", Answers: map[string]string{"strengths": "Legal was slow"}, Ratings: map[string]int{"realistic": 2}}
	if got := forms[1].Form; got.Team != want.Team || !got.Anonymous || got.Name != "" || got.Answers["strengths"] != "Legal was slow" || got.Ratings["realistic"] != 2 || got.Lang != "en" {
		t.Fatalf("second form %+v, want %+v", got, want)
	}
	if s, ok := LoadSaved(); ok && len(s.Forms) != 0 {
		t.Fatalf("forms answered are still kept: %+v", s.Forms)
	}

	// Named feedback now: the name and role come.
	conn.set(func(c *feedbackConn) { c.anonymous = false })
	r.refresh()
	if !tree.Holds(t, h.win.Content(), r.fb.fields.Name) || !tree.Shown(t, h.win.Content(), h.loc.T("feedback.lan.named")) {
		t.Fatal("named feedback: no name field")
	}
	test.Type(f.Name, "Li Wei")
	test.Type(f.Answer("change"), "Brief earlier")
	conn.set(func(c *feedbackConn) { c.refuse = lan.ErrFeedbackClosed })
	test.Tap(tree.FindButton(t, h.win.Content(), send))
	uiq.Eventually(t, "the refusal is said", func() bool {
		return tree.Shown(t, h.win.Content(), h.loc.T("feedback.lan.error_closed"))
	})
	if f.Name.Text != "Li Wei" || f.Answer("change").Text != "Brief earlier" {
		t.Fatal("a refused form must stay for another try")
	}
	conn.set(func(c *feedbackConn) { c.refuse = nil })
	test.Tap(tree.FindButton(t, h.win.Content(), send))
	uiq.Eventually(t, "the form is sent", func() bool { return len(conn.forms()) == 4 && f.Name.Text == "" })
	if got := conn.forms()[3].Form; got.Name != "Li Wei" || got.Anonymous || got.Answers["change"] != "Brief earlier" {
		t.Fatalf("named form: %+v", got)
	}
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("feedback.lan.back")))
	if r.formShown || !tree.Shown(t, h.win.Content(), open) {
		t.Fatal("back to the team's view")
	}
}

// A form that has not reached the facilitator's laptop when the app stops
// is kept (even after the end, when the laptop forgets the join) and sent
// again with its id by the laptop restarted.
func TestTeamLaptopKeepsAFormOnItsWay(t *testing.T) {
	h := newHost(t, i18n.ZH)
	uiq := uitest.QueueUI(t)
	storeSaved(nil)
	t.Cleanup(func() { storeSaved(nil) })
	conn := endedTeamConn(t, "zh")
	conn.set(func(c *feedbackConn) { c.hold, c.anonymous = true, false })
	r := newRemoteScreen(h, Config{}, conn, "10.0.0.2:4222")
	h.Show(r)
	r.onEnded()
	if _, ok := LoadSaved(); ok {
		t.Fatal("after the end with no form on its way, the join is kept")
	}
	r.showForm()
	test.Type(r.fb.fields.Name, "李伟")
	test.Type(r.fb.fields.Answer("improvements"), "法务审核太慢")
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("feedback.lan.send")))
	uiq.Eventually(t, "the form is on its way", func() bool { return len(conn.forms()) == 1 })
	if !tree.Shown(t, h.win.Content(), h.loc.T("feedback.lan.sending")) {
		t.Error("the laptop does not say the form is on its way")
	}
	s, ok := LoadSaved()
	if !ok || !s.Ended || len(s.Forms) != 1 || s.Forms[0].Ref != conn.forms()[0].Ref || s.Forms[0].Form.Name != "李伟" || s.Team != "Alpha" || s.Address != "10.0.0.2:4222" {
		t.Fatalf("kept: %+v, %v", s, ok)
	}
	r.Stop() // the app stops
	uiq.Pump()

	conn.set(func(c *feedbackConn) { c.hold = false })
	r2 := newRemoteScreen(h, Config{}, conn, "10.0.0.2:4222")
	h.Show(r2)
	r2.resendForms(s.Forms)
	uiq.Eventually(t, "the form is sent again and settled", func() bool {
		_, kept := LoadSaved()
		return len(conn.forms()) == 2 && !kept
	})
	if got := conn.forms()[1]; got.Ref != s.Forms[0].Ref || got.Form.Answers["improvements"] != "法务审核太慢" {
		t.Fatalf("sent again: %+v", got)
	}
}
