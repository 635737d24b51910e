package debrief

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// Markdown renders a report as the Markdown debrief: the overview, a score
// table, each team's path, decisions, injects, statements, replies to
// injects, deadlines, public voice and world, the objectives with their
// evidence, the observer notes and how the scores are computed; then,
// when the report carries the facilitator's saved improvement plan
// (BuildWithPlan), the plan. Like the other renderers it reads only the
// report. It shows neither the timeline nor the world curves, so a report
// built without the log (Build(st, nil, …)) renders the same.
//
// A one-team handout (a report built for one team) is the same debrief of
// that team alone, as the other formats' handouts are: its title names
// the team, and before the method it gives the team's strengths and areas
// for improvement (unless the saved plan, which lists them, follows) and
// the general lessons, the findings the team shares with others.
func Markdown(r *Report) string {
	lang := r.Lang
	L := func(k string) string { return Label(lang, k) }
	sep := T(lang, "sep")
	ov := r.Overview
	var b strings.Builder
	if r.HandoutTeam != "" {
		fmt.Fprintf(&b, "# %s — %s · %s\n\n", L("title"), md(ov.Scenario), fmt.Sprintf(T(lang, "handout"), md(r.HandoutTeam)))
	} else {
		fmt.Fprintf(&b, "# %s — %s\n\n", L("title"), md(ov.Scenario))
	}
	fmt.Fprintf(&b, "- %s%s (`%s`)\n", field(L("scenario"), lang), md(ov.Scenario), ov.ScenarioID)
	fmt.Fprintf(&b, "- %s%s\n", field(L("kind"), lang), ov.KindName)
	fmt.Fprintf(&b, "- %s%s\n", field(L("duration"), lang), Clock(dur(ov.DurationSeconds)))
	if ov.Version != "" {
		fmt.Fprintf(&b, "- %s%s\n", field(L("version"), lang), md(ov.Version))
	}
	names := make([]string, len(ov.Teams))
	for i, n := range ov.Teams {
		names[i] = md(n)
	}
	teams := L("teams")
	if r.HandoutTeam != "" {
		teams = L("team")
	}
	fmt.Fprintf(&b, "- %s%s\n", field(teams, lang), strings.Join(names, listSep(lang)))
	fmt.Fprintf(&b, "- %s%s\n\n", field(L("status"), lang), ov.Status)

	// Every dimension has a column, "—" where a team has no evidence.
	dims := append(slices.Clone(scoring.Dimensions), scoring.Overall)
	fmt.Fprintf(&b, "## %s\n\n", L("scores"))
	fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s | %s |\n|---|---:|---:|---:|---:|---:|---:|---|\n",
		L("team"), L("speed"), L("transparency"), L("empathy"), L("consistency"), L("follow-up"), L("overall"), L("ending"))
	for _, t := range r.Teams {
		cells := []string{md(t.Name)}
		for _, d := range dims {
			c := dim(t.Scores, d)
			if slices.ContainsFunc(t.Overrides, func(o OverrideReport) bool { return o.Dimension == d }) {
				c += "*"
			}
			cells = append(cells, c)
		}
		cells = append(cells, md(t.Ending.Text))
		fmt.Fprintf(&b, "| %s |\n", strings.Join(cells, " | "))
	}
	b.WriteString("\n")
	writeOverrides(&b, r)

	for _, t := range r.Teams {
		fmt.Fprintf(&b, "## %s%s%s\n\n", L("team"), sep, md(t.Name))
		fmt.Fprintf(&b, "%s%s\n\n", field(L("ending"), lang), md(t.Ending.Text))
		steps := make([]string, len(t.Path))
		for i, p := range t.Path {
			steps[i] = md(p.Title) + L("paren") + Clock(dur(p.AtSeconds)) + L("parenend")
		}
		fmt.Fprintf(&b, "%s%s\n\n", field(L("path"), lang), strings.Join(steps, " → "))

		fmt.Fprintf(&b, "### %s\n\n", L("decisions"))
		if len(t.Decisions) == 0 {
			fmt.Fprintf(&b, "%s\n\n", L("none"))
		} else {
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n|---|---:|---|---:|---:|---:|---:|\n",
				L("decision"), L("opened"), L("answer"), L("response"), L("speed"), L("transparency"), L("empathy"))
			for _, d := range t.Decisions {
				answer, took := md(d.Answer), "—"
				if d.Status == "chosen" {
					answer, took = md(d.OptionText), Took(dur(*d.ResponseSeconds), lang)
					if d.ShownAs > 0 {
						answer += fmt.Sprintf(L("shown-as"), d.ShownAs, len(d.Shown))
					}
				}
				fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s | %s |\n", md(d.Prompt), Clock(dur(d.OpenedAtSeconds)),
					answer, took, dim(d.Scores, scoring.Speed), dim(d.Scores, scoring.Transparency), dim(d.Scores, scoring.Empathy))
			}
			b.WriteString("\n")
		}

		fmt.Fprintf(&b, "### %s (%d)\n\n", L("injects"), len(t.Inbox))
		for _, d := range t.Inbox {
			from, note := "", ""
			if d.From != "" {
				from = " — " + md(d.From)
			}
			if d.Note != "" {
				note = L("paren") + md(d.Note) + L("parenend")
			}
			fmt.Fprintf(&b, "- %s · %s%s%s%s%s\n", Clock(dur(d.AtSeconds)), d.ChannelName, from, note, sep, md(d.Text))
		}
		b.WriteString("\n")
		if len(t.Changes) > 0 {
			fmt.Fprintf(&b, "### %s\n\n", T(lang, "changes"))
			for _, c := range t.Changes {
				fmt.Fprintf(&b, "- %s · %s\n", Clock(dur(c.AtSeconds)), md(c.Text))
			}
			b.WriteString("\n")
		}

		writeStatements(&b, lang, t.Statements)
		writeReplies(&b, lang, t.Replies)
		writePress(&b, lang, t.Press)
		writeCases(&b, lang, t.Cases)
		writeTriage(&b, lang, t.Triage)
		writePosts(&b, lang, t.Posts)
		if len(t.Roleplay) > 0 {
			fmt.Fprintf(&b, "### %s\n\n", T(lang, "roleplay"))
			for _, iv := range t.Roleplay {
				fmt.Fprintf(&b, "- %s · %s · %s\n", Clock(dur(iv.AtSeconds)), md(iv.SeatName), md(iv.Text))
			}
			b.WriteString("\n")
		}
		if len(t.Deadlines) > 0 {
			fmt.Fprintf(&b, "### %s\n\n", L("deadlines"))
			for _, d := range t.Deadlines {
				fmt.Fprintf(&b, "- %s%s%s\n", md(d.Label), sep, d.Text)
			}
			b.WriteString("\n")
		}
		writeVoices(&b, lang, t)
		writeFeed(&b, lang, t.Feed)
		if len(t.Triggers) > 0 {
			fmt.Fprintf(&b, "### %s\n\n", L("triggers"))
			for _, x := range t.Triggers {
				fmt.Fprintf(&b, "- %s\n", md(x.Text))
			}
			b.WriteString("\n")
		}

		if len(t.World) > 0 {
			fmt.Fprintf(&b, "### %s\n\n", L("world"))
			for i, v := range t.World {
				rng := ov.World[i] // the same variables, in the same order
				fmt.Fprintf(&b, "- %s%s%s (%g → %g)\n", md(v.Label), sep, Number(v.Value), rng.Min, rng.Max)
			}
			b.WriteString("\n")
		}
		if len(t.Rejected) > 0 {
			fmt.Fprintf(&b, "### %s\n\n", L("rejected"))
			for _, x := range t.Rejected {
				fmt.Fprintf(&b, "- %s: %s — %s\n", Clock(dur(x.AtSeconds)), md(x.Choice), md(x.Reason))
			}
			b.WriteString("\n")
		}
	}
	writeObjectives(&b, r)
	writeNotes(&b, r)
	if len(r.RefusedCommands) > 0 {
		fmt.Fprintf(&b, "## %s\n\n", T(lang, "refusedcommands"))
		for _, c := range r.RefusedCommands {
			fmt.Fprintf(&b, "- %s · %s\n", Clock(dur(c.AtSeconds)), md(c.Text))
		}
		b.WriteString("\n")
	}
	if r.HandoutTeam != "" {
		writeHandoutFindings(&b, r)
	}
	writeCarried(&b, r)
	writeFeedback(&b, r)
	fmt.Fprintf(&b, "## %s\n\n%s\n", L("method"), r.Method)
	if r.PlanSaved {
		b.WriteString("\n")
		writePlan(&b, r)
	}
	return b.String()
}

func writeOverrides(b *strings.Builder, r *Report) {
	var lines []string
	for _, t := range r.Teams {
		for _, o := range t.Overrides {
			lines = append(lines, fmt.Sprintf("- \\* %s, %s%s%s → %s (%s) — %s", md(t.Name), Label(r.Lang, o.Dimension), T(r.Lang, "sep"),
				Number(o.Computed), Number(o.Value), Clock(dur(o.AtSeconds)), md(o.Reason)))
		}
	}
	if len(lines) > 0 {
		fmt.Fprintf(b, "%s\n\n%s\n\n", Label(r.Lang, "overrides"), strings.Join(lines, "\n"))
	}
}

func writeStatements(b *strings.Builder, lang string, statements []StatementReport) {
	if len(statements) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n", Label(lang, "statements"))
	for _, s := range statements {
		fmt.Fprintf(b, "**%s**%s%s%s\n\n", md(s.Prompt), Label(lang, "paren"), s.KindName, Label(lang, "parenend"))
		writeJudged(b, lang, s.Text, s.Facts, s.Rubric, s.Judge, s.JudgedLive)
	}
}

// writeReplies writes the team's replies to injects: what each answers
// (the inject as the inbox lists it, its text shortened), when and as
// what the team replied, and the reply judged as a statement is.
func writeReplies(b *strings.Builder, lang string, replies []ReplyReport) {
	if len(replies) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n", Label(lang, "replies"))
	for _, r := range replies {
		from := ""
		if r.From != "" {
			from = " — " + md(r.From)
		}
		fmt.Fprintf(b, "%s%s\n\n", field(Clock(dur(r.InjectAtSeconds))+" · "+r.ChannelName+from, lang), md(r.About))
		colon := ":"
		if lang == "zh" {
			colon = "："
		}
		fmt.Fprintf(b, "%s%s%s%s%s\n\n", fmt.Sprintf(Label(lang, "reply.at"), Clock(dur(r.AtSeconds))), Label(lang, "paren"), r.KindName,
			Label(lang, "parenend"), colon)
		writeJudged(b, lang, r.Text, r.Facts, r.Rubric, r.Judge, r.JudgedLive)
	}
}

// writePosts writes the team's posts on the channels: when and where, the
// post judged as a statement is, then the public's reaction and how it
// moved the world.
func writePosts(b *strings.Builder, lang string, posts []TeamPostReport) {
	if len(posts) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s\n\n", Label(lang, "posts"))
	sep := T(lang, "sep")
	for _, p := range posts {
		colon := ":"
		if lang == "zh" {
			colon = "："
		}
		fmt.Fprintf(b, "%s%s\n\n", postHeading(p, lang), colon)
		writeJudged(b, lang, p.Text, nil, p.Rubric, p.Judge, p.JudgedLive)
		if len(p.Reaction) > 0 || len(p.Moved) > 0 {
			fmt.Fprintf(b, "%s\n\n", strings.TrimSpace(field(Label(lang, "post.reaction"), lang)))
			for _, r := range p.Reaction {
				from := r.From
				if from != "" {
					from += sep
				}
				fmt.Fprintf(b, "- %s · %s%s\n", Label(lang, "tone."+r.Tone), md(from), md(oneLine(r.Text)))
			}
			if len(p.Moved) > 0 {
				fmt.Fprintf(b, "- %s%s%s%s\n", Label(lang, "post.moved"), sep, movedText(p.Moved, lang), RepeatNote(p.Repeat, lang))
			}
			b.WriteString("\n")
		}
	}
}

// movedText says how a reaction moved the world: "Sentiment −15, Attention +10".
// RepeatNote says, after how a post moved the world, that the public had
// heard the same before and reacted less ("" for a first time).
func RepeatNote(repeat int, lang string) string {
	if repeat <= 0 {
		return ""
	}
	return fmt.Sprintf(Label(lang, "post.repeat"), repeat, 1<<min(repeat, 30))
}

func movedText(moved []WorldMove, lang string) string {
	var parts []string
	for _, m := range moved {
		sign := "+"
		if m.Delta < 0 {
			sign = "−"
		}
		parts = append(parts, m.Label+" "+sign+Number(math.Abs(m.Delta)))
	}
	return strings.Join(parts, T(lang, "semi"))
}

// writeJudged writes a team's written text (a statement, a reply) as a
// quote, which of the required facts it holds, and the statement judge's
// verdict on it.
func writeJudged(b *strings.Builder, lang, text string, facts []FactCheck, rr *RubricReport, judge, judgedLive int) {
	sep, semi := T(lang, "sep"), T(lang, "semi")
	if text == "" {
		fmt.Fprintf(b, "%s\n\n", Label(lang, "nostatement"))
	} else {
		for _, line := range strings.Split(text, "\n") {
			fmt.Fprintf(b, "> %s\n", md(line))
		}
		b.WriteString("\n")
	}
	var found []string
	for _, f := range facts {
		mark := "✓"
		if !f.Found {
			mark = "✗ " + Label(lang, "factsmissing")
		}
		found = append(found, md(f.Label)+" "+mark)
	}
	if len(found) > 0 {
		fmt.Fprintf(b, "%s%s%s\n\n", Label(lang, "facts"), sep, strings.Join(found, semi))
	}
	if rr == nil {
		return
	}
	fmt.Fprintf(b, "%s%s%s — %s\n", Label(lang, "rubric"), sep, Number(rr.Overall), rubricScores(rr, lang))
	if judgedLive != 0 && judgedLive != judge {
		fmt.Fprintf(b, "%s\n", fmt.Sprintf(Label(lang, "judgedlive"), judgedLive, judge))
	}
	good, bad := rubricChecks(rr, lang)
	if len(good) > 0 {
		fmt.Fprintf(b, "- %s%s%s\n", Label(lang, "rubric.good"), sep, md(strings.Join(good, semi)))
	}
	if len(bad) > 0 {
		fmt.Fprintf(b, "- %s%s%s\n", Label(lang, "rubric.bad"), sep, md(strings.Join(bad, semi)))
	}
	b.WriteString("\n")
}

// rubricScores lists the judge's dimension scores, each after its name.
func rubricScores(rr *RubricReport, lang string) string {
	var scores []string
	for _, sc := range rr.Scores {
		scores = append(scores, sc.Label+" "+Number(sc.Score))
	}
	return strings.Join(scores, listSep(lang))
}

// rubricChecks are the judge's checks in words: the credits earned, and
// the penalties that fired with the words that show them.
func rubricChecks(rr *RubricReport, lang string) (good, bad []string) {
	for _, c := range rr.Checks {
		if c.Penalty {
			var quoted []string
			for _, e := range c.Evidence {
				quoted = append(quoted, Quote(lang, e))
			}
			quotes := strings.Join(quoted, listSep(lang))
			bad = append(bad, c.Label+Label(lang, "paren")+quotes+Label(lang, "parenend"))
		} else {
			good = append(good, c.Label)
		}
	}
	return good, bad
}

func writeVoices(b *strings.Builder, lang string, t TeamReport) {
	open, comma, end := Label(lang, "paren"), T(lang, "comma"), Label(lang, "parenend")
	claim := func(c ClaimReport) string {
		return Quote(lang, md(c.Said)) + open + md(c.Label) + comma + Clock(dur(c.AtSeconds)) + end
	}
	if len(t.Contradictions) > 0 {
		fmt.Fprintf(b, "### %s\n\n", Label(lang, "contradictions"))
		for _, c := range t.Contradictions {
			fmt.Fprintf(b, "- %s ↔ %s\n", claim(c.Earlier), claim(c.Later))
		}
		b.WriteString("\n")
	}
	if len(t.Promises) > 0 {
		fmt.Fprintf(b, "### %s\n\n", Label(lang, "promises"))
		for _, p := range t.Promises {
			// The Markdown debrief's short wording of the status (Label, not
			// the sentence of Text).
			var status string
			switch p.Status {
			case "kept":
				status = fmt.Sprintf(Label(lang, "promise.kept"), Clock(dur(*p.KeptAtSeconds)))
			case "missed":
				status = fmt.Sprintf(Label(lang, "promise.missed"), Clock(dur(p.DueSeconds)))
			default:
				status = fmt.Sprintf(Label(lang, "promise.open"), Clock(dur(p.DueSeconds)))
			}
			fmt.Fprintf(b, "- %s → %s%s%s%s%s%s\n", md(p.Label), md(p.Said), open, Clock(dur(p.AtSeconds)), end, T(lang, "sep"), status)
		}
		b.WriteString("\n")
	}
}

// writeFeed writes the public's reaction: how many posts of each tone, and
// the last five.
func writeFeed(b *strings.Builder, lang string, feed []PostReport) {
	if len(feed) == 0 {
		return
	}
	fmt.Fprintf(b, "### %s (%s)\n\n", Label(lang, "feed"), fmt.Sprintf(Label(lang, "feed.count"), len(feed)))
	counts := map[string]int{}
	for _, p := range feed {
		counts[p.Tone]++
	}
	var parts []string
	for _, tone := range scenario.FeedTones {
		if counts[tone] > 0 {
			parts = append(parts, fmt.Sprintf("%s %d", Label(lang, "tone."+tone), counts[tone]))
		}
	}
	fmt.Fprintf(b, "%s\n\n", strings.Join(parts, " · "))
	for _, p := range feed[max(0, len(feed)-5):] {
		from := p.From
		if from != "" {
			from += T(lang, "sep")
		}
		fmt.Fprintf(b, "- %s · %s%s\n", Clock(dur(p.AtSeconds)), md(from), md(oneLine(p.Text)))
	}
	b.WriteString("\n")
}

func writeObjectives(b *strings.Builder, r *Report) {
	if len(r.Objectives) == 0 {
		return
	}
	lang := r.Lang
	fmt.Fprintf(b, "## %s\n\n", Label(lang, "objectives"))
	for _, o := range r.Objectives {
		fmt.Fprintf(b, "**%s**\n\n", md(o.Text))
		for _, ot := range o.Teams {
			var ev []string
			for _, e := range ot.Evidence {
				s := e.Label + " → " + e.Answer
				if e.Status == "chosen" {
					s += Label(lang, "paren") + Took(dur(*e.ResponseSeconds), lang) + Label(lang, "parenend")
				}
				ev = append(ev, s)
			}
			if len(ev) == 0 {
				ev = []string{"—"}
			}
			rating := fmt.Sprintf(Label(lang, "rating.suggested"), ot.Suggested)
			if ot.Rating != "" {
				rating = fmt.Sprintf(Label(lang, "rating.given"), ot.Rating, ot.RatedAgainst)
				if ot.RatingReason != "" {
					rating += " — " + ot.RatingReason
				}
			}
			fmt.Fprintf(b, "- %s%s%s — %s\n", md(ot.Team), T(lang, "sep"), md(strings.Join(ev, T(lang, "semi"))), md(rating))
		}
		b.WriteString("\n")
		writeGuide(b, r, o)
	}
}

// writeGuide writes an objective's evaluation guide: its capability, and
// per capability target a table of its critical tasks with each team's
// result.
func writeGuide(b *strings.Builder, r *Report, o ObjectiveReport) {
	lang := r.Lang
	L := func(k string) string { return T(lang, k) }
	if o.Capability != "" {
		fmt.Fprintf(b, "%s%s\n\n", field(L("eeg.capability"), lang), md(o.Capability))
	}
	for _, tg := range o.Targets {
		fmt.Fprintf(b, "%s%s\n\n| %s | %s |", field(L("eeg.target"), lang), md(tg.Text), L("eeg.task"), L("eeg.how"))
		for _, ot := range o.Teams {
			fmt.Fprintf(b, " %s |", md(ot.Team))
		}
		b.WriteString("\n|---|---|" + strings.Repeat("---|", len(o.Teams)) + "\n")
		for _, task := range tg.Tasks {
			fmt.Fprintf(b, "| %s | %s |", md(task.Text), md(task.How))
			for _, ot := range o.Teams {
				res, _ := ot.TaskOf(task.ID)
				fmt.Fprintf(b, " %s |", md(TaskCell(res, lang)))
			}
			b.WriteString("\n")
		}
		b.WriteString("\n")
	}
	if evs := evaluations(o, lang); len(evs) > 0 {
		fmt.Fprintf(b, "%s\n\n", field(L("eeg.evaluations"), lang))
		for _, e := range evs {
			fmt.Fprintf(b, "- %s\n", md(e))
		}
		b.WriteString("\n")
	}
	if lines, notes := combinedLines(o, lang); len(lines) > 0 {
		fmt.Fprintf(b, "%s\n\n%s\n\n", field(L("combined.title"), lang), md(L("combined.rule")))
		for i, line := range lines {
			fmt.Fprintf(b, "- %s\n", md(line))
			for _, n := range notes[i] {
				fmt.Fprintf(b, "  - %s\n", md(n))
			}
		}
		b.WriteString("\n")
	}
}

// writeNotes lists every observer note, the teams' and the whole
// exercise's, in the order they were written.
func writeNotes(b *strings.Builder, r *Report) {
	notes := slices.Clone(r.Notes)
	for _, t := range r.Teams {
		notes = append(notes, t.Notes...)
	}
	if len(notes) == 0 {
		return
	}
	slices.SortFunc(notes, func(a, b NoteReport) int { return a.Order - b.Order })
	lang := r.Lang
	fmt.Fprintf(b, "## %s\n\n", Label(lang, "notes"))
	for _, n := range notes {
		who := Label(lang, "allteams")
		if n.Team != "" {
			who = md(n.Team)
		}
		about := ""
		if n.About != "" {
			about = Label(lang, "paren") + md(n.About) + Label(lang, "parenend")
		}
		fmt.Fprintf(b, "- %s · %s%s%s%s\n", Clock(dur(n.AtSeconds)), who, about, T(lang, "sep"), md(oneLine(n.Text)))
	}
	b.WriteString("\n")
}

// writeHandoutFindings writes a handout's strengths and areas for
// improvement, unless the report carries the saved plan (writePlan writes
// them there), and its general lessons.
func writeHandoutFindings(b *strings.Builder, r *Report) {
	lang := r.Lang
	L := func(k string) string { return T(lang, k) }
	list := func(fs []Finding) {
		for _, f := range fs {
			whole := "" // an item of the whole exercise says so
			if f.Team == "" {
				whole = field(TeamLabel("", lang), lang)
			}
			fmt.Fprintf(b, "- %s%s\n", whole, md(f.Text))
		}
		b.WriteString("\n")
	}
	if !r.PlanSaved {
		fmt.Fprintf(b, "## %s\n\n", strings.TrimLeft(L("sec.findings"), "0123456789. 一二三四五六七八九十、"))
		for _, sec := range []struct {
			title, none string
			fs          []Finding
		}{
			{L("strengths"), L("nostrengths"), r.Strengths},
			{L("improvements"), L("noimprovements"), r.Improvements},
		} {
			fmt.Fprintf(b, "### %s\n\n", sec.title)
			if len(sec.fs) == 0 {
				fmt.Fprintf(b, "%s\n\n", sec.none)
				continue
			}
			list(sec.fs)
		}
	}
	if len(r.Lessons) == 0 {
		return
	}
	level := "###"
	if r.PlanSaved {
		level = "##"
	}
	fmt.Fprintf(b, "%s %s\n\n", level, L("lessons"))
	for _, l := range r.Lessons {
		fmt.Fprintf(b, "- %s\n", md(l.Text))
	}
	b.WriteString("\n")
}

// writePlan writes the facilitator's saved improvement plan: strengths,
// areas for improvement and the corrective actions, grouped as the report
// groups them.
func writePlan(b *strings.Builder, r *Report) {
	lang := r.Lang
	L := func(k string) string { return T(lang, k) }
	fmt.Fprintf(b, "## %s\n\n", strings.TrimLeft(L("sec.plan"), "0123456789. 一二三四五六七八九十、"))
	fmt.Fprintf(b, "%s\n\n", L("plan.saved"))
	list := func(title string, fs []Finding, none string) {
		fmt.Fprintf(b, "### %s\n\n", title)
		if len(fs) == 0 {
			fmt.Fprintf(b, "%s\n\n", none)
			return
		}
		for _, f := range fs {
			fmt.Fprintf(b, "- **%s:** %s\n", md(TeamLabel(f.Team, lang)), md(f.Text))
		}
		b.WriteString("\n")
	}
	list(L("strengths"), r.Strengths, L("nostrengths"))
	list(L("improvements"), r.Improvements, L("noimprovements"))
	fmt.Fprintf(b, "### %s\n\n", L("plan.actions"))
	if len(r.Plan) == 0 {
		fmt.Fprintf(b, "%s\n\n", L("plan.noactions"))
		return
	}
	for _, g := range r.PlanByObjective() {
		fmt.Fprintf(b, "#### %s\n\n", md(g.Title))
		fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", L("team"), L("plan.what"), L("plan.action"), L("plan.owner"), L("plan.due"), L("plan.status"))
		for _, p := range g.Rows {
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", md(TeamLabel(p.Team, lang)), md(p.What), md(p.Action), md(p.Owner), md(p.Due), md(StatusLabel(p.Status, lang)))
		}
		b.WriteString("\n")
	}
}

// field is a bold label before its value: "**Status:** ", "**状态：**".
func field(label, lang string) string {
	if lang == "zh" {
		return "**" + label + "：**"
	}
	return "**" + label + ":** "
}

// dim writes a 0–100 score rounded, "—" when there is none.
func dim(scores map[string]float64, d string) string {
	v, ok := scores[d]
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.0f", v)
}

// md escapes text so that it cannot break a Markdown table or start markup.
func md(s string) string {
	r := strings.NewReplacer("|", `\|`, "\n", " ", "\r", "", "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;", ">", "&gt;", "[", `\[`, "]", `\]`, "#", `\#`)
	return r.Replace(s)
}

// writeCarried lists the corrective actions carried over from earlier
// exercises of the organisation (the training programme), when there are.
func writeCarried(b *strings.Builder, r *Report) {
	lang := r.Lang
	L := func(k string) string { return T(lang, k) }
	if len(r.CarriedOver) > 0 {
		fmt.Fprintf(b, "## %s\n\n| %s | %s | %s | %s | %s | %s |\n|---|---|---|---|---|---|\n", L("carried.title"),
			L("prog.from"), L("plan.what"), L("plan.action"), L("plan.owner"), L("plan.due"), L("plan.status"))
		for _, c := range r.CarriedOver {
			from := c.From
			if c.Team != "" {
				from += " · " + TeamLabel(c.Team, lang)
			}
			fmt.Fprintf(b, "| %s | %s | %s | %s | %s | %s |\n", md(from), md(c.What), md(c.Action), md(c.Owner), md(c.Due), md(StateLabel(c.State, lang)))
		}
		b.WriteString("\n")
	}
}
