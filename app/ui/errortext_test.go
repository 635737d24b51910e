package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"net"
	"os"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/firebreak-drills/firebreak/app/ui/uitest"
	"github.com/firebreak-drills/firebreak/internal/engine"
	"github.com/firebreak-drills/firebreak/internal/exercise"
	"github.com/firebreak-drills/firebreak/internal/i18n"
	"github.com/firebreak-drills/firebreak/internal/lan"
)

// Every refusal of the database is said in the UI's language, names the
// file, and shows none of the store's English.
func TestStoreRefusalsAreSaidInTheUILanguage(t *testing.T) {
	errs := uitest.StoreRefusals(t)
	want := map[i18n.Lang]map[string]string{
		i18n.EN: {"not_database": "is not an exercise database", "not_firebreak": "another program's database", "locked": "in use by another Firebreak"},
		i18n.ZH: {"not_database": "不是演练数据库", "not_firebreak": "是其他程序的数据库", "locked": "正被另一个 Firebreak"},
	}
	for lang, texts := range want {
		loc := i18n.New(lang)
		for name, err := range errs {
			var oe *exercise.OpenError
			if !errors.As(err, &oe) {
				t.Fatalf("%s: %T is not an exercise.OpenError", name, err)
			}
			got := ErrorText(loc, err)
			if !strings.Contains(got, texts[name]) || !strings.Contains(got, oe.Path) {
				t.Errorf("%s in %s: %q, want it to say %q and name %s", name, lang, got, texts[name], oe.Path)
			}
			if strings.Contains(got, "store:") || strings.Contains(got, err.(*exercise.OpenError).Err.Error()) {
				t.Errorf("%s in %s shows the store's own words: %q", name, lang, got)
			}
		}
	}
}

func TestLimitErrorsAreSaidInTheUILanguage(t *testing.T) {
	instant := &engine.LimitError{Err: engine.ErrInstantLimit, Scenario: "flood", Limit: 50000, At: 61 * time.Second}
	whole := &engine.LimitError{Err: engine.ErrExerciseLimit, Scenario: "flood", Limit: 500000, At: 2 * time.Hour}
	for _, c := range []struct {
		lang i18n.Lang
		err  error
		want []string
	}{
		{i18n.EN, instant, []string{"more than 50,000 things happen at one moment (00:01:01)", "End the exercise"}},
		{i18n.ZH, instant, []string{"同一时刻（00:01:01）产生了超过 50,000 个事件", "请结束演练"}},
		{i18n.EN, whole, []string{"more than 500,000 things happen in this exercise, so it stopped at 02:00:00"}},
		{i18n.ZH, whole, []string{"超过 500,000 个事件，演练已于 02:00:00 停止"}},
	} {
		got := ErrorText(i18n.New(c.lang), c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %v: %q, want it to say %q", c.lang, c.err, got, w)
			}
		}
	}
}

// A saved log that no longer folds, and an exercise whose start was cut
// short, are said in the UI's language with the event where the log
// breaks, and none of the engine's English.
func TestLogErrorsAreSaidInTheUILanguage(t *testing.T) {
	gap := fmt.Errorf("exercise x: resume: %w", &engine.LogError{Seq: 42, Kind: "note", Err: engine.ErrLogGap, Detail: "it follows event 40"})
	empty := fmt.Errorf("resume: %w", &engine.LogError{Err: engine.ErrLogNoStart})
	interrupted := fmt.Errorf("exercise x: %w", exercise.ErrInterruptedStart)
	for _, c := range []struct {
		lang i18n.Lang
		err  error
		want []string
	}{
		{i18n.EN, gap, []string{"damaged at event 42", "an event before it is missing", "changed nothing"}},
		{i18n.ZH, gap, []string{"第 42 条事件处损坏", "它之前缺少事件"}},
		{i18n.EN, empty, []string{"log is damaged: the exercise's start is missing"}},
		{i18n.ZH, empty, []string{"已损坏：缺少演练开始的记录"}},
		{i18n.EN, interrupted, []string{"start was interrupted", "Start the exercise again"}},
		{i18n.ZH, interrupted, []string{"开始时被中断", "请重新开始演练"}},
	} {
		got := ErrorText(i18n.New(c.lang), c.err)
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %v: %q, want it to say %q", c.lang, c.err, got, w)
			}
		}
		if strings.Contains(got, "resume:") || strings.Contains(got, "follows event") {
			t.Errorf("%s: %q shows the engine's own words", c.lang, got)
		}
	}
}

// A host for team laptops that cannot start says that the exercise is
// saved, what failed and where, in the UI's language.
func TestHostErrorsAreSaidInTheUILanguage(t *testing.T) {
	taken := &lan.HostError{Problem: lan.ErrHostNetwork, Where: "0.0.0.0:47200", Err: &net.OpError{Op: "listen", Err: os.NewSyscallError("bind", syscall.EADDRINUSE)}}
	other := &lan.HostError{Problem: lan.ErrHostNetwork, Where: "0.0.0.0:47200", Err: errors.New("nats: timeout")}
	files := &lan.HostError{Problem: lan.ErrHostFiles, Where: "/data/lan/x", Err: fs.ErrPermission}
	for _, c := range []struct {
		lang i18n.Lang
		err  error
		want []string
	}{
		{i18n.EN, taken, []string{"The exercise is saved", "another program is using 0.0.0.0:47200"}},
		{i18n.ZH, taken, []string{"演练已保存", "0.0.0.0:47200 正被其他程序占用"}},
		{i18n.EN, other, []string{"could not start on 0.0.0.0:47200"}},
		{i18n.ZH, other, []string{"网络服务无法在 0.0.0.0:47200 上启动"}},
		{i18n.EN, files, []string{"network files in /data/lan/x"}},
		{i18n.ZH, files, []string{"无法在 /data/lan/x 中写入网络文件"}},
	} {
		got := ErrorText(i18n.New(c.lang), fmt.Errorf("team laptops cannot rejoin: %w", c.err))
		for _, w := range c.want {
			if !strings.Contains(got, w) {
				t.Errorf("%s %v: %q, want it to say %q", c.lang, c.err, got, w)
			}
		}
		if strings.Contains(got, "cannot host") || strings.Contains(got, "nats") || strings.Contains(got, "rejoin") {
			t.Errorf("%s: %q shows the host's own words", c.lang, got)
		}
	}
}

// "No database" is said in the language shown when it is shown, not the
// one in which the error was made.
func TestNoStoreIsSaidInTheLanguageShown(t *testing.T) {
	err := fmt.Errorf("saving the plan: %w", ErrNoStore)
	for _, lang := range []i18n.Lang{i18n.EN, i18n.ZH} {
		loc := i18n.New(lang)
		if got, want := ErrorText(loc, err), loc.T("home.error.no_store"); got != want || want == "home.error.no_store" {
			t.Errorf("%s: %q, want %q", lang, got, want)
		}
	}
}

// An engine refusal outside a command (a clock speed out of range at the
// start) is said in the UI's language, and so are the operating system's
// commonest refusals of a file; any other error keeps its own words, for
// the caller to show under a title or a lead in the UI's language.
func TestOtherErrorsAreSaidInTheUILanguage(t *testing.T) {
	src := []byte("id: x\n") // never parsed: the speed is refused first
	_, err := engine.Start(engine.Config{ScenarioID: "x", Source: src, Teams: []string{"Alpha"}, Speed: 2 * engine.MaxSpeed}, &engine.MemoryLog{}, nil)
	if !errors.Is(err, engine.ErrBadSpeed) {
		t.Fatalf("a speed of twice the most: %v, want ErrBadSpeed", err)
	}
	if got := ErrorText(i18n.New(i18n.ZH), err); !strings.Contains(got, "时钟速度") || strings.Contains(got, "outside") {
		t.Errorf("the speed refusal in Chinese: %q", got)
	}
	denied := &fs.PathError{Op: "open", Path: "/media/usb/debrief.pdf", Err: syscall.EACCES}
	full := fmt.Errorf("saving: %w", syscall.ENOSPC)
	for _, c := range []struct {
		lang i18n.Lang
		err  error
		want string
	}{
		{i18n.ZH, denied, "系统不允许Firebreak读写/media/usb/debrief.pdf（权限不足）"},
		{i18n.EN, denied, "the system does not allow Firebreak to write or read /media/usb/debrief.pdf (permission denied)"},
		{i18n.ZH, full, "磁盘已满"},
		{i18n.ZH, os.ErrNotExist, "文件或文件夹不存在"},
	} {
		if got := ErrorText(i18n.New(c.lang), c.err); got != c.want {
			t.Errorf("%s %v: %q, want %q", c.lang, c.err, got, c.want)
		}
	}
	odd := errors.New("tls: handshake failure")
	if got := ErrorText(i18n.New(i18n.ZH), odd); got != odd.Error() {
		t.Errorf("an error nothing names: %q, want its own words", got)
	}
}
