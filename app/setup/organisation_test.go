package setup

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"github.com/firebreak-drills/firebreak/app/prefs"
	"github.com/firebreak-drills/firebreak/app/ui/uitest/tree"
	"github.com/firebreak-drills/firebreak/internal/i18n"
)

// organisationEntry is the form's organisation field (the entry whose
// placeholder asks for it).
func organisationEntry(t *testing.T, h *host) *widget.Entry {
	t.Helper()
	for _, e := range tree.Find[*widget.Entry](t, h.win.Content()) {
		if e.PlaceHolder == h.loc.T("programme.org_placeholder") {
			return e
		}
	}
	t.Fatal("no organisation field")
	return nil
}

// The organisation is optional: the last one set up is offered again (the
// shell remembers it), it goes to Start cleaned, and a name on two lines is
// refused beside the field, starting nothing.
func TestSetupOffersTheLastOrganisation(t *testing.T) {
	h := newHost(t, i18n.ZH, nil)
	fyne.CurrentApp().Preferences().SetString(prefs.LastOrganisation, "北区水务")
	h.setup(t)
	e := organisationEntry(t, h)
	if e.Text != "北区水务" {
		t.Fatalf("organisation offered = %q, want the last one", e.Text)
	}
	if !tree.Shown(t, h.win.Content(), "组织或批次（可选）") {
		t.Error("the field has no label in Chinese")
	}
	e.SetText("第一行\n第二行")
	tree.FindButton(t, h.win.Content(), h.loc.T("home.start")).OnTapped()
	if len(h.opts) != 0 || !tree.Shown(t, h.win.Content(), "名称只能写在一行内。") {
		t.Fatalf("a name on two lines: started %d, screen:\n%s", len(h.opts), tree.AllText(h.win.Content()))
	}
	organisationEntry(t, h).SetText("  南区　二期 ")
	tree.FindButton(t, h.win.Content(), h.loc.T("home.start")).OnTapped()
	if len(h.opts) != 1 || h.opts[0].Organisation != "南区 二期" {
		t.Fatalf("options = %+v", h.opts)
	}

	// None is fine.
	h = newHost(t, i18n.EN, nil)
	fyne.CurrentApp().Preferences().SetString(prefs.LastOrganisation, "")
	h.setup(t)
	tree.FindButton(t, h.win.Content(), h.loc.T("home.start")).OnTapped()
	if len(h.opts) != 1 || h.opts[0].Organisation != "" {
		t.Fatalf("options = %+v", h.opts)
	}
}
