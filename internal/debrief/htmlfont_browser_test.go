//go:build browser

package debrief

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// A browser takes the embedded fonts: Chromium's font sanitizer (OTS, as
// in Firefox) refuses a font whose tables are off in ways the Go parsers
// let pass. It needs a Chromium (apt-get install chromium), hence its build
// tag: go test -tags ci,migrated_fynedo,browser ./internal/debrief -run Chromium
// (.ci/run installs Chromium and runs it).
func TestHTMLFontsLoadInChromium(t *testing.T) {
	bin := ""
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			bin = p
			break
		}
	}
	if bin == "" {
		t.Fatal("no Chromium to load the page in: apt-get install chromium")
	}
	dir := t.TempDir()
	page := strings.Replace(string(HTML(worldReport(t, "zh", ""))), "</body>", `<pre id="fonts">?</pre><script>
document.fonts.ready.then(() => { let s = []; document.fonts.forEach(f => s.push(f.weight + ":" + f.status)); document.getElementById("fonts").textContent = "FONTS " + s.join(" ") + " END"; });
</script></body>`, 1)
	path := filepath.Join(dir, "report.html")
	if err := os.WriteFile(path, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--user-data-dir="+filepath.Join(dir, "profile"),
		"--virtual-time-budget=5000", "--dump-dom", "file://"+path).Output()
	m := regexp.MustCompile(`FONTS ([^<]*) END`).FindSubmatch(out)
	if m == nil {
		t.Fatalf("Chromium did not run the page (%v): %.300s", err, out)
	}
	if got := string(m[1]); got != "400:loaded 700:loaded" {
		t.Errorf("Chromium's verdict on the embedded fonts: %s (want both loaded; run it with --enable-logging=stderr for OTS's reason)", got)
	}
}
