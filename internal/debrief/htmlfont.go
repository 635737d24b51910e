package debrief

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/tdewolff/font"
	"golang.org/x/net/html"

	"github.com/firebreak-drills/firebreak/assets"
)

// The HTML report carries its own font, so that its Chinese renders on a
// machine with no Chinese font and nothing is fetched: the bundled Noto
// Sans SC (assets), Regular and Bold, each cut down to the characters the
// page shows in that weight and embedded as a WOFF2 data: URL in an
// @font-face rule. A character the bundled font lacks (an emoji in a
// note, say) falls through to the CSS font stack after it, as before.
//
// The whole fonts are about 4 MB each; a report uses a few hundred
// characters, so its two subsets come to tens of kilobytes (the sizes are
// in TestHTMLEmbedsFontSubset).

// htmlFontFamily is the family the embedded subsets are declared as: a
// name of its own, so an installed Noto Sans SC is neither shadowed by nor
// confused with the subset.
const htmlFontFamily = "Firebreak Noto Sans SC"

// fontFaceMarker holds the place of the @font-face rules in the page's
// <style> until the page is complete and its characters are known.
const fontFaceMarker = "/*font-face*/"

// listMarkers are the characters a browser draws for list items itself:
// an <ol>'s numbers and a <ul>'s bullets.
const (
	olMarkers = "0123456789. "
	ulMarkers = "• "
)

// embedFonts replaces the page's fontFaceMarker with @font-face rules for
// the subsets of the bundled Regular and Bold that its text needs. A font
// that cannot be subset (it cannot happen with the bundled fonts; a test
// makes sure) is left out and the CSS font stack stands in.
func embedFonts(page string) string {
	regular, bold := pageRunes(page)
	var css strings.Builder
	for _, face := range []struct {
		weight int
		data   []byte
		runes  []rune
	}{
		{400, assets.FontRegular(), regular},
		{700, assets.FontBold(), bold},
	} {
		if len(face.runes) == 0 {
			continue
		}
		woff2, err := subsetWOFF2(face.data, face.runes)
		if err != nil {
			continue
		}
		fmt.Fprintf(&css, "\n@font-face{font-family:\"%s\";font-style:normal;font-weight:%d;font-display:block;src:url(data:font/woff2;base64,%s) format(\"woff2\")}",
			htmlFontFamily, face.weight, base64.StdEncoding.EncodeToString(woff2))
	}
	return strings.Replace(page, fontFaceMarker, css.String(), 1)
}

// pageRunes are the characters a browser draws for the page's text, in
// regular and in bold weight, each sorted. It follows html.go's CSS: the
// headings, table headers, <dt>, <b> and the .kicker and .prompt classes
// are bold (.prompt's 600 takes the Bold face), and .kicker is upper case.
// The text of <head> (the window title, the CSS) and attributes (a
// tooltip, an ARIA label) are drawn by the system, not the page, and do
// not count; control characters (a statement's line breaks) draw nothing.
func pageRunes(page string) (regular, bold []rune) {
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		return nil, nil // html.Parse does not fail on a string
	}
	sets := [2]map[rune]bool{{}, {}} // regular, bold
	add := func(isBold bool, s string) {
		set := sets[0]
		if isBold {
			set = sets[1]
		}
		for _, r := range s {
			if unicode.IsControl(r) {
				r = ' ' // white space is drawn as a space
			}
			set[r] = true
		}
	}
	var walk func(n *html.Node, isBold, upper bool)
	walk = func(n *html.Node, isBold, upper bool) {
		switch n.Type {
		case html.TextNode:
			s := n.Data
			if upper {
				s = strings.ToUpper(s)
			}
			add(isBold, s)
			return
		case html.ElementNode:
			switch n.Data {
			case "head", "script", "style", "title":
				return
			case "h1", "h2", "h3", "h4", "h5", "h6", "th", "dt", "b", "strong":
				isBold = true
			case "ol":
				add(isBold, olMarkers)
			case "ul":
				add(isBold, ulMarkers)
			}
			for _, a := range n.Attr {
				if a.Key == "font-weight" { // an SVG <text>
					isBold = slices.Contains([]string{"bold", "bolder", "600", "700", "800", "900"}, a.Val)
				}
				if a.Key != "class" {
					continue
				}
				for _, c := range strings.Fields(a.Val) {
					switch c {
					case "kicker":
						isBold, upper = true, true
					case "prompt":
						isBold = true
					}
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, isBold, upper)
		}
	}
	walk(doc, false, false)
	sorted := func(set map[rune]bool) []rune {
		out := make([]rune, 0, len(set))
		for r := range set {
			out = append(out, r)
		}
		slices.Sort(out)
		return out
	}
	return sorted(sets[0]), sorted(sets[1])
}

// subsetWOFF2 cuts the TrueType font ttf down to the glyphs of runes (in
// any order; a rune twice counts once) and the glyphs their composite
// glyphs are built from, and returns it as WOFF2, with a cmap that maps
// exactly those of runes the font has. The result depends only on ttf and
// the set of runes.
func subsetWOFF2(ttf []byte, runes []rune) ([]byte, error) {
	// A fresh parse every time: Subset writes into the font it subsets
	// (its maxp, head and hhea), so a parsed font is not reused.
	f, err := font.ParseSFNT(ttf, 0)
	if err != nil {
		return nil, err
	}
	if !f.IsTrueType {
		return nil, fmt.Errorf("the font has no TrueType outlines")
	}
	runes = slices.Compact(slices.Sorted(slices.Values(runes)))
	glyphs := []uint16{0} // .notdef first
	newID := map[uint16]uint16{0: 0}
	var mapped []rune
	gids := map[rune]uint16{}
	for _, r := range runes {
		g := f.GlyphIndex(r)
		if g == 0 {
			continue // not in the font
		}
		if _, ok := newID[g]; !ok {
			newID[g] = uint16(len(glyphs))
			glyphs = append(glyphs, g)
		}
		mapped = append(mapped, r)
		gids[r] = newID[g]
	}
	sub, err := f.Subset(glyphs, font.SubsetOptions{Tables: font.KeepMinTables})
	if err != nil {
		return nil, err
	}
	// Subset's own cmap maps each glyph back to one character, so of two
	// characters sharing a glyph (a space and a no-break space, an
	// ideograph and its compatibility twin) it may keep the other one:
	// the cmap is written here from the characters themselves.
	old := len(sub.Tables["cmap"])
	cmap := cmapTable(mapped, gids)
	sub.Tables["cmap"] = cmap
	sub.Length = sub.Length - uint32(pad4(old)) + uint32(pad4(len(cmap)))
	return sub.WriteWOFF2()
}

func pad4(n int) int { return (n + 3) &^ 3 }

// cmapTable is an OpenType cmap mapping runes (sorted, unique) to glyph
// ids: a format 4 subtable (platform 3, encoding 1) for the runes of the
// Basic Multilingual Plane and a format 12 subtable (3, 10) for all. The
// runes must be sorted and unique.
func cmapTable(runes []rune, gid map[rune]uint16) []byte {
	type run struct {
		start, end rune
		glyph      uint16 // of start
	}
	// runs of consecutive characters with consecutive glyphs
	runsOf := func(rs []rune) []run {
		var out []run
		for _, r := range rs {
			if n := len(out); n > 0 && out[n-1].end == r-1 && gid[r] == out[n-1].glyph+uint16(r-out[n-1].start) {
				out[n-1].end = r
				continue
			}
			out = append(out, run{r, r, gid[r]})
		}
		return out
	}
	var bmp []rune
	for _, r := range runes {
		if r < 0xFFFF {
			bmp = append(bmp, r)
		}
	}

	// Format 4: segments, then the closing 0xFFFF one.
	segs := append(runsOf(bmp), run{0xFFFF, 0xFFFF, 0})
	segX2 := 2 * len(segs)
	f4 := make([]byte, 16+4*segX2)
	be := binary.BigEndian
	be.PutUint16(f4[0:], 4)
	be.PutUint16(f4[2:], uint16(len(f4)))
	// language 0
	be.PutUint16(f4[6:], uint16(segX2))
	pow, entry := 1, 0 // the largest power of 2 ≤ the segment count, and its log2
	for pow*2 <= len(segs) {
		pow *= 2
		entry++
	}
	be.PutUint16(f4[8:], uint16(2*pow))              // searchRange
	be.PutUint16(f4[10:], uint16(entry))             // entrySelector
	be.PutUint16(f4[12:], uint16(segX2-2*pow))       // rangeShift
	ends, starts, deltas := 14, 16+segX2, 16+2*segX2 // the idRangeOffsets after the deltas stay 0
	for i, s := range segs {
		delta := s.glyph - uint16(s.start)
		if s.start == 0xFFFF {
			delta = 1 // 0xFFFF maps to glyph 0
		}
		be.PutUint16(f4[ends+2*i:], uint16(s.end))
		be.PutUint16(f4[starts+2*i:], uint16(s.start))
		be.PutUint16(f4[deltas+2*i:], delta)
	}
	// reservedPad between endCode and startCode stays 0.

	// Format 12: sequential map groups.
	groups := runsOf(runes)
	f12 := make([]byte, 16+12*len(groups))
	be.PutUint16(f12[0:], 12)
	be.PutUint32(f12[4:], uint32(len(f12)))
	be.PutUint32(f12[12:], uint32(len(groups)))
	for i, g := range groups {
		be.PutUint32(f12[16+12*i:], uint32(g.start))
		be.PutUint32(f12[20+12*i:], uint32(g.end))
		be.PutUint32(f12[24+12*i:], uint32(g.glyph))
	}

	var subtables [][]byte
	var encodings []uint16
	if len(f4) <= 0xFFFF { // a format 4 subtable's length is 16-bit
		subtables, encodings = append(subtables, f4), append(encodings, 1)
	}
	subtables, encodings = append(subtables, f12), append(encodings, 10)
	out := make([]byte, 4+8*len(subtables))
	be.PutUint16(out[2:], uint16(len(subtables)))
	for i, st := range subtables {
		be.PutUint16(out[4+8*i:], 3) // Windows
		be.PutUint16(out[6+8*i:], encodings[i])
		be.PutUint32(out[8+8*i:], uint32(len(out)))
		out = append(out, st...)
	}
	return out
}
