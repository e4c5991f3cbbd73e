package fakeapi

import (
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestCreateOrganization(t *testing.T) {
	h := newHarness(t)
	var org m
	h.post(h.key, "/v1/organizations", m{"name": "  Acme Corp ", "slug": "acme-corp"}).ok(201, &org)
	assert.Equal(t, "Acme Corp", org["name"], "name is stored trimmed")
	assert.Equal(t, "acme-corp", org["slug"])
	assert.Equal(t, "enterprise", org["plan"], "inherits the active organization's plan")
	assert.Equal(t, "owner", org["role"])
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, org["id"])
	assert.Equal(t, start.Format(time.RFC3339Nano), org["createdAt"])

	projects := h.collect(h.key, "acme-corp", "/v1/projects", 20)
	require.Len(t, projects, 1)
	assert.Equal(t, "default", projects[0]["slug"])

	orgs := h.collect(h.key, "", "/v1/organizations", 20)
	require.Len(t, orgs, 2)
	assert.Equal(t, "example", orgs[0]["slug"], "creation order")
	assert.Equal(t, "acme-corp", orgs[1]["slug"])

	h.post(h.key, "/v1/organizations", m{"name": "Again", "slug": "acme-corp"}).fails(409, "conflict")
	h.post(h.key, "/v1/organizations", m{"name": "Ex", "slug": "example"}).fails(409, "conflict")
	h.post(h.key, "/v1/organizations", m{"name": "Acme"}).failsField("slug")
	h.post(h.key, "/v1/organizations", m{"slug": "no-name"}).failsField("name")
	h.post(h.key, "/v1/organizations", `{"name": "X", "slug": "x-y-z", "plan": "free"}`).failsField("plan")
	h.post(h.key, "/v1/organizations", `{"name": "X",`).failsField("")
}

func TestCreateOrganizationPlanRules(t *testing.T) {
	h := newHarness(t)
	var org m
	// Created from a team organization: takes the team plan.
	owner := h.s.Owner()
	_, err := h.s.AddOrganization("Team Org", "team-org", "team", owner.ID)
	require.NoError(t, err)
	h.do(request{method: "POST", path: "/v1/organizations", key: h.key, org: "team-org", body: m{"name": "T2", "slug": "t-two"}}).ok(201, &org)
	assert.Equal(t, "team", org["plan"])

	// Belonging to a pro organization forbids a second one.
	require.NoError(t, h.s.SetPlan("example", "pro"))
	h.post(h.key, "/v1/organizations", m{"name": "Nope", "slug": "nope-org"}).fails(403, "plan_limit_exceeded")
	_, found := h.s.Organization("nope-org")
	assert.False(t, found)

	// Scope: management needs "*".
	require.NoError(t, h.s.SetPlan("example", "enterprise"))
	_, sbKey := h.seedMember("example", "dev@example.com", "developer", "sandboxes")
	h.post(sbKey, "/v1/organizations", m{"name": "Nope", "slug": "nope-org"}).fails(403, "insufficient_scope")
}

func TestGetAndListOrganizationsShowCallersRole(t *testing.T) {
	h := newHarness(t)
	u, key := h.seedMember("example", "v@example.com", "viewer", "sandboxes:read")
	_, err := h.s.AddOrganization("Own", "own-org", "team", u.ID)
	require.NoError(t, err)
	orgs := h.collect(key, "", "/v1/organizations", 1)
	require.Len(t, orgs, 2)
	assert.Equal(t, "viewer", orgs[0]["role"])
	assert.Equal(t, "owner", orgs[1]["role"])
	var o m
	h.get(key, "/v1/organizations/current").ok(200, &o) // any scope may read
	assert.Equal(t, "viewer", o["role"])
}

func TestDeleteOrganization(t *testing.T) {
	h := newHarness(t)
	var org m
	h.post(h.key, "/v1/organizations", m{"name": "Doomed", "slug": "doomed"}).ok(201, &org)
	admin, adminKey := h.seedMember("doomed", "admin@example.com", "admin")
	_ = admin

	h.del(h.key, "/v1/organizations/doomed").fails(400, "confirmation_mismatch")
	h.del(h.key, "/v1/organizations/doomed?confirm=DOOMED").fails(400, "confirmation_mismatch")
	h.del(adminKey, "/v1/organizations/doomed?confirm=doomed").fails(403, "forbidden")
	_, found := h.s.Organization("doomed")
	require.True(t, found, "rejected deletes change nothing")

	var d m
	h.del(h.key, "/v1/organizations/doomed?confirm=doomed").ok(200, &d)
	assert.Equal(t, m{"id": org["id"], "deleted": true}, d)
	h.get(h.key, "/v1/organizations/doomed").fails(404, "not_found")
	h.get(adminKey, "/v1/me").fails(401, "invalid_token") // its keys are revoked
	h.get(h.key, "/v1/me").ok(200, nil)                   // other organizations' keys are not

	// The slug is free again.
	h.post(h.key, "/v1/organizations", m{"name": "Reborn", "slug": "doomed"}).ok(201, nil)
}

func TestTransferOwnership(t *testing.T) {
	h := newHarness(t)
	owner := h.s.Owner()
	dev, devKey := h.seedMember("example", "dev@example.com", "developer")
	_, adminKey := h.seedMember("example", "admin@example.com", "admin")
	path := "/v1/organizations/current/transfer-ownership"

	h.post(adminKey, path, m{"userId": dev.ID}).fails(403, "forbidden")
	h.post(h.key, path, m{"userId": "user_nobody"}).fails(404, "not_found")
	h.post(h.key, path, m{}).failsField("userId")
	h.post(h.key, path, m{"userId": owner.ID}).failsField("userId")

	var org m
	h.post(h.key, path, m{"userId": dev.ID}).ok(200, &org)
	assert.Equal(t, "admin", org["role"], "the old owner becomes admin")

	roles := map[string]string{}
	for _, mem := range h.collect(h.key, "", "/v1/organizations/current/members", 20) {
		roles[mem["userId"].(string)] = mem["role"].(string)
	}
	assert.Equal(t, "owner", roles[dev.ID])
	assert.Equal(t, "admin", roles[owner.ID])
	// The new owner can now delete; the old one cannot.
	h.del(h.key, "/v1/organizations/current?confirm=example").fails(403, "forbidden")
	h.get(devKey, "/v1/organizations/current").ok(200, &org)
	assert.Equal(t, "owner", org["role"])
}

func TestMe(t *testing.T) {
	h := newHarness(t)
	var u m
	h.get(h.key, "/v1/me").ok(200, &u)
	owner := h.s.Owner()
	assert.Equal(t, m{"id": owner.ID, "email": "owner@example.com", "firstName": "Example", "lastName": "Owner"}, u)
}
