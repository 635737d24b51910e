package lan

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"strings"

	"github.com/nats-io/nuid"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
)

// Participants' feedback at the hotwash: once the exercise has ended, and
// while the facilitator's laptop collects forms (Host.OpenFeedback), a
// team laptop sends each participant's form as a command of kind
// "feedback" on its team's subject. The host stores it as the
// facilitator's own form is stored (exercise.Running.SaveFeedbackOnce):
// under the laptop's team, once per command id (a form sent again after a
// restart of either side is answered as a duplicate), and without name or
// role when the facilitator chose anonymous feedback. The clock's
// heartbeat tells the team laptops whether forms are taken and whether
// they are anonymous (clockBeat.Feedback).

// Refusals of a form, as the team laptop gets them (errors.Is).
var (
	// ErrFeedbackNotEnded: the exercise has not ended; feedback is for
	// the hotwash.
	ErrFeedbackNotEnded = errors.New("the exercise has not ended yet")
	// ErrFeedbackClosed: the facilitator's laptop does not collect forms
	// (not yet, or no more).
	ErrFeedbackClosed = errors.New("the facilitator's laptop is not collecting feedback")
	// ErrFeedbackAnonymous: feedback is anonymous and the form carried a
	// name or a role; it was not stored.
	ErrFeedbackAnonymous = errors.New("feedback is anonymous: a form with a name or a role is not taken")
	// ErrFeedbackInvalid: the form itself was refused (nothing answered, a
	// rating out of range, a text too long; debrief.FeedbackForm.Validate).
	ErrFeedbackInvalid = errors.New("the facilitator's laptop refused the form")
)

// The refusal codes of a form (Outcome.Code).
const (
	codeFeedbackNotEnded  = "feedback_not_ended"
	codeFeedbackClosed    = "feedback_closed"
	codeFeedbackAnonymous = "feedback_anonymous"
	codeFeedbackInvalid   = "feedback_invalid"
)

// What clockBeat.Feedback says.
const (
	feedbackOpen      = "open"
	feedbackAnonymous = "anonymous"
)

// wireForm is a participant's form on the wire. The team is the
// command's; a form sent while feedback is anonymous has no name or role.
type wireForm struct {
	Name    string            `json:"name,omitempty"`
	Role    string            `json:"role,omitempty"`
	Lang    string            `json:"lang,omitempty"`
	Answers map[string]string `json:"answers,omitempty"`
	Ratings map[string]int    `json:"ratings,omitempty"`
}

// OpenFeedback makes the host take participants' forms once the exercise
// has ended (the hotwash); anonymous, called for each form and each
// heartbeat, is the facilitator's choice at that moment.
func (h *Host) OpenFeedback(anonymous func() bool) {
	h.mu.Lock()
	h.anonymous = anonymous
	h.mu.Unlock()
	h.beat()
}

// feedbackState is what the heartbeat says of feedback.
func (h *Host) feedbackState() string {
	h.mu.Lock()
	anon := h.anonymous
	h.mu.Unlock()
	switch {
	case anon == nil:
		return ""
	case anon():
		return feedbackAnonymous
	}
	return feedbackOpen
}

// applyFeedback stores a team's form once.
func (h *Host) applyFeedback(team, tok string, cmd wireCommand) Outcome {
	ref := commandRef(tok, cmd.ID)
	h.cmdMu.Lock()
	defer h.cmdMu.Unlock()
	h.mu.Lock()
	o, seen := h.outcomes[ref]
	anonymous := h.anonymous
	h.mu.Unlock()
	if seen {
		o.ID, o.Duplicate = cmd.ID, true
		return o
	}
	var ended bool
	h.sess.Read(func(s *engine.State) { ended = s.Ended })
	switch {
	case !ended:
		return Outcome{ID: cmd.ID, Status: StatusRejected, Reason: ErrFeedbackNotEnded.Error(), Code: codeFeedbackNotEnded}
	case anonymous == nil:
		return Outcome{ID: cmd.ID, Status: StatusRejected, Reason: ErrFeedbackClosed.Error(), Code: codeFeedbackClosed}
	}
	w := cmd.Feedback
	anon := anonymous()
	if anon && (strings.TrimSpace(w.Name) != "" || strings.TrimSpace(w.Role) != "") {
		return Outcome{ID: cmd.ID, Status: StatusRejected, Reason: ErrFeedbackAnonymous.Error(), Code: codeFeedbackAnonymous}
	}
	f := debrief.FeedbackForm{Team: team, Anonymous: anon, Name: w.Name, Role: w.Role, Lang: w.Lang,
		Answers: maps.Clone(w.Answers), Ratings: maps.Clone(w.Ratings)}
	if err := f.Clean().Validate(); err != nil {
		h.quiet.note(noteBadCommand)
		return Outcome{ID: cmd.ID, Status: StatusRejected, Reason: err.Error(), Code: codeFeedbackInvalid}
	}
	saved, dup, err := h.run.SaveFeedbackOnce(ref, f)
	if err != nil {
		h.logf("team %s: feedback %s failed: %v", team, cmd.ID, err)
		return Outcome{ID: cmd.ID, Status: StatusRetry, Reason: "the host could not store the form just now"}
	}
	o = Outcome{ID: cmd.ID, Status: StatusAccepted, Seq: saved.Seq, Duplicate: dup}
	h.mu.Lock()
	h.outcomes[ref] = Outcome{Status: StatusAccepted, Seq: saved.Seq}
	h.mu.Unlock()
	if !dup {
		h.logf("team %s: participant feedback %d received", team, saved.Seq)
	}
	return o
}

// FeedbackState says what the host last said of feedback: whether it
// takes forms and whether they are anonymous.
func (c *Client) FeedbackState() (open, anonymous bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.feedback != "", c.feedback == feedbackAnonymous
}

// SendFeedback sends a participant's form for the laptop's team (the
// form's own team is ignored) with id ref (a new one when empty): the
// host stores a ref once, so the same form sent again after a restart
// counts once. A form marked anonymous is sent without name or role. It
// retries until the host answers or ctx ends; a refusal is one of
// ErrFeedbackNotEnded, ErrFeedbackClosed, ErrFeedbackAnonymous and
// ErrFeedbackInvalid.
func (c *Client) SendFeedback(ctx context.Context, ref string, f debrief.FeedbackForm) error {
	if seatToken(c.tok) {
		return errors.New("only a team laptop sends participants' feedback")
	}
	if ref == "" {
		ref = nuid.Next()
	}
	w := &wireForm{Lang: f.Lang, Answers: f.Answers, Ratings: f.Ratings}
	if !f.Anonymous {
		w.Name, w.Role = f.Name, f.Role
	}
	body, err := json.Marshal(wireCommand{ID: ref, Kind: wireFeedback, Team: c.team, Feedback: w})
	if err != nil {
		return err
	}
	o, err := c.request(ctx, ref, body)
	if err != nil {
		return err
	}
	if o.Status == StatusAccepted {
		return nil
	}
	return feedbackRefusal(o)
}

// feedbackRefusal is the error of a refused form.
func feedbackRefusal(o Outcome) error {
	switch o.Code {
	case codeFeedbackNotEnded:
		return ErrFeedbackNotEnded
	case codeFeedbackClosed:
		return ErrFeedbackClosed
	case codeFeedbackAnonymous:
		return ErrFeedbackAnonymous
	}
	return fmt.Errorf("%w: %s", ErrFeedbackInvalid, o.Reason)
}
