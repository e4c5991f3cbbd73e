package fakeapi

import (
	"fmt"
	"net/http"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPagingMembers(t *testing.T) {
	h := newHarness(t)
	want := []string{h.s.Owner().ID}
	for i := range 250 {
		u, err := h.s.AddUser(fmt.Sprintf("member%03d@example.com", i), "M", fmt.Sprint(i))
		require.NoError(t, err)
		require.NoError(t, h.s.AddMember("example", u.ID, "developer"))
		want = append(want, u.ID)
	}

	// Default page size is 20.
	r := h.get(h.key, "/v1/organizations/current/members").ok(200, nil)
	assert.Len(t, r.list(), 20)
	assert.True(t, *r.env.Meta.HasMore)

	for _, limit := range []int{1, 7, 100} {
		all := h.collect(h.key, "", "/v1/organizations/current/members", limit)
		got := make([]string, len(all))
		for i, mem := range all {
			got[i] = mem["userId"].(string)
		}
		assert.Equal(t, want, got, "limit %d: every member once, in join order", limit)
	}

	// Exactly three pages at 100: 100, 100, 51.
	r = h.get(h.key, "/v1/organizations/current/members?limit=100").ok(200, nil)
	require.Len(t, r.list(), 100)
	r = h.get(h.key, "/v1/organizations/current/members?limit=100&cursor="+*r.env.Meta.NextCursor).ok(200, nil)
	require.Len(t, r.list(), 100)
	r = h.get(h.key, "/v1/organizations/current/members?limit=100&cursor="+*r.env.Meta.NextCursor).ok(200, nil)
	require.Len(t, r.list(), 51)
	assert.False(t, *r.env.Meta.HasMore)
	assert.Nil(t, r.env.Meta.NextCursor)
}

func TestPagingParameters(t *testing.T) {
	h := newHarness(t)
	for _, bad := range []string{"0", "101", "-1", "abc", "1.5", ""} {
		h.get(h.key, "/v1/projects?limit="+bad).failsField("limit")
	}
	h.get(h.key, "/v1/projects?limit=100").ok(200, nil)
	h.get(h.key, "/v1/projects?limit=1").ok(200, nil)
	for _, bad := range []string{"garbage", "bWVtYmVyczox", "%21%21", ""} {
		h.get(h.key, "/v1/projects?cursor="+bad).failsField("cursor")
	}
	// A cursor of one list is unknown to another.
	for i := range 3 {
		u, err := h.s.AddUser(fmt.Sprintf("x%d@example.com", i), "X", "Y")
		require.NoError(t, err)
		require.NoError(t, h.s.AddMember("example", u.ID, "viewer"))
	}
	r := h.get(h.key, "/v1/organizations/current/members?limit=1").ok(200, nil)
	h.get(h.key, "/v1/projects?cursor="+*r.env.Meta.NextCursor).failsField("cursor")
	h.get(h.key, "/v1/organizations/current/members?cursor="+*r.env.Meta.NextCursor).ok(200, nil)
	// Empty lists are [] with no cursor.
	r = h.get(h.key, "/v1/sandboxes").ok(200, nil)
	assert.Contains(t, string(r.raw), `"data":[]`)
	assert.Contains(t, string(r.raw), `"hasMore":false,"nextCursor":null`)
}

// TestPagingUnderConcurrentInserts pages through projects while other goroutines create
// more: every project that existed before paging began is seen exactly once, in order, and
// no project is ever seen twice.
func TestPagingUnderConcurrentInserts(t *testing.T) {
	h := newHarness(t, WithoutRateLimits())
	for i := range 60 {
		h.post(h.key, "/v1/projects", m{"name": "P", "slug": fmt.Sprintf("before-%02d", i)}).ok(201, nil)
	}
	before := h.collect(h.key, "", "/v1/projects", 100)
	require.Len(t, before, 61)

	var wg sync.WaitGroup
	stop := make(chan struct{})
	for w := range 2 {
		wg.Go(func() {
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				req := h.newRequest(request{method: "POST", path: "/v1/projects", key: h.key,
					body: m{"name": "P", "slug": fmt.Sprintf("during-%d-%d", w, i)}})
				resp, err := h.hc.Do(req)
				if err == nil {
					resp.Body.Close()
					if resp.StatusCode != http.StatusCreated {
						t.Errorf("concurrent create: %d", resp.StatusCode)
						return
					}
				}
			}
		})
	}
	seen := h.collect(h.key, "", "/v1/projects", 3)
	close(stop)
	wg.Wait()

	ids := map[string]bool{}
	for _, p := range seen {
		id := p["id"].(string)
		assert.False(t, ids[id], "project %s seen twice", p["slug"])
		ids[id] = true
	}
	for i, p := range before {
		assert.Equal(t, p["id"], seen[i]["id"], "pre-existing projects first, in creation order")
	}
	final := h.collect(h.key, "", "/v1/projects", 100)
	assert.Greater(t, len(final), len(before), "inserts did happen while paging")
}

// TestCursorIsAPositionNotAnOffset: deleting items already seen must not make the next page
// skip items, and items created meanwhile come after every existing one.
func TestCursorIsAPositionNotAnOffset(t *testing.T) {
	h := newHarness(t)
	for i := range 8 {
		h.post(h.key, "/v1/projects", m{"name": "P", "slug": fmt.Sprintf("p-%d", i)}).ok(201, nil)
	}
	r := h.get(h.key, "/v1/projects?limit=4").ok(200, nil)
	page1 := r.list()
	require.Equal(t, "p-2", page1[3]["slug"])
	h.del(h.key, "/v1/projects/p-1").ok(200, nil)
	h.del(h.key, "/v1/projects/p-2").ok(200, nil)
	h.post(h.key, "/v1/projects", m{"name": "P", "slug": "late"}).ok(201, nil)

	r = h.get(h.key, "/v1/projects?limit=4&cursor="+*r.env.Meta.NextCursor).ok(200, nil)
	var slugs []string
	for _, p := range r.list() {
		slugs = append(slugs, p["slug"].(string))
	}
	assert.Equal(t, []string{"p-3", "p-4", "p-5", "p-6"}, slugs)
	r = h.get(h.key, "/v1/projects?limit=4&cursor="+*r.env.Meta.NextCursor).ok(200, nil)
	slugs = nil
	for _, p := range r.list() {
		slugs = append(slugs, p["slug"].(string))
	}
	assert.Equal(t, []string{"p-7", "late"}, slugs)
}
