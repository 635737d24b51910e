package scenario

import (
	"fmt"
	"regexp"
	"strings"
	"time"
)

// Findings are values: a Problem keeps the format and the arguments it was
// made from, and is turned into words at the edge, in English (its Msg, what
// `firebreak lint` prints) or in the UI language (Text). A part of a
// message that is itself words, such as "decision \"x\"" or "a list", is a
// Phrase argument, so it is translated with the sentence around it.

// Phrase is words made from an English format and its arguments. String is
// the English; Text renders it in a language. A Phrase without arguments is
// its format, taken literally.
type Phrase struct {
	Format string
	Args   []any
}

func phrase(format string, args ...any) Phrase { return Phrase{Format: format, Args: args} }

// field names a YAML field or a value an author writes: the same words in
// every language.
func field(name string) Phrase { return Phrase{Format: "%s", Args: []any{name}} }

// fieldOf is "<field> of <what>", such as "continue of phase \"x\"".
func fieldOf(name string, what Phrase) Phrase { return phrase("%s of %s", name, what) }

// sub is "<what> <field>", such as "world variable \"x\" min".
func sub(what Phrase, name string) Phrase { return phrase("%s %s", what, name) }

func (p Phrase) String() string {
	if len(p.Args) == 0 {
		return p.Format
	}
	return fmt.Sprintf(p.Format, p.Args...)
}

// localizable is an argument that has words of its own in each language.
type localizable interface {
	Text(lang string) string
}

// isChinese reports whether a UI language code is Chinese (zh, zh-Hans …).
func isChinese(lang string) bool {
	return lang == "zh" || strings.HasPrefix(lang, "zh-") || strings.HasPrefix(lang, "zh_")
}

// Text renders the phrase in lang: Chinese from the catalog (findingsZh)
// for "zh", English otherwise. An argument that is itself words (a Phrase,
// a duration, an expression-language error) is rendered in lang too.
func (p Phrase) Text(lang string) string {
	if !isChinese(lang) {
		return p.String()
	}
	f, ok := findingsZh[p.Format]
	if !ok {
		f = p.Format
	}
	if len(p.Args) == 0 {
		return f
	}
	args := make([]any, len(p.Args))
	for i, a := range p.Args {
		if t, ok := a.(localizable); ok {
			args[i] = t.Text(lang)
		} else {
			args[i] = a
		}
	}
	return tightenChinese(fmt.Sprintf(f, args...))
}

var (
	quotedValueRe = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)
	spaceInHanRe  = regexp.MustCompile(`([\p{Han}（），。；：？！“”、]) +([\p{Han}（），。；：？！“”、])`)
)

// tightenChinese removes the spaces a format puts beside an argument where
// the argument turned out Chinese ("语言 必须" → "语言必须"): Chinese has no
// spaces between characters. Quoted values are left as they are.
func tightenChinese(s string) string {
	tighten := func(part string) string {
		for {
			t := spaceInHanRe.ReplaceAllString(part, "$1$2")
			if t == part {
				return t
			}
			part = t
		}
	}
	var b strings.Builder
	last := 0
	for _, m := range quotedValueRe.FindAllStringIndex(s, -1) {
		b.WriteString(tighten(s[last:m[0]]))
		b.WriteString(s[m[0]:m[1]])
		last = m[1]
	}
	b.WriteString(tighten(s[last:]))
	return b.String()
}

// Text renders the finding's message (without file, position and severity)
// in lang: its Msg in English, from the catalog in Chinese.
func (p Problem) Text(lang string) string {
	if p.Format == "" {
		return p.Msg
	}
	return Phrase{Format: p.Format, Args: p.Args}.Text(lang)
}

func newProblem(file string, pos Pos, sev Severity, format string, args ...any) Problem {
	return Problem{File: file, Pos: pos, Severity: sev, Msg: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// authorDur is a duration as an argument of a finding: written as authors
// write it in English (1h30m, 15m, 90s), as 1小时30分 in Chinese.
type authorDur time.Duration

func dur(d time.Duration) authorDur { return authorDur(d) }

func (d authorDur) String() string { return fmtDur(time.Duration(d)) }

func (d authorDur) Text(lang string) string {
	if !isChinese(lang) {
		return d.String()
	}
	t := time.Duration(d).Round(time.Second)
	if t == 0 {
		return "0秒"
	}
	h, m, sec := int(t.Hours()), int(t.Minutes())%60, int(t.Seconds())%60
	var b strings.Builder
	if h > 0 {
		fmt.Fprintf(&b, "%d小时", h)
	}
	if m > 0 {
		fmt.Fprintf(&b, "%d分", m)
	}
	if sec > 0 {
		fmt.Fprintf(&b, "%d秒", sec)
	}
	return b.String()
}

// phraseError is an error whose words are a Phrase.
type phraseError struct{ p Phrase }

func (e *phraseError) Error() string           { return e.p.String() }
func (e *phraseError) Text(lang string) string { return e.p.Text(lang) }
