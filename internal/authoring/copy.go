// Package authoring makes and watches the facilitator's own scenario
// files: a new scenario copied from a template (a built-in) into the user
// folder with a new id and title, the text otherwise kept as written
// (comments and layout), and a watcher that reports when a file changes on
// disk. It imports no UI: the app's screens turn its errors into words.
package authoring

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"

	"github.com/firebreak-drills/firebreak/internal/library"
	"github.com/firebreak-drills/firebreak/internal/paths"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The refusals of Create and CheckID; the app says them in its language.
var (
	// ErrIDEmpty: no id was given.
	ErrIDEmpty = errors.New("authoring: the id is empty")
	// ErrIDFormat: the id is not lower-case letters, digits and hyphens
	// starting with a letter or digit, at most MaxIDLen long (the
	// format's rule for ids).
	ErrIDFormat = errors.New("authoring: the id must be lower-case letters, digits and hyphens")
	// ErrIDTaken: a built-in or a file of the user folder has the id.
	ErrIDTaken = errors.New("authoring: the id is taken")
	// ErrFileExists: the file (or its pictures' folder) is already there;
	// Create never overwrites.
	ErrFileExists = errors.New("authoring: the file already exists")
	// ErrTitleEmpty: a title (English or Chinese) is empty.
	ErrTitleEmpty = errors.New("authoring: a title is empty")
	// ErrNoFolder: there is no user scenario folder on this system.
	ErrNoFolder = errors.New("authoring: no user scenario folder")
	// ErrTemplate: the template's text has no id or no English and Chinese
	// title to replace, or the copy does not load as the template did.
	ErrTemplate = errors.New("authoring: the template cannot be copied")
)

// MaxIDLen is the longest id the format accepts.
const MaxIDLen = 64

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// CheckID says whether id can name a new scenario: the format's rule, and
// not taken (taken reports the ids in use; nil: none).
func CheckID(id string, taken func(string) bool) error {
	switch {
	case id == "":
		return ErrIDEmpty
	case !idPattern.MatchString(id) || len(id) > MaxIDLen:
		return ErrIDFormat
	case taken != nil && taken(id):
		return ErrIDTaken
	}
	return nil
}

// suggestLen is the longest id SuggestID makes before a number: a file
// name still readable in a file manager.
const suggestLen = 48

// SuggestID makes an id from a title (its Latin letters and digits,
// words joined by hyphens), adding -2, -3… while taken reports it in
// use; "my-scenario" when the title gives nothing.
func SuggestID(title string, taken func(string) bool) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		switch {
		case r < utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
	}
	base := b.String()
	if len(base) > suggestLen {
		// Cut at a word's end, not in a word.
		cut := base[:suggestLen+1]
		if i := strings.LastIndexByte(cut, '-'); i > 0 {
			base = cut[:i]
		} else {
			base = base[:suggestLen]
		}
	}
	if base == "" {
		base = "my-scenario"
	}
	id := base
	for n := 2; taken != nil && taken(id); n++ {
		id = fmt.Sprintf("%s-%d", base, n)
	}
	return id
}

// CopyTitle is the title a copy of a scenario titled t starts with, in
// each of the file's languages (not the UI's): "Copy of …" and "…（副本）".
func CopyTitle(t scenario.Text) scenario.Text {
	return scenario.Text{"en": "Copy of " + t.Get("en"), "zh": t.Get("zh") + "（副本）"}
}

// FileName is the file a new scenario with this id is written to.
func FileName(id string) string { return id + ".yaml" }

// MediaDir is the folder, beside the file, that a copy's pictures go to.
func MediaDir(id string) string { return id + "-media" }

// Rewrite returns src with its top-level id and its title's en and zh
// replaced by id and title, every other byte kept (comments, layout, the
// order of keys). The new values are written double-quoted.
func Rewrite(src []byte, id string, title scenario.Text) ([]byte, error) {
	var doc yaml.Node
	if err := yaml.Unmarshal(src, &doc); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrTemplate, err)
	}
	if doc.Kind != yaml.DocumentNode || len(doc.Content) == 0 || doc.Content[0].Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%w: not a mapping", ErrTemplate)
	}
	top := doc.Content[0]
	var edits []edit
	var idNode, titleNode *yaml.Node
	for i := 0; i+1 < len(top.Content); i += 2 {
		switch top.Content[i].Value {
		case "id":
			idNode = top.Content[i+1]
		case "title":
			titleNode = top.Content[i+1]
		}
	}
	if idNode == nil || idNode.Kind != yaml.ScalarNode {
		return nil, fmt.Errorf("%w: no id", ErrTemplate)
	}
	edits = append(edits, edit{idNode, id})
	if titleNode == nil || titleNode.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%w: no title", ErrTemplate)
	}
	found := map[string]bool{}
	for i := 0; i+1 < len(titleNode.Content); i += 2 {
		lang, v := titleNode.Content[i].Value, titleNode.Content[i+1]
		if t, ok := title[lang]; ok && v.Kind == yaml.ScalarNode {
			edits = append(edits, edit{v, t})
			found[lang] = true
		}
	}
	for lang := range title {
		if !found[lang] {
			return nil, fmt.Errorf("%w: no %s title", ErrTemplate, lang)
		}
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	// From the last to the first, so that earlier positions hold.
	sort.Slice(edits, func(i, j int) bool {
		a, b := edits[i].n, edits[j].n
		return a.Line > b.Line || a.Line == b.Line && a.Column > b.Column
	})
	for _, e := range edits {
		if err := e.apply(lines); err != nil {
			return nil, err
		}
	}
	out := bytes.Join(lines, nil)
	// What was written must read back as meant, or the template was of a
	// shape this does not handle.
	var back struct {
		ID    string            `yaml:"id"`
		Title map[string]string `yaml:"title"`
	}
	if err := yaml.Unmarshal(out, &back); err != nil || back.ID != id {
		return nil, fmt.Errorf("%w: the id could not be replaced", ErrTemplate)
	}
	for lang, t := range title {
		if back.Title[lang] != t {
			return nil, fmt.Errorf("%w: the %s title could not be replaced", ErrTemplate, lang)
		}
	}
	return out, nil
}

// edit replaces one scalar's text by a quoted value.
type edit struct {
	n     *yaml.Node
	value string
}

func (e edit) apply(lines [][]byte) error {
	n := e.n
	if n.Line < 1 || n.Line > len(lines) {
		return fmt.Errorf("%w: bad position", ErrTemplate)
	}
	line := lines[n.Line-1]
	// The column counts characters, from 1.
	start := 0
	for c := 1; c < n.Column; c++ {
		if start >= len(line) {
			return fmt.Errorf("%w: bad position", ErrTemplate)
		}
		_, w := utf8.DecodeRune(line[start:])
		start += w
	}
	end, ok := scalarEnd(line, start, n.Style)
	if ok && n.Style&(yaml.DoubleQuotedStyle|yaml.SingleQuotedStyle) == 0 {
		ok = n.Value != "" && string(line[start:end]) == n.Value
	}
	if !ok {
		return fmt.Errorf("%w: the value at line %d is not on one line", ErrTemplate, n.Line)
	}
	var q bytes.Buffer
	enc := json.NewEncoder(&q)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e.value); err != nil {
		return err
	}
	quoted := bytes.TrimRight(q.Bytes(), "\n") // JSON's string is a YAML double-quoted scalar
	out := append([]byte{}, line[:start]...)
	out = append(out, quoted...)
	out = append(out, line[end:]...)
	lines[n.Line-1] = out
	return nil
}

// scalarEnd is where the one-line scalar starting at line[start] ends.
func scalarEnd(line []byte, start int, style yaml.Style) (int, bool) {
	if start >= len(line) {
		return 0, false
	}
	switch {
	case style&yaml.DoubleQuotedStyle != 0:
		for i := start + 1; i < len(line); i++ {
			switch line[i] {
			case '\\':
				i++
			case '"':
				return i + 1, true
			}
		}
		return 0, false
	case style&yaml.SingleQuotedStyle != 0:
		for i := start + 1; i < len(line); i++ {
			if line[i] == '\'' {
				if i+1 < len(line) && line[i+1] == '\'' {
					i++
					continue
				}
				return i + 1, true
			}
		}
		return 0, false
	case style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return 0, false
	}
	// A plain scalar: up to a comment, a flow indicator or the line's end.
	end := start
	for end < len(line) {
		c := line[end]
		if c == '\n' || c == '\r' || c == ',' || c == '}' || c == ']' {
			break
		}
		if c == '#' && end > start && (line[end-1] == ' ' || line[end-1] == '\t') {
			break
		}
		end++
	}
	for end > start && (line[end-1] == ' ' || line[end-1] == '\t') {
		end--
	}
	return end, true
}

// Create writes a copy of the template tmpl into dir as <id>.yaml, with
// the new id and title (see Rewrite) and the pictures it carries in
// <id>-media/ (their paths in the text changed to match). The folder is
// made 0700 if missing, files are 0600; each file is written whole to a
// temporary name and then linked to its own, so a reader never sees half a
// file and nothing is overwritten (ErrFileExists). taken reports ids in use
// besides the folder's files.
func Create(dir string, tmpl library.Entry, id string, title scenario.Text, taken func(string) bool) (string, error) {
	if dir == "" {
		return "", ErrNoFolder
	}
	if err := CheckID(id, taken); err != nil {
		return "", err
	}
	for _, lang := range []string{"en", "zh"} {
		if strings.TrimSpace(title[lang]) == "" {
			return "", ErrTitleEmpty
		}
	}
	src, err := Rewrite(tmpl.Source, id, title)
	if err != nil {
		return "", err
	}
	// The pictures: each to <id>-media/<its name>, numbered when two share
	// a name.
	type picture struct {
		to   string
		data []byte
	}
	var pics []picture
	if tmpl.Scenario != nil {
		used := map[string]bool{}
		for i, p := range tmpl.Scenario.MediaFiles() {
			data, ok := tmpl.Media[p]
			if !ok {
				continue
			}
			name := path.Base(p)
			if used[name] {
				name = fmt.Sprintf("%d-%s", i+1, name)
			}
			used[name] = true
			to := MediaDir(id) + "/" + name
			src = replacePicturePath(src, p, to)
			pics = append(pics, picture{to, data})
		}
	}
	// The copy must load as a scenario with the new id and title.
	file := filepath.Join(dir, FileName(id))
	sc, probs := scenario.Parse(file, src)
	if sc == nil || sc.ID != id || sc.Title.Get("en") != title["en"] || sc.Title.Get("zh") != title["zh"] {
		return "", fmt.Errorf("%w: %v", ErrTemplate, probs)
	}
	if err := paths.MkdirAll(dir); err != nil {
		return "", err
	}
	if _, err := os.Lstat(file); err == nil {
		return "", ErrFileExists
	}
	if len(pics) > 0 {
		media := filepath.Join(dir, MediaDir(id))
		if err := os.Mkdir(media, paths.DirMode); errors.Is(err, fs.ErrExist) {
			return "", ErrFileExists
		} else if err != nil {
			return "", err
		}
		for _, p := range pics {
			if err := writeNew(filepath.Join(dir, filepath.FromSlash(p.to)), p.data); err != nil {
				return "", err
			}
		}
	}
	if err := writeNew(file, src); err != nil {
		return "", err
	}
	return file, nil
}

// replacePicturePath changes a picture's path where the text names it as
// a value of file: (quoted or not).
func replacePicturePath(src []byte, from, to string) []byte {
	re := regexp.MustCompile(`(file:\s*)("?)` + regexp.QuoteMeta(from) + `("?)`)
	return re.ReplaceAll(src, []byte("${1}${2}"+strings.ReplaceAll(to, "$", "$$")+"${3}"))
}

// writeNew writes data to name, which must not exist: to a temporary
// file in the same folder first (0600, synced), then linked to name.
func writeNew(name string, data []byte) error {
	dir := filepath.Dir(name)
	tmp, err := os.CreateTemp(dir, ".new-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Link(tmp.Name(), name); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return ErrFileExists
		}
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}
