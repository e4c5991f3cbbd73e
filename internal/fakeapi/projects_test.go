package fakeapi

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestProjects(t *testing.T) {
	h := newHarness(t)
	var p m
	h.post(h.key, "/v1/projects", m{"name": "Customer Portal", "slug": "customer-portal"}).ok(201, &p)
	assert.Equal(t, "Customer Portal", p["name"])
	assert.Equal(t, "customer-portal", p["slug"])
	assert.Equal(t, false, p["isDefault"])
	assert.NotEmpty(t, p["createdAt"])

	var got m
	h.get(h.key, "/v1/projects/customer-portal").ok(200, &got)
	assert.Equal(t, p, got)
	h.get(h.key, "/v1/projects/"+p["id"].(string)).ok(200, &got)
	assert.Equal(t, p, got)
	h.get(h.key, "/v1/projects/nothing").fails(404, "not_found")

	h.post(h.key, "/v1/projects", m{"name": "Again", "slug": "customer-portal"}).fails(409, "conflict")
	h.post(h.key, "/v1/projects", m{"name": "Default 2", "slug": "default"}).fails(409, "conflict")
	for _, bad := range []string{"", "ab", strings.Repeat("a", 49), "Upper", "-lead", "trail-", "dou--ble", "under_score", "sp ace", "current"} {
		h.post(h.key, "/v1/projects", m{"name": "X", "slug": bad}).failsField("slug")
	}
	for _, good := range []string{"abc", strings.Repeat("a", 48), "a-b-c", "123"} {
		h.post(h.key, "/v1/projects", m{"name": "X", "slug": good}).ok(201, nil)
	}

	list := h.collect(h.key, "", "/v1/projects", 3)
	require.Len(t, list, 6)
	assert.Equal(t, "default", list[0]["slug"])
	assert.Equal(t, "customer-portal", list[1]["slug"])

	// Roles and scopes.
	_, viewerKey := h.seedMember("example", "v@example.com", "viewer", "sandboxes:read")
	h.get(viewerKey, "/v1/projects").ok(200, nil)
	h.get(viewerKey, "/v1/projects/customer-portal").ok(200, nil)
	h.post(viewerKey, "/v1/projects", m{"name": "X", "slug": "x-x-x"}).fails(403, "insufficient_scope")
	_, devKey := h.seedMember("example", "d@example.com", "developer")
	h.post(devKey, "/v1/projects", m{"name": "X", "slug": "x-x-x"}).fails(403, "forbidden")
	h.del(devKey, "/v1/projects/customer-portal").fails(403, "forbidden")

	// Deletion.
	h.del(h.key, "/v1/projects/default").fails(409, "conflict")
	var sb m
	h.post(h.key, "/v1/sandboxes", m{"template": "nodejs-20", "project": "customer-portal"}).ok(201, &sb)
	h.del(h.key, "/v1/projects/customer-portal").fails(409, "conflict")
	h.del(h.key, "/v1/sandboxes/"+sb["id"].(string)).ok(200, nil)
	var d m
	h.del(h.key, "/v1/projects/customer-portal").ok(200, &d)
	assert.Equal(t, m{"id": p["id"], "deleted": true}, d)
	h.del(h.key, "/v1/projects/customer-portal").ok(200, &d)
	h.del(h.key, "/v1/projects/"+p["id"].(string)).ok(200, &d)
	h.get(h.key, "/v1/projects/customer-portal").fails(404, "not_found")
}

func TestSandboxes(t *testing.T) {
	h := newHarness(t)
	org := h.s.ExampleOrganization()

	h.post(h.key, "/v1/sandboxes", m{}).failsField("template")
	h.patch(h.key, settingsPath, m{"defaultTemplate": "python-3.12"}).ok(200, nil)

	var sb m
	h.post(h.key, "/v1/sandboxes", m{}).ok(201, &sb)
	assert.Regexp(t, `^sandbox-[0-9a-f]{12}$`, sb["id"])
	assert.Equal(t, "creating", sb["status"])
	assert.Equal(t, "python-3.12", sb["template"], "falls back to the organization's defaultTemplate")
	assert.Equal(t, org.DefaultProjectID, sb["projectId"])
	assert.Equal(t, []any{}, sb["tags"])

	var p m
	h.post(h.key, "/v1/projects", m{"name": "Portal", "slug": "customer-portal"}).ok(201, &p)
	var named m
	h.post(h.key, "/v1/sandboxes", m{"template": "nodejs-20", "name": "web", "project": "customer-portal", "tags": []string{"a", "b"}}).ok(201, &named)
	assert.Equal(t, "nodejs-20", named["template"])
	assert.Equal(t, "web", named["name"])
	assert.Equal(t, p["id"], named["projectId"])
	assert.Equal(t, []any{"a", "b"}, named["tags"])
	h.post(h.key, "/v1/sandboxes", m{"template": "nodejs-20", "project": p["id"]}).ok(201, nil)

	h.post(h.key, "/v1/sandboxes", m{"template": "nodejs-20", "name": "web"}).fails(409, "conflict")
	h.post(h.key, "/v1/sandboxes", m{"template": "nodejs-20", "project": "nope"}).fails(404, "not_found")
	h.post(h.key, "/v1/sandboxes", m{"template": "nodejs-20", "tags": []string{"ok", ""}}).failsField("tags[1]")
	h.post(h.key, "/v1/sandboxes", m{"template": "node js"}).failsField("template")

	inPortal := h.collect(h.key, "", "/v1/sandboxes?project=customer-portal", 20)
	require.Len(t, inPortal, 2)
	assert.Equal(t, "web", inPortal[0]["name"])
	assert.Len(t, h.collect(h.key, "", "/v1/sandboxes", 20), 3)
	h.get(h.key, "/v1/sandboxes?project=nope").fails(404, "not_found")

	require.NoError(t, h.s.SetSandboxStatus(named["id"].(string), "running"))
	running := h.collect(h.key, "", "/v1/sandboxes?status=running", 20)
	require.Len(t, running, 1)
	assert.Equal(t, named["id"], running[0]["id"])

	var got m
	h.get(h.key, "/v1/sandboxes/web").ok(200, &got)
	assert.Equal(t, named["id"], got["id"])
	h.get(h.key, "/v1/sandboxes/"+named["id"].(string)).ok(200, &got)
	assert.Equal(t, "web", got["name"])

	var d m
	h.del(h.key, "/v1/sandboxes/"+named["id"].(string)).ok(200, &d)
	assert.Equal(t, m{"id": named["id"], "deleted": true}, d)
	h.del(h.key, "/v1/sandboxes/"+named["id"].(string)).ok(200, nil)
	h.get(h.key, "/v1/sandboxes/web").fails(404, "not_found")
	h.del(h.key, "/v1/sandboxes/sandbox-000000000000").fails(404, "not_found")
}

func TestSandboxAccess(t *testing.T) {
	h := newHarness(t)
	body := m{"template": "nodejs-20"}
	_, readKey := h.seedMember("example", "r@example.com", "developer", "sandboxes:read")
	h.get(readKey, "/v1/sandboxes").ok(200, nil)
	h.post(readKey, "/v1/sandboxes", body).fails(403, "insufficient_scope")

	_, toolsKey := h.seedMember("example", "t@example.com", "developer", "tools")
	h.get(toolsKey, "/v1/sandboxes").fails(403, "insufficient_scope")

	_, devKey := h.seedMember("example", "d@example.com", "developer", "sandboxes")
	var sb m
	h.post(devKey, "/v1/sandboxes", body).ok(201, &sb)
	h.get(devKey, "/v1/sandboxes/"+sb["id"].(string)).ok(200, nil) // sandboxes implies sandboxes:read

	_, viewerKey := h.seedMember("example", "v@example.com", "viewer")
	h.get(viewerKey, "/v1/sandboxes").ok(200, nil)
	h.post(viewerKey, "/v1/sandboxes", body).fails(403, "forbidden")
	h.del(viewerKey, "/v1/sandboxes/"+sb["id"].(string)).fails(403, "forbidden")

	require.NoError(t, h.s.SetInsufficientCredits("example", true))
	h.post(devKey, "/v1/sandboxes", body).fails(402, "insufficient_credits")
	require.NoError(t, h.s.SetInsufficientCredits("example", false))
	h.post(devKey, "/v1/sandboxes", body).ok(201, nil)
}
