package discovery

import (
	"net"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/hashicorp/mdns"
	"github.com/miekg/dns"
)

// overWire sends raw TXT strings through github.com/miekg/dns the way the
// advertiser and Browse do: escaped, packed, unpacked, unescaped.
func overWire(t testing.TB, raw []string) []string {
	t.Helper()
	esc := make([]string, len(raw))
	for i, s := range raw {
		esc[i] = escapeTXT(s)
	}
	m := new(dns.Msg)
	m.Response = true
	m.Answer = []dns.RR{&dns.TXT{Hdr: dns.RR_Header{Name: "x.local.", Rrtype: dns.TypeTXT, Class: dns.ClassINET, Ttl: 120}, Txt: esc}}
	b, err := m.Pack()
	if err != nil {
		t.Fatalf("pack TXT %q: %v", raw, err)
	}
	var back dns.Msg
	if err := back.Unpack(b); err != nil {
		t.Fatalf("unpack TXT %q: %v", raw, err)
	}
	got := back.Answer[0].(*dns.TXT).Txt
	for i, s := range got {
		got[i] = unescapeTXT(s)
	}
	return got
}

func wireSize(txt []string) int {
	n := 0
	for _, s := range txt {
		n += 1 + len(s)
	}
	return n
}

func TestTXTRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   record
		want record // in, unless set
	}{
		{name: "English only", in: record{ID: "0a1b2c3d4e5f6a7b", Title: "Beverage recall", Protocol: 1, Teams: []string{"Alpha", "Bravo"}}},
		{name: "Chinese only", in: record{ID: "abc", TitleZH: "饮料召回危机演练", Protocol: 1, Teams: []string{"甲队", "乙队"}}},
		{name: "both titles", in: record{ID: "X_y-1", Title: "Data leak", TitleZH: "数据泄露", Protocol: 42, Teams: []string{"Team A", "队 B"}}},
		{name: "no teams", in: record{ID: "n", Title: "Solo", Protocol: 1}},
		{name: "escapes and equals", in: record{ID: "e", Title: `C:\drills "quoted" \065`, TitleZH: `反斜杠\`, Protocol: 1, Teams: []string{`a=b`, `back\slash`, `"q"`}}},
		{name: "emoji and combining", in: record{ID: "u", Title: "Flood 🌊 café", Protocol: 3, Teams: []string{"🔥", "é"}}},
		{
			name: "title cleaned",
			in:   record{ID: "c", Title: "  Line\none\ttab \x7f ", TitleZH: "bad\xffutf8", Protocol: 1},
			want: record{ID: "c", Title: "Line one tab", TitleZH: "bad\uFFFDutf8", Protocol: 1},
		},
		{name: "more flag kept", in: record{ID: "m", Title: "t", Protocol: 1, Teams: []string{"A"}, MoreTeams: true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := tc.want
			if want.ID == "" {
				want = tc.in
			}
			txt, err := buildTXT(tc.in)
			if err != nil {
				t.Fatalf("buildTXT: %v", err)
			}
			for _, s := range txt {
				if len(s) > maxTXTString {
					t.Errorf("TXT string of %d bytes: %q", len(s), s)
				}
			}
			if n := wireSize(txt); n > maxTXTBytes {
				t.Errorf("record is %d bytes on the wire, more than %d", n, maxTXTBytes)
			}
			got, err := parseTXT(overWire(t, txt))
			if err != nil {
				t.Fatalf("parseTXT(%q): %v", txt, err)
			}
			if !reflect.DeepEqual(got, want) {
				t.Errorf("round trip\n got %#v\nwant %#v", got, want)
			}
		})
	}
}

func TestTruncateUTF8(t *testing.T) {
	zh := strings.Repeat("危机", 50) // 100 characters, 300 bytes
	for _, tc := range []struct {
		name string
		in   string
		max  int
		want string
	}{
		{"fits", "abc", 3, "abc"},
		{"ASCII cut", "abcdefgh", 6, "abc…"},
		{"Chinese fits exactly", "危机演练", 12, "危机演练"},
		{"Chinese cut mid-character", "危机演练", 11, "危机…"},
		{"Chinese cut on a boundary", "危机演练", 9, "危机…"},
		{"Chinese cut one byte into it", "危机演练", 10, "危机…"},
		{"emoji cut", "ab🌊🌊", 9, "ab🌊…"},
		{"emoji cut inside", "ab🌊🌊", 8, "ab…"},
		{"space before the cut trimmed", "ab  cdef", 7, "ab…"},
		{"long Chinese title", zh, maxTitleBytes, strings.Repeat("危机", 32) + "危…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := truncateUTF8(tc.in, tc.max)
			if got != tc.want {
				t.Errorf("truncateUTF8(%q, %d) = %q, want %q", tc.in, tc.max, got, tc.want)
			}
			if len(got) > tc.max || !utf8.ValidString(got) {
				t.Errorf("truncateUTF8(%q, %d) = %q: %d bytes, valid UTF-8 %v", tc.in, tc.max, got, len(got), utf8.ValidString(got))
			}
		})
	}
}

func TestLongTitlesShortened(t *testing.T) {
	en := strings.Repeat("Recall ", 60)  // 420 bytes
	zh := strings.Repeat("饮料召回危机演练", 20) // 160 characters, 480 bytes
	txt, err := buildTXT(record{ID: "long", Title: en, TitleZH: zh, Protocol: 1})
	if err != nil {
		t.Fatal(err)
	}
	r, err := parseTXT(overWire(t, txt))
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, got, full string }{{"title", r.Title, en}, {"title_zh", r.TitleZH, zh}} {
		if len(tc.got) > maxTitleBytes || !utf8.ValidString(tc.got) || !strings.HasSuffix(tc.got, ellipsis) ||
			!strings.HasPrefix(tc.full, strings.TrimSuffix(tc.got, ellipsis)) {
			t.Errorf("%s shortened to %q (%d bytes)", tc.name, tc.got, len(tc.got))
		}
	}
	if utf8.RuneCountInString(r.TitleZH) != 66 {
		t.Errorf("Chinese title kept %d characters, want 65 and the ellipsis", utf8.RuneCountInString(r.TitleZH))
	}
}

func TestTeamsCapped(t *testing.T) {
	many := make([]string, 40)
	for i := range many {
		many[i] = "T" + strconv.Itoa(i+1)
	}
	long := make([]string, 10)
	for i := range long {
		long[i] = strings.Repeat("队", 70) + strconv.Itoa(i) // 211 bytes each
	}
	for _, tc := range []struct {
		name  string
		teams []string
		want  []string
		more  bool
	}{
		{"all fit", []string{"Alpha", "Bravo"}, []string{"Alpha", "Bravo"}, false},
		{"more than 32", many, many[:maxTeams], true},
		{"record full", long, long[:2], true},
		{"empty name left out", []string{"A", "", "B"}, []string{"A", "B"}, true},
		{"control character left out", []string{"A\nB", "C"}, []string{"C"}, true},
		{"invalid UTF-8 left out", []string{"\xff", "C"}, []string{"C"}, true},
		{"duplicate left out", []string{"A", "A", "B"}, []string{"A", "B"}, true},
		{"too long for one string", []string{strings.Repeat("x", 250), "B"}, []string{"B"}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			txt, err := buildTXT(record{ID: "t", Title: strings.Repeat("t", maxTitleBytes), TitleZH: strings.Repeat("题", 66), Teams: tc.teams, Protocol: 1})
			if err != nil {
				t.Fatal(err)
			}
			if n := wireSize(txt); n > maxTXTBytes {
				t.Errorf("record is %d bytes on the wire, more than %d", n, maxTXTBytes)
			}
			r, err := parseTXT(overWire(t, txt))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(r.Teams, tc.want) && len(r.Teams)+len(tc.want) > 0 {
				t.Errorf("teams %q, want %q", r.Teams, tc.want)
			}
			if r.MoreTeams != tc.more {
				t.Errorf("MoreTeams %v, want %v", r.MoreTeams, tc.more)
			}
		})
	}
}

func TestBuildTXTRejects(t *testing.T) {
	for _, tc := range []struct {
		name string
		in   record
		want string
	}{
		{"no id", record{Title: "t", Protocol: 1}, "exercise id"},
		{"id with a dot", record{ID: "a.b", Title: "t", Protocol: 1}, "exercise id"},
		{"id too long", record{ID: strings.Repeat("a", maxIDLen+1), Title: "t", Protocol: 1}, "exercise id"},
		{"protocol 0", record{ID: "a", Title: "t"}, "protocol version 0"},
		{"protocol too big", record{ID: "a", Title: "t", Protocol: maxProtocol + 1}, "protocol version"},
		{"no title", record{ID: "a", Title: " \n ", Protocol: 1}, "no title"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := buildTXT(tc.in)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("buildTXT(%+v) = %v, want an error about %q", tc.in, err, tc.want)
			}
		})
	}
}

func TestParseTXTRejects(t *testing.T) {
	good := []string{"txtvers=1", "id=abc", "proto=1", "title=T"}
	with := func(extra ...string) []string { return append(append([]string{}, good...), extra...) }
	without := func(key string) []string {
		var out []string
		for _, s := range good {
			if !strings.HasPrefix(s, key+"=") {
				out = append(out, s)
			}
		}
		return out
	}
	for _, tc := range []struct {
		name string
		txt  []string
		want string
	}{
		{"empty", nil, "empty TXT record"},
		{"one empty string", []string{""}, "not key=value"},
		{"no equals", with("flag"), "not key=value"},
		{"upper-case key", with("Title=x"), "malformed key"},
		{"empty key", with("=x"), "malformed key"},
		{"duplicate key", with("title=again"), "appears twice"},
		{"empty value", with("title_zh="), "empty, invalid UTF-8"},
		{"invalid UTF-8", with("title_zh=\xe5\x8d"), "empty, invalid UTF-8"},
		{"control character", with("team1=A\x00B"), "control-character"},
		{"other format", append([]string{"txtvers=2"}, good[1:]...), `format "2"`},
		{"no txtvers", without("txtvers"), "no txtvers"},
		{"no id", without("id"), "no exercise id"},
		{"bad id", append([]string{"txtvers=1", "id=a/b"}, good[2:]...), "exercise id"},
		{"no protocol", without("proto"), "no protocol version"},
		{"protocol zero", append([]string{"txtvers=1", "id=a", "proto=0"}, good[3:]...), "protocol version"},
		{"protocol leading zero", append([]string{"txtvers=1", "id=a", "proto=01"}, good[3:]...), "protocol version"},
		{"protocol negative", append([]string{"txtvers=1", "id=a", "proto=-1"}, good[3:]...), "protocol version"},
		{"protocol huge", append([]string{"txtvers=1", "id=a", "proto=99999999999999999999"}, good[3:]...), "protocol version"},
		{"no title", without("title"), "no title"},
		{"blank title", append(without("title"), "title=\u3000 "), "blank"},
		{"team gap", with("team1=A", "team3=C"), "not team2"},
		{"team zero", with("team0=A"), "not team1 to team32"},
		{"team too high", with("team33=A"), "not team1 to team32"},
		{"team leading zero", with("team01=A"), "not team1 to team32"},
		{"same team twice", with("team1=A", "team2=A"), "twice"},
		{"more not 1", with("more=yes"), "more="},
		{"string too long", with("title_zh=" + strings.Repeat("x", 250)), "more than 255"},
		{"too many strings", with(strings.Split(strings.Repeat("k=v,", 70), ",")...), "strings"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r, err := parseTXT(tc.txt)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("parseTXT(%q) = %+v, %v; want an error about %q", tc.txt, r, err, tc.want)
			}
		})
	}
	if _, err := parseTXT(with("future=anything", "teamsize=3", "team1=A")); err != nil {
		t.Errorf("an unknown key is refused: %v", err)
	}
}

func TestUnescapeTXT(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{`plain`, `plain`},
		{`a\\b`, `a\b`},
		{`\"q\"`, `"q"`},
		{`\229\141\177`, "危"},
		{`\065BC`, `ABC`},
		{`\06`, `06`},
		{`trailing\`, `trailing`},
	} {
		if got := unescapeTXT(tc.in); got != tc.want {
			t.Errorf("unescapeTXT(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestAnswerFitsOnePacket checks that the largest answer the responder can
// give — longest titles, teams up to the record's budget, eight addresses —
// stays one unfragmented packet.
func TestAnswerFitsOnePacket(t *testing.T) {
	teams := make([]string, 40)
	for i := range teams {
		teams[i] = strings.Repeat("队", 20) + strconv.Itoa(i)
	}
	txt, err := buildTXT(record{ID: strings.Repeat("f", maxIDLen), Title: strings.Repeat("W", 400), TitleZH: strings.Repeat("饮", 200), Teams: teams, Protocol: maxProtocol})
	if err != nil {
		t.Fatal(err)
	}
	for i := range txt {
		txt[i] = escapeTXT(txt[i])
	}
	var cands []candidate
	for i := range 4 {
		c := candidate{ifi: net.Interface{Name: "if" + strconv.Itoa(i)}}
		c.v4 = append(c.v4, mustAddr(t, "10.1.2."+strconv.Itoa(i+1)))
		c.v6 = append(c.v6, mustAddr(t, "2001:db8:1234:5678:9abc:def0:1234:"+strconv.Itoa(i+1)))
		c.v6 = append(c.v6, mustAddr(t, "fd00:1234:5678:9abc:def0:1234:5678:"+strconv.Itoa(i+1)))
		cands = append(cands, c)
	}
	ips := advertisedIPs(cands)
	if len(ips) != maxAddrs || ips[0].To4() == nil || ips[3].To4() == nil || ips[4].To4() != nil {
		t.Fatalf("advertised %v: want %d, the four IPv4 first", ips, maxAddrs)
	}
	svc, err := mdns.NewMDNSService(instanceName(strings.Repeat("f", maxIDLen)), ServiceType, Domain, strings.Repeat("h", 63)+".local.", 65535, ips, txt)
	if err != nil {
		t.Fatal(err)
	}
	m := &dns.Msg{MsgHdr: dns.MsgHdr{Response: true, Authoritative: true}, Compress: true,
		Answer: svc.Records(dns.Question{Name: ServiceType + "." + Domain, Qtype: dns.TypePTR, Qclass: dns.ClassINET})}
	b, err := m.Pack()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) > 1400 {
		t.Errorf("the largest answer is %d bytes, more than 1400", len(b))
	}
}
