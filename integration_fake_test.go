//go:build !live

package runtools_test

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/runtools-ai/runtools-go"
	"github.com/runtools-ai/runtools-go/runtoolstest"
)

func newIntegrationEnv(t *testing.T) *integrationEnv {
	t.Helper()
	env, _ := newFakeIntegrationEnv(t)
	return env
}

func newFakeIntegrationEnv(t *testing.T, opts ...runtoolstest.ServerOption) (*integrationEnv, *runtoolstest.Server) {
	t.Helper()
	srv := runtoolstest.NewServer(t, opts...)
	return &integrationEnv{
		owner: srv.Client(),
		withKey: func(_ *testing.T, key string, opts ...runtools.Option) *runtools.Client {
			return srv.ClientWithKey(key, opts...)
		},
		enterprise: true,
		ownerEmail: "owner@example.com",
	}, srv
}

// seedMember adds a user and makes it a member of org with role.
func seedMember(t *testing.T, srv *runtoolstest.Server, org, email, role string) runtoolstest.User {
	t.Helper()
	u, err := srv.AddUser(email, "Test", "User")
	if err != nil {
		t.Fatal(err)
	}
	if err := srv.AddMember(org, u.ID, role); err != nil {
		t.Fatal(err)
	}
	return u
}

func TestIntegrationMembersManagement(t *testing.T) {
	env, srv := newFakeIntegrationEnv(t)
	ctx := integrationCtx(t)
	c := env.owner
	owner := srv.Owner()
	dev := seedMember(t, srv, "example", "dev@example.com", "developer")
	viewer := seedMember(t, srv, "example", "viewer@example.com", "viewer")

	members, err := runtools.Collect(c.Organizations.Members(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 3 || members[0].UserID != owner.ID || members[1].UserID != dev.ID || members[2].UserID != viewer.ID {
		t.Fatalf("Members = %+v", members)
	}
	if members[1].Email != "dev@example.com" || members[1].Role != runtools.RoleDeveloper || members[1].Status != "active" {
		t.Fatalf("seeded member = %+v", members[1])
	}
	page, err := c.Organizations.MembersPage(ctx, runtools.WithPageSize(2))
	if err != nil || len(page.Items) != 2 || !page.HasMore {
		t.Fatalf("MembersPage(2) = %+v, %v", page, err)
	}

	m, err := c.Organizations.UpdateMember(ctx, viewer.ID, runtools.MemberUpdateParams{Role: runtools.RoleAdmin})
	if err != nil || m.UserID != viewer.ID || m.Role != runtools.RoleAdmin {
		t.Fatalf("UpdateMember = %+v, %v", m, err)
	}

	if err := c.Organizations.RemoveMember(ctx, dev.ID); err != nil {
		t.Fatal(err)
	}

	org, err := c.Organizations.TransferOwnership(ctx, viewer.ID)
	if err != nil {
		t.Fatal(err)
	}
	if org.Slug != "example" || org.Role != runtools.RoleAdmin {
		t.Fatalf("TransferOwnership = %+v, want the caller now admin", org)
	}
	members, err = runtools.Collect(c.Organizations.Members(ctx))
	if err != nil {
		t.Fatal(err)
	}
	roles := map[string]runtools.Role{}
	for _, m := range members {
		roles[m.UserID] = m.Role
	}
	if len(members) != 2 || roles[owner.ID] != runtools.RoleAdmin || roles[viewer.ID] != runtools.RoleOwner {
		t.Fatalf("members after removal and transfer: %+v", members)
	}
	// The old owner, now admin, may no longer delete the organization.
	err = c.Organizations.Delete(ctx, runtools.OrganizationDeleteParams{Confirm: "example"})
	wantAPIError(t, err, runtools.ErrForbidden, "forbidden")
}

func TestIntegrationViewerCannotInvite(t *testing.T) {
	_, srv := newFakeIntegrationEnv(t)
	ctx := integrationCtx(t)
	v := seedMember(t, srv, "example", "viewer@example.com", "viewer")
	key, err := srv.IssueKey(v.ID, "example")
	if err != nil {
		t.Fatal(err)
	}
	c := srv.ClientWithKey(key)
	_, err = c.Organizations.Invite(ctx, runtools.InviteParams{Email: "new@example.com", Role: runtools.RoleViewer})
	wantAPIError(t, err, runtools.ErrForbidden, "forbidden")
	// The viewer can still read; the owner sees no invite.
	if _, err := runtools.Collect(c.Organizations.Members(ctx)); err != nil {
		t.Fatalf("viewer listing members: %v", err)
	}
	invites, err := runtools.Collect(srv.Client().Organizations.Invites(ctx))
	if err != nil || len(invites) != 0 {
		t.Fatalf("invites after a refused invite: %+v, %v", invites, err)
	}
}

func TestIntegrationFreePlanSecondOrganization(t *testing.T) {
	_, srv := newFakeIntegrationEnv(t)
	ctx := integrationCtx(t)
	u, err := srv.AddUser("free@example.com", "Free", "User")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := srv.AddOrganization("Free Org", "free-org", "free", u.ID); err != nil {
		t.Fatal(err)
	}
	key, err := srv.IssueKey(u.ID, "free-org")
	if err != nil {
		t.Fatal(err)
	}
	c := srv.ClientWithKey(key)
	_, err = c.Organizations.Create(ctx, runtools.OrganizationCreateParams{Name: "Second", Slug: "free-second"})
	wantAPIError(t, err, runtools.ErrForbidden, "plan_limit_exceeded")
	if _, ok := srv.Organization("free-second"); ok {
		t.Fatal("the refused organization exists")
	}
	orgs, err := runtools.Collect(c.Organizations.List(ctx))
	if err != nil || len(orgs) != 1 || orgs[0].Slug != "free-org" || orgs[0].Plan != "free" {
		t.Fatalf("organizations of the free user: %+v, %v", orgs, err)
	}
}

func TestIntegrationSSOBelowEnterprise(t *testing.T) {
	env, srv := newFakeIntegrationEnv(t)
	ctx := integrationCtx(t)
	if err := srv.SetPlan("example", "team"); err != nil {
		t.Fatal(err)
	}
	certPEM, _ := selfSignedPEM(t)
	_, err := env.owner.Organizations.ConfigureSSO(ctx, runtools.SAMLConfig{
		EntryPoint: "https://idp.integration.test/sso", Issuer: "https://runtools.ai", Cert: certPEM,
	})
	wantAPIError(t, err, runtools.ErrForbidden, "feature_not_available")
	// Back on enterprise there is still no connection: the refusal changed nothing.
	if err := srv.SetPlan("example", "enterprise"); err != nil {
		t.Fatal(err)
	}
	_, err = env.owner.Organizations.SSO(ctx)
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")
}

func TestIntegrationMembersPaging250(t *testing.T) {
	env, srv := newFakeIntegrationEnv(t)
	ctx := integrationCtx(t)
	want := []string{srv.Owner().ID}
	for i := range 249 {
		u := seedMember(t, srv, "example", fmt.Sprintf("member%03d@example.com", i), "viewer")
		want = append(want, u.ID)
	}
	for _, tc := range []struct {
		name string
		opts []runtools.RequestOption
	}{
		{"page size 100", []runtools.RequestOption{runtools.WithPageSize(100)}},
		{"default page size", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var info runtools.ResponseInfo
			got, err := runtools.Collect(env.owner.Organizations.Members(ctx, append(tc.opts, runtools.WithResponseInfo(&info))...))
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(want) {
				t.Fatalf("%d members, want %d", len(got), len(want))
			}
			seen := map[string]bool{}
			for i, m := range got {
				if seen[m.ID] {
					t.Fatalf("member %s twice", m.ID)
				}
				seen[m.ID] = true
				if m.UserID != want[i] {
					t.Fatalf("member %d is %s, want %s (creation order)", i, m.UserID, want[i])
				}
			}
		})
	}
	// Pages by hand: 100, 100, 50, and the last says no more.
	var sizes []int
	cursor := ""
	for {
		opts := []runtools.RequestOption{runtools.WithPageSize(100)}
		if cursor != "" {
			opts = append(opts, runtools.WithCursor(cursor))
		}
		p, err := env.owner.Organizations.MembersPage(ctx, opts...)
		if err != nil {
			t.Fatal(err)
		}
		sizes = append(sizes, len(p.Items))
		if !p.HasMore {
			break
		}
		cursor = p.NextCursor
		if len(sizes) > 5 {
			t.Fatalf("paging does not end: %v", sizes)
		}
	}
	if fmt.Sprint(sizes) != "[100 100 50]" {
		t.Fatalf("page sizes %v, want [100 100 50]", sizes)
	}
}

func TestIntegrationRetryAfterCommitThenDrop(t *testing.T) {
	env, srv := newFakeIntegrationEnv(t)
	ctx := integrationCtx(t)
	c, err := env.owner.With(runtools.WithMaxRetries(3))
	if err != nil {
		t.Fatal(err)
	}
	// Warm the connection pool so that the transport's own silent retry may apply too; two
	// drops make at least one visible to the SDK (see CommitThenDrop).
	if _, err := c.Me(ctx); err != nil {
		t.Fatal(err)
	}
	srv.ResetRequests()
	srv.CommitThenDrop(2)
	var info runtools.ResponseInfo
	p, err := c.Projects.Create(ctx, runtools.ProjectCreateParams{Name: "Dropped", Slug: "dropped"}, runtools.WithResponseInfo(&info))
	if err != nil {
		t.Fatalf("create after a dropped answer: %v", err)
	}
	if p.Slug != "dropped" {
		t.Fatalf("created %+v", p)
	}
	if info.Attempts < 2 {
		t.Fatalf("Attempts = %d, want a retry by the SDK", info.Attempts)
	}
	// Every attempt carried the same Idempotency-Key and body; the drops were unanswered and
	// the last attempt got the committed answer (a replay, not a second project).
	var posts []runtoolstest.RecordedRequest
	for _, r := range srv.Requests() {
		if r.Method == "POST" && r.Path == "/v1/projects" {
			posts = append(posts, r)
		}
	}
	if len(posts) != 3 {
		t.Fatalf("%d POST /v1/projects, want 3 (two dropped, one answered)", len(posts))
	}
	key := posts[0].Header.Get("Idempotency-Key")
	for i, r := range posts {
		if r.Header.Get("Idempotency-Key") != key || key == "" || string(r.Body) != string(posts[0].Body) {
			t.Fatalf("attempt %d: key %q body %s; first: key %q body %s", i, r.Header.Get("Idempotency-Key"), r.Body, key, posts[0].Body)
		}
	}
	if posts[0].Status != 0 || posts[1].Status != 0 || posts[2].Status != 201 {
		t.Fatalf("statuses %d %d %d, want 0 0 201", posts[0].Status, posts[1].Status, posts[2].Status)
	}
	projects, err := runtools.Collect(c.Projects.List(ctx))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, q := range projects {
		if q.Slug == "dropped" {
			n++
			if q.ID != p.ID {
				t.Fatalf("listed project %s, the call returned %s", q.ID, p.ID)
			}
		}
	}
	if n != 1 {
		t.Fatalf("%d projects with slug dropped, want exactly 1", n)
	}
}

func TestIntegrationRateLimited(t *testing.T) {
	env, _ := newFakeIntegrationEnv(t, runtoolstest.WithRateLimits(runtoolstest.RateLimits{Enterprise: 3}))
	ctx := integrationCtx(t)
	const capWait = 50 * time.Millisecond
	c, err := env.owner.With(runtools.WithMaxRetries(2), runtools.WithRetryWait(0, capWait))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 3 {
		var info runtools.ResponseInfo
		if _, err := c.Me(ctx, runtools.WithResponseInfo(&info)); err != nil {
			t.Fatalf("call %d: %v", i+1, err)
		}
		if info.RateLimit.Limit != 3 || info.RateLimit.Remaining != 2-i {
			t.Fatalf("call %d rate limit %+v", i+1, info.RateLimit)
		}
	}
	start := time.Now()
	_, err = c.Me(ctx)
	elapsed := time.Since(start)
	apiErr := wantAPIError(t, err, runtools.ErrRateLimited, "rate_limited")
	if apiErr.RetryAfter <= capWait {
		t.Fatalf("RetryAfter = %v, want the server's wait (over the %v cap)", apiErr.RetryAfter, capWait)
	}
	if apiErr.Attempts != 1 {
		t.Fatalf("Attempts = %d: the SDK retried a wait beyond its cap", apiErr.Attempts)
	}
	if elapsed > time.Second {
		t.Fatalf("the call took %v: the SDK slept past its %v cap", elapsed, capWait)
	}
	if !errors.Is(err, runtools.ErrRateLimited) {
		t.Fatal("unreachable")
	}
}
