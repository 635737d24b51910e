package play

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"github.com/firebreak-drills/firebreak/app/ui"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Team tabs on a shared laptop. Only one team's view shows at a time, so
// each team's tab says whether the team has a decision open, how many, and
// how many minutes to the nearest deadline, coloured like the countdowns;
// a tab whose decision opened while another tab was shown flashes for
// flashFor, then stays coloured until it is looked at. The tab bar redraws
// whole (every tab's text and icon) when one title changes, so a title
// that changed every second, a countdown in seconds or a flash that never
// ends, made a running exercise redraw it every second: the strip above
// the tabs and the team's own view count the seconds.

// flashFor is how long, in exercise time, a tab flashes for a decision
// nobody has looked at since it opened (the chime sounds once, too).
const flashFor = 30 * time.Second

// tabBadge is what a team's tab shows: its title and icon.
type tabBadge struct {
	text string
	icon fyne.Resource
}

// teamBadge is the tab of a team with the given open decisions at
// exercise time now. flashOff draws the plain icon, the other half of a
// flash.
func teamBadge(loc *i18n.Localizer, team string, open []engine.OpenDecision, now time.Duration, flashOff bool) tabBadge {
	plain := theme.AccountIcon()
	if len(open) == 0 {
		return tabBadge{text: team, icon: plain}
	}
	var u ui.Urgency
	nearest := open[0].DeadlineAt()
	for _, od := range open {
		_, _, ou := ui.CountdownText(loc, now, od.TargetAt(), od.DeadlineAt())
		u = max(u, ou)
		nearest = min(nearest, od.DeadlineAt())
	}
	mins := max(1, int((nearest-now+time.Minute-1)/time.Minute)) // rounded up: "1 min" until the deadline
	text := loc.T("tab.team_open", "team", team, "n", len(open), "left", loc.T("common.minutes", "n", mins))
	if flashOff {
		return tabBadge{text: text, icon: plain}
	}
	var icon fyne.Resource
	switch u {
	case ui.UrgencyCritical:
		icon = theme.NewErrorThemedResource(theme.AccountIcon())
	case ui.UrgencyLate:
		icon = theme.NewWarningThemedResource(theme.AccountIcon())
	default:
		icon = theme.NewPrimaryThemedResource(theme.AccountIcon())
	}
	return tabBadge{text: text, icon: icon}
}

// markTabs updates the team tabs from the exercise. The decisions open on
// the tab shown count as seen; a tab with a decision not yet seen
// flashes, one half per tick of the clock (tick turns e.flash), for the
// first flashFor of the decision's opening.
func (e *Screen) markTabs() {
	if e.tabs == nil || len(e.teams) == 0 {
		return
	}
	first := len(e.tabs.Items) - len(e.teams)
	open := map[string][]engine.OpenDecision{}
	var now time.Duration
	var lang string
	var paused bool
	e.run.Session.Read(func(st *engine.State) {
		now, lang, paused = st.Now, st.Lang, st.Paused
		for _, t := range st.Teams {
			open[t.Name] = append([]engine.OpenDecision(nil), t.Open...)
		}
	})
	if e.seen == nil {
		e.seen = map[string]bool{}
	}
	changed := false
	for i, team := range e.teamNames {
		shown := e.tabs.SelectedIndex() == first+i
		unseen := false
		at := max(now, e.run.Session.ExerciseTime())
		for _, od := range open[team] {
			key := team + "\x00" + od.Decision.ID + "\x00" + od.OpenedAt.String()
			if shown {
				e.seen[key] = true
			}
			unseen = unseen || !e.seen[key] && at-od.OpenedAt < flashFor
		}
		b := teamBadge(e.host.Loc(), team, open[team], at, unseen && !e.flash)
		item := e.tabs.Items[first+i]
		if item.Text != b.text || item.Icon == nil || item.Icon.Name() != b.icon.Name() {
			item.Text, item.Icon = b.text, b.icon
			changed = true
		}
	}
	if changed {
		e.tabs.Refresh()
	}
	items := e.openItems(open)
	e.drawStrip(items, max(now, e.run.Session.ExerciseTime()), lang)
	e.chimeFor(items)
	if e.autoPause(items) {
		return // it paused and redrew everything
	}
	e.showNotice(paused)
}

// showNotice shows why the clock paused by itself while it stays paused.
func (e *Screen) showNotice(paused bool) {
	if e.notice == nil {
		return
	}
	if !paused {
		e.autoPaused = nil
	}
	if len(e.autoPaused) == 0 {
		e.notice.Hide()
		return
	}
	if text := e.host.Loc().T("strip.auto_paused", "teams", ui.ListJoin(e.host.Loc(), e.autoPaused)); e.noticeLabel.Text != text {
		e.noticeLabel.SetText(text)
	}
	e.notice.Show()
}

// The tabs' contents are not in the AppTabs: it holds an empty placeholder
// per tab, and the contents are pages in a container below it, the
// selected one shown. Refreshing an AppTabs, as a change of a tab's title
// or icon needs (every second while a decision is open: its countdown is in
// the title, and an unseen one flashes), refreshes the content of every
// tab and drops every texture drawn in them, so all the text of the screen
// was shaped and rasterised anew each second. Apart, a page redraws only
// what changes in it (docs/architecture.md, "Start-up, memory and idle CPU").

// newTabs makes the tabs and their pages with a first tab.
func (e *Screen) newTabs(title string, icon fyne.Resource, content fyne.CanvasObject) {
	e.tabs = container.NewAppTabs()
	e.pages = container.New(pagesLayout{})
	e.addTab(title, icon, content)
}

// addTab adds a tab showing content.
func (e *Screen) addTab(title string, icon fyne.Resource, content fyne.CanvasObject) {
	e.tabs.Append(container.NewTabItemWithIcon(title, icon, layout.NewSpacer())) // takes no room
	e.pages.Add(content)
}

// showPage shows the selected tab's page and hides the others.
func (e *Screen) showPage() {
	sel := e.tabs.SelectedIndex()
	if first := len(e.tabs.Items) - len(e.teams); sel >= first && sel-first < len(e.teams) {
		e.team(sel - first) // a team's view is built when its tab is first shown
	}
	for i, p := range e.pages.Objects {
		if i != sel {
			p.Hide()
			continue
		}
		p.Move(fyne.NewPos(0, 0))
		p.Resize(e.pages.Size()) // a page is not laid out while hidden
		p.Show()
	}
}

// tabsLayout puts the tabs (their bar, and the spacing AppTabs leaves above
// its content) over the pages, where AppTabs would put its content.
type tabsLayout struct{}

func (tabsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	tabs, pages := objs[0], objs[1]
	h := tabs.MinSize().Height
	tabs.Move(fyne.NewPos(0, 0))
	tabs.Resize(fyne.NewSize(size.Width, h))
	pages.Move(fyne.NewPos(0, h))
	pages.Resize(fyne.NewSize(size.Width, size.Height-h))
}

func (tabsLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	t, p := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(t.Width, p.Width), t.Height+p.Height)
}

// pagesLayout lays out the page shown over the whole space; its minimum
// size is the largest of all pages', shown or not, as the AppTabs' is, so
// that switching tabs does not resize the window.
type pagesLayout struct{}

func (pagesLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		if o.Visible() {
			o.Move(fyne.NewPos(0, 0))
			o.Resize(size)
		}
	}
}

func (pagesLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var min fyne.Size
	for _, o := range objs {
		min = min.Max(o.MinSize())
	}
	return min
}
