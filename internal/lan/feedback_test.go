package lan

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// A participant's form from a team laptop: refused before the end and
// while the facilitator's laptop does not collect forms; once it does,
// stored under the laptop's team, once per id (sent again, after the host
// restarts, from a laptop restarted), without a name when the facilitator
// chose anonymous feedback (a named form is then refused), and counted
// per team.
func TestFeedbackOverTheNetworkStoredOnce(t *testing.T) {
	th := newTestHost(t, true, 1, "Alpha", "Bravo")
	alpha := th.join("Alpha")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	form := debrief.FeedbackForm{Team: "Bravo", Name: "Lee", Role: "spokesperson", Lang: "en",
		Answers: map[string]string{"strengths": "Calm briefings"}, Ratings: map[string]int{"realistic": 4}}

	if err := alpha.SendFeedback(ctx, "form-1", form); !errors.Is(err, ErrFeedbackNotEnded) {
		t.Fatalf("before the end: %v", err)
	}
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	if err := alpha.SendFeedback(ctx, "form-1", form); !errors.Is(err, ErrFeedbackClosed) {
		t.Fatalf("ended, not collecting: %v", err)
	}
	var anonymous atomic.Bool
	anonymous.Store(true)
	th.h.OpenFeedback(anonymous.Load)
	waitFor(t, "the heartbeat saying feedback is anonymous", 5*time.Second, func() bool {
		open, anon := alpha.FeedbackState()
		return open && anon
	})
	// A form filled in before the switch to anonymous still has a name.
	if err := alpha.SendFeedback(ctx, "form-1", form); !errors.Is(err, ErrFeedbackAnonymous) {
		t.Fatalf("a named form while anonymous: %v", err)
	}
	anonForm := form
	anonForm.Anonymous = true
	if err := alpha.SendFeedback(ctx, "form-1", anonForm); err != nil {
		t.Fatalf("anonymous form: %v", err)
	}
	if err := alpha.SendFeedback(ctx, "form-1", anonForm); err != nil {
		t.Fatalf("sent again: %v", err)
	}
	th.h.Close()
	th.start()
	th.h.OpenFeedback(anonymous.Load)
	alpha.Close()
	alpha = th.join("Alpha")
	if err := alpha.SendFeedback(ctx, "form-1", anonForm); err != nil {
		t.Fatalf("after both restarted: %v", err)
	}
	forms, err := th.st.Feedback(th.run.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := debrief.FeedbackForm{Seq: 1, Anonymous: true, Team: "Alpha", Lang: "en",
		Answers: map[string]string{"strengths": "Calm briefings"}, Ratings: map[string]int{"realistic": 4}}
	if len(forms) != 1 {
		t.Fatalf("%d forms stored, want 1: %+v", len(forms), forms)
	}
	forms[0].Saved = time.Time{}
	if !reflect.DeepEqual(forms[0], want) {
		t.Fatalf("stored %+v\nwant %+v", forms[0], want)
	}

	// Named feedback: the name and role are kept.
	anonymous.Store(false)
	th.h.beat()
	waitFor(t, "the heartbeat saying feedback is named", 5*time.Second, func() bool {
		open, anon := alpha.FeedbackState()
		return open && !anon
	})
	if err := alpha.SendFeedback(ctx, "form-2", form); err != nil {
		t.Fatal(err)
	}
	bravo := th.join("Bravo")
	if err := bravo.SendFeedback(ctx, "form-1", debrief.FeedbackForm{Ratings: map[string]int{"plans": 2}}); err != nil {
		t.Fatalf("Bravo's form of the same id as Alpha's: %v", err)
	}
	// A form with nothing in it is the host's refusal too.
	if err := bravo.SendFeedback(ctx, "form-empty", debrief.FeedbackForm{Answers: map[string]string{"change": "  "}}); !errors.Is(err, ErrFeedbackInvalid) {
		t.Fatalf("an empty form: %v", err)
	}
	forms, _ = th.st.Feedback(th.run.ID)
	if len(forms) != 3 || forms[1].Name != "Lee" || forms[1].Role != "spokesperson" || forms[1].Team != "Alpha" || forms[2].Team != "Bravo" {
		t.Fatalf("forms: %+v", forms)
	}
	n, err := th.run.LANFeedback()
	if err != nil || !reflect.DeepEqual(n, map[string]int{"Alpha": 2, "Bravo": 1}) {
		t.Fatalf("received: %v, %v", n, err)
	}
}

// A team laptop cannot send a form for another team: the host refuses a
// form naming another team on the laptop's own subject, and the server
// drops one on the other team's subject.
func TestFeedbackForAnotherTeamRefused(t *testing.T) {
	t.Parallel() // waits out requests that must go unanswered, beside the others that do
	th := newTestHost(t, true, 1, "Alpha", "Bravo")
	th.h.cfg.Logf = nil
	if err := th.run.Session.Send(engine.Command{Kind: engine.CmdEnd}); err != nil {
		t.Fatal(err)
	}
	th.h.OpenFeedback(func() bool { return false })
	sub := subjects{exercise: th.run.ID}
	nc := rawConn(t, th, "Alpha")
	body, _ := json.Marshal(wireCommand{ID: "f1", Kind: wireFeedback, Team: "Bravo",
		Feedback: &wireForm{Ratings: map[string]int{"realistic": 1}}})
	if _, err := nc.Request(sub.cmd("Bravo"), body, time.Second); err == nil {
		t.Error("a request on another team's command subject must not be answered")
	}
	m, err := nc.Request(sub.cmd("Alpha"), body, 5*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	var o Outcome
	_ = json.Unmarshal(m.Data, &o)
	if o.Status != StatusRejected || !strings.Contains(o.Reason, "cannot send for team") {
		t.Errorf("a form for Bravo from Alpha: %+v", o)
	}
	// Its own form, on its own subject, is taken.
	body, _ = json.Marshal(wireCommand{ID: "f2", Kind: wireFeedback, Team: "Alpha",
		Feedback: &wireForm{Ratings: map[string]int{"realistic": 1}}})
	if m, err = nc.Request(sub.cmd("Alpha"), body, 5*time.Second); err != nil {
		t.Fatal(err)
	}
	_ = json.Unmarshal(m.Data, &o)
	if o.Status != StatusAccepted {
		t.Errorf("Alpha's own form: %+v", o)
	}
	forms, _ := th.st.Feedback(th.run.ID)
	if len(forms) != 1 || forms[0].Team != "Alpha" {
		t.Errorf("forms: %+v", forms)
	}
}
