package lan

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"math/rand/v2"
	"os"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// A team laptop shows the pictures the facilitator's exercise started
// with: they come in the exercise's first event, which the host must be
// able to send with the largest scenario file and pictures allowed.
func TestTeamLaptopGetsThePictures(t *testing.T) {
	src, err := os.ReadFile("../engine/testdata/replies.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const at = "        reply: {kind: customer-email, required_facts: [hotline]}\n"
	var media bytes.Buffer
	media.WriteString(at + "        media:\n")
	pictures := map[string][]byte{}
	total := 0
	for _, name := range []string{"a.png", "b.png", "c.png"} {
		// Noise does not compress: each picture is near the 1 MB limit,
		// the three near the 3 MB total.
		img := image.NewNRGBA(image.Rect(0, 0, 560, 560))
		r := rand.New(rand.NewPCG(1, uint64(len(name)+total)))
		for i := range img.Pix {
			img.Pix[i] = uint8(r.Uint32())
			if i%4 == 3 {
				img.Pix[i] = 255
			}
		}
		img.Set(0, 0, color.NRGBA{1, 2, 3, 255})
		var b bytes.Buffer
		if err := png.Encode(&b, img); err != nil {
			t.Fatal(err)
		}
		pictures[name] = b.Bytes()
		total += b.Len()
		media.WriteString("          - {file: " + name + ", alt: {en: A photo, zh: 一张照片}}\n")
	}
	if total > scenario.MaxMediaTotal || total < scenario.MaxMediaTotal*3/4 {
		t.Fatalf("the pictures take %d bytes; want near %d", total, scenario.MaxMediaTotal)
	}
	src = bytes.Replace(src, []byte(at), media.Bytes(), 1)
	// The largest scenario file with them: a comment fills it.
	pad := bytes.Repeat([]byte("# padding to the largest scenario a file may be\n"), scenario.MaxFileSize/48)
	src = append(src, pad[:scenario.MaxFileSize-len(src)-1]...)
	th := newTestHostConfig(t, true, engine.Config{ScenarioID: "replies", Source: src, Media: pictures,
		Teams: []string{"Alpha"}, Lang: "en", Speed: 1, Seed: 7})
	th.h.cfg.Logf = nil
	alpha := th.join("Alpha")
	waitFor(t, "Alpha's pictures", 20*time.Second, func() bool {
		ok := false
		alpha.Read(func(s *engine.State) {
			ok = s.Scenario != nil && len(s.Media) == 3
		})
		return ok
	})
	alpha.Read(func(s *engine.State) {
		for name, data := range pictures {
			if !bytes.Equal(s.Picture(name), data) {
				t.Errorf("%s differs on the team laptop", name)
			}
		}
	})
}
