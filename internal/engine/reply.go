package engine

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/firebreak-drills/firebreak/internal/rubric"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Reply is a team's written answer to an inject that asked for one: the
// reporter's email answered, the regulator's letter, the customer's
// message. It is judged as a decision's statement is (the rubric, with the
// reply's required facts and hazard), and does not change the scores.
type Reply struct {
	Inject     *scenario.Inject // what it answers
	At         time.Duration
	Text       string
	FactsFound []string       // the reply's required facts the text contains
	Rubric     *rubric.Result // the rubric's judgement of Text
	// JudgedLive is the version of the judge that scored the text for the
	// team when it was sent; Rubric is the judge this program has.
	JudgedLive int
}

// Answerable tells whether the team may answer the inject delivered to it
// with this id: it arrived, and asks for an answer. It returns the latest
// such delivery's inject.
func (t *Team) Answerable(injectID string) (*scenario.Inject, bool) {
	for i := len(t.Inbox) - 1; i >= 0; i-- {
		if in := t.Inbox[i].Inject; in.ID == injectID && in.Reply != nil {
			return in, true
		}
	}
	return nil, false
}

// RepliesTo picks from replies (a team's, oldest first) those to the
// inject with this id.
func RepliesTo(replies []Reply, injectID string) []Reply {
	var out []Reply
	for _, r := range replies {
		if r.Inject.ID == injectID {
			out = append(out, r)
		}
	}
	return out
}

// checkReply refuses a reply the state cannot take: no such team, a team
// that has finished, no such inject among what reached it (or one that
// asks for no answer), no text or too much.
func (s *State) checkReply(cmd Command) error {
	t, err := s.playingTeam(cmd.Team)
	if err != nil {
		return err
	}
	if _, ok := t.Answerable(cmd.Inject); !ok {
		return refuse(ErrNoReply, "inject %q to team %q", cmd.Inject, cmd.Team)
	}
	return checkText(cmd.Text, "a reply", MaxStatementLen)
}

// playingTeam is the team that a team's own command (a reply, a post, a
// press answer) names, refused when there is no such team or when it, or
// the exercise, has finished.
func (s *State) playingTeam(name string) (*Team, error) {
	t := s.Team(name)
	switch {
	case t == nil:
		return nil, refused(&Refused{Refusal: ErrNoSuchTeam, Team: name}, "%q", name)
	case t.Ended || s.Ended:
		return nil, refused(&Refused{Refusal: ErrEnded, Team: name}, "team %q", name)
	}
	return t, nil
}

// checkText refuses a team's written text that is empty or longer than
// max characters; what names it in the refusal ("a reply").
func checkText(text, what string, max int) error {
	if strings.TrimSpace(text) == "" {
		return refuse(ErrNoText, "%s needs a text", what)
	}
	if utf8.RuneCountInString(text) > max {
		return tooLong(max, "%s is at most %d characters", what, max)
	}
	return nil
}

// applyReply folds a reply into its team's state.
func (s *State) applyReply(t *Team, e Event) error {
	in, ok := t.Answerable(e.Inject)
	if !ok {
		return logError(e.Seq, e.Kind, ErrLogBadEvent, "team %q has received no inject %q that asks for an answer", t.Name, e.Inject)
	}
	r := Reply{Inject: in, At: e.At, Text: e.Text, JudgedLive: e.Judge,
		FactsFound: FactsIn(s.Scenario, in.Reply.RequiredFacts, e.Text)}
	res := rubric.Judge(e.Text, rubric.Context{Lang: s.Lang, Facts: s.rubricFacts(in.Reply.RequiredFacts), Hazard: in.Reply.Hazard,
		Kind: in.Reply.Kind})
	r.Rubric = &res
	t.Replies = append(t.Replies, r)
	return nil
}

// adHocReply is the answer an ad-hoc inject asks for: any may be
// answered, as what its channel suggests.
func adHocReply(channel string) *scenario.StatementSpec {
	kind := "holding"
	switch channel {
	case "customer":
		kind = "customer-email"
	case "social":
		kind = "social-reply"
	case "memo":
		kind = "internal"
	case "regulator":
		kind = "regulator-report"
	}
	return &scenario.StatementSpec{Kind: kind, Hazard: "open"}
}
