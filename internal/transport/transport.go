// Package transport is the one request pipeline of the SDK: authentication, organization
// context, user agent, idempotency, retries with capped backoff, rate-limit information,
// request ids, logging and bounded body reads all live here, once, over go-retryablehttp.
package transport

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// Config is what a Transport needs from the client that owns it. It is immutable once the
// Transport is built: a client with other settings builds another Transport (cheaply, sharing
// the same *http.Client and so the same connection pool).
type Config struct {
	BaseURL    *url.URL      // origin of the API, without /v1
	APIKey     string        // sent as a Bearer token, never logged
	UserAgent  string        // the full User-Agent header value
	HTTPClient *http.Client  // shared; see NewHTTPClient
	MaxRetries int           // retries after the first attempt
	WaitMin    time.Duration // first backoff step
	WaitMax    time.Duration // cap of every wait, Retry-After included
	Logger     *slog.Logger  // nil: silent
}

// Transport sends Requests. It is safe for concurrent use.
type Transport struct {
	cfg Config
}

// New returns a Transport for cfg.
func New(cfg Config) *Transport {
	return &Transport{cfg: cfg}
}

// Request is one logical API call. Body is the marshalled JSON, sent byte-for-byte on every
// attempt.
type Request struct {
	Method         string
	Path           string     // escaped, starting with /v1
	Query          url.Values // may be nil
	Body           []byte     // nil: no body
	Organization   string     // RunTools-Organization header; "" omits it
	IdempotencyKey string     // POST only; "" on a POST generates one
}

// Result describes the response of a successful call.
type Result struct {
	StatusCode int
	RequestID  string
	Attempts   int
	RateLimit  RateLimit
	HasMore    bool
	NextCursor string
}

// Do sends req, retrying per the policy of retry.go, and decodes the success envelope's data
// into out (a pointer, or nil to discard it). A non-2xx final response becomes a
// *ResponseError. The Result is filled as far as a response arrived, also on error.
func (t *Transport) Do(ctx context.Context, req Request, out any) (*Result, error) {
	if req.Method == http.MethodPost && req.IdempotencyKey == "" {
		req.IdempotencyKey = NewIdempotencyKey()
	}
	httpReq, err := t.newHTTPRequest(ctx, req)
	if err != nil {
		return &Result{}, err
	}
	call := &callState{transport: t, req: req}
	resp, err := t.retryClient(call).Do(httpReq)
	res := &Result{Attempts: call.attempts}
	if resp != nil {
		defer closeBody(resp.Body)
		res.StatusCode = resp.StatusCode
		res.RequestID = resp.Header.Get("X-Request-Id")
		res.RateLimit = parseRateLimit(resp.Header)
	}
	if err != nil {
		return res, t.transportError(ctx, req, call, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		return res, t.responseError(ctx, resp, req, call)
	}
	if err := decodeSuccess(resp.Body, out, res); err != nil {
		return res, fmt.Errorf("runtools: %s %s: decoding response: %w", req.Method, req.Path, err)
	}
	t.logf(ctx, "runtools: response", "method", req.Method, "path", req.Path,
		"status", res.StatusCode, "attempts", res.Attempts, "request_id", res.RequestID)
	return res, nil
}

func (t *Transport) newHTTPRequest(ctx context.Context, req Request) (*retryablehttp.Request, error) {
	// req.Path arrives escaped; url.Parse keeps that escaping (RawPath) on the wire.
	target := strings.TrimRight(t.cfg.BaseURL.String(), "/") + req.Path
	if len(req.Query) > 0 {
		target += "?" + req.Query.Encode()
	}
	var body any
	if req.Body != nil {
		body = req.Body
	}
	r, err := retryablehttp.NewRequestWithContext(ctx, req.Method, target, body)
	if err != nil {
		return nil, fmt.Errorf("runtools: building %s %s: %w", req.Method, req.Path, err)
	}
	h := r.Header
	h.Set("Authorization", "Bearer "+t.cfg.APIKey)
	h.Set("Accept", "application/json")
	h.Set("User-Agent", t.cfg.UserAgent)
	if req.Body != nil {
		h.Set("Content-Type", "application/json")
	}
	if req.Organization != "" {
		h.Set("RunTools-Organization", req.Organization)
	}
	if req.IdempotencyKey != "" {
		h.Set("Idempotency-Key", req.IdempotencyKey)
	}
	return r, nil
}
