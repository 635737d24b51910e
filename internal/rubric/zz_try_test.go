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
