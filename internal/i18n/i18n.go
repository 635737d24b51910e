// Package i18n is Firebreak's own localizer for user-interface strings.
//
// Fyne's lang package picks the language from the system locale once and has
// no public way to switch at run time, while a facilitator must be able to
// choose 中文 or English inside the app. This package therefore keeps the
// catalogs itself and does not import Fyne.
//
// Catalogs are flat JSON objects (key → text) embedded from
// assets/translations/<lang>.json. Keys are grouped with dot prefixes
// ("home.start", "console.pause", "channel.email", …). Texts may contain
// {name} placeholders that T fills from name/value argument pairs:
//
//	l := i18n.New(i18n.ZH)
//	l.T("team.count", "n", 3) // "小组数：3"
//
// A key missing from the chosen language falls back to English; a key missing
// everywhere is returned unchanged so that it is visible on screen. Nothing
// here panics on bad input.
package i18n

import (
	"encoding/json"
	"fmt"
	"os"
	"sort"
	"strings"
	"sync"

	"github.com/firebreak-drills/firebreak/assets"
)

// Lang is a user-interface language.
type Lang string

// Supported languages.
const (
	EN Lang = "en"
	ZH Lang = "zh"
)

// Langs lists the supported languages in the order a picker should show them.
var Langs = []Lang{EN, ZH}

// String returns the language code ("en", "zh").
func (l Lang) String() string { return string(l) }

// Name returns the language's own name ("English", "中文"), as shown in a
// language picker regardless of the current UI language.
func (l Lang) Name() string {
	switch l {
	case ZH:
		return "中文"
	case EN:
		return "English"
	}
	return string(l)
}

// Supported reports whether l is one of Langs.
func (l Lang) Supported() bool { return l == EN || l == ZH }

// Parse reads a language from a code, a locale or a language name: "en",
// "EN", "en_US.UTF-8", "English", "英文" → EN; "zh", "zh-CN", "zh_TW",
// "zh-Hans", "中文", "简体中文", "Chinese", "汉语" → ZH. It reports false for
// anything else (including "" and "C").
func Parse(s string) (Lang, bool) {
	s = strings.ToLower(strings.TrimSpace(s))
	// Drop an encoding or modifier: "zh_CN.UTF-8", "en_US@euro".
	if i := strings.IndexAny(s, ".@"); i >= 0 {
		s = s[:i]
	}
	switch s {
	case "english", "英文", "英语":
		return EN, true
	case "chinese", "中文", "简体中文", "繁體中文", "繁体中文", "汉语", "漢語", "普通话", "华语":
		return ZH, true
	}
	base := s
	if i := strings.IndexAny(s, "-_"); i >= 0 {
		base = s[:i]
	}
	switch base {
	case "en":
		return EN, true
	case "zh", "cmn":
		return ZH, true
	}
	return "", false
}

// Default returns the language from the environment, as POSIX orders it:
// the first set of LC_ALL, LC_MESSAGES and LANG; a Chinese locale (zh*)
// gives ZH, anything else EN.
func Default() Lang {
	return fromEnv(os.Getenv)
}

func fromEnv(getenv func(string) string) Lang {
	for _, v := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if s := getenv(v); s != "" {
			if l, ok := Parse(s); ok && l == ZH {
				return ZH
			}
			return EN
		}
	}
	return EN
}

// catalogs holds the parsed translation files, loaded once.
var catalogs = sync.OnceValues(func() (map[Lang]map[string]string, error) {
	out := make(map[Lang]map[string]string, len(Langs))
	var errs []string
	for _, l := range Langs {
		m, err := parseCatalog(l)
		if err != nil {
			errs = append(errs, err.Error())
		}
		out[l] = m
	}
	if len(errs) > 0 {
		return out, fmt.Errorf("%s", strings.Join(errs, "; "))
	}
	return out, nil
})

func parseCatalog(l Lang) (map[string]string, error) {
	name := assets.TranslationsDir + "/" + string(l) + ".json"
	b, err := assets.FS.ReadFile(name)
	if err != nil {
		return map[string]string{}, fmt.Errorf("i18n: %v", err)
	}
	m := map[string]string{}
	if err := json.Unmarshal(b, &m); err != nil {
		return map[string]string{}, fmt.Errorf("i18n: %s: %v", name, err)
	}
	return m, nil
}

// Keys returns the sorted keys of the catalog for lang (nil if unsupported).
func Keys(lang Lang) []string {
	cats, _ := catalogs()
	m := cats[lang]
	if m == nil {
		return nil
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Localizer translates keys into one language. It is immutable and safe for
// concurrent use; to switch language, make a new one with New.
type Localizer struct {
	lang     Lang
	catalog  map[string]string
	fallback map[string]string
}

// New returns a localizer for lang. An unsupported lang gives English.
func New(lang Lang) *Localizer {
	if !lang.Supported() {
		lang = EN
	}
	cats, _ := catalogs()
	return &Localizer{lang: lang, catalog: cats[lang], fallback: cats[EN]}
}

// Lang returns the localizer's language. A nil localizer is English.
func (l *Localizer) Lang() Lang {
	if l == nil {
		return EN
	}
	return l.lang
}

// Has reports whether key is translated in the localizer's language.
func (l *Localizer) Has(key string) bool {
	if l == nil {
		l = New(EN)
	}
	_, ok := l.catalog[key]
	return ok
}

// T returns the text for key with {name} placeholders replaced by args, given
// as name/value pairs: T("home.error.team_duplicate", "name", "Red").
// Values are formatted with fmt.Sprint. Placeholders without a value are left
// as they are; a trailing name without a value is ignored. A key missing from
// the language falls back to English, and a key missing there too is
// returned as is. A nil localizer behaves as English.
func (l *Localizer) T(key string, args ...any) string {
	if l == nil {
		l = New(EN)
	}
	s, ok := l.catalog[key]
	if !ok {
		if s, ok = l.fallback[key]; !ok {
			return key
		}
	}
	if len(args) < 2 || !strings.Contains(s, "{") {
		return s
	}
	vals := make(map[string]string, len(args)/2)
	for i := 0; i+1 < len(args); i += 2 {
		vals[fmt.Sprint(args[i])] = fmt.Sprint(args[i+1])
	}
	return substitute(s, vals)
}

// substitute replaces every {name} in s whose name is in vals.
func substitute(s string, vals map[string]string) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			b.WriteString(s)
			return b.String()
		}
		name := s[i+1 : i+1+j]
		if v, ok := vals[name]; ok && isName(name) {
			b.WriteString(s[:i])
			b.WriteString(v)
			s = s[i+j+2:]
			continue
		}
		b.WriteString(s[:i+1])
		s = s[i+1:]
	}
}

func isName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}
