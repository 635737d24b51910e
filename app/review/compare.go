package review

import (
	"fmt"
	"math"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
)

// Compare puts two exercises side by side: what each was (scenario,
// date, how it ended) and every team's scores on one chart and in one
// table, so a trainer sees whether a group did better this time. Both are
// read and folded in the background.
type Compare struct {
	host Host
	ids  [2]string
	back func()

	loaded bool
	err    error
	data   [2]*DebriefData
}

// compareTags name the two exercises in the legend and the table.
var compareTags = [2]string{"A", "B"}

// NewCompare is the comparison of the exercises a and b; back leaves it.
// It shows nothing of them until Load has read them.
func NewCompare(host Host, a, b string, back func()) *Compare {
	return &Compare{host: host, ids: [2]string{a, b}, back: back}
}

// Stop does nothing: the comparison runs no timers.
func (c *Compare) Stop() {}

// Load reads and folds both exercises in the background, then redraws the
// comparison if it is still shown.
func (c *Compare) Load() {
	st, err := c.host.Store()
	if err != nil {
		c.loaded, c.err = true, err
		return
	}
	inBackground(c.host, func() {
		var data [2]*DebriefData
		var err error
		for i, id := range c.ids {
			if data[i], err = LoadDebrief(st, id); err != nil {
				break
			}
		}
		ui.Do(func() {
			c.loaded, c.data, c.err = true, data, err
			if c.host.Current() == c {
				c.host.Show(c)
			}
		})
	})
}

// Build draws the comparison in the host's language: a loading line until
// Load is done, then the exercises side by side.
func (c *Compare) Build() fyne.CanvasObject {
	loc := c.host.Loc()
	back := ui.NewIconButton(loc.T("compare.back"), theme.NavigateBackIcon(), c.back)
	title := ui.Heading(loc.T("compare.title"))
	title.Truncation = fyne.TextTruncateEllipsis
	head := container.NewPadded(container.NewBorder(nil, nil, nil, back, title))
	var body []fyne.CanvasObject
	switch {
	case !c.loaded:
		body = append(body, ui.Muted(loc.T("home.loading")))
	case c.err != nil:
		l := ui.Wrapped(ui.ErrorText(loc, c.err))
		l.Importance = widget.DangerImportance
		body = append(body, l)
	default:
		body = c.comparison()
	}
	return container.NewBorder(head, nil, nil, nil, ui.Scroller(1100, body...))
}

// comparison is the two exercises' facts, the score chart and the table.
func (c *Compare) comparison() []fyne.CanvasObject {
	loc := c.host.Loc()
	lang := loc.Lang().String()
	var reports [2]*debrief.Report
	for i, d := range c.data {
		r := debrief.Build(d.state, d.events, lang, "")
		if !d.started.IsZero() {
			r.SetStarted(d.started)
		}
		reports[i] = r
	}
	var objs []fyne.CanvasObject
	for i, r := range reports {
		ov := r.Overview
		facts := []string{ov.KindName}
		if ov.Date != "" {
			facts = append(facts, loc.T("debrief.date", "date", ov.Date))
		}
		facts = append(facts, ov.Status)
		objs = append(objs, ui.Panel(
			ui.Bold(loc.T("compare.exercise", "tag", compareTags[i], "scenario", ov.Scenario)),
			ui.Muted(strings.Join(facts, " · ")),
			ui.Wrapped(loc.T("home.resume_teams", "teams", ui.ListJoin(loc, ov.Teams)))))
	}
	if reports[0].Overview.ScenarioID != reports[1].Overview.ScenarioID {
		objs = append(objs, ui.IconLine(theme.InfoIcon(), loc.T("compare.different_scenarios")))
	}

	// Every team of both exercises, A's first, each its own colour.
	type column struct {
		label string
		team  *debrief.TeamReport
	}
	var cols []column
	var series []ui.ScoreSeries
	for i, r := range reports {
		// The debrief's series of each report, renamed and recoloured.
		for j, ss := range ui.ScoreChartSeries(r) {
			t := &r.Teams[j]
			label := compareTags[i] + " · " + t.Name
			cols = append(cols, column{label, t})
			ss.Team, ss.Color = label, len(series)
			series = append(series, ss)
		}
	}
	labels := make([]string, len(cols))
	for i, col := range cols {
		labels[i] = col.label
	}
	dims := ui.AllDimensions()
	objs = append(objs, ui.Heading(loc.T("debrief.scores_chart")), ui.TeamLegend(labels),
		ui.NewScoreChart(dims, func(d string) string { return ui.DimensionName(loc, d) }, series, 250))

	// The table: a row per score dimension, then how each team's play
	// ended and how it took its decisions.
	table := container.NewVBox()
	var row *fyne.Container
	cell := func(col int, text string, strong bool) {
		if col == 0 {
			// A row of its own, as high as its tallest cell.
			row = container.NewGridWithColumns(len(cols) + 1)
			table.Add(row)
		}
		l := ui.Wrapped(text)
		l.TextStyle.Bold = strong
		row.Add(l)
	}
	cell(0, "", true)
	for i, col := range cols {
		cell(i+1, col.label, true)
	}
	for _, d := range dims {
		cell(0, ui.DimensionName(loc, d), d == dims[len(dims)-1])
		for i, col := range cols {
			text := "–"
			if v, ok := col.team.Scores[d]; ok {
				text = fmt.Sprintf("%.0f", math.Round(v))
			}
			cell(i+1, text, false)
		}
	}
	cell(0, loc.T("compare.ending"), false)
	for i, col := range cols {
		cell(i+1, col.team.Ending.Short, false)
	}
	cell(0, loc.T("compare.decisions"), false)
	for i, col := range cols {
		chosen, onTime, timedOut := 0, 0, 0
		var took time.Duration
		for _, dr := range col.team.Decisions {
			switch dr.Status {
			case "chosen":
				chosen++
				if dr.ByTarget {
					onTime++
				}
				if dr.ResponseSeconds != nil {
					took += ui.SecondsDur(*dr.ResponseSeconds)
				}
			case "timed-out":
				timedOut++
			}
		}
		text := loc.T("compare.decisions_value", "chosen", chosen, "on_time", onTime, "timed_out", timedOut)
		if chosen > 0 {
			text += "\n" + loc.T("compare.mean_response", "time", ui.FormatSpan(loc, took/time.Duration(chosen)))
		}
		cell(i+1, text, false)
	}
	objs = append(objs, ui.Heading(loc.T("compare.table")), table)
	return objs
}
