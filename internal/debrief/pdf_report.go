package debrief

import (
	"bytes"
	"fmt"
	"image"
	"image/draw"
	"image/jpeg"
	"strings"

	"github.com/signintech/gopdf"
)

// report lays the report out on the pages, in the order of the HTML.
func (w *pdfWriter) report(r *Report) {
	L := func(k string) string { return T(r.Lang, k) }
	ov := r.Overview

	// Title block.
	w.titleBlock(r.Title)
	w.para(ov.Scenario, paraOpt{size: 13})
	meta := ov.KindName
	if ov.Date != "" {
		meta = ov.Date + " · " + meta
	}
	w.para(meta, paraOpt{size: 9.5, color: "#666666"})
	w.p.SetStrokeColor(rgb("#0b5394"))
	w.p.SetLineWidth(2)
	w.p.Line(marginL, w.y+2, marginL+contentW, w.y+2)
	w.y += 10

	// 1. Overview.
	w.heading(1, L("sec.overview"))
	facts := [][]cell{
		{{text: L("scenario"), bold: true}, {text: ov.Scenario + " (" + ov.ScenarioID + ")"}},
		{{text: L("kind"), bold: true}, {text: ov.KindName}},
	}
	if ov.Date != "" {
		facts = append(facts, []cell{{text: L("date"), bold: true}, {text: ov.Date}})
	}
	if ov.ExerciseID != "" {
		facts = append(facts, []cell{{text: L("exercise"), bold: true}, {text: ov.ExerciseID}})
	}
	facts = append(facts, []cell{{text: L("duration"), bold: true}, {text: Clock(dur(ov.DurationSeconds))}})
	if ov.Version != "" {
		facts = append(facts, []cell{{text: L("version"), bold: true}, {text: ov.Version}})
	}
	facts = append(facts,
		[]cell{{text: L("status"), bold: true}, {text: ov.Status}},
		[]cell{{text: L("teams"), bold: true}, {text: strings.Join(ov.Teams, listSep(r.Lang))}})
	w.table([]col{{frac: 0.25}, {frac: 0.75}}, facts)
	if ov.Summary != "" {
		w.para(ov.Summary, paraOpt{size: 9.5, color: "#333333"})
	}
	w.heading(2, L("objlist"))
	if len(ov.Objectives) == 0 {
		w.para(L("noobjectives"), paraOpt{})
	}
	for i, o := range ov.Objectives {
		w.para(o.Text, paraOpt{bullet: fmt.Sprintf("%d.", i+1)})
	}

	// 2. Results.
	w.heading(1, L("sec.results"))
	cols := []col{{title: L("team"), frac: 0.14}}
	dimFrac := min(0.09, 0.54/float64(len(r.Dimensions)))
	for _, d := range r.Dimensions {
		cols = append(cols, col{title: T(r.Lang, "short."+d), frac: dimFrac, right: true})
	}
	cols = append(cols, col{title: L("ending"), frac: 0.86 - dimFrac*float64(len(r.Dimensions))})
	var rows [][]cell
	for i, t := range r.Teams {
		row := []cell{{text: t.Name, color: teamColor(i), bold: true}}
		for _, d := range r.Dimensions {
			row = append(row, cell{text: score(t.Scores, d)})
		}
		rows = append(rows, append(row, cell{text: t.Ending.Short}))
	}
	w.table(cols, rows)
	w.chart(scoreH, L("chart.scores"), func(c canvas) { drawScores(c, r, chartW, scoreH) })
	for _, v := range ov.World {
		w.chart(curveH, fmt.Sprintf(L("chart.world"), v.Label), func(c canvas) { drawCurve(c, r, v, chartW, curveH) })
	}

	// 3. Teams.
	w.newPage()
	w.heading(1, L("sec.teams"))
	for i, t := range r.Teams {
		if i > 0 {
			w.y += 6
		}
		w.teamSection(r, i, t)
	}

	// 4. Objectives.
	w.heading(1, L("sec.analysis"))
	if len(r.Objectives) == 0 {
		w.para(L("noobjectives"), paraOpt{})
	}
	for _, o := range r.Objectives {
		w.heading(3, o.Text)
		w.guide(r, o)
		var rows [][]cell
		for _, ot := range o.Teams {
			var ev []string
			for _, e := range ot.Evidence {
				ev = append(ev, "• "+e.Label+" → "+e.Text)
			}
			evidence := L("noevidence")
			if len(ev) > 0 {
				evidence = strings.Join(ev, "\n")
			}
			rating := cell{text: L("rating.blank"), color: "#777777"}
			if ot.Rating != "" {
				rating = cell{text: T(r.Lang, "rating."+ot.Rating), color: ratingColor(ot.Rating), bold: true}
				if ot.RatingReason != "" {
					rating.text += "\n" + ot.RatingReason
				}
			}
			rows = append(rows, []cell{{text: ot.Team, bold: true}, {text: evidence},
				{text: T(r.Lang, "rating."+ot.Suggested), color: ratingColor(ot.Suggested)}, rating})
		}
		w.table([]col{{title: L("team"), frac: 0.15}, {title: L("evidence"), frac: 0.45}, {title: L("suggested"), frac: 0.2}, {title: L("rating"), frac: 0.2}}, rows)
		if good, bad := FindingsOf(r.Strengths, o.ID), FindingsOf(r.Improvements, o.ID); len(good)+len(bad) > 0 {
			w.objectiveFindings(r, L("strengths"), good, L("nostrengths"), "#1b7f3b")
			w.objectiveFindings(r, L("improvements"), bad, L("noimprovements"), "#b42318")
		}
	}
	w.para(r.RatingRule, paraOpt{size: 8, color: "#666666"})

	// 5. Findings under no objective (all of them when the scenario sets
	// none).
	w.heading(1, L("sec.findings"))
	if len(r.Objectives) > 0 {
		w.para(L("aar.other"), paraOpt{size: 8.5, color: "#666666"})
	}
	w.findings(r, L("strengths"), FindingsOf(r.Strengths, ""), L("nostrengths"), "#1b7f3b")
	w.findings(r, L("improvements"), FindingsOf(r.Improvements, ""), L("noimprovements"), "#b42318")
	if len(r.Lessons) > 0 {
		w.heading(2, L("lessons"))
		for _, l := range r.Lessons {
			clr := "#1b7f3b"
			if l.Kind == KindImprovement {
				clr = "#b42318"
			}
			w.para(l.Text, paraOpt{bullet: "•", color: clr})
		}
	}
	if len(r.Notes) > 0 {
		w.heading(2, L("notes"))
		for _, n := range r.Notes {
			w.para(Clock(dur(n.AtSeconds))+"  "+n.Text, paraOpt{bullet: "•"})
		}
	}

	// 6. Improvement plan.
	w.heading(1, L("sec.plan"))
	w.para(planNote(r), paraOpt{size: 8.5, color: "#666666"})
	// One table per objective, under its title (the table has no cell
	// that spans its columns); the blank rows under the last.
	planCols := []col{{title: L("team"), frac: 0.12}, {title: L("plan.what"), frac: 0.36}, {title: L("plan.action"), frac: 0.21},
		{title: L("plan.owner"), frac: 0.11}, {title: L("plan.due"), frac: 0.11}, {title: L("plan.status"), frac: 0.09}}
	groups := r.PlanByObjective()
	if len(groups) == 0 {
		groups = []PlanGroup{{}}
	}
	for gi, g := range groups {
		rows = nil
		for _, p := range g.Rows {
			status := cell{text: StatusLabel(p.Status, r.Lang)}
			switch p.StatusOf() {
			case StatusDone:
				status.color = "#1b7f3b"
			case StatusInProgress:
				status.color = "#9a6700"
			}
			rows = append(rows, []cell{{text: TeamLabel(p.Team, r.Lang), bold: true}, {text: p.What}, {text: p.Action}, {text: p.Owner}, {text: p.Due}, status})
		}
		if gi == len(groups)-1 {
			for range blankRows(r) {
				rows = append(rows, []cell{{text: "\n"}, {}, {}, {}, {}, {}})
			}
		}
		if g.Title != "" {
			w.need(60)
			w.para(g.Title, paraOpt{bold: true, size: 9.5, color: "#0b5394"})
		}
		if len(rows) > 0 {
			w.table(planCols, rows)
		}
	}

	if len(r.CarriedOver) > 0 {
		w.need(60)
		w.para(L("carried.title"), paraOpt{bold: true, size: 9.5, color: "#0b5394"})
		rows = nil
		for _, c := range r.CarriedOver {
			from := c.From
			if c.Team != "" {
				from += " · " + TeamLabel(c.Team, r.Lang)
			}
			rows = append(rows, []cell{{text: from}, {text: c.What}, {text: c.Action}, {text: c.Owner}, {text: c.Due},
				{text: StateLabel(c.State, r.Lang), color: stateColor(c.State), bold: c.State == ActionOverdue}})
		}
		w.table([]col{{title: L("prog.from"), frac: 0.14}, {title: L("plan.what"), frac: 0.3}, {title: L("plan.action"), frac: 0.25},
			{title: L("plan.owner"), frac: 0.11}, {title: L("plan.due"), frac: 0.11}, {title: L("plan.status"), frac: 0.09}}, rows)
	}

	// 7. Participant feedback, when forms were collected.
	w.feedback(r)

	// How to read.
	w.heading(1, L("sec.method"))
	w.heading(3, L("method"))
	w.para(r.Method, paraOpt{size: 9})
	w.para(L("generated"), paraOpt{size: 8, color: "#777777"})

	// Appendix.
	w.newPage()
	w.heading(1, L("sec.appendix"))
	if len(r.Timeline) == 0 {
		w.para(L("noevents"), paraOpt{})
		return
	}
	rows = nil
	for _, e := range r.Timeline {
		clr := ""
		switch e.Kind {
		case "rule.applied", "clock.paused", "clock.resumed", "clock.speed":
			clr = "#777777"
		case "decision.timedout", "deadline.missed", "promise.missed":
			clr = "#b42318"
		case "decision.chosen":
			clr = "#0b5394"
		}
		text := e.Text
		for _, p := range e.Pictures {
			text += " — " + fmt.Sprintf(L("ev.picture"), p.Alt)
		}
		rows = append(rows, []cell{{text: Clock(dur(e.AtSeconds))}, {text: e.Team}, {text: text, color: clr}})
	}
	w.table([]col{{title: L("time"), frac: 0.11, right: true}, {title: L("team"), frac: 0.14}, {title: L("event"), frac: 0.75}}, rows)
	w.pictures(r)
}

// pictures draws each picture the timeline names once, as large as fits
// the column (at most 300 points high), with what it shows and when it
// first arrived.
func (w *pdfWriter) pictures(r *Report) {
	list := r.PictureList()
	if len(list) == 0 {
		return
	}
	// The heading stays with the first picture.
	first := 40.0
	if cfg, _, err := image.DecodeConfig(bytes.NewReader(list[0].Data)); err == nil && cfg.Width > 0 && cfg.Height > 0 {
		first = float64(cfg.Height) * min(contentW/float64(cfg.Width), 300/float64(cfg.Height), 1)
	}
	w.need(first + 70)
	w.heading(2, T(r.Lang, "sec.pictures"))
	for _, p := range list {
		holder, width, height, err := pdfPicture(p.Data)
		if err != nil {
			w.para(fmt.Sprintf(T(r.Lang, "ev.picture"), p.Alt), paraOpt{size: 9})
			continue
		}
		// At 72 dpi, as wide as the column allows, never larger than the
		// picture itself.
		s := min(contentW/float64(width), 300/float64(height), 1)
		pw, ph := float64(width)*s, float64(height)*s
		w.need(ph + 30)
		if err := w.p.ImageByHolder(holder, marginL, w.y, &gopdf.Rect{W: pw, H: ph}); err != nil {
			w.para(fmt.Sprintf(T(r.Lang, "ev.picture"), p.Alt), paraOpt{size: 9})
			continue
		}
		w.y += ph + 4
		w.para(fmt.Sprintf(T(r.Lang, "picture.first"), p.Alt, Clock(dur(p.AtSeconds))), paraOpt{size: 8.5, color: "#666666"})
		w.y += 6
	}
}

func (w *pdfWriter) teamSection(r *Report, i int, t TeamReport) {
	L := func(k string) string { return T(r.Lang, k) }
	w.need(120)
	w.heading(2, L("team")+L("sep")+t.Name)
	w.p.SetFillColor(rgb(teamColor(i)))
	w.p.RectFromUpperLeftWithStyle(marginL-8, w.y-18, 4, 14, "F")
	w.para(L("ending")+L("sep")+t.Ending.Text, paraOpt{})
	steps := make([]string, len(t.Path))
	for j, p := range t.Path {
		steps[j] = p.Title + T(r.Lang, "paren") + Clock(dur(p.AtSeconds)) + T(r.Lang, "parenend")
	}
	w.para(L("path")+L("sep")+strings.Join(steps, " → "), paraOpt{})
	w.para(fmt.Sprintf(L("injectcount"), t.Injects), paraOpt{size: 8.5, color: "#666666"})

	w.heading(3, L("decisions"))
	if len(t.Decisions) == 0 {
		w.para(L("none"), paraOpt{})
	} else {
		dims := decisionDims(r)
		cols := []col{{title: L("decision"), frac: 0.27}, {title: L("opened"), frac: 0.1, right: true}, {title: L("answer"), frac: 0.29}, {title: L("response"), frac: 0.1, right: true}}
		for _, d := range dims {
			cols = append(cols, col{title: T(r.Lang, "short."+d), frac: 0.24 / float64(len(dims)), right: true})
		}
		var rows [][]cell
		for _, d := range t.Decisions {
			took := "—"
			if d.ResponseSeconds != nil {
				took = Took(dur(*d.ResponseSeconds), r.Lang)
			}
			clr := ""
			switch d.Status {
			case "timed-out", "open", "abandoned":
				clr = "#b42318"
			case "optional", "ended-early":
				clr = "#777777"
			}
			row := []cell{{text: d.Label}, {text: Clock(dur(d.OpenedAtSeconds))}, {text: d.Answer, color: clr}, {text: took}}
			for _, dim := range dims {
				row = append(row, cell{text: score(d.Scores, dim)})
			}
			rows = append(rows, row)
		}
		w.table(cols, rows)
	}

	if len(t.Statements) > 0 {
		w.heading(3, L("statements"))
		for _, s := range t.Statements {
			w.para(s.Label+T(r.Lang, "paren")+s.KindName+T(r.Lang, "parenend"), paraOpt{bold: true, size: 9})
			w.quote(r.Lang, s.Text)
			w.facts(r.Lang, s.Facts)
		}
	}
	if len(t.Replies) > 0 {
		w.heading(3, L("replies"))
		for _, rp := range t.Replies {
			from := ""
			if rp.From != "" {
				from = " — " + rp.From
			}
			w.need(60) // what the reply answers, with its first lines
			w.para(Clock(dur(rp.InjectAtSeconds))+" · "+rp.ChannelName+from+L("sep")+rp.About, paraOpt{bold: true, size: 9})
			w.para(fmt.Sprintf(L("reply.at"), Clock(dur(rp.AtSeconds)))+L("paren")+rp.KindName+L("parenend"), paraOpt{size: 8.5, color: "#666666"})
			w.quote(r.Lang, rp.Text)
			w.facts(r.Lang, rp.Facts)
			w.rubric(r.Lang, rp.Rubric)
		}
	}
	w.press(r.Lang, t.Press)
	w.cases(r.Lang, t.Cases)
	w.triage(r.Lang, t.Triage)
	if len(t.Posts) > 0 {
		w.heading(3, L("posts"))
		for _, p := range t.Posts {
			w.need(60) // where and when, with the post's first lines
			w.para(postHeading(p, r.Lang), paraOpt{bold: true, size: 9})
			w.quote(r.Lang, p.Text)
			w.rubric(r.Lang, p.Rubric)
			if len(p.Reaction) > 0 || len(p.Moved) > 0 {
				w.para(L("post.reaction"), paraOpt{size: 8.5, color: "#666666"})
				for _, rp := range p.Reaction {
					from := ""
					if rp.From != "" {
						from = rp.From + L("sep")
					}
					w.para(L("tone."+rp.Tone)+" · "+from+oneLine(rp.Text), paraOpt{size: 8.5, bullet: "•", color: toneColor(rp.Tone)})
				}
				if len(p.Moved) > 0 {
					w.para(L("post.moved")+L("sep")+movedText(p.Moved, r.Lang)+RepeatNote(p.Repeat, r.Lang), paraOpt{size: 8.5, bullet: "•"})
				}
			}
		}
	}
	if len(t.Roleplay) > 0 {
		w.heading(3, L("roleplay"))
		for _, iv := range t.Roleplay {
			w.para(Clock(dur(iv.AtSeconds))+" · "+iv.SeatName+" · "+iv.Text, paraOpt{size: 8.5, bullet: "•"})
		}
	}
	if len(t.Deadlines) > 0 {
		w.heading(3, L("deadlines"))
		for _, d := range t.Deadlines {
			w.para(d.Label+L("sep")+d.Text, paraOpt{bullet: "•", color: statusColor(d.Status)})
		}
	}
	w.bullets(L("triggers"), len(t.Triggers), func(j int) (string, string) { return t.Triggers[j].Text, "" })
	w.bullets(L("claims"), len(t.Contradictions), func(j int) (string, string) { return t.Contradictions[j].Text, "#b42318" })
	w.bullets(L("promises"), len(t.Promises), func(j int) (string, string) {
		return t.Promises[j].Text, statusColor(t.Promises[j].Status)
	})
	w.bullets(L("overrides"), len(t.Overrides), func(j int) (string, string) {
		o := t.Overrides[j]
		return fmt.Sprintf(L("override"), dimLabel(o.Dimension, r.Lang), Number(o.Value), Number(o.Computed), o.Reason), ""
	})
	if len(t.World) > 0 {
		w.heading(3, L("world"))
		var rows [][]cell
		for j, v := range t.World {
			ov := r.Overview.World[j]
			rows = append(rows, []cell{{text: v.Label}, {text: Number(ov.Start)}, {text: Number(v.Value)}, {text: Number(ov.Min) + " – " + Number(ov.Max)}})
		}
		w.table([]col{{title: "", frac: 0.4}, {title: L("world.start"), frac: 0.2, right: true}, {title: L("world.end"), frac: 0.2, right: true},
			{title: L("world.range"), frac: 0.2, right: true}}, rows)
	}
	if len(t.Notes) > 0 {
		w.bullets(L("notes"), len(t.Notes), func(j int) (string, string) {
			return Clock(dur(t.Notes[j].AtSeconds)) + "  " + t.Notes[j].Text, ""
		})
	}
}

// quote writes a team's own words, with a bar beside them.
func (w *pdfWriter) quote(lang, text string) {
	if text == "" {
		text = T(lang, "nostatement")
	}
	top := w.y
	w.para(text, paraOpt{size: 9, indent: 10, color: "#333333"})
	if w.y > top { // a bar beside the quote, when it stayed on one page
		w.p.SetFillColor(rgb("#d0d0d0"))
		w.p.RectFromUpperLeftWithStyle(marginL+2, top, 2, w.y-top-3, "F")
	}
}

// facts writes which of the required facts a team's text holds.
func (w *pdfWriter) facts(lang string, facts []FactCheck) {
	L := func(k string) string { return T(lang, k) }
	var parts []string
	for _, f := range facts {
		if f.Found {
			parts = append(parts, f.Label+L("sep")+L("found"))
		} else {
			parts = append(parts, f.Label+L("sep")+Label(lang, "factsmissing"))
		}
	}
	if len(parts) > 0 {
		w.para(L("facts")+L("sep")+strings.Join(parts, listSep2(lang)), paraOpt{size: 8.5, color: "#555555"})
	}
}

// rubric writes the statement judge's verdict on a team's text, as the
// HTML does.
func (w *pdfWriter) rubric(lang string, rr *RubricReport) {
	if rr == nil {
		return
	}
	sep, semi := T(lang, "sep"), T(lang, "semi")
	w.para(Label(lang, "rubric")+sep+Number(rr.Overall)+" — "+rubricScores(rr, lang), paraOpt{size: 8.5, color: "#555555"})
	good, bad := rubricChecks(rr, lang)
	if len(good) > 0 {
		w.para(Label(lang, "rubric.good")+sep+strings.Join(good, semi), paraOpt{size: 8.5, color: "#1b7f3b", bullet: "•"})
	}
	if len(bad) > 0 {
		w.para(Label(lang, "rubric.bad")+sep+strings.Join(bad, semi), paraOpt{size: 8.5, color: "#b42318", bullet: "•"})
	}
}

func (w *pdfWriter) bullets(title string, n int, item func(int) (text, color string)) {
	if n == 0 {
		return
	}
	w.heading(3, title)
	for j := range n {
		text, clr := item(j)
		w.para(text, paraOpt{bullet: "•", color: clr})
	}
}

// guide draws an objective's evaluation guide: its capability, and per
// capability target a table of its critical tasks with each team's result.
func (w *pdfWriter) guide(r *Report, o ObjectiveReport) {
	L := func(k string) string { return T(r.Lang, k) }
	if o.Capability != "" {
		w.para(L("eeg.capability")+L("sep")+o.Capability, paraOpt{bold: true, size: 9.5})
	}
	for _, tg := range o.Targets {
		w.need(90) // the target with its table's first rows
		w.para(L("eeg.target")+L("sep")+tg.Text, paraOpt{size: 9.5})
		cols := []col{{title: L("eeg.task"), frac: 0.3}, {title: L("eeg.how"), frac: 0.25}}
		for _, ot := range o.Teams {
			cols = append(cols, col{title: ot.Team, frac: 0.45 / float64(len(o.Teams))})
		}
		var rows [][]cell
		for _, task := range tg.Tasks {
			row := []cell{{text: task.Text}, {text: task.How, color: "#666666"}}
			for _, ot := range o.Teams {
				res, _ := ot.TaskOf(task.ID)
				c := cell{text: TaskCell(res, r.Lang)}
				switch res.Status {
				case TaskMet, TaskObserved:
					c.color = "#1b7f3b"
				case TaskNotMet:
					c.color = "#b42318"
				default:
					c.color = "#777777"
				}
				row = append(row, c)
			}
			rows = append(rows, row)
		}
		w.table(cols, rows)
	}
	if evs := evaluations(o, r.Lang); len(evs) > 0 {
		w.para(L("eeg.evaluations"), paraOpt{bold: true, size: 9.5})
		for _, e := range evs {
			w.para("• "+e, paraOpt{indent: 4})
		}
	}
	if lines, notes := combinedLines(o, r.Lang); len(lines) > 0 {
		w.para(L("combined.title"), paraOpt{bold: true, size: 9.5})
		w.para(L("combined.rule"), paraOpt{size: 8.5})
		for i, line := range lines {
			w.para("• "+line, paraOpt{indent: 4})
			for _, n := range notes[i] {
				w.para("– "+n, paraOpt{indent: 14})
			}
		}
	}
}

// objectiveFindings lists an objective's strengths or areas for
// improvement, each with its team (none in a handout).
func (w *pdfWriter) objectiveFindings(r *Report, title string, fs []Finding, none, clr string) {
	w.para(title, paraOpt{bold: true, size: 9.5})
	if len(fs) == 0 {
		w.para(none, paraOpt{color: "#666666", indent: 4})
		return
	}
	for _, f := range fs {
		text := f.Text
		if r.HandoutTeam == "" || f.Team == "" {
			text = TeamLabel(f.Team, r.Lang) + T(r.Lang, "sep") + text
		}
		w.para(text, paraOpt{bullet: "•", bulletColor: clr, indent: 4})
	}
}

func (w *pdfWriter) findings(r *Report, title string, fs []Finding, none, clr string) {
	w.heading(2, title)
	if len(fs) == 0 {
		w.para(none, paraOpt{color: "#666666"})
		return
	}
	team := "\x00"
	for _, f := range fs {
		if f.Team != team && r.HandoutTeam == "" {
			w.para(TeamLabel(f.Team, r.Lang), paraOpt{bold: true, size: 9.5})
		}
		team = f.Team
		w.para(f.Text, paraOpt{bullet: "•", bulletColor: clr, indent: 4})
	}
}

func ratingColor(r string) string {
	switch r {
	case "P":
		return "#1b7f3b"
	case "S":
		return "#0b5394"
	case "M":
		return "#9a6700"
	case "U":
		return "#b42318"
	}
	return inkColor
}

// toneColor is the colour of a reaction's tone: hostile and mocking red,
// supportive green, neutral ink.
func toneColor(tone string) string {
	switch tone {
	case "hostile", "ridicule":
		return "#b42318"
	case "support":
		return "#1b7f3b"
	}
	return ""
}

func statusColor(s string) string {
	switch s {
	case "met", "kept":
		return "#1b7f3b"
	case "missed":
		return "#b42318"
	}
	return ""
}

// listSep2 separates items that may contain commas themselves.
func listSep2(lang string) string {
	if lang == "zh" {
		return "；"
	}
	return "; "
}

// pdfPicture makes a picture something the PDF library embeds whatever
// its PNG variant (it refuses 16-bit and some palette PNGs): decoded and
// drawn on white as an 8-bit JPEG. A picture was checked when the exercise
// started (scenario.CheckPicture), so it is at most 2048 pixels a side.
func pdfPicture(data []byte) (gopdf.ImageHolder, int, int, error) {
	img, _, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, 0, 0, err
	}
	b := img.Bounds()
	if b.Dx() <= 0 || b.Dy() <= 0 {
		return nil, 0, 0, fmt.Errorf("an empty picture")
	}
	flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, b.Min, draw.Over)
	var out bytes.Buffer
	if err := jpeg.Encode(&out, flat, &jpeg.Options{Quality: 90}); err != nil {
		return nil, 0, 0, err
	}
	holder, err := gopdf.ImageHolderByBytes(out.Bytes())
	return holder, b.Dx(), b.Dy(), err
}

// titleBlock draws a document's title block: the FIREBREAK mark and the
// title, wrapped.
func (w *pdfWriter) titleBlock(title string) {
	w.font(fontBold, 9)
	w.color("#0b5394")
	w.textAt(marginL, w.y+8, "FIREBREAK")
	w.y += 16
	w.font(fontBold, 20)
	w.color(inkColor)
	for _, l := range w.wrap(title, contentW) {
		w.textAt(marginL, w.y+19, l)
		w.y += 27
	}
}
