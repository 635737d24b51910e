package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

func TestFormatCountdown(t *testing.T) {
	for _, tc := range []struct {
		left time.Duration
		want string
	}{
		{5 * time.Minute, "05:00"},
		{5*time.Minute - time.Millisecond, "05:00"}, // partial seconds round up
		{4*time.Minute + 59*time.Second, "04:59"},
		{time.Second, "00:01"},
		{time.Millisecond, "00:01"},
		{0, "00:00"},
		{-3 * time.Second, "00:00"},
		{59*time.Minute + 59*time.Second, "59:59"},
		{time.Hour, "1:00:00"},
		{time.Hour + 2*time.Minute + 3*time.Second, "1:02:03"},
		{25 * time.Hour, "25:00:00"},
	} {
		if got := FormatCountdown(tc.left); got != tc.want {
			t.Errorf("formatCountdown(%v) = %q, want %q", tc.left, got, tc.want)
		}
	}
}

func TestCountdownText(t *testing.T) {
	en, zh := i18n.New(i18n.EN), i18n.New(i18n.ZH)
	target, deadline := 10*time.Minute, 20*time.Minute
	for _, tc := range []struct {
		loc     *i18n.Localizer
		now     time.Duration
		tgt, dl string
		u       Urgency
	}{
		{en, 5 * time.Minute, "Target in 05:00", "Deadline in 15:00", urgencyCalm},
		{en, 10 * time.Minute, "Past target by 00:00", "Deadline in 10:00", UrgencyLate},
		{en, 12*time.Minute + 30*time.Second, "Past target by 02:30", "Deadline in 07:30", UrgencyLate},
		{en, 19 * time.Minute, "Past target by 09:00", "Deadline in 01:00", UrgencyCritical},
		{en, 20 * time.Minute, "Past target by 10:00", "Deadline reached", UrgencyCritical},
		{zh, 5 * time.Minute, "距目标时限还有 05:00", "距截止还有 15:00", urgencyCalm},
	} {
		tgt, dl, u := CountdownText(tc.loc, tc.now, target, deadline)
		if tgt != tc.tgt || dl != tc.dl || u != tc.u {
			t.Errorf("at %v: %q, %q, %d; want %q, %q, %d", tc.now, tgt, dl, u, tc.tgt, tc.dl, tc.u)
		}
	}
}

func TestSpeedOptions(t *testing.T) {
	labels, values := SpeedOptions(1)
	if len(values) != 6 || labels[0] != "1×" || labels[5] != "60×" {
		t.Errorf("speedOptions(1) = %q", labels)
	}
	labels, values = SpeedOptions(3)
	if len(values) != 7 || labels[2] != "3×" || values[2] != 3 {
		t.Errorf("an unlisted speed is not kept in order: %q", labels)
	}
}

// The speed picker says what a speed leaves of a decision window, in each
// language's own units, and warns when it is too short to write a statement.
func TestSpeedNoteSaysTheRealTimeOfADecision(t *testing.T) {
	en, zh := i18n.New(i18n.EN), i18n.New(i18n.ZH)
	for _, c := range []struct {
		loc    *i18n.Localizer
		window time.Duration
		speed  float64
		want   string
		warn   bool
	}{
		{en, 10 * time.Minute, 1, "At 1×, a typical decision in this scenario (10 min to its deadline) lasts 10 min of real time.", false},
		{en, 10 * time.Minute, 5, "(10 min to its deadline) lasts 2 min of real time.", false},
		{en, 10 * time.Minute, 60, "lasts 10 s of real time. That is short", true},
		{en, 15 * time.Minute, 10, "lasts 1 min 30 s of real time.", false},
		{zh, 10 * time.Minute, 60, "在60×下，本情景的典型决策（距截止10分钟）只有10秒的真实时间。讨论并写好声明的时间偏紧", true},
		{zh, 15 * time.Minute, 10, "对应1分钟30秒的真实时间。", false},
		{en, 0, 60, "1× runs in real time", false}, // a scenario without decisions
	} {
		note, warn := SpeedNote(c.loc, c.window, c.speed)
		if !strings.Contains(note, c.want) || warn != c.warn {
			t.Errorf("%s at %g×: %q (warn %v), want %q (warn %v)", c.window, c.speed, note, warn, c.want, c.warn)
		}
	}
}

func TestDecisionWindowIsTheMedianDeadline(t *testing.T) {
	sc := &scenario.Scenario{Phases: []*scenario.Phase{
		{Decisions: []*scenario.Decision{{Deadline: 5 * time.Minute}, {Deadline: 30 * time.Minute}}},
		{Decisions: []*scenario.Decision{{Deadline: 10 * time.Minute}}},
	}}
	if got := DecisionWindow(sc); got != 10*time.Minute {
		t.Errorf("median of 5, 30 and 10 min: %s", got)
	}
	if got := DecisionWindow(&scenario.Scenario{}); got != 0 {
		t.Errorf("no decisions: %s", got)
	}
}

// Lists and labels use each language's punctuation: no half-width ", " or
// ": " between Chinese words.
func TestListsAndLabelsInEachLanguage(t *testing.T) {
	en, zh := i18n.New(i18n.EN), i18n.New(i18n.ZH)
	if got := ListJoin(en, []string{"Alpha", "Bravo"}); got != "Alpha, Bravo" {
		t.Errorf("en list: %q", got)
	}
	if got := ListJoin(zh, []string{"第一组", "第二组"}); got != "第一组、第二组" {
		t.Errorf("zh list: %q", got)
	}
	if got := Labelled(en, "Alpha", "recall"); got != "Alpha: recall" {
		t.Errorf("en label: %q", got)
	}
	if got := Labelled(zh, "第一组", "召回"); got != "第一组：召回" {
		t.Errorf("zh label: %q", got)
	}
}
