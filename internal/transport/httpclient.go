package transport

import (
	"errors"
	"net/http"
	"time"
)

// NewHTTPClient returns the *http.Client of one SDK client: a copy of base (never mutated;
// nil for none) sending through pool, with timeout as its per-attempt bound. The caller has
// settled which pool and timeout win. pool is wrapped so that retryablehttp's
// CloseIdleConnections (called after every failed call) cannot empty it for the clients that
// share it.
func NewHTTPClient(base *http.Client, pool http.RoundTripper, timeout time.Duration) *http.Client {
	var c http.Client
	if base != nil {
		c = *base
	}
	c.Transport = keepIdle{pool}
	c.Timeout = timeout
	follow := c.CheckRedirect
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		var err error
		if follow != nil {
			err = follow(req, via)
		} else if len(via) >= 10 {
			err = errors.New("stopped after 10 redirects")
		}
		if err != nil && !errors.Is(err, http.ErrUseLastResponse) {
			return &redirectError{err}
		}
		return err
	}
	return &c
}

// DefaultPool returns a new connection pool sized for concurrent use.
func DefaultPool() *http.Transport {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.MaxIdleConns = 256
	t.MaxIdleConnsPerHost = 64
	t.IdleConnTimeout = 90 * time.Second
	return t
}

// keepIdle hides CloseIdleConnections of the transport it wraps.
type keepIdle struct{ http.RoundTripper }

// redirectError marks a refused redirect, which a retry would only repeat.
type redirectError struct{ err error }

func (e *redirectError) Error() string { return e.err.Error() }
func (e *redirectError) Unwrap() error { return e.err }
