// Package runtools is the Go SDK for the RunTools API: organizations, members and invites,
// settings, single sign-on, scoped API keys, projects and sandboxes.
//
// A Client holds the credential and the active organization. Its sub-clients map one-to-one
// to the documented calls:
//
//	rt, err := runtools.NewClient() // RUNTOOLS_API_KEY, RUNTOOLS_ORGANIZATION, RUNTOOLS_API_URL
//	org, err := rt.Organizations.Create(ctx, runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"})
//	rt.SetOrganization("acme-corp")
//
// Every call retries what is safe to retry (POSTs under one Idempotency-Key), honours
// Retry-After within a cap, and returns *APIError or *ValidationError values that match the
// package's sentinel errors with errors.Is.
package runtools

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"runtime"
	"sync/atomic"

	"github.com/runtools-ai/runtools-go/internal/transport"
)

// Client is a RunTools API client. It is safe for concurrent use; SetOrganization may be
// called while other goroutines make requests (each request reads the organization once).
// A Client prints and logs without its API key.
type Client struct {
	Organizations *OrganizationsService // organizations, members, invites, settings, SSO, audit logs
	APIKeys       *APIKeysService       // scoped API keys of the active organization
	Projects      *ProjectsService      // projects of the active organization
	Sandboxes     *SandboxesService     // sandboxes of the active organization

	cfg       *clientConfig     // behind a pointer, so even a printed copy of the struct shows no key
	pool      http.RoundTripper // shared by every client derived through With
	transport *transport.Transport
	org       atomic.Pointer[string]
}

// NewClient returns a client configured from the environment (RUNTOOLS_API_KEY,
// RUNTOOLS_ORGANIZATION, RUNTOOLS_API_URL) and then opts, which win. It does no I/O.
// Without a credential it returns ErrNoAPIKey; a bad option gives a *ValidationError.
func NewClient(opts ...Option) (*Client, error) {
	cfg := clientConfig{
		apiKey:       os.Getenv("RUNTOOLS_API_KEY"),
		organization: os.Getenv("RUNTOOLS_ORGANIZATION"),
		maxRetries:   DefaultMaxRetries,
		retryMin:     DefaultRetryMin,
		retryMax:     DefaultRetryMax,
		timeout:      DefaultTimeout,
	}
	base := DefaultBaseURL
	if env := os.Getenv("RUNTOOLS_API_URL"); env != "" {
		base = env
	}
	if err := WithBaseURL(base)(&cfg); err != nil {
		return nil, fmt.Errorf("%w (from RUNTOOLS_API_URL)", err)
	}
	return build(cfg, nil, opts)
}

// With returns a new client with opts applied over this one's settings (including its
// current organization). The two share their connection pool; this client is unchanged.
func (c *Client) With(opts ...Option) (*Client, error) {
	cfg := *c.cfg
	cfg.organization = c.Organization()
	return build(cfg, c.pool, opts)
}

func build(cfg clientConfig, pool http.RoundTripper, opts []Option) (*Client, error) {
	callerClient := cfg.httpClient
	for _, opt := range opts {
		if opt == nil {
			continue
		}
		if err := opt(&cfg); err != nil {
			return nil, err
		}
	}
	if cfg.apiKey == "" {
		return nil, ErrNoAPIKey
	}
	if cfg.httpClient != callerClient || pool == nil {
		// The first client, or one given a new http.Client, brings its own pool; the rest share.
		pool = nil
		if cfg.httpClient != nil {
			pool = cfg.httpClient.Transport
		}
		if pool == nil {
			pool = transport.DefaultPool()
		}
	}
	// WithTimeout wins, then the caller's http.Client.Timeout, then DefaultTimeout.
	if !cfg.timeoutSet && cfg.httpClient != nil && cfg.httpClient.Timeout != 0 {
		cfg.timeout = cfg.httpClient.Timeout
	}
	c := &Client{cfg: &cfg, pool: pool}
	c.transport = transport.New(transport.Config{
		BaseURL:    cfg.baseURL,
		APIKey:     cfg.apiKey,
		UserAgent:  userAgent(cfg.appAgent),
		HTTPClient: transport.NewHTTPClient(cfg.httpClient, pool, cfg.timeout),
		MaxRetries: cfg.maxRetries,
		WaitMin:    cfg.retryMin,
		WaitMax:    cfg.retryMax,
		Logger:     cfg.logger,
	})
	c.SetOrganization(cfg.organization)
	c.Organizations = &OrganizationsService{c: c}
	c.APIKeys = &APIKeysService{c: c}
	c.Projects = &ProjectsService{c: c}
	c.Sandboxes = &SandboxesService{c: c}
	return c, nil
}

func userAgent(app string) string {
	ua := fmt.Sprintf("runtools-go/%s go/%s %s/%s", Version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
	if app != "" {
		ua += " " + app
	}
	return ua
}

// SetOrganization switches the active organization (slug or id) for all later calls on
// this client, as the RunTools-Organization header and the {org} of organization paths.
// "" clears it: calls then act in the credential's own organization.
func (c *Client) SetOrganization(org string) {
	c.org.Store(&org)
}

// Organization returns the active organization, "" when none is set.
func (c *Client) Organization() string {
	return *c.org.Load()
}

// BaseURL returns the API origin the client talks to.
func (c *Client) BaseURL() string { return c.cfg.baseURL.String() }

// Me returns the user behind the credential. Calls GET /v1/me.
func (c *Client) Me(ctx context.Context, opts ...RequestOption) (*User, error) {
	return get[User](ctx, c, c.route("me"), opts)
}

// String describes the client without its API key.
func (c *Client) String() string {
	return fmt.Sprintf("runtools.Client{BaseURL: %q, Organization: %q, APIKey: %s}",
		c.cfg.baseURL.String(), c.Organization(), redacted)
}

// GoString is String, so %#v does not reveal the key either.
func (c *Client) GoString() string { return c.String() }

// Format prints String for every verb, so no verb reaches the key.
func (c *Client) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, c.String()) }

// LogValue logs the client without its API key.
func (c *Client) LogValue() slog.Value {
	return slog.GroupValue(
		slog.String("baseURL", c.cfg.baseURL.String()),
		slog.String("organization", c.Organization()),
		slog.String("apiKey", redacted),
	)
}

const redacted = "[redacted]"
