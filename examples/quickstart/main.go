// Command quickstart walks the RunTools organizations guide from top to bottom with the Go
// SDK, printing one line per step.
//
//	go run ./examples/quickstart
//
// With RUNTOOLS_API_KEY set it talks to RUNTOOLS_API_URL (default https://api.runtools.ai)
// and creates, then deletes, an organization of its own. Without it, it starts the embedded
// reference server (runtoolstest) and says so. It exits non-zero on the first unexpected
// error.
package main

import (
	"context"
	"crypto/rand"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/runtools-ai/runtools-go"
	"github.com/runtools-ai/runtools-go/runtoolstest"
)

func main() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := run(ctx, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "quickstart:", err)
		os.Exit(1)
	}
}

// walkthrough carries what the steps share.
type walkthrough struct {
	out  io.Writer
	rt   *runtools.Client
	srv  *runtoolstest.Server // nil against the real API
	slug string
	org  *runtools.Organization
}

func run(ctx context.Context, out io.Writer) error {
	w := &walkthrough{out: out, slug: "acme-corp"}
	if os.Getenv("RUNTOOLS_API_KEY") == "" {
		srv, err := runtoolstest.Start()
		if err != nil {
			return err
		}
		defer srv.Close()
		w.srv, w.rt = srv, srv.Client()
		w.say("No RUNTOOLS_API_KEY set: running against the embedded RunTools reference server at %s", srv.URL)
	} else {
		rt, err := runtools.NewClient()
		if err != nil {
			return err
		}
		w.rt = rt
		w.slug += "-" + strings.ToLower(rand.Text()[:6]) // our own organization, not a clash
		w.say("Using the RunTools API at %s", rt.BaseURL())
	}
	steps := []func(context.Context) error{
		w.createAndSwitch, w.invite, w.members, w.ownership, w.settings, w.apiKeys,
		w.projectsAndSandboxes, w.sso, w.auditLogs, w.switching, w.deleteOrganization,
	}
	for _, step := range steps {
		if err := step(ctx); err != nil {
			return err
		}
	}
	w.say("Done.")
	return nil
}

func (w *walkthrough) say(format string, args ...any) {
	fmt.Fprintf(w.out, format+"\n", args...)
}

func (w *walkthrough) createAndSwitch(ctx context.Context) error {
	org, err := w.rt.Organizations.Create(ctx, runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: w.slug})
	if err != nil {
		return fmt.Errorf("create organization: %w", err)
	}
	w.org = org
	w.say("Created organization %q (%s) on the %s plan; you are its %s", org.Name, org.Slug, org.Plan, org.Role)
	w.rt.SetOrganization(org.Slug)
	w.say("Switched the client to %s", w.rt.Organization())
	return nil
}

func (w *walkthrough) invite(ctx context.Context) error {
	inv, err := w.rt.Organizations.Invite(ctx, runtools.InviteParams{Email: "dev@acme.com", Role: runtools.RoleDeveloper})
	if err != nil {
		return fmt.Errorf("invite: %w", err)
	}
	w.say("Invited %s as %s (%s, expires %s)", inv.Email, inv.Role, inv.Status, inv.ExpiresAt.Format(time.DateOnly))
	many, err := w.rt.Organizations.InviteMany(ctx, []runtools.InviteParams{
		{Email: "alice@acme.com", Role: runtools.RoleDeveloper},
		{Email: "bob@acme.com", Role: runtools.RoleAdmin},
	})
	if err != nil {
		return fmt.Errorf("invite many: %w", err)
	}
	w.say("Invited %d more in one batch", len(many))
	pending, err := runtools.Collect(w.rt.Organizations.Invites(ctx))
	if err != nil {
		return fmt.Errorf("list invites: %w", err)
	}
	w.say("Pending invites: %s", join(pending, func(i *runtools.Invite) string { return i.Email }))
	return nil
}

// members changes a role and removes a member. Invites are accepted by people, not by the
// SDK: on the embedded server two invitees are seeded as having joined.
func (w *walkthrough) members(ctx context.Context) error {
	if w.srv == nil {
		w.say("Skipping role changes: the invitees have not joined yet")
		return nil
	}
	alice, err := w.join("alice@acme.com", "Alice", "developer")
	if err != nil {
		return err
	}
	if _, err := w.join("bob@acme.com", "Bob", "admin"); err != nil {
		return err
	}
	members, err := runtools.Collect(w.rt.Organizations.Members(ctx))
	if err != nil {
		return fmt.Errorf("list members: %w", err)
	}
	w.say("Members: %s", join(members, func(m *runtools.Member) string { return m.Email + " (" + string(m.Role) + ")" }))
	m, err := w.rt.Organizations.UpdateMember(ctx, alice.ID, runtools.MemberUpdateParams{Role: runtools.RoleAdmin})
	if err != nil {
		return fmt.Errorf("update member: %w", err)
	}
	w.say("Changed %s's role to %s", m.Email, m.Role)
	if err := w.rt.Organizations.RemoveMember(ctx, alice.ID); err != nil {
		return fmt.Errorf("remove member: %w", err)
	}
	w.say("Removed %s", alice.Email)
	return nil
}

func (w *walkthrough) join(email, name, role string) (runtoolstest.User, error) {
	u, err := w.srv.AddUser(email, name, "Example")
	if err == nil {
		err = w.srv.AddMember(w.org.ID, u.ID, role)
	}
	if err != nil {
		return u, fmt.Errorf("seeding %s: %w", email, err)
	}
	return u, nil
}

// ownership hands the organization to Bob and, so that the walkthrough can still delete it
// at the end, has Bob hand it back.
func (w *walkthrough) ownership(ctx context.Context) error {
	if w.srv == nil {
		w.say("Skipping ownership transfer: it needs a second member")
		return nil
	}
	me, err := w.rt.Me(ctx)
	if err != nil {
		return fmt.Errorf("me: %w", err)
	}
	bob := w.memberByEmail(ctx, "bob@acme.com")
	if bob == nil {
		return fmt.Errorf("bob@acme.com is not a member")
	}
	org, err := w.rt.Organizations.TransferOwnership(ctx, bob.UserID)
	if err != nil {
		return fmt.Errorf("transfer ownership: %w", err)
	}
	w.say("Transferred ownership of %s to %s; you are now %s", org.Slug, bob.Email, w.myRole(ctx))
	key, err := w.srv.IssueKey(bob.UserID, w.org.ID)
	if err != nil {
		return fmt.Errorf("seeding a key for bob: %w", err)
	}
	asBob := w.srv.ClientWithKey(key, runtools.WithOrganization(w.slug))
	if _, err := asBob.Organizations.TransferOwnership(ctx, me.ID); err != nil {
		return fmt.Errorf("transfer ownership back: %w", err)
	}
	w.say("%s handed ownership back; you are %s again", bob.Email, w.myRole(ctx))
	return nil
}

func (w *walkthrough) memberByEmail(ctx context.Context, email string) *runtools.Member {
	for m, err := range w.rt.Organizations.Members(ctx) {
		if err == nil && m.Email == email {
			return m
		}
	}
	return nil
}

func (w *walkthrough) myRole(ctx context.Context) runtools.Role {
	org, err := w.rt.Organizations.Get(ctx, "")
	if err != nil {
		return "unknown"
	}
	return org.Role
}

func (w *walkthrough) settings(ctx context.Context) error {
	s, err := w.rt.Organizations.Settings(ctx)
	if err != nil {
		return fmt.Errorf("settings: %w", err)
	}
	w.say("Settings: name %q, public sandboxes %t, MFA required %t", s.Name, s.AllowPublicSandboxes, s.RequireMFA)
	s, err = w.rt.Organizations.UpdateSettings(ctx, runtools.SettingsUpdateParams{
		Name:                 new("Acme Corporation"),
		DefaultTemplate:      new("nodejs-20"),
		AllowPublicSandboxes: new(false),
		RequireMFA:           new(true),
	})
	if err != nil {
		return fmt.Errorf("update settings: %w", err)
	}
	w.say("Updated settings: name %q, default template %s, public sandboxes %t, MFA required %t",
		s.Name, s.DefaultTemplate, s.AllowPublicSandboxes, s.RequireMFA)
	return nil
}

func (w *walkthrough) apiKeys(ctx context.Context) error {
	key, err := w.rt.APIKeys.Create(ctx, runtools.APIKeyCreateParams{
		Name:      "Production",
		Scopes:    []runtools.Scope{runtools.ScopeSandboxes, runtools.ScopeAgents, runtools.ScopeTools},
		ExpiresIn: "90d",
	})
	if err != nil {
		return fmt.Errorf("create API key: %w", err)
	}
	secret := key.Key // only shown once: store it in your secret manager now
	w.say("Created API key %q with scopes %v: %s… (the secret is shown only once; %d characters)",
		key.Name, key.Scopes, key.KeyPrefix, len(secret))
	keys, err := runtools.Collect(w.rt.APIKeys.List(ctx))
	if err != nil {
		return fmt.Errorf("list API keys: %w", err)
	}
	w.say("API keys: %s", join(keys, func(k *runtools.APIKey) string { return k.Name + " (" + k.Status + ")" }))
	rotated, err := w.rt.APIKeys.Rotate(ctx, key.ID)
	if err != nil {
		return fmt.Errorf("rotate API key: %w", err)
	}
	w.say("Rotated %q: new key %s…, the old one is revoked", rotated.Name, rotated.KeyPrefix)
	revoked, err := w.rt.APIKeys.Revoke(ctx, rotated.ID)
	if err != nil {
		return fmt.Errorf("revoke API key: %w", err)
	}
	w.say("Revoked %s… (%s)", revoked.KeyPrefix, revoked.Status)
	return nil
}

func (w *walkthrough) projectsAndSandboxes(ctx context.Context) error {
	p, err := w.rt.Projects.Create(ctx, runtools.ProjectCreateParams{Name: "Customer Portal", Slug: "customer-portal"})
	if err != nil {
		return fmt.Errorf("create project: %w", err)
	}
	w.say("Created project %q (%s)", p.Name, p.Slug)
	sb, err := w.rt.Sandboxes.Create(ctx, runtools.SandboxCreateParams{Template: "nodejs-20", Project: p.Slug})
	if err != nil {
		return fmt.Errorf("create sandbox: %w", err)
	}
	w.say("Created a %s sandbox in %s (%s)", sb.Template, p.Slug, sb.Status)
	sandboxes, err := runtools.Collect(w.rt.Sandboxes.List(ctx, runtools.SandboxListParams{Project: p.Slug}))
	if err != nil {
		return fmt.Errorf("list sandboxes: %w", err)
	}
	w.say("Sandboxes in %s: %d", p.Slug, len(sandboxes))
	return nil
}

func (w *walkthrough) sso(ctx context.Context) error {
	saml, err := w.rt.Organizations.ConfigureSSO(ctx, runtools.SAMLConfig{
		EntryPoint: "https://idp.acme.com/sso/saml",
		Issuer:     "https://runtools.ai",
		Cert:       idpCertificate(),
	})
	if err != nil {
		return fmt.Errorf("configure SAML: %w", err)
	}
	w.say("Configured %s SSO via %s (certificate %s…)", saml.Provider, saml.EntryPoint, saml.CertFingerprint[:16])
	secret := os.Getenv("OIDC_SECRET")
	if secret == "" {
		secret = rand.Text()
	}
	oidc, err := w.rt.Organizations.ConfigureSSO(ctx, runtools.OIDCConfig{
		IssuerURL: "https://auth.acme.com", ClientID: "runtools", ClientSecret: secret,
	})
	if err != nil {
		return fmt.Errorf("configure OIDC: %w", err)
	}
	w.say("Switched to %s SSO via %s (client %s)", oidc.Provider, oidc.IssuerURL, oidc.ClientID)
	return nil
}

func (w *walkthrough) auditLogs(ctx context.Context) error {
	events, err := runtools.Collect(w.rt.Organizations.AuditLogs(ctx, runtools.AuditLogParams{}))
	if err != nil {
		return fmt.Errorf("audit logs: %w", err)
	}
	w.say("Audit log: %d events, the latest %q", len(events), events[len(events)-1].Action)
	return nil
}

func (w *walkthrough) switching(ctx context.Context) error {
	orgs, err := runtools.Collect(w.rt.Organizations.List(ctx))
	if err != nil {
		return fmt.Errorf("list organizations: %w", err)
	}
	w.say("Your organizations: %s", join(orgs, func(o *runtools.Organization) string { return o.Slug }))
	other := orgs[0].Slug
	w.rt.SetOrganization(other)
	w.say("Switched the client to %s", w.rt.Organization())
	w.rt.SetOrganization(w.slug)

	acme, err := w.rt.With(runtools.WithOrganization(w.slug))
	if err != nil {
		return err
	}
	got, err := acme.Organizations.Get(ctx, "")
	if err != nil {
		return fmt.Errorf("per-organization client: %w", err)
	}
	w.say("A client for %s alone sees %q", acme.Organization(), got.Name)
	return nil
}

func (w *walkthrough) deleteOrganization(ctx context.Context) error {
	if err := w.rt.Organizations.Delete(ctx, runtools.OrganizationDeleteParams{Confirm: w.slug}); err != nil {
		return fmt.Errorf("delete organization: %w", err)
	}
	w.say("Deleted organization %s and everything in it", w.slug)
	w.rt.SetOrganization("")
	return nil
}

// idpCertificate is the PEM certificate of your identity provider: IDP_CERT_FILE names a
// file holding it; without it a self-signed stand-in is made.
func idpCertificate() string {
	if file := os.Getenv("IDP_CERT_FILE"); file != "" {
		if pemText, err := os.ReadFile(file); err == nil {
			return string(pemText)
		}
	}
	return runtoolstest.CertificatePEM()
}

func join[T any](items []T, name func(T) string) string {
	names := make([]string, len(items))
	for i, it := range items {
		names[i] = name(it)
	}
	return strings.Join(names, ", ")
}
