// Package runtoolstest runs an in-process, stateful RunTools API for tests and demos: the
// project's reference server (an independent reading of the wire contract), on a loopback
// port, with seeding and fault injection.
//
// A new server holds one user, owner@example.com, who owns the organization "example"
// on the enterprise plan (so every documented call, SSO and audit logs included, works),
// and a full-scope API key for that user in Server.APIKey.
package runtoolstest

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/runtools-ai/runtools-go"
	"github.com/runtools-ai/runtools-go/internal/fakeapi"
)

// Types of the seeding, fault and request-log API.
type (
	// User is a seeded user.
	User = fakeapi.UserInfo
	// Organization is a seeded organization.
	Organization = fakeapi.OrgInfo
	// KeySpec describes an API key to issue with IssueKeyWith.
	KeySpec = fakeapi.KeySpec
	// Key is an issued API key, its secret included.
	Key = fakeapi.KeyInfo
	// Failure is an injected error response (see FailNextWith).
	Failure = fakeapi.Failure
	// RateLimits are per-minute request limits by plan.
	RateLimits = fakeapi.RateLimits
	// RecordedRequest is one received request, with secrets redacted.
	RecordedRequest = fakeapi.RecordedRequest
)

// Server is a running reference server. The embedded *fakeapi.Server gives the seeding
// (AddUser, AddOrganization, AddMember, IssueKey, IssueKeyWith, SetPlan, …), the faults
// (FailNext, FailNextWith, CommitThenDrop, SetLatency, ClearFaults) and the request log
// (Requests, ResetRequests). It is safe for concurrent use.
type Server struct {
	*fakeapi.Server
	URL    string // origin to pass to runtools.WithBaseURL, e.g. http://127.0.0.1:41234
	APIKey string // the owner's full-scope key

	http *httptest.Server
}

// ServerOption configures a Server.
type ServerOption func(*[]fakeapi.Option)

// WithClock replaces the server's wall clock (timestamps, expiries, rate-limit windows).
func WithClock(now func() time.Time) ServerOption {
	return func(o *[]fakeapi.Option) { *o = append(*o, fakeapi.WithClock(now)) }
}

// WithoutRateLimits makes the server never answer 429 (the headers still count down).
func WithoutRateLimits() ServerOption {
	return func(o *[]fakeapi.Option) { *o = append(*o, fakeapi.WithoutRateLimits()) }
}

// WithRateLimits overrides the per-minute limits by plan.
func WithRateLimits(l RateLimits) ServerOption {
	return func(o *[]fakeapi.Option) { *o = append(*o, fakeapi.WithRateLimits(l)) }
}

// WithLatency delays every request the server admits.
func WithLatency(d time.Duration) ServerOption {
	return func(o *[]fakeapi.Option) { *o = append(*o, fakeapi.WithLatency(d)) }
}

// Start runs a server on a loopback port until Close. For programs; tests use NewServer.
func Start(opts ...ServerOption) (*Server, error) {
	var fopts []fakeapi.Option
	for _, opt := range opts {
		opt(&fopts)
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("runtoolstest: listening on loopback: %w", err)
	}
	api := fakeapi.New(fopts...)
	hs := &httptest.Server{Listener: l, Config: &http.Server{Handler: api}}
	hs.Start()
	return &Server{Server: api, URL: hs.URL, APIKey: api.OwnerKey(), http: hs}, nil
}

// NewServer starts a server for the test and closes it in t.Cleanup.
func NewServer(t testing.TB, opts ...ServerOption) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	return s
}

// Close shuts the server down, closing its connections.
func (s *Server) Close() { s.http.Close() }

// Client returns a client authenticated as the owner, pointed at the server, with zero
// retry waits so tests of retries run fast; opts are applied last and win. It panics if
// an option is invalid, as a test helper should fail loudly.
func (s *Server) Client(opts ...runtools.Option) *runtools.Client {
	return s.ClientWithKey(s.APIKey, opts...)
}

// ClientWithKey is Client authenticated with another key, e.g. one from IssueKey.
func (s *Server) ClientWithKey(key string, opts ...runtools.Option) *runtools.Client {
	base := []runtools.Option{
		runtools.WithAPIKey(key),
		runtools.WithBaseURL(s.URL),
		runtools.WithRetryWait(0, 0),
		runtools.WithOrganization(""),
	}
	c, err := runtools.NewClient(append(base, opts...)...)
	if err != nil {
		panic(fmt.Sprintf("runtoolstest: building a client: %v", err))
	}
	return c
}
