package runtools

import (
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
	"unicode"
)

// Defaults of a new Client.
const (
	DefaultBaseURL    = "https://api.runtools.ai"
	DefaultMaxRetries = 2
	DefaultRetryMin   = 500 * time.Millisecond
	DefaultRetryMax   = 8 * time.Second
	DefaultTimeout    = 30 * time.Second
)

// clientConfig is everything a Client is built from.
type clientConfig struct {
	apiKey       string
	organization string
	baseURL      *url.URL
	httpClient   *http.Client // the caller's, copied; nil: the SDK's pool
	maxRetries   int
	retryMin     time.Duration
	retryMax     time.Duration
	timeout      time.Duration
	timeoutSet   bool
	logger       *slog.Logger
	appAgent     string
}

// Option configures a Client in NewClient or Client.With. An option given bad input makes
// NewClient return a *ValidationError naming the option.
type Option func(*clientConfig) error

// WithAPIKey sets the credential sent as "Authorization: Bearer <key>": an rt_live_/rt_test_
// key or a session token. It overrides RUNTOOLS_API_KEY.
func WithAPIKey(key string) Option {
	return func(c *clientConfig) error {
		if strings.TrimSpace(key) == "" {
			return invalid("apiKey", "must not be empty")
		}
		if strings.ContainsFunc(key, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			return invalid("apiKey", "must not contain spaces or control characters")
		}
		c.apiKey = key
		return nil
	}
}

// WithOrganization sets the active organization (slug or id) for every call; "" means the
// credential's own organization. It overrides RUNTOOLS_ORGANIZATION.
func WithOrganization(org string) Option {
	return func(c *clientConfig) error {
		c.organization = org
		return nil
	}
}

// WithBaseURL points the client at another API origin (no /v1), as RUNTOOLS_API_URL does.
// Plain http is accepted only for loopback hosts, so a key never crosses a network unencrypted.
func WithBaseURL(rawURL string) Option {
	return func(c *clientConfig) error {
		u, err := parseBaseURL(rawURL)
		if err != nil {
			return err
		}
		c.baseURL = u
		return nil
	}
}

func parseBaseURL(rawURL string) (*url.URL, error) {
	u, err := url.Parse(rawURL)
	switch {
	case err != nil:
		return nil, invalid("baseURL", "does not parse as a URL")
	case u.Host == "" || (u.Scheme != "https" && u.Scheme != "http"):
		return nil, invalid("baseURL", "must be an absolute http(s) URL such as "+DefaultBaseURL)
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return nil, invalid("baseURL", "must not carry user info, a query or a fragment")
	case strings.HasSuffix(strings.TrimRight(u.Path, "/"), "/v1"):
		return nil, invalid("baseURL", "is an origin: leave out /v1")
	case u.Scheme == "http" && !isLoopback(u.Hostname()):
		return nil, invalid("baseURL", "plain http is allowed only for loopback hosts; use https")
	}
	return u, nil
}

func isLoopback(host string) bool {
	if host == "localhost" || strings.HasSuffix(host, ".localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// WithHTTPClient sends requests through a copy of hc (its Transport, and so its connection
// pool, is shared; hc itself is never modified). Without it the SDK uses its own pool.
func WithHTTPClient(hc *http.Client) Option {
	return func(c *clientConfig) error {
		if hc == nil {
			return invalid("httpClient", "must not be nil")
		}
		c.httpClient = hc
		return nil
	}
}

// WithMaxRetries sets how many times a failed call is retried (0: never). Default 2.
func WithMaxRetries(n int) Option {
	return func(c *clientConfig) error {
		if n < 0 {
			return invalid("maxRetries", "must not be negative")
		}
		c.maxRetries = n
		return nil
	}
}

// WithRetryWait sets the first backoff step and the cap of every wait (defaults 500ms and
// 8s). The cap also bounds Retry-After: a server asking for longer gets its error returned
// at once, with APIError.RetryAfter set, rather than a sleeping caller.
func WithRetryWait(minWait, maxWait time.Duration) Option {
	return func(c *clientConfig) error {
		if minWait < 0 || maxWait < minWait {
			return invalid("retryWait", "needs 0 <= min <= max")
		}
		c.retryMin, c.retryMax = minWait, maxWait
		return nil
	}
}

// WithTimeout bounds each attempt, body included (default 30s; 0: no bound). The context
// bounds the whole call, retries and waits included.
func WithTimeout(d time.Duration) Option {
	return func(c *clientConfig) error {
		if d < 0 {
			return invalid("timeout", "must not be negative")
		}
		c.timeout, c.timeoutSet = d, true
		return nil
	}
}

// WithLogger sends Debug events (method, path, status, attempt, wait, request id; never
// headers, bodies or keys) to l. The default is silence.
func WithLogger(l *slog.Logger) Option {
	return func(c *clientConfig) error {
		c.logger = l
		return nil
	}
}

// WithUserAgent appends app (e.g. "my-tool/1.2") to the SDK's User-Agent.
func WithUserAgent(app string) Option {
	return func(c *clientConfig) error {
		if strings.TrimSpace(app) == "" || strings.ContainsFunc(app, func(r rune) bool { return r > unicode.MaxASCII || unicode.IsControl(r) }) {
			return invalid("userAgent", "must be non-empty printable ASCII")
		}
		c.appAgent = app
		return nil
	}
}

// ResponseInfo receives what a call's response said beyond its data (see WithResponseInfo).
type ResponseInfo struct {
	StatusCode int
	RequestID  string
	Attempts   int
	RateLimit  RateLimit
}

// RateLimit is the X-RateLimit-* state of the credential after a call.
type RateLimit struct {
	Limit     int       // requests per minute on the plan
	Remaining int       // left in the current window
	Reset     time.Time // when the window resets
}

// requestConfig is what RequestOptions set for one call.
type requestConfig struct {
	idempotencyKey string
	pageSize       int
	cursor         string
	info           *ResponseInfo
	err            error
}

// RequestOption adjusts one call. Bad input makes the call return a *ValidationError
// without sending anything.
type RequestOption func(*requestConfig)

// WithIdempotencyKey sends key as the Idempotency-Key of a POST instead of a generated one
// (1–255 printable ASCII). Retries reuse it; use the same key to retry a call yourself.
func WithIdempotencyKey(key string) RequestOption {
	return func(r *requestConfig) {
		if key == "" || len(key) > 255 || strings.ContainsFunc(key, func(c rune) bool { return c < 0x20 || c > 0x7e }) {
			r.fail(invalid("Idempotency-Key", "must be 1–255 printable ASCII characters"))
			return
		}
		r.idempotencyKey = key
	}
}

// WithPageSize sets how many items a list call asks for per page (1–100; server default 20).
func WithPageSize(n int) RequestOption {
	return func(r *requestConfig) {
		if n < 1 || n > 100 {
			r.fail(invalid("limit", "page size must be between 1 and 100"))
			return
		}
		r.pageSize = n
	}
}

// WithCursor starts a list call at the page a previous Page.NextCursor named.
func WithCursor(cursor string) RequestOption {
	return func(r *requestConfig) { r.cursor = cursor }
}

// WithResponseInfo fills info with the status, request id, attempts and rate-limit state of
// the call's final response (as far as one arrived, also when the call fails).
func WithResponseInfo(info *ResponseInfo) RequestOption {
	return func(r *requestConfig) { r.info = info }
}

func (r *requestConfig) fail(err error) {
	if r.err == nil {
		r.err = err
	}
}

func newRequestConfig(opts []RequestOption) (*requestConfig, error) {
	var rc requestConfig
	for _, opt := range opts {
		if opt != nil {
			opt(&rc)
		}
	}
	return &rc, rc.err
}

func invalid(field, message string) *ValidationError {
	return &ValidationError{Field: field, Message: message}
}
