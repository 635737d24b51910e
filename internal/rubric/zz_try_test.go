package rubric

import (
	"fmt"
	"os"
	"strings"
	"testing"
)

func TestZZTry(t *testing.T) {
	b, err := os.ReadFile("/tmp/try.txt")
	if err != nil {
		t.Skip()
	}
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n") {
		lang := "en"
		if strings.HasPrefix(line, "zh:") {
			lang, line = "zh", line[3:]
		}
		r := Judge(line, Context{Lang: lang})
		var parts []string
		for _, c := range r.Checks {
			if c.Passed != c.Penalty {
				parts = append(parts, fmt.Sprintf("%s%q", map[bool]string{true: "-", false: "+"}[c.Penalty], c.ID))
				if c.Penalty {
					parts[len(parts)-1] += fmt.Sprint(c.Evidence)
				}
			}
		}
		fmt.Printf("%5.1f %s\n      %s\n", r.Overall, line[:min(len(line), 90)], strings.Join(parts, " "))
	}
}

func TestZZPairs(t *testing.T) {
	want := strings.Fields(os.Getenv("PAIRS"))
	if len(want) == 0 {
		t.Skip()
	}
	for _, e := range loadCorpus(t) {
		for _, w := range want {
			if e.Pair == w && !e.heldOut() {
				r := Judge(e.Text, e.context())
				var parts []string
				for _, c := range r.Checks {
					if c.Passed != c.Penalty {
						s := map[bool]string{true: "-", false: "+"}[c.Penalty] + c.ID
						if c.Penalty || c.ID == "facts" {
							s += fmt.Sprint(c.Evidence)
						}
						parts = append(parts, s)
					}
				}
				fmt.Printf("%s %s %5.1f %v %s\n", e.Pair, e.Lang, r.Overall, r.Scores, strings.Join(parts, " "))
			}
		}
	}
}
