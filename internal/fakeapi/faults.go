package fakeapi

import (
	"net/http"
	"time"
)

// Failure is an injected error answer. The request it hits is not processed at all.
type Failure struct {
	// Status is the HTTP status, e.g. 503.
	Status int
	// Code is error.code; empty picks the code API.md pairs with Status.
	Code string
	// Message is error.message; empty gives a generic one.
	Message string
	// RetryAfter, when positive, is sent as Retry-After in whole seconds (rounded up).
	RetryAfter time.Duration
}

// faultState is guarded by Server.mu. Failures form a queue so that consecutive FailNext calls
// describe a script ("503, then 500, then succeed").
type faultState struct {
	failures []Failure
	drops    int
	latency  time.Duration
}

// take consumes what applies to one arriving request. A request consumes at most one fault:
// a queued failure first, else a drop.
func (f *faultState) take() (fail *Failure, drop bool) {
	if len(f.failures) > 0 {
		first := f.failures[0]
		f.failures = f.failures[1:]
		return &first, false
	}
	if f.drops > 0 {
		f.drops--
		return nil, true
	}
	return nil, false
}

// FailNext makes the next n requests fail with status (and Retry-After when retryAfter > 0),
// in an error envelope carrying the matching code. Those requests change nothing. Calls queue up
// behind failures still pending.
func (s *Server) FailNext(n, status int, retryAfter time.Duration) {
	s.FailNextWith(n, Failure{Status: status, RetryAfter: retryAfter})
}

// FailNextWith is [Server.FailNext] with full control over the answer.
func (s *Server) FailNextWith(n int, f Failure) {
	if f.Code == "" {
		f.Code = codeForStatus(f.Status)
	}
	if f.Message == "" {
		f.Message = "Injected failure: " + http.StatusText(f.Status)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.faults.failures = append(s.faults.failures, f)
	}
}

// CommitThenDrop makes the next n requests run to completion — state committed and, for a
// POST, the idempotency record stored — and then drops the connection without an answer, as a
// network failure after the server acted would. A client sees a transport error.
//
// Note for callers: net/http's Transport itself silently retries a request whose response is
// lost on a reused keep-alive connection when the request is a GET or carries an
// Idempotency-Key. Such a retry consumes the next request slot, so use n of 2 (or a fresh
// connection) to make one drop visible above the transport.
func (s *Server) CommitThenDrop(n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.drops += max(0, n)
}

// SetLatency delays every admitted request by d before it is processed (0 turns it off). The
// delay comes after authentication, rate limiting and the Idempotency-Key reservation, so a
// concurrent retry of a slow POST sees 409 idempotency_key_in_use; a request whose context is
// cancelled during the delay is abandoned unprocessed.
func (s *Server) SetLatency(d time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults.latency = max(0, d)
}

// ClearFaults drops pending failures and drops and removes the latency.
func (s *Server) ClearFaults() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.faults = faultState{}
}
