package fakeapi

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestFailNext(t *testing.T) {
	h := newHarness(t)
	h.s.FailNext(2, http.StatusServiceUnavailable, 1500*time.Millisecond)
	h.s.FailNextWith(1, Failure{Status: http.StatusInternalServerError, Message: "boom"})

	for range 2 {
		r := h.post(h.key, "/v1/projects", m{"name": "P", "slug": "faulty"})
		r.fails(503, "service_unavailable")
		assert.Equal(t, "2", r.header.Get("Retry-After"))
		assert.NotEmpty(t, r.header.Get("X-RateLimit-Limit"))
	}
	r := h.get(h.key, "/v1/me")
	r.fails(500, "internal_error")
	assert.Equal(t, "boom", r.env.Error.Message)
	assert.Empty(t, r.header.Get("Retry-After"))

	// The failed POSTs did nothing; the next request is served.
	assert.Equal(t, 1, projectCount(h))
	// Injected failures hit even unauthenticated requests: they come before anything else.
	h.s.FailNext(1, http.StatusBadGateway, 0)
	h.get("", "/v1/me").fails(502, "bad_gateway")
	h.get("", "/v1/me").fails(401, "unauthorized")

	h.s.FailNext(5, http.StatusGatewayTimeout, 0)
	h.s.ClearFaults()
	h.get(h.key, "/v1/me").ok(200, nil)
}

// freshClient does not reuse connections, so net/http cannot silently retry a dropped request
// on another connection and the drop reaches the caller.
func freshClient(t *testing.T) *http.Client {
	tr := &http.Transport{DisableKeepAlives: true}
	t.Cleanup(tr.CloseIdleConnections)
	return &http.Client{Transport: tr}
}

func TestCommitThenDrop(t *testing.T) {
	h := newHarness(t)
	h.s.CommitThenDrop(1)
	req := h.newRequest(request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "dropped"}, idem: "drop-1"})
	_, err := freshClient(t).Do(req)
	require.Error(t, err, "the client sees a transport error")
	var urlErr *url.Error
	assert.True(t, errors.As(err, &urlErr))

	// Yet the work was committed, and a retry with the same key replays it.
	var p m
	h.get(h.key, "/v1/projects/dropped").ok(200, &p)
	r := h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "dropped"}, idem: "drop-1"}).ok(201, nil)
	assert.Equal(t, "true", r.header.Get("Idempotent-Replayed"))
	assert.Equal(t, p["id"], r.obj()["id"])

	// The log shows the dropped request with no answer.
	var statuses []int
	for _, rec := range h.s.Requests() {
		if rec.Method == http.MethodPost {
			statuses = append(statuses, rec.Status)
		}
	}
	assert.Equal(t, []int{0, 201}, statuses)

	// A dropped DELETE committed too; repeating it is still a success.
	h.s.CommitThenDrop(1)
	_, err = freshClient(t).Do(h.newRequest(request{method: "DELETE", path: "/v1/projects/dropped", key: h.key}))
	require.Error(t, err)
	h.get(h.key, "/v1/projects/dropped").fails(404, "not_found")
	h.del(h.key, "/v1/projects/dropped").ok(200, nil)
}

func TestLatencyRespectsCancellation(t *testing.T) {
	h := newHarness(t, WithLatency(10*time.Second))
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	req := h.newRequest(request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "slow"}, idem: "slow"})
	began := time.Now()
	_, err := freshClient(t).Do(req.WithContext(ctx))
	require.ErrorIs(t, err, context.DeadlineExceeded)
	assert.Less(t, time.Since(began), 5*time.Second)

	h.s.SetLatency(0)
	// Abandoned: nothing created, and the key is free for a real retry (not "in use").
	require.Eventually(t, func() bool {
		r := h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "slow"}, idem: "slow"})
		return r.status == http.StatusCreated && r.header.Get("Idempotent-Replayed") == ""
	}, 5*time.Second, 20*time.Millisecond)

	h.s.SetLatency(30 * time.Millisecond)
	began = time.Now()
	h.get(h.key, "/v1/me").ok(200, nil)
	assert.GreaterOrEqual(t, time.Since(began), 30*time.Millisecond)
}

// TestDropOnReusedConnectionIsAbsorbedByNetHTTP pins down the trap documented on
// CommitThenDrop: on a reused keep-alive connection net/http retries a GET, or a POST with an
// Idempotency-Key, by itself, and the retry gets the replay. Tests that want the drop to reach
// the SDK's own retry logic must drop twice or use a fresh connection.
func TestDropOnReusedConnectionIsAbsorbedByNetHTTP(t *testing.T) {
	h := newHarness(t)
	h.get(h.key, "/v1/me").ok(200, nil) // warm the keep-alive connection
	h.s.CommitThenDrop(1)
	r := h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "reuse"}, idem: "r-1"}).ok(201, nil)
	assert.Equal(t, "true", r.header.Get("Idempotent-Replayed"))
	assert.Equal(t, 2, projectCount(h))

	h.s.CommitThenDrop(2)
	_, err := h.hc.Do(h.newRequest(request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "twice"}, idem: "r-2"}))
	require.Error(t, err, "two drops exhaust net/http's single silent retry")
	h.get(h.key, "/v1/projects/twice").ok(200, nil)
}
