package runtools_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/jarcoal/httpmock"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

// TestConnectionsAreReusedAcrossFailures: retryablehttp closes idle connections after every
// call that fails; the SDK must keep its pool anyway.
func TestConnectionsAreReusedAcrossFailures(t *testing.T) {
	var opened atomic.Int32
	var calls atomic.Int32
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		// Each round: three 503s (the call exhausts its two retries), then one 200.
		if calls.Add(1)%4 != 0 {
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = io.WriteString(w, errorJSON("service_unavailable", "busy"))
			return
		}
		_, _ = io.WriteString(w, orgJSON)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()

	c, err := runtools.NewClient(runtools.WithAPIKey(testKey), runtools.WithBaseURL(srv.URL), runtools.WithRetryWait(0, 0))
	require.NoError(t, err)
	ctx := context.Background()
	for range 10 {
		_, err := c.Organizations.Get(ctx, "acme-corp")
		require.ErrorIs(t, err, runtools.ErrServer)
		_, err = c.Organizations.Get(ctx, "acme-corp")
		require.NoError(t, err)
	}
	assert.Equal(t, int32(40), calls.Load())
	assert.LessOrEqual(t, opened.Load(), int32(2))
}

// endless is an error body that never ends: {"error":{"message":"xxxx…
type endless struct{ sent int64 }

func (e *endless) Read(p []byte) (int, error) {
	const prefix = `{"error":{"code":"internal_error","message":"`
	if e.sent >= 200<<20 {
		return 0, io.EOF
	}
	n := copy(p, strings.Repeat("x", len(p)))
	if e.sent == 0 {
		n = copy(p, prefix)
	}
	e.sent += int64(n)
	return n, nil
}

func (e *endless) Close() error { return nil }

func TestHugeErrorBodyStaysBounded(t *testing.T) {
	m := newMockAPI(t)
	m.replyWith(func(*http.Request) (*http.Response, error) {
		resp := httpmock.NewStringResponse(500, "")
		resp.Body = &endless{}
		return resp, nil
	})
	c := m.client(runtools.WithMaxRetries(0))

	runtime.GC()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err := c.Organizations.Get(context.Background(), "acme-corp")
	runtime.ReadMemStats(&after)

	assert.ErrorIs(t, err, runtools.ErrServer)
	allocated := after.TotalAlloc - before.TotalAlloc
	assert.Less(t, allocated, uint64(8<<20), "a 200 MiB error body allocated %d bytes", allocated)
}
