package debrief

import (
	"bytes"
	"encoding/base64"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// playedPictures plays internal/engine/testdata/pictures.yaml for Alpha
// and Bravo with its two pictures: the parent's photo at 0:00 and the news
// page with the reporter's call at 5:00, to 8:00.
func playedPictures(t testing.TB, withPictures bool) (*Report, map[string][]byte) {
	t.Helper()
	sc, media, probs, err := scenario.LoadFileMedia("../engine/testdata/pictures.yaml")
	if sc == nil || err != nil || len(media) != 2 {
		t.Fatalf("pictures.yaml: %v %v, %d pictures", probs, err, len(media))
	}
	src, err := os.ReadFile("../engine/testdata/pictures.yaml")
	if err != nil {
		t.Fatal(err)
	}
	cfg := engine.Config{ScenarioID: "pictures", Source: src, Teams: []string{"Alpha", "Bravo"}, Lang: "en", Seed: 42}
	if withPictures {
		cfg.Media = media
	}
	log := &engine.MemoryLog{}
	s, err := engine.Start(cfg, log, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Send(engine.Command{Kind: engine.CmdResume}); err != nil {
		t.Fatal(err)
	}
	if err := s.AdvanceTo(8 * time.Minute); err != nil {
		t.Fatal(err)
	}
	var st *engine.State
	s.Read(func(x *engine.State) { st = x })
	r := Build(st, log.Events, "en", "")
	r.SetStarted(started)
	return r, media
}

// Every format shows what an inject's pictures show; HTML and PDF draw
// each picture once, in the file, however many teams received it.
func TestReportShowsInjectsPictures(t *testing.T) {
	r, media := playedPictures(t, true)
	const glassAlt = "The parent's photo: a half-drunk glass of juice, batch L2406"
	var rows int
	for _, e := range r.Timeline {
		if len(e.Pictures) > 0 {
			rows++
		}
	}
	if rows != 4 { // two injects with a picture, two teams
		t.Fatalf("%d timeline entries carry pictures; want 4", rows)
	}
	list := r.PictureList()
	if len(list) != 2 || list[0].File != "photos/glass.jpg" || list[0].AtSeconds != 0 || list[1].AtSeconds != 300 || list[0].Alt != glassAlt {
		t.Fatalf("PictureList = %+v", list)
	}

	html := string(HTML(r))
	for name, data := range media {
		if n := strings.Count(html, base64.StdEncoding.EncodeToString(data)); n != 1 {
			t.Errorf("the HTML draws %s %d times; want once", name, n)
		}
	}
	if strings.Count(html, `<a href="#picture-1">Picture: `+esc(glassAlt)+`</a>`) != 2 || !strings.Contains(html, `<figure id="picture-1"><img src="data:image/jpeg;base64,`) {
		t.Error("the HTML timeline does not link each team's row to the picture")
	}

	csv := string(CSV(r))
	if strings.Count(csv, "Picture: "+glassAlt) != 2 {
		t.Errorf("the CSV names the parent's photo %d times; want once per team", strings.Count(csv, "Picture: "+glassAlt))
	}
	js, err := JSON(r)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(js, []byte(`"pictures": [`)) || !bytes.Contains(js, []byte(`"file": "photos/news.png"`)) || bytes.Contains(js, []byte(base64.StdEncoding.EncodeToString(media["photos/news.png"])[:40])) {
		t.Error("the JSON must name the pictures, without their bytes")
	}

	pdf, err := PDF(r)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(pdf, []byte("/Subtype /Image")); n != 2 {
		t.Errorf("the PDF has %d images; want the two pictures once each", n)
	}
	if *update {
		_ = os.WriteFile(filepath.Join(t.TempDir(), "pictures.pdf"), pdf, 0o600)
	}
}

// An exercise played without its pictures (or whose log lost them) names
// them in words and draws none.
func TestReportWithoutThePictures(t *testing.T) {
	r, _ := playedPictures(t, false)
	if len(r.PictureList()) != 0 || len(r.Pictures) != 0 {
		t.Fatal("pictures without bytes listed to draw")
	}
	html := string(HTML(r))
	if strings.Contains(html, "<img") || strings.Contains(html, `id="pictures"`) || !strings.Contains(html, `<div class="picture">Picture: City News: juice recall widens</div>`) {
		t.Error("the HTML should name the pictures in the timeline and draw none")
	}
	pdf, err := PDF(r)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(pdf, []byte("/Subtype /Image")) {
		t.Error("the PDF draws a picture it does not have")
	}
}
