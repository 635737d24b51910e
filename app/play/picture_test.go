package play

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// The parent's message carries a photo: the team's card shows it scaled
// to the card with what it shows beneath, tapping it opens it large; the
// console lists it in words. A resumed exercise shows it from its log.
func TestAnInjectsPictureOnTheCard(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	st := uitest.OpenStore(t)
	entry := uitest.EngineEntry(t, "pictures.yaml")
	if len(entry.Media) != 2 {
		t.Fatalf("pictures.yaml has %d pictures beside it", len(entry.Media))
	}
	ex := showRun(h, Config{}, uitest.StartEntry(t, st, clock, entry, 7, "Alpha"))
	uiq := uitest.QueueUI(t) // the test's goroutine is the UI goroutine: the picture decodes beside it
	test.Tap(ex.console.pauseButton)
	uiq.Pump()
	advance(t, ex, clock, time.Second)
	uiq.Pump()

	const alt = "The parent's photo: a half-drunk glass of juice, batch L2406"
	card := cardOf(t, ex.team(0), "My son was sick after your juice.")
	pics := tree.Find[*ui.Picture](t, card)
	if len(pics) != 1 || !strings.Contains(drawnText(t, pics[0]), alt) {
		t.Fatalf("the card shows %d pictures:\n%s", len(pics), drawnText(t, card))
	}
	p := pics[0]
	// Decoded off the UI goroutine, then drawn at its shape: 640×480
	// scaled into 320×180 is 240×180.
	thumb := pumpForImage(t, uiq, p)
	if got := thumb.MinSize(); got.Width != 240 || got.Height != 180 {
		t.Errorf("thumbnail drawn %v, want 240×180", got)
	}
	if b := thumb.Image.Bounds(); b.Dx() != 480 || b.Dy() != 360 {
		t.Errorf("the photo is kept at %v; want it scaled once to fit twice the box (for HiDPI), 480×360", b)
	}
	p.Tapped(nil)
	uiq.Pump()
	d := tree.Dialog(t, h.win)
	if text := drawnText(t, d); !strings.Contains(text, alt) || !strings.Contains(text, h.loc.T("picture.title")) {
		t.Errorf("the picture's dialog says:\n%s", text)
	}

	if !strings.Contains(tree.AllText(ex.console.delivered), h.loc.T("picture.line", "alt", alt)) {
		t.Errorf("the console's delivered list does not name the picture:\n%s", tree.AllText(ex.console.delivered))
	}

	// After a resume the picture comes from the log.
	uiq.Pump()
	id := ex.run.ID
	h.leave()
	uiq.Pump()
	again := resume(t, h, st, id, clock)
	uiq.Pump()
	card = cardOf(t, again.team(0), "My son was sick after your juice.")
	if pics := tree.Find[*ui.Picture](t, card); len(pics) != 1 || pumpForImage(t, uiq, pics[0]) == nil {
		t.Fatal("the resumed exercise lost the picture")
	}
}

// drawnText is the text of every label drawn in o, widgets' renderers
// included.
func drawnText(t *testing.T, o fyne.CanvasObject) string {
	var out []string
	for _, c := range tree.Find[fyne.CanvasObject](t, o) {
		if text, ok := tree.TextOf(c); ok {
			out = append(out, text)
		}
	}
	return strings.Join(out, "\n")
}

// pumpForImage runs the UI goroutine's work until the picture has its
// thumbnail, and returns the thumbnail.
func pumpForImage(t *testing.T, uiq *uitest.UIQueue, p *ui.Picture) *canvas.Image {
	t.Helper()
	for range 500 {
		uiq.Pump()
		for _, img := range tree.Find[*canvas.Image](t, p) {
			if img.Image != nil {
				return img
			}
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatal("the picture was never decoded")
	return nil
}

// A picture the exercise does not have (a log from elsewhere left it out,
// or it did not decode) shows as its description, in the UI's language.
func TestAMissingPictureShowsItsDescription(t *testing.T) {
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		loc := i18n.New(lang)
		w := uitest.Window(t)
		for name, data := range map[string][]byte{"absent": nil, "broken": []byte("\x89PNG\r\n\x1a\n broken")} {
			uiq := uitest.QueueUI(t)
			p := ui.NewPicture(w, loc, data, "a swollen bottle")
			w.SetContent(p)
			for range 100 {
				uiq.Pump()
				time.Sleep(5 * time.Millisecond)
			}
			want := loc.T("picture.missing", "alt", "a swollen bottle")
			if got := drawnText(t, p); !strings.Contains(got, want) {
				t.Errorf("%s, %s: shows %q, want %q", lang, name, got, want)
			}
		}
	}
}

// A post of the simulated public may carry a picture too (channels.yaml's
// KOL posts a photo): its card in the team's feed shows it, with what it
// shows beneath.
func TestAFeedPostsPicture(t *testing.T) {
	clock := engine.NewFakeClock()
	h := newHost(t)
	entry := uitest.EngineEntry(t, "channels.yaml")
	if !slices.Contains(entry.Scenario.MediaFiles(), "photos/glass.jpg") || entry.Media["photos/glass.jpg"] == nil {
		t.Fatalf("a feed post's picture is not among the scenario's pictures: %v", entry.Scenario.MediaFiles())
	}
	ex := showRun(h, Config{}, uitest.StartEntry(t, uitest.OpenStore(t), clock, entry, 7, "Alpha"))
	uiq := uitest.QueueUI(t)
	test.Tap(ex.console.pauseButton)
	uiq.Pump()
	advance(t, ex, clock, 3*time.Minute)
	uiq.Pump()
	posted := false
	ex.run.Session.Read(func(st *engine.State) {
		for _, it := range st.Team("Alpha").Feed {
			posted = posted || it.Post.ID == "kol"
		}
	})
	if !posted {
		t.Fatal("the KOL never posted in three minutes; pick another seed")
	}
	const alt = "The KOL's photo of a glass of the juice"
	var found *ui.Picture
	for _, p := range tree.Find[*ui.Picture](t, ex.team(0).feed.box) {
		if strings.Contains(drawnText(t, p), alt) {
			found = p
		}
	}
	if found == nil {
		t.Fatalf("no picture in the feed says %q:\n%s", alt, drawnText(t, ex.team(0).feed.box))
	}
	if pumpForImage(t, uiq, found) == nil {
		t.Fatal("the post's picture was never drawn")
	}
}
