package runtools_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

// testKey is a well-formed credential that tests look for in output that must not hold it.
const testKey = "rt_test_abcdefghijklmnopqrstuvwxyz012345"

const testBaseURL = "https://api.runtools.test"

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// sent is one request the mock transport received.
type sent struct {
	Method   string
	Path     string // escaped, as on the wire
	RawQuery string
	Header   http.Header
	Body     []byte
}

// mockAPI is one httpmock transport per test: it records every request and answers from a
// queue of responses (the last one repeats).
type mockAPI struct {
	t         *testing.T
	Transport *httpmock.MockTransport
	mu        sync.Mutex
	reqs      []sent
	replies   []httpmock.Responder
}

func newMockAPI(t *testing.T) *mockAPI {
	t.Helper()
	m := &mockAPI{t: t, Transport: httpmock.NewMockTransport()}
	m.Transport.RegisterNoResponder(func(r *http.Request) (*http.Response, error) {
		var body []byte
		if r.Body != nil {
			body, _ = io.ReadAll(r.Body)
		}
		m.mu.Lock()
		m.reqs = append(m.reqs, sent{Method: r.Method, Path: r.URL.EscapedPath(), RawQuery: r.URL.RawQuery,
			Header: r.Header.Clone(), Body: body})
		var reply httpmock.Responder
		switch n := len(m.replies); {
		case n == 0:
			reply = httpmock.NewStringResponder(599, `{"error":{"code":"no_reply","message":"the test queued no reply"}}`)
		case n == 1:
			reply = m.replies[0]
		default:
			reply, m.replies = m.replies[0], m.replies[1:]
		}
		m.mu.Unlock()
		return reply(r)
	})
	return m
}

// reply queues a JSON response; headers come as name, value pairs.
func (m *mockAPI) reply(status int, body string, headers ...string) *mockAPI {
	m.replyWith(func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(status, body)
		resp.Header.Set("Content-Type", "application/json")
		for i := 0; i+1 < len(headers); i += 2 {
			resp.Header.Set(headers[i], headers[i+1])
		}
		return resp, nil
	})
	return m
}

// replyWith queues any responder, e.g. one that fails at the transport level.
func (m *mockAPI) replyWith(r httpmock.Responder) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.replies = append(m.replies, r)
}

// requests returns a copy of what was received so far.
func (m *mockAPI) requests() []sent {
	m.mu.Lock()
	defer m.mu.Unlock()
	return append([]sent(nil), m.reqs...)
}

// only asserts exactly one request was received and returns it.
func (m *mockAPI) only() sent {
	m.t.Helper()
	reqs := m.requests()
	require.Len(m.t, reqs, 1, "requests received")
	return reqs[0]
}

// client returns a client talking to the mock, with zero retry waits unless opts say
// otherwise.
func (m *mockAPI) client(opts ...runtools.Option) *runtools.Client {
	m.t.Helper()
	base := []runtools.Option{
		runtools.WithAPIKey(testKey),
		runtools.WithBaseURL(testBaseURL),
		runtools.WithHTTPClient(&http.Client{Transport: m.Transport}),
		runtools.WithRetryWait(0, 0),
	}
	c, err := runtools.NewClient(append(base, opts...)...)
	require.NoError(m.t, err)
	return c
}

// assertGolden compares a JSON body with testdata/<name>.json (rewritten with -update).
// Both sides are compacted, so the golden files may be indented for reading.
func assertGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name+".json")
	if *update {
		var pretty bytes.Buffer
		require.NoError(t, json.Indent(&pretty, got, "", "  "))
		require.NoError(t, os.MkdirAll("testdata", 0o755))
		require.NoError(t, os.WriteFile(path, append(pretty.Bytes(), '\n'), 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "golden file missing: run go test -run %s -update", t.Name())
	var wantC, gotC bytes.Buffer
	require.NoError(t, json.Compact(&wantC, want))
	require.NoError(t, json.Compact(&gotC, got))
	require.Equal(t, wantC.String(), gotC.String(), "body differs from %s", path)
}

func atUTC(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.Parse(time.RFC3339, s)
	require.NoError(t, err)
	return v.UTC()
}

// requireLocalRejection asserts err is a *ValidationError naming field and that nothing
// reached the wire.
func requireLocalRejection(t *testing.T, m *mockAPI, err error, field string) {
	t.Helper()
	var vErr *runtools.ValidationError
	require.ErrorAs(t, err, &vErr)
	assert.Equal(t, field, vErr.Field)
	assert.ErrorIs(t, err, runtools.ErrValidation)
	assert.Empty(t, m.requests(), "a locally rejected call sends nothing")
}
