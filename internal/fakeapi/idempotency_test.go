package fakeapi

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func projectCount(h *harness) int { return len(h.collect(h.key, "", "/v1/projects", 100)) }

func TestIdempotencyKeyRequired(t *testing.T) {
	h := newHarness(t)
	body := m{"name": "P", "slug": "proj"}
	h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: body, noIdem: true}).failsField("Idempotency-Key")
	h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: body, idem: strings.Repeat("k", 256)}).failsField("Idempotency-Key")
	h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: body, idem: "caf\u00e9"}).failsField("Idempotency-Key")
	assert.Equal(t, 1, projectCount(h), "nothing created")
	h.do(request{method: "POST", path: "/v1/projects", key: h.key, body: body, idem: strings.Repeat("k", 255)}).ok(201, nil)
	// Other methods need none.
	h.do(request{method: "PATCH", path: settingsPath, key: h.key, body: m{"requireMfa": true}}).ok(200, nil)
}

func TestIdempotentReplay(t *testing.T) {
	h := newHarness(t)
	req := request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "proj"}, idem: "create-proj-1"}
	first := h.do(req).ok(201, nil)
	assert.Empty(t, first.header.Get("Idempotent-Replayed"))

	h.clock.Advance(23 * time.Hour)
	again := h.do(req).ok(201, nil)
	assert.Equal(t, "true", again.header.Get("Idempotent-Replayed"))
	assert.Equal(t, first.raw, again.raw, "the stored body, byte for byte")
	assert.Equal(t, first.header.Get("X-Request-Id"), again.header.Get("X-Request-Id"), "the replay is the first response")
	assert.Equal(t, 2, projectCount(h), "created once")

	// The secret of a created key is replayed too: a retry must be able to learn it.
	keyReq := request{method: "POST", path: "/v1/api-keys", key: h.key, body: m{"name": "K"}, idem: "key-1"}
	k1 := h.do(keyReq).ok(201, nil).obj()
	k2 := h.do(keyReq).ok(201, nil).obj()
	assert.Equal(t, k1["key"], k2["key"])

	// Same key, different request: 422.
	diffBody := req
	diffBody.body = m{"name": "P", "slug": "proj-2"}
	h.do(diffBody).fails(422, "idempotency_key_reused")
	diffPath := req
	diffPath.path = "/v1/organizations"
	h.do(diffPath).fails(422, "idempotency_key_reused")
	diffOrg := req
	diffOrg.org = "example"
	h.do(diffOrg).fails(422, "idempotency_key_reused")
	assert.Equal(t, 2, projectCount(h))

	// After 24 hours the key is forgotten and the request runs again.
	h.clock.Advance(time.Hour)
	h.do(req).fails(409, "conflict")
}

func TestIdempotencyIsPerCredential(t *testing.T) {
	h := newHarness(t)
	_, otherKey := h.seedMember("example", "a@example.com", "admin")
	h.do(request{method: "POST", path: "/v1/sandboxes", key: h.key, body: m{"template": "t"}, idem: "same"}).ok(201, nil)
	r := h.do(request{method: "POST", path: "/v1/sandboxes", key: otherKey, body: m{"template": "t"}, idem: "same"}).ok(201, nil)
	assert.Empty(t, r.header.Get("Idempotent-Replayed"))
	assert.Len(t, h.collect(h.key, "", "/v1/sandboxes", 20), 2)
}

func TestIdempotencyStoresEndpoint4xxButNot5xx(t *testing.T) {
	h := newHarness(t)
	// An endpoint's 4xx is the answer for that key.
	req := request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "default"}, idem: "k-409"}
	first := h.do(req)
	first.fails(409, "conflict")
	again := h.do(req)
	again.fails(409, "conflict")
	assert.Equal(t, "true", again.header.Get("Idempotent-Replayed"))
	assert.Equal(t, first.raw, again.raw)

	// An injected 503 was not processed: the retry runs.
	req = request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "after-503"}, idem: "k-503"}
	h.s.FailNext(1, http.StatusServiceUnavailable, 0)
	h.do(req).fails(503, "service_unavailable")
	r := h.do(req).ok(201, nil)
	assert.Empty(t, r.header.Get("Idempotent-Replayed"))
}

func TestIdempotencyKeyInUse(t *testing.T) {
	h := newHarness(t)
	h.s.SetLatency(300 * time.Millisecond)
	req := request{method: "POST", path: "/v1/projects", key: h.key, body: m{"name": "P", "slug": "slow"}, idem: "slow-1"}
	var wg sync.WaitGroup
	replies := make([]reply, 2)
	for i := range replies {
		wg.Go(func() {
			r := h.newRequest(req)
			resp, err := h.hc.Do(r)
			if !assert.NoError(t, err) {
				return
			}
			defer resp.Body.Close()
			replies[i] = reply{t: t, status: resp.StatusCode, header: resp.Header}
		})
	}
	wg.Wait()
	statuses := []int{replies[0].status, replies[1].status}
	assert.ElementsMatch(t, []int{201, 409}, statuses)
	h.s.SetLatency(0)
	h.do(req).ok(201, nil)
	assert.Equal(t, 2, projectCount(h))
	var codes []string
	for _, rec := range h.s.Requests() {
		if rec.Status == 409 {
			codes = append(codes, rec.Method)
		}
	}
	require.Len(t, codes, 1)
}
