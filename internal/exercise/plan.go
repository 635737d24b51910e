package exercise

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// The facilitator's improvement plan (debrief.Plan) is kept beside the
// exercise's log, not in it: it is after-action work, and a save replaces
// the whole plan. The store keeps it as one JSON document per exercise
// without reading it, as it keeps events; its shape on disk is planDoc,
// below, which must keep reading what earlier versions wrote.

// planDoc is a plan as it is written in the database.
type planDoc struct {
	Strengths    []planItemDoc   `json:"strengths"`
	Improvements []planItemDoc   `json:"areas_for_improvement"`
	Actions      []planActionDoc `json:"corrective_actions"`
}

type planItemDoc struct {
	Team    string `json:"team,omitempty"`
	Code    string `json:"code,omitempty"`
	Subject string `json:"subject,omitempty"`
	Text    string `json:"text"`
}

type planActionDoc struct {
	Team   string `json:"team,omitempty"`
	What   string `json:"what"`
	Action string `json:"action"`
	Owner  string `json:"owner"`
	Due    string `json:"due"`
	// Added with the report by objective: the area for improvement the
	// row answers, its objective, and how far the action has got. Plans
	// saved before have none (status open).
	Code      string `json:"code,omitempty"`
	Subject   string `json:"subject,omitempty"`
	Objective string `json:"objective,omitempty"`
	Status    string `json:"status,omitempty"`
}

// SavePlan stores the exercise's improvement plan, replacing any earlier
// one; when it returns nil the plan is on disk. A plan whose due dates are
// not written YYYY-MM-DD is refused whole (debrief.ErrDueDate: see
// debrief.Plan.Validate; debrief.ParseDue writes them so), and so is one
// for an exercise that does not exist (ErrNotFound). SavedAt is ignored:
// the database sets it.
func (db *DB) SavePlan(id string, p debrief.Plan) error {
	if err := p.Validate(); err != nil {
		return fmt.Errorf("save improvement plan of exercise %s: %w", id, err)
	}
	// Lists are written [] rather than null, so a reader sees the same
	// shape either way.
	doc := planDoc{Strengths: []planItemDoc{}, Improvements: []planItemDoc{}, Actions: []planActionDoc{}}
	for _, x := range p.Strengths {
		doc.Strengths = append(doc.Strengths, planItemDoc(x))
	}
	for _, x := range p.Improvements {
		doc.Improvements = append(doc.Improvements, planItemDoc(x))
	}
	for _, x := range p.Actions {
		doc.Actions = append(doc.Actions, planActionDoc(x))
	}
	data, err := json.Marshal(doc)
	if err != nil {
		return fmt.Errorf("save improvement plan of exercise %s: %w", id, err)
	}
	return db.st.SavePlan(id, data)
}

// Plan returns the exercise's saved improvement plan, with SavedAt, or nil
// when none was saved. An exercise that does not exist gives ErrNotFound.
func (db *DB) Plan(id string) (*debrief.Plan, error) {
	data, saved, ok, err := db.st.Plan(id)
	if err != nil || !ok {
		return nil, err
	}
	p, err := decodePlan(data, saved)
	if err != nil {
		return nil, fmt.Errorf("improvement plan of exercise %s in %s: %w", id, db.Path(), err)
	}
	return p, nil
}

// decodePlan reads a plan document as SavePlan wrote it (or an earlier
// version did), saved at saved.
func decodePlan(data []byte, saved time.Time) (*debrief.Plan, error) {
	var doc planDoc
	if err := json.NewDecoder(strings.NewReader(string(data))).Decode(&doc); err != nil {
		return nil, err
	}
	p := &debrief.Plan{SavedAt: saved}
	if doc.Strengths != nil {
		p.Strengths = make([]debrief.PlanItem, len(doc.Strengths))
		for i, x := range doc.Strengths {
			p.Strengths[i] = debrief.PlanItem(x)
		}
	}
	if doc.Improvements != nil {
		p.Improvements = make([]debrief.PlanItem, len(doc.Improvements))
		for i, x := range doc.Improvements {
			p.Improvements[i] = debrief.PlanItem(x)
		}
	}
	if doc.Actions != nil {
		p.Actions = make([]debrief.PlanRow, len(doc.Actions))
		for i, x := range doc.Actions {
			p.Actions[i] = debrief.PlanRow(x)
		}
	}
	return p, nil
}

// DeletePlan forgets the exercise's improvement plan, so the debrief and
// the exports go back to the rows drawn from the evidence. Deleting a plan
// that was never saved is harmless.
func (db *DB) DeletePlan(id string) error { return db.st.DeletePlan(id) }
