package play

import (
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/debrief"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/scenario"
)

// An inject's card looks like what its channel imitates: a microblog post
// (social), a news article (news) or a television's breaking-news strap
// (news with style: breaking), a call panel (phone), an email (email,
// regulator, customer) or an internal memo (memo). Its pictures and its
// reply section come below, as on every card.

// sender is who an inject or a post comes from, as a card shows it.
type sender struct {
	name   string // the persona's name, or the from line; "" when neither
	outlet string // the persona's outlet; "" when none
	avatar []byte // the persona's avatar picture; nil when none
}

// senderOf finds who sent a message: the persona it names (its from, when
// the author wrote one beside the persona, names this message's sender
// instead of the persona's name) or its from line.
func senderOf(sc *scenario.Scenario, persona string, from scenario.Text, pictures map[string][]byte, lang string) sender {
	line := from.Get(lang)
	var p *scenario.Persona
	if sc != nil {
		p = sc.Persona(persona)
	}
	if p == nil {
		return sender{name: line}
	}
	s := sender{name: p.Name.Get(lang), outlet: p.Outlet.Get(lang)}
	if line != "" && line != p.SenderLine(lang) {
		s.name = line
	}
	if p.Avatar != nil {
		s.avatar = pictures[p.Avatar.File]
	}
	return s
}

// line is the sender on one line: name and outlet.
func (s sender) line(loc *i18n.Localizer) string {
	switch {
	case s.outlet == "":
		return s.name
	case s.name == "":
		return s.outlet
	}
	return loc.T("card.name_outlet", "name", s.name, "outlet", s.outlet)
}

// splitHeadline takes a message's headline (an article's, an email's
// subject) from its text: the first line, or, for one long paragraph, its
// first sentence (with the quotes that close on it); the rest is the body.
func splitHeadline(text string) (head, body string) {
	text = strings.TrimSpace(text)
	if h, b, ok := strings.Cut(text, "\n"); ok {
		return strings.TrimSpace(h), strings.TrimSpace(b)
	}
	if len([]rune(text)) <= 60 {
		return text, ""
	}
	runes := []rune(text)
	for i := 0; i < len(runes); i++ {
		wide := strings.ContainsRune("。！？", runes[i])
		if !wide && !strings.ContainsRune(".!?", runes[i]) {
			continue
		}
		end := i + 1
		for end < len(runes) && strings.ContainsRune("'\"”’」』）)", runes[end]) {
			end++
		}
		if end < len(runes) && !wide && runes[end] != ' ' {
			continue // 3.5, e.g.
		}
		if rest := strings.TrimSpace(string(runes[end:])); rest != "" {
			return string(runes[:end]), rest
		}
		break
	}
	return text, ""
}

// cardInfo is what an inject's card needs beyond the inject.
type cardInfo struct {
	loc       *i18n.Localizer
	sc        *scenario.Scenario
	pictures  map[string][]byte
	lang      string
	roleLabel func(string) string
}

// injectCard draws one delivered inject in its channel's style, with more
// (its pictures, its reply section) below.
func injectCard(ci cardInfo, in *scenario.Inject, at time.Duration, more ...fyne.CanvasObject) fyne.CanvasObject {
	loc, lang := ci.loc, ci.lang
	who := senderOf(ci.sc, in.Persona, in.From, ci.pictures, lang)
	text := in.Text.Get(lang)
	when := debrief.Clock(at)
	channel := ui.ChannelName(loc, in.Channel)
	var objs []fyne.CanvasObject
	switch {
	case in.Channel == "social":
		objs = append(objs, postHead(who, channel+" · "+when, loc), ui.Wrapped(text))
	case in.Channel == "news" && in.Style == scenario.StyleBreaking:
		head, body := splitHeadline(text)
		objs = append(objs, ui.BreakingStrap(loc.T("card.breaking"), head))
		source := who.line(loc)
		if source == "" {
			source = channel
		}
		objs = append(objs, ui.Faint(source+" · "+when, fyne.TextAlignLeading))
		if body != "" {
			objs = append(objs, ui.Wrapped(body))
		}
	case in.Channel == "news":
		objs = append(objs, articleHead(loc, who, channel, when)...)
		head, body := splitHeadline(text)
		h := ui.WrappedHeading(head)
		objs = append(objs, h)
		if body != "" {
			objs = append(objs, ui.Wrapped(body))
		}
	case in.Channel == "phone":
		caller := who.name
		if caller == "" {
			caller = loc.T("card.caller_unknown")
		}
		icon := container.NewStack(canvas.NewCircle(theme.Color(theme.ColorNameSuccess)), container.NewPadded(widget.NewIcon(theme.NewInvertedThemedResource(phoneIcon()))))
		meta := channel + " · " + when
		if who.outlet != "" {
			meta = who.outlet + " · " + meta
		}
		lines := tight(ui.WrappedBold(loc.T("card.call_from", "name", caller)), ui.Faint(meta, fyne.TextAlignLeading))
		objs = append(objs, container.NewBorder(nil, nil, container.NewVBox(sized(icon, ui.AvatarSize)), nil, lines),
			ui.Muted(loc.T("card.transcript")))
		words := ui.Wrapped(text)
		words.TextStyle.Italic = true
		objs = append(objs, words)
	case in.Channel == "memo":
		subject, body := splitHeadline(text)
		from := who.line(loc)
		if from == "" {
			from = loc.T("card.memo_from_default")
		}
		objs = append(objs, ui.IconLine(ui.ChannelIcon(in.Channel), loc.T("card.memo_title")),
			ui.HeaderLines(
				ui.HeaderLine{Label: loc.T("card.from"), Value: from},
				ui.HeaderLine{Label: loc.T("card.to"), Value: recipients(ci, in)},
				ui.HeaderLine{Label: loc.T("card.time"), Value: when},
				ui.HeaderLine{Label: loc.T("card.subject"), Value: subject}))
		if body != "" {
			objs = append(objs, ui.Wrapped(body))
		}
	default: // email, regulator, customer
		subject, body := splitHeadline(text)
		from := who.line(loc)
		if from == "" {
			from = channel
		}
		objs = append(objs, ui.IconLine(ui.ChannelIcon(in.Channel), channel+" · "+when),
			ui.HeaderLines(
				ui.HeaderLine{Label: loc.T("card.from"), Value: from},
				ui.HeaderLine{Label: loc.T("card.to"), Value: recipients(ci, in)},
				ui.HeaderLine{Label: loc.T("card.subject"), Value: subject}))
		if body != "" {
			objs = append(objs, ui.Wrapped(body))
		}
	}
	if len(in.To) > 0 && in.Channel != "memo" && !isEmail(in.Channel) {
		objs = append(objs, ui.Muted(loc.T("team.to", "roles", recipients(ci, in))))
	}
	return ui.Panel(append(objs, more...)...)
}

func isEmail(channel string) bool {
	return channel == "email" || channel == "regulator" || channel == "customer"
}

// recipients names whom an inject is for: its roles, or the team.
func recipients(ci cardInfo, in *scenario.Inject) string {
	if len(in.To) == 0 {
		return ci.loc.T("card.to_team")
	}
	to := make([]string, len(in.To))
	for i, id := range in.To {
		to[i] = ci.roleLabel(id)
	}
	return ui.ListJoin(ci.loc, to)
}

// postHead is a microblog post's head: the avatar (or the name's initial)
// beside the name in bold and, below, the outlet, the channel and the
// time.
func postHead(who sender, meta string, loc *i18n.Localizer) fyne.CanvasObject {
	name := who.name
	if name == "" {
		name = loc.T("card.anonymous")
	}
	nameLabel := widget.NewLabelWithStyle(name, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	nameLabel.Truncation = fyne.TextTruncateEllipsis
	sub := meta
	if who.outlet != "" {
		sub = who.outlet + " · " + meta
	}
	return container.NewBorder(nil, nil, container.NewVBox(ui.NewAvatar(who.avatar, name)), nil,
		tight(nameLabel, ui.Faint(sub, fyne.TextAlignLeading)))
}

// tight stacks a name over its details closer than a box does: each
// label brings its own padding.
func tight(objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(-2*theme.Padding()), objs...)
}

// articleHead is a news article's head: the outlet as a masthead, the
// channel and time, a rule, and the reporter's by-line when a persona
// wrote it.
func articleHead(loc *i18n.Localizer, who sender, channel, when string) []fyne.CanvasObject {
	masthead := who.outlet
	byline := ""
	if masthead == "" {
		masthead = who.name
	} else if who.name != "" {
		byline = loc.T("card.byline", "name", who.name)
	}
	if masthead == "" {
		masthead = channel
	}
	m := ui.WrappedHeading(masthead)
	m.Alignment = fyne.TextAlignCenter
	out := []fyne.CanvasObject{m, ui.Faint(channel+" · "+when, fyne.TextAlignCenter), widget.NewSeparator()}
	if byline != "" {
		out = append(out, ui.Muted(byline))
	}
	return out
}

// sized gives an object a square minimum size.
func sized(o fyne.CanvasObject, side float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSquareSize(side))
	return container.NewStack(r, o)
}

// phoneIcon is the call panel's icon.
func phoneIcon() fyne.Resource { return ui.ChannelIcon("phone") }
