package dashboards

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"sync"
	"testing"
	"time"
)

// A minimal Chrome DevTools Protocol client for the browser tests. It talks
// to headless Chromium over --remote-debugging-pipe: Chromium reads
// commands from its file descriptor 3 and writes replies and events to
// descriptor 4, each message a JSON object ended by a NUL byte. The pipe
// needs no TCP port and no WebSocket library, and nothing else on the
// machine can connect to the browser.

// chromiumFlags keep the browser from reaching the network on its own.
var chromiumFlags = []string{
	"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
	"--disable-background-networking", "--disable-component-update", "--disable-sync",
	"--disable-extensions", "--disable-default-apps", "--disable-dev-shm-usage",
	"--mute-audio", "--hide-scrollbars", "--no-default-browser-check",
	"--remote-debugging-pipe",
}

type cdpError struct {
	Code    int    `json:"code"`
	Message string `json:"message"`
}

type cdpMessage struct {
	ID        int64           `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    json.RawMessage `json:"params,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     *cdpError       `json:"error,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
}

// browser is one running Chromium.
type browser struct {
	cmd    *exec.Cmd
	out    *os.File // our end of Chromium's fd 3
	in     *os.File // our end of Chromium's fd 4
	stderr *bytes.Buffer

	mu      sync.Mutex
	nextID  int64
	pending map[int64]chan cdpMessage
	onEvent func(cdpMessage)
	closed  chan struct{}
	readErr error
}

// startBrowser runs Chromium with a fresh profile in a temporary folder.
// The browser is closed when the test ends.
func startBrowser(t *testing.T, bin string) *browser {
	t.Helper()
	profile := t.TempDir() // removed after the browser has exited (cleanups run last-in first-out)
	cmdR, cmdW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	respR, respW, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	b := &browser{out: cmdW, in: respR, stderr: &bytes.Buffer{}, pending: map[int64]chan cdpMessage{}, closed: make(chan struct{})}
	b.cmd = exec.Command(bin, append(append([]string{}, chromiumFlags...), "--user-data-dir="+profile, "about:blank")...)
	b.cmd.ExtraFiles = []*os.File{cmdR, respW} // fd 3, fd 4
	b.cmd.Stderr = b.stderr
	if err := b.cmd.Start(); err != nil {
		t.Fatalf("start %s: %v", bin, err)
	}
	cmdR.Close()
	respW.Close()
	go b.readLoop()
	t.Cleanup(func() { b.close(t) })
	return b
}

func (b *browser) readLoop() {
	r := bufio.NewReaderSize(b.in, 1<<20)
	for {
		raw, err := r.ReadBytes(0)
		if err != nil {
			b.mu.Lock()
			b.readErr = err
			for id, ch := range b.pending {
				close(ch)
				delete(b.pending, id)
			}
			b.mu.Unlock()
			close(b.closed)
			return
		}
		var m cdpMessage
		if err := json.Unmarshal(raw[:len(raw)-1], &m); err != nil {
			continue
		}
		b.mu.Lock()
		if m.ID != 0 {
			if ch, ok := b.pending[m.ID]; ok {
				ch <- m
				delete(b.pending, m.ID)
			}
		} else if b.onEvent != nil {
			b.onEvent(m)
		}
		b.mu.Unlock()
	}
}

// call sends a command (to the browser when session is "", else to the
// page session) and decodes its result into result (when not nil).
func (b *browser) call(ctx context.Context, session, method string, params any, result any) error {
	if params == nil {
		params = struct{}{}
	}
	p, err := json.Marshal(params)
	if err != nil {
		return err
	}
	ch := make(chan cdpMessage, 1)
	b.mu.Lock()
	b.nextID++
	id := b.nextID
	b.pending[id] = ch
	b.mu.Unlock()
	msg, err := json.Marshal(cdpMessage{ID: id, Method: method, Params: p, SessionID: session})
	if err != nil {
		return err
	}
	if _, err := b.out.Write(append(msg, 0)); err != nil {
		return fmt.Errorf("%s: %w", method, err)
	}
	select {
	case m, ok := <-ch:
		if !ok {
			return fmt.Errorf("%s: browser closed the pipe (%v)", method, b.readErr)
		}
		if m.Error != nil {
			return fmt.Errorf("%s: %s (%d)", method, m.Error.Message, m.Error.Code)
		}
		if result != nil {
			return json.Unmarshal(m.Result, result)
		}
		return nil
	case <-ctx.Done():
		b.mu.Lock()
		delete(b.pending, id)
		b.mu.Unlock()
		return fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// setEventHandler receives every event; it runs on the reader goroutine
// with the client's lock held, so it must only record.
func (b *browser) setEventHandler(f func(cdpMessage)) {
	b.mu.Lock()
	b.onEvent = f
	b.mu.Unlock()
}

// close asks Chromium to quit and waits for it; the process started here is
// killed (by its own pid) only if it does not exit in time.
func (b *browser) close(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = b.call(ctx, "", "Browser.close", nil, nil)
	done := make(chan error, 1)
	go func() { done <- b.cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		_ = b.cmd.Process.Kill()
		<-done
	}
	b.out.Close()
	b.in.Close()
	if t.Failed() && b.stderr.Len() > 0 {
		t.Logf("chromium stderr (last 2 kB): %s", tail(b.stderr.Bytes(), 2048))
	}
}

func tail(b []byte, n int) []byte {
	if len(b) > n {
		return b[len(b)-n:]
	}
	return b
}

// newPage opens a tab and attaches to it; commands for the tab carry the
// returned session id.
func (b *browser) newPage(ctx context.Context) (string, error) {
	var target struct {
		TargetID string `json:"targetId"`
	}
	if err := b.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"}, &target); err != nil {
		return "", err
	}
	var session struct {
		SessionID string `json:"sessionId"`
	}
	if err := b.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}, &session); err != nil {
		return "", err
	}
	if session.SessionID == "" {
		return "", errors.New("Target.attachToTarget returned no session")
	}
	return session.SessionID, nil
}

// evaluate runs a JavaScript expression in the page and decodes its value.
func (b *browser) evaluate(ctx context.Context, session, expr string, out any) error {
	var res struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text      string `json:"text"`
			Exception *struct {
				Description string `json:"description"`
			} `json:"exception"`
		} `json:"exceptionDetails"`
	}
	err := b.call(ctx, session, "Runtime.evaluate", map[string]any{
		"expression": expr, "returnByValue": true, "awaitPromise": true,
	}, &res)
	if err != nil {
		return err
	}
	if e := res.ExceptionDetails; e != nil {
		msg := e.Text
		if e.Exception != nil {
			msg += " " + e.Exception.Description
		}
		return fmt.Errorf("evaluate: %s", msg)
	}
	if out == nil || len(res.Result.Value) == 0 {
		return nil
	}
	return json.Unmarshal(res.Result.Value, out)
}
