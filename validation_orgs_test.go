package runtools_test

import (
	"context"
	"encoding/base64"
	"encoding/pem"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

// email254 is a valid address of exactly 254 characters, the longest the contract allows.
var email254 = strings.Repeat("a", 63) + "@" + strings.Repeat("b", 61) + "." + strings.Repeat("c", 61) + "." +
	strings.Repeat("d", 62) + ".com"

// TestOrganizationsValidation: every local rule of the organization and SSO calls refuses
// with a *ValidationError naming the wire field, and sends nothing.
func TestOrganizationsValidation(t *testing.T) {
	ctx := context.Background()
	type call = func(*runtools.Client) error

	deleteOrg := func(active, confirm string) call {
		return func(c *runtools.Client) error {
			c.SetOrganization(active)
			return c.Organizations.Delete(ctx, runtools.OrganizationDeleteParams{Confirm: confirm})
		}
	}
	invite := func(email string, role runtools.Role) call {
		return func(c *runtools.Client) error {
			_, err := c.Organizations.Invite(ctx, runtools.InviteParams{Email: email, Role: role})
			return err
		}
	}
	inviteMany := func(invites []runtools.InviteParams) call {
		return func(c *runtools.Client) error { _, err := c.Organizations.InviteMany(ctx, invites); return err }
	}
	dev := func(email string) runtools.InviteParams {
		return runtools.InviteParams{Email: email, Role: runtools.RoleDeveloper}
	}
	many := func(n int) []runtools.InviteParams {
		out := make([]runtools.InviteParams, n)
		for i := range out {
			out[i] = dev("dev" + strconv.Itoa(i) + "@acme.com")
		}
		return out
	}
	updateMember := func(userID string, role runtools.Role) call {
		return func(c *runtools.Client) error {
			_, err := c.Organizations.UpdateMember(ctx, userID, runtools.MemberUpdateParams{Role: role})
			return err
		}
	}
	updateSettings := func(p runtools.SettingsUpdateParams) call {
		return func(c *runtools.Client) error { _, err := c.Organizations.UpdateSettings(ctx, p); return err }
	}
	jan2 := time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC)
	auditPage := func(p runtools.AuditLogParams) call {
		return func(c *runtools.Client) error { _, err := c.Organizations.AuditLogsPage(ctx, p); return err }
	}
	auditSeq := func(p runtools.AuditLogParams) call {
		return func(c *runtools.Client) error {
			_, err := runtools.Collect(c.Organizations.AuditLogs(ctx, p))
			return err
		}
	}
	configure := func(cfg runtools.SSOConfig) call {
		return func(c *runtools.Client) error { _, err := c.Organizations.ConfigureSSO(ctx, cfg); return err }
	}
	saml := func(edit func(*runtools.SAMLConfig)) call {
		cfg := samlConfig()
		edit(&cfg)
		return configure(cfg)
	}
	oidc := func(edit func(*runtools.OIDCConfig)) call {
		cfg := oidcConfig()
		edit(&cfg)
		return configure(cfg)
	}
	pemOf := func(typ string, der []byte) string {
		return string(pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}))
	}
	certDER, _ := pem.Decode([]byte(samlCert))

	cases := []struct {
		name  string
		call  call
		field string
	}{
		// Delete
		{"delete without confirm", deleteOrg("", ""), "confirm"},
		{"delete with blank confirm", deleteOrg("", "  "), "confirm"},
		{"delete confirm other than the active slug", deleteOrg("acme-corp", "other-org"), "confirm"},
		{"delete confirm differs in case", deleteOrg("acme-corp", "Acme-Corp"), "confirm"},
		{"delete confirm with a trailing space", deleteOrg("acme-corp", "acme-corp "), "confirm"},
		{"delete confirm is the active id", deleteOrg("acme-corp", orgID), "confirm"},

		// Invite
		{"invite without email", invite("", runtools.RoleDeveloper), "email"},
		{"invite email with display name", invite("Dev <dev@acme.com>", runtools.RoleDeveloper), "email"},
		{"invite email without domain", invite("dev", runtools.RoleDeveloper), "email"},
		{"invite email with spaces", invite(" dev@acme.com ", runtools.RoleDeveloper), "email"},
		{"invite email over 254 characters", invite("a"+email254, runtools.RoleDeveloper), "email"},
		{"invite without role", invite("dev@acme.com", ""), "role"},
		{"invite with blank role", invite("dev@acme.com", " "), "role"},
		{"invite as owner", invite("dev@acme.com", runtools.RoleOwner), "role"},

		// InviteMany
		{"invite many nil", inviteMany(nil), "invites"},
		{"invite many empty", inviteMany([]runtools.InviteParams{}), "invites"},
		{"invite many 101", inviteMany(many(101)), "invites"},
		{"invite many bad email", inviteMany([]runtools.InviteParams{dev("a@acme.com"), dev("b@acme.com"), dev("not an email")}), "invites[2].email"},
		{"invite many missing role", inviteMany([]runtools.InviteParams{{Email: "a@acme.com"}}), "invites[0].role"},
		{"invite many owner", inviteMany([]runtools.InviteParams{dev("a@acme.com"), {Email: "b@acme.com", Role: runtools.RoleOwner}}), "invites[1].role"},
		{"invite many duplicate email", inviteMany([]runtools.InviteParams{dev("a@acme.com"), dev("b@acme.com"), dev("A@Acme.COM")}), "invites[2].email"},

		// RevokeInvite, members, ownership
		{"revoke invite empty id", func(c *runtools.Client) error { return c.Organizations.RevokeInvite(ctx, "") }, "inviteId"},
		{"revoke invite dot", func(c *runtools.Client) error { return c.Organizations.RevokeInvite(ctx, ".") }, "inviteId"},
		{"revoke invite dot dot", func(c *runtools.Client) error { return c.Organizations.RevokeInvite(ctx, "..") }, "inviteId"},
		{"update member empty id", updateMember("", runtools.RoleAdmin), "userId"},
		{"update member dot dot", updateMember("..", runtools.RoleAdmin), "userId"},
		{"update member without role", updateMember("user_1", ""), "role"},
		{"update member to owner", updateMember("user_1", runtools.RoleOwner), "role"},
		{"remove member empty id", func(c *runtools.Client) error { return c.Organizations.RemoveMember(ctx, "") }, "userId"},
		{"remove member dot", func(c *runtools.Client) error { return c.Organizations.RemoveMember(ctx, ".") }, "userId"},
		{"transfer ownership empty id", func(c *runtools.Client) error {
			_, err := c.Organizations.TransferOwnership(ctx, "")
			return err
		}, "userId"},
		{"transfer ownership dot dot", func(c *runtools.Client) error {
			_, err := c.Organizations.TransferOwnership(ctx, "..")
			return err
		}, "userId"},

		// Settings
		{"update settings with nothing set", updateSettings(runtools.SettingsUpdateParams{}), "settings"},
		{"update settings empty name", updateSettings(runtools.SettingsUpdateParams{Name: new("")}), "name"},
		{"update settings blank name", updateSettings(runtools.SettingsUpdateParams{Name: new("   "), RequireMFA: new(true)}), "name"},
		{"update settings name over 100 characters", updateSettings(runtools.SettingsUpdateParams{Name: new(strings.Repeat("n", 101))}), "name"},
		{"update settings name with control character", updateSettings(runtools.SettingsUpdateParams{Name: new("Acme\nCorp")}), "name"},

		// Audit logs
		{"audit page until before since", auditPage(runtools.AuditLogParams{Since: jan2, Until: jan2.Add(-time.Nanosecond)}), "until"},
		{"audit list until before since", auditSeq(runtools.AuditLogParams{Since: jan2, Until: jan2.Add(-time.Hour)}), "until"},

		// SSO
		{"sso nil config", configure(nil), "provider"},
		{"sso nil SAML pointer", configure((*runtools.SAMLConfig)(nil)), "provider"},
		{"sso nil OIDC pointer", configure((*runtools.OIDCConfig)(nil)), "provider"},
		{"saml without entry point", saml(func(c *runtools.SAMLConfig) { c.EntryPoint = "" }), "entryPoint"},
		{"saml http entry point", saml(func(c *runtools.SAMLConfig) { c.EntryPoint = "http://idp.acme.com/sso/saml" }), "entryPoint"},
		{"saml relative entry point", saml(func(c *runtools.SAMLConfig) { c.EntryPoint = "idp.acme.com/sso/saml" }), "entryPoint"},
		{"saml entry point without host", saml(func(c *runtools.SAMLConfig) { c.EntryPoint = "https:///sso" }), "entryPoint"},
		{"saml without issuer", saml(func(c *runtools.SAMLConfig) { c.Issuer = "" }), "issuer"},
		{"saml without cert", saml(func(c *runtools.SAMLConfig) { c.Cert = "" }), "cert"},
		{"saml cert not PEM", saml(func(c *runtools.SAMLConfig) { c.Cert = "-----BEGIN CERTIFICATE-----..." }), "cert"},
		{"saml cert as bare base64", saml(func(c *runtools.SAMLConfig) { c.Cert = base64.StdEncoding.EncodeToString(certDER.Bytes) }), "cert"},
		{"saml PEM of another type", saml(func(c *runtools.SAMLConfig) { c.Cert = pemOf("PUBLIC KEY", certDER.Bytes) }), "cert"},
		{"saml PEM that is no certificate", saml(func(c *runtools.SAMLConfig) { c.Cert = pemOf("CERTIFICATE", []byte("not DER")) }), "cert"},
		{"oidc without issuer URL", oidc(func(c *runtools.OIDCConfig) { c.IssuerURL = "" }), "issuerUrl"},
		{"oidc http issuer URL", oidc(func(c *runtools.OIDCConfig) { c.IssuerURL = "http://auth.acme.com" }), "issuerUrl"},
		{"oidc relative issuer URL", oidc(func(c *runtools.OIDCConfig) { c.IssuerURL = "auth.acme.com" }), "issuerUrl"},
		{"oidc without client id", oidc(func(c *runtools.OIDCConfig) { c.ClientID = "" }), "clientId"},
		{"oidc without client secret", oidc(func(c *runtools.OIDCConfig) { c.ClientSecret = "" }), "clientSecret"},
		{"oidc blank client secret", oidc(func(c *runtools.OIDCConfig) { c.ClientSecret = " \t" }), "clientSecret"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(200, `{"data":{}}`)
			requireLocalRejection(t, m, tc.call(m.client()), tc.field)
		})
	}
}

func TestOrganizationsInviteAcceptsA254CharacterEmail(t *testing.T) {
	require.Len(t, email254, 254)
	m := newMockAPI(t)
	m.reply(201, `{"data":`+inviteJSON+`}`)
	_, err := m.client().Organizations.Invite(context.Background(), runtools.InviteParams{Email: email254, Role: runtools.RoleViewer})
	require.NoError(t, err)
	assert.Contains(t, string(m.only().Body), email254)
}
