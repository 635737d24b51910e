package debrief

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"regexp"
	"slices"
	"strings"
	"testing"
	"unicode"

	"github.com/tdewolff/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
	"golang.org/x/net/html"

	"github.com/firebreak-drills/firebreak/assets"
)

// fontFaceRE finds an embedded font: its weight and its data.
var fontFaceRE = regexp.MustCompile(`@font-face\{font-family:"Firebreak Noto Sans SC";font-style:normal;font-weight:(\d+);font-display:block;src:url\(data:font/woff2;base64,([A-Za-z0-9+/=]+)\) format\("woff2"\)\}`)

// withoutFontData is an HTML report with each embedded font's data
// replaced by a placeholder, for the golden files: the fonts are tested
// on their own (TestHTMLEmbedsFontSubset).
func withoutFontData(page []byte) []byte {
	return regexp.MustCompile(`(data:font/woff2;base64,)[A-Za-z0-9+/=]+`).ReplaceAll(page, []byte("${1}FONT-DATA"))
}

// embeddedFonts are the fonts a page embeds, by weight, as TrueType.
func embeddedFonts(t *testing.T, page string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	for _, m := range fontFaceRE.FindAllStringSubmatch(page, -1) {
		woff2, err := base64.StdEncoding.DecodeString(m[2])
		if err != nil {
			t.Fatalf("font-weight %s: %v", m[1], err)
		}
		ttf, err := font.ParseWOFF2(woff2)
		if err != nil {
			t.Fatalf("font-weight %s: the WOFF2 does not decode: %v", m[1], err)
		}
		if _, dup := out[m[1]]; dup {
			t.Fatalf("two fonts of weight %s", m[1])
		}
		out[m[1]] = ttf
	}
	return out
}

// visibleRunes are the characters of a page's text as a plain tokenizer
// sees them (no CSS): every text outside <head>, <style> and <script>.
func visibleRunes(t *testing.T, page string) map[rune]bool {
	t.Helper()
	out := map[rune]bool{}
	z := html.NewTokenizer(strings.NewReader(page))
	skip := 0
	for {
		switch z.Next() {
		case html.ErrorToken:
			return out
		case html.StartTagToken:
			if n, _ := z.TagName(); slices.Contains([]string{"head", "style", "script", "title"}, string(n)) {
				skip++
			}
		case html.EndTagToken:
			if n, _ := z.TagName(); slices.Contains([]string{"head", "style", "script", "title"}, string(n)) {
				skip--
			}
		case html.TextToken:
			if skip == 0 {
				for _, r := range html.UnescapeString(string(z.Text())) {
					if !unicode.IsControl(r) {
						out[r] = true
					}
				}
			}
		}
	}
}

// ttfFont parses a TrueType font with x/image's parser, not the one that
// wrote the subset.
func ttfFont(t *testing.T, ttf []byte) *sfnt.Font {
	t.Helper()
	f, err := sfnt.Parse(ttf)
	if err != nil {
		t.Fatalf("the font does not parse: %v", err)
	}
	return f
}

// outline is a glyph's outline for r, "" when f has no glyph for r.
func outline(t *testing.T, f *sfnt.Font, r rune) string {
	t.Helper()
	var buf sfnt.Buffer
	g, err := f.GlyphIndex(&buf, r)
	if err != nil {
		t.Fatal(err)
	}
	if g == 0 {
		return ""
	}
	segs, err := f.LoadGlyph(&buf, g, fixed.I(1000), nil)
	if err != nil {
		t.Fatalf("%q: %v", r, err)
	}
	adv, err := f.GlyphAdvance(&buf, g, fixed.I(1000), 0)
	if err != nil {
		t.Fatalf("%q: %v", r, err)
	}
	var b strings.Builder
	b.WriteString(adv.String())
	for _, s := range segs {
		b.WriteString(" ")
		b.WriteString(string(rune('0' + s.Op)))
		for _, p := range s.Args {
			b.WriteString(p.X.String() + "," + p.Y.String() + ";")
		}
	}
	return b.String()
}

// The HTML report embeds, in each weight, the bundled font cut down to the
// characters the page shows: every character of its text that the bundled
// font has draws from the embedded fonts with the bundled font's outline,
// characters it does not show are left out, and the page is a fraction of
// the size of the font.
func TestHTMLEmbedsFontSubset(t *testing.T) {
	full := map[string]*sfnt.Font{"400": ttfFont(t, assets.FontRegular()), "700": ttfFont(t, assets.FontBold())}
	for _, c := range []struct{ lang, team string }{{"en", ""}, {"zh", ""}, {"zh", "Bravo"}} {
		page := string(HTML(worldReport(t, c.lang, c.team)))
		fonts := embeddedFonts(t, page)
		if len(fonts) != 2 {
			t.Fatalf("%s %q: %d embedded fonts, want Regular and Bold", c.lang, c.team, len(fonts))
		}
		sub := map[string]*sfnt.Font{}
		for w, ttf := range fonts {
			sub[w] = ttfFont(t, ttf)
		}
		text := visibleRunes(t, page)
		cjk := 0
		for r := range text {
			if unicode.Is(unicode.Han, r) {
				cjk++
			}
			want := outline(t, full["400"], r)
			if want == "" {
				t.Errorf("%s: the bundled font lacks %q: the test's report should use only characters it has", c.lang, r)
				continue
			}
			reg, bold := outline(t, sub["400"], r), outline(t, sub["700"], r)
			if reg == "" && bold == "" {
				t.Errorf("%s %q: %q (%U) is in the text but in neither embedded font", c.lang, c.team, r, r)
			}
			if reg != "" && reg != want {
				t.Errorf("%s: the embedded Regular draws %q otherwise than the bundled font", c.lang, r)
			}
			if bold != "" && bold != outline(t, full["700"], r) {
				t.Errorf("%s: the embedded Bold draws %q otherwise than the bundled font", c.lang, r)
			}
		}
		if c.lang == "zh" && cjk < 100 {
			t.Errorf("the Chinese report shows only %d ideographs", cjk)
		}
		// Bold where the CSS makes it bold: the headings, the kicker in
		// upper case.
		for _, r := range "FIREBREAK" + T(c.lang, "sec.overview") + T(c.lang, "sec.findings") {
			if outline(t, sub["700"], r) == "" {
				t.Errorf("%s: the Bold subset lacks %q of a heading", c.lang, r)
			}
		}
		// Nothing beyond the page: an ideograph the bundled font has but
		// the report does not use, and the lower case of the kicker's
		// letters that only the kicker uses (in upper case).
		for _, r := range "鼎龟" {
			if text[r] || outline(t, full["400"], r) == "" {
				t.Fatalf("pick another ideograph than %q", r)
			}
			for w, f := range sub {
				if outline(t, f, r) != "" {
					t.Errorf("%s: the %s subset holds %q, which the report does not use", c.lang, w, r)
				}
			}
		}
		for w, f := range sub {
			if n, max := f.NumGlyphs(), len(text)+len(olMarkers)+len(ulMarkers)+1; n > max {
				t.Errorf("%s: the %s subset has %d glyphs for a page of %d characters", c.lang, w, n, len(text))
			}
		}
		if len(page) > len(assets.FontRegular())/10 {
			t.Errorf("%s: the page is %d bytes, the font %d", c.lang, len(page), len(assets.FontRegular()))
		}
		var woff2 []int
		for _, m := range fontFaceRE.FindAllStringSubmatch(page, -1) {
			woff2 = append(woff2, base64.StdEncoding.DecodedLen(len(m[2])))
		}
		t.Logf("%s %q: page %d bytes (%d without the fonts), %d characters, %d ideographs; subsets: Regular %d glyphs, Bold %d glyphs, WOFF2 %v bytes (as TTF %d and %d); whole fonts %d and %d bytes",
			c.lang, c.team, len(page), len(withoutFontData([]byte(page))), len(text), cjk,
			sub["400"].NumGlyphs(), sub["700"].NumGlyphs(), woff2, len(fonts["400"]), len(fonts["700"]),
			len(assets.FontRegular()), len(assets.FontBold()))
	}
}

// pageRunes follows the CSS: bold text goes to the Bold face, the kicker
// in upper case; the head's text and attributes do not count.
func TestPageRunes(t *testing.T) {
	page := `<!DOCTYPE html><html><head><title>标题</title><style>b{}</style></head><body>
<p class="kicker">Fire</p><h2>甲</h2><p>乙 <b>丙</b><span title="丁">戊</span></p>
<table><thead><tr><th>己</th></tr></thead><tr><td class="prompt x">庚</td><td>辛&amp;</td></tr></table>
<ol><li>壬</li></ol><svg><text font-weight="bold">癸</text><text>子</text></svg></body></html>`
	reg, bold := pageRunes(page)
	if got, want := string(reg), " &.0123456789乙子戊辛壬"; !sameRunes(got, want) {
		t.Errorf("regular %q, want %q", got, want)
	}
	if got, want := string(bold), "EFIR丙庚己甲癸"; !sameRunes(got, want) {
		t.Errorf("bold %q, want %q", got, want)
	}
}

func sameRunes(a, b string) bool {
	x, y := []rune(a), []rune(b)
	slices.Sort(x)
	slices.Sort(y)
	return slices.Equal(x, y)
}

// Characters sharing a glyph both map to it (the subsetter's own cmap
// would keep one), and the cmap's two subtables agree.
func TestSubsetMapsEveryCharacter(t *testing.T) {
	runes := []rune{' ', 'A', '\u00a0', '·', '—', '“', '”', '中', '文', '，', '。'}
	woff2, err := subsetWOFF2(assets.FontRegular(), runes)
	if err != nil {
		t.Fatal(err)
	}
	ttf, err := font.ParseWOFF2(woff2)
	if err != nil {
		t.Fatal(err)
	}
	full, sub := ttfFont(t, assets.FontRegular()), ttfFont(t, ttf)
	for _, r := range runes {
		if want := outline(t, full, r); want != "" && outline(t, sub, r) != want {
			t.Errorf("%q (%U): the subset draws %q, the font %q", r, r, outline(t, sub, r), want)
		}
	}
	if outline(t, full, ' ') != outline(t, full, '\u00a0') {
		t.Log("the bundled font draws the space and the no-break space with different glyphs")
	}
	// The cmap alone, with a character past the Basic Multilingual Plane
	// and runs of consecutive characters.
	gid := map[rune]uint16{'A': 1, 'B': 2, 'C': 3, 'a': 5, 'b': 5, 0x20000: 4}
	rs := []rune{'A', 'B', 'C', 'a', 'b', 0x20000}
	tab := cmapTable(rs, gid)
	for _, sub := range []uint16{1, 10} {
		got := cmapLookup(t, tab, sub)
		for _, r := range rs {
			if r > 0xFFFF && sub == 1 {
				continue
			}
			if got[r] != gid[r] {
				t.Errorf("cmap (3,%d): %q → %d, want %d", sub, r, got[r], gid[r])
			}
		}
		if got['D'] != 0 {
			t.Errorf("cmap (3,%d) maps D", sub)
		}
	}
}

// cmapLookup reads the Windows subtable of encoding enc of a cmap: every
// character of the format 4 or 12 subtable and its glyph.
func cmapLookup(t *testing.T, tab []byte, enc uint16) map[rune]uint16 {
	t.Helper()
	u16 := func(b []byte, i int) int { return int(b[i])<<8 | int(b[i+1]) }
	u32 := func(b []byte, i int) int { return u16(b, i)<<16 | u16(b, i+2) }
	out := map[rune]uint16{}
	for i := range u16(tab, 2) {
		if u16(tab, 4+8*i) != 3 || u16(tab, 6+8*i) != int(enc) {
			continue
		}
		st := tab[u32(tab, 8+8*i):]
		switch u16(st, 0) {
		case 4:
			n := u16(st, 6) / 2
			// The binary search fields, which browsers check (OTS).
			pow, log := 1, 0
			for pow*2 <= n {
				pow, log = pow*2, log+1
			}
			if u16(st, 8) != 2*pow || u16(st, 10) != log || u16(st, 12) != 2*n-2*pow || u16(st, 2) != 16+8*n {
				t.Errorf("format 4 header: %d segments, searchRange %d, entrySelector %d, rangeShift %d, length %d of %d",
					n, u16(st, 8), u16(st, 10), u16(st, 12), u16(st, 2), len(st))
			}
			for s := range n {
				end, start, delta := u16(st, 14+2*s), u16(st, 16+2*n+2*s), u16(st, 16+4*n+2*s)
				if u16(st, 16+6*n+2*s) != 0 {
					t.Fatal("idRangeOffset")
				}
				for c := start; c <= end && c != 0xFFFF; c++ {
					out[rune(c)] = uint16(c + delta)
				}
			}
		case 12:
			for g := range u32(st, 12) {
				start, end, glyph := u32(st, 16+12*g), u32(st, 20+12*g), u32(st, 24+12*g)
				for c := start; c <= end; c++ {
					out[rune(c)] = uint16(glyph + c - start)
				}
			}
		default:
			t.Fatalf("cmap subtable format %d", u16(st, 0))
		}
		return out
	}
	t.Fatalf("no cmap subtable (3,%d)", enc)
	return nil
}

// The page is the same every time, and making it leaves the shared
// bundled fonts as they were (the subsetter writes into what it parses).
func TestHTMLFontsDeterministic(t *testing.T) {
	sum := func() [32]byte {
		return sha256.Sum256(append(slices.Clone(assets.FontRegular()), assets.FontBold()...))
	}
	before := sum()
	r := worldReport(t, "zh", "")
	a, b := HTML(r), HTML(r)
	if !bytes.Equal(a, b) {
		t.Error("two renderings of one report differ")
	}
	if sum() != before {
		t.Error("rendering changed the bundled fonts")
	}
}
