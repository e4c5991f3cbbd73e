package fakeapi

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateAPIKey(t *testing.T) {
	h := newHarness(t)
	var k m
	h.post(h.key, "/v1/api-keys", m{"name": "Production", "scopes": []string{"sandboxes", "agents", "tools"}, "expiresIn": "90d"}).ok(201, &k)
	secret := k["key"].(string)
	assert.Regexp(t, `^rt_live_[A-Za-z0-9]{32}$`, secret)
	assert.Equal(t, secret[:12], k["keyPrefix"])
	assert.Equal(t, []any{"sandboxes", "agents", "tools"}, k["scopes"])
	assert.Equal(t, start.Add(90*24*time.Hour).Format(time.RFC3339Nano), k["expiresAt"])
	assert.Equal(t, "active", k["status"])
	for _, f := range []string{"projectId", "lastUsedAt", "revokedAt"} {
		assert.Contains(t, k, f)
		assert.Nil(t, k[f], f)
	}

	// The secret works, with its scopes, and is never shown again.
	h.get(secret, "/v1/sandboxes").ok(200, nil)
	h.get(secret, "/v1/api-keys").fails(403, "insufficient_scope")
	var got m
	h.get(h.key, "/v1/api-keys/"+k["id"].(string)).ok(200, &got)
	assert.NotContains(t, got, "key")
	for _, item := range h.collect(h.key, "", "/v1/api-keys", 20) {
		assert.NotContains(t, item, "key")
	}

	// Defaults: no scopes is full access, no expiresIn never expires.
	h.post(h.key, "/v1/api-keys", m{"name": "Full"}).ok(201, &k)
	assert.Equal(t, []any{"*"}, k["scopes"])
	assert.Nil(t, k["expiresAt"])
	h.post(h.key, "/v1/api-keys", m{"name": "Full", "scopes": []string{}}).ok(201, &k)
	assert.Equal(t, []any{"*"}, k["scopes"])

	// A key tied to a project.
	var proj m
	h.post(h.key, "/v1/projects", m{"name": "Portal", "slug": "portal"}).ok(201, &proj)
	h.post(h.key, "/v1/api-keys", m{"name": "Scoped", "projectId": proj["id"]}).ok(201, &k)
	assert.Equal(t, proj["id"], k["projectId"])
	h.post(h.key, "/v1/api-keys", m{"name": "Scoped", "projectId": "proj_missing"}).fails(404, "not_found")
}

func TestCreateAPIKeyValidation(t *testing.T) {
	h := newHarness(t)
	before := len(h.collect(h.key, "", "/v1/api-keys", 100))
	post := func(body m) reply { return h.post(h.key, "/v1/api-keys", body) }
	post(m{"name": ""}).failsField("name")
	post(m{"name": "x", "scopes": []string{"sandboxes", "nope"}}).failsField("scopes[1]")
	post(m{"name": "x", "scopes": []string{"sandboxes", "tools", "sandboxes"}}).failsField("scopes[2]")
	post(m{"name": "x", "scopes": []string{""}}).failsField("scopes[0]")
	for _, bad := range []string{"", "0d", "10000d", "90", "90D", "d", "1.5d", "-1d", "090d", "6y", "1826d", "261w", "61m"} {
		post(m{"name": "x", "expiresIn": bad}).failsField("expiresIn")
	}
	for _, good := range []string{"1d", "1825d", "260w", "60m", "5y", "1y"} {
		post(m{"name": "x", "expiresIn": good}).ok(201, nil)
	}
	assert.Len(t, h.collect(h.key, "", "/v1/api-keys", 100), before+6)

	_, devKey := h.seedMember("example", "d@example.com", "developer")
	post2 := h.post(devKey, "/v1/api-keys", m{"name": "x"})
	post2.fails(403, "forbidden")
}

func TestRevokeAPIKey(t *testing.T) {
	h := newHarness(t)
	var k m
	h.post(h.key, "/v1/api-keys", m{"name": "Temp"}).ok(201, &k)
	id := k["id"].(string)
	h.clock.Advance(time.Minute)
	var revoked m
	h.del(h.key, "/v1/api-keys/"+id).ok(200, &revoked)
	assert.Equal(t, "revoked", revoked["status"])
	assert.Equal(t, start.Add(time.Minute).Format(time.RFC3339Nano), revoked["revokedAt"])
	assert.Equal(t, id, revoked["id"])
	assert.NotContains(t, revoked, "key")
	h.get(k["key"].(string), "/v1/me").fails(401, "invalid_token")

	h.clock.Advance(time.Minute)
	h.del(h.key, "/v1/api-keys/"+id).ok(200, &revoked)
	assert.Equal(t, start.Add(time.Minute).Format(time.RFC3339Nano), revoked["revokedAt"], "a repeat keeps the first revocation")

	// Revoked keys stay listed.
	var found bool
	for _, item := range h.collect(h.key, "", "/v1/api-keys", 20) {
		if item["id"] == id {
			found = true
			assert.Equal(t, "revoked", item["status"])
		}
	}
	assert.True(t, found)
	h.del(h.key, "/v1/api-keys/key_nothing").fails(404, "not_found")
}

func TestRotateAPIKey(t *testing.T) {
	h := newHarness(t)
	var proj, old m
	h.post(h.key, "/v1/projects", m{"name": "Portal", "slug": "portal"}).ok(201, &proj)
	h.post(h.key, "/v1/api-keys", m{"name": "Rotating", "scopes": []string{"sandboxes"}, "expiresIn": "30d", "projectId": proj["id"]}).ok(201, &old)
	h.clock.Advance(24 * time.Hour)

	var fresh m
	h.post(h.key, "/v1/api-keys/"+old["id"].(string)+"/rotate", m{}).ok(201, &fresh)
	assert.NotEqual(t, old["id"], fresh["id"])
	assert.NotEqual(t, old["key"], fresh["key"])
	assert.Regexp(t, `^rt_live_[A-Za-z0-9]{32}$`, fresh["key"])
	assert.Equal(t, "Rotating", fresh["name"])
	assert.Equal(t, []any{"sandboxes"}, fresh["scopes"])
	assert.Equal(t, proj["id"], fresh["projectId"])
	assert.Equal(t, start.Add(24*time.Hour+30*24*time.Hour).Format(time.RFC3339Nano), fresh["expiresAt"], "same lifetime, from now")

	h.get(old["key"].(string), "/v1/sandboxes").fails(401, "invalid_token")
	h.get(fresh["key"].(string), "/v1/sandboxes").ok(200, nil)
	var oldNow m
	h.get(h.key, "/v1/api-keys/"+old["id"].(string)).ok(200, &oldNow)
	assert.Equal(t, "revoked", oldNow["status"])

	h.post(h.key, "/v1/api-keys/"+old["id"].(string)+"/rotate", m{}).fails(409, "conflict")
	h.post(h.key, "/v1/api-keys/key_nothing/rotate", m{}).fails(404, "not_found")
	h.post(h.key, "/v1/api-keys/"+fresh["id"].(string)+"/rotate", m{"name": "x"}).failsField("name")
	// An empty body counts as {}.
	h.do(request{method: "POST", path: "/v1/api-keys/" + fresh["id"].(string) + "/rotate", key: h.key}).ok(201, nil)
}

func TestAPIKeysBelongToTheirOrganization(t *testing.T) {
	h := newHarness(t)
	owner := h.s.Owner()
	_, err := h.s.AddOrganization("Other", "other", "team", owner.ID)
	require.NoError(t, err)
	var k m
	h.do(request{method: "POST", path: "/v1/api-keys", key: h.key, org: "other", body: m{"name": "Other key"}}).ok(201, &k)
	h.get(h.key, "/v1/api-keys/"+k["id"].(string)).fails(404, "not_found")
	h.do(request{method: "GET", path: "/v1/api-keys/" + k["id"].(string), key: h.key, org: "other"}).ok(200, nil)
	// The new key acts in "other" by default.
	var o m
	h.get(k["key"].(string), "/v1/organizations/current").ok(200, &o)
	assert.Equal(t, "other", o["slug"])
}
