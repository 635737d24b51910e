package rubric

import (
	"fmt"
	"hash/fnv"
	"math"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The statement corpus (testdata/corpus, described in its README): written
// and judged by a trainer's standards, not by the rubric. These tests
// measure how well the rubric agrees with it.

type corpusEntry struct {
	ID       string         `yaml:"id"`
	Lang     string         `yaml:"lang"`
	Pair     string         `yaml:"pair"`
	Scenario string         `yaml:"scenario"`
	Hazard   string         `yaml:"hazard"`
	Stance   string         `yaml:"stance"`
	Clash    *bool          `yaml:"clash"`
	Tier     int            `yaml:"tier"`
	Dims     map[string]int `yaml:"dims"`
	Traps    []string       `yaml:"traps"`
	Reason   string         `yaml:"reason"`
	Text     string         `yaml:"text"`

	// Batch is the author batch the entry came from: its file's name
	// without the extension (recall-food, heldout-v6e…). Each batch is one
	// fold of the leave-one-batch-out evaluation (TestCorpusBatches).
	Batch string `yaml:"-"`
}

// heldOut tells whether an entry belongs to the third of the corpus that
// version 2 held out (third 0). That third has since been looked at, so the
// whole corpus is tuning data now; the thirds serve for cross-validation.
func (e corpusEntry) heldOut() bool { return e.fold() == 0 }

// fold is the entry's third of the corpus (0, 1 or 2): the FNV-1a hash of
// its pair (or id) modulo 3, so both halves of a pair fall in one third.
func (e corpusEntry) fold() int {
	key := e.Pair
	if key == "" {
		key = e.ID
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32() % 3)
}

func (e corpusEntry) context() Context {
	return Context{Lang: e.Lang, Hazard: e.Hazard, Stance: e.Stance}
}

var corpusTraps = strings.Fields(`false-reassurance keep-using keyword-salad plain-apology non-apology conditional-apology idiom
	victim-playing speculation blame-partner blame-customer blame-saboteur legal-threat quoting-critic over-promise bare-caused
	cold-complete warm-vague stealing-thunder fatal-line filler denial minimising no-comment negation model clash`)

func loadCorpus(t testing.TB) []corpusEntry {
	t.Helper()
	return loadCorpusFiles(t, filepath.Join("testdata", "corpus", "*.yaml"))
}

// judgeEntry is Judge of a corpus entry, judged once for all the tests
// of the package: several judge the whole corpus with this version, and
// the judge is deterministic (TestDeterministicAndOrdered).
func judgeEntry(e corpusEntry) Result {
	key := fmt.Sprintf("%q %#v", e.Text, e.context())
	if r, ok := judged.Load(key); ok {
		return r.(Result)
	}
	r := Judge(e.Text, e.context())
	judged.Store(key, r)
	return r
}

var judged sync.Map

// judgeCorpus is judgeEntry of each entry.
func judgeCorpus(es []corpusEntry) []Result {
	rs := make([]Result, len(es))
	for i, e := range es {
		rs[i] = judgeEntry(e)
	}
	return rs
}

// loadCorpusFiles reads the corpus files matching pattern.
func loadCorpusFiles(t testing.TB, pattern string) []corpusEntry {
	t.Helper()
	es := readCorpusFiles(t, pattern)
	if len(es) == 0 {
		t.Fatalf("no corpus files match %s", pattern)
	}
	return es
}

// readCorpusFiles reads the corpus files matching pattern; none is no error.
func readCorpusFiles(t testing.TB, pattern string) []corpusEntry {
	t.Helper()
	files, err := filepath.Glob(pattern)
	if err != nil {
		t.Fatalf("corpus files %s: %v", pattern, err)
	}
	var all []corpusEntry
	seen := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var es []corpusEntry
		if err := yaml.Unmarshal(b, &es); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, e := range es {
			if seen[e.ID] {
				t.Fatalf("%s: duplicate id %s", f, e.ID)
			}
			seen[e.ID] = true
			e.Batch = strings.TrimSuffix(filepath.Base(f), filepath.Ext(f))
			if e.Lang != "en" && e.Lang != "zh" || e.Tier < 1 || e.Tier > 4 || len(e.Dims) != 4 || strings.TrimSpace(e.Text) == "" {
				t.Fatalf("%s: entry %s is malformed", f, e.ID)
			}
			all = append(all, e)
		}
	}
	return all
}

// kendall returns Kendall's τ-b and Stuart's τ-c between x and y. τ-b
// between a continuous score and a four-level tier cannot reach 1 (the
// tier's ties are counted against it); τ-c, made for tables whose two sides
// have different numbers of levels, reaches 1 on a perfect ordering.
func kendall(x, y []float64) (tauB, tauC float64) {
	n := len(x)
	var c, d, tx, ty float64
	for i := 0; i < n; i++ {
		for j := i + 1; j < n; j++ {
			dx, dy := x[i]-x[j], y[i]-y[j]
			switch {
			case dx == 0 && dy == 0:
			case dx == 0:
				tx++
			case dy == 0:
				ty++
			case dx*dy > 0:
				c++
			default:
				d++
			}
		}
	}
	if den := math.Sqrt((c + d + tx) * (c + d + ty)); den > 0 {
		tauB = (c - d) / den
	}
	m := float64(min(levels(x), levels(y)))
	if m > 1 && n > 0 {
		tauC = 2 * m * (c - d) / (float64(n*n) * (m - 1))
	}
	return tauB, tauC
}

func levels(v []float64) int {
	s := map[float64]bool{}
	for _, x := range v {
		s[x] = true
	}
	return len(s)
}

func TestKendall(t *testing.T) {
	// Perfect order over four equal tiers: τ-c 1, τ-b at its ceiling
	// sqrt(1 - tied pairs / all pairs) = sqrt(1 - 4·C(2,2)/C(8,2)).
	x := []float64{1, 2, 3, 4, 5, 6, 7, 8}
	y := []float64{1, 1, 2, 2, 3, 3, 4, 4}
	b, c := kendall(x, y)
	if math.Abs(c-1) > 1e-9 || math.Abs(b-math.Sqrt(1-4.0/28)) > 1e-9 {
		t.Errorf("perfect: τ-b %v τ-c %v", b, c)
	}
	slices.Reverse(x)
	if b, c := kendall(x, y); math.Abs(c+1) > 1e-9 || b >= 0 {
		t.Errorf("reversed: τ-b %v τ-c %v", b, c)
	}
	// One discordant pair of 24 untied ones.
	x = []float64{1, 3, 2, 4, 5, 6, 7, 8}
	if _, c := kendall(x, y); math.Abs(c-2*4*22.0/(64*3)) > 1e-9 {
		t.Errorf("one swap: τ-c %v", c)
	}
}

func TestCorpusShape(t *testing.T) {
	es := loadCorpus(t)
	n := map[string]int{}
	pairs := map[string][]string{}
	traps := map[string]map[string]bool{"en": {}, "zh": {}}
	held := 0
	for _, e := range es {
		n[e.Lang]++
		if e.Pair != "" {
			pairs[e.Pair] = append(pairs[e.Pair], e.Lang)
		}
		for _, tr := range e.Traps {
			if !slices.Contains(corpusTraps, tr) {
				t.Errorf("%s: unknown trap %q", e.ID, tr)
			}
			traps[e.Lang][tr] = true
		}
		if e.heldOut() {
			held++
		}
	}
	if len(es) < 200 || n["en"] < 100 || n["zh"] < 100 {
		t.Errorf("corpus has %d entries (%d en, %d zh), want 200 with at least 100 in each language", len(es), n["en"], n["zh"])
	}
	for p, ls := range pairs {
		if slices.Sort(ls); !slices.Equal(ls, []string{"en", "zh"}) {
			t.Errorf("pair %s has %v, want one en and one zh", p, ls)
		}
	}
	if len(pairs) < 20 {
		t.Errorf("%d pairs (%d statements), want at least 20 pairs", len(pairs), 2*len(pairs))
	}
	for _, l := range []string{"en", "zh"} {
		for _, tr := range corpusTraps {
			if tr != "clash" && !traps[l][tr] {
				t.Errorf("no %s entry exercises %s", l, tr)
			}
		}
	}
	if f := float64(held) / float64(len(es)); f < 0.25 || f > 0.42 {
		t.Errorf("held out %d of %d", held, len(es))
	}
}

// TargetTau is the agreement issue 11 asks of the judge (Stuart's τ-c
// between the overall score and the expert tier, per language) on
// statements it was not tuned on. The whole corpus is tuning data now, so
// reaching it here says little; the fresh held-out set measured outside
// this repository's tests decides (docs/rubric.md has the figures). The
// test guards the floor below and reports the thirds.
const TargetTau = 0.8

// tauFloor is the agreement version 7 reaches on the whole tuning corpus
// (624 statements: the corpus and the held-out sets of versions 3 to 6,
// each measured before it joined; en 0.890, zh 0.913), less about 0.02: a
// change that loses agreement fails. (Version 6 reached en 0.838, zh 0.840
// on the same statements.) With set v7 added after its one measurement
// (720 statements) version 7 reaches en 0.883, zh 0.906; with set v8
// (816 statements) version 8 reaches en 0.881, zh 0.903; version 9 en
// 0.901, zh 0.918 (floors raised to about 0.01–0.02 below); with sets v9k
// and v9l (912 statements) version 9 reaches en 0.903, zh 0.904; version
// 10 en 0.906, zh 0.918; with sets v10m and v10n (1008 statements) en
// 0.899, zh 0.903; version 11 en 0.907, zh 0.919; with sets v11o and v11p
// (1104 statements) en 0.899, zh 0.916; version 12 en 0.908, zh 0.917;
// with sets v12q and v12r (1200 statements) en 0.906, zh 0.912; with sets
// v13s and v13t (1296 statements) en 0.903, zh 0.901; version 13 en 0.902,
// zh 0.904; with sets v14u and v14v (1392 statements) en 0.898, zh 0.890;
// version 14 en 0.899, zh 0.889; with sets v15w and v15x (1488 statements)
// en 0.892, zh 0.888; version 15 en 0.909, zh 0.899; with sets v16y and
// v16z (1584 statements) en 0.906, zh 0.894; version 16 en 0.913, zh
// 0.901; with sets v17a and v17b (1680 statements) en 0.911, zh 0.901;
// with sets v18a and v18b (1776 statements) en 0.904, zh 0.892; version
// 17 en 0.905, zh 0.894; with sets v19a and v19b (1872 statements) en
// 0.907, zh 0.892.
var tauFloor = map[string]float64{"en": 0.88, "zh": 0.88}

// batchFloor is the lowest per-batch τ-c (TestCorpusBatches) a version may
// reach in each language: version 7's worst batches (en heldout-v5c 0.667,
// zh heldout-v4a 0.792) less about 0.03. Version 6's were 0.472 and 0.616.
// Version 9's are en heldout-v5c 0.699 and zh heldout-v5c 0.815 (version
// 8's on the same 816 statements: 0.667 and 0.815); the floors rise to
// 0.67 and 0.79. Sets v9k and v9l, measured once as held-out data and
// then added, bring zh heldout-v9k at 0.722 (version 8: 0.722); the zh
// floor falls to 0.70 so that it guards the version as it is. Version 10
// with sets v10m and v10n: en heldout-v5c 0.699, zh heldout-v10n 0.722.
// Version 11 with sets v11o and v11p: en heldout-v5c 0.699, zh
// heldout-v5c 0.815 (heldout-v10n 0.889); the zh floor rises to 0.79.
// Sets v12q and v12r, measured once and then added, bring zh heldout-v12r
// at 0.755 (version 11 the same); the zh floor falls to 0.75. Sets v13s and
// v13t, measured once with version 12 and then added, bring zh heldout-v13s
// at 0.662; the zh floor falls to 0.65. Version 13 reads zh heldout-v13s at
// 0.745; sets v14u and v14v, measured once with version 13 and then added,
// bring zh heldout-v14v at 0.597 (version 12 the same): the zh floor falls
// to 0.58. Version 15 reads zh heldout-v14v at 0.833; with sets v16y and
// v16z its worst batches are en heldout-v5c 0.699 and zh heldout-v13s
// 0.745: the zh floor rises to 0.72. Sets v18a and v18b, measured once
// with version 16 and then added, bring zh heldout-v18a at 0.713 (version
// 15 the same): the zh floor falls to 0.69. Sets v26a and v26b, measured
// once with version 23 and then added, bring zh heldout-v26b at 0.574
// (versions 20 to 22 read set v26 almost alike): the zh
// floor falls to 0.56.
var batchFloor = map[string]float64{"en": 0.67, "zh": 0.56}

type agreement struct {
	n              int
	tauB, tauC     float64
	dims           map[string]float64 // τ-c per dimension
	ceilingB       float64            // the τ-b a perfect judge would reach
	discordantRate float64
}

func agree(es []corpusEntry, rs []Result) agreement {
	var x, y []float64
	dx, dy := map[string][]float64{}, map[string][]float64{}
	for i, e := range es {
		x = append(x, rs[i].Overall)
		y = append(y, float64(e.Tier))
		for _, d := range Dimensions {
			dx[d] = append(dx[d], rs[i].Scores[d])
			dy[d] = append(dy[d], float64(e.Dims[d]))
		}
	}
	a := agreement{n: len(es), dims: map[string]float64{}}
	a.tauB, a.tauC = kendall(x, y)
	ideal := make([]float64, len(y))
	for i := range y {
		ideal[i] = y[i]*1000 + float64(i) // a perfect order with no ties of its own
	}
	a.ceilingB, _ = kendall(ideal, y)
	for _, d := range Dimensions {
		_, a.dims[d] = kendall(dx[d], dy[d])
	}
	return a
}

func (a agreement) String() string {
	var ds []string
	for _, d := range Dimensions {
		ds = append(ds, fmt.Sprintf("%s %.2f", d, a.dims[d]))
	}
	return fmt.Sprintf("n %3d  τ-c %.3f  τ-b %.3f (ceiling %.3f)  dimensions τ-c: %s", a.n, a.tauC, a.tauB, a.ceilingB, strings.Join(ds, ", "))
}

func TestCorpusAgreement(t *testing.T) {
	es := loadCorpus(t)
	rs := judgeCorpus(es)
	for _, lang := range []string{"en", "zh"} {
		for _, part := range []int{-1, 0, 1, 2} {
			var pe []corpusEntry
			var pr []Result
			for i, e := range es {
				if e.Lang == lang && (part < 0 || e.fold() == part) {
					pe, pr = append(pe, e), append(pr, rs[i])
				}
			}
			a := agree(pe, pr)
			name := "all"
			if part >= 0 {
				name = fmt.Sprintf("third %d", part)
			}
			t.Logf("%s %-8s %v", lang, name, a)
			if part < 0 && a.tauC < tauFloor[lang] {
				t.Errorf("%s: τ-c %.3f with the corpus, below this version's %.2f", lang, a.tauC, tauFloor[lang])
			}
			if part < 0 && a.tauC < TargetTau {
				t.Logf("%s: τ-c %.3f is below the target %.2f", lang, a.tauC, TargetTau)
			}
		}
	}
	// Tier means, to see the bands.
	for _, lang := range []string{"en", "zh"} {
		var line []string
		for tier := 1; tier <= 4; tier++ {
			var sum float64
			var k int
			for i, e := range es {
				if e.Lang == lang && e.Tier == tier {
					sum += rs[i].Overall
					k++
				}
			}
			if k > 0 {
				line = append(line, fmt.Sprintf("tier %d: %.1f (n %d)", tier, sum/float64(k), k))
			}
		}
		t.Logf("%s mean overall by tier: %s", lang, strings.Join(line, ", "))
	}
	// FIREBREAK_CORPUS_SHOW=1 lists the corpus entry by entry; with
	// FIREBREAK_CORPUS_THIRDS (say "01") only those thirds, so a change can
	// be made looking at two thirds and checked on the third not listed.
	if os.Getenv("FIREBREAK_CORPUS_SHOW") != "" {
		thirds := os.Getenv("FIREBREAK_CORPUS_THIRDS")
		idx := make([]int, 0, len(es))
		for i, e := range es {
			if thirds == "" || strings.Contains(thirds, fmt.Sprint(e.fold())) {
				idx = append(idx, i)
			}
		}
		sort.SliceStable(idx, func(a, b int) bool {
			ea, eb := es[idx[a]], es[idx[b]]
			if ea.Lang != eb.Lang {
				return ea.Lang < eb.Lang
			}
			if ea.Tier != eb.Tier {
				return ea.Tier < eb.Tier
			}
			return rs[idx[a]].Overall < rs[idx[b]].Overall
		})
		for _, i := range idx {
			e, r := es[i], rs[i]
			var fired []string
			for _, c := range r.Checks {
				if c.Penalty && !c.Passed {
					fired = append(fired, fmt.Sprintf("-%s%q", c.ID, c.Evidence))
				} else if !c.Penalty && c.Passed {
					fired = append(fired, "+"+c.ID)
				}
			}
			fmt.Printf("%s tier %d %5.1f %-16s %s\n    %s\n    %s\n", e.Lang, e.Tier, r.Overall, e.ID, strings.Join(fired, " "),
				strings.ReplaceAll(strings.TrimSpace(e.Text), "\n", " / "), e.Reason)
		}
	}
}

// MaxPairGap is the largest difference issue 11 allows between the overall
// scores of the English and Chinese versions of one statement. Versions 8
// and 9 do not meet it yet. On the 211 tuning pairs version 7 had a mean gap
// of 6.2 with 41 pairs more than 10 apart; version 8 has 5.3 and 31
// (largest 69.8, v5c-p06). Leave-one-batch-out (each pair judged without
// the version 8 changes its own batch motivated) gives 6.3 and 41: the
// gain is on the batches the changes were found in (docs/rubric.md). Set
// v8's 48 pairs, measured once and then added (10 of them more than 10
// apart), make 259 pairs: mean gap 6.1, 41 more than 10 apart.
// Version 9 (aligned concepts and ten readings, docs/rubric.md): mean gap
// 4.4, 26 pairs more than 10 apart, largest 34.1 (v7g-p07); judged
// leave-one-batch-out, 6.3 and 43. Every pair within 10 is still not met;
// the test fails when either figure grows past the bounds below (the
// version 9 figures plus a small margin). Sets v9k and v9l's 48 pairs,
// measured once (mean gap 11.7, 14 more than 10 apart; version 8: 12.4
// and 15) and then added, make 307 pairs: mean gap 5.5, 40 more than 10
// apart, largest 82.2 (v9k-p03). Version 10: 4.6 and 34 of them; sets
// v10m and v10n's 48 pairs, measured once (mean gap 9.8, 14 more than 10
// apart; version 9 the same) and then added, make 355 pairs: mean gap
// 5.2, 47 more than 10 apart, largest 91.3 (v10n-p19). Version 11: 4.6
// and 42 of them; sets v11o and v11p's 48 pairs, measured once (mean gap
// 8.1, 16 more than 10 apart; version 10: 8.3 and 16) and then added, make
// 403 pairs: mean gap 5.0, 58 more than 10 apart, largest 42.9
// (v10m-p08). Version 12: 4.7 and 53; sets v12q and v12r's 48 pairs,
// measured once (mean gap 12.4, 21 more than 10 apart; version 11 the
// same) and then added, make 451 pairs: mean gap 5.5, 74 more than 10
// apart, largest 72.2 (v12r-p19). Sets v13s and v13t's 48 pairs, measured
// once with version 12 (mean gap 8.8, 9 more than 10 apart) and then added,
// make 499 pairs: mean gap 5.9, 83 more than 10 apart, largest 82.2
// (v13s-p15). Version 13: 5.7 and 80; sets v14u and v14v's 48 pairs,
// measured once (mean gap 14.3, 19 more than 10 apart; version 12: 13.9 and
// 18) and then added, make 547 pairs: mean gap 6.5, 99 more than 10 apart,
// largest 83.3 (v14v-p07). Version 14: 6.4 and 98; sets v15w and v15x's
// 48 pairs, measured once (mean gap 10.9, 15 more than 10 apart; version
// 13 the same) and then added, make 595 pairs: mean gap 6.8, 113 more than
// 10 apart. Version 15: 5.8 and 101; sets v16y and v16z's 48 pairs,
// measured once (mean gap 11.4, 17 more than 10 apart; version 14: 11.1
// and 16) and then added, make 643 pairs: mean gap 6.2, 118 more than 10
// apart, largest 89.8 (v16z-p02). Version 16: 5.8 and 111; sets v17a and
// v17b's 48 pairs, measured once (mean gap 10.4, 11 more than 10 apart;
// version 15 the same) and then added, make 691 pairs: mean gap 6.1, 122
// more than 10 apart, largest 82.7 (v17a-p11). Sets v18a and v18b's 48
// pairs, measured once with version 16 (mean gap 12.0, 18 more than 10
// apart; version 15: 13.3 and 19) and then added, make 739 pairs: mean gap
// 6.5, 140 more than 10 apart, largest 93.4 (v18a-p02). Version 17: 6.3
// and 138; sets v19a and v19b's 48 pairs, measured once (mean gap 13.3, 18
// more than 10 apart; version 16 the same) and then added, make 787 pairs:
// mean gap 6.8, 156 more than 10 apart. Version 18: 6.2 and 149; sets v20a
// and v20b's 48 pairs, measured once (mean gap 10.4, 19 more than 10 apart;
// version 17: 10.2 and 18) and then added, make 835 pairs: mean gap 6.5,
// 168 more than 10 apart. Version 19: 6.3 and 164; sets v21a and v21b's 48
// pairs, measured once (mean gap 5.8, 8 more than 10 apart; versions 18
// and 17 the same) and then added, make 883 pairs: mean gap 6.3, 172 more
// than 10 apart. Version 20: 6.1 and 164; sets v22a and v22b's 48 pairs,
// measured once (mean gap 9.7, 17 more than 10 apart; version 19: 9.3 and
// 16) and then added, make 931 pairs: mean gap 6.3, 181 more than 10
// apart. Sets v23a and v23b's 48 pairs, measured once with version 20
// (mean gap 10.3, 17 more than 10 apart, largest 90.0; version 19 the
// same) and then added, make 979 pairs: mean gap 6.5, 198 more than 10
// apart, largest 93.4 (v18a-p02). Version 21: 6.3 and 196; sets v24a and
// v24b's 48 pairs, measured once (mean gap 10.1, 13 more than 10 apart;
// version 20: 10.7 and 15) and then added, make 1027 pairs: mean gap 6.5,
// 209 more than 10 apart. Version 22: 6.3 and 206; sets v25a and v25b's
// 48 pairs, measured once (mean gap 9.7, 10 more than 10 apart; version
// 21 the same) and then added, make 1075 pairs: mean gap 6.5, 216 more
// than 10 apart. Version 23: 6.3 and 211; sets v26a and v26b's 48 pairs,
// measured once (mean gap 15.1, 16 more than 10 apart, largest 89.0;
// version 22: 15.3 and 16) and then added, make 1123 pairs: mean gap 6.6,
// 227 more than 10 apart. Version 24: 6.5 and 226; sets v27a and v27b's
// 48 pairs, measured once (mean gap 9.1, 12 more than 10 apart; version
// 23 the same, version 20: 8.6 and 12) and then added, make 1171 pairs:
// mean gap 6.6, 238 more than 10 apart. Sets v28a and v28b's 48 pairs,
// measured once more with version 24 (mean gap 10.2, 13 more than 10
// apart; version 20: 10.4 and 14) and then added, make 1219 pairs: mean
// gap 6.7, 251 more than 10 apart.
const (
	MaxPairGap   = 10
	maxMeanGap   = 7.0
	maxWidePairs = 255
)

// corpusPair is an English entry and its Chinese translation.
type corpusPair struct {
	name   string
	en, zh corpusEntry
}

// enZhPairs are the pairs of es with both halves, in the order of their
// names.
func enZhPairs(es []corpusEntry) []corpusPair {
	by := map[string]*corpusPair{}
	for _, e := range es {
		if e.Pair == "" {
			continue
		}
		p := by[e.Pair]
		if p == nil {
			p = &corpusPair{name: e.Pair}
			by[e.Pair] = p
		}
		if e.Lang == "en" {
			p.en = e
		} else {
			p.zh = e
		}
	}
	var out []corpusPair
	for _, p := range by {
		if p.en.ID != "" && p.zh.ID != "" {
			out = append(out, *p)
		}
	}
	slices.SortFunc(out, func(a, b corpusPair) int { return strings.Compare(a.name, b.name) })
	return out
}

func TestCorpusParity(t *testing.T) {
	es := loadCorpus(t)
	pairs := enZhPairs(es)
	worst, worstKey := 0.0, ""
	var sum float64
	var wide []string
	batchSum, batchN, batchWide := map[string]float64{}, map[string]int{}, map[string]int{}
	// oneSided counts, per check, the pairs in which it passes (a credit)
	// or fires (a penalty) in one language only: a check far more often
	// one-sided in one language reads more broadly there.
	oneSided := map[string][2]int{}
	for _, p := range pairs {
		k := p.name
		en, zh := Judge(p.en.Text, p.en.context()), Judge(p.zh.Text, p.zh.context())
		for i, c := range en.Checks {
			if i >= len(zh.Checks) || zh.Checks[i].ID != c.ID {
				break
			}
			if inEn, inZh := c.Penalty != c.Passed, zh.Checks[i].Penalty != zh.Checks[i].Passed; inEn != inZh {
				n := oneSided[c.ID]
				if inEn {
					n[0]++
				} else {
					n[1]++
				}
				oneSided[c.ID] = n
			}
		}
		gap := math.Abs(en.Overall - zh.Overall)
		sum += gap
		batchSum[p.en.Batch] += gap
		batchN[p.en.Batch]++
		if gap > MaxPairGap {
			batchWide[p.en.Batch]++
		}
		if gap > worst {
			worst, worstKey = gap, k
		}
		if gap > MaxPairGap {
			wide = append(wide, fmt.Sprintf("%s (en %.1f, zh %.1f)", k, en.Overall, zh.Overall))
			if os.Getenv("FIREBREAK_CORPUS_PAIRS") != "" {
				fmt.Printf("%s [%s] tier %d/%d en %.1f zh %.1f: %s\n", k, p.en.Batch, p.en.Tier, p.zh.Tier, en.Overall, zh.Overall, pairDiff(en, zh))
			}
		}
	}
	mean := sum / float64(len(pairs))
	t.Logf("%d pairs: mean gap %.1f, largest %.1f (%s); %d pairs more than %d apart: %s", len(pairs), mean, worst, worstKey,
		len(wide), MaxPairGap, strings.Join(wide, ", "))
	var batches []string
	for b := range batchN {
		batches = append(batches, b)
	}
	slices.Sort(batches)
	var line []string
	for _, b := range batches {
		line = append(line, fmt.Sprintf("%s %.1f/%d of %d", b, batchSum[b]/float64(batchN[b]), batchWide[b], batchN[b]))
	}
	t.Logf("by batch (mean gap/pairs more than %d apart of pairs): %s", MaxPairGap, strings.Join(line, ", "))
	var sided []string
	for _, d := range Catalogue {
		if n, ok := oneSided[d.ID]; ok {
			sided = append(sided, fmt.Sprintf("%s %d/%d", d.ID, n[0], n[1]))
		}
	}
	t.Logf("pairs in which a check passes (a credit) or fires (a penalty) in one language only, en/zh: %s", strings.Join(sided, ", "))
	if mean > maxMeanGap || len(wide) > maxWidePairs {
		t.Errorf("parity regressed: mean gap %.1f (at most %.1f), %d pairs more than %d apart (at most %d)", mean, maxMeanGap, len(wide), MaxPairGap, maxWidePairs)
	}
}

// pairDiff lists the checks whose outcome differs between the English and
// the Chinese judgement of one pair, with the side it fired or passed on and
// its evidence: what FIREBREAK_CORPUS_PAIRS=1 prints for each wide pair.
func pairDiff(en, zh Result) string {
	state := func(r Result) map[string]Check {
		m := map[string]Check{}
		for _, c := range r.Checks {
			if c.Penalty && !c.Passed || !c.Penalty && c.Passed {
				m[c.ID] = c
			}
		}
		return m
	}
	a, b := state(en), state(zh)
	var out []string
	for _, c := range en.Checks {
		if _, ok := b[c.ID]; !ok {
			if x, ok := a[c.ID]; ok {
				out = append(out, fmt.Sprintf("en-only %s%q", x.ID, x.Evidence))
			}
		}
	}
	for _, c := range zh.Checks {
		if _, ok := a[c.ID]; !ok {
			if x, ok := b[c.ID]; ok {
				out = append(out, fmt.Sprintf("zh-only %s%q", x.ID, x.Evidence))
			}
		}
	}
	return strings.Join(out, " ")
}

// The corpus marks some statements as contradicting the chosen option's
// stance. The judge's rule (StanceClash) is narrower than a trainer's
// reading: a holding line under "acknowledge" is not a contradiction to it.
// The test reports the agreement and fails if it drops below half.
func TestCorpusClash(t *testing.T) {
	n, agreeN := 0, 0
	for _, e := range loadCorpus(t) {
		if e.Clash == nil {
			continue
		}
		n++
		r := judgeEntry(e)
		if got := r.Clash != ""; got == *e.Clash {
			agreeN++
		} else {
			t.Logf("%s (stance %s): clash %q, corpus says %v", e.ID, e.Stance, r.Clash, *e.Clash)
		}
	}
	t.Logf("clash agrees on %d of %d", agreeN, n)
	if n == 0 || 2*agreeN < n {
		t.Errorf("clash agrees with the corpus on %d of %d", agreeN, n)
	}
}

// BenchmarkJudge300Words judges a 300-word English statement and a Chinese
// one of similar length (about 600 characters) built from the corpus; the
// judge runs as the team types, and the target is 5 ms a statement.
func BenchmarkJudge300Words(b *testing.B) {
	es := loadCorpus(b)
	build := func(lang string, enough func(string) bool) string {
		var sb strings.Builder
		for _, e := range es {
			if e.Lang == lang && e.Tier == 4 {
				sb.WriteString(e.Text)
				sb.WriteString("\n")
				if enough(sb.String()) {
					break
				}
			}
		}
		return sb.String()
	}
	en := build("en", func(s string) bool { return len(strings.Fields(s)) >= 300 })
	en = strings.Join(strings.Fields(en)[:300], " ")
	zh := build("zh", func(s string) bool { return len([]rune(s)) >= 600 })
	zh = string([]rune(zh)[:600])
	for _, c := range []struct{ lang, text string }{{"en", en}, {"zh", zh}} {
		b.Run(c.lang, func(b *testing.B) {
			for b.Loop() {
				Judge(c.text, Context{Lang: c.lang})
			}
		})
	}
}

// TestCorpusHeldOut measures the judge on statements it was never tuned
// on: whatever testdata/corpus/heldout/*.yaml holds. A held-out set is
// written for one measurement by writers who did not see the judge's code
// or run it, put there after the version it measures is final, measured
// once, and then moved beside the tuning data (heldout-<set>.yaml), as sets
// v3 to v6 were (docs/rubric.md). It is not part of loadCorpus. It reports
// this version's figures and the version before's (-v shows them), and
// never fails on them: a floor set on a set nobody has
// seen would be a guess. With no set in heldout/ it says so and passes.
func TestCorpusHeldOut(t *testing.T) {
	es := readCorpusFiles(t, filepath.Join("testdata", "corpus", "heldout", "*.yaml"))
	if len(es) == 0 {
		t.Logf("no held-out set in testdata/corpus/heldout: nothing to measure")
		return
	}
	// The version before is measured beside this one, to say what this
	// version's steps did on text they were not made for.
	for _, v := range []int{Version - 1, Version} {
		rs := make([]Result, len(es))
		for i, e := range es {
			rs[i] = judgeAs(v, e.Text, e.context())
		}
		for _, lang := range []string{"en", "zh"} {
			var pe []corpusEntry
			var pr []Result
			for i, e := range es {
				if e.Lang == lang {
					pe, pr = append(pe, e), append(pr, rs[i])
				}
			}
			if len(pe) < 2 {
				t.Logf("version %d, %s held out: %d statements, too few to measure", v, lang, len(pe))
				continue
			}
			a := agree(pe, pr)
			t.Logf("version %d, %s held out %v", v, lang, a)
			if v == Version && a.tauC < TargetTau {
				t.Logf("%s: held-out τ-c %.3f is below issue 11's target %.2f", lang, a.tauC, TargetTau)
			}
		}
		byPair := map[string]map[string]float64{}
		for i, e := range es {
			if e.Pair != "" {
				if byPair[e.Pair] == nil {
					byPair[e.Pair] = map[string]float64{}
				}
				byPair[e.Pair][e.Lang] = rs[i].Overall
			}
		}
		var sum, worst float64
		n, wide := 0, 0
		for _, p := range byPair {
			en, okEn := p["en"]
			zh, okZh := p["zh"]
			if !okEn || !okZh {
				continue
			}
			gap := math.Abs(en - zh)
			n++
			sum += gap
			worst = max(worst, gap)
			if gap > MaxPairGap {
				wide++
			}
		}
		if n > 0 {
			t.Logf("version %d, held-out parity: %d pairs, mean gap %.1f, largest %.1f, %d more than %d apart", v, n, sum/float64(n), worst, wide, MaxPairGap)
		}
	}
}

// TestCorpusBatches is the leave-one-batch-out evaluation of the tuning
// data: each author batch (one file of the corpus) is a fold, and its τ-c
// is the figure for a change that was not motivated by that batch's
// statements (docs/rubric.md says which batches motivated which change of
// version 7). The gap between the tuning figure and fresh text comes from
// fitting wording; a batch, written by one writer in one sitting, is the
// closest thing in the repository to a new writer's text, so the worst
// folds and the per-language minimum say more than the pooled figure.
// The test fails when a language's worst fold drops below batchFloor.
func TestCorpusBatches(t *testing.T) {
	es := loadCorpus(t)
	rs := judgeCorpus(es)
	for _, lang := range []string{"en", "zh"} {
		var batches []string
		for _, e := range es {
			if e.Lang == lang && !slices.Contains(batches, e.Batch) {
				batches = append(batches, e.Batch)
			}
		}
		slices.Sort(batches)
		worst, worstBatch, sum := 2.0, "", 0.0
		var line []string
		for _, b := range batches {
			var pe []corpusEntry
			var pr []Result
			for i, e := range es {
				if e.Lang == lang && e.Batch == b {
					pe, pr = append(pe, e), append(pr, rs[i])
				}
			}
			a := agree(pe, pr)
			sum += a.tauC
			line = append(line, fmt.Sprintf("%s %.3f (n %d)", b, a.tauC, a.n))
			if a.tauC < worst {
				worst, worstBatch = a.tauC, b
			}
		}
		t.Logf("%s by batch: %s", lang, strings.Join(line, ", "))
		t.Logf("%s: mean over %d batches %.3f, worst %.3f (%s)", lang, len(batches), sum/float64(len(batches)), worst, worstBatch)
		if worst < batchFloor[lang] {
			t.Errorf("%s: worst batch %s at τ-c %.3f, below this version's %.2f", lang, worstBatch, worst, batchFloor[lang])
		}
	}
}

// TestSecondRater compares set v5's writers' tiers with a second trainer's
// blind ones (testdata/corpus/second-rater-v5.yml): how far two trainers
// agree is what a judge can hope for (docs/rubric.md). It fails if the
// ratings no longer cover the set, or if the trainers stop agreeing at
// least as well as issue 11 asks of the judge.
func TestSecondRater(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "corpus", "second-rater-v5.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var second []struct {
		ID   string         `yaml:"id"`
		Tier int            `yaml:"tier"`
		Dims map[string]int `yaml:"dims"`
	}
	if err := yaml.Unmarshal(b, &second); err != nil {
		t.Fatal(err)
	}
	first := map[string]corpusEntry{}
	for _, e := range loadCorpus(t) {
		if strings.HasPrefix(e.ID, "v5") {
			first[e.ID] = e
		}
	}
	if len(second) != len(first) || len(first) != 96 {
		t.Fatalf("%d second ratings for %d statements of set v5, want 96 each", len(second), len(first))
	}
	x, y := map[string][]float64{}, map[string][]float64{}
	for _, s := range second {
		e, ok := first[s.ID]
		if !ok {
			t.Fatalf("second rating for %s, which is not in set v5", s.ID)
		}
		x[e.Lang] = append(x[e.Lang], float64(e.Tier))
		y[e.Lang] = append(y[e.Lang], float64(s.Tier))
	}
	for _, lang := range []string{"en", "zh"} {
		tb, tc := kendall(x[lang], y[lang])
		t.Logf("%s: two trainers agree at τ-c %.3f (τ-b %.3f) on %d statements", lang, tc, tb, len(x[lang]))
		if tc < TargetTau {
			t.Errorf("%s: the trainers agree at τ-c %.3f, below the %.2f asked of the judge", lang, tc, TargetTau)
		}
	}
}

// TestCorpusDisagreements lists, with FIREBREAK_CORPUS_DISAGREE=N, the N
// statements per language and tier that disagree most with the tiers: the
// number of statements of another tier each is ordered wrongly against.
// It is how version 7 looked for general causes across all batches.
// Without the variable it only checks that the count is computed.
func TestCorpusDisagreements(t *testing.T) {
	es := loadCorpus(t)
	rs := judgeCorpus(es)
	wrong := make([]int, len(es))
	for i := range es {
		for j := range es {
			if es[i].Lang != es[j].Lang || es[i].Tier == es[j].Tier {
				continue
			}
			if (float64(es[i].Tier-es[j].Tier))*(rs[i].Overall-rs[j].Overall) <= 0 {
				wrong[i]++
			}
		}
	}
	// FIREBREAK_CORPUS_SCORES=file writes each entry's id, tier, score
	// and the penalties that fired, to compare two versions entry by entry.
	if out := os.Getenv("FIREBREAK_CORPUS_SCORES"); out != "" {
		var sb strings.Builder
		for i, e := range es {
			var fired []string
			for _, c := range rs[i].Checks {
				if c.Penalty && !c.Passed {
					fired = append(fired, fmt.Sprintf("%s%q", c.ID, c.Evidence))
				} else if !c.Penalty && c.Passed {
					fired = append(fired, "+"+c.ID)
				}
			}
			fmt.Fprintf(&sb, "%s tier %d %5.1f %s\n", e.ID, e.Tier, rs[i].Overall, strings.Join(fired, " "))
		}
		if err := os.WriteFile(out, []byte(sb.String()), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	n := 0
	fmt.Sscan(os.Getenv("FIREBREAK_CORPUS_DISAGREE"), &n)
	if n == 0 {
		return
	}
	for _, lang := range []string{"en", "zh"} {
		for tier := 1; tier <= 4; tier++ {
			var idx []int
			for i, e := range es {
				if e.Lang == lang && e.Tier == tier {
					idx = append(idx, i)
				}
			}
			sort.SliceStable(idx, func(a, b int) bool { return wrong[idx[a]] > wrong[idx[b]] })
			for _, i := range idx[:min(n, len(idx))] {
				e, r := es[i], rs[i]
				var fired []string
				for _, c := range r.Checks {
					if c.Penalty && !c.Passed {
						fired = append(fired, fmt.Sprintf("-%s%q", c.ID, c.Evidence))
					} else if !c.Penalty && c.Passed {
						fired = append(fired, "+"+c.ID)
					} else if !c.Penalty && c.Weight > 0 {
						fired = append(fired, "·"+c.ID)
					}
				}
				fmt.Printf("%s tier %d %5.1f wrong %3d %-14s %s [%s]\n    %s\n    %s\n", e.Lang, e.Tier, r.Overall, wrong[i], e.ID, e.Batch,
					strings.Join(fired, " "), strings.ReplaceAll(strings.TrimSpace(e.Text), "\n", " / "), e.Reason)
			}
		}
	}
}
