package runtools_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

// orgID is an organization id (a uuid) used as the active organization in tests.
const orgID = "0b6f1a4e-8c2d-4f7a-9e3b-5d1c2a7f9e80"

// orgMode is one way of naming (or not naming) the active organization.
type orgMode struct {
	name    string
	client  func(*mockAPI) *runtools.Client
	pathOrg string // the {org} path segment, escaped
	header  string // the RunTools-Organization header; "" means absent
}

var orgModes = []orgMode{
	{"SetOrganization", func(m *mockAPI) *runtools.Client {
		c := m.client()
		c.SetOrganization("acme-corp")
		return c
	}, "acme-corp", "acme-corp"},
	{"WithOrganization", func(m *mockAPI) *runtools.Client {
		return m.client(runtools.WithOrganization(orgID))
	}, orgID, orgID},
	{"none", func(m *mockAPI) *runtools.Client { return m.client() }, "current", ""},
}

// wireCase is one call of an organization-level method: what it sends and what it decodes.
type wireCase struct {
	name   string
	status int
	reply  string
	call   func(context.Context, *runtools.Client) (any, error)
	method string
	path   string // after /v1/organizations/{org}, escaped
	query  string
	golden string // testdata/<golden>.json holds the body; "" means no body
	want   any    // the decoded result; nil for calls that return only an error
}

// runWireCases runs every case under every orgMode: the path's {org}, the header and
// everything else must follow the active organization.
func runWireCases(t *testing.T, cases []wireCase) {
	for _, tc := range cases {
		for _, mode := range orgModes {
			t.Run(tc.name+"/"+mode.name, func(t *testing.T) {
				m := newMockAPI(t)
				m.reply(tc.status, tc.reply, "X-Request-Id", "req_h")
				got, err := tc.call(context.Background(), mode.client(m))
				require.NoError(t, err)
				assert.Equal(t, tc.want, got)

				r := m.only()
				assert.Equal(t, tc.method, r.Method)
				assert.Equal(t, "/v1/organizations/"+mode.pathOrg+tc.path, r.Path)
				assert.Equal(t, tc.query, r.RawQuery)
				if mode.header == "" {
					assert.Empty(t, r.Header.Values("RunTools-Organization"))
				} else {
					assert.Equal(t, []string{mode.header}, r.Header.Values("RunTools-Organization"))
				}
				assert.Equal(t, tc.method == http.MethodPost, r.Header.Get("Idempotency-Key") != "",
					"only a POST carries an Idempotency-Key")
				if tc.golden == "" {
					assert.Empty(t, r.Body)
				} else {
					assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
					assertGolden(t, tc.golden, r.Body)
				}
			})
		}
	}
}

// Responses as documented, each with fields the SDK does not know, which it must ignore.
const (
	inviteJSON = `{"id":"inv_1","email":"dev@acme.com","role":"developer","status":"pending","invitedBy":"user_0",` +
		`"createdAt":"2026-01-02T03:04:05Z","expiresAt":"2026-01-09T03:04:05Z","inviteUrl":"https://x","extra":{"a":[1]}}`
	invite2JSON = `{"id":"inv_2","email":"lead@acme.com","role":"admin","status":"pending","invitedBy":"user_0",` +
		`"createdAt":"2026-01-02T03:04:05Z","expiresAt":"2026-01-09T03:04:05Z"}`
	memberJSON = `{"id":"mem_1","userId":"user 1/2","email":"dev@acme.com","firstName":"Dev","lastName":"Eloper",` +
		`"role":"admin","status":"active","joinedAt":"2026-01-03T00:00:00Z","orgRole":"admin","avatar":null}`
	member2JSON = `{"id":"mem_2","userId":"user_2","email":"ops@acme.com","firstName":"Op","lastName":"S",` +
		`"role":"viewer","status":"active","joinedAt":"2026-01-04T00:00:00Z"}`
	settingsJSON = `{"data":{"name":"Acme Corporation","defaultTemplate":"nodejs-20","allowPublicSandboxes":false,` +
		`"requireMfa":true,"billingEmail":"x@acme.com"},"meta":{"requestId":"req_s"}}`
	auditJSON = `{"id":"evt_1","action":"member.invited","actorUserId":"user_0","actorKeyId":"key_1","targetId":"inv_1",` +
		`"createdAt":"2026-01-02T03:04:05Z","metadata":{"email":"dev@acme.com","role":"developer"},"ip":"10.0.0.1"}`
	audit2JSON = `{"id":"evt_2","action":"settings.updated","actorUserId":"user_0","actorKeyId":null,"targetId":"org_1",` +
		`"createdAt":"2026-01-02T04:00:00Z","metadata":{"fields":"requireMfa"}}`
)

func deletedJSON(id string) string {
	return `{"data":{"id":` + quoteJSON(id) + `,"deleted":true},"meta":{"requestId":"req_d"}}`
}

func quoteJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

func wantInvite(t *testing.T) runtools.Invite {
	return runtools.Invite{ID: "inv_1", Email: "dev@acme.com", Role: runtools.RoleDeveloper, Status: "pending",
		InvitedBy: "user_0", CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"), ExpiresAt: atUTC(t, "2026-01-09T03:04:05Z")}
}

func wantInvite2(t *testing.T) runtools.Invite {
	return runtools.Invite{ID: "inv_2", Email: "lead@acme.com", Role: runtools.RoleAdmin, Status: "pending",
		InvitedBy: "user_0", CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"), ExpiresAt: atUTC(t, "2026-01-09T03:04:05Z")}
}

func wantMember(t *testing.T) runtools.Member {
	return runtools.Member{ID: "mem_1", UserID: "user 1/2", Email: "dev@acme.com", FirstName: "Dev", LastName: "Eloper",
		Role: runtools.RoleAdmin, Status: "active", JoinedAt: atUTC(t, "2026-01-03T00:00:00Z")}
}

func wantMember2(t *testing.T) runtools.Member {
	return runtools.Member{ID: "mem_2", UserID: "user_2", Email: "ops@acme.com", FirstName: "Op", LastName: "S",
		Role: runtools.RoleViewer, Status: "active", JoinedAt: atUTC(t, "2026-01-04T00:00:00Z")}
}

func wantAudit(t *testing.T) runtools.AuditEvent {
	return runtools.AuditEvent{ID: "evt_1", Action: "member.invited", ActorUserID: "user_0", ActorKeyID: new("key_1"),
		TargetID: "inv_1", CreatedAt: atUTC(t, "2026-01-02T03:04:05Z"),
		Metadata: map[string]string{"email": "dev@acme.com", "role": "developer"}}
}

func wantAudit2(t *testing.T) runtools.AuditEvent {
	return runtools.AuditEvent{ID: "evt_2", Action: "settings.updated", ActorUserID: "user_0",
		TargetID: "org_1", CreatedAt: atUTC(t, "2026-01-02T04:00:00Z"), Metadata: map[string]string{"fields": "requireMfa"}}
}

func TestOrganizationsWire(t *testing.T) {
	runWireCases(t, []wireCase{
		{
			name: "Delete", status: 200, reply: deletedJSON(orgID),
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return nil, c.Organizations.Delete(ctx, runtools.OrganizationDeleteParams{Confirm: "acme-corp"})
			},
			method: http.MethodDelete, path: "", query: "confirm=acme-corp",
		},
		{
			name: "Invite", status: 201, reply: `{"data":` + inviteJSON + `,"meta":{"requestId":"req_i"}}`,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.Invite(ctx, runtools.InviteParams{Email: "dev@acme.com", Role: runtools.RoleDeveloper})
			},
			method: http.MethodPost, path: "/invites", golden: "org_invite", want: new(wantInvite(t)),
		},
		{
			name: "InviteMany", status: 201, reply: `{"data":[` + inviteJSON + `,` + invite2JSON + `],"meta":{"requestId":"req_b"}}`,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.InviteMany(ctx, []runtools.InviteParams{
					{Email: "dev@acme.com", Role: runtools.RoleDeveloper},
					{Email: "lead@acme.com", Role: runtools.RoleAdmin},
				})
			},
			method: http.MethodPost, path: "/invites/batch", golden: "org_invite_many",
			want: []*runtools.Invite{new(wantInvite(t)), new(wantInvite2(t))},
		},
		{
			name: "InvitesPage", status: 200,
			reply: `{"data":[` + inviteJSON + `,` + invite2JSON + `],"meta":{"requestId":"req_il","hasMore":true,"nextCursor":"c2"}}`,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.InvitesPage(ctx, runtools.WithPageSize(2), runtools.WithCursor("c1"))
			},
			method: http.MethodGet, path: "/invites", query: "cursor=c1&limit=2",
			want: &runtools.Page[runtools.Invite]{Items: []runtools.Invite{wantInvite(t), wantInvite2(t)},
				HasMore: true, NextCursor: "c2", RequestID: "req_h"},
		},
		{
			name: "RevokeInvite", status: 200, reply: deletedJSON("inv 1/2"),
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return nil, c.Organizations.RevokeInvite(ctx, "inv 1/2")
			},
			method: http.MethodDelete, path: "/invites/inv%201%2F2",
		},
		{
			// hasMore and nextCursor at the top level, as some live endpoints send them.
			name: "MembersPage", status: 200,
			reply: `{"data":[` + memberJSON + `,` + member2JSON + `],"hasMore":true,"nextCursor":"m2","meta":{"requestId":"req_ml"}}`,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.MembersPage(ctx)
			},
			method: http.MethodGet, path: "/members",
			want: &runtools.Page[runtools.Member]{Items: []runtools.Member{wantMember(t), wantMember2(t)},
				HasMore: true, NextCursor: "m2", RequestID: "req_h"},
		},
		{
			name: "UpdateMember", status: 200, reply: `{"data":` + memberJSON + `}`,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.UpdateMember(ctx, "user 1/2", runtools.MemberUpdateParams{Role: runtools.RoleAdmin})
			},
			method: http.MethodPatch, path: "/members/user%201%2F2", golden: "org_update_member", want: new(wantMember(t)),
		},
		{
			name: "RemoveMember", status: 200, reply: deletedJSON("user 1/2"),
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return nil, c.Organizations.RemoveMember(ctx, "user 1/2")
			},
			method: http.MethodDelete, path: "/members/user%201%2F2",
		},
		{
			name: "TransferOwnership", status: 200,
			reply: `{"data":{"id":"` + orgID + `","name":"Acme Corp","slug":"acme-corp","plan":"enterprise","role":"admin",` +
				`"createdAt":"2026-01-02T03:04:05Z","ownerEmail":"new@acme.com"}}`,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.TransferOwnership(ctx, "user 1/2")
			},
			method: http.MethodPost, path: "/transfer-ownership", golden: "org_transfer_ownership",
			want: &runtools.Organization{ID: orgID, Name: "Acme Corp", Slug: "acme-corp", Plan: "enterprise",
				Role: runtools.RoleAdmin, CreatedAt: atUTC(t, "2026-01-02T03:04:05Z")},
		},
		{
			name: "Settings", status: 200, reply: settingsJSON,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.Settings(ctx)
			},
			method: http.MethodGet, path: "/settings",
			want: &runtools.Settings{Name: "Acme Corporation", DefaultTemplate: "nodejs-20", RequireMFA: true},
		},
		{
			// The seed's call: every field set.
			name: "UpdateSettings", status: 200, reply: settingsJSON,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.UpdateSettings(ctx, runtools.SettingsUpdateParams{
					Name: new("Acme Corporation"), DefaultTemplate: new("nodejs-20"),
					AllowPublicSandboxes: new(false), RequireMFA: new(true),
				})
			},
			method: http.MethodPatch, path: "/settings", golden: "org_update_settings",
			want: &runtools.Settings{Name: "Acme Corporation", DefaultTemplate: "nodejs-20", RequireMFA: true},
		},
		{
			name: "AuditLogsPage", status: 200,
			reply: `{"data":[` + auditJSON + `,` + audit2JSON + `],"meta":{"requestId":"req_al","hasMore":false,"nextCursor":null}}`,
			call: func(ctx context.Context, c *runtools.Client) (any, error) {
				return c.Organizations.AuditLogsPage(ctx, runtools.AuditLogParams{Action: "member.invited",
					Since: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), Until: time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)},
					runtools.WithPageSize(50))
			},
			method: http.MethodGet, path: "/audit-logs",
			query: "action=member.invited&limit=50&since=2026-01-01T00%3A00%3A00Z&until=2026-02-01T00%3A00%3A00Z",
			want: &runtools.Page[runtools.AuditEvent]{Items: []runtools.AuditEvent{wantAudit(t), wantAudit2(t)},
				RequestID: "req_h"},
		},
	})
}

// TestOrganizationsUpdateSettingsBodies pins what a pointer field sends: nil is absent,
// new(false) is false and new("") is "" (which clears the default template).
func TestOrganizationsUpdateSettingsBodies(t *testing.T) {
	cases := []struct {
		name, golden string
		params       runtools.SettingsUpdateParams
	}{
		{"false is sent, unset is absent", "org_update_settings_false",
			runtools.SettingsUpdateParams{AllowPublicSandboxes: new(false)}},
		{"empty template is sent", "org_update_settings_clear_template",
			runtools.SettingsUpdateParams{DefaultTemplate: new("")}},
		{"name and mfa off", "org_update_settings_name_mfa_off",
			runtools.SettingsUpdateParams{Name: new("Acme"), RequireMFA: new(false)}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(200, settingsJSON)
			_, err := m.client().Organizations.UpdateSettings(context.Background(), tc.params)
			require.NoError(t, err)
			r := m.only()
			assert.Equal(t, http.MethodPatch, r.Method)
			assert.Equal(t, "/v1/organizations/current/settings", r.Path)
			assertGolden(t, tc.golden, r.Body)
		})
	}
}

// TestOrganizationsAuditLogsQuery pins the filter's wire form: zero fields are left out and
// times go in UTC, fractions of a second kept so that no bound is rounded.
func TestOrganizationsAuditLogsQuery(t *testing.T) {
	berlin := time.FixedZone("CET", 3600)
	cases := []struct {
		name   string
		params runtools.AuditLogParams
		query  string
	}{
		{"no filter", runtools.AuditLogParams{}, ""},
		{"action only", runtools.AuditLogParams{Action: "api_key.rotated"}, "action=api_key.rotated"},
		{"since in another zone", runtools.AuditLogParams{Since: time.Date(2026, 1, 2, 4, 4, 5, 0, berlin)},
			"since=2026-01-02T03%3A04%3A05Z"},
		{"until with a fraction", runtools.AuditLogParams{Until: time.Date(2026, 1, 2, 3, 4, 5, 250_000_000, time.UTC)},
			"until=2026-01-02T03%3A04%3A05.25Z"},
		{"until equal to since", runtools.AuditLogParams{Since: time.Date(2026, 1, 2, 0, 0, 0, 0, time.UTC),
			Until: time.Date(2026, 1, 2, 1, 0, 0, 0, berlin)},
			"since=2026-01-02T00%3A00%3A00Z&until=2026-01-02T00%3A00%3A00Z"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(200, `{"data":[],"meta":{"hasMore":false,"nextCursor":null}}`)
			page, err := m.client().Organizations.AuditLogsPage(context.Background(), tc.params)
			require.NoError(t, err)
			assert.Empty(t, page.Items)
			r := m.only()
			assert.Equal(t, "/v1/organizations/current/audit-logs", r.Path)
			assert.Equal(t, tc.query, r.RawQuery)
		})
	}
}

// TestOrganizationsListsFollowCursors ranges over each lazy list across a page that pages
// under meta and one that pages at the top level; a filter stays on every page.
func TestOrganizationsListsFollowCursors(t *testing.T) {
	cases := []struct {
		name, path, page1, page2, query1, query2 string
		collect                                  func(*runtools.Client) (any, error)
		want                                     any
	}{
		{"Invites", "/invites",
			`{"data":[` + inviteJSON + `],"meta":{"hasMore":true,"nextCursor":"c 2"}}`,
			`{"data":[` + invite2JSON + `],"hasMore":false,"nextCursor":null}`,
			"limit=1", "cursor=c+2&limit=1",
			func(c *runtools.Client) (any, error) {
				return runtools.Collect(c.Organizations.Invites(context.Background(), runtools.WithPageSize(1)))
			},
			[]*runtools.Invite{new(wantInvite(t)), new(wantInvite2(t))}},
		{"Members", "/members",
			`{"data":[` + memberJSON + `],"hasMore":true,"nextCursor":"m2"}`,
			`{"data":[` + member2JSON + `],"meta":{"hasMore":false,"nextCursor":null}}`,
			"", "cursor=m2",
			func(c *runtools.Client) (any, error) {
				return runtools.Collect(c.Organizations.Members(context.Background()))
			},
			[]*runtools.Member{new(wantMember(t)), new(wantMember2(t))}},
		{"AuditLogs", "/audit-logs",
			`{"data":[` + auditJSON + `],"meta":{"hasMore":true,"nextCursor":"a2"}}`,
			`{"data":[` + audit2JSON + `],"hasMore":false}`,
			"action=member.invited", "action=member.invited&cursor=a2",
			func(c *runtools.Client) (any, error) {
				return runtools.Collect(c.Organizations.AuditLogs(context.Background(), runtools.AuditLogParams{Action: "member.invited"}))
			},
			[]*runtools.AuditEvent{new(wantAudit(t)), new(wantAudit2(t))}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(200, tc.page1).reply(200, tc.page2)
			c := m.client()
			c.SetOrganization("acme-corp")
			got, err := tc.collect(c)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
			reqs := m.requests()
			require.Len(t, reqs, 2)
			for _, r := range reqs {
				assert.Equal(t, http.MethodGet, r.Method)
				assert.Equal(t, "/v1/organizations/acme-corp"+tc.path, r.Path)
				assert.Equal(t, "acme-corp", r.Header.Get("RunTools-Organization"))
			}
			assert.Equal(t, tc.query1, reqs[0].RawQuery)
			assert.Equal(t, tc.query2, reqs[1].RawQuery)
		})
	}
}

func TestOrganizationsListsAreLazy(t *testing.T) {
	m := newMockAPI(t)
	c := m.client()
	_ = c.Organizations.Invites(context.Background())
	_ = c.Organizations.Members(context.Background())
	_ = c.Organizations.AuditLogs(context.Background(), runtools.AuditLogParams{})
	assert.Empty(t, m.requests(), "nothing is sent before ranging")
}

// TestOrganizationsDeleteLeavesUnknownSlugsToTheServer: the confirmation is compared
// locally only with an active organization that is certainly a slug. An id (a uuid, in
// either case, or another shape) or no active organization sends the request, and the
// server's confirmation_mismatch comes back as an *APIError.
func TestOrganizationsDeleteLeavesUnknownSlugsToTheServer(t *testing.T) {
	for _, active := range []string{"", orgID, strings.ToUpper(orgID), "org_1", "Acme-Corp"} {
		t.Run(active, func(t *testing.T) {
			m := newMockAPI(t)
			m.reply(400, `{"error":{"code":"confirmation_mismatch","message":"confirm must equal the organization's slug","field":"confirm"}}`)
			err := m.client(runtools.WithOrganization(active)).Organizations.Delete(context.Background(),
				runtools.OrganizationDeleteParams{Confirm: "acme-corp"})
			var apiErr *runtools.APIError
			require.ErrorAs(t, err, &apiErr)
			assert.Equal(t, "confirmation_mismatch", apiErr.Code)
			assert.Equal(t, "confirm", apiErr.Field)
			assert.ErrorIs(t, err, runtools.ErrValidation)
			assert.Equal(t, "confirm=acme-corp", m.only().RawQuery)
		})
	}
}

// TestOrganizationsRolesPassThrough: only "owner" is refused locally; any other role,
// including one the SDK does not know, is the server's to judge.
func TestOrganizationsRolesPassThrough(t *testing.T) {
	m := newMockAPI(t)
	m.reply(400, `{"error":{"code":"validation_error","message":"unknown role","field":"role"}}`)
	c := m.client()
	_, err := c.Organizations.Invite(context.Background(), runtools.InviteParams{Email: "dev@acme.com", Role: "billing"})
	require.ErrorIs(t, err, runtools.ErrValidation)
	var apiErr *runtools.APIError
	require.ErrorAs(t, err, &apiErr, "the server, not the SDK, refused it")
	_, err = c.Organizations.UpdateMember(context.Background(), "user_1", runtools.MemberUpdateParams{Role: "billing"})
	require.ErrorAs(t, err, &apiErr)
	reqs := m.requests()
	require.Len(t, reqs, 2)
	assert.JSONEq(t, `{"email":"dev@acme.com","role":"billing"}`, string(reqs[0].Body))
	assert.JSONEq(t, `{"role":"billing"}`, string(reqs[1].Body))
}

// TestOrganizationsInviteManyAcceptsAHundred: the batch limit is inclusive.
func TestOrganizationsInviteManyAcceptsAHundred(t *testing.T) {
	invites := make([]runtools.InviteParams, 100)
	for i := range invites {
		invites[i] = runtools.InviteParams{Email: "dev" + strings.Repeat("x", i) + "@acme.com", Role: runtools.RoleViewer}
	}
	m := newMockAPI(t)
	m.reply(201, `{"data":[`+inviteJSON+`]}`)
	_, err := m.client().Organizations.InviteMany(context.Background(), invites)
	require.NoError(t, err)
	var body struct {
		Invites []map[string]string `json:"invites"`
	}
	require.NoError(t, json.Unmarshal(m.only().Body, &body))
	assert.Len(t, body.Invites, 100)
}
