package discovery

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The TXT record of an exercise is a list of key=value strings (RFC 6763
// §6.3), written and read as raw bytes here:
//
//	txtvers=1        format of this record (RFC 6763 §6.7); other versions are not read
//	id=<id>          exercise id
//	proto=<n>        the host's lan protocol version
//	title=<text>     English title (optional if title_zh is present)
//	title_zh=<text>  Chinese title (optional if title is present)
//	team1=<name> …   teams in order, numbered from 1 without gaps
//	more=1           some teams did not fit
//
// Readers ignore keys they do not know, so a later version can add facts
// without breaking older laptops.
const (
	txtVersion = "1"
	// maxTXTString is the DNS limit for one string of a TXT record.
	maxTXTString = 255
	// maxTitleBytes keeps both titles and the teams in one record; it is
	// 66 Chinese characters or 200 Latin letters.
	maxTitleBytes = 200
	// maxTeams is the most teams listed; a drill with more shows some and
	// says there are more.
	maxTeams = 32
	// maxTXTBytes bounds the record on the wire (each string plus its length
	// byte) so that an answer with SRV, TXT and eight addresses stays below
	// 1400 bytes: one unfragmented packet even on links with tunnels.
	maxTXTBytes = 900
	// maxIDLen keeps "firebreak-" + id within a 63-byte DNS label.
	maxIDLen = 48
	// maxProtocol is far above any lan protocol version there will be.
	maxProtocol = 9999
	// maxTXTStrings bounds the work spent on one record from the network.
	maxTXTStrings = 64

	ellipsis = "…"
)

// idPattern is what exercise ids are made of: they appear in DNS labels and
// in NATS subjects.
var idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]+$`)

// record is what the TXT record of an exercise says.
type record struct {
	ID        string
	Title     string
	TitleZH   string
	Teams     []string
	MoreTeams bool
	Protocol  int
}

func checkID(id string) error {
	if id == "" || len(id) > maxIDLen || !idPattern.MatchString(id) {
		return fmt.Errorf("exercise id %q must be 1 to %d of A-Z a-z 0-9 _ -", id, maxIDLen)
	}
	return nil
}

// buildTXT makes the TXT record of an exercise, as raw strings. Titles are
// cleaned (invalid UTF-8 and control characters) and shortened on a
// character boundary with "…"; team names must stay exact because a team
// laptop joins with its team's name, so a team that cannot be written as
// is, or does not fit, is left out and the record says there are more.
func buildTXT(r record) ([]string, error) {
	if err := checkID(r.ID); err != nil {
		return nil, err
	}
	if r.Protocol < 1 || r.Protocol > maxProtocol {
		return nil, fmt.Errorf("protocol version %d must be between 1 and %d", r.Protocol, maxProtocol)
	}
	title, titleZH := cleanTitle(r.Title), cleanTitle(r.TitleZH)
	if title == "" && titleZH == "" {
		return nil, errors.New("the exercise has no title in any language")
	}
	txt := []string{
		"txtvers=" + txtVersion,
		"id=" + r.ID,
		"proto=" + strconv.Itoa(r.Protocol),
	}
	if title != "" {
		txt = append(txt, "title="+title)
	}
	if titleZH != "" {
		txt = append(txt, "title_zh="+titleZH)
	}
	size := 0
	for _, s := range txt {
		size += 1 + len(s)
	}
	const moreString = "more=1"
	room := maxTXTBytes - size - (1 + len(moreString))
	more := r.MoreTeams
	seen := make(map[string]bool, len(r.Teams))
	n := 0
	for _, team := range r.Teams {
		if n == maxTeams {
			more = true
			break
		}
		s := "team" + strconv.Itoa(n+1) + "=" + team
		if !goodValue(team) || len(s) > maxTXTString || seen[team] {
			more = true
			continue
		}
		if 1+len(s) > room {
			// Later teams may be shorter, but skipping one here would list
			// them out of order; the record already says there are more.
			more = true
			break
		}
		room -= 1 + len(s)
		seen[team] = true
		txt = append(txt, s)
		n++
	}
	if more {
		txt = append(txt, moreString)
	}
	return txt, nil
}

// cleanTitle makes a title safe to show and to put in one TXT string.
func cleanTitle(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return truncateUTF8(strings.TrimSpace(s), maxTitleBytes)
}

// truncateUTF8 shortens valid UTF-8 to at most max bytes, cutting between
// characters and marking the cut with "…".
func truncateUTF8(s string, max int) string {
	if len(s) <= max {
		return s
	}
	cut := max - len(ellipsis)
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return strings.TrimRightFunc(s[:cut], unicode.IsSpace) + ellipsis
}

// goodValue is what a value must be: non-empty, valid UTF-8, no control
// characters (a title or team name is shown on screen as is).
func goodValue(v string) bool {
	return v != "" && utf8.ValidString(v) && strings.IndexFunc(v, unicode.IsControl) < 0
}

// keyPattern is what keys this package writes look like; anything else is
// not a Firebreak record.
var keyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,15}$`)

// parseTXT reads the TXT record of an exercise from raw strings. It is
// strict: every string is key=value with a lower-case key, no key twice, no
// empty value, valid UTF-8 without control characters, the known keys well
// formed and the required ones present. Unknown keys are ignored.
func parseTXT(txt []string) (record, error) {
	var r record
	if len(txt) == 0 {
		return r, errors.New("empty TXT record")
	}
	if len(txt) > maxTXTStrings {
		return r, fmt.Errorf("TXT record has %d strings, more than %d", len(txt), maxTXTStrings)
	}
	seen := make(map[string]bool, len(txt))
	var teams []string
	var teamAt []bool
	var hasVers, hasProto bool
	for i, s := range txt {
		if len(s) > maxTXTString {
			return r, fmt.Errorf("TXT string %d is %d bytes, more than %d", i+1, len(s), maxTXTString)
		}
		key, val, ok := strings.Cut(s, "=")
		if !ok {
			return r, fmt.Errorf("TXT string %d %q is not key=value", i+1, s)
		}
		if !keyPattern.MatchString(key) {
			return r, fmt.Errorf("TXT string %d has a malformed key %q", i+1, key)
		}
		if seen[key] {
			return r, fmt.Errorf("TXT key %q appears twice", key)
		}
		seen[key] = true
		if !goodValue(val) {
			return r, fmt.Errorf("TXT key %q has an empty, invalid UTF-8 or control-character value", key)
		}
		switch {
		case key == "txtvers":
			if val != txtVersion {
				return r, fmt.Errorf("TXT record format %q is not %q", val, txtVersion)
			}
			hasVers = true
		case key == "id":
			if err := checkID(val); err != nil {
				return r, err
			}
			r.ID = val
		case key == "proto":
			n, err := smallNumber(val, maxProtocol)
			if err != nil {
				return r, fmt.Errorf("protocol version %q: %w", val, err)
			}
			r.Protocol = n
			hasProto = true
		case key == "title", key == "title_zh":
			if strings.TrimSpace(val) == "" {
				return r, fmt.Errorf("TXT key %q is blank", key)
			}
			if key == "title" {
				r.Title = val
			} else {
				r.TitleZH = val
			}
		case key == "more":
			if val != "1" {
				return r, fmt.Errorf("TXT key more=%q is not more=1", val)
			}
			r.MoreTeams = true
		case isTeamKey(key):
			n, err := smallNumber(key[len("team"):], maxTeams)
			if err != nil {
				return r, fmt.Errorf("TXT key %q is not team1 to team%d: %w", key, maxTeams, err)
			}
			for len(teams) < n {
				teams = append(teams, "")
				teamAt = append(teamAt, false)
			}
			teams[n-1], teamAt[n-1] = val, true
		}
	}
	switch {
	case !hasVers:
		return r, errors.New("TXT record has no txtvers")
	case r.ID == "":
		return r, errors.New("TXT record has no exercise id")
	case !hasProto:
		return r, errors.New("TXT record has no protocol version")
	case r.Title == "" && r.TitleZH == "":
		return r, errors.New("TXT record has no title")
	}
	names := make(map[string]bool, len(teams))
	for i, ok := range teamAt {
		if !ok {
			return r, fmt.Errorf("TXT record lists team%d but not team%d", len(teams), i+1)
		}
		if names[teams[i]] {
			return r, fmt.Errorf("TXT record lists team %q twice", teams[i])
		}
		names[teams[i]] = true
	}
	r.Teams = teams
	return r, nil
}

// isTeamKey says whether key is "team" and digits; other keys that start
// with "team" are unknown keys, left for later versions.
func isTeamKey(key string) bool {
	n, ok := strings.CutPrefix(key, "team")
	return ok && n != "" && strings.Trim(n, "0123456789") == ""
}

// smallNumber reads a decimal number from 1 to max, without sign or
// leading zeros so that each number has one spelling.
func smallNumber(s string, max int) (int, error) {
	if s == "" || len(s) > len(strconv.Itoa(max)) || s[0] == '0' {
		return 0, fmt.Errorf("not a number from 1 to %d", max)
	}
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, fmt.Errorf("not a number from 1 to %d", max)
		}
		n = n*10 + int(s[i]-'0')
	}
	if n > max {
		return 0, fmt.Errorf("not a number from 1 to %d", max)
	}
	return n, nil
}

// escapeTXT turns a raw TXT string into the presentation form
// github.com/miekg/dns packs: a backslash starts an escape there, so it is
// doubled; every other byte, UTF-8 included, is packed as it is.
func escapeTXT(s string) string {
	return strings.ReplaceAll(s, `\`, `\\`)
}

// unescapeTXT turns a TXT string unpacked by github.com/miekg/dns (which
// writes `"` and `\` as \" and \\ and bytes outside printable ASCII, UTF-8
// included, as \DDD) back into raw bytes. It undoes exactly what the
// library's packer would read.
func unescapeTXT(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	b := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' {
			b = append(b, s[i])
			continue
		}
		i++
		if i == len(s) {
			break
		}
		if i+2 < len(s) && isDigit(s[i]) && isDigit(s[i+1]) && isDigit(s[i+2]) {
			b = append(b, byte(int(s[i]-'0')*100+int(s[i+1]-'0')*10+int(s[i+2]-'0')))
			i += 2
			continue
		}
		b = append(b, s[i])
	}
	return string(b)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
