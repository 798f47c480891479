package main

import (
	"bytes"
	"context"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The browser test opens the HTML report in headless Chromium and checks
// what a reader sees. It skips when no Chromium is installed, unless
// OVERLAP_REQUIRE_BROWSER=1 (as in CI), and then fails. OVERLAP_CHROMIUM
// names the binary; OVERLAP_SCREENSHOTS names a directory to keep the
// screenshots in (by default they go to a temporary directory).

// findChromium returns the path of a Chromium or Chrome binary, or "".
func findChromium() string {
	if p := os.Getenv("OVERLAP_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome", "headless_shell"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// browserFlags are the flags Chromium runs with. The machines that run the
// tests have no network: without the background-networking flags Chromium
// keeps trying to reach its services.
var browserFlags = []chromedp.ExecAllocatorOption{
	chromedp.Flag("headless", true),
	chromedp.Flag("no-sandbox", true),
	chromedp.Flag("disable-gpu", true),
	chromedp.Flag("disable-quic", true),
	chromedp.Flag("no-first-run", true),
	chromedp.Flag("disable-background-networking", true),
	chromedp.Flag("disable-component-update", true),
	chromedp.Flag("disable-sync", true),
	chromedp.Flag("no-default-browser-check", true),
	chromedp.Flag("disable-extensions", true),
	chromedp.Flag("disable-default-apps", true),
	chromedp.Flag("disable-breakpad", true),
	chromedp.Flag("disable-dev-shm-usage", true),
	chromedp.Flag("hide-scrollbars", true),
	chromedp.Flag("mute-audio", true),
	chromedp.Flag("password-store", "basic"),
	chromedp.Flag("use-mock-keychain", true),
	chromedp.WindowSize(1400, 1000),
}

// browserRecord collects what the page does that it should not: network
// requests, console errors, exceptions.
type browserRecord struct {
	mu       sync.Mutex
	requests []string
	problems []string
}

func (b *browserRecord) listen(ev any) {
	b.mu.Lock()
	defer b.mu.Unlock()
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		b.requests = append(b.requests, ev.Request.URL)
	case *runtime.EventExceptionThrown:
		b.problems = append(b.problems, "exception: "+ev.ExceptionDetails.Text)
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning {
			b.problems = append(b.problems, "console."+string(ev.Type))
		}
	case *log.EventEntryAdded:
		if ev.Entry.Level == log.EntryLevelError || ev.Entry.Level == log.EntryLevelWarning {
			b.problems = append(b.problems, "log: "+ev.Entry.Text)
		}
	}
}

func (b *browserRecord) get() (requests, problems []string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.requests...), append([]string(nil), b.problems...)
}

// processesUsing returns the pids of the processes whose command line has
// the flag --user-data-dir=dir: the browser started with that profile and
// its children.
func processesUsing(dir string) []int {
	want := []byte("--user-data-dir=" + dir)
	entries, _ := os.ReadDir("/proc")
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		cmdline, err := os.ReadFile(filepath.Join("/proc", e.Name(), "cmdline"))
		if err != nil {
			continue
		}
		for _, arg := range bytes.Split(cmdline, []byte{0}) {
			if bytes.Equal(arg, want) {
				pids = append(pids, pid)
				break
			}
		}
	}
	return pids
}

// startBrowser starts headless Chromium with a fresh profile, or skips.
// The browser is closed, and its processes are checked gone, when the test
// ends.
func startBrowser(t *testing.T) (context.Context, *browserRecord) {
	t.Helper()
	exe := findChromium()
	if exe == "" {
		if os.Getenv("OVERLAP_REQUIRE_BROWSER") == "1" {
			t.Fatal("OVERLAP_REQUIRE_BROWSER=1 but no Chromium found (install the Debian package chromium, or set OVERLAP_CHROMIUM)")
		}
		t.Skip("no Chromium found; set OVERLAP_REQUIRE_BROWSER=1 to make this a failure")
	}
	profile := filepath.Join(t.TempDir(), "profile")
	opts := append([]chromedp.ExecAllocatorOption{chromedp.ExecPath(exe), chromedp.UserDataDir(profile)}, browserFlags...)
	// The whole test, browser start included, must end well within the
	// time a test may take.
	base, cancelBase := context.WithTimeout(context.Background(), 60*time.Second)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(base, opts...)
	ctx, _ := chromedp.NewContext(allocCtx)
	rec := &browserRecord{}
	t.Cleanup(func() {
		closeCtx, cancel := context.WithTimeout(ctx, 10*time.Second)
		err := chromedp.Cancel(closeCtx)
		cancel()
		cancelAlloc()
		cancelBase()
		if err != nil && !strings.Contains(err.Error(), "context canceled") {
			t.Logf("closing the browser: %v", err)
		}
		// Chromium's children can outlive it for a moment: wait for them,
		// then end any that stay, and say so.
		deadline := time.Now().Add(5 * time.Second)
		pids := processesUsing(profile)
		for len(pids) > 0 && time.Now().Before(deadline) {
			time.Sleep(50 * time.Millisecond)
			pids = processesUsing(profile)
		}
		for _, pid := range pids {
			syscall.Kill(pid, syscall.SIGKILL)
		}
		assert.Empty(t, pids, "Chromium processes left running after the browser was closed")
	})
	// Start the browser and the tab now, and record from the start.
	require.NoError(t, chromedp.Listen(ctx, rec.listen), "starting %s", exe)
	return ctx, rec
}

// inView is a script function: whether element id lies wholly inside the
// pane with id pane and inside the window.
const jsInView = `function inView(id, pane) {
  const e = document.getElementById(id).getBoundingClientRect();
  const p = document.getElementById(pane).getBoundingClientRect();
  return e.height > 0 && e.top >= p.top - 1 && e.bottom <= p.bottom + 1 && e.top >= 0 && e.bottom <= innerHeight;
}`

func evalJS[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	require.NoError(t, err, "evaluating %s", js)
	return v
}

// visibleText is the text the page has for raw document text: C0 control
// characters are not in it (see htmlEscape: they are shown as labels,
// which are not text), and the HTML parser turns CR LF and CR into LF.
func visibleText(b []byte) string {
	s := strings.ReplaceAll(string(b), "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if r < 0x20 && r != '\t' && r != '\n' || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func TestHTMLBrowser(t *testing.T) {
	ctx, rec := startBrowser(t)
	f := newFixture(t)
	r := f.report

	dir := t.TempDir()
	shots := os.Getenv("OVERLAP_SCREENSHOTS")
	if shots == "" {
		shots = dir
	}
	page := filepath.Join(dir, "report.html")
	var buf bytes.Buffer
	require.NoError(t, writeHTML(&buf, r, f.texts, htmlOptions{}))
	require.NoError(t, os.WriteFile(page, buf.Bytes(), 0o644))
	pageURL := (&url.URL{Scheme: "file", Path: page}).String()

	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(pageURL)))

	// The hostile document's script did not run, and shows as text.
	assert.Equal(t, "undefined", evalJS[string](t, ctx, `typeof window.__pwned`))
	assert.Equal(t, 1, evalJS[int](t, ctx, `document.scripts.length`), "only the page's own script")
	hostile := pairIndex(t, r, fxArticle, fxHostile) + 1
	assert.Contains(t, evalJS[string](t, ctx, fmt.Sprintf(`document.getElementById("p%d-b").innerText`, hostile)), fxPwn)
	assert.Contains(t, evalJS[string](t, ctx, fmt.Sprintf(`document.querySelector("#pair-%d h2").innerText`, hostile)), fxHostile)

	// The pairs table lists the report's pairs, ranked, linking to their views.
	type row struct {
		IDs, Href, Passages string
		Near                bool
	}
	rows := evalJS[[]row](t, ctx, `Array.from(document.querySelectorAll("#pairs tbody tr")).map(tr => {
	  const a = tr.cells[1].querySelector("a"), nd = tr.querySelector(".nd");
	  return {IDs: a.innerText, Href: a.getAttribute("href"), Passages: tr.cells[6].innerText,
	          Near: nd !== null && nd.getClientRects().length > 0 && nd.innerText.toLowerCase() === "near-duplicate"};
	})`)
	require.Len(t, rows, len(r.Pairs))
	for i, p := range r.Pairs {
		assert.Equal(t, row{IDs: p.A + " ↔ " + p.B, Href: "#pair-" + strconv.Itoa(i+1), Passages: strconv.Itoa(len(p.Passages)), Near: p.NearDuplicate}, rows[i], "row %d", i+1)
	}

	// Following a pair's link shows both texts side by side.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#pairs a[href="#pair-1"]`))))
	assert.Equal(t, "#pair-1", evalJS[string](t, ctx, `location.hash`))
	type box struct{ Left, Right, Top, Width float64 }
	sides := evalJS[[]box](t, ctx, `["p1-a", "p1-b"].map(id => {
	  const r = document.getElementById(id).getBoundingClientRect();
	  return {Left: r.left, Right: r.right, Top: r.top, Width: r.width};
	})`)
	require.Len(t, sides, 2)
	assert.LessOrEqual(t, sides[0].Right, sides[1].Left, "A left of B")
	assert.InDelta(t, sides[0].Top, sides[1].Top, 1, "A and B level")
	assert.Greater(t, sides[0].Width, 400.0)
	assert.Greater(t, sides[1].Width, 400.0)
	assert.GreaterOrEqual(t, sides[0].Top, 0.0, "the texts are in view")
	assert.Less(t, sides[0].Top, 1000.0, "the texts are in view")

	// Every passage is highlighted in both texts, and the highlighted text
	// is exactly the text at the report's offsets.
	type shown struct {
		Text          string
		Pieces        int
		Painted, Mark bool
	}
	for i, p := range r.Pairs {
		n := i + 1
		for k, s := range p.Passages {
			for _, side := range []struct {
				me, id string
				span   [2]int
			}{{"a", p.A, [2]int{s.A.Start, s.A.End}}, {"b", p.B, [2]int{s.B.Start, s.B.End}}} {
				got := evalJS[shown](t, ctx, fmt.Sprintf(`(() => {
				  const pane = document.getElementById("p%[1]d-%[2]s");
				  const pieces = Array.from(pane.querySelectorAll('a.hl[data-p~="%[3]d"]'));
				  const badge = document.getElementById("p%[1]d-%[2]s%[3]d");
				  return {Text: pieces.map(e => e.innerText).join(""), Pieces: pieces.length,
				    Painted: pieces.every(e => e.getClientRects().length > 0 && getComputedStyle(e).backgroundColor !== "rgba(0, 0, 0, 0)"),
				    Mark: badge !== null && pane.contains(badge) && getComputedStyle(badge, "::before").content === '"%[3]d"'};
				})()`, n, side.me, k+1))
				want := visibleText(f.texts[side.id][side.span[0]:side.span[1]])
				assert.Equal(t, want, got.Text, "pair %d passage %d side %s", n, k+1, side.me)
				assert.Positive(t, got.Pieces, "pair %d passage %d side %s", n, k+1, side.me)
				assert.True(t, got.Painted, "pair %d passage %d side %s: highlighted", n, k+1, side.me)
				assert.True(t, got.Mark, "pair %d passage %d side %s: numbered", n, k+1, side.me)
			}
		}
	}

	// Clicking a passage in the left text brings its partner into view in
	// the right text, and back. The overlapping pair is the test: its
	// passages nest in A, and B's copies are far down a long text.
	overlapping := pairIndex(t, r, fxStory, fxDigest) + 1
	ns := strconv.Itoa(overlapping)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#pairs a[href="#pair-`+ns+`"]`))))
	for _, k := range []int{2, 3} {
		ks := strconv.Itoa(k)
		assert.False(t, evalJS[bool](t, ctx, `(`+jsInView+`)("p`+ns+`-b`+ks+`", "p`+ns+`-b")`), "passage %d of B out of view before the click", k)
		require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#p`+ns+`-a a.hl[href="#p`+ns+`-b`+ks+`"]`))))
		assert.Equal(t, "#p"+ns+"-b"+ks, evalJS[string](t, ctx, `location.hash`))
		assert.True(t, evalJS[bool](t, ctx, `(`+jsInView+`)("p`+ns+`-b`+ks+`", "p`+ns+`-b")`), "passage %d of B in view after the click", k)
		assert.Positive(t, evalJS[int](t, ctx, `document.querySelectorAll('#p`+ns+`-b a.hl.cur[data-p~="`+ks+`"]').length`), "passage %d outlined", k)
		// The side's header stays at the top of its scrolled pane.
		assert.InDelta(t, evalJS[float64](t, ctx, `document.getElementById("p`+ns+`-b").getBoundingClientRect().top`),
			evalJS[float64](t, ctx, `document.querySelector("#p`+ns+`-b .side-head").getBoundingClientRect().top`), 2, "sticky header")
		assert.Positive(t, evalJS[float64](t, ctx, `document.getElementById("p`+ns+`-b").scrollTop`))
	}
	shot, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(shots, "overlap-pair.png"), shot, 0o644))

	// And back, from B's badge of passage 2 to A's.
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.ID("p"+ns+"-b2"))))
	assert.Equal(t, "#p"+ns+"-a2", evalJS[string](t, ctx, `location.hash`))
	assert.True(t, evalJS[bool](t, ctx, `(`+jsInView+`)("p`+ns+`-a2", "p`+ns+`-a")`))

	// Pictures of the page, to look at: the whole page, and the parts of
	// it that a first screen does not show.
	shot, err = chromedp.Run(ctx, chromedp.FullScreenshot(90))
	require.NoError(t, err)
	require.NoError(t, os.WriteFile(filepath.Join(shots, "overlap-page.jpg"), shot, 0o644))
	for _, sel := range []string{"#pair-" + strconv.Itoa(hostile), "#repeats"} {
		shot, err = chromedp.Run(ctx, chromedp.Screenshot(chromedp.CSS(sel)))
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(shots, "overlap-"+strings.TrimPrefix(sel, "#")+".png"), shot, 0o644))
	}

	// The page fetched nothing but itself, and logged no error (a CSP
	// violation would be one).
	requests, problems := rec.get()
	require.NotEmpty(t, requests)
	for _, u := range requests {
		assert.Equal(t, pageURL, strings.SplitN(u, "#", 2)[0], "request made by the page")
	}
	assert.Empty(t, problems)
}

// TestHTMLBrowserNoScript checks that the page works with JavaScript off:
// the passage links are plain fragment links.
func TestHTMLBrowserNoScript(t *testing.T) {
	ctx, _ := startBrowser(t)
	f := newFixture(t)
	page := filepath.Join(t.TempDir(), "report.html")
	var buf bytes.Buffer
	require.NoError(t, writeHTML(&buf, f.report, f.texts, htmlOptions{}))
	require.NoError(t, os.WriteFile(page, buf.Bytes(), 0o644))

	_, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
	require.NoError(t, err)
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate((&url.URL{Scheme: "file", Path: page}).String())))
	n := strconv.Itoa(pairIndex(t, f.report, fxStory, fxDigest) + 1)
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#pairs a[href="#pair-`+n+`"]`))))
	require.NoError(t, chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`#p`+n+`-a a.hl[href="#p`+n+`-b3"]`))))
	assert.Equal(t, "#p"+n+"-b3", evalJS[string](t, ctx, `location.hash`))
	assert.True(t, evalJS[bool](t, ctx, `(`+jsInView+`)("p`+n+`-b3", "p`+n+`-b")`), "partner in view")
	assert.Zero(t, evalJS[int](t, ctx, `document.querySelectorAll(".cur").length`), "the script did not run")
}
