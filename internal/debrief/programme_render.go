package debrief

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/signintech/gopdf"
)

// The programme report's renderers: HTML, PDF (A4) and CSV, all from the
// Programme model, with the charts drawn once against canvas (as the
// after-action report's) and the same score ticks.

// NextDrillText says the next drill's date and how far it is, in the
// programme's language ("2026-12-12 (in 5 days)").
func (p *Programme) NextDrillText() string {
	return NextDrillText(p.Lang, p.NextDrill, p.Today)
}

// NextDrillText says the date (YYYY-MM-DD) and how far it is from today
// in lang; "not set" when date is "".
func NextDrillText(lang, date, today string) string {
	d, ok := DaysUntil(date, today)
	switch {
	case date == "" || !ok:
		return T(lang, "prog.next.none")
	case d == 0:
		return fmt.Sprintf(T(lang, "prog.next.today"), date)
	case d == 1:
		return fmt.Sprintf(T(lang, "prog.next.in1"), date)
	case d > 0:
		return fmt.Sprintf(T(lang, "prog.next.in"), date, d)
	default:
		return fmt.Sprintf(T(lang, "prog.next.past"), date, -d)
	}
}

// StateLabel names a tracker state (ActionState) in lang.
func StateLabel(state, lang string) string { return T(lang, "status."+state) }

// ScenarioChart is what the chart of a scenario compared draws: one group
// of bars per exercise (its label), one bar per score dimension.
func (p *Programme) ScenarioChart(sc ScenarioComparison) (groups []string, values [][]float64) {
	for _, id := range sc.Exercises {
		e := p.Exercise(id)
		row := make([]float64, len(p.Dimensions))
		for j, d := range p.Dimensions {
			v, ok := e.Scores[d]
			if !ok {
				v = math.NaN()
			}
			row[j] = v
		}
		groups = append(groups, e.Label)
		values = append(values, row)
	}
	return groups, values
}

// ObjectiveChart is what the chart of an objective compared draws: one
// bar per exercise, the share of its teams rated P or S.
func (p *Programme) ObjectiveChart(o ObjectiveComparison) (groups []string, values [][]float64) {
	for _, pt := range o.Points {
		groups = append(groups, p.Exercise(pt.Exercise).Label)
		values = append(values, []float64{pt.Share})
	}
	return groups, values
}

// ExerciseLabel is the exercise's label, or its id when it is not the
// programme's.
func (p *Programme) ExerciseLabel(id string) string {
	if e := p.Exercise(id); e != nil {
		return e.Label
	}
	return id
}

// drawBars draws grouped bars on the score scale (ScoreTicks): one group
// per label of groups, one bar per series (values[g][s], NaN for none),
// with the series named in a legend.
func drawBars(c canvas, groups, series []string, values [][]float64, w, h float64) {
	top := 12.0 // room for the value above a full bar
	if len(series) > 1 {
		top = legend(c, 30, 0, w-30, series) + 6
	}
	left, bottom := 30.0, 18.0
	pw, ph := w-left-4, h-top-bottom
	y := func(v float64) float64 { return top + ph - v/100*ph }
	for _, v := range ScoreTicks() {
		c.line(left, y(v), left+pw, y(v), gridColor, 0.5)
		c.text(left-4, y(v)+3, fmt.Sprintf("%.0f", v), 7, axisColor, 2)
	}
	if len(groups) == 0 || len(series) == 0 {
		return
	}
	gw := pw / float64(len(groups))
	bw := math.Min(gw*0.8/float64(len(series)), 28)
	for gi, g := range groups {
		gx := left + gw*float64(gi) + (gw-bw*float64(len(series)))/2
		for si := range series {
			bx := gx + bw*float64(si)
			v := values[gi][si]
			if math.IsNaN(v) {
				c.text(bx+bw/2, y(0)-3, "—", 7, axisColor, 1)
				continue
			}
			c.rect(bx+0.5, y(v), bw-1, y(0)-y(v), teamColor(si))
			if bw >= 12 {
				c.text(bx+bw/2, y(v)-2, fmt.Sprintf("%.0f", v), 6.5, inkColor, 1)
			}
		}
		c.text(left+gw*float64(gi)+gw/2, top+ph+12, g, 8, inkColor, 1)
	}
	c.line(left, y(0), left+pw, y(0), axisColor, 0.8)
}

// chartsOf lists the programme's charts in order: a caption, the groups,
// the series and the values of each.
func (p *Programme) charts() (scen, obj []progChart) {
	dims := make([]string, len(p.Dimensions))
	for i, d := range p.Dimensions {
		dims[i] = dimLabel(d, p.Lang)
	}
	for _, sc := range p.Scenarios {
		g, v := p.ScenarioChart(sc)
		scen = append(scen, progChart{fmt.Sprintf(T(p.Lang, "prog.chart.scenario"), sc.Scenario), g, dims, v})
	}
	for _, o := range p.Objectives {
		g, v := p.ObjectiveChart(o)
		obj = append(obj, progChart{T(p.Lang, "prog.chart.objective"), g, []string{T(p.Lang, "prog.share")}, v})
	}
	return scen, obj
}

type progChart struct {
	caption        string
	groups, series []string
	values         [][]float64
}

func (c progChart) draw(cv canvas) { drawBars(cv, c.groups, c.series, c.values, chartW, scoreH) }

// ratingsText is an objective's ratings in one exercise: "Team A: P, Team
// B: S (suggested)".
func (p *Programme) ratingsText(pt ObjectivePoint) string {
	var parts []string
	for _, r := range pt.Ratings {
		s := r.Team + T(p.Lang, "sep") + r.Rating
		if r.Suggested {
			if p.Lang == "zh" {
				s += "（" + T(p.Lang, "prog.suggested") + "）"
			} else {
				s += " (" + T(p.Lang, "prog.suggested") + ")"
			}
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, listSep2(p.Lang))
}

// historyText is an action's history: "2026-11-02 open; 2026-11-20 done".
func (p *Programme) historyText(a TrackedAction) string {
	var parts []string
	for _, h := range a.History {
		sep := " "
		if p.Lang == "zh" {
			sep = ""
		}
		parts = append(parts, h.Date+sep+StatusLabel(h.Status, p.Lang))
	}
	return strings.Join(parts, listSep2(p.Lang))
}

// carriedText lists the exercises an action was carried to by label.
func (p *Programme) carriedText(a TrackedAction) string {
	var parts []string
	for _, id := range a.CarriedTo {
		parts = append(parts, p.ExerciseLabel(id))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, listSep(p.Lang))
}

// CountsText sums up the tracker ("5 corrective actions: 1 done, …").
func (p *Programme) CountsText() string {
	return fmt.Sprintf(T(p.Lang, "prog.counts"), len(p.Actions), p.Counts[ActionDone],
		p.Counts[ActionInProgress], p.Counts[ActionOverdue], p.Counts[ActionOpen])
}

// stateColor is the colour a tracker state is printed in.
func stateColor(state string) string {
	switch state {
	case ActionDone:
		return "#1b7f3b"
	case ActionOverdue:
		return "#b42318"
	case ActionInProgress:
		return "#0b5394"
	}
	return ""
}

// ProgrammeHTML renders the programme as one self-contained HTML page.
func ProgrammeHTML(p *Programme) []byte {
	L := func(k string) string { return T(p.Lang, k) }
	h := &htmlWriter{}
	langAttr := p.Lang
	if p.Lang == "zh" {
		langAttr = "zh-CN"
	}
	h.f("<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n", langAttr)
	h.f("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<meta name=\"generator\" content=\"Firebreak\">\n")
	h.f("<title>%s — %s</title>\n<style>%s%s%s</style>\n</head>\n<body>\n<main>\n", esc(p.Title), esc(p.Organisation), fontFaceMarker, css, progCSS)
	h.f("<header class=\"cover\">\n<p class=\"kicker\">Firebreak</p>\n<h1>%s</h1>\n<p class=\"scenario\">%s</p>\n", esc(p.Title), esc(p.Organisation))
	h.f("<p class=\"meta\">%s</p>\n</header>\n", esc(L("prog.today")+L("sep")+p.Today))
	h.f("<dl class=\"facts\">\n")
	h.dt(L("prog.organisation"), esc(p.Organisation))
	h.dt(L("prog.next"), esc(p.NextDrillText()))
	h.dt(L("prog.exercise"), esc(fmt.Sprintf(L("prog.exercises.count"), len(p.Exercises))))
	h.f("</dl>\n")

	// 1. Exercises.
	h.f("<section id=\"exercises\">\n<h2>%s</h2>\n", esc(L("prog.sec.exercises")))
	if len(p.Exercises) == 0 {
		h.f("<p>%s</p>\n", esc(L("prog.noexercises")))
	} else {
		h.f("<table>\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th>", esc(L("date")), esc(L("scenario")), esc(L("teams")), esc(L("status")))
		for _, d := range p.Dimensions {
			h.f("<th class=\"num\">%s</th>", esc(dimLabel(d, p.Lang)))
		}
		h.f("</tr></thead>\n<tbody>\n")
		for _, e := range p.Exercises {
			h.f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td>", esc(e.Label), esc(e.Scenario), esc(strings.Join(e.Teams, listSep(p.Lang))), esc(e.Status))
			for _, d := range p.Dimensions {
				if v, ok := e.Scores[d]; ok {
					h.f("<td class=\"num\">%s</td>", Number(v))
				} else {
					h.f("<td class=\"num\">—</td>")
				}
			}
			h.f("</tr>\n")
			if n := len(p.Carried[e.ID]); n > 0 {
				h.f("<tr class=\"carried\"><td></td><td colspan=\"%d\">%s</td></tr>\n", 3+len(p.Dimensions), esc(fmt.Sprintf(L("prog.carried.into"), n)))
			}
		}
		h.f("</tbody>\n</table>\n<p class=\"note\">%s</p>\n", esc(L("prog.mean")))
	}
	h.f("</section>\n")

	scen, obj := p.charts()
	// 2. The same scenario compared.
	h.f("<section id=\"scenarios\">\n<h2>%s</h2>\n", esc(L("prog.sec.scenarios")))
	for _, c := range scen {
		h.figure(c.caption, scoreH, c.draw)
	}
	h.f("</section>\n")

	// 3. The same objective compared.
	h.f("<section id=\"objectives\">\n<h2>%s</h2>\n", esc(L("prog.sec.objectives")))
	if len(p.Objectives) == 0 {
		h.f("<p>%s</p>\n", esc(L("prog.noobjectives")))
	}
	for i, o := range p.Objectives {
		h.f("<h3>%s</h3>\n", esc(o.Text))
		h.figure(obj[i].caption, scoreH, obj[i].draw)
		h.f("<table>\n<thead><tr><th>%s</th><th class=\"num\">%s</th><th>%s</th></tr></thead>\n<tbody>\n", esc(L("prog.exercise")), esc(L("prog.share")), esc(L("prog.ratings")))
		for _, pt := range o.Points {
			h.f("<tr><td>%s</td><td class=\"num\">%s%%</td><td>%s</td></tr>\n", esc(p.ExerciseLabel(pt.Exercise)), Number(pt.Share), esc(p.ratingsText(pt)))
		}
		h.f("</tbody>\n</table>\n")
	}
	h.f("</section>\n")

	// 4. Corrective actions.
	h.f("<section id=\"actions\">\n<h2>%s</h2>\n", esc(L("prog.sec.actions")))
	if len(p.Actions) == 0 {
		h.f("<p>%s</p>\n", esc(L("prog.noactions")))
	} else {
		h.f("<p>%s</p>\n", esc(p.CountsText()))
		h.f("<table class=\"actions\">\n<thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead>\n<tbody>\n",
			esc(L("prog.from")), esc(L("plan.what")), esc(L("plan.action")), esc(L("plan.owner")), esc(L("plan.due")), esc(L("prog.state")), esc(L("prog.carried")), esc(L("prog.history")))
		for _, a := range p.Actions {
			from := p.ExerciseLabel(a.Exercise)
			if a.Team != "" {
				from += " · " + a.Team
			}
			h.f("<tr><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td><td class=\"state-%s\">%s</td><td>%s</td><td>%s</td></tr>\n",
				esc(from), esc(a.What), esc(a.Action), esc(a.Owner), esc(a.Due), esc(a.State), esc(StateLabel(a.State, p.Lang)), esc(p.carriedText(a)), esc(p.historyText(a)))
		}
		h.f("</tbody>\n</table>\n")
	}
	h.f("<p class=\"note\">%s</p>\n</section>\n", esc(L("prog.rule")))
	h.f("<footer><p>%s</p></footer>\n</main>\n</body>\n</html>\n", esc(L("prog.generated")))
	return []byte(embedFonts(h.String()))
}

const progCSS = `
td.state-overdue{color:var(--bad);font-weight:700}
td.state-done{color:var(--ok)}
td.state-in-progress{color:var(--accent)}
tr.carried td{color:var(--muted);font-size:13px;border-top:none}
table.actions td{font-size:13px}
`

// ProgrammePDF renders the programme as an A4 PDF (Noto Sans SC embedded,
// pages numbered "n / N").
func ProgrammePDF(p *Programme) ([]byte, error) {
	fc, err := pdfFonts()
	if err != nil {
		return nil, err
	}
	g := &gopdf.GoPdf{}
	g.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	g.SetInfo(gopdf.PdfInfo{Title: p.Title + " — " + p.Organisation, Author: "Firebreak", Creator: "Firebreak"})
	for _, f := range []string{fontRegular, fontBold} {
		if err := g.AddTTFFontFromFontContainer(f, fc); err != nil {
			return nil, fmt.Errorf("pdf: %w", err)
		}
	}
	w := &pdfWriter{p: g, lang: p.Lang, widths: map[string]map[rune]float64{}}
	w.newPage()
	w.programme(p)
	// Page numbers, the organisation and the date at each page's foot.
	n := g.GetNumberOfPages()
	for i := 1; i <= n; i++ {
		w.check(g.SetPage(i))
		w.family, w.size = "", 0
		w.font(fontRegular, 8)
		w.color("#777777")
		num := fmt.Sprintf("%d / %d", i, n)
		w.textAt(pageW/2-w.width(num)/2, pageH-30, num)
		if foot := w.clean(p.Organisation); w.width(foot) < contentW/2-30 {
			w.textAt(marginL, pageH-30, foot)
		}
		w.textAt(marginL+contentW-w.width(p.Today), pageH-30, p.Today)
	}
	return w.bytes()
}

func (w *pdfWriter) programme(p *Programme) {
	L := func(k string) string { return T(p.Lang, k) }
	w.titleBlock(p.Title)
	w.para(p.Organisation, paraOpt{size: 13})
	w.para(L("prog.today")+L("sep")+p.Today, paraOpt{size: 9.5, color: "#666666"})
	w.p.SetStrokeColor(rgb("#0b5394"))
	w.p.SetLineWidth(2)
	w.p.Line(marginL, w.y+2, marginL+contentW, w.y+2)
	w.y += 10
	w.table([]col{{title: "", frac: 0.3}, {title: "", frac: 0.7}}, [][]cell{
		{{text: L("prog.organisation"), bold: true}, {text: p.Organisation}},
		{{text: L("prog.next"), bold: true}, {text: p.NextDrillText(), color: nextColor(p)}},
	})

	// 1. Exercises.
	w.heading(1, L("prog.sec.exercises"))
	if len(p.Exercises) == 0 {
		w.para(L("prog.noexercises"), paraOpt{})
	} else {
		nd := float64(len(p.Dimensions))
		cols := []col{{title: L("date"), frac: 0.16}, {title: L("scenario"), frac: 0.3}, {title: L("teams"), frac: 0.54 - 0.075*nd}}
		for _, d := range p.Dimensions {
			cols = append(cols, col{title: T(p.Lang, "short."+d), frac: 0.075, right: true})
		}
		var rows [][]cell
		for _, e := range p.Exercises {
			row := []cell{{text: e.Label}, {text: e.Scenario}, {text: strings.Join(e.Teams, listSep(p.Lang))}}
			for _, d := range p.Dimensions {
				if v, ok := e.Scores[d]; ok {
					row = append(row, cell{text: Number(v)})
				} else {
					row = append(row, cell{text: "—"})
				}
			}
			rows = append(rows, row)
		}
		w.table(cols, rows)
		w.para(L("prog.mean"), paraOpt{size: 8.5, color: "#666666"})
		for _, e := range p.Exercises {
			if n := len(p.Carried[e.ID]); n > 0 {
				w.para(e.Label+L("sep")+fmt.Sprintf(L("prog.carried.into"), n), paraOpt{size: 8.5, color: "#666666"})
			}
		}
	}

	scen, obj := p.charts()
	// 2. The same scenario compared.
	w.heading(1, L("prog.sec.scenarios"))
	for _, c := range scen {
		w.chart(scoreH, c.caption, c.draw)
	}

	// 3. The same objective compared.
	w.heading(1, L("prog.sec.objectives"))
	if len(p.Objectives) == 0 {
		w.para(L("prog.noobjectives"), paraOpt{})
	}
	for i, o := range p.Objectives {
		w.need(scoreH + 80) // the objective's heading stays with its chart
		w.heading(2, o.Text)
		w.chart(scoreH, obj[i].caption, obj[i].draw)
		var rows [][]cell
		for _, pt := range o.Points {
			rows = append(rows, []cell{{text: p.ExerciseLabel(pt.Exercise)}, {text: Number(pt.Share) + "%"}, {text: p.ratingsText(pt)}})
		}
		w.table([]col{{title: L("prog.exercise"), frac: 0.2}, {title: L("prog.share"), frac: 0.12, right: true}, {title: L("prog.ratings"), frac: 0.68}}, rows)
	}

	// 4. Corrective actions.
	w.heading(1, L("prog.sec.actions"))
	if len(p.Actions) == 0 {
		w.para(L("prog.noactions"), paraOpt{})
	} else {
		w.para(p.CountsText(), paraOpt{})
		var rows [][]cell
		for _, a := range p.Actions {
			from := p.ExerciseLabel(a.Exercise)
			if a.Team != "" {
				from += " · " + a.Team
			}
			rows = append(rows, []cell{{text: from}, {text: a.What}, {text: a.Action}, {text: a.Owner}, {text: a.Due},
				{text: StateLabel(a.State, p.Lang), color: stateColor(a.State), bold: a.State == ActionOverdue},
				{text: p.carriedText(a)}, {text: p.historyText(a)}})
		}
		w.table([]col{{title: L("prog.from"), frac: 0.12}, {title: L("plan.what"), frac: 0.16}, {title: L("plan.action"), frac: 0.17},
			{title: L("plan.owner"), frac: 0.1}, {title: L("plan.due"), frac: 0.11}, {title: L("prog.state"), frac: 0.09},
			{title: L("prog.carried"), frac: 0.11}, {title: L("prog.history"), frac: 0.14}}, rows)
	}
	w.para(L("prog.rule"), paraOpt{size: 8.5, color: "#666666"})
	w.para(L("prog.generated"), paraOpt{size: 8.5, color: "#666666"})
}

// nextColor prints a next drill that is past in red.
func nextColor(p *Programme) string {
	if p.NextDrill != "" && p.NextDrillDays < 0 {
		return "#b42318"
	}
	return ""
}

// ProgrammeCSVColumns are the columns of the programme's CSV export:
//
//	record     exercise, score, objective or action
//	exercise   the exercise's id (for an action: the exercise whose plan it is in)
//	date       the exercise's date (YYYY-MM-DD)
//	scenario   the scenario's title
//	team       the team (objective, action)
//	subject    score: the dimension; objective: its id; action: the area for improvement
//	value      exercise: the teams; score: the teams' mean; objective: the rating; action: the corrective action
//	state      objective: "suggested" when the rating is the evidence's; action: done, in-progress, overdue or open
//	due        action: its due date
//	owner      action: its owner
//	detail     action: the exercises it was carried to (ids, separated by spaces) and its history
//
// UTF-8 with a byte-order mark, CRLF line ends, formula-like cells
// defused, as the report's CSV.
var ProgrammeCSVColumns = []string{"record", "exercise", "date", "scenario", "team", "subject", "value", "state", "due", "owner", "detail"}

// ProgrammeCSV renders the programme as CSV.
func ProgrammeCSV(p *Programme) []byte {
	var b bytes.Buffer
	b.WriteString("\uFEFF")
	w := csv.NewWriter(&b)
	w.UseCRLF = true
	write := func(row ...string) {
		for i := range row {
			row[i] = defuse(row[i])
		}
		_ = w.Write(row)
	}
	write(ProgrammeCSVColumns...)
	for _, e := range p.Exercises {
		write("exercise", e.ID, e.Date, e.Scenario, "", "", strings.Join(e.Teams, listSep(p.Lang)), e.Status, "", "", "")
		for _, d := range p.Dimensions {
			if v, ok := e.Scores[d]; ok {
				write("score", e.ID, e.Date, e.Scenario, "", d, strconv.FormatFloat(v, 'f', -1, 64), "", "", "", "")
			}
		}
	}
	for _, o := range p.Objectives {
		for _, pt := range o.Points {
			e := p.Exercise(pt.Exercise)
			for _, r := range pt.Ratings {
				state := ""
				if r.Suggested {
					state = "suggested"
				}
				write("objective", e.ID, e.Date, e.Scenario, r.Team, o.ID, r.Rating, state, "", "", o.Text)
			}
		}
	}
	for _, a := range p.Actions {
		e := p.Exercise(a.Exercise)
		date, scen := "", ""
		if e != nil {
			date, scen = e.Date, e.Scenario
		}
		var hist []string
		for _, h := range a.History {
			hist = append(hist, h.Date+" "+h.Status)
		}
		detail := strings.Join(a.CarriedTo, " ")
		if len(hist) > 0 {
			if detail != "" {
				detail += "; "
			}
			detail += strings.Join(hist, ", ")
		}
		write("action", a.Exercise, date, scen, a.Team, a.What, a.Action, a.State, a.Due, a.Owner, detail)
	}
	w.Flush()
	return b.Bytes()
}
