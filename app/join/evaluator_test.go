package join

import (
	"context"
	"errors"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Joining as an evaluator: the two seat boxes exclude each other; the form
// asks for the evaluator's name and the long evaluator code (the short one
// is refused beside its field in the evaluator's words); with both it joins
// as an evaluator, with a claim, and shows the evaluator's view. A pending
// evaluator command is kept as such and comes back as the same command.
func TestJoiningAsAnEvaluator(t *testing.T) {
	sess := uitest.StartEngine(t, "world", "en", nil, "Alpha", "Bravo")
	var got []Request
	h := newHost(t, i18n.EN)
	storeSaved(nil)
	h.open(Config{Join: func(_ context.Context, req Request) (Conn, error) {
		got = append(got, req)
		if !req.Evaluator || req.Roleplayer {
			return nil, errors.New("not joined as an evaluator")
		}
		return sessionConn{Session: sess, seat: req.Team}, nil
	}})
	checks := tree.Find[*widget.Check](t, h.win.Content())
	test.Tap(checks[0])                                       // a role-player…
	test.Tap(tree.Find[*widget.Check](t, h.win.Content())[1]) // …no, an evaluator
	checks = tree.Find[*widget.Check](t, h.win.Content())
	if checks[0].Checked || !checks[1].Checked {
		t.Fatalf("role-player %v, evaluator %v: want the evaluator alone", checks[0].Checked, checks[1].Checked)
	}
	entry(t, h, "lan.join.address").SetText("10.0.0.2")
	entry(t, h, "lan.join.code").SetText("K7M3QX")
	entry(t, h, "evaluate.name").SetText("Lee")
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
	if j := currentAs(t, h); j.codeErr != h.loc.T("lan.join.error.eval_code") || len(got) != 0 {
		t.Fatalf("the short code: %q, joined %d times", j.codeErr, len(got))
	}
	long := "K7M3QX-" + strings.Repeat("ab", 32)
	entry(t, h, "lan.join.code").SetText(long)
	test.Tap(tree.FindButton(t, h.win.Content(), h.loc.T("lan.join.join")))
	if len(got) != 1 || got[0].Team != "Lee" || got[0].Claim == "" {
		t.Fatalf("joined with %+v", got)
	}
	r, ok := h.current.(*evalScreen)
	if !ok {
		t.Fatalf("after joining the screen is %T", h.current)
	}
	if r.view == nil || !tree.Holds(t, h.win.Content(), r.view.Root()) || r.view.Seat() != "Lee" {
		t.Fatal("the evaluator's view is not shown")
	}
	// What the laptop keeps of the join (Saved.Evaluator, the claim) is
	// tested over real connections (app/evaluator_lan_test.go).
	at := int64(90_000)
	cmd := engine.Command{Kind: engine.CmdEvalTask, Team: "Alpha", Seat: "Lee", Objective: "notify", Task: "one-voice", Done: true, AtMS: &at,
		Text: "Dana", Ref: "ev-1"}
	if back := pendingOf(cmd).command("Lee"); back.Kind != cmd.Kind || back.Team != "Alpha" || back.Objective != "notify" ||
		back.Task != "one-voice" || !back.Done || back.AtMS == nil || *back.AtMS != at || back.Text != "Dana" || back.Ref != "ev-1" {
		t.Errorf("a pending tick comes back as %+v", back)
	}
}
