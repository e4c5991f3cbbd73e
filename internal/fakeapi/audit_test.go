package fakeapi

import (
	"net/url"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const auditPath = "/v1/organizations/current/audit-logs"

func TestAuditLogs(t *testing.T) {
	h := newHarness(t)
	owner := h.s.Owner()
	ownerKeyID := ""
	for _, k := range h.collect(h.key, "", "/v1/api-keys", 20) {
		ownerKeyID = k["id"].(string)
	}
	dev, _ := h.seedMember("example", "dev@example.com", "developer")

	var inv, key, proj m
	h.post(h.key, invitesPath, m{"email": "new@acme.com", "role": "viewer"}).ok(201, &inv)
	h.clock.Advance(time.Minute)
	h.patch(h.key, "/v1/organizations/current/members/"+dev.ID, m{"role": "admin"}).ok(200, nil)
	h.patch(h.key, settingsPath, m{"requireMfa": true}).ok(200, nil)
	h.post(h.key, "/v1/api-keys", m{"name": "K"}).ok(201, &key)
	h.post(h.key, "/v1/api-keys/"+key["id"].(string)+"/rotate", m{}).ok(201, nil)
	h.clock.Advance(time.Minute)
	h.post(h.key, "/v1/projects", m{"name": "P", "slug": "proj"}).ok(201, &proj)
	h.del(h.key, "/v1/organizations/current/members/"+dev.ID).ok(200, nil)

	events := h.collect(h.key, "", auditPath, 3)
	var actions []string
	for _, e := range events {
		actions = append(actions, e["action"].(string))
		assert.Equal(t, owner.ID, e["actorUserId"])
		assert.Equal(t, ownerKeyID, e["actorKeyId"])
		assert.IsType(t, m{}, e["metadata"])
	}
	assert.Equal(t, []string{"member.invited", "member.role_updated", "settings.updated", "api_key.created",
		"api_key.rotated", "project.created", "member.removed"}, actions)
	assert.Equal(t, inv["id"], events[0]["targetId"])
	assert.Equal(t, m{"email": "new@acme.com", "role": "viewer"}, events[0]["metadata"])
	assert.Equal(t, m{"from": "developer", "to": "admin"}, events[1]["metadata"])

	byAction := h.collect(h.key, "", auditPath+"?action=project.created", 20)
	require.Len(t, byAction, 1)
	assert.Equal(t, proj["id"], byAction[0]["targetId"])

	q := func(v url.Values) string { return auditPath + "?" + v.Encode() }
	t1 := start.Add(time.Minute).Format(time.RFC3339)
	assert.Len(t, h.collect(h.key, "", q(url.Values{"since": {t1}}), 20), 6, "since is inclusive")
	assert.Len(t, h.collect(h.key, "", q(url.Values{"until": {t1}}), 20), 5, "until is inclusive")
	assert.Len(t, h.collect(h.key, "", q(url.Values{"since": {t1}, "until": {t1}}), 20), 4)

	h.get(h.key, q(url.Values{"since": {"yesterday"}})).failsField("since")
	h.get(h.key, q(url.Values{"until": {"2026-13-01T00:00:00Z"}})).failsField("until")
	h.get(h.key, q(url.Values{"since": {t1}, "until": {start.Format(time.RFC3339)}})).failsField("until")
}

func TestAuditLogsGates(t *testing.T) {
	h := newHarness(t)
	_, devKey := h.seedMember("example", "dev@example.com", "developer")
	h.get(devKey, auditPath).fails(403, "forbidden")
	require.NoError(t, h.s.SetPlan("example", "team"))
	h.get(h.key, auditPath).ok(200, nil)
	require.NoError(t, h.s.SetPlan("example", "pro"))
	h.get(h.key, auditPath).fails(403, "feature_not_available")
}

func TestOrganizationCreatedIsAudited(t *testing.T) {
	h := newHarness(t)
	var org m
	h.post(h.key, "/v1/organizations", m{"name": "Acme", "slug": "acme"}).ok(201, &org)
	events := h.collect(h.key, "acme", auditPath, 20)
	require.Len(t, events, 1)
	assert.Equal(t, "organization.created", events[0]["action"])
	assert.Equal(t, org["id"], events[0]["targetId"])
}
