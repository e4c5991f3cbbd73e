package fakeapi

import (
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestBootstrap(t *testing.T) {
	h := newHarness(t)
	assert.Regexp(t, `^rt_live_[A-Za-z0-9]{32}$`, h.s.OwnerKey())
	owner := h.s.Owner()
	assert.Equal(t, "owner@example.com", owner.Email)
	org := h.s.ExampleOrganization()
	assert.Equal(t, OrgInfo{ID: org.ID, Name: "Example Org", Slug: "example", Plan: "enterprise", DefaultProjectID: org.DefaultProjectID}, org)
	assert.NotEmpty(t, org.DefaultProjectID)

	keys := h.collect(h.key, "", "/v1/api-keys", 20)
	require.Len(t, keys, 1)
	assert.Equal(t, []any{"*"}, keys[0]["scopes"])
	assert.Equal(t, h.s.OwnerKey()[:12], keys[0]["keyPrefix"])

	// Two servers share nothing.
	other := New()
	assert.NotEqual(t, h.s.OwnerKey(), other.OwnerKey())
	assert.NotEqual(t, org.ID, other.ExampleOrganization().ID)
}

func TestSeedingErrors(t *testing.T) {
	s := New()
	owner := s.Owner()
	_, err := s.AddUser("owner@EXAMPLE.com", "Dup", "Licate")
	assert.ErrorIs(t, err, ErrSeedConflict)
	_, err = s.AddUser("not an email", "", "")
	assert.ErrorIs(t, err, ErrInvalidSeed)

	_, err = s.AddOrganization("X", "example", "team", owner.ID)
	assert.ErrorIs(t, err, ErrSeedConflict)
	_, err = s.AddOrganization("X", "x-org", "platinum", owner.ID)
	assert.ErrorIs(t, err, ErrInvalidSeed)
	_, err = s.AddOrganization("X", "Bad", "team", owner.ID)
	assert.ErrorIs(t, err, ErrInvalidSeed)
	_, err = s.AddOrganization("X", "x-org", "team", "user_nobody")
	assert.ErrorIs(t, err, ErrUnknownUser)

	assert.ErrorIs(t, s.AddMember("example", owner.ID, "admin"), ErrSeedConflict)
	assert.ErrorIs(t, s.AddMember("nope", owner.ID, "admin"), ErrUnknownOrganization)
	assert.ErrorIs(t, s.AddMember("example", owner.ID, "owner"), ErrInvalidSeed)

	u, err := s.AddUser("u@example.com", "U", "Ser")
	require.NoError(t, err)
	_, err = s.IssueKey(u.ID, "example")
	assert.ErrorIs(t, err, ErrInvalidSeed, "not a member")
	_, err = s.IssueKey(owner.ID, "example", "sandboxes", "bogus")
	assert.ErrorIs(t, err, ErrInvalidSeed)

	assert.ErrorIs(t, s.SetPlan("example", "gold"), ErrInvalidSeed)
	assert.ErrorIs(t, s.SetPlan("nope", "team"), ErrUnknownOrganization)
	assert.ErrorIs(t, s.SetSandboxStatus("sandbox-000000000000", "running"), ErrUnknownSandbox)
	_, found := s.Organization("nope")
	assert.False(t, found)
}

// TestConcurrentUse drives requests, seeding, fault injection and the request log at once;
// it asserts little itself and exists for the race detector.
func TestConcurrentUse(t *testing.T) {
	h := newHarness(t, WithoutRateLimits())
	var wg sync.WaitGroup
	for w := range 4 {
		wg.Go(func() {
			for i := range 25 {
				switch (w + i) % 5 {
				case 0:
					r := h.newRequest(request{method: "POST", path: "/v1/sandboxes", key: h.key, body: m{"template": "t"}})
					if resp, err := h.hc.Do(r); err == nil {
						resp.Body.Close()
					}
				case 1:
					r := h.newRequest(request{method: "GET", path: "/v1/organizations/current/members", key: h.key})
					if resp, err := h.hc.Do(r); err == nil {
						resp.Body.Close()
					}
				case 2:
					h.s.FailNext(1, http.StatusServiceUnavailable, 0)
				case 3:
					_ = h.s.Requests()
					_ = h.s.SetPlan("example", "enterprise")
				case 4:
					_, _ = h.s.IssueKey(h.s.Owner().ID, "example")
				}
			}
		})
	}
	wg.Wait()
	h.s.ClearFaults()
	h.get(h.key, "/v1/me").ok(200, nil)
}
