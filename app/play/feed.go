package play

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// The simulated public: posts and headlines the engine puts in each team's
// feed every few minutes, chosen by the team's world. Team views list them
// newest first; the console sums up the mood of the last minutes.

// moodWindow is the span of exercise time the console's feed mood covers.
const moodWindow = 15 * time.Minute

// maxFeedShown bounds the posts a team view lists (the newest).
const maxFeedShown = 100

// toneCounts counts posts by tone over (now-window, now]; a tone the
// scenario format does not know counts as neutral.
type toneCounts struct {
	support, neutral, hostile, ridicule int
}

func (c toneCounts) total() int { return c.support + c.neutral + c.hostile + c.ridicule }

// get returns the count of one tone.
func (c toneCounts) get(tone string) int {
	switch tone {
	case "support":
		return c.support
	case "hostile":
		return c.hostile
	case "ridicule":
		return c.ridicule
	}
	return c.neutral
}

func countTones(feed []engine.FeedItem, now, window time.Duration) toneCounts {
	var c toneCounts
	for _, it := range feed {
		if it.Post == nil || it.Own != nil || it.At > now || it.At <= now-window {
			continue
		}
		switch it.Post.Tone {
		case "support":
			c.support++
		case "hostile":
			c.hostile++
		case "ridicule":
			c.ridicule++
		default:
			c.neutral++
		}
	}
	return c
}

// feedCard draws one post: a strip in the tone's colour, then, for a
// microblog post, the author's avatar (or initial), name and outlet, the
// time and the tone in words (colour alone does not carry it on a
// projector or for a colour-blind reader) above the text; for news, the
// outlet as a masthead above the headline in bold.
func feedCard(win fyne.Window, loc *i18n.Localizer, it engine.FeedItem, lang string, sc *scenario.Scenario, pictures map[string][]byte) fyne.CanvasObject {
	if it.Own != nil {
		return ownPostCard(loc, it, lang, false)
	}
	p := it.Post
	kind := loc.T("feed.social")
	if p.Channel == "news" {
		kind = loc.T("feed.news")
	}
	if it.Reaction || strings.HasPrefix(it.Thread, "post:") {
		// The public's reaction, or a persona answering the team's post.
		kind = loc.T("post.reaction")
	}
	who := senderOf(sc, p.Persona, p.From, pictures, lang)
	tone := widget.NewRichText(&widget.TextSegment{Text: ui.ToneName(loc, p.Tone), Style: widget.RichTextStyle{
		ColorName: ui.ToneColorName(p.Tone), Inline: true, TextStyle: fyne.TextStyle{Bold: true}}})
	var head fyne.CanvasObject
	text := ui.Wrapped(p.Text.Get(lang))
	if p.Channel == "news" {
		masthead := who.outlet // the outlet's name heads its article, the reporter's does not
		if masthead == "" {
			masthead = who.name
		}
		if masthead == "" {
			masthead = kind
		}
		m := widget.NewLabelWithStyle(masthead, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		m.Truncation = fyne.TextTruncateEllipsis
		when := ui.Faint(kind+" · "+debrief.Clock(it.At), fyne.TextAlignLeading)
		head = container.NewVBox(container.NewBorder(nil, nil, container.NewCenter(widget.NewIcon(theme.DocumentIcon())), container.NewHBox(when, tone), m), widget.NewSeparator())
		text.TextStyle.Bold = true
		text.SizeName = theme.SizeNameSubHeadingText
	} else {
		name := who.name
		if name == "" {
			name = kind
		}
		nameLabel := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		nameLabel.Truncation = fyne.TextTruncateEllipsis
		meta := kind + " · " + debrief.Clock(it.At)
		if who.outlet != "" {
			meta = who.outlet + " · " + meta
		}
		head = container.NewBorder(nil, nil, container.NewVBox(ui.NewAvatar(who.avatar, name)), container.NewVBox(tone),
			tight(nameLabel, ui.Faint(meta, fyne.TextAlignLeading)))
	}
	texts := []fyne.CanvasObject{head, text}
	for _, m := range p.Media {
		texts = append(texts, ui.NewPicture(win, loc, pictures[m.File], m.Alt.Get(lang)))
	}
	strip := canvas.NewRectangle(theme.Color(ui.ToneColorName(p.Tone)))
	strip.SetMinSize(fyne.NewSize(5, 0))
	strip.CornerRadius = 2
	bg := canvas.NewRectangle(theme.Color(theme.ColorNameInputBackground))
	bg.CornerRadius = theme.Size(theme.SizeNameInputRadius)
	body := container.NewBorder(nil, nil, strip, nil, container.NewVBox(texts...))
	return container.NewStack(bg, container.NewPadded(body))
}

// feedList is a team's feed, newest first.
type feedList struct {
	loc *i18n.Localizer
	// sc and pictures name the posts' personas and draw their avatars;
	// either may be nil.
	sc       *scenario.Scenario
	pictures map[string][]byte
	win      fyne.Window // where a post's picture opens large; nil: it does not open
	box      *fyne.Container
	shown    int // feed length last drawn
	lang     string
}

func newFeedList(loc *i18n.Localizer) *feedList {
	f := &feedList{loc: loc, box: container.NewVBox(), shown: -1}
	return f
}

// draw lists the feed when it changed; it reports whether it did.
func (f *feedList) draw(feed []engine.FeedItem, lang string) bool {
	if len(feed) == f.shown && lang == f.lang {
		return false
	}
	f.shown, f.lang = len(feed), lang
	var objs []fyne.CanvasObject
	pin := pinnedNotice(feed)
	if pin >= 0 {
		objs = append(objs, ownPostCard(f.loc, feed[pin], lang, true))
	}
	for i := len(feed) - 1; i >= 0 && len(objs) < maxFeedShown; i-- {
		if feed[i].Post == nil || i == pin {
			continue
		}
		objs = append(objs, feedCard(f.win, f.loc, feed[i], lang, f.sc, f.pictures))
	}
	if len(objs) == 0 {
		objs = append(objs, ui.Muted(f.loc.T("feed.empty")))
	}
	f.box.Objects = objs
	f.box.Refresh()
	return true
}

// feedMood is the console's summary of a team's feed: posts by tone over
// the last minutes, as words and as a bar split by tone, and the latest
// post.
type feedMood struct {
	loc    *i18n.Localizer
	box    *fyne.Container
	counts *ui.WrapLabel
	bar    *fyne.Container
	segs   map[string]*canvas.Rectangle
	latest *widget.Label
	last   toneCounts
	lastOf *scenario.FeedPost
	drawn  bool
}

var moodTones = []string{"hostile", "ridicule", "neutral", "support"}

func newFeedMood(loc *i18n.Localizer) *feedMood {
	m := &feedMood{loc: loc, counts: ui.Wrapped(""), segs: map[string]*canvas.Rectangle{}}
	var rects []fyne.CanvasObject
	for _, t := range moodTones {
		r := canvas.NewRectangle(theme.Color(ui.ToneColorName(t)))
		m.segs[t] = r
		rects = append(rects, r)
	}
	m.bar = container.New(&moodBarLayout{m: m}, rects...)
	m.latest = widget.NewLabel("")
	m.latest.Truncation = fyne.TextTruncateEllipsis
	m.latest.SizeName = theme.SizeNameCaptionText
	m.box = container.NewVBox(m.counts, m.bar, m.latest)
	return m
}

// update redraws the mood for the feed at exercise time now.
func (m *feedMood) update(feed []engine.FeedItem, now time.Duration, lang string) {
	c := countTones(feed, now, moodWindow)
	var latest *scenario.FeedPost
	var latestAt time.Duration
	if n := len(feed); n > 0 {
		latest, latestAt = feed[n-1].Post, feed[n-1].At
	}
	if m.drawn && c == m.last && latest == m.lastOf {
		return
	}
	m.drawn, m.last, m.lastOf = true, c, latest
	segs := []ui.TextSpan{{Text: m.loc.T("feed.mood_title", "n", int(moodWindow/time.Minute)) + "  ", Bold: true}}
	if c.total() == 0 {
		segs = append(segs, ui.TextSpan{Text: m.loc.T("feed.mood_none"), Color: theme.ColorNamePlaceHolder})
	} else {
		for i, t := range moodTones {
			sep := ""
			if i > 0 {
				sep = " · "
			}
			name := theme.ColorNameForeground
			if c.get(t) > 0 {
				name = ui.ToneColorName(t)
			}
			segs = append(segs, ui.TextSpan{Text: sep + fmt.Sprintf("%d %s", c.get(t), ui.ToneName(m.loc, t)), Color: name, Bold: c.get(t) > 0})
		}
	}
	m.counts.SetSpans(segs)
	if c.total() == 0 {
		m.bar.Hide()
	} else {
		m.bar.Show()
		m.bar.Refresh()
	}
	if latest != nil {
		from := latest.From.Get(lang)
		m.latest.SetText(m.loc.T("feed.latest", "time", debrief.Clock(latestAt), "from", from, "text", latest.Text.Get(lang)))
		m.latest.Show()
	} else {
		m.latest.Hide()
	}
}

// moodBarLayout splits the bar's width by the counts of each tone.
type moodBarLayout struct{ m *feedMood }

func (l *moodBarLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	c := l.m.last
	total := float32(c.total())
	x := float32(0)
	p := theme.Size(theme.SizeNameInnerPadding)
	w := max(0, size.Width-2*p)
	for _, t := range moodTones {
		r := l.m.segs[t]
		seg := float32(0)
		if total > 0 {
			seg = w * float32(c.get(t)) / total
		}
		r.Resize(fyne.NewSize(seg, moodBarHeight))
		r.Move(fyne.NewPos(p+x, 0))
		x += seg
	}
}

const moodBarHeight = 8

func (l *moodBarLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, moodBarHeight) }
