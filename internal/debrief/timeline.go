package debrief

import (
	"fmt"
	"maps"
	"strconv"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// replay folds the log step by step (engine.NewState + Apply) and returns
// the timeline in words and every team's world curves (team → variable →
// points). With team set, the timeline keeps that team's events and those of
// the whole exercise. A log that stops folding ends the replay there.
func replay(events []engine.Event, lang, team string) ([]TimelineEntry, map[string]map[string][]Point) {
	timeline := []TimelineEntry{}
	curves := map[string]map[string][]Point{}
	s := engine.NewState()
	for _, e := range events {
		// What the event needs from the state before it applies.
		var before map[string]float64
		openedAt := time.Duration(-1)
		if s.Scenario != nil && e.Team != "" {
			if t := s.Team(e.Team); t != nil {
				before = maps.Clone(t.World)
				for _, od := range t.Open {
					if od.Decision.ID == e.Decision {
						openedAt = od.OpenedAt
					}
				}
			}
		}
		if err := s.Apply(e); err != nil {
			break
		}
		if e.Kind == engine.KindStarted {
			for _, t := range s.Teams {
				curves[t.Name] = map[string][]Point{}
				for _, v := range s.Scenario.World {
					curves[t.Name][v.ID] = []Point{{AtSeconds: secs(e.At), Value: round2(t.World[v.ID])}}
				}
			}
		}
		var changes []string
		if t := s.Team(e.Team); t != nil && before != nil {
			for _, v := range s.Scenario.World {
				if old, now := before[v.ID], t.World[v.ID]; old != now {
					curves[t.Name][v.ID] = append(curves[t.Name][v.ID], Point{AtSeconds: secs(e.At), Value: round2(now)})
					changes = append(changes, fmt.Sprintf("%s %s → %s", varLabel(v, lang), Number(old), Number(now)))
				}
			}
		}
		if team != "" && e.Team != "" && e.Team != team {
			continue
		}
		entry := describe(s, e, openedAt, lang, team)
		if len(changes) > 0 {
			entry.Text += " — " + strings.Join(changes, listSep(lang))
		}
		timeline = append(timeline, entry)
	}
	// Hold each curve to the team's end, or to where the log stops.
	for _, t := range s.Teams {
		end := s.Now
		if t.Ended {
			end = t.EndedAt
		}
		for id, pts := range curves[t.Name] {
			if last := pts[len(pts)-1]; last.AtSeconds < secs(end) {
				curves[t.Name][id] = append(pts, Point{AtSeconds: secs(end), Value: last.Value})
			}
		}
	}
	return timeline, curves
}

// describe puts an event, just applied to s, into words.
func describe(s *engine.State, e engine.Event, openedAt time.Duration, lang, team string) TimelineEntry {
	L := func(k string) string { return T(lang, k) }
	sc := s.Scenario
	en := TimelineEntry{Seq: e.Seq, AtSeconds: secs(e.At), Team: e.Team, Kind: string(e.Kind), Decision: e.Decision, Option: e.Option}
	t := s.Team(e.Team)
	if t != nil {
		en.Phase = t.Phase
	}
	prompt := func(id string) string {
		if d := sc.Decision(id); d != nil {
			return brief(d.Prompt.Get(lang), true)
		}
		return id
	}
	switch e.Kind {
	case engine.KindStarted:
		if team == "" {
			en.Text = fmt.Sprintf(L("ev.startedteams"), sc.Title.Get(lang), strings.Join(e.Teams, listSep(lang)))
		} else {
			en.Text = fmt.Sprintf(L("ev.started"), sc.Title.Get(lang))
		}
	case engine.KindPaused:
		en.Text = L("ev.paused")
	case engine.KindResumed:
		en.Text = L("ev.resumed")
	case engine.KindSpeed:
		en.Text = fmt.Sprintf(L("ev.speed"), strconv.FormatFloat(e.Speed, 'g', -1, 64))
	case engine.KindPhase:
		en.Text = fmt.Sprintf(L("ev.phase"), phaseTitle(s, e.Phase, lang))
	case engine.KindInject:
		if t != nil && len(t.Inbox) > 0 {
			d := t.Inbox[len(t.Inbox)-1]
			en.Text = deliveryText(d.Inject.Channel, d.Inject.From.Get(lang), d.Inject.Text.Get(lang), lang)
			en.Pictures = timelinePictures(d.Inject.Media, lang)
			switch {
			case d.SentNow:
				en.Text += fmt.Sprintf(L("ev.sentnow"), Clock(d.Due))
			case d.Delayed > 0:
				en.Text += fmt.Sprintf(L("ev.delayedarrival"), span(d.Delayed, lang))
			}
		}
	case engine.KindSkipped, engine.KindDelayed, engine.KindExtended:
		if t != nil && len(t.Changes) > 0 {
			en.Text = fmt.Sprintf(L("ev.control"), ChangeText(t.Changes[len(t.Changes)-1], lang))
		}
	case engine.KindOpened:
		en.Text = fmt.Sprintf(L("ev.opened"), prompt(e.Decision))
		if e.Seat != "" {
			en.Text = roleplayEvent(s, e, lang)
		}
	case engine.KindRoleSaid, engine.KindRoleNudged:
		en.Text = roleplayEvent(s, e, lang)
	case engine.KindChosen:
		if t != nil && len(t.Answers) > 0 {
			a := t.Answers[len(t.Answers)-1]
			en.Text = fmt.Sprintf(L("ev.chosen"), brief(a.Option.Text.Get(lang), false), brief(a.Decision.Prompt.Get(lang), true), Took(a.Took(), lang))
			en.ResponseSeconds = ptr(secs(a.Took()))
			en.Statement = strings.TrimSpace(a.Statement)
		} else if openedAt >= 0 {
			en.ResponseSeconds = ptr(secs(e.At - openedAt))
		}
	case engine.KindReplied:
		if t != nil && len(t.Replies) > 0 {
			rp := t.Replies[len(t.Replies)-1]
			in := rp.Inject
			en.Text = fmt.Sprintf(L("ev.replied"), withFrom(Label(lang, "channel."+in.Channel), in.From.Get(lang), lang), brief(in.Text.Get(lang), false))
			en.Reply = strings.TrimSpace(rp.Text)
		}
	case engine.KindPosted:
		if t != nil && len(t.Posts) > 0 {
			p := t.Posts[len(t.Posts)-1]
			en.Text = fmt.Sprintf(L("ev.posted"), Label(lang, "post."+p.Channel))
			en.Post = strings.TrimSpace(p.Text)
		}
	case engine.KindPressStarted, engine.KindPressQuestion, engine.KindPressAnswered, engine.KindPressUnanswered:
		en.Text, en.Answer = pressEvent(s, e, lang)
	case engine.KindCaseArrived, engine.KindCaseHandled, engine.KindCaseMissed:
		en.Text, en.Reply = caseEvent(s, e, lang)
	case engine.KindTriaged:
		en.Text = triageEvent(s, e, lang)
	case engine.KindTimedOut:
		en.Text = fmt.Sprintf(L("ev.timedout"), prompt(e.Decision))
	case engine.KindRejected:
		if e.Command != "" {
			en.Text = refusedText(sc, e, lang)
		} else {
			en.Text = fmt.Sprintf(L("ev.rejected"), e.Decision, e.Option, e.Reason)
		}
	case engine.KindTeamEnded:
		if t != nil {
			en.Text = fmt.Sprintf(L("ev.teamended"), endingText(s, t, lang))
		}
	case engine.KindExerciseEnds:
		en.Text = fmt.Sprintf(L("ev.ended"), Label(lang, "reason."+e.Reason))
	case engine.KindRule:
		en.Text = L("ev.rule") // its id is the author's, not words for a reader
	case engine.KindTrigger:
		en.Text = fmt.Sprintf(L("ev.trigger"), e.Trigger)
		for _, tr := range sc.Triggers {
			if tr.ID == e.Trigger && tr.Inject != nil {
				en.Text = fmt.Sprintf(L("ev.trigger"), deliveryText(tr.Inject.Channel, tr.Inject.From.Get(lang), tr.Inject.Text.Get(lang), lang))
			}
		}
	case engine.KindRegMissed:
		label := e.RegDeadline
		if t != nil && t.RegDeadlines[e.RegDeadline] != nil {
			label = t.RegDeadlines[e.RegDeadline].Deadline.Label.Get(lang)
		}
		en.Text = fmt.Sprintf(L("ev.missed"), label)
	case engine.KindPromiseMiss:
		en.Text = fmt.Sprintf(L("ev.promise"), e.Promise)
	case engine.KindAdHoc:
		en.Text = adHocText(sc, e, lang)
	case engine.KindNote:
		en.Text = fmt.Sprintf(L("ev.note"), oneLine(e.Text))
	case engine.KindFeed:
		// The posts just added are the last of the team's feed.
		if t != nil && len(e.Posts) > 0 && len(t.Feed) >= len(e.Posts) {
			first := t.Feed[len(t.Feed)-len(e.Posts)].Post
			for _, it := range t.Feed[len(t.Feed)-len(e.Posts):] {
				en.Pictures = append(en.Pictures, timelinePictures(it.Post.Media, lang)...)
			}
			text := brief(oneLine(first.Text.Get(lang)), false)
			if len(e.Posts) == 1 {
				en.Text = fmt.Sprintf(L("ev.feed1"), text)
			} else {
				en.Text = fmt.Sprintf(L("ev.feed"), len(e.Posts), text)
			}
		}
	case engine.KindOverride:
		en.Text = fmt.Sprintf(L("ev.override"), dimLabel(e.Dimension, lang), Number(e.Value), oneLine(e.Text))
	case engine.KindRating:
		obj := e.Objective
		for _, o := range sc.Objectives {
			if o.ID == e.Objective {
				obj = o.Text.Get(lang)
			}
		}
		en.Text = fmt.Sprintf(L("ev.rating"), obj, e.Rating)
		if r := strings.TrimSpace(e.Text); r != "" {
			en.Text += " — " + oneLine(r)
		}
	case engine.KindEvaluation:
		if e.Evaluation != nil {
			en.Text = evaluationText(sc, e, lang)
		}
	case engine.KindEvalTask, engine.KindEvalRated, engine.KindEvalObserved:
		en.Text = evalEventText(sc, e, lang)
	}
	if en.Text == "" {
		en.Text = string(e.Kind)
	}
	return en
}

func deliveryText(channel, from, text, lang string) string {
	return withFrom(Label(lang, "channel."+channel), from, lang) + T(lang, "sep") + oneLine(text)
}

// timelinePictures lists an inject's or a post's pictures for the
// timeline.
func timelinePictures(media []*scenario.Media, lang string) []TimelinePicture {
	var out []TimelinePicture
	for _, m := range media {
		out = append(out, TimelinePicture{File: m.File, Alt: m.Alt.Get(lang)})
	}
	return out
}

// withFrom names who sent an inject: its channel, and its sender in
// brackets when it has one.
func withFrom(channel, from, lang string) string {
	if from != "" && lang == "zh" {
		return channel + "（" + from + "）"
	} else if from != "" {
		return channel + " (" + from + ")"
	}
	return channel
}

// dimLabel names a score dimension in lang.
func dimLabel(dim, lang string) string {
	if s := T(lang, dim); s != "" {
		return s
	}
	return dim
}
