package runtools_test

import (
	"context"
	"errors"
	"fmt"
	"log"

	"github.com/runtools-ai/runtools-go"
	"github.com/runtools-ai/runtools-go/runtoolstest"
)

// startServer runs the in-process reference server that every example talks to, and a
// client for its owner (owner@example.com) with the organization "example" active. A real
// program builds its client with runtools.NewClient instead.
func startServer() (*runtoolstest.Server, *runtools.Client) {
	srv, err := runtoolstest.Start()
	if err != nil {
		log.Fatal(err)
	}
	rt := srv.Client()
	rt.SetOrganization("example")
	return srv, rt
}

// addMember seeds a user with a role in the organization "example" and returns the user's id.
func addMember(srv *runtoolstest.Server, email, first, last string, role runtools.Role) string {
	u, err := srv.AddUser(email, first, last)
	if err != nil {
		log.Fatal(err)
	}
	if err := srv.AddMember("example", u.ID, string(role)); err != nil {
		log.Fatal(err)
	}
	return u.ID
}

func ExampleNewClient() {
	// Without options, NewClient reads RUNTOOLS_API_KEY, RUNTOOLS_ORGANIZATION and
	// RUNTOOLS_API_URL from the environment; options win over the environment.
	rt, err := runtools.NewClient(
		runtools.WithAPIKey("rt_live_example"),
		runtools.WithOrganization("acme-corp"),
	)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rt.Organization())
	// Output: acme-corp
}

func ExampleClient_SetOrganization() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	org, err := rt.Organizations.Create(ctx, runtools.OrganizationCreateParams{
		Name: "Acme Corp",
		Slug: "acme-corp", // used in URLs
	})
	if err != nil {
		log.Fatal(err)
	}

	// Creating an organization does not switch to it.
	fmt.Println(rt.Organization())
	rt.SetOrganization(org.Slug)
	fmt.Println(rt.Organization())
	// Output:
	// example
	// acme-corp
}

func ExampleClient_With() {
	srv, rt := startServer()
	defer srv.Close()

	// A client for another organization; rt keeps its own, and the two share connections.
	other, err := rt.With(runtools.WithOrganization("other-org"))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(rt.Organization())
	fmt.Println(other.Organization())
	// Output:
	// example
	// other-org
}

func ExampleOrganizationsService_Create() {
	srv, rt := startServer()
	defer srv.Close()

	org, err := rt.Organizations.Create(context.Background(), runtools.OrganizationCreateParams{
		Name: "Acme Corp",
		Slug: "acme-corp",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(org.Name, org.Slug, org.Role)
	// Output: Acme Corp acme-corp owner
}

func ExampleOrganizationsService_Invite() {
	srv, rt := startServer()
	defer srv.Close()

	invite, err := rt.Organizations.Invite(context.Background(), runtools.InviteParams{
		Email: "dev@acme.com",
		Role:  runtools.RoleDeveloper,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(invite.Email, invite.Role, invite.Status)
	// Output: dev@acme.com developer pending
}

func ExampleOrganizationsService_InviteMany() {
	srv, rt := startServer()
	defer srv.Close()

	invites, err := rt.Organizations.InviteMany(context.Background(), []runtools.InviteParams{
		{Email: "dev1@acme.com", Role: runtools.RoleDeveloper},
		{Email: "lead@acme.com", Role: runtools.RoleAdmin},
	})
	if err != nil {
		log.Fatal(err)
	}
	for _, inv := range invites {
		fmt.Println(inv.Email, inv.Role)
	}
	// Output:
	// dev1@acme.com developer
	// lead@acme.com admin
}

func ExampleOrganizationsService_Invites() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rt.Organizations.Invite(ctx, runtools.InviteParams{Email: "dev@acme.com", Role: runtools.RoleDeveloper}); err != nil {
		log.Fatal(err)
	}

	// Invites fetches pages lazily as the loop goes.
	for inv, err := range rt.Organizations.Invites(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(inv.Email, inv.Role, inv.Status)
	}
	// Output: dev@acme.com developer pending
}

func ExampleOrganizationsService_Members() {
	srv, rt := startServer()
	defer srv.Close()
	addMember(srv, "dev@acme.com", "Dana", "Dev", runtools.RoleDeveloper)

	for m, err := range rt.Organizations.Members(context.Background()) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(m.Email, m.Role)
	}
	// Output:
	// owner@example.com owner
	// dev@acme.com developer
}

func ExampleOrganizationsService_UpdateMember() {
	srv, rt := startServer()
	defer srv.Close()
	userID := addMember(srv, "dev@acme.com", "Dana", "Dev", runtools.RoleDeveloper)

	m, err := rt.Organizations.UpdateMember(context.Background(), userID, runtools.MemberUpdateParams{
		Role: runtools.RoleAdmin,
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(m.Email, m.Role)
	// Output: dev@acme.com admin
}

func ExampleOrganizationsService_RemoveMember() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()
	userID := addMember(srv, "dev@acme.com", "Dana", "Dev", runtools.RoleDeveloper)

	if err := rt.Organizations.RemoveMember(ctx, userID); err != nil {
		log.Fatal(err)
	}
	members, err := runtools.Collect(rt.Organizations.Members(ctx))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(members), "member left")
	// Output: 1 member left
}

func ExampleOrganizationsService_TransferOwnership() {
	srv, rt := startServer()
	defer srv.Close()
	userID := addMember(srv, "lead@acme.com", "Lee", "Lead", runtools.RoleAdmin)

	// The new owner must be a member already; the caller becomes an admin.
	org, err := rt.Organizations.TransferOwnership(context.Background(), userID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(org.Slug, org.Role)
	// Output: example admin
}

func ExampleOrganizationsService_Settings() {
	srv, rt := startServer()
	defer srv.Close()

	settings, err := rt.Organizations.Settings(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(settings.Name)
	// Output: Example Org
}

func ExampleOrganizationsService_UpdateSettings() {
	srv, rt := startServer()
	defer srv.Close()

	// Only the fields set are changed; new(false) turns a setting off.
	settings, err := rt.Organizations.UpdateSettings(context.Background(), runtools.SettingsUpdateParams{
		Name:                 new("Acme Corporation"),
		DefaultTemplate:      new("nodejs-20"),
		AllowPublicSandboxes: new(false),
		RequireMFA:           new(true),
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%+v\n", *settings)
	// Output: {Name:Acme Corporation DefaultTemplate:nodejs-20 AllowPublicSandboxes:false RequireMFA:true}
}

func ExampleOrganizationsService_ConfigureSSO() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	// SAML, with the identity provider's signing certificate in PEM.
	conn, err := rt.Organizations.ConfigureSSO(ctx, runtools.SAMLConfig{
		EntryPoint: "https://idp.acme.com/sso/saml",
		Issuer:     "https://runtools.ai",
		Cert:       runtoolstest.CertificatePEM(), // your identity provider's certificate
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.Provider, conn.Status, conn.EntryPoint)

	// Or OIDC, which replaces the SAML connection.
	conn, err = rt.Organizations.ConfigureSSO(ctx, runtools.OIDCConfig{
		IssuerURL:    "https://auth.acme.com",
		ClientID:     "runtools",
		ClientSecret: "oidc-secret", // e.g. os.Getenv("OIDC_SECRET")
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(conn.Provider, conn.Status, conn.IssuerURL, conn.ClientID)
	// Output:
	// saml active https://idp.acme.com/sso/saml
	// oidc active https://auth.acme.com runtools
}

func ExampleOrganizationsService_List() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rt.Organizations.Create(ctx, runtools.OrganizationCreateParams{Name: "Other Org", Slug: "other-org"}); err != nil {
		log.Fatal(err)
	}
	for org, err := range rt.Organizations.List(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(org.Slug, org.Role)
	}
	rt.SetOrganization("other-org") // switch the active organization
	// Output:
	// example owner
	// other-org owner
}

func ExampleOrganizationsService_Delete() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rt.Organizations.Create(ctx, runtools.OrganizationCreateParams{Name: "Acme Corp", Slug: "acme-corp"}); err != nil {
		log.Fatal(err)
	}
	rt.SetOrganization("acme-corp")

	// Delete removes the active organization; Confirm must be its slug.
	if err := rt.Organizations.Delete(ctx, runtools.OrganizationDeleteParams{Confirm: "acme-corp"}); err != nil {
		log.Fatal(err)
	}
	orgs, err := runtools.Collect(rt.Organizations.List(ctx))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(orgs), "organization left:", orgs[0].Slug)
	// Output: 1 organization left: example
}

func ExampleAPIKeysService_Create() {
	srv, rt := startServer()
	defer srv.Close()

	key, err := rt.APIKeys.Create(context.Background(), runtools.APIKeyCreateParams{
		Name:      "Production",
		Scopes:    []runtools.Scope{runtools.ScopeSandboxes, runtools.ScopeAgents, runtools.ScopeTools},
		ExpiresIn: "90d",
	})
	if err != nil {
		log.Fatal(err)
	}
	secret := key.Key // rt_live_…: only returned now, so store it safely
	_ = secret
	fmt.Println(key.Name, key.Scopes, key.Status)
	// Output: Production [sandboxes agents tools] active
}

func ExampleAPIKeysService_List() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rt.APIKeys.Create(ctx, runtools.APIKeyCreateParams{Name: "CI", Scopes: []runtools.Scope{runtools.ScopeSandboxesRead}}); err != nil {
		log.Fatal(err)
	}
	for key, err := range rt.APIKeys.List(ctx) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(key.Name, key.Scopes, key.Status) // a listed key never holds its secret
	}
	// Output:
	// Owner key [*] active
	// CI [sandboxes:read] active
}

func ExampleAPIKeysService_Revoke() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	key, err := rt.APIKeys.Create(ctx, runtools.APIKeyCreateParams{Name: "Old"})
	if err != nil {
		log.Fatal(err)
	}
	revoked, err := rt.APIKeys.Revoke(ctx, key.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(revoked.Name, revoked.Status)
	// Output: Old revoked
}

func ExampleAPIKeysService_Rotate() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	old, err := rt.APIKeys.Create(ctx, runtools.APIKeyCreateParams{Name: "Production", Scopes: []runtools.Scope{runtools.ScopeSandboxes}})
	if err != nil {
		log.Fatal(err)
	}

	// Rotate issues a new key with the old one's settings and revokes the old one.
	newKey, err := rt.APIKeys.Rotate(ctx, old.ID)
	if err != nil {
		log.Fatal(err)
	}
	secret := newKey.Key // the new secret, only returned now
	_ = secret
	fmt.Println(newKey.Name, newKey.Scopes, newKey.Status)

	old, err = rt.APIKeys.Get(ctx, old.ID)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(old.Status)
	// Output:
	// Production [sandboxes] active
	// revoked
}

func ExampleProjectsService_Create() {
	srv, rt := startServer()
	defer srv.Close()

	project, err := rt.Projects.Create(context.Background(), runtools.ProjectCreateParams{
		Name: "Customer Portal",
		Slug: "customer-portal",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(project.Name, project.Slug, project.IsDefault)
	// Output: Customer Portal customer-portal false
}

func ExampleSandboxesService_Create() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rt.Projects.Create(ctx, runtools.ProjectCreateParams{Name: "Customer Portal", Slug: "customer-portal"}); err != nil {
		log.Fatal(err)
	}
	sandbox, err := rt.Sandboxes.Create(ctx, runtools.SandboxCreateParams{
		Template: "nodejs-20",
		Project:  "customer-portal",
	})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(sandbox.Template, sandbox.Status)
	// Output: nodejs-20 creating
}

func ExampleSandboxesService_List() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rt.Projects.Create(ctx, runtools.ProjectCreateParams{Name: "Customer Portal", Slug: "customer-portal"}); err != nil {
		log.Fatal(err)
	}
	for _, p := range []runtools.SandboxCreateParams{
		{Template: "nodejs-20", Name: "portal-web", Project: "customer-portal"},
		{Template: "python-3.12", Name: "scratch"}, // in the default project
	} {
		if _, err := rt.Sandboxes.Create(ctx, p); err != nil {
			log.Fatal(err)
		}
	}

	for sb, err := range rt.Sandboxes.List(ctx, runtools.SandboxListParams{Project: "customer-portal"}) {
		if err != nil {
			log.Fatal(err)
		}
		fmt.Println(sb.Name, sb.Template)
	}
	// Output: portal-web nodejs-20
}

func ExampleCollect() {
	srv, rt := startServer()
	defer srv.Close()
	ctx := context.Background()

	if _, err := rt.Organizations.InviteMany(ctx, []runtools.InviteParams{
		{Email: "dev1@acme.com", Role: runtools.RoleDeveloper},
		{Email: "dev2@acme.com", Role: runtools.RoleViewer},
	}); err != nil {
		log.Fatal(err)
	}

	// Collect reads every page of a list into a slice.
	invites, err := runtools.Collect(rt.Organizations.Invites(ctx))
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(len(invites), "pending invites")
	// Output: 2 pending invites
}

func ExampleAPIError() {
	srv, rt := startServer()
	defer srv.Close()

	_, err := rt.Projects.Get(context.Background(), "no-such-project")

	// errors.Is tells the kind of failure ...
	if errors.Is(err, runtools.ErrNotFound) {
		fmt.Println("not found")
	}
	// ... and errors.As gives the details.
	var apiErr *runtools.APIError
	if errors.As(err, &apiErr) {
		fmt.Println(apiErr.StatusCode, apiErr.Code)
	}

	// Input the SDK can tell is wrong is refused before anything is sent.
	_, err = rt.Organizations.Invite(context.Background(), runtools.InviteParams{Email: "not an email", Role: runtools.RoleDeveloper})
	var valErr *runtools.ValidationError
	if errors.As(err, &valErr) {
		fmt.Println(errors.Is(err, runtools.ErrValidation), valErr.Field)
	}
	// Output:
	// not found
	// 404 not_found
	// true email
}
