package runtools_test

// The integration suite: the SDK against a whole server, fake or live. The environment comes
// from newIntegrationEnv, defined in integration_fake_test.go (default: the reference server
// of runtoolstest) and integration_live_test.go (build tag live: a real endpoint). Tests that
// need seeding or fault injection live in integration_fake_test.go only.

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/pem"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/runtools-ai/runtools-go"
	"github.com/runtools-ai/runtools-go/runtoolstest"
)

// integrationEnv is what the suite needs from a server.
type integrationEnv struct {
	// owner is a client with a full-scope key of a user who owns the key's organization,
	// and no active organization set (the key's own).
	owner *runtools.Client
	// withKey builds a client for the same server with another key.
	withKey func(t *testing.T, key string, opts ...runtools.Option) *runtools.Client
	// enterprise: the key's organization has SSO and audit logs.
	enterprise bool
	// ownerEmail, when known, is the email of the owner.
	ownerEmail string
}

func integrationCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// uniqueSlug gives a valid slug no other test (or earlier live run) uses.
func uniqueSlug(t *testing.T, prefix string) string {
	t.Helper()
	b := make([]byte, 4)
	if _, err := rand.Read(b); err != nil {
		t.Fatal(err)
	}
	return prefix + "-" + hex.EncodeToString(b)
}

// wantAPIError asserts err matches sentinel and carries the error code.
func wantAPIError(t *testing.T, err error, sentinel error, code string) *runtools.APIError {
	t.Helper()
	if err == nil {
		t.Fatalf("got no error, want %v (%s)", sentinel, code)
	}
	if !errors.Is(err, sentinel) {
		t.Fatalf("error %v does not match %v", err, sentinel)
	}
	var apiErr *runtools.APIError
	if !errors.As(err, &apiErr) {
		t.Fatalf("error %v (%T) is not an *APIError", err, err)
	}
	if code != "" && apiErr.Code != code {
		t.Fatalf("error code %q, want %q (%v)", apiErr.Code, code, err)
	}
	return apiErr
}

// newTestOrg creates an organization owned by the env's owner, deleted at cleanup, and a
// client whose active organization is it (by id).
func newTestOrg(t *testing.T, env *integrationEnv, prefix string) (*runtools.Organization, *runtools.Client) {
	t.Helper()
	ctx := integrationCtx(t)
	org, err := env.owner.Organizations.Create(ctx, runtools.OrganizationCreateParams{Name: "Integration " + prefix, Slug: uniqueSlug(t, prefix)})
	if err != nil {
		t.Fatalf("creating an organization: %v", err)
	}
	c, err := env.owner.With(runtools.WithOrganization(org.ID))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		// Best effort: the test may have deleted it already.
		_ = c.Organizations.Delete(context.Background(), runtools.OrganizationDeleteParams{Confirm: org.Slug})
	})
	return org, c
}

// selfSignedPEM returns a fresh self-signed certificate in PEM and the SHA-256 hex of its DER.
func selfSignedPEM(t *testing.T) (string, string) {
	t.Helper()
	certPEM := runtoolstest.CertificatePEM()
	block, _ := pem.Decode([]byte(certPEM))
	if block == nil {
		t.Fatal("runtoolstest.CertificatePEM gave no PEM block")
	}
	sum := sha256.Sum256(block.Bytes)
	return certPEM, hex.EncodeToString(sum[:])
}

func TestIntegrationMe(t *testing.T) {
	env := newIntegrationEnv(t)
	me, err := env.owner.Me(integrationCtx(t))
	if err != nil {
		t.Fatal(err)
	}
	if me.ID == "" || !strings.Contains(me.Email, "@") {
		t.Fatalf("Me = %+v, want an id and an email", me)
	}
	if env.ownerEmail != "" && !strings.EqualFold(me.Email, env.ownerEmail) {
		t.Fatalf("Me email %q, want %q", me.Email, env.ownerEmail)
	}
}

func TestIntegrationOrganizationLifecycle(t *testing.T) {
	env := newIntegrationEnv(t)
	ctx := integrationCtx(t)
	slug := uniqueSlug(t, "life")
	org, err := env.owner.Organizations.Create(ctx, runtools.OrganizationCreateParams{Name: "Lifecycle Org", Slug: slug})
	if err != nil {
		t.Fatal(err)
	}
	if org.ID == "" || org.Slug != slug || org.Name != "Lifecycle Org" || org.Role != runtools.RoleOwner || org.CreatedAt.IsZero() {
		t.Fatalf("created %+v", org)
	}
	inOrg, err := env.owner.With(runtools.WithOrganization(org.ID))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = inOrg.Organizations.Delete(context.Background(), runtools.OrganizationDeleteParams{Confirm: slug})
	})

	// List (lazy) and ListPage both show it.
	all, err := runtools.Collect(env.owner.Organizations.List(ctx, runtools.WithPageSize(1)))
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	for _, o := range all {
		if o.ID == org.ID {
			found++
		}
	}
	if found != 1 {
		t.Fatalf("List shows the new organization %d times in %d organizations", found, len(all))
	}
	page, err := env.owner.Organizations.ListPage(ctx, runtools.WithPageSize(100))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) == 0 || page.RequestID == "" {
		t.Fatalf("ListPage = %+v", page)
	}

	// Get by slug, by id, and as the active organization.
	for _, ref := range []string{slug, org.ID} {
		got, err := env.owner.Organizations.Get(ctx, ref)
		if err != nil {
			t.Fatalf("Get(%q): %v", ref, err)
		}
		if got.ID != org.ID || got.Slug != slug {
			t.Fatalf("Get(%q) = %+v", ref, got)
		}
	}
	got, err := inOrg.Organizations.Get(ctx, "")
	if err != nil || got.ID != org.ID {
		t.Fatalf("Get active = %+v, %v", got, err)
	}
	// A new organization has its default project.
	def, err := inOrg.Projects.Get(ctx, "default")
	if err != nil || !def.IsDefault {
		t.Fatalf("default project = %+v, %v", def, err)
	}

	// A wrong confirmation is refused by the server (active org given by id, so the SDK
	// cannot check it locally) and changes nothing.
	err = inOrg.Organizations.Delete(ctx, runtools.OrganizationDeleteParams{Confirm: slug + "-typo"})
	wantAPIError(t, err, runtools.ErrValidation, "confirmation_mismatch")
	if _, err := env.owner.Organizations.Get(ctx, org.ID); err != nil {
		t.Fatalf("after a refused delete the organization is gone: %v", err)
	}

	if err := inOrg.Organizations.Delete(ctx, runtools.OrganizationDeleteParams{Confirm: slug}); err != nil {
		t.Fatal(err)
	}
	_, err = env.owner.Organizations.Get(ctx, org.ID)
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")
}

func TestIntegrationInvites(t *testing.T) {
	env := newIntegrationEnv(t)
	ctx := integrationCtx(t)
	_, c := newTestOrg(t, env, "inv")

	one, err := c.Organizations.Invite(ctx, runtools.InviteParams{Email: "solo@invite.test", Role: runtools.RoleDeveloper})
	if err != nil {
		t.Fatal(err)
	}
	if one.ID == "" || one.Email != "solo@invite.test" || one.Role != runtools.RoleDeveloper || one.Status != "pending" {
		t.Fatalf("Invite = %+v", one)
	}
	if d := one.ExpiresAt.Sub(one.CreatedAt); d != 7*24*time.Hour {
		t.Fatalf("invite lifetime %v, want 7 days", d)
	}
	many, err := c.Organizations.InviteMany(ctx, []runtools.InviteParams{
		{Email: "a@invite.test", Role: runtools.RoleViewer},
		{Email: "b@invite.test", Role: runtools.RoleAdmin},
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(many) != 2 || many[0].Email != "a@invite.test" || many[1].Role != runtools.RoleAdmin {
		t.Fatalf("InviteMany = %+v", many)
	}
	// Inviting an email already invited is a conflict.
	_, err = c.Organizations.Invite(ctx, runtools.InviteParams{Email: "a@invite.test", Role: runtools.RoleViewer})
	wantAPIError(t, err, runtools.ErrConflict, "conflict")

	all, err := runtools.Collect(c.Organizations.Invites(ctx, runtools.WithPageSize(2)))
	if err != nil {
		t.Fatal(err)
	}
	var emails []string
	for _, inv := range all {
		emails = append(emails, inv.Email)
	}
	if strings.Join(emails, ",") != "solo@invite.test,a@invite.test,b@invite.test" {
		t.Fatalf("Invites = %v, want the three in creation order", emails)
	}
	page, err := c.Organizations.InvitesPage(ctx, runtools.WithPageSize(1))
	if err != nil {
		t.Fatal(err)
	}
	if len(page.Items) != 1 || !page.HasMore || page.NextCursor == "" || page.Items[0].ID != one.ID {
		t.Fatalf("InvitesPage(1) = %+v", page)
	}
	page2, err := c.Organizations.InvitesPage(ctx, runtools.WithPageSize(1), runtools.WithCursor(page.NextCursor))
	if err != nil || len(page2.Items) != 1 || page2.Items[0].ID != many[0].ID {
		t.Fatalf("second InvitesPage = %+v, %v", page2, err)
	}

	if err := c.Organizations.RevokeInvite(ctx, one.ID); err != nil {
		t.Fatal(err)
	}
	all, err = runtools.Collect(c.Organizations.Invites(ctx))
	if err != nil {
		t.Fatal(err)
	}
	for _, inv := range all {
		if inv.ID == one.ID {
			t.Fatalf("revoked invite still pending: %+v", inv)
		}
	}
	if len(all) != 2 {
		t.Fatalf("%d pending invites after revoking one of three", len(all))
	}
}

func TestIntegrationOwnerCannotBeRemoved(t *testing.T) {
	env := newIntegrationEnv(t)
	ctx := integrationCtx(t)
	_, c := newTestOrg(t, env, "own")
	me, err := c.Me(ctx)
	if err != nil {
		t.Fatal(err)
	}
	err = c.Organizations.RemoveMember(ctx, me.ID)
	wantAPIError(t, err, runtools.ErrForbidden, "")
	members, err := runtools.Collect(c.Organizations.Members(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if len(members) != 1 || members[0].UserID != me.ID || members[0].Role != runtools.RoleOwner {
		t.Fatalf("members after refused removal: %+v", members)
	}
}

func TestIntegrationSettings(t *testing.T) {
	env := newIntegrationEnv(t)
	ctx := integrationCtx(t)
	_, c := newTestOrg(t, env, "set")

	before, err := c.Organizations.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	tmpl, on := "nodejs-20", true
	after, err := c.Organizations.UpdateSettings(ctx, runtools.SettingsUpdateParams{DefaultTemplate: &tmpl, RequireMFA: &on})
	if err != nil {
		t.Fatal(err)
	}
	if after.DefaultTemplate != tmpl || !after.RequireMFA || after.Name != before.Name || after.AllowPublicSandboxes != before.AllowPublicSandboxes {
		t.Fatalf("UpdateSettings = %+v (before %+v)", after, before)
	}
	// Clearing with "" and turning off with false are sent, not dropped.
	empty, off := "", false
	cleared, err := c.Organizations.UpdateSettings(ctx, runtools.SettingsUpdateParams{DefaultTemplate: &empty, RequireMFA: &off})
	if err != nil {
		t.Fatal(err)
	}
	if cleared.DefaultTemplate != "" || cleared.RequireMFA {
		t.Fatalf("clearing settings = %+v", cleared)
	}
	reread, err := c.Organizations.Settings(ctx)
	if err != nil || *reread != *cleared {
		t.Fatalf("Settings = %+v, %v; want %+v", reread, err, cleared)
	}

	if !env.enterprise {
		return
	}
	events, err := runtools.Collect(c.Organizations.AuditLogs(ctx, runtools.AuditLogParams{Action: "settings.updated"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(events) != 2 {
		t.Fatalf("%d settings.updated events, want 2: %+v", len(events), events)
	}
	for _, e := range events {
		if e.Action != "settings.updated" || e.ActorUserID == "" || e.CreatedAt.IsZero() {
			t.Fatalf("audit event %+v", e)
		}
	}
	if events[1].CreatedAt.Before(events[0].CreatedAt) {
		t.Fatalf("audit events not oldest first: %+v", events)
	}
	page, err := c.Organizations.AuditLogsPage(ctx, runtools.AuditLogParams{Action: "organization.created"})
	if err != nil || len(page.Items) != 1 {
		t.Fatalf("organization.created events = %+v, %v", page, err)
	}
}

func TestIntegrationSSO(t *testing.T) {
	env := newIntegrationEnv(t)
	if !env.enterprise {
		t.Skip("the key's organization is not on the enterprise plan")
	}
	ctx := integrationCtx(t)
	_, c := newTestOrg(t, env, "sso")

	_, err := c.Organizations.SSO(ctx)
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")

	certPEM, fingerprint := selfSignedPEM(t)
	saml, err := c.Organizations.ConfigureSSO(ctx, runtools.SAMLConfig{
		EntryPoint: "https://idp.integration.test/sso/saml",
		Issuer:     "https://runtools.ai",
		Cert:       certPEM,
	})
	if err != nil {
		t.Fatal(err)
	}
	if saml.Provider != "saml" || saml.Status != "active" || saml.EntryPoint != "https://idp.integration.test/sso/saml" ||
		saml.Issuer != "https://runtools.ai" || !strings.EqualFold(saml.CertFingerprint, fingerprint) {
		t.Fatalf("ConfigureSSO(SAML) = %+v, want fingerprint %s", saml, fingerprint)
	}
	got, err := c.Organizations.SSO(ctx)
	if err != nil || got.Provider != "saml" || !strings.EqualFold(got.CertFingerprint, fingerprint) {
		t.Fatalf("SSO = %+v, %v", got, err)
	}

	oidc, err := c.Organizations.ConfigureSSO(ctx, runtools.OIDCConfig{
		IssuerURL:    "https://login.integration.test",
		ClientID:     "client-123",
		ClientSecret: "s3cret-value",
	})
	if err != nil {
		t.Fatal(err)
	}
	if oidc.Provider != "oidc" || oidc.IssuerURL != "https://login.integration.test" || oidc.ClientID != "client-123" || oidc.CertFingerprint != "" {
		t.Fatalf("ConfigureSSO(OIDC) = %+v", oidc)
	}
	got, err = c.Organizations.SSO(ctx)
	if err != nil || got.Provider != "oidc" || got.ClientID != "client-123" {
		t.Fatalf("SSO after replacing = %+v, %v", got, err)
	}

	if err := c.Organizations.DisableSSO(ctx); err != nil {
		t.Fatal(err)
	}
	_, err = c.Organizations.SSO(ctx)
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")
}

func TestIntegrationAPIKeys(t *testing.T) {
	env := newIntegrationEnv(t)
	ctx := integrationCtx(t)
	_, c := newTestOrg(t, env, "keys")

	k, err := c.APIKeys.Create(ctx, runtools.APIKeyCreateParams{Name: "reader", Scopes: []runtools.Scope{runtools.ScopeSandboxesRead}})
	if err != nil {
		t.Fatal(err)
	}
	if k.Key == "" || k.KeyPrefix != k.Key[:12] || k.Status != "active" || len(k.Scopes) != 1 || k.Scopes[0] != runtools.ScopeSandboxesRead {
		t.Fatalf("Create = %s (prefix %q)", k, k.KeyPrefix)
	}
	listed, err := runtools.Collect(c.APIKeys.List(ctx))
	if err != nil {
		t.Fatal(err)
	}
	seen := false
	for _, l := range listed {
		if l.Key != "" {
			t.Fatalf("List carries a secret for key %s", l.ID)
		}
		seen = seen || l.ID == k.ID
	}
	if !seen {
		t.Fatalf("List does not show key %s", k.ID)
	}
	got, err := c.APIKeys.Get(ctx, k.ID)
	if err != nil || got.ID != k.ID || got.Name != "reader" || got.Key != "" {
		t.Fatalf("Get = %v, %v", got, err)
	}

	// A sandboxes:read key lists sandboxes but cannot create one.
	reader := env.withKey(t, k.Key)
	if _, err := runtools.Collect(reader.Sandboxes.List(ctx, runtools.SandboxListParams{})); err != nil {
		t.Fatalf("listing with sandboxes:read: %v", err)
	}
	_, err = reader.Sandboxes.Create(ctx, runtools.SandboxCreateParams{Name: "nope"})
	wantAPIError(t, err, runtools.ErrForbidden, "insufficient_scope")

	// Rotating: the old secret stops working, the new one works with the same scopes.
	rotated, err := c.APIKeys.Rotate(ctx, k.ID)
	if err != nil {
		t.Fatal(err)
	}
	if rotated.ID == k.ID || rotated.Key == "" || rotated.Key == k.Key || rotated.Name != "reader" ||
		len(rotated.Scopes) != 1 || rotated.Scopes[0] != runtools.ScopeSandboxesRead {
		t.Fatalf("Rotate = %s", rotated)
	}
	_, err = reader.Me(ctx)
	wantAPIError(t, err, runtools.ErrUnauthorized, "invalid_token")
	fresh := env.withKey(t, rotated.Key)
	if _, err := fresh.Me(ctx); err != nil {
		t.Fatalf("rotated key: %v", err)
	}
	old, err := c.APIKeys.Get(ctx, k.ID)
	if err != nil || old.Status != "revoked" || old.RevokedAt == nil {
		t.Fatalf("rotated-away key = %v, %v", old, err)
	}

	revoked, err := c.APIKeys.Revoke(ctx, rotated.ID)
	if err != nil {
		t.Fatal(err)
	}
	if revoked.Status != "revoked" || revoked.RevokedAt == nil {
		t.Fatalf("Revoke = %s", revoked)
	}
	_, err = fresh.Sandboxes.ListPage(ctx, runtools.SandboxListParams{})
	wantAPIError(t, err, runtools.ErrUnauthorized, "invalid_token")
}

func TestIntegrationProjectsAndSandboxes(t *testing.T) {
	env := newIntegrationEnv(t)
	ctx := integrationCtx(t)
	_, c := newTestOrg(t, env, "proj")

	p, err := c.Projects.Create(ctx, runtools.ProjectCreateParams{Name: "Backend", Slug: "backend"})
	if err != nil {
		t.Fatal(err)
	}
	if p.ID == "" || p.Slug != "backend" || p.IsDefault {
		t.Fatalf("Projects.Create = %+v", p)
	}
	projects, err := runtools.Collect(c.Projects.List(ctx))
	if err != nil {
		t.Fatal(err)
	}
	if len(projects) != 2 || projects[0].Slug != "default" || projects[1].ID != p.ID {
		t.Fatalf("Projects.List = %+v", projects)
	}
	if got, err := c.Projects.Get(ctx, "backend"); err != nil || got.ID != p.ID {
		t.Fatalf("Projects.Get(slug) = %+v, %v", got, err)
	}

	sb, err := c.Sandboxes.Create(ctx, runtools.SandboxCreateParams{Template: "nodejs-20", Name: "api-box", Project: "backend", Tags: []string{"ci"}})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(sb.ID, "sandbox-") || sb.ProjectID != p.ID || sb.Status != "creating" || sb.Name != "api-box" || sb.Template != "nodejs-20" {
		t.Fatalf("Sandboxes.Create = %+v", sb)
	}
	other, err := c.Sandboxes.Create(ctx, runtools.SandboxCreateParams{Template: "nodejs-20", Name: "default-box"})
	if err != nil {
		t.Fatal(err)
	}
	if other.ProjectID == p.ID {
		t.Fatalf("sandbox without a project landed in %s", p.ID)
	}

	inProject, err := runtools.Collect(c.Sandboxes.List(ctx, runtools.SandboxListParams{Project: "backend"}))
	if err != nil {
		t.Fatal(err)
	}
	if len(inProject) != 1 || inProject[0].ID != sb.ID {
		t.Fatalf("Sandboxes.List(project backend) = %+v", inProject)
	}
	everything, err := runtools.Collect(c.Sandboxes.List(ctx, runtools.SandboxListParams{}))
	if err != nil || len(everything) != 2 {
		t.Fatalf("Sandboxes.List() = %+v, %v", everything, err)
	}
	for _, ref := range []string{sb.ID, "api-box"} {
		if got, err := c.Sandboxes.Get(ctx, ref); err != nil || got.ID != sb.ID {
			t.Fatalf("Sandboxes.Get(%q) = %+v, %v", ref, got, err)
		}
	}

	for _, id := range []string{sb.ID, other.ID} {
		if err := c.Sandboxes.Delete(ctx, id); err != nil {
			t.Fatal(err)
		}
	}
	_, err = c.Sandboxes.Get(ctx, sb.ID)
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")

	if err := c.Projects.Delete(ctx, "backend"); err != nil {
		t.Fatal(err)
	}
	_, err = c.Projects.Get(ctx, p.ID)
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")
}

func TestIntegrationSwitchOrganizations(t *testing.T) {
	env := newIntegrationEnv(t)
	ctx := integrationCtx(t)
	a, _ := newTestOrg(t, env, "orga")
	b, _ := newTestOrg(t, env, "orgb")

	c, err := env.owner.With()
	if err != nil {
		t.Fatal(err)
	}
	c.SetOrganization(b.Slug)
	if got, err := c.Organizations.Get(ctx, ""); err != nil || got.ID != b.ID {
		t.Fatalf("after SetOrganization(b) Get = %+v, %v", got, err)
	}
	if _, err := c.Projects.Create(ctx, runtools.ProjectCreateParams{Name: "Only B", Slug: "only-b"}); err != nil {
		t.Fatal(err)
	}

	inA, err := c.With(runtools.WithOrganization(a.ID))
	if err != nil {
		t.Fatal(err)
	}
	if got, err := inA.Organizations.Get(ctx, ""); err != nil || got.ID != a.ID {
		t.Fatalf("With(a) Get = %+v, %v", got, err)
	}
	_, err = inA.Projects.Get(ctx, "only-b")
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")
	// With left the original client in b.
	if c.Organization() != b.Slug {
		t.Fatalf("With changed the original client's organization to %q", c.Organization())
	}
	if p, err := c.Projects.Get(ctx, "only-b"); err != nil || p.Slug != "only-b" {
		t.Fatalf("project in b = %+v, %v", p, err)
	}

	c.SetOrganization(a.Slug)
	_, err = c.Projects.Get(ctx, "only-b")
	wantAPIError(t, err, runtools.ErrNotFound, "not_found")
}
