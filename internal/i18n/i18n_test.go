package i18n

import (
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
	"unicode"
)

func TestCatalogsLoad(t *testing.T) {
	if err := CatalogError(); err != nil {
		t.Fatal(err)
	}
	for _, l := range Langs {
		if n := len(Keys(l)); n < 50 {
			t.Errorf("%s catalog has only %d keys", l, n)
		}
	}
}

func TestCatalogsHaveSameKeys(t *testing.T) {
	for _, a := range Langs {
		for _, b := range Langs {
			if a == b {
				continue
			}
			lb := New(b)
			for _, k := range Keys(a) {
				if !lb.Has(k) {
					t.Errorf("key %q is in %s.json but not in %s.json", k, a, b)
				}
			}
		}
	}
}

func TestPlaceholdersMatch(t *testing.T) {
	en, zh := New(EN), New(ZH)
	for _, k := range Keys(EN) {
		if !zh.Has(k) {
			continue // reported by TestCatalogsHaveSameKeys
		}
		pe, pz := Placeholders(en.T(k)), Placeholders(zh.T(k))
		if !reflect.DeepEqual(pe, pz) {
			t.Errorf("key %q: placeholders differ: en %v, zh %v", k, pe, pz)
		}
	}
}

func TestCatalogHygiene(t *testing.T) {
	for _, l := range Langs {
		loc := New(l)
		for _, k := range Keys(l) {
			v := loc.T(k)
			if strings.TrimSpace(v) == "" {
				t.Errorf("%s: key %q has an empty text", l, k)
			}
			if strings.Count(v, "{") != strings.Count(v, "}") {
				t.Errorf("%s: key %q has unbalanced braces: %q", l, k, v)
			}
			if k != strings.TrimSpace(k) || !strings.Contains(k, ".") {
				t.Errorf("%s: key %q should be a dotted group.name key", l, k)
			}
		}
	}
	// Chinese texts should actually be Chinese unless they are names,
	// numbers or language names shown in their own language.
	zh := New(ZH)
	sameOK := map[string]bool{"app.title": true, "app.window_title": true, "lang.en": true, "lang.zh": true,
		"home.speed_value": true, "console.speed_value": true}
	en := New(EN)
	placeholder := regexp.MustCompile(`\{[a-z_]+\}`)
	formatNames := regexp.MustCompile(`\b(CSV|PDF|HTML|JSON|Markdown)\b`)
	for _, k := range Keys(ZH) {
		if sameOK[k] {
			continue
		}
		// Pure layout strings ("{time} / {end}", "、") and file-format names
		// read the same in both languages.
		rest := formatNames.ReplaceAllString(placeholder.ReplaceAllString(zh.T(k), ""), "")
		if !strings.ContainsFunc(rest, unicode.IsLetter) {
			continue
		}
		if zh.T(k) == en.T(k) {
			t.Errorf("zh: key %q is not translated: %q", k, zh.T(k))
		}
		if !strings.ContainsFunc(zh.T(k), func(r rune) bool { return unicode.Is(unicode.Han, r) }) {
			t.Errorf("zh: key %q has no Chinese characters: %q", k, zh.T(k))
		}
	}
}

func TestT(t *testing.T) {
	en, zh := New(EN), New(ZH)
	tests := []struct {
		l    *Localizer
		key  string
		args []any
		want string
	}{
		{en, "console.pause", nil, "Pause"},
		{zh, "console.pause", nil, "暂停"},
		{en, "team.count", []any{"n", 3}, "Teams: 3"},
		{zh, "team.count", []any{"n", 3}, "小组数：3"},
		{zh, "kind.data-leak", nil, "数据泄露"},
		{zh, "channel.memo", nil, "内部备忘"},
		{en, "home.error.team_duplicate", []any{"name", "Red"}, "Two teams have the same name: Red."},
		{zh, "home.resume_detail", []any{"scenario", "饮料召回", "started", "10:30"}, "饮料召回，开始于 10:30"},
		// Missing argument: the placeholder stays visible.
		{en, "team.count", nil, "Teams: {n}"},
		{en, "team.count", []any{"m", 1}, "Teams: {n}"},
		// Odd argument list: the trailing name is ignored, no panic.
		{en, "team.count", []any{"n"}, "Teams: {n}"},
		{en, "team.count", []any{"n", 2, "extra"}, "Teams: 2"},
		// A value that looks like a placeholder is not expanded again.
		{en, "home.error.team_duplicate", []any{"name", "{name}"}, "Two teams have the same name: {name}."},
		// Missing keys come back unchanged.
		{en, "no.such.key", nil, "no.such.key"},
		{zh, "no.such.key", []any{"n", 1}, "no.such.key"},
		{nil, "console.pause", nil, "Pause"},
	}
	for _, tc := range tests {
		if got := tc.l.T(tc.key, tc.args...); got != tc.want {
			t.Errorf("%s T(%q, %v) = %q, want %q", tc.l.Lang(), tc.key, tc.args, got, tc.want)
		}
	}
}

func TestSubstitute(t *testing.T) {
	vals := map[string]string{"a": "1", "b": "2"}
	for in, want := range map[string]string{
		"":             "",
		"{a}{b}":       "12",
		"x{a}y{b}z{a}": "x1y2z1",
		"{c} {a}":      "{c} 1",
		"{ a} {a":      "{ a} {a",
		"{{a}}":        "{1}",
		"}{a}{":        "}1{",
	} {
		if got := substitute(in, vals); got != want {
			t.Errorf("substitute(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestNewUnsupported(t *testing.T) {
	if l := New("fr"); l.Lang() != EN || l.T("console.pause") != "Pause" {
		t.Errorf("New(fr) = %s localizer, T = %q; want English", l.Lang(), l.T("console.pause"))
	}
}

func TestParse(t *testing.T) {
	for in, want := range map[string]Lang{
		"en": EN, "EN": EN, "English": EN, "english": EN, "en-GB": EN, "en_US.UTF-8": EN, "英文": EN, "英语": EN,
		"zh": ZH, "ZH": ZH, "zh-CN": ZH, "zh_CN": ZH, "zh_CN.UTF-8": ZH, "zh-Hans": ZH, "zh_TW": ZH,
		"中文": ZH, "简体中文": ZH, " 中文 ": ZH, "Chinese": ZH, "汉语": ZH,
	} {
		if got, ok := Parse(in); !ok || got != want {
			t.Errorf("Parse(%q) = %q, %v; want %q, true", in, got, ok, want)
		}
	}
	for _, in := range []string{"", "C", "POSIX", "fr", "fr_FR.UTF-8", "eng", "zhx", "e"} {
		if got, ok := Parse(in); ok {
			t.Errorf("Parse(%q) = %q, true; want false", in, got)
		}
	}
}

func TestDefault(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want Lang
	}{
		{map[string]string{}, EN},
		{map[string]string{"LANG": "zh_CN.UTF-8"}, ZH},
		{map[string]string{"LANG": "en_US.UTF-8"}, EN},
		{map[string]string{"LANG": "C.UTF-8"}, EN},
		{map[string]string{"LANG": "fr_FR.UTF-8"}, EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_ALL": "zh_TW.UTF-8"}, ZH},
		{map[string]string{"LANG": "zh_CN.UTF-8", "LC_ALL": "C"}, EN},
		{map[string]string{"LANG": "en_US.UTF-8", "LC_MESSAGES": "zh_CN.UTF-8"}, ZH},
	} {
		if got := fromEnv(func(k string) string { return tc.env[k] }); got != tc.want {
			t.Errorf("environment %v: got %s, want %s", tc.env, got, tc.want)
		}
	}
	t.Setenv("LC_ALL", "")
	t.Setenv("LC_MESSAGES", "")
	t.Setenv("LANG", "zh_CN.UTF-8")
	if got := Default(); got != ZH {
		t.Errorf("Default() with LANG=zh_CN.UTF-8 = %s, want zh", got)
	}
}

func TestLangName(t *testing.T) {
	if EN.Name() != "English" || ZH.Name() != "中文" || Lang("xx").Name() != "xx" {
		t.Errorf("names: %q %q %q", EN.Name(), ZH.Name(), Lang("xx").Name())
	}
	// The catalogs name the languages the same way.
	for _, l := range Langs {
		for _, loc := range []*Localizer{New(EN), New(ZH)} {
			if got := loc.T("lang." + string(l)); got != l.Name() {
				t.Errorf("%s catalog: lang.%s = %q, want %q", loc.Lang(), l, got, l.Name())
			}
		}
	}
}

// CatalogError reports a problem loading the embedded catalogs (a missing or
// malformed file). The localizer still works without them, showing keys.
func CatalogError() error {
	_, err := catalogs()
	return err
}

// Placeholders returns the distinct {name} placeholders in s, sorted.
func Placeholders(s string) []string {
	seen := map[string]bool{}
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i+1:], '}')
		if j < 0 {
			break
		}
		if name := s[i+1 : i+1+j]; isName(name) {
			seen[name] = true
			s = s[i+j+2:]
		} else {
			s = s[i+1:]
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
