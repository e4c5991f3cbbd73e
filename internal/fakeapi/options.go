package fakeapi

import "time"

// Option configures a [Server] at construction.
type Option func(*config)

type config struct {
	clock   func() time.Time
	limits  RateLimits
	latency time.Duration
}

// WithClock replaces the wall clock. Every timestamp, key and invite expiry, rate-limit window
// and the 24-hour idempotency retention read it, so a test can move time instead of sleeping.
// The function must be safe for concurrent use.
func WithClock(now func() time.Time) Option {
	return func(c *config) {
		if now != nil {
			c.clock = now
		}
	}
}

// WithRateLimits overrides the per-minute request limits by plan; see [RateLimits].
func WithRateLimits(l RateLimits) Option { return func(c *config) { c.limits = l } }

// WithoutRateLimits never answers 429. The X-RateLimit-* headers are still sent and still
// count down (to zero), so a client's rate-limit reporting stays testable.
func WithoutRateLimits() Option { return func(c *config) { c.limits.Disabled = true } }

// WithLatency delays every admitted request; see [Server.SetLatency].
func WithLatency(d time.Duration) Option { return func(c *config) { c.latency = d } }
