package fakeapi

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAuthErrors(t *testing.T) {
	h := newHarness(t)
	unknown := "rt_live_" + strings.Repeat("A", 32)
	cases := []struct {
		name, authorization, code string
	}{
		{"missing", "", "unauthorized"},
		{"empty bearer", "Bearer ", "unauthorized"},
		{"other scheme", "Basic " + h.key, "invalid_token"},
		{"no scheme", h.key, "invalid_token"},
		{"malformed key", "Bearer rt_live_short", "invalid_token"},
		{"wrong prefix", "Bearer rt_prod_" + strings.Repeat("A", 32), "invalid_token"},
		{"unknown key", "Bearer " + unknown, "invalid_token"},
		{"unknown test key", "Bearer rt_test_" + strings.Repeat("b", 32), "invalid_token"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			hdr := map[string]string{}
			if tc.authorization != "" {
				hdr["Authorization"] = tc.authorization
			}
			r := h.in(t).do(request{method: "GET", path: "/v1/me", header: hdr})
			r.fails(http.StatusUnauthorized, tc.code)
			assert.Regexp(t, `^req_[0-9a-f]+$`, r.header.Get("X-Request-Id"))
			assert.NotEmpty(t, r.header.Get("X-RateLimit-Limit"), "rate-limit headers on every response")
		})
	}
	// The legacy header is not a credential.
	h.do(request{method: "GET", path: "/v1/me", header: map[string]string{"X-API-Key": h.key}}).fails(401, "unauthorized")
	// And the real key works.
	h.get(h.key, "/v1/me").ok(200, nil)
}

func TestRevokedAndExpiredKeys(t *testing.T) {
	h := newHarness(t)
	owner := h.s.Owner()
	short, err := h.s.IssueKeyWith(KeySpec{UserID: owner.ID, Org: "example", ExpiresIn: time.Hour})
	require.NoError(t, err)
	h.get(short.Secret, "/v1/me").ok(200, nil)

	h.clock.Advance(time.Hour)
	h.get(short.Secret, "/v1/me").fails(401, "token_expired")

	var k m
	h.del(h.key, "/v1/api-keys/"+short.ID).ok(200, &k)
	h.get(short.Secret, "/v1/me").fails(401, "invalid_token") // revoked wins over expired
}

func TestSecretsAreStoredOnlyAsHashes(t *testing.T) {
	h := newHarness(t)
	var created m
	h.post(h.key, "/v1/api-keys", m{"name": "CI"}).ok(201, &created)
	secret := created["key"].(string)
	require.Regexp(t, regexp.MustCompile(`^rt_live_[A-Za-z0-9]{32}$`), secret)

	h.s.mu.Lock()
	defer h.s.mu.Unlock()
	for _, o := range h.s.orgs {
		for _, k := range o.keys {
			dump := strings.Join([]string{k.id, k.name, k.prefix, string(k.hash[:])}, "|")
			assert.NotContains(t, dump, secret)
			assert.NotContains(t, dump, h.key)
		}
	}
}

func TestOrganizationContext(t *testing.T) {
	h := newHarness(t)
	owner := h.s.Owner()
	acme, err := h.s.AddOrganization("Acme", "acme", "team", owner.ID)
	require.NoError(t, err)
	stranger, err := h.s.AddUser("stranger@example.com", "S", "T")
	require.NoError(t, err)
	_, err = h.s.AddOrganization("Hidden", "hidden", "free", stranger.ID)
	require.NoError(t, err)

	get := func(path, org string) reply { return h.do(request{method: "GET", path: path, key: h.key, org: org}) }
	var o m
	get("/v1/organizations/current", "").ok(200, &o)
	assert.Equal(t, "example", o["slug"], "no org named: the key's own")
	get("/v1/organizations/current", "acme").ok(200, &o)
	assert.Equal(t, "acme", o["slug"], "current follows the header")
	get("/v1/organizations/current", acme.ID).ok(200, &o)
	assert.Equal(t, "acme", o["slug"], "header by id")
	get("/v1/organizations/example", "acme").ok(200, &o)
	assert.Equal(t, "example", o["slug"], "the path wins over the header")
	get("/v1/organizations/"+acme.ID, "").ok(200, &o)
	assert.Equal(t, "owner", o["role"])

	// Not a member and nonexistent look the same.
	get("/v1/organizations/hidden", "").fails(404, "not_found")
	get("/v1/organizations/nope", "").fails(404, "not_found")
	get("/v1/projects", "hidden").fails(404, "not_found")
	get("/v1/projects", "nope").fails(404, "not_found")

	// Projects follow the header.
	var projects []m
	r := get("/v1/projects", "acme").ok(200, &projects)
	require.Len(t, projects, 1)
	assert.Equal(t, "default", projects[0]["slug"])
	assert.Equal(t, true, projects[0]["isDefault"])
	_ = r
}

func TestKeyUsesCallersRoleInNamedOrganization(t *testing.T) {
	h := newHarness(t)
	// A user who is a viewer in "example" and owner of "mine" uses a key that belongs to "mine".
	u, err := h.s.AddUser("dual@example.com", "D", "U")
	require.NoError(t, err)
	_, err = h.s.AddOrganization("Mine", "mine", "team", u.ID)
	require.NoError(t, err)
	require.NoError(t, h.s.AddMember("example", u.ID, "viewer"))
	key, err := h.s.IssueKey(u.ID, "mine")
	require.NoError(t, err)

	h.do(request{method: "POST", path: "/v1/projects", key: key, body: m{"name": "P", "slug": "p-one"}}).ok(201, nil)
	h.do(request{method: "POST", path: "/v1/projects", key: key, org: "example", body: m{"name": "P", "slug": "p-one"}}).
		fails(403, "forbidden")
	var o m
	h.do(request{method: "GET", path: "/v1/organizations/current", key: key, org: "example"}).ok(200, &o)
	assert.Equal(t, "viewer", o["role"])
}

func TestLastUsedAtFollowsUse(t *testing.T) {
	h := newHarness(t)
	var created m
	h.post(h.key, "/v1/api-keys", m{"name": "CI"}).ok(201, &created)
	assert.Nil(t, created["lastUsedAt"])
	h.clock.Advance(time.Minute)
	h.get(created["key"].(string), "/v1/me").ok(200, nil)
	var k m
	h.get(h.key, "/v1/api-keys/"+created["id"].(string)).ok(200, &k)
	assert.Equal(t, start.Add(time.Minute).Format(time.RFC3339Nano), k["lastUsedAt"])
}

func TestUnknownRoutesAndMethods(t *testing.T) {
	h := newHarness(t)
	h.get(h.key, "/v1/nothing-here").fails(404, "not_found")
	h.do(request{method: "PUT", path: "/v1/me", key: h.key, body: m{}}).fails(405, "method_not_allowed")
	h.get(h.key, "/v1/projects/..").fails(404, "not_found")
	h.get(h.key, "/v1/projects/%2E%2E").fails(404, "not_found")
	h.get(h.key, "/v1/projects/.").fails(404, "not_found")
	// Unknown routes still need a credential.
	h.get("", "/v1/nothing-here").fails(401, "unauthorized")
}
