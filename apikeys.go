package runtools

import (
	"context"
	"encoding/json"
	"fmt"
	"iter"
	"log/slog"
	"net/http"
	"strconv"
	"time"
)

// APIKeysService manages the scoped API keys of the active organization. Reach it as
// Client.APIKeys.
type APIKeysService struct{ c *Client }

// Scope limits what an API key may do. Values the service adds later pass through
// unchanged: the SDK leaves scope membership to the server.
type Scope string

// The documented scopes. ScopeSandboxes implies ScopeSandboxesRead and ScopeAgents implies
// ScopeAgentsRead.
const (
	ScopeAll           Scope = "*"              // full access; the server's default for a key created without scopes
	ScopeSandboxes     Scope = "sandboxes"      // create, read, update and delete sandboxes
	ScopeSandboxesRead Scope = "sandboxes:read" // read-only sandbox access
	ScopeAgents        Scope = "agents"         // create and run agents
	ScopeAgentsRead    Scope = "agents:read"    // read-only agent access
	ScopeTools         Scope = "tools"          // install and execute tools
	ScopeTemplates     Scope = "templates"      // manage templates
	ScopeExecute       Scope = "execute"        // the code execution API only
)

// APIKey is an API key of the organization. Key, the secret, is set only on the results of
// Create and Rotate: no other response carries it, so keep it when you get it.
//
// An APIKey never reveals Key when printed with any fmt verb, logged through slog, or
// marshalled with encoding/json (Key is left out of the JSON, so a key stored or logged as
// JSON carries no secret; persist key.Key yourself if you must keep it). Reading the field
// directly is the one way to get the secret.
type APIKey struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	KeyPrefix  string     `json:"keyPrefix"` // the first 12 characters of the key, e.g. "rt_live_a1B2": safe to show
	Scopes     []Scope    `json:"scopes"`
	ProjectID  *string    `json:"projectId"`  // nil: the key is not limited to one project
	ExpiresAt  *time.Time `json:"expiresAt"`  // nil: never expires
	LastUsedAt *time.Time `json:"lastUsedAt"` // nil: never used
	RevokedAt  *time.Time `json:"revokedAt"`  // nil: not revoked
	CreatedAt  time.Time  `json:"createdAt"`
	Status     string     `json:"status"` // active, revoked or expired
	Key        string     `json:"key,omitempty"`
}

// MarshalJSON encodes the key without its secret, so that JSON logging (zap, logrus, slog's
// JSON handler on a containing struct) and storage of key metadata cannot leak it. Decoding
// is not affected: the key of a Create or Rotate response still lands in Key.
func (k APIKey) MarshalJSON() ([]byte, error) {
	type plain APIKey // no methods, so no recursion
	p := plain(k)
	p.Key = ""
	return json.Marshal(p)
}

// String describes the key with its prefix but without its secret.
func (k APIKey) String() string {
	return fmt.Sprintf("runtools.APIKey{ID: %q, Name: %q, KeyPrefix: %q, Scopes: %q, ProjectID: %s, "+
		"ExpiresAt: %s, LastUsedAt: %s, RevokedAt: %s, CreatedAt: %s, Status: %q, Key: %s}",
		k.ID, k.Name, k.KeyPrefix, k.Scopes, quotedOrNil(k.ProjectID),
		timeOrNil(k.ExpiresAt), timeOrNil(k.LastUsedAt), timeOrNil(k.RevokedAt),
		k.CreatedAt.Format(time.RFC3339), k.Status, k.redactedKey())
}

// GoString is String, so %#v does not reveal the secret either.
func (k APIKey) GoString() string { return k.String() }

// Format prints String for every verb, so no verb (%v, %+v, %#v, %s, %q, %x...) reaches
// the secret. Its value receiver also covers APIKey values inside slices and Page.Items.
func (k APIKey) Format(f fmt.State, _ rune) { _, _ = fmt.Fprint(f, k.String()) }

// LogValue logs the key's metadata without its secret.
func (k APIKey) LogValue() slog.Value {
	attrs := []slog.Attr{
		slog.String("id", k.ID),
		slog.String("name", k.Name),
		slog.String("keyPrefix", k.KeyPrefix),
		slog.Any("scopes", k.Scopes),
		slog.String("status", k.Status),
	}
	if k.ProjectID != nil {
		attrs = append(attrs, slog.String("projectId", *k.ProjectID))
	}
	if k.ExpiresAt != nil {
		attrs = append(attrs, slog.Time("expiresAt", *k.ExpiresAt))
	}
	if k.Key != "" {
		attrs = append(attrs, slog.String("key", redacted))
	}
	return slog.GroupValue(attrs...)
}

// redactedKey says whether a secret is present without showing it.
func (k APIKey) redactedKey() string {
	if k.Key == "" {
		return `""`
	}
	return redacted
}

func quotedOrNil(s *string) string {
	if s == nil {
		return "nil"
	}
	return strconv.Quote(*s)
}

func timeOrNil(t *time.Time) string {
	if t == nil {
		return "nil"
	}
	return t.Format(time.RFC3339)
}

// APIKeyCreateParams are the inputs of APIKeysService.Create.
type APIKeyCreateParams struct {
	Name string `json:"name"` // 1–100 characters
	// Scopes limit the key. Nil or empty leaves the field out of the request, and the server
	// then makes a full-access (ScopeAll) key: pass only the scopes you need.
	Scopes []Scope `json:"scopes,omitempty"`
	// ExpiresIn is a lifetime such as "90d", "12w", "6m" or "1y" (at most 5 years); "" never
	// expires.
	ExpiresIn string `json:"expiresIn,omitempty"`
	ProjectID string `json:"projectId,omitempty"` // "" does not limit the key to a project
}

func (p APIKeyCreateParams) validate() error {
	return firstError(checkName("name", p.Name), checkScopes("scopes", p.Scopes),
		checkExpiresIn("expiresIn", p.ExpiresIn))
}

// Create makes an API key and returns it with its secret in Key, which the service never
// shows again. Calls POST /v1/api-keys.
func (s *APIKeysService) Create(ctx context.Context, params APIKeyCreateParams, opts ...RequestOption) (*APIKey, error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return post[APIKey](ctx, s.c, s.c.route("api-keys"), params, opts)
}

// List yields every API key of the organization, active and revoked, without secrets,
// fetching pages as it goes. Calls GET /v1/api-keys.
func (s *APIKeysService) List(ctx context.Context, opts ...RequestOption) iter.Seq2[*APIKey, error] {
	return paginate(ctx, opts, s.ListPage)
}

// ListPage returns one page of the organization's API keys. Calls GET /v1/api-keys.
func (s *APIKeysService) ListPage(ctx context.Context, opts ...RequestOption) (*Page[APIKey], error) {
	return list[APIKey](ctx, s.c, s.c.route("api-keys"), opts)
}

// Get returns an API key, without its secret. Calls GET /v1/api-keys/{id}.
func (s *APIKeysService) Get(ctx context.Context, id string, opts ...RequestOption) (*APIKey, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return get[APIKey](ctx, s.c, s.c.route("api-keys", id), opts)
}

// Revoke disables an API key at once and returns it with Status "revoked" and RevokedAt
// set; the key stays listed. Calls DELETE /v1/api-keys/{id}.
func (s *APIKeysService) Revoke(ctx context.Context, id string, opts ...RequestOption) (*APIKey, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return call[APIKey](ctx, s.c, http.MethodDelete, s.c.route("api-keys", id), nil, opts)
}

// Rotate replaces an API key in one step: it returns a new key, with its secret in Key and
// the old key's name, scopes, project and lifetime, and revokes the old one. Calls
// POST /v1/api-keys/{id}/rotate.
func (s *APIKeysService) Rotate(ctx context.Context, id string, opts ...RequestOption) (*APIKey, error) {
	if err := checkID("id", id); err != nil {
		return nil, err
	}
	return post[APIKey](ctx, s.c, s.c.route("api-keys", id, "rotate"), struct{}{}, opts)
}
