package ui

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
	"github.com/firebreak-drills/firebreak/internal/scoring"
)

// Plain formatting helpers, kept free of Fyne so they are tested without a
// window.

// FormatCountdown shows a time left as MM:SS, or H:MM:SS from an hour up.
// Partial seconds round up: a countdown reads 00:00 only when the moment has
// come, as a kitchen timer does. A moment already past shows as 00:00; the
// caller says "overdue" instead (see countdownText).
func FormatCountdown(left time.Duration) string {
	if left <= 0 {
		return "00:00"
	}
	s := int64((left + time.Second - 1) / time.Second)
	if s >= 3600 {
		return fmt.Sprintf("%d:%02d:%02d", s/3600, s/60%60, s%60)
	}
	return fmt.Sprintf("%02d:%02d", s/60, s%60)
}

// Urgency grades how close a decision is to its target and deadline; the
// Countdown widget colours itself from it.
type Urgency int

const (
	urgencyCalm     Urgency = iota // before the target
	UrgencyLate                    // past the target, before the deadline
	UrgencyCritical                // under a minute to the deadline, or past it
)

// criticalWindow is how close to its deadline a decision turns red.
const criticalWindow = time.Minute

// CountdownText is what a countdown shows at exercise time now for a
// decision with the given target and deadline (exercise times): one line
// about the target, one about the deadline, and how urgent it is.
func CountdownText(loc *i18n.Localizer, now, target, deadline time.Duration) (targetLine, deadlineLine string, u Urgency) {
	if left := target - now; left > 0 {
		targetLine = loc.T("console.target_in", "time", FormatCountdown(left))
	} else {
		targetLine = loc.T("countdown.target_passed", "time", FormatCountdown(-left))
		u = UrgencyLate
	}
	left := deadline - now
	if left > 0 {
		deadlineLine = loc.T("console.deadline_in", "time", FormatCountdown(left))
	} else {
		deadlineLine = loc.T("countdown.deadline_passed")
	}
	if left <= criticalWindow {
		u = UrgencyCritical
	}
	return targetLine, deadlineLine, u
}

// FormatScore shows a 0–100 score, or a dash for a dimension with no
// evidence yet (a team that has not decided anything has no empathy score,
// which is not the same as an empathy score of 0).
func FormatScore(s scoring.Scores, dim string, v float64) string {
	if !s.Has[dim] {
		return "–"
	}
	return fmt.Sprintf("%.0f", math.Round(v))
}

// ScoreLine lists a team's four scores on one line.
func ScoreLine(loc *i18n.Localizer, s scoring.Scores) string {
	return fmt.Sprintf("%s %s · %s %s · %s %s · %s %s",
		loc.T("score.speed"), FormatScore(s, scoring.Speed, s.Speed),
		loc.T("score.transparency"), FormatScore(s, scoring.Transparency, s.Transparency),
		loc.T("score.empathy"), FormatScore(s, scoring.Empathy, s.Empathy),
		loc.T("score.overall"), FormatScore(s, scoring.Overall, s.Overall))
}

// formatSpeed shows a time-compression factor: 1×, 2.5×, 60×.
func formatSpeed(f float64) string {
	return fmt.Sprintf("%g×", f)
}

// DecisionWindow is a scenario's typical decision window: the median time
// from a decision's opening to its deadline; 0 for a scenario without
// decisions.
func DecisionWindow(sc *scenario.Scenario) time.Duration {
	var ws []time.Duration
	for _, p := range sc.Phases {
		for _, d := range p.Decisions {
			ws = append(ws, d.Deadline)
		}
	}
	if len(ws) == 0 {
		return 0
	}
	slices.Sort(ws)
	return ws[len(ws)/2]
}

// shortWindow is the real time under which a decision window is too short
// to talk a choice over and write a statement.
const shortWindow = time.Minute

// SpeedNote says what a speed means at the table: how much real time the
// scenario's typical decision window leaves, and whether that is too
// little (warn).
func SpeedNote(loc *i18n.Localizer, window time.Duration, speed float64) (note string, warn bool) {
	if window <= 0 || speed <= 0 {
		return loc.T("home.speed_hint"), false
	}
	real := time.Duration(float64(window) / speed).Round(time.Second)
	key, warn := "setup.speed_window", real < shortWindow
	if warn {
		key = "setup.speed_window_short"
	}
	return loc.T(key, "speed", formatSpeed(speed), "window", FormatSpan(loc, window), "real", FormatSpan(loc, real)), warn
}

// FormatSpan writes a length of time in the UI language's own form:
// "10 min", "1 min 30 s", "8 s"; "10分钟", "1分30秒", "8秒".
func FormatSpan(loc *i18n.Localizer, d time.Duration) string {
	d = d.Round(time.Second)
	h, m, sec := int(d/time.Hour), int(d/time.Minute)%60, int(d/time.Second)%60
	var parts []string
	if h > 0 {
		parts = append(parts, loc.T("span.hours", "n", h))
	}
	if m > 0 {
		parts = append(parts, loc.T("span.minutes", "n", m))
	}
	if sec > 0 || len(parts) == 0 {
		parts = append(parts, loc.T("span.seconds", "n", sec))
	}
	sep := " "
	if loc.Lang() == i18n.ZH {
		sep = "" // 1分钟30秒
	}
	return strings.Join(parts, sep)
}

// ListJoin writes items as a list in the UI language: "Alpha, Bravo",
// "第一组、第二组" (the enumeration comma, not a half-width comma).
func ListJoin(loc *i18n.Localizer, items []string) string {
	if loc.Lang() == i18n.ZH {
		return strings.Join(items, "、")
	}
	return strings.Join(items, ", ")
}

// Labelled writes a label and its text in the UI language: "Alpha: text",
// "第一组：文本" (a full-width colon in Chinese).
func Labelled(loc *i18n.Localizer, label, text string) string {
	if loc.Lang() == i18n.ZH {
		return label + "：" + text
	}
	return label + ": " + text
}

// speedChoices are the time-compression factors offered at setup and in
// the console. 60× turns a 90-minute scenario into a 90-second run-through.
var speedChoices = []float64{1, 2, 5, 10, 30, 60}

// SpeedOptions returns the labels of speedChoices, plus current when it is
// not one of them (an exercise started at 3× from the command line keeps
// showing 3×).
func SpeedOptions(current float64) (labels []string, values []float64) {
	values = append(values, speedChoices...)
	found := false
	for _, v := range values {
		if v == current {
			found = true
		}
	}
	if !found && current > 0 {
		values = append(values, current)
		for i := len(values) - 1; i > 0 && values[i] < values[i-1]; i-- {
			values[i], values[i-1] = values[i-1], values[i]
		}
	}
	for _, v := range values {
		labels = append(labels, formatSpeed(v))
	}
	return labels, values
}

// PhaseTitle names a phase in lang, falling back to its id (phases need no
// title in the format).
func PhaseTitle(sc *scenario.Scenario, id, lang string) string {
	if p := sc.Phase(id); p != nil {
		if s := p.Title.Get(lang); s != "" {
			return s
		}
	}
	return id
}

// KindName names a crisis kind in the UI language; an unknown kind is shown
// as written.
func KindName(loc *i18n.Localizer, kind string) string {
	key := "kind." + kind
	if s := loc.T(key); s != key {
		return s
	}
	return kind
}

// ChannelName names an inject channel in the UI language.
func ChannelName(loc *i18n.Localizer, channel string) string {
	key := "channel." + channel
	if s := loc.T(key); s != key {
		return s
	}
	return channel
}

// Minutes shows a scenario duration in whole minutes.
func Minutes(loc *i18n.Localizer, d time.Duration) string {
	return loc.T("common.minutes", "n", int(d.Round(time.Minute)/time.Minute))
}
