package msel

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// timeKind says what a time cell means.
type timeKind int

const (
	kindOffset timeKind = iota + 1 // a time from the start: "T+0:15", "15m", "D+1 H+2"
	kindClock                      // a time of day, perhaps with a date: "09:30", "7:29 PM", "2024-05-01 09:30"
)

// parsedTime is a time cell read.
type parsedTime struct {
	kind    timeKind
	d       time.Duration // the offset, or the time since midnight (plus whole days when dated)
	dated   bool          // a clock time with a calendar date
	clockOK bool          // kindClock: d is within one day (no date)
}

var (
	reOffsetClock = regexp.MustCompile(`^(?i)(?:t|h)?\s*\+\s*(\d{1,3}):(\d{2})(?::(\d{2}))?$`)
	reOffsetMin   = regexp.MustCompile(`^(?i)(?:t|h)?\s*\+\s*(\d{1,4}(?:\.\d+)?)\s*(m|min|mins|minutes?)?$`)
	reOpenAEV     = regexp.MustCompile(`^(?i)(?:[DJHTM]\s*\+\s*\d{1,4}\s*)+$`)
	reOpenAEVTok  = regexp.MustCompile(`(?i)([DJHTM])\s*\+\s*(\d{1,4})`)
	reGoDuration  = regexp.MustCompile(`^(\d+(\.\d+)?(h|m|s))+$`)
	reClock       = regexp.MustCompile(`^(\d{1,2})[:.](\d{2})(?::(\d{2}))?(?:\s*([AaPp])\.?\s*[Mm]\.?)?$`)
	reClockAMPM   = regexp.MustCompile(`^(\d{1,2})\s*([AaPp])\.?\s*[Mm]\.?$`)
	reMilitary    = regexp.MustCompile(`^(\d{2})(\d{2})\s*(?:h|hrs|hours|L|Z)?$`)
	reMinutes     = regexp.MustCompile(`^\d{1,4}(\.\d+)?$`)
	reISODateTime = regexp.MustCompile(`^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\s*(.+))?$`)
	reUSDateTime  = regexp.MustCompile(`^(\d{1,2})/(\d{1,2})/(\d{2,4})(?:\s+(.+))?$`)
	reChineseTime = regexp.MustCompile(`^(\d{1,2})[时點点](\d{1,2})分?$`)
)

// parseTime reads a time cell. display is the cell as shown; raw is the
// cell's stored value (XLSX: a number for a time or date cell), or "".
func parseTime(display, raw string, f Format) (parsedTime, error) {
	s := strings.TrimSpace(display)
	// An XLSX time or date cell stores a number of days; its display is
	// formatted. A plain number shown as itself is read as text below.
	if raw != "" && strings.TrimSpace(raw) != s {
		if v, err := strconv.ParseFloat(strings.TrimSpace(raw), 64); err == nil && v >= 0 && v < 2958466 {
			secs := math.Round(v * 86400)
			if v < 1 {
				return parsedTime{kind: kindClock, d: time.Duration(secs) * time.Second, clockOK: true}, nil
			}
			return parsedTime{kind: kindClock, d: time.Duration(secs) * time.Second, dated: true}, nil
		}
	}
	if s == "" {
		return parsedTime{}, fmt.Errorf("no time")
	}
	if m := reOffsetClock.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		sec := 0
		if m[3] != "" {
			sec, _ = strconv.Atoi(m[3])
		}
		if mi > 59 || sec > 59 {
			return parsedTime{}, fmt.Errorf("%q is not a time: minutes and seconds go up to 59", s)
		}
		return parsedTime{kind: kindOffset, d: time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second}, nil
	}
	if f == OpenAEV || (reOpenAEV.MatchString(s) && strings.ContainsAny(strings.ToUpper(s), "DJ")) {
		if reOpenAEV.MatchString(s) {
			var d time.Duration
			for _, m := range reOpenAEVTok.FindAllStringSubmatch(s, -1) {
				n, _ := strconv.Atoi(m[2])
				switch strings.ToUpper(m[1]) {
				case "D", "J":
					d += time.Duration(n) * 24 * time.Hour
				case "H", "T":
					d += time.Duration(n) * time.Hour
				case "M":
					d += time.Duration(n) * time.Minute
				}
			}
			return parsedTime{kind: kindOffset, d: d}, nil
		}
	}
	if m := reOffsetMin.FindStringSubmatch(s); m != nil {
		v, _ := strconv.ParseFloat(m[1], 64)
		return parsedTime{kind: kindOffset, d: time.Duration(math.Round(v*60)) * time.Second}, nil
	}
	if reGoDuration.MatchString(s) {
		if d, err := time.ParseDuration(s); err == nil {
			return parsedTime{kind: kindOffset, d: d.Round(time.Second)}, nil
		}
	}
	if d, ok := clockOf(s); ok {
		return parsedTime{kind: kindClock, d: d, clockOK: true}, nil
	}
	if m := reMilitary.FindStringSubmatch(s); m != nil {
		h, _ := strconv.Atoi(m[1])
		mi, _ := strconv.Atoi(m[2])
		if h < 24 && mi < 60 {
			return parsedTime{kind: kindClock, d: time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute, clockOK: true}, nil
		}
	}
	if reMinutes.MatchString(s) {
		v, _ := strconv.ParseFloat(s, 64)
		return parsedTime{kind: kindOffset, d: time.Duration(math.Round(v*60)) * time.Second}, nil
	}
	if days, rest, ok := dateOf(s); ok {
		d := time.Duration(days) * 24 * time.Hour
		if rest != "" {
			c, ok := clockOf(rest)
			if !ok {
				return parsedTime{}, fmt.Errorf("%q has a date but its time %q is not one Firebreak reads", s, rest)
			}
			d += c
		}
		return parsedTime{kind: kindClock, d: d, dated: true}, nil
	}
	return parsedTime{}, fmt.Errorf("%q is not a time Firebreak reads; write a time of day (09:30, 9:30 AM, 0930), "+
		"a time from the start (T+0:15, +15m, 1h30m, D+1 H+2 M+30) or a date and time (2024-05-01 09:30)", clipText(s, 40))
}

// clockOf reads a time of day: "09:30", "9:30:15", "7:29 PM", "9 AM", "9时30分".
func clockOf(s string) (time.Duration, bool) {
	s = strings.TrimSpace(s)
	var h, mi, sec int
	ampm := ""
	if m := reClock.FindStringSubmatch(s); m != nil {
		h, _ = strconv.Atoi(m[1])
		mi, _ = strconv.Atoi(m[2])
		if m[3] != "" {
			sec, _ = strconv.Atoi(m[3])
		}
		ampm = strings.ToUpper(m[4])
	} else if m := reClockAMPM.FindStringSubmatch(s); m != nil {
		h, _ = strconv.Atoi(m[1])
		ampm = strings.ToUpper(m[2])
	} else if m := reChineseTime.FindStringSubmatch(s); m != nil {
		h, _ = strconv.Atoi(m[1])
		mi, _ = strconv.Atoi(m[2])
	} else {
		return 0, false
	}
	if mi > 59 || sec > 59 {
		return 0, false
	}
	switch ampm {
	case "A", "P":
		if h < 1 || h > 12 {
			return 0, false
		}
		if h == 12 {
			h = 0
		}
		if ampm == "P" {
			h += 12
		}
	default:
		if h > 24 || (h == 24 && (mi > 0 || sec > 0)) {
			return 0, false
		}
	}
	return time.Duration(h)*time.Hour + time.Duration(mi)*time.Minute + time.Duration(sec)*time.Second, true
}

// dateOf reads a calendar date (ISO 2024-05-01, or US 5/1/2024) and what
// follows it, returning days since 1900-01-01.
func dateOf(s string) (days int, rest string, ok bool) {
	var y, mo, d int
	if m := reISODateTime.FindStringSubmatch(s); m != nil {
		y, _ = strconv.Atoi(m[1])
		mo, _ = strconv.Atoi(m[2])
		d, _ = strconv.Atoi(m[3])
		rest = m[4]
	} else if m := reUSDateTime.FindStringSubmatch(s); m != nil {
		mo, _ = strconv.Atoi(m[1])
		d, _ = strconv.Atoi(m[2])
		y, _ = strconv.Atoi(m[3])
		if y < 100 {
			y += 2000
		}
		rest = m[4]
	} else {
		return 0, "", false
	}
	if mo < 1 || mo > 12 || d < 1 || d > 31 || y < 1900 || y > 9999 {
		return 0, "", false
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return 0, "", false
	}
	return int(t.Sub(time.Date(1900, 1, 1, 0, 0, 0, 0, time.UTC)).Hours() / 24), strings.TrimSpace(rest), true
}

// fmtClock writes a duration as H:MM:SS.
func fmtClock(d time.Duration) string {
	d = d.Round(time.Second)
	h := int(d / time.Hour)
	m := int(d % time.Hour / time.Minute)
	s := int(d % time.Minute / time.Second)
	return fmt.Sprintf("%d:%02d:%02d", h, m, s)
}

// FormatDuration writes a duration as a scenario does ("10m", "1h30m").
func FormatDuration(d time.Duration) string { return fmtDur(d) }

// fmtDur writes a duration as the scenario format does: "1h30m", "45s", "0s".
func fmtDur(d time.Duration) string {
	d = d.Round(time.Second)
	if d == 0 {
		return "0s"
	}
	var b strings.Builder
	if h := d / time.Hour; h > 0 {
		fmt.Fprintf(&b, "%dh", h)
	}
	if m := d % time.Hour / time.Minute; m > 0 {
		fmt.Fprintf(&b, "%dm", m)
	}
	if s := d % time.Minute / time.Second; s > 0 {
		fmt.Fprintf(&b, "%ds", s)
	}
	return b.String()
}

func clipText(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}
