package runtools_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

// createdSecret is the secret of a freshly created key; tests look for it (and for its part
// past the 12-character prefix) in output that must not hold it.
const createdSecret = "rt_live_a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6"

// createdKeyJSON is a create/rotate response: nullable fields both null and set, the secret,
// and fields the SDK does not know.
const createdKeyJSON = `{"data":{"id":"key_1","name":"Production","keyPrefix":"rt_live_a1B2",` +
	`"scopes":["sandboxes","agents","tools"],"projectId":null,"expiresAt":"2026-04-02T03:04:05Z",` +
	`"lastUsedAt":null,"revokedAt":null,"createdAt":"2026-01-02T03:04:05Z","status":"active",` +
	`"key":"` + createdSecret + `","ownerEmail":"dev@acme.com","future":{"nested":[1,2]}},"meta":{"requestId":"req_k"}}`

func createdKey(t *testing.T) *runtools.APIKey {
	return &runtools.APIKey{ID: "key_1", Name: "Production", KeyPrefix: "rt_live_a1B2",
		Scopes:    []runtools.Scope{runtools.ScopeSandboxes, runtools.ScopeAgents, runtools.ScopeTools},
		ExpiresAt: new(atUTC(t, "2026-04-02T03:04:05Z")), CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"),
		Status: "active", Key: createdSecret}
}

func TestAPIKeysCreate(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, createdKeyJSON)
	c := m.client()
	c.SetOrganization("acme-corp")
	key, err := c.APIKeys.Create(context.Background(), runtools.APIKeyCreateParams{
		Name: "Production", ExpiresIn: "90d", ProjectID: "proj_1",
		Scopes: []runtools.Scope{runtools.ScopeSandboxes, runtools.ScopeAgents, runtools.ScopeTools},
	})
	require.NoError(t, err)
	assert.Equal(t, createdKey(t), key)
	assert.Equal(t, createdSecret, key.Key, "reading the field gives the secret")

	r := m.only()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/api-keys", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.NotEmpty(t, r.Header.Get("Idempotency-Key"))
	assertGolden(t, "apikey_create", r.Body)
}

// TestAPIKeysCreateBodies pins what is left out: empty scopes (the server then defaults to
// "*"), expiresIn and projectId; unknown scopes are sent as given.
func TestAPIKeysCreateBodies(t *testing.T) {
	cases := []struct {
		name, golden string
		params       runtools.APIKeyCreateParams
	}{
		{"name only", "apikey_create_minimal", runtools.APIKeyCreateParams{Name: "CI"}},
		{"empty scopes", "apikey_create_minimal", runtools.APIKeyCreateParams{Name: "CI", Scopes: []runtools.Scope{}}},
		{"full access", "apikey_create_full_access", runtools.APIKeyCreateParams{Name: "CI", Scopes: []runtools.Scope{runtools.ScopeAll}}},
		{"unknown scope", "apikey_create_unknown_scope", runtools.APIKeyCreateParams{Name: "CI",
			Scopes: []runtools.Scope{runtools.ScopeSandboxesRead, "billing:read"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(201, createdKeyJSON)
			_, err := m.client().APIKeys.Create(context.Background(), tc.params)
			require.NoError(t, err)
			r := m.only()
			assert.Empty(t, r.Header.Values("RunTools-Organization"), "no organization set")
			assertGolden(t, tc.golden, r.Body)
		})
	}
}

func TestAPIKeysListPage(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[`+
		`{"id":"key_1","name":"Production","keyPrefix":"rt_live_a1B2","scopes":["*"],"projectId":null,"expiresAt":null,`+
		`"lastUsedAt":null,"revokedAt":null,"createdAt":"2026-01-02T03:04:05Z","status":"active","hashed":"x"},`+
		`{"id":"key_2","name":"Old","keyPrefix":"rt_test_Zz99","scopes":["sandboxes:read"],"projectId":"proj_1",`+
		`"expiresAt":"2026-02-01T00:00:00Z","lastUsedAt":"2026-01-15T10:00:00Z","revokedAt":"2026-01-20T12:00:00Z",`+
		`"createdAt":"2026-01-01T00:00:00Z","status":"revoked"}],`+
		`"meta":{"requestId":"req_l","hasMore":true,"nextCursor":"c2"}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	page, err := c.APIKeys.ListPage(context.Background(), runtools.WithPageSize(2), runtools.WithCursor("c1"))
	require.NoError(t, err)
	assert.Equal(t, []runtools.APIKey{
		{ID: "key_1", Name: "Production", KeyPrefix: "rt_live_a1B2", Scopes: []runtools.Scope{runtools.ScopeAll},
			CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"), Status: "active"},
		{ID: "key_2", Name: "Old", KeyPrefix: "rt_test_Zz99", Scopes: []runtools.Scope{runtools.ScopeSandboxesRead},
			ProjectID: new("proj_1"), ExpiresAt: new(atUTC(t, "2026-02-01T00:00:00Z")),
			LastUsedAt: new(atUTC(t, "2026-01-15T10:00:00Z")), RevokedAt: new(atUTC(t, "2026-01-20T12:00:00Z")),
			CreatedAt: atUTC(t, "2026-01-01T00:00:00Z"), Status: "revoked"},
	}, page.Items)
	assert.True(t, page.HasMore)
	assert.Equal(t, "c2", page.NextCursor)
	assert.Equal(t, "req_l", page.RequestID)

	r := m.only()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/api-keys", r.Path)
	assert.Equal(t, "cursor=c1&limit=2", r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestAPIKeysListFollowsTopLevelCursor(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[{"id":"key_1"},{"id":"key_2"}],"hasMore":true,"nextCursor":"c2","meta":{"requestId":"r1"}}`).
		reply(200, `{"data":[{"id":"key_3"}],"hasMore":false,"nextCursor":null}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	seq := c.APIKeys.List(context.Background())
	assert.Empty(t, m.requests(), "nothing is sent before ranging")
	keys, err := runtools.Collect(seq)
	require.NoError(t, err)
	var got []string
	for _, k := range keys {
		got = append(got, k.ID)
	}
	assert.Equal(t, []string{"key_1", "key_2", "key_3"}, got)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	for _, r := range reqs {
		assert.Equal(t, "/v1/api-keys", r.Path)
		assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	}
	assert.Empty(t, reqs[0].RawQuery)
	assert.Equal(t, "cursor=c2", reqs[1].RawQuery)
}

func TestAPIKeysGet(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":{"id":"key 1/2","name":"CI","keyPrefix":"rt_live_a1B2","scopes":["execute"],"projectId":"proj_9",`+
		`"expiresAt":null,"lastUsedAt":"2026-01-03T00:00:00Z","revokedAt":null,"createdAt":"2026-01-02T03:04:05Z","status":"active","x":true}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	key, err := c.APIKeys.Get(context.Background(), "key 1/2")
	require.NoError(t, err)
	assert.Equal(t, &runtools.APIKey{ID: "key 1/2", Name: "CI", KeyPrefix: "rt_live_a1B2",
		Scopes: []runtools.Scope{runtools.ScopeExecute}, ProjectID: new("proj_9"),
		LastUsedAt: new(atUTC(t, "2026-01-03T00:00:00Z")), CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"), Status: "active"}, key)
	assert.Empty(t, key.Key, "only create and rotate carry the secret")

	r := m.only()
	assert.Equal(t, http.MethodGet, r.Method)
	assert.Equal(t, "/v1/api-keys/key%201%2F2", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Header.Get("Idempotency-Key"))
	assert.Empty(t, r.Body)
}

func TestAPIKeysRevoke(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":{"id":"key 1/2","name":"CI","keyPrefix":"rt_live_a1B2","scopes":["*"],"projectId":null,`+
		`"expiresAt":null,"lastUsedAt":null,"revokedAt":"2026-01-05T06:07:08Z","createdAt":"2026-01-02T03:04:05Z","status":"revoked"}}`)
	c := m.client()
	c.SetOrganization("acme-corp")
	key, err := c.APIKeys.Revoke(context.Background(), "key 1/2")
	require.NoError(t, err)
	assert.Equal(t, "revoked", key.Status)
	require.NotNil(t, key.RevokedAt)
	assert.Equal(t, atUTC(t, "2026-01-05T06:07:08Z"), *key.RevokedAt)
	assert.Nil(t, key.ExpiresAt)

	r := m.only()
	assert.Equal(t, http.MethodDelete, r.Method)
	assert.Equal(t, "/v1/api-keys/key%201%2F2", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Empty(t, r.Body)
}

func TestAPIKeysRotate(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, createdKeyJSON)
	c := m.client()
	c.SetOrganization("acme-corp")
	key, err := c.APIKeys.Rotate(context.Background(), "key 1/2")
	require.NoError(t, err)
	assert.Equal(t, createdKey(t), key)

	r := m.only()
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/api-keys/key%201%2F2/rotate", r.Path)
	assert.Empty(t, r.RawQuery)
	assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.NotEmpty(t, r.Header.Get("Idempotency-Key"))
	assertGolden(t, "apikey_rotate", r.Body)
}

// TestAPIKeysCreateAndRotateRetryUnderOneIdempotencyKey: a 500 may have minted a key, so
// the retry must be recognisable as the same call, or a second secret would be issued.
func TestAPIKeysCreateAndRotateRetryUnderOneIdempotencyKey(t *testing.T) {
	calls := map[string]func(*runtools.Client) (*runtools.APIKey, error){
		"create": func(c *runtools.Client) (*runtools.APIKey, error) {
			return c.APIKeys.Create(context.Background(), runtools.APIKeyCreateParams{Name: "Production",
				Scopes: []runtools.Scope{runtools.ScopeSandboxes}, ExpiresIn: "90d"})
		},
		"rotate": func(c *runtools.Client) (*runtools.APIKey, error) {
			return c.APIKeys.Rotate(context.Background(), "key_1")
		},
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(500, errorJSON("internal_error", "oops")).reply(201, createdKeyJSON)
			key, err := call(m.client())
			require.NoError(t, err)
			assert.Equal(t, createdSecret, key.Key)
			reqs := m.requests()
			require.Len(t, reqs, 2)
			idem := reqs[0].Header.Get("Idempotency-Key")
			require.NotEmpty(t, idem)
			assert.Equal(t, idem, reqs[1].Header.Get("Idempotency-Key"))
			require.NotEmpty(t, reqs[0].Body)
			assert.True(t, bytes.Equal(reqs[0].Body, reqs[1].Body), "byte-identical bodies: %q vs %q", reqs[0].Body, reqs[1].Body)
			assert.Equal(t, reqs[0].Path, reqs[1].Path)
		})
	}
}

func TestAPIKeysValidation(t *testing.T) {
	create := func(p runtools.APIKeyCreateParams) func(*runtools.Client) error {
		return func(c *runtools.Client) error { _, err := c.APIKeys.Create(context.Background(), p); return err }
	}
	scopes := func(s ...runtools.Scope) runtools.APIKeyCreateParams {
		return runtools.APIKeyCreateParams{Name: "CI", Scopes: s}
	}
	expires := func(e string) runtools.APIKeyCreateParams {
		return runtools.APIKeyCreateParams{Name: "CI", ExpiresIn: e}
	}
	get := func(id string) func(*runtools.Client) error {
		return func(c *runtools.Client) error { _, err := c.APIKeys.Get(context.Background(), id); return err }
	}
	revoke := func(id string) func(*runtools.Client) error {
		return func(c *runtools.Client) error { _, err := c.APIKeys.Revoke(context.Background(), id); return err }
	}
	rotate := func(id string) func(*runtools.Client) error {
		return func(c *runtools.Client) error { _, err := c.APIKeys.Rotate(context.Background(), id); return err }
	}
	cases := []struct {
		name  string
		call  func(*runtools.Client) error
		field string
	}{
		{"empty name", create(runtools.APIKeyCreateParams{}), "name"},
		{"blank name", create(runtools.APIKeyCreateParams{Name: " \t "}), "name"},
		{"name over 100 characters", create(runtools.APIKeyCreateParams{Name: string(bytes.Repeat([]byte("é"), 101))}), "name"},
		{"control character in name", create(runtools.APIKeyCreateParams{Name: "CI\n"}), "name"},
		{"empty scope", create(scopes(runtools.ScopeSandboxes, "")), "scopes[1]"},
		{"blank scope", create(scopes(" ")), "scopes[0]"},
		{"duplicate scope", create(scopes(runtools.ScopeSandboxes, runtools.ScopeAgents, runtools.ScopeSandboxes)), "scopes[2]"},
		{"duplicate unknown scope", create(scopes("billing", "billing")), "scopes[1]"},
		{"expiresIn without unit", create(expires("90")), "expiresIn"},
		{"expiresIn unknown unit", create(expires("90h")), "expiresIn"},
		{"expiresIn zero", create(expires("0d")), "expiresIn"},
		{"expiresIn over 9999", create(expires("10000d")), "expiresIn"},
		{"expiresIn over 5 years", create(expires("6y")), "expiresIn"},
		{"expiresIn signed", create(expires("+9d")), "expiresIn"},
		{"name checked before scopes", create(runtools.APIKeyCreateParams{Scopes: []runtools.Scope{""}}), "name"},
		{"get empty id", get(""), "id"},
		{"get dot", get("."), "id"},
		{"revoke empty id", revoke(""), "id"},
		{"revoke dot-dot", revoke(".."), "id"},
		{"rotate empty id", rotate(""), "id"},
		{"rotate dot", rotate("."), "id"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(201, createdKeyJSON) // a call that wrongly went through would succeed
			requireLocalRejection(t, m, tc.call(m.client()), tc.field)
		})
	}
}

// TestAPIKeySecretNeverPrintedOrLogged covers every way an SDK value usually reaches a log:
// fmt verbs on the pointer, the value and a page holding it, slog (JSON and text) and
// encoding/json.
func TestAPIKeySecretNeverPrintedOrLogged(t *testing.T) {
	m := newMockAPI(t)
	m.reply(201, createdKeyJSON)
	k, err := m.client().APIKeys.Create(context.Background(), runtools.APIKeyCreateParams{Name: "Production"})
	require.NoError(t, err)
	require.Equal(t, createdSecret, k.Key, "the caller can read the secret")

	var jsonLogs, textLogs bytes.Buffer
	slog.New(slog.NewJSONHandler(&jsonLogs, nil)).Info("created", slog.Any("key", k), slog.Any("value", *k))
	slog.New(slog.NewTextHandler(&textLogs, nil)).Info("created", slog.Any("key", k), "value", *k)
	marshalled, err := json.Marshal(k)
	require.NoError(t, err)
	page := &runtools.Page[runtools.APIKey]{Items: []runtools.APIKey{*k}}
	pageJSON, err := json.Marshal(page)
	require.NoError(t, err)

	outputs := map[string]string{
		"%v":                fmt.Sprintf("%v", k),
		"%+v":               fmt.Sprintf("%+v", k),
		"%#v":               fmt.Sprintf("%#v", k),
		"%s":                fmt.Sprintf("%s", k),
		"%q":                fmt.Sprintf("%q", k),
		"%x":                fmt.Sprintf("%x", k),
		"Sprint":            fmt.Sprint(k),
		"Sprint value":      fmt.Sprint(*k),
		"%+v value":         fmt.Sprintf("%+v", *k),
		"%#v value":         fmt.Sprintf("%#v", *k),
		"%d value":          fmt.Sprintf("%d", *k), // without Format, %d would print the raw fields
		"%x value":          fmt.Sprintf("%x", *k),
		"String":            k.String(),
		"GoString":          k.GoString(),
		"%+v page":          fmt.Sprintf("%+v", page),
		"%#v page":          fmt.Sprintf("%#v", *page),
		"%v slice":          fmt.Sprintf("%v", []runtools.APIKey{*k}),
		"slog JSON":         jsonLogs.String(),
		"slog text":         textLogs.String(),
		"json.Marshal":      string(marshalled),
		"json.Marshal page": string(pageJSON),
		"error":             fmt.Errorf("rotating %v: %w", k, errors.New("boom")).Error(),
	}
	for name, out := range outputs {
		assert.NotContains(t, out, createdSecret, "output %q", name)
		assert.NotContains(t, out, createdSecret[12:], "output %q: not even the part past the prefix", name)
		assert.Contains(t, out, "key_1", "output %q: the key is still identifiable", name)
		assert.Contains(t, out, "rt_live_a1B2", "output %q: the prefix may show", name)
	}
	for _, name := range []string{"%v", "%+v", "%#v", "%s", "slog JSON", "slog text"} {
		assert.Contains(t, outputs[name], "[redacted]", "output %q", name)
	}
	assert.Contains(t, jsonLogs.String(), `"key":{"id":"key_1"`, "slog logs the key as a group")

	var back map[string]any
	require.NoError(t, json.Unmarshal(marshalled, &back))
	assert.NotContains(t, back, "key", "json.Marshal leaves the secret out")
	assert.Equal(t, "rt_live_a1B2", back["keyPrefix"])
	assert.Equal(t, "2026-04-02T03:04:05Z", back["expiresAt"])
	assert.Nil(t, back["projectId"])
	assert.Equal(t, createdSecret, k.Key, "printing does not clear the field")
}

func TestAPIKeyWithoutSecretPrintsEmptyKey(t *testing.T) {
	k := runtools.APIKey{ID: "key_2", KeyPrefix: "rt_live_a1B2", Status: "active"}
	assert.Contains(t, fmt.Sprint(k), `Key: ""`)
	assert.NotContains(t, fmt.Sprint(k), "[redacted]", "no secret, nothing redacted")
	var nilKey *runtools.APIKey
	assert.NotPanics(t, func() { _ = fmt.Sprint(nilKey) })
}
