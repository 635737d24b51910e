package exercise

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// Forms are stored and read back as saved, across closing the database;
// an anonymous form keeps no name or role, not even on disk.
func TestFeedbackRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	db := openStore(t, path)
	run, err := Start(db, miniConfig(t, "Alpha", "Bravo"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if fs, err := db.Feedback(run.ID); err != nil || len(fs) != 0 {
		t.Fatalf("a new exercise has forms: %v, %v", fs, err)
	}
	named := debrief.FeedbackForm{Team: "Alpha", Name: " 李伟 ", Role: "发言人", Lang: "zh",
		Answers: map[string]string{"strengths": "分工清楚", "change": ""},
		Ratings: map[string]int{"realistic": 5, "role": 4}}
	anon := debrief.FeedbackForm{Anonymous: true, Team: "Bravo", Name: "Secret Person", Role: "Legal", Lang: "en",
		Answers: map[string]string{"improvements": "Slow legal review"},
		Ratings: map[string]int{"objectives": 2}}
	s1, err := db.SaveFeedback(run.ID, named)
	if err != nil || s1.Seq != 1 || s1.Name != "李伟" {
		t.Fatalf("first form: %+v, %v", s1, err)
	}
	s2, err := db.SaveFeedback(run.ID, anon)
	if err != nil || s2.Seq != 2 || s2.Name != "" || s2.Role != "" {
		t.Fatalf("anonymous form: %+v, %v", s2, err)
	}
	db.Close()

	db = openStore(t, path)
	defer db.Close()
	got, err := db.Feedback(run.ID)
	if err != nil || len(got) != 2 {
		t.Fatalf("after reopen: %+v, %v", got, err)
	}
	for i := range got {
		if got[i].Saved.IsZero() {
			t.Errorf("form %d has no save time", i+1)
		}
		got[i].Saved = s1.Saved
	}
	want := []debrief.FeedbackForm{
		{Seq: 1, Team: "Alpha", Name: "李伟", Role: "发言人", Lang: "zh", Answers: map[string]string{"strengths": "分工清楚"}, Ratings: map[string]int{"realistic": 5, "role": 4}},
		{Seq: 2, Anonymous: true, Team: "Bravo", Lang: "en", Answers: map[string]string{"improvements": "Slow legal review"}, Ratings: map[string]int{"objectives": 2}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("read back\n %+v\nwant %+v", got, want)
	}
	recs, err := db.st.Feedback(run.ID)
	if err != nil {
		t.Fatal(err)
	}
	if d := string(recs[1].Data); strings.Contains(d, "Secret") || strings.Contains(d, "Legal") || strings.Contains(d, `"name"`) || strings.Contains(d, `"role"`) {
		t.Errorf("the anonymous form on disk carries a name or role: %s", d)
	}
}

func TestSaveFeedbackRefuses(t *testing.T) {
	db := openStore(t, filepath.Join(t.TempDir(), "fb.db"))
	defer db.Close()
	run, err := Start(db, miniConfig(t, "Alpha"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SaveFeedback(run.ID, debrief.FeedbackForm{Name: "Li"}); !errors.Is(err, debrief.ErrFeedbackEmpty) {
		t.Errorf("an empty form: %v", err)
	}
	if _, err := db.SaveFeedback(run.ID, debrief.FeedbackForm{Ratings: map[string]int{"role": 9}}); !errors.Is(err, debrief.ErrFeedbackRating) {
		t.Errorf("a rating of 9: %v", err)
	}
	if _, err := db.SaveFeedback("nobody", debrief.FeedbackForm{Ratings: map[string]int{"role": 3}}); !errors.Is(err, ErrNotFound) {
		t.Errorf("no exercise: %v", err)
	}
	if fs, err := db.Feedback(run.ID); err != nil || len(fs) != 0 {
		t.Errorf("refused forms were stored: %v, %v", fs, err)
	}
}

// A form sent from a team laptop is stored once per ref, across closing
// the database, and counted by the team of the laptop that sent it; forms
// filled in on the facilitator's laptop are not counted as sent.
func TestFeedbackOncePerRef(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fb.db")
	db := openStore(t, path)
	run, err := Start(db, miniConfig(t, "Alpha", "Bravo"), scenario.Text{"en": "Mini"}, "gui", nil, EachEvent)
	if err != nil {
		t.Fatal(err)
	}
	f := debrief.FeedbackForm{Team: "Alpha", Anonymous: true, Ratings: map[string]int{"realistic": 3}}
	s1, dup, err := run.SaveFeedbackOnce("lan:a:1", f)
	if err != nil || dup || s1.Seq != 1 {
		t.Fatalf("first: %+v %v %v", s1, dup, err)
	}
	if _, err := db.SaveFeedback(run.ID, debrief.FeedbackForm{Team: "Bravo", Ratings: map[string]int{"plans": 2}}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db = openStore(t, path)
	defer db.Close()
	again, dup, err := db.SaveFeedbackOnce(run.ID, "lan:a:1", debrief.FeedbackForm{Team: "Alpha", Ratings: map[string]int{"realistic": 1}})
	if err != nil || !dup || again.Seq != 1 || again.Ratings["realistic"] != 3 {
		t.Fatalf("again: %+v %v %v", again, dup, err)
	}
	if _, dup, err := db.SaveFeedbackOnce(run.ID, "lan:a:2", f); err != nil || dup {
		t.Fatalf("second ref: %v %v", dup, err)
	}
	all, err := db.Feedback(run.ID)
	if err != nil || len(all) != 3 {
		t.Fatalf("forms: %d %v", len(all), err)
	}
	n, err := db.LANFeedback(run.ID)
	if err != nil || !reflect.DeepEqual(n, map[string]int{"Alpha": 2}) {
		t.Fatalf("counts: %v %v", n, err)
	}
	if _, _, err := db.SaveFeedbackOnce(run.ID, "", f); err == nil {
		t.Error("a form without a ref was taken")
	}
}
