package fakeapi

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// snapshot captures every observable list and object of the example organization, minus the
// fields that legitimately move with each request (lastUsedAt, request ids).
func snapshot(h *harness) string {
	h.t.Helper()
	var b strings.Builder
	for _, path := range []string{"/v1/organizations", "/v1/organizations/current/members", invitesPath, "/v1/api-keys",
		"/v1/projects", "/v1/sandboxes", auditPath} {
		for _, item := range h.collect(h.key, "", path, 100) {
			delete(item, "lastUsedAt")
			out, err := json.Marshal(item)
			require.NoError(h.t, err)
			b.Write(out)
		}
	}
	for _, path := range []string{settingsPath, "/v1/organizations/current"} {
		b.Write(h.get(h.key, path).ok(200, nil).env.Data)
	}
	b.WriteString(h.get(h.key, ssoPath).ok(200, nil).obj()["provider"].(string))
	return b.String()
}

func TestRejectedRequestsChangeNothing(t *testing.T) {
	h := newHarness(t)
	certPEM, _ := selfSignedPEM(t)
	dev, devKey := h.seedMember("example", "dev@example.com", "developer")
	_, readKey := h.seedMember("example", "read@example.com", "admin", "sandboxes:read")
	h.put(h.key, ssoPath, m{"provider": "saml", "entryPoint": "https://idp.example.com", "issuer": "rt", "cert": certPEM}).ok(200, nil)
	var key m
	h.post(h.key, "/v1/api-keys", m{"name": "Existing"}).ok(201, &key)
	h.post(h.key, invitesPath, m{"email": "pending@example.com", "role": "viewer"}).ok(201, nil)
	before := snapshot(h)

	type attempt struct {
		method, path, key string
		body              any
		status            int
		code              string
	}
	bad := []attempt{
		{"POST", "/v1/organizations", h.key, m{"name": "X", "slug": "Bad Slug"}, 400, "validation_error"},
		{"POST", "/v1/organizations", h.key, m{"name": "X", "slug": "example"}, 409, "conflict"},
		{"POST", "/v1/organizations", readKey, m{"name": "X", "slug": "fine-slug"}, 403, "insufficient_scope"},
		{"POST", "/v1/organizations", h.key, `{"name":`, 400, "validation_error"},
		{"POST", "/v1/organizations", h.key, `[]`, 400, "validation_error"},
		{"POST", "/v1/organizations", h.key, `{"name":"X","slug":"two-objs"} {}`, 400, "validation_error"},
		{"DELETE", "/v1/organizations/current?confirm=wrong", h.key, nil, 400, "confirmation_mismatch"},
		{"POST", invitesPath, h.key, m{"email": "pending@example.com", "role": "admin"}, 409, "conflict"},
		{"POST", invitesPath + "/batch", h.key, m{"invites": []m{{"email": "ok@example.com", "role": "viewer"}, {"email": "dev@example.com", "role": "viewer"}}}, 409, "conflict"},
		{"POST", invitesPath, devKey, m{"email": "new@example.com", "role": "viewer"}, 403, "forbidden"},
		{"PATCH", "/v1/organizations/current/members/" + dev.ID, h.key, m{"role": "owner"}, 400, "validation_error"},
		{"DELETE", "/v1/organizations/current/members/" + h.s.Owner().ID, h.key, nil, 403, "forbidden"},
		{"POST", "/v1/organizations/current/transfer-ownership", devKey, m{"userId": dev.ID}, 403, "forbidden"},
		{"PATCH", settingsPath, h.key, m{"requireMfa": true, "defaultTemplate": "has space"}, 400, "validation_error"},
		{"PUT", ssoPath, h.key, m{"provider": "oidc", "issuerUrl": "https://x.example", "clientId": "c", "clientSecret": ""}, 400, "validation_error"},
		{"DELETE", ssoPath, devKey, nil, 403, "forbidden"},
		{"POST", "/v1/api-keys", h.key, m{"name": "X", "scopes": []string{"*", "root"}}, 400, "validation_error"},
		{"POST", "/v1/api-keys", h.key, m{"name": "X", "expires_in": "90d"}, 400, "validation_error"},
		{"DELETE", "/v1/api-keys/" + key["id"].(string), devKey, nil, 403, "forbidden"},
		{"POST", "/v1/projects", h.key, m{"name": "", "slug": "nameless"}, 400, "validation_error"},
		{"DELETE", "/v1/projects/default", h.key, nil, 409, "conflict"},
		{"POST", "/v1/sandboxes", h.key, m{"template": "t", "tags": []string{"a", "bad tag"}}, 400, "validation_error"},
		{"POST", "/v1/sandboxes", readKey, m{"template": "t"}, 403, "insufficient_scope"},
	}
	for _, a := range bad {
		r := h.do(request{method: a.method, path: a.path, key: a.key, body: a.body})
		r.fails(a.status, a.code)
	}
	assert.Equal(t, before, snapshot(h))
	// The snapshot is sensitive: a successful change shows up.
	h.post(h.key, "/v1/projects", m{"name": "New", "slug": "new-one"}).ok(201, nil)
	assert.NotEqual(t, before, snapshot(h))
}

func TestMalformedBodies(t *testing.T) {
	h := newHarness(t)
	cases := map[string]string{
		`{"name": 5, "slug": "abc"}`:            "name",
		`{"name": "x", "slug": "abc", "x": 1}`:  "x",
		`{"name": "x", "slug": "abc"} trailing`: "",
		`not json`:                              "",
		`"a string"`:                            "",
	}
	for body, field := range cases {
		h.post(h.key, "/v1/projects", body).failsField(field)
	}
	big := `{"name":"` + strings.Repeat("a", 1<<20) + `"}`
	r := h.post(h.key, "/v1/projects", big)
	r.fails(http.StatusBadRequest, "validation_error")
	assert.Equal(t, 1, projectCount(h))
}

func TestValidationRules(t *testing.T) {
	for _, s := range []string{"abc", "a-b", "a1-b2-c3", strings.Repeat("z", 48)} {
		assert.Nil(t, validateSlug("slug", s), s)
	}
	for _, s := range []string{"ab", "-ab", "ab-", "a--b", "ABC", "a_b", "a.b", strings.Repeat("z", 49), "current", "ab c"} {
		assert.NotNil(t, validateSlug("slug", s), s)
	}
	name, err := validateName("name", "  Acme  ")
	assert.Nil(t, err)
	assert.Equal(t, "Acme", name)
	_, err = validateName("name", strings.Repeat("é", 100))
	assert.Nil(t, err, "100 characters, not bytes")
	_, err = validateName("name", "tab\there")
	assert.NotNil(t, err)
	for _, e := range []string{"a@b.co", "first.last+tag@example.com"} {
		assert.Nil(t, validateEmail("email", e), e)
	}
	for _, e := range []string{"a", "a@", "@b", "A <a@b.co>", " a@b.co", strings.Repeat("a", 250) + "@b.co"} {
		assert.NotNil(t, validateEmail("email", e), e)
	}
}
