package debrief

import "time"

// CarriedOverAction is a corrective action of an earlier exercise of the
// same organisation that was not done when this exercise took place: the
// after-action report lists them under its improvement plan (see
// BuildProgramme for the rule).
type CarriedOverAction struct {
	From     string `json:"from"`     // the earlier exercise's label (its date)
	Exercise string `json:"exercise"` // the earlier exercise's id
	Team     string `json:"team,omitempty"`
	What     string `json:"what"`
	Action   string `json:"action"`
	Owner    string `json:"owner"`
	Due      string `json:"due"`
	// State is the action's state on this exercise's date: in progress,
	// overdue or open.
	State string `json:"state"`
}

// CarriedInto lists the actions the programme carried into the exercise
// id, each in its state on that exercise's date.
func (p *Programme) CarriedInto(id string) []CarriedOverAction {
	var out []CarriedOverAction
	e := p.Exercise(id)
	if e == nil {
		return nil
	}
	for _, c := range p.Carried[id] {
		a := p.Actions[c.Action]
		out = append(out, CarriedOverAction{From: p.ExerciseLabel(a.Exercise), Exercise: a.Exercise, Team: a.Team, What: a.What,
			Action: a.Action, Owner: a.Owner, Due: a.Due, State: ActionState(c.Status, a.Due, e.Date)})
	}
	return out
}

// CarriedInput is one exercise of an organisation as CarriedOver needs it:
// no report, only its id, start and plan's saves.
type CarriedInput struct {
	ID      string
	Started time.Time
	History []PlanVersion
}

// CarriedOver lists the corrective actions carried into the exercise id
// from the other exercises of its organisation (in), in lang.
func CarriedOver(id, lang string, in []CarriedInput) []CarriedOverAction {
	var pin []ProgrammeInput
	for _, x := range in {
		r := &Report{Lang: lang, Overview: Overview{ExerciseID: x.ID, Date: x.Started.Format(time.DateOnly)}}
		pin = append(pin, ProgrammeInput{Report: r, Started: x.Started, History: x.History})
	}
	return BuildProgramme("", lang, "", "", pin).CarriedInto(id)
}
