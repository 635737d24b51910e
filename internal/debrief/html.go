package debrief

import (
	"encoding/base64"
	"fmt"
	"html"
	"slices"
	"strings"

	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// HTML renders the report as one self-contained HTML file: inline CSS,
// charts as inline SVG, the subset of the bundled font its text needs as
// data: URLs (htmlfont.go), no external URL, UTF-8, printable on A4.
func HTML(r *Report) []byte {
	L := func(k string) string { return T(r.Lang, k) }
	h := &htmlWriter{}
	langAttr := r.Lang
	if r.Lang == "zh" {
		langAttr = "zh-CN"
	}
	h.f("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", langAttr)
	h.f("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Firebreak\">\n")
	h.f("<title>%s — %s</title>\n<style>%s%s</style>\n</head>\n<body>\n<main>\n", esc(r.Title), esc(r.Overview.Scenario), fontFaceMarker, css)

	ov := r.Overview
	h.f("<header class=\"cover\">\n<p class=\"kicker\">Firebreak</p>\n<h1>%s</h1>\n<p class=\"scenario\">%s</p>\n", esc(r.Title), esc(ov.Scenario))
	meta := []string{esc(ov.KindName)}
	if ov.Date != "" {
		meta = append([]string{esc(ov.Date)}, meta...)
	}
	h.f("<p class=\"meta\">%s</p>\n</header>\n", strings.Join(meta, " · "))

	// 1. Overview.
	h.f("<section id=\"overview\">\n<h2>%s</h2>\n<dl class=\"facts\">\n", esc(L("sec.overview")))
	h.dt(L("scenario"), esc(ov.Scenario)+" (<code>"+esc(ov.ScenarioID)+"</code>)")
	h.dt(L("kind"), esc(ov.KindName))
	if ov.Date != "" {
		h.dt(L("date"), esc(ov.Date))
	}
	if ov.ExerciseID != "" {
		h.dt(L("exercise"), "<code>"+esc(ov.ExerciseID)+"</code>")
	}
	h.dt(L("duration"), Clock(dur(ov.DurationSeconds)))
	if ov.Version != "" {
		h.dt(L("version"), esc(ov.Version))
	}
	h.dt(L("status"), esc(ov.Status))
	h.dt(L("teams"), esc(strings.Join(ov.Teams, listSep(r.Lang))))
	h.f("</dl>\n")
	if ov.Summary != "" {
		h.f("<p class=\"summary\">%s</p>\n", esc(ov.Summary))
	}
	h.f("<h3>%s</h3>\n", esc(L("objlist")))
	if len(ov.Objectives) == 0 {
		h.f("<p>%s</p>\n", esc(L("noobjectives")))
	} else {
		h.f("<ol class=\"objectives\">\n")
		for _, o := range ov.Objectives {
			h.f("<li>%s</li>\n", esc(o.Text))
		}
		h.f("</ol>\n")
	}
	h.f("</section>\n")

	// 2. Results: score table and charts.
	h.f("<section id=\"results\">\n<h2>%s</h2>\n", esc(L("sec.results")))
	h.f("<table class=\"scores\">\n<thead><tr><th>%s</th>", esc(L("team")))
	for _, d := range r.Dimensions {
		h.f("<th class=\"num\">%s</th>", esc(dimLabel(d, r.Lang)))
	}
	h.f("<th>%s</th></tr></thead>\n<tbody>\n", esc(L("ending")))
	for i, t := range r.Teams {
		h.f("<tr><td><span class=\"swatch\" style=\"background:%s\"></span>%s</td>", teamColor(i), esc(t.Name))
		for _, d := range r.Dimensions {
			h.f("<td class=\"num\">%s</td>", score(t.Scores, d))
		}
		h.f("<td>%s</td></tr>\n", esc(t.Ending.Short))
	}
	h.f("</tbody>\n</table>\n")
	h.figure(L("chart.scores"), scoreH, func(c canvas) { drawScores(c, r, chartW, scoreH) })
	for _, v := range ov.World {
		h.figure(fmt.Sprintf(L("chart.world"), v.Label), curveH, func(c canvas) { drawCurve(c, r, v, chartW, curveH) })
	}
	h.f("</section>\n")

	// 3. Per team.
	h.f("<section id=\"teams\">\n<h2>%s</h2>\n", esc(L("sec.teams")))
	for i, t := range r.Teams {
		h.team(r, i, t)
	}
	h.f("</section>\n")

	// 4. Objectives.
	h.f("<section id=\"analysis\">\n<h2>%s</h2>\n", esc(L("sec.analysis")))
	if len(r.Objectives) == 0 {
		h.f("<p>%s</p>\n", esc(L("noobjectives")))
	}
	for _, o := range r.Objectives {
		h.f("<h3>%s</h3>\n", esc(o.Text))
		h.guide(r, o)
		h.f("<table class=\"objective\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			esc(L("team")), esc(L("evidence")), esc(L("suggested")), esc(L("rating")))
		for _, ot := range o.Teams {
			var ev []string
			for _, e := range ot.Evidence {
				ev = append(ev, "<li><span class=\"prompt\">"+esc(e.Label)+"</span> → "+esc(e.Text)+"</li>")
			}
			evidence := "<span class=\"muted\">" + esc(L("noevidence")) + "</span>"
			if len(ev) > 0 {
				evidence = "<ul>" + strings.Join(ev, "") + "</ul>"
			}
			rating := "<span class=\"blank\">" + esc(L("rating.blank")) + "</span>"
			if ot.Rating != "" {
				rating = ratingBadge(ot.Rating, r.Lang)
				if ot.RatingReason != "" {
					rating += "<br><span class=\"muted\">" + esc(ot.RatingReason) + "</span>"
				}
			}
			h.f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", esc(ot.Team), evidence, ratingBadge(ot.Suggested, r.Lang), rating)
		}
		h.f("</tbody>\n</table>\n")
		if good, bad := FindingsOf(r.Strengths, o.ID), FindingsOf(r.Improvements, o.ID); len(good)+len(bad) > 0 {
			h.f("<div class=\"byobjective\">\n")
			h.objectiveFindings(r, L("strengths"), good, L("nostrengths"), "strength")
			h.objectiveFindings(r, L("improvements"), bad, L("noimprovements"), "improvement")
			h.f("</div>\n")
		}
	}
	h.f("<p class=\"note\">%s</p>\n</section>\n", esc(r.RatingRule))

	// 5. Strengths and areas for improvement under no objective (all of
	// them when the scenario sets none).
	h.f("<section id=\"findings\">\n<h2>%s</h2>\n", esc(L("sec.findings")))
	if len(r.Objectives) > 0 {
		h.f("<p class=\"note\">%s</p>\n", esc(L("aar.other")))
	}
	h.findings(r, L("strengths"), FindingsOf(r.Strengths, ""), L("nostrengths"), "strength")
	h.findings(r, L("improvements"), FindingsOf(r.Improvements, ""), L("noimprovements"), "improvement")
	if len(r.Lessons) > 0 {
		h.f("<h3>%s</h3>\n<ul class=\"lessons\">\n", esc(L("lessons")))
		for _, l := range r.Lessons {
			h.f("<li class=\"%s\">%s</li>\n", l.Kind, esc(l.Text))
		}
		h.f("</ul>\n")
	}
	if len(r.Notes) > 0 {
		h.f("<h3>%s</h3>\n", esc(L("notes")))
		h.notes(r.Notes)
	}
	h.f("</section>\n")

	// 6. Improvement plan.
	h.f("<section id=\"plan\">\n<h2>%s</h2>\n<p class=\"note\">%s</p>\n", esc(L("sec.plan")), esc(planNote(r)))
	h.f("<table class=\"plan\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
		esc(L("team")), esc(L("plan.what")), esc(L("plan.action")), esc(L("plan.owner")), esc(L("plan.due")), esc(L("plan.status")))
	for _, g := range r.PlanByObjective() {
		h.f("<tr class=\"group\"><th colspan=\"6\">%s</th></tr>\n", esc(g.Title))
		for _, p := range g.Rows {
			h.f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"status-%s\">%s</td></tr>\n", esc(TeamLabel(p.Team, r.Lang)), esc(p.What), esc(p.Action), esc(p.Owner), esc(p.Due),
				p.StatusOf(), esc(StatusLabel(p.Status, r.Lang)))
		}
	}
	for range blankRows(r) {
		h.f("<tr class=\"blank\"><td></td><td></td><td></td><td></td><td></td><td></td></tr>\n")
	}
	h.f("</tbody>\n</table>\n")
	if len(r.CarriedOver) > 0 {
		h.f("<h3>%s</h3>\n<table class=\"plan\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			esc(L("carried.title")), esc(L("prog.from")), esc(L("plan.what")), esc(L("plan.action")), esc(L("plan.owner")), esc(L("plan.due")), esc(L("plan.status")))
		for _, c := range r.CarriedOver {
			from := c.From
			if c.Team != "" {
				from += " · " + TeamLabel(c.Team, r.Lang)
			}
			h.f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td></tr>\n", esc(from), esc(c.What), esc(c.Action), esc(c.Owner), esc(c.Due), esc(StateLabel(c.State, r.Lang)))
		}
		h.f("</tbody>\n</table>\n")
	}
	h.f("</section>\n")

	// 7. Participant feedback, when forms were collected.
	h.feedback(r)

	// How to read, then the appendix.
	h.f("<section id=\"method\">\n<h2>%s</h2>\n<h3>%s</h3>\n<p>%s</p>\n</section>\n", esc(L("sec.method")), esc(L("method")), esc(ownSymbols.Replace(r.Method)))

	h.f("<section id=\"appendix\">\n<h2>%s</h2>\n", esc(L("sec.appendix")))
	if len(r.Timeline) == 0 {
		h.f("<p>%s</p>\n", esc(L("noevents")))
	} else {
		pictures := r.PictureList()
		h.f("<table class=\"timeline\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n", esc(L("time")), esc(L("team")), esc(L("event")))
		for _, e := range r.Timeline {
			h.f("<tr class=\"k-%s\"><td class=\"num\">%s</td><td>%s</td><td>%s%s</td></tr>\n",
				strings.ReplaceAll(e.Kind, ".", "-"), Clock(dur(e.AtSeconds)), esc(e.Team), esc(e.Text), htmlPictures(r.Lang, pictures, e.Pictures))
		}
		h.f("</tbody>\n</table>\n")
	}
	h.f("</section>\n")
	htmlPictureSection(h, r)
	h.f("<footer>%s</footer>\n</main>\n</body>\n</html>\n", esc(L("generated")))
	return []byte(embedFonts(h.String()))
}

// htmlPictures names an inject's pictures in its timeline row, each a
// link to where the pictures section (drawn from list, r.PictureList)
// draws it.
func htmlPictures(lang string, list []ReportPicture, pics []TimelinePicture) string {
	var b strings.Builder
	for _, p := range pics {
		text := esc(fmt.Sprintf(T(lang, "ev.picture"), p.Alt))
		if i := slices.IndexFunc(list, func(q ReportPicture) bool { return q.File == p.File }); i >= 0 {
			fmt.Fprintf(&b, "<div class=\"picture\"><a href=\"#picture-%d\">%s</a></div>", i+1, text)
		} else {
			fmt.Fprintf(&b, "<div class=\"picture\">%s</div>", text)
		}
	}
	return b.String()
}

// htmlPictureSection draws each picture the timeline names once, in the
// file itself (a data URI: the report stands alone), with what it shows
// and when it first arrived.
func htmlPictureSection(h *htmlWriter, r *Report) {
	list := r.PictureList()
	if len(list) == 0 {
		return
	}
	h.f("<section id=\"pictures\">\n<h2>%s</h2>\n", esc(T(r.Lang, "sec.pictures")))
	for i, p := range list {
		h.f("<figure id=\"picture-%d\"><img src=\"data:%s;base64,%s\" alt=\"%s\"><figcaption>%s</figcaption></figure>\n",
			i+1, scenario.PictureMIME(p.Data), base64.StdEncoding.EncodeToString(p.Data), esc(p.Alt),
			esc(fmt.Sprintf(T(r.Lang, "picture.first"), p.Alt, Clock(dur(p.AtSeconds)))))
	}
	h.f("</section>\n")
}

// ownSymbols replaces, in the report's own wording, the symbols the
// bundled font lacks (and the embedded subset with it) by ones it has, as
// the PDF does (pdfText): the minus sign by a hyphen-minus. The ✓ and ✗
// of a statement's facts are written ● and × to begin with.
var ownSymbols = strings.NewReplacer("−", "-", "✓", "●", "✗", "×")

// blankPlanRows are empty rows under the improvement plan for the
// facilitator's own entries.
const blankPlanRows = 3

// blankRows is how many blank rows follow the plan: none under a plan the
// facilitator saved, which is complete as it stands.
func blankRows(r *Report) int {
	if r.PlanSaved {
		return 0
	}
	return blankPlanRows
}

type htmlWriter struct{ strings.Builder }

func (h *htmlWriter) f(format string, args ...any) { fmt.Fprintf(h, format, args...) }

func (h *htmlWriter) dt(term, def string) { h.f("<dt>%s</dt><dd>%s</dd>\n", esc(term), def) }

func (h *htmlWriter) figure(caption string, height float64, draw func(canvas)) {
	s := &svgCanvas{}
	draw(s)
	h.f("<figure>\n<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %.0f %.0f\" role=\"img\" aria-label=\"%s\">\n%s</svg>\n<figcaption>%s</figcaption>\n</figure>\n",
		chartW, height, esc(caption), s.String(), esc(caption))
}

func (h *htmlWriter) team(r *Report, i int, t TeamReport) {
	L := func(k string) string { return T(r.Lang, k) }
	h.f("<article class=\"team\">\n<h3><span class=\"swatch\" style=\"background:%s\"></span>%s%s%s</h3>\n", teamColor(i), esc(L("team")), esc(L("sep")), esc(t.Name))
	h.f("<p><b>%s%s</b>%s</p>\n", esc(L("ending")), esc(L("sep")), esc(t.Ending.Text))
	steps := make([]string, len(t.Path))
	for j, p := range t.Path {
		steps[j] = fmt.Sprintf("%s<span class=\"muted\">%s%s%s</span>", esc(p.Title), esc(T(r.Lang, "paren")), Clock(dur(p.AtSeconds)), esc(T(r.Lang, "parenend")))
	}
	h.f("<p><b>%s%s</b>%s</p>\n", esc(L("path")), esc(L("sep")), strings.Join(steps, " → "))
	h.f("<p class=\"muted\">%s</p>\n", esc(fmt.Sprintf(L("injectcount"), t.Injects)))

	h.f("<h4>%s</h4>\n", esc(L("decisions")))
	if len(t.Decisions) == 0 {
		h.f("<p>%s</p>\n", esc(L("none")))
	} else {
		h.f("<table class=\"decisions\">\n<thead><tr><th>%s</th><th class=\"num\">%s</th><th>%s</th><th class=\"num\">%s</th>",
			esc(L("decision")), esc(L("opened")), esc(L("answer")), esc(L("response")))
		dims := decisionDims(r)
		for _, d := range dims {
			h.f("<th class=\"num\">%s</th>", esc(dimLabel(d, r.Lang)))
		}
		h.f("</tr></thead>\n<tbody>\n")
		for _, d := range t.Decisions {
			took := "—"
			if d.ResponseSeconds != nil {
				took = Took(dur(*d.ResponseSeconds), r.Lang)
			}
			cls := d.Status
			if d.Status == "chosen" && !d.ByTarget {
				cls += " late"
			}
			h.f("<tr class=\"%s\"><td>%s</td><td class=\"num\">%s</td><td>%s</td><td class=\"num\">%s</td>",
				cls, esc(d.Label), Clock(dur(d.OpenedAtSeconds)), esc(d.Answer), took)
			for _, dim := range dims {
				h.f("<td class=\"num\">%s</td>", score(d.Scores, dim))
			}
			h.f("</tr>\n")
		}
		h.f("</tbody>\n</table>\n")
	}

	if len(t.Statements) > 0 {
		h.f("<h4>%s</h4>\n", esc(L("statements")))
		for _, s := range t.Statements {
			h.f("<div class=\"statement\">\n<p class=\"prompt\">%s<span class=\"muted\">%s%s%s</span></p>\n", esc(s.Label), esc(T(r.Lang, "paren")), esc(s.KindName), esc(T(r.Lang, "parenend")))
			if s.Text == "" {
				h.f("<p class=\"muted\">%s</p>\n", esc(L("nostatement")))
			} else {
				h.f("<blockquote>%s</blockquote>\n", esc(s.Text))
			}
			h.facts(r.Lang, s.Facts)
			h.f("</div>\n")
		}
	}
	if len(t.Replies) > 0 {
		h.f("<h4>%s</h4>\n", esc(L("replies")))
		for _, rp := range t.Replies {
			from := ""
			if rp.From != "" {
				from = " — " + rp.From
			}
			h.f("<div class=\"statement reply\">\n<p><span class=\"prompt\">%s · %s%s</span>%s%s</p>\n", Clock(dur(rp.InjectAtSeconds)),
				esc(rp.ChannelName), esc(from), esc(L("sep")), esc(rp.About))
			h.f("<p class=\"muted\">%s%s%s%s</p>\n", esc(fmt.Sprintf(L("reply.at"), Clock(dur(rp.AtSeconds)))), esc(L("paren")), esc(rp.KindName), esc(L("parenend")))
			if rp.Text == "" {
				h.f("<p class=\"muted\">%s</p>\n", esc(L("nostatement")))
			} else {
				h.f("<blockquote>%s</blockquote>\n", esc(rp.Text))
			}
			h.facts(r.Lang, rp.Facts)
			h.rubric(r.Lang, rp.Rubric)
			h.f("</div>\n")
		}
	}
	h.press(r.Lang, t.Press)
	h.cases(r.Lang, t.Cases)
	h.triage(r.Lang, t.Triage)
	if len(t.Posts) > 0 {
		h.f("<h4>%s</h4>\n", esc(L("posts")))
		for _, p := range t.Posts {
			h.f("<div class=\"statement post\">\n<p class=\"prompt\">%s</p>\n", esc(postHeading(p, r.Lang)))
			h.f("<blockquote>%s</blockquote>\n", esc(p.Text))
			h.rubric(r.Lang, p.Rubric)
			if len(p.Reaction) > 0 || len(p.Moved) > 0 {
				h.f("<p class=\"muted\">%s</p>\n<ul class=\"feed\">\n", esc(L("post.reaction")))
				for _, rp := range p.Reaction {
					from := ""
					if rp.From != "" {
						from = rp.From + L("sep")
					}
					h.f("<li class=\"%s\"><b>%s</b> · %s%s</li>\n", esc(rp.Tone), esc(L("tone."+rp.Tone)), esc(from), esc(oneLine(rp.Text)))
				}
				if len(p.Moved) > 0 {
					h.f("<li>%s%s%s%s</li>\n", esc(L("post.moved")), esc(L("sep")), esc(movedText(p.Moved, r.Lang)), esc(RepeatNote(p.Repeat, r.Lang)))
				}
				h.f("</ul>\n")
			}
			h.f("</div>\n")
		}
	}
	if len(t.Roleplay) > 0 {
		h.f("<h4>%s</h4>\n<ul class=\"roleplay\">\n", esc(L("roleplay")))
		for _, iv := range t.Roleplay {
			h.f("<li>%s · <b>%s</b> · %s</li>\n", Clock(dur(iv.AtSeconds)), esc(iv.SeatName), esc(iv.Text))
		}
		h.f("</ul>\n")
	}
	if len(t.Deadlines) > 0 {
		h.f("<h4>%s</h4>\n<ul class=\"deadlines\">\n", esc(L("deadlines")))
		for _, d := range t.Deadlines {
			h.f("<li class=\"%s\"><b>%s</b>%s%s</li>\n", d.Status, esc(d.Label), esc(L("sep")), esc(d.Text))
		}
		h.f("</ul>\n")
	}
	h.list(L("triggers"), func(add func(string, string)) {
		for _, tr := range t.Triggers {
			add("", tr.Text)
		}
	})
	h.list(L("claims"), func(add func(string, string)) {
		for _, c := range t.Contradictions {
			add("missed", c.Text)
		}
	})
	h.list(L("promises"), func(add func(string, string)) {
		for _, p := range t.Promises {
			add(p.Status, p.Text)
		}
	})
	h.list(L("overrides"), func(add func(string, string)) {
		for _, o := range t.Overrides {
			add("", fmt.Sprintf(L("override"), dimLabel(o.Dimension, r.Lang), Number(o.Value), Number(o.Computed), o.Reason))
		}
	})
	if len(t.World) > 0 {
		h.f("<h4>%s</h4>\n<table class=\"world\">\n<thead><tr><th></th><th class=\"num\">%s</th><th class=\"num\">%s</th><th class=\"num\">%s</th></tr></thead>\n<tbody>\n",
			esc(L("world")), esc(L("world.start")), esc(L("world.end")), esc(L("world.range")))
		for j, w := range t.World {
			v := r.Overview.World[j]
			h.f("<tr><td>%s</td><td class=\"num\">%s</td><td class=\"num\">%s</td><td class=\"num\">%s – %s</td></tr>\n",
				esc(w.Label), Number(v.Start), Number(w.Value), Number(v.Min), Number(v.Max))
		}
		h.f("</tbody>\n</table>\n")
	}
	if len(t.Notes) > 0 {
		h.f("<h4>%s</h4>\n", esc(L("notes")))
		h.notes(t.Notes)
	}
	h.f("</article>\n")
}

// facts writes which of the required facts a team's text holds.
func (h *htmlWriter) facts(lang string, facts []FactCheck) {
	if len(facts) == 0 {
		return
	}
	var parts []string
	for _, fc := range facts {
		if fc.Found {
			parts = append(parts, "<span class=\"ok\">● "+esc(fc.Label)+"</span>")
		} else {
			parts = append(parts, "<span class=\"miss\">× "+esc(fc.Label)+" — "+esc(T(lang, "factsmissing"))+"</span>")
		}
	}
	h.f("<p class=\"facts\">%s%s%s</p>\n", esc(T(lang, "facts")), esc(T(lang, "sep")), strings.Join(parts, " "))
}

// rubric writes the statement judge's verdict on a team's text: the
// overall score and the dimensions', what the text did and the penalties
// it cost, as the Markdown debrief does.
func (h *htmlWriter) rubric(lang string, rr *RubricReport) {
	if rr == nil {
		return
	}
	sep, semi := T(lang, "sep"), T(lang, "semi")
	h.f("<p class=\"facts\">%s%s<b>%s</b> — %s</p>\n", esc(Label(lang, "rubric")), esc(sep), Number(rr.Overall), esc(rubricScores(rr, lang)))
	good, bad := rubricChecks(rr, lang)
	if len(good) > 0 {
		h.f("<p class=\"facts\"><span class=\"ok\">● %s%s%s</span></p>\n", esc(Label(lang, "rubric.good")), esc(sep), esc(strings.Join(good, semi)))
	}
	if len(bad) > 0 {
		h.f("<p class=\"facts\"><span class=\"miss\">× %s%s%s</span></p>\n", esc(Label(lang, "rubric.bad")), esc(sep), esc(strings.Join(bad, semi)))
	}
}

func (h *htmlWriter) list(title string, items func(add func(class, text string))) {
	var b strings.Builder
	items(func(class, text string) {
		if class != "" {
			fmt.Fprintf(&b, "<li class=\"%s\">%s</li>\n", class, esc(text))
		} else {
			fmt.Fprintf(&b, "<li>%s</li>\n", esc(text))
		}
	})
	if b.Len() > 0 {
		h.f("<h4>%s</h4>\n<ul>\n%s</ul>\n", esc(title), b.String())
	}
}

func (h *htmlWriter) notes(ns []NoteReport) {
	h.f("<ul class=\"notes\">\n")
	for _, n := range ns {
		h.f("<li><span class=\"muted\">%s</span> %s</li>\n", Clock(dur(n.AtSeconds)), esc(n.Text))
	}
	h.f("</ul>\n")
}

// guide draws an objective's evaluation guide: its capability, and per
// capability target a table of its critical tasks with each team's result.
func (h *htmlWriter) guide(r *Report, o ObjectiveReport) {
	L := func(k string) string { return T(r.Lang, k) }
	if o.Capability != "" {
		h.f("<p class=\"capability\"><b>%s%s</b>%s</p>\n", esc(L("eeg.capability")), esc(L("sep")), esc(o.Capability))
	}
	for _, tg := range o.Targets {
		h.f("<p class=\"target\"><b>%s%s</b>%s</p>\n<table class=\"tasks\">\n<thead><tr><th>%s</th><th>%s</th>", esc(L("eeg.target")), esc(L("sep")), esc(tg.Text),
			esc(L("eeg.task")), esc(L("eeg.how")))
		for _, ot := range o.Teams {
			h.f("<th>%s</th>", esc(ot.Team))
		}
		h.f("</tr></thead>\n<tbody>\n")
		for _, task := range tg.Tasks {
			h.f("<tr><td>%s</td><td class=\"muted\">%s</td>", esc(task.Text), esc(task.How))
			for _, ot := range o.Teams {
				res, _ := ot.TaskOf(task.ID)
				ev := ""
				if res.Evidence != "" {
					ev = "<br><span class=\"muted\">" + esc(res.Evidence) + "</span>"
				}
				if n := TaskNote(res, r.Lang); n != "" {
					ev += "<br><span class=\"muted\">" + esc(n) + "</span>"
				}
				h.f("<td class=\"task-%s\">%s%s</td>", res.Status, esc(TaskStatusText(res, r.Lang)), ev)
			}
			h.f("</tr>\n")
		}
		h.f("</tbody>\n</table>\n")
	}
	if evs := evaluations(o, r.Lang); len(evs) > 0 {
		h.f("<h4>%s</h4>\n<ul class=\"evaluations\">\n", esc(L("eeg.evaluations")))
		for _, e := range evs {
			h.f("<li>%s</li>\n", esc(e))
		}
		h.f("</ul>\n")
	}
	if lines, notes := combinedLines(o, r.Lang); len(lines) > 0 {
		h.f("<h4>%s</h4>\n<p class=\"muted\">%s</p>\n<ul class=\"combined\">\n", esc(L("combined.title")), esc(L("combined.rule")))
		for i, line := range lines {
			h.f("<li>%s", esc(line))
			if len(notes[i]) > 0 {
				h.f("\n<ul>\n")
				for _, n := range notes[i] {
					h.f("<li>%s</li>\n", esc(n))
				}
				h.f("</ul>\n")
			}
			h.f("</li>\n")
		}
		h.f("</ul>\n")
	}
}

// objectiveFindings lists an objective's strengths or areas for
// improvement, each with its team (none in a handout).
func (h *htmlWriter) objectiveFindings(r *Report, title string, fs []Finding, none, class string) {
	h.f("<h4>%s</h4>\n", esc(title))
	if len(fs) == 0 {
		h.f("<p class=\"muted\">%s</p>\n", esc(none))
		return
	}
	h.f("<ul class=\"%s\">\n", class)
	for _, f := range fs {
		team := ""
		if r.HandoutTeam == "" || f.Team == "" {
			team = "<b>" + esc(TeamLabel(f.Team, r.Lang)+T(r.Lang, "sep")) + "</b>"
		}
		h.f("<li>%s%s</li>\n", team, esc(f.Text))
	}
	h.f("</ul>\n")
}

func (h *htmlWriter) findings(r *Report, title string, fs []Finding, none, class string) {
	h.f("<h3>%s</h3>\n", esc(title))
	if len(fs) == 0 {
		h.f("<p class=\"muted\">%s</p>\n", esc(none))
		return
	}
	team := "\x00"
	for _, f := range fs {
		if f.Team != team {
			if team != "\x00" {
				h.f("</ul>\n")
			}
			if r.HandoutTeam == "" {
				h.f("<h4>%s</h4>\n", esc(TeamLabel(f.Team, r.Lang)))
			}
			h.f("<ul class=\"%s\">\n", class)
			team = f.Team
		}
		h.f("<li>%s</li>\n", esc(f.Text))
	}
	h.f("</ul>\n")
}

// decisionDims are the per-decision score columns: the scored dimensions
// that come from single decisions.
func decisionDims(r *Report) []string {
	var out []string
	for _, d := range r.Dimensions {
		if d == "speed" || d == "transparency" || d == "empathy" {
			out = append(out, d)
		}
	}
	return out
}

func score(m map[string]float64, dim string) string {
	v, ok := m[dim]
	if !ok {
		return "—"
	}
	return fmt.Sprintf("%.0f", v)
}

func ratingBadge(rating, lang string) string {
	if rating == "" {
		return "—"
	}
	return fmt.Sprintf("<span class=\"rating r%s\" title=\"%s\">%s</span>", esc(rating), esc(T(lang, "rating."+rating)), esc(T(lang, "rating."+rating)))
}

func esc(s string) string { return html.EscapeString(s) }

// svgCanvas draws into SVG elements.
type svgCanvas struct{ strings.Builder }

func (s *svgCanvas) rect(x, y, w, h float64, fill string) {
	fmt.Fprintf(s, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"/>\n", x, y, w, h, fill)
}

func (s *svgCanvas) line(x1, y1, x2, y2 float64, stroke string, width float64) {
	fmt.Fprintf(s, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"/>\n", x1, y1, x2, y2, stroke, width)
}

func (s *svgCanvas) polyline(pts [][2]float64, stroke string, width float64, dashed bool) {
	var b strings.Builder
	for i, p := range pts {
		if i > 0 {
			b.WriteByte(' ')
		}
		fmt.Fprintf(&b, "%.1f,%.1f", p[0], p[1])
	}
	dash := ""
	if dashed {
		dash = " stroke-dasharray=\"4 2\""
	}
	fmt.Fprintf(s, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"%.1f\" stroke-linejoin=\"round\"%s/>\n", b.String(), stroke, width, dash)
}

func (s *svgCanvas) text(x, y float64, t string, size float64, color string, anchor int) {
	a := [...]string{"start", "middle", "end"}[anchor]
	fmt.Fprintf(s, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.1f\" fill=\"%s\" text-anchor=\"%s\">%s</text>\n", x, y, size, color, a, esc(t))
}

func (s *svgCanvas) measure(t string, size float64) float64 { return approxWidth(t, size) }

const css = `
:root{--ink:#222;--muted:#666;--line:#d8d8d8;--accent:#0b5394;--ok:#1b7f3b;--bad:#b42318}
*{box-sizing:border-box}
body{margin:0;background:#f4f4f1;color:var(--ink);font:15px/1.55 "Firebreak Noto Sans SC","Noto Sans SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","Helvetica Neue",Arial,sans-serif}
main{max-width:960px;margin:0 auto;padding:24px 40px 48px;background:#fff}
header.cover{border-bottom:3px solid var(--accent);margin-bottom:8px;padding-bottom:12px}
.kicker{margin:0;color:var(--accent);font-weight:700;letter-spacing:.08em;text-transform:uppercase;font-size:12px}
h1{margin:4px 0;font-size:28px}
.scenario{margin:0;font-size:19px}
.meta{margin:4px 0 0;color:var(--muted)}
h2{margin:32px 0 10px;padding-bottom:4px;border-bottom:1px solid var(--line);color:var(--accent);font-size:21px}
h3{margin:22px 0 8px;font-size:17px}
h4{margin:16px 0 6px;font-size:15px}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:0}
dl.facts dt{font-weight:700}
dl.facts dd{margin:0}
.summary{color:#333}
table{width:100%;border-collapse:collapse;margin:8px 0 12px;font-size:13.5px}
th,td{border:1px solid var(--line);padding:4px 7px;text-align:left;vertical-align:top}
thead th{background:#eef2f7}
td.num,th.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td ul{margin:0;padding-left:18px}
.swatch{display:inline-block;width:10px;height:10px;margin-right:6px;border-radius:2px;vertical-align:baseline}
figure{margin:14px 0;break-inside:avoid}
figure svg{width:100%;height:auto;display:block;font-family:inherit}
figcaption{text-align:center;color:var(--muted);font-size:13px}
article.team{border-top:1px dashed var(--line);margin-top:18px}
tr.timed-out td,tr.open td,tr.abandoned td{color:var(--bad)}
tr.optional td,tr.ended-early td{color:var(--muted)}
tr.late td:nth-child(4){color:#9a6700}
.muted,.blank{color:var(--muted)}
.prompt{font-weight:600}
blockquote{margin:4px 0 6px;padding:6px 12px;border-left:3px solid var(--line);background:#fafafa;white-space:pre-wrap}
.ok{color:var(--ok);margin-right:10px}
.miss{color:var(--bad);margin-right:10px}
li.missed{color:var(--bad)}
li.met,li.kept{color:var(--ok)}
li.hostile,li.ridicule{color:var(--bad)}
li.support{color:var(--ok)}
ul.strength li::marker{color:var(--ok)}
ul.improvement li::marker{color:var(--bad)}
.rating{display:inline-block;padding:1px 7px;border-radius:10px;font-size:12.5px;white-space:nowrap;border:1px solid}
.rP{color:#1b7f3b;border-color:#1b7f3b;background:#eaf6ee}
.rS{color:#0b5394;border-color:#0b5394;background:#e8f0fa}
.rM{color:#9a6700;border-color:#9a6700;background:#fff5db}
.rU{color:#b42318;border-color:#b42318;background:#fdecea}
.note{color:var(--muted);font-size:13px}
table.plan td{height:2.2em}
table.plan tr.group th{background:#f6f6f3;color:var(--accent)}
table.plan thead th:nth-child(1){width:10%}
table.plan thead th:nth-child(3){width:24%}
table.plan thead th:nth-child(4){width:11%}
table.plan thead th:nth-child(5){width:11%}
table.plan thead th:nth-child(6){width:8%}
table.plan td:nth-child(6){white-space:nowrap}
table.tasks thead th:nth-child(1){width:22%}
table.tasks thead th:nth-child(2){width:26%}
td.status-done{color:var(--ok)}
td.status-in-progress{color:#9a6700}
table.tasks{font-size:12.5px}
td.task-met,td.task-observed{color:var(--ok)}
td.task-not-met{color:var(--bad)}
td.task-evaluator{color:var(--muted)}
.capability,.target{margin:6px 0 2px}
div.byobjective{margin:4px 0 18px}
div.byobjective h4{margin:10px 0 4px}
table.timeline{font-size:12.5px}
table.timeline .picture{color:#555;font-size:11.5px}
#pictures figure{margin:12px 0;break-inside:avoid}
#pictures img{display:block;max-width:100%;max-height:420px;border-radius:4px}
#pictures figcaption{color:#555;font-size:12px;margin-top:4px}
table.timeline td:nth-child(2){white-space:nowrap}
tr.k-rule-applied td,tr.k-clock-paused td,tr.k-clock-resumed td{color:var(--muted)}
footer{margin-top:32px;color:var(--muted);font-size:12px;border-top:1px solid var(--line);padding-top:8px}
@media print{
 @page{size:A4;margin:16mm 14mm}
 body{background:#fff;font-size:10.5pt}
 main{max-width:none;padding:0}
 h2{break-after:avoid}
 h3,h4{break-after:avoid}
 #teams,#analysis,#plan,#appendix{break-before:page}
 tr,figure,blockquote,.statement{break-inside:avoid}
 thead{display:table-header-group}
 *{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
`
