package exercise

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// Participants' hotwash forms (debrief.FeedbackForm) are kept beside the
// exercise's log, one row per form, each added in its own committed
// transaction: a form saved is on disk before SaveFeedback returns and
// survives kill -9. The store keeps each as a JSON document it does not
// read; its shape on disk is feedbackDoc.

// feedbackDoc is a form as it is written in the database. An anonymous
// form has no name and no role: the fields are not written at all.
type feedbackDoc struct {
	Anonymous bool              `json:"anonymous,omitempty"`
	Team      string            `json:"team,omitempty"`
	Name      string            `json:"name,omitempty"`
	Role      string            `json:"role,omitempty"`
	Lang      string            `json:"lang,omitempty"`
	Answers   map[string]string `json:"answers"`
	Ratings   map[string]int    `json:"ratings"`
}

// SaveFeedback stores one participant's form and returns it as stored
// (cleaned, numbered). The form is cleaned first (debrief.FeedbackForm.Clean:
// an anonymous form loses its name and role) and refused if it does not
// validate (debrief.ErrFeedbackEmpty, ErrFeedbackRating, …); a form for an
// exercise that does not exist gives ErrNotFound.
func (db *DB) SaveFeedback(id string, f debrief.FeedbackForm) (debrief.FeedbackForm, error) {
	f = f.Clean()
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("save participant feedback of exercise %s: %w", id, err)
	}
	doc := feedbackDoc{Anonymous: f.Anonymous, Team: f.Team, Name: f.Name, Role: f.Role, Lang: f.Lang,
		Answers: maps.Clone(f.Answers), Ratings: maps.Clone(f.Ratings)}
	data, err := json.Marshal(doc)
	if err != nil {
		return f, fmt.Errorf("save participant feedback of exercise %s: %w", id, err)
	}
	seq, err := db.st.AddFeedback(id, data)
	if err != nil {
		return f, err
	}
	f.Seq = seq
	return f, nil
}

// Feedback returns the exercise's saved forms in the order they were
// saved (none for an exercise without). An exercise that does not exist
// gives ErrNotFound.
func (db *DB) Feedback(id string) ([]debrief.FeedbackForm, error) {
	recs, err := db.st.Feedback(id)
	if err != nil {
		return nil, err
	}
	out := make([]debrief.FeedbackForm, 0, len(recs))
	for _, r := range recs {
		var doc feedbackDoc
		if err := json.NewDecoder(strings.NewReader(string(r.Data))).Decode(&doc); err != nil {
			return nil, fmt.Errorf("participant feedback %d of exercise %s in %s: %w", r.Seq, id, db.Path(), err)
		}
		out = append(out, debrief.FeedbackForm{Seq: r.Seq, Saved: r.Saved, Anonymous: doc.Anonymous,
			Team: doc.Team, Name: doc.Name, Role: doc.Role, Lang: doc.Lang, Answers: doc.Answers, Ratings: doc.Ratings})
	}
	return out, nil
}
