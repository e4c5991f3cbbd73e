package fakeapi

import (
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const invitesPath = "/v1/organizations/current/invites"

func TestInvite(t *testing.T) {
	h := newHarness(t)
	owner := h.s.Owner()
	var inv m
	h.post(h.key, invitesPath, m{"email": "dev@acme.com", "role": "developer"}).ok(201, &inv)
	assert.Equal(t, "dev@acme.com", inv["email"])
	assert.Equal(t, "developer", inv["role"])
	assert.Equal(t, "pending", inv["status"])
	assert.Equal(t, owner.ID, inv["invitedBy"])
	assert.Equal(t, start.Format(time.RFC3339Nano), inv["createdAt"])
	assert.Equal(t, start.Add(7*24*time.Hour).Format(time.RFC3339Nano), inv["expiresAt"])

	h.post(h.key, invitesPath, m{"email": "DEV@acme.com", "role": "admin"}).fails(409, "conflict")
	h.post(h.key, invitesPath, m{"email": "owner@example.com", "role": "admin"}).fails(409, "conflict")
	h.post(h.key, invitesPath, m{"email": "x@acme.com", "role": "owner"}).failsField("role")
	h.post(h.key, invitesPath, m{"email": "x@acme.com"}).failsField("role")
	for _, bad := range []string{"", "plain", "Dev <dev@acme.com>", "<dev@acme.com>", "a@b@c", fmt.Sprintf("%0250d@acme.com", 0)} {
		h.post(h.key, invitesPath, m{"email": bad, "role": "viewer"}).failsField("email")
	}

	_, devKey := h.seedMember("example", "d@example.com", "developer")
	h.post(devKey, invitesPath, m{"email": "y@acme.com", "role": "viewer"}).fails(403, "forbidden")
	h.get(devKey, invitesPath).fails(403, "forbidden")

	list := h.collect(h.key, "", invitesPath, 20)
	require.Len(t, list, 1)
	assert.Equal(t, inv["id"], list[0]["id"])

	// An expired invite is no longer pending: it leaves the list and frees the email.
	h.clock.Advance(7 * 24 * time.Hour)
	assert.Empty(t, h.collect(h.key, "", invitesPath, 20))
	h.post(h.key, invitesPath, m{"email": "dev@acme.com", "role": "developer"}).ok(201, nil)
}

func TestInviteMany(t *testing.T) {
	h := newHarness(t)
	path := invitesPath + "/batch"
	var invs []m
	h.post(h.key, path, m{"invites": []m{{"email": "a@acme.com", "role": "developer"}, {"email": "b@acme.com", "role": "admin"}}}).ok(201, &invs)
	require.Len(t, invs, 2)
	assert.Equal(t, "a@acme.com", invs[0]["email"])
	assert.Equal(t, "admin", invs[1]["role"])

	h.post(h.key, path, m{"invites": []m{}}).failsField("invites")
	h.post(h.key, path, m{}).failsField("invites")
	many := make([]m, 101)
	for i := range many {
		many[i] = m{"email": fmt.Sprintf("u%d@acme.com", i), "role": "viewer"}
	}
	h.post(h.key, path, m{"invites": many}).failsField("invites")
	h.post(h.key, path, m{"invites": many[:100]}).ok(201, &invs)
	assert.Len(t, invs, 100)

	h.post(h.key, path, m{"invites": []m{{"email": "c@acme.com", "role": "viewer"}, {"email": "C@acme.com", "role": "viewer"}}}).
		failsField("invites[1].email")
	h.post(h.key, path, m{"invites": []m{{"email": "c@acme.com", "role": "viewer"}, {"email": "d@acme.com", "role": "owner"}}}).
		failsField("invites[1].role")
	h.post(h.key, path, m{"invites": []m{{"email": "c@acme.com", "role": "viewer"}, {"email": "nope", "role": "viewer"}}}).
		failsField("invites[1].email")
	// A conflict anywhere rejects the whole batch.
	field := h.post(h.key, path, m{"invites": []m{{"email": "c@acme.com", "role": "viewer"}, {"email": "a@acme.com", "role": "viewer"}}}).
		fails(409, "conflict")
	assert.Equal(t, "invites[1].email", field)
	for _, inv := range h.collect(h.key, "", invitesPath, 100) {
		assert.NotEqual(t, "c@acme.com", inv["email"], "nothing of a rejected batch was created")
	}
	assert.Len(t, h.collect(h.key, "", invitesPath, 100), 102)
}

func TestRevokeInvite(t *testing.T) {
	h := newHarness(t)
	var inv m
	h.post(h.key, invitesPath, m{"email": "dev@acme.com", "role": "developer"}).ok(201, &inv)
	var d m
	h.del(h.key, invitesPath+"/"+inv["id"].(string)).ok(200, &d)
	assert.Equal(t, m{"id": inv["id"], "deleted": true}, d)
	h.del(h.key, invitesPath+"/"+inv["id"].(string)).ok(200, nil)
	h.del(h.key, invitesPath+"/inv_nothing").fails(404, "not_found")
	assert.Empty(t, h.collect(h.key, "", invitesPath, 20))
	h.post(h.key, invitesPath, m{"email": "dev@acme.com", "role": "developer"}).ok(201, nil) // free again
}
