package engine

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"strings"
	"testing"
)

// pictureSource is testdata/replies.yaml with a picture on the parent's
// message.
func pictureSource(t *testing.T) []byte {
	t.Helper()
	src, err := os.ReadFile("testdata/replies.yaml")
	if err != nil {
		t.Fatal(err)
	}
	const at = "        reply: {kind: customer-email, required_facts: [hotline]}\n"
	if !bytes.Contains(src, []byte(at)) {
		t.Fatal("testdata/replies.yaml changed; update pictureSource")
	}
	return bytes.Replace(src, []byte(at), []byte(at+"        media: [{file: photos/glass.png, alt: {en: A half-drunk glass, zh: 喝了一半的杯子}}]\n"), 1)
}

func smallPNG(t *testing.T, w, h int) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, image.NewGray(image.Rect(0, 0, w, h))); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// The pictures an exercise starts with go into its first event: a resume,
// a replay and a team laptop fold them from the log; the inject's card
// finds them by the path the scenario wrote.
func TestPicturesTravelInTheLog(t *testing.T) {
	src, glass := pictureSource(t), smallPNG(t, 40, 30)
	log, clock := &MemoryLog{}, NewFakeClock()
	s, err := Start(Config{ScenarioID: "replies", Source: src, Teams: []string{"Alpha"}, Lang: "en",
		Media: map[string][]byte{"photos/glass.png": glass, "unused.png": glass}}, log, clock)
	if err != nil {
		t.Fatal(err)
	}
	first := log.Events[0]
	if len(first.Media) != 1 || !bytes.Equal(first.Media["photos/glass.png"], glass) {
		t.Fatalf("exercise.started carries %d pictures; want only the one the scenario names", len(first.Media))
	}
	var got []byte
	s.Read(func(st *State) {
		got = st.Picture("photos/glass.png")
		if in := st.Teams[0].Inbox; len(in) != 1 || len(in[0].Inject.Media) != 1 || in[0].Inject.Media[0].File != "photos/glass.png" {
			t.Errorf("the delivered inject does not carry its picture: %+v", in)
		}
	})
	if !bytes.Equal(got, glass) {
		t.Fatal("the running exercise does not have the picture")
	}

	// Stored and read back, as the exercise's store and the LAN do.
	data, err := first.Encode()
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(first.Seq, first.At, string(first.Kind), data)
	if err != nil {
		t.Fatal(err)
	}
	st, err := Fold(append([]Event{back}, log.Events[1:]...))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(st.Picture("photos/glass.png"), glass) || st.Picture("unused.png") != nil {
		t.Fatal("the folded log lost the picture or kept one the scenario does not name")
	}

	// Analysis plays without the pictures: the cards show their descriptions.
	log = &MemoryLog{}
	if _, err := Start(Config{ScenarioID: "replies", Source: src, Teams: []string{"Alpha"}}, log, nil); err != nil || log.Events[0].Media != nil {
		t.Fatalf("a start without the pictures: %v, %d pictures", err, len(log.Events[0].Media))
	}
}

func TestStartRefusesBadPictures(t *testing.T) {
	src := pictureSource(t)
	for name, c := range map[string]struct {
		media map[string][]byte
		want  string
	}{
		"garbage":   {map[string][]byte{"photos/glass.png": []byte("<html>")}, "not a PNG or JPEG"},
		"too large": {map[string][]byte{"photos/glass.png": smallPNG(t, 4000, 1)}, "at most 2048 pixels"},
	} {
		_, err := Start(Config{ScenarioID: "replies", Source: src, Teams: []string{"Alpha"}, Media: c.media}, &MemoryLog{}, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: err = %v, want %q", name, err, c.want)
		}
	}
}

// A log from elsewhere (a LAN host that lies, a damaged file) cannot make
// a laptop decode what is not a picture within the limits: the fold keeps
// the exercise and leaves the bad picture out, and the card shows its
// description.
func TestFoldLeavesOutBadPictures(t *testing.T) {
	src := pictureSource(t)
	log := &MemoryLog{}
	if _, err := Start(Config{ScenarioID: "replies", Source: src, Teams: []string{"Alpha"},
		Media: map[string][]byte{"photos/glass.png": smallPNG(t, 4, 4)}}, log, nil); err != nil {
		t.Fatal(err)
	}
	for name, bad := range map[string][]byte{
		"not a picture": []byte("\x89PNG garbage"),
		"a bomb":        smallPNG(t, 10000, 1),
	} {
		events := append([]Event(nil), log.Events...)
		events[0].Media = map[string][]byte{"photos/glass.png": bad}
		st, err := Fold(events)
		if err != nil {
			t.Fatalf("%s: the fold failed: %v", name, err)
		}
		if st.Picture("photos/glass.png") != nil {
			t.Errorf("%s: kept", name)
		}
	}
}
