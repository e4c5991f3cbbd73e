package fakeapi

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMembers(t *testing.T) {
	h := newHarness(t)
	owner := h.s.Owner()
	viewer, viewerKey := h.seedMember("example", "viewer@example.com", "viewer", "sandboxes:read")
	dev, devKey := h.seedMember("example", "dev@example.com", "developer")
	_, adminKey := h.seedMember("example", "admin@example.com", "admin")
	_, scopedAdminKey := h.seedMember("example", "scoped@example.com", "admin", "sandboxes")

	members := h.collect(viewerKey, "", "/v1/organizations/current/members", 2) // any scope, viewer role
	require.Len(t, members, 5)
	first := members[0]
	assert.Equal(t, owner.ID, first["userId"])
	assert.Equal(t, "owner@example.com", first["email"])
	assert.Equal(t, "Example", first["firstName"])
	assert.Equal(t, "owner", first["role"])
	assert.Equal(t, "active", first["status"])
	assert.NotEmpty(t, first["id"])
	assert.NotEmpty(t, first["joinedAt"])

	path := "/v1/organizations/current/members/"
	// Role and scope denials.
	h.patch(devKey, path+viewer.ID, m{"role": "developer"}).fails(403, "forbidden")
	h.patch(scopedAdminKey, path+viewer.ID, m{"role": "developer"}).fails(403, "insufficient_scope")
	// Validation.
	h.patch(adminKey, path+viewer.ID, m{"role": "owner"}).failsField("role")
	h.patch(adminKey, path+viewer.ID, m{"role": "superuser"}).failsField("role")
	h.patch(adminKey, path+viewer.ID, m{}).failsField("role")
	// The owner is untouchable.
	h.patch(adminKey, path+owner.ID, m{"role": "viewer"}).fails(403, "forbidden")
	h.patch(h.key, path+owner.ID, m{"role": "admin"}).fails(403, "forbidden")
	h.del(adminKey, path+owner.ID).fails(403, "forbidden")
	h.del(h.key, path+owner.ID).fails(403, "forbidden")
	h.patch(adminKey, path+"user_nobody", m{"role": "viewer"}).fails(404, "not_found")

	var updated m
	h.patch(adminKey, path+viewer.ID, m{"role": "developer"}).ok(200, &updated)
	assert.Equal(t, "developer", updated["role"])
	assert.Equal(t, viewer.ID, updated["userId"])

	// Removal: soft on the wire, repeatable, and the removed user's keys stop working.
	h.get(devKey, "/v1/me").ok(200, nil)
	var d m
	h.del(adminKey, path+dev.ID).ok(200, &d)
	assert.Equal(t, m{"id": dev.ID, "deleted": true}, d)
	h.del(adminKey, path+dev.ID).ok(200, &d)
	h.get(devKey, "/v1/me").fails(401, "invalid_token")
	assert.Len(t, h.collect(h.key, "", "/v1/organizations/current/members", 20), 4)
	h.del(adminKey, path+"user_nobody").fails(404, "not_found")
}
