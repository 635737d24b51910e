package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// Countdown shows the time left to a decision's target and deadline, and a
// bar of the window used up. It turns orange once the target has passed and
// red in the last minute before the deadline. The text comes from
// CountdownText; the widget only displays it.
type Countdown struct {
	widget.BaseWidget
	loc                      *i18n.Localizer
	opened, target, deadline time.Duration

	TargetLabel, DeadlineLabel *widget.Label
	track, fill                *canvas.Rectangle
	used                       float32 // share of the window from opening to deadline, 0–1
	bar, box                   *fyne.Container
}

// NewCountdown makes a countdown for a decision opened at the given
// exercise time, with its target and deadline as exercise times.
func NewCountdown(loc *i18n.Localizer, opened, target, deadline time.Duration) *Countdown {
	c := &Countdown{loc: loc, opened: opened, target: target, deadline: deadline,
		TargetLabel: widget.NewLabel(""), DeadlineLabel: widget.NewLabel(""),
		track: canvas.NewRectangle(theme.Color(theme.ColorNameInputBorder)),
		fill:  canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))}
	c.TargetLabel.TextStyle.Bold = true
	c.track.CornerRadius, c.fill.CornerRadius = barHeight/2, barHeight/2
	// A thin bar of the time used: the labels say it in words, the bar
	// lets the room see it from across a table.
	c.bar = container.New(&barLayout{c: c}, c.track, c.fill)
	c.box = container.NewVBox(container.NewHBox(c.TargetLabel, c.DeadlineLabel), c.bar)
	c.ExtendBaseWidget(c)
	return c
}

// CreateRenderer implements fyne.Widget.
func (c *Countdown) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(c.box) }

// SetNow redraws the countdown for exercise time now. It runs every
// second: it redraws only what changed (a label's text is shaped and
// rasterised anew on each refresh), and the bar without its labels.
func (c *Countdown) SetNow(now time.Duration) {
	t, d, u := CountdownText(c.loc, now, c.target, c.deadline)
	imp, col := widget.MediumImportance, theme.ColorNamePrimary
	switch u {
	case UrgencyLate:
		imp, col = widget.WarningImportance, theme.ColorNameWarning
	case UrgencyCritical:
		imp, col = widget.DangerImportance, theme.ColorNameError
	}
	for _, l := range []*widget.Label{c.TargetLabel, c.DeadlineLabel} {
		text := t
		if l == c.DeadlineLabel {
			text = d
		}
		if l.Text != text || l.Importance != imp {
			l.Text, l.Importance = text, imp
			l.Refresh()
		}
	}
	used := c.used
	if span := c.deadline - c.opened; span > 0 {
		used = float32(min(1, max(0, float64(now-c.opened)/float64(span))))
	}
	if fill := theme.Color(col); used != c.used || fill != c.fill.FillColor {
		c.used, c.fill.FillColor = used, fill
		c.bar.Refresh()
	}
}

// barHeight is the countdown bar's thickness.
const barHeight = 6

// barLayout draws the track full width and the fill over the used share.
type barLayout struct{ c *Countdown }

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.c.track.Resize(fyne.NewSize(size.Width, barHeight))
	l.c.track.Move(fyne.NewPos(0, 0))
	l.c.fill.Resize(fyne.NewSize(size.Width*l.c.used, barHeight))
	l.c.fill.Move(fyne.NewPos(0, 0))
}

func (l *barLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(0, barHeight) }
