package exercise

import (
	"encoding/json"
	"fmt"
	"maps"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/store"
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
	// Ref is, for a form sent from a team laptop over the network, the
	// command that brought it (internal/lan): a form is stored once per
	// ref, whichever side restarted and sent or asked again.
	Ref string `json:"ref,omitempty"`
}

// SaveFeedback stores one participant's form and returns it as stored
// (cleaned, numbered). The form is cleaned first (debrief.FeedbackForm.Clean:
// an anonymous form loses its name and role) and refused if it does not
// validate (debrief.ErrFeedbackEmpty, ErrFeedbackRating, …); a form for an
// exercise that does not exist gives ErrNotFound.
func (db *DB) SaveFeedback(id string, f debrief.FeedbackForm) (debrief.FeedbackForm, error) {
	return db.saveFeedback(id, "", f)
}

func (db *DB) saveFeedback(id, ref string, f debrief.FeedbackForm) (debrief.FeedbackForm, error) {
	f = f.Clean()
	if err := f.Validate(); err != nil {
		return f, fmt.Errorf("save participant feedback of exercise %s: %w", id, err)
	}
	doc := feedbackDoc{Anonymous: f.Anonymous, Team: f.Team, Name: f.Name, Role: f.Role, Lang: f.Lang,
		Answers: maps.Clone(f.Answers), Ratings: maps.Clone(f.Ratings), Ref: ref}
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

// SaveFeedbackOnce is SaveFeedback for a form that came with a ref (a
// team laptop's command, internal/lan): a form of that ref stored before
// is returned as it was, with dup true, and nothing is added. Callers
// saving forms of the same exercise with refs do so one at a time (the
// LAN host handles one command at a time).
func (db *DB) SaveFeedbackOnce(id, ref string, f debrief.FeedbackForm) (saved debrief.FeedbackForm, dup bool, err error) {
	if ref == "" {
		return f, false, fmt.Errorf("save participant feedback of exercise %s: no ref", id)
	}
	docs, err := db.feedbackDocs(id)
	if err != nil {
		return f, false, err
	}
	for _, d := range docs {
		if d.doc.Ref == ref {
			return d.form(), true, nil
		}
	}
	saved, err = db.saveFeedback(id, ref, f)
	return saved, false, err
}

// LANFeedback counts the forms sent from team laptops (SaveFeedbackOnce),
// by the team of the laptop that sent each.
func (db *DB) LANFeedback(id string) (map[string]int, error) {
	docs, err := db.feedbackDocs(id)
	if err != nil {
		return nil, err
	}
	out := map[string]int{}
	for _, d := range docs {
		if d.doc.Ref != "" {
			out[d.doc.Team]++
		}
	}
	return out, nil
}

// SaveFeedbackOnce stores a form sent from a team laptop
// (DB.SaveFeedbackOnce).
func (r *Running) SaveFeedbackOnce(ref string, f debrief.FeedbackForm) (debrief.FeedbackForm, bool, error) {
	return r.db.SaveFeedbackOnce(r.ID, ref, f)
}

// LANFeedback counts the forms team laptops sent (DB.LANFeedback).
func (r *Running) LANFeedback() (map[string]int, error) { return r.db.LANFeedback(r.ID) }

// savedDoc is a stored form with its number and time.
type savedDoc struct {
	rec store.FeedbackRecord
	doc feedbackDoc
}

func (d savedDoc) form() debrief.FeedbackForm {
	return debrief.FeedbackForm{Seq: d.rec.Seq, Saved: d.rec.Saved, Anonymous: d.doc.Anonymous, Team: d.doc.Team, Name: d.doc.Name,
		Role: d.doc.Role, Lang: d.doc.Lang, Answers: d.doc.Answers, Ratings: d.doc.Ratings}
}

func (db *DB) feedbackDocs(id string) ([]savedDoc, error) {
	recs, err := db.st.Feedback(id)
	if err != nil {
		return nil, err
	}
	out := make([]savedDoc, 0, len(recs))
	for _, r := range recs {
		var doc feedbackDoc
		if err := json.NewDecoder(strings.NewReader(string(r.Data))).Decode(&doc); err != nil {
			return nil, fmt.Errorf("participant feedback %d of exercise %s in %s: %w", r.Seq, id, db.Path(), err)
		}
		out = append(out, savedDoc{rec: r, doc: doc})
	}
	return out, nil
}

// Feedback returns the exercise's saved forms in the order they were
// saved (none for an exercise without). An exercise that does not exist
// gives ErrNotFound.
func (db *DB) Feedback(id string) ([]debrief.FeedbackForm, error) {
	docs, err := db.feedbackDocs(id)
	if err != nil {
		return nil, err
	}
	out := make([]debrief.FeedbackForm, 0, len(docs))
	for _, d := range docs {
		out = append(out, d.form())
	}
	return out, nil
}
