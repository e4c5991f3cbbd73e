package fakeapi

import (
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRateLimit(t *testing.T) {
	h := newHarness(t, WithRateLimits(RateLimits{Enterprise: 3}))
	reset := strconv.FormatInt(start.Truncate(time.Minute).Add(time.Minute).Unix(), 10)
	for i, want := range []string{"2", "1", "0"} {
		r := h.get(h.key, "/v1/me").ok(200, nil)
		assert.Equal(t, "3", r.header.Get("X-RateLimit-Limit"), "request %d", i)
		assert.Equal(t, want, r.header.Get("X-RateLimit-Remaining"), "request %d", i)
		assert.Equal(t, reset, r.header.Get("X-RateLimit-Reset"))
	}

	limited := h.post(h.key, "/v1/projects", m{"name": "P", "slug": "limited"})
	limited.fails(429, "rate_limited")
	assert.Equal(t, "55", limited.header.Get("Retry-After"), "whole seconds to the next minute")
	assert.Equal(t, "0", limited.header.Get("X-RateLimit-Remaining"))
	assert.Equal(t, "3", limited.header.Get("X-RateLimit-Limit"))

	// Another credential has its own budget.
	_, other := h.seedMember("example", "o@example.com", "admin")
	h.get(other, "/v1/me").ok(200, nil)

	h.clock.Advance(55 * time.Second)
	r := h.get(h.key, "/v1/projects").ok(200, nil)
	assert.Equal(t, "2", r.header.Get("X-RateLimit-Remaining"), "a new window")
	for _, p := range r.list() {
		assert.NotEqual(t, "limited", p["slug"], "the 429 changed nothing")
	}
}

func TestRateLimitRetryAfterRoundsUp(t *testing.T) {
	h := newHarness(t, WithRateLimits(RateLimits{Enterprise: 1}))
	h.clock.Advance(500 * time.Millisecond) // 5.5s into the minute
	h.get(h.key, "/v1/me").ok(200, nil)
	r := h.get(h.key, "/v1/me")
	r.fails(429, "rate_limited")
	assert.Equal(t, "55", r.header.Get("Retry-After"), "54.5s rounds up")
}

func TestRateLimitDefaultsByPlan(t *testing.T) {
	h := newHarness(t)
	for plan, want := range map[string]string{"free": "60", "pro": "300", "team": "1000", "enterprise": "5000"} {
		require.NoError(t, h.s.SetPlan("example", plan))
		r := h.get(h.key, "/v1/me").ok(200, nil)
		assert.Equal(t, want, r.header.Get("X-RateLimit-Limit"), plan)
	}
	// Headers also on rejected requests.
	r := h.get("", "/v1/me")
	r.fails(401, "unauthorized")
	assert.Equal(t, "60", r.header.Get("X-RateLimit-Limit"))
}

func TestRateLimitDisabledAndChangedAtRunTime(t *testing.T) {
	h := newHarness(t, WithoutRateLimits(), WithRateLimits(RateLimits{Enterprise: 2, Disabled: true}))
	var r reply
	for range 5 {
		r = h.get(h.key, "/v1/me").ok(200, nil)
	}
	assert.Equal(t, "0", r.header.Get("X-RateLimit-Remaining"), "still counted, never negative")

	h.s.SetRateLimits(RateLimits{Enterprise: 2})
	h.get(h.key, "/v1/me").fails(429, "rate_limited")
}
