package fakeapi

import (
	"net/http"
	"strconv"
	"time"
)

// RateLimits are requests per credential per minute by plan. A zero field keeps the default of
// API.md section 1.2 (free 60, pro 300, team 1000, enterprise 5000); Disabled turns 429 off.
type RateLimits struct {
	Free, Pro, Team, Enterprise int
	Disabled                    bool
}

func (l RateLimits) forPlan(plan string) int {
	pick := func(v, def int) int {
		if v > 0 {
			return v
		}
		return def
	}
	switch plan {
	case planPro:
		return pick(l.Pro, 300)
	case planTeam:
		return pick(l.Team, 1000)
	case planEnterprise:
		return pick(l.Enterprise, 5000)
	}
	return pick(l.Free, 60)
}

// bucket is a fixed window aligned to the clock's minute: simple, and its reset time is exactly
// what X-RateLimit-Reset announces.
type bucket struct {
	window time.Time
	count  int
}

type rateState struct {
	limit, remaining int
	reset            time.Time
	retryAfter       time.Duration
}

func (st rateState) writeHeaders(h http.Header) {
	h.Set("X-RateLimit-Limit", strconv.Itoa(st.limit))
	h.Set("X-RateLimit-Remaining", strconv.Itoa(st.remaining))
	h.Set("X-RateLimit-Reset", strconv.FormatInt(st.reset.Unix(), 10))
}

// keyPlan is the plan that sets a credential's limit: that of the organization the key belongs to.
func (s *Server) keyPlan(k *apiKey) string {
	if k == nil {
		return planFree
	}
	if o := s.orgByID(k.orgID); o != nil {
		return o.plan
	}
	return planFree
}

// peekRate reports a credential's window without counting: used for answers to requests that
// were not admitted (unauthenticated or failed by injection), which still carry the headers.
func (s *Server) peekRate(k *apiKey, now time.Time) rateState {
	limit := s.limits.forPlan(s.keyPlan(k))
	window := now.Truncate(time.Minute)
	st := rateState{limit: limit, remaining: limit, reset: window.Add(time.Minute)}
	if k == nil {
		return st
	}
	if b := s.buckets[k.id]; b != nil && b.window.Equal(window) {
		st.remaining = max(0, limit-b.count)
	}
	return st
}

// countRate admits one request of the credential, or reports it limited without counting it
// (a 429 changes nothing, not even the counter).
func (s *Server) countRate(k *apiKey, now time.Time) (rateState, bool) {
	st := s.peekRate(k, now)
	b := s.buckets[k.id]
	if b == nil || !b.window.Equal(now.Truncate(time.Minute)) {
		b = &bucket{window: now.Truncate(time.Minute)}
		s.buckets[k.id] = b
	}
	if b.count >= st.limit && !s.limits.Disabled {
		wait := st.reset.Sub(now)
		st.retryAfter = max(time.Second, wait)
		return st, true
	}
	b.count++
	st.remaining = max(0, st.limit-b.count)
	return st, false
}

// retryAfterValue renders a wait as whole seconds, rounded up so a client that waits exactly
// that long is never early.
func retryAfterValue(d time.Duration) string {
	secs := int64(d / time.Second)
	if d%time.Second != 0 {
		secs++
	}
	return strconv.FormatInt(secs, 10)
}
