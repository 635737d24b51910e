package discovery

import (
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// splitWire reads TXT rdata the way it comes off the wire: strings each
// preceded by a length byte (a length beyond the end takes what is left).
func splitWire(b []byte) []string {
	var out []string
	for len(b) > 0 {
		n := min(int(b[0]), len(b)-1)
		out = append(out, string(b[1:1+n]))
		b = b[1+n:]
	}
	return out
}

func joinWire(txt []string) []byte {
	var b []byte
	for _, s := range txt {
		b = append(b, byte(len(s)))
		b = append(b, s...)
	}
	return b
}

// FuzzParseTXT feeds TXT records off the wire to the parser: it must not
// panic, what it accepts must be what the package writes, and the strings
// must survive github.com/miekg/dns's escaping unchanged.
func FuzzParseTXT(f *testing.F) {
	f.Add(joinWire([]string{"txtvers=1", "id=0a1b2c3d4e5f6a7b", "proto=1", "title=Beverage recall", "title_zh=饮料召回", "team1=Alpha", "team2=甲队"}))
	f.Add(joinWire([]string{"txtvers=1", "id=a", "proto=1", "title_zh=危机…", "more=1", "future=x"}))
	f.Add(joinWire([]string{"txtvers=1", "id=a", "proto=01", "title=t"}))
	f.Add(joinWire([]string{"txtvers=1", "id=a", "proto=1", "title=t", "team2=B"}))
	f.Add(joinWire([]string{"txtvers=1", "id=a", "proto=1", `title=\"\\\065`, "team1=A", "team1=B"}))
	f.Add(joinWire([]string{"txtvers=2", "id=", "proto=1", "title=\xff\x00"}))
	f.Add([]byte{0})
	f.Add([]byte{200, 'a'})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 2048 {
			// Longer inputs reach no other code (splitWire caps strings at
			// 255 bytes, 65 strings are already too many) and only slow the
			// fuzzer's minimization down.
			return
		}
		raw := splitWire(data)
		if len(raw) > 0 {
			if got := overWire(t, raw); !slices.Equal(got, raw) {
				t.Fatalf("through miekg/dns %q came back as %q", raw, got)
			}
		}
		r, err := parseTXT(raw)
		if err != nil {
			if r.Teams != nil {
				t.Fatalf("refused record %q has teams %q", raw, r.Teams)
			}
			return
		}
		if checkID(r.ID) != nil || r.Protocol < 1 || r.Protocol > maxProtocol || r.Title == "" && r.TitleZH == "" || len(r.Teams) > maxTeams {
			t.Fatalf("accepted %q as %+v", raw, r)
		}
		for _, v := range append([]string{r.Title, r.TitleZH}, r.Teams...) {
			if v != "" && !goodValue(v) {
				t.Fatalf("accepted value %q from %q", v, raw)
			}
		}
		// What was read can be written again: same id and protocol, teams
		// in order as far as they fit.
		txt, err := buildTXT(r)
		if err != nil {
			t.Fatalf("cannot write back %+v from %q: %v", r, raw, err)
		}
		back, err := parseTXT(txt)
		if err != nil {
			t.Fatalf("cannot read back %q: %v", txt, err)
		}
		if back.ID != r.ID || back.Protocol != r.Protocol || !slices.Equal(back.Teams, r.Teams[:len(back.Teams)]) ||
			back.MoreTeams != (r.MoreTeams || len(back.Teams) < len(r.Teams)) {
			t.Fatalf("%+v written and read back as %+v", r, back)
		}
	})
}

// FuzzBuildTXT checks that any announcement is either refused or written
// within the limits, readable again, with titles cut on a character
// boundary and the teams that fit kept exactly and in order.
func FuzzBuildTXT(f *testing.F) {
	f.Add("0a1b2c3d4e5f6a7b", 1, "Beverage recall", "饮料召回危机演练", "Alpha\nBravo\n甲队")
	f.Add("x", 9999, strings.Repeat("長", 90), strings.Repeat("a", 300), strings.Repeat("队名很长的队伍\n", 40))
	f.Add("bad id", 0, "", "", "")
	f.Add("a", 1, "\x00\xff title", " ", "A\n\nA\n\x01")
	f.Fuzz(func(t *testing.T, id string, proto int, title, titleZH, teamList string) {
		if len(id)+len(title)+len(titleZH)+len(teamList) > 4096 {
			return // beyond every limit of the record already; only slows minimization
		}
		teams := strings.Split(teamList, "\n")
		in := record{ID: id, Title: title, TitleZH: titleZH, Teams: teams, Protocol: proto}
		txt, err := buildTXT(in)
		valid := checkID(id) == nil && proto >= 1 && proto <= maxProtocol && (cleanTitle(title) != "" || cleanTitle(titleZH) != "")
		if (err == nil) != valid {
			t.Fatalf("buildTXT(%+v) error %v", in, err)
		}
		if err != nil {
			return
		}
		for _, s := range txt {
			if len(s) > maxTXTString {
				t.Fatalf("TXT string of %d bytes", len(s))
			}
		}
		if n := wireSize(txt); n > maxTXTBytes {
			t.Fatalf("record of %d bytes", n)
		}
		r, err := parseTXT(overWire(t, txt))
		if err != nil {
			t.Fatalf("cannot read %q: %v", txt, err)
		}
		for _, tc := range []struct{ got, in string }{{r.Title, title}, {r.TitleZH, titleZH}} {
			clean := cleanTitle(tc.in)
			if tc.got != clean || len(tc.got) > maxTitleBytes || !utf8.ValidString(tc.got) {
				t.Fatalf("title %q read as %q", tc.in, tc.got)
			}
		}
		// The teams read are the input's in order, skipping some.
		i := 0
		for _, team := range r.Teams {
			for i < len(teams) && teams[i] != team {
				i++
			}
			if i == len(teams) {
				t.Fatalf("teams %q read as %q", teams, r.Teams)
			}
			i++
		}
		if r.MoreTeams != (len(r.Teams) < len(teams)) {
			t.Fatalf("teams %q read as %q, more %v", teams, r.Teams, r.MoreTeams)
		}
		if r.ID != id || r.Protocol != proto {
			t.Fatalf("%+v read as %+v", in, r)
		}
	})
}
