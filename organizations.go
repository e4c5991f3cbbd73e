package runtools

import (
	"context"
	"fmt"
	"iter"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// OrganizationsService manages organizations and, for the active organization, its members,
// invites, settings, single sign-on and audit log. Reach it as Client.Organizations.
type OrganizationsService struct{ c *Client }

// OrganizationCreateParams are the inputs of OrganizationsService.Create.
type OrganizationCreateParams struct {
	Name string `json:"name"` // 1–100 characters
	Slug string `json:"slug"` // 3–48 of a-z, 0-9 and single hyphens; used in URLs
}

func (p OrganizationCreateParams) validate() error {
	return firstError(checkName("name", p.Name), checkSlug("slug", p.Slug))
}

// Create makes an organization with the caller as its owner (and a default project). It
// does not switch to it: call SetOrganization for that. Calls POST /v1/organizations.
func (s *OrganizationsService) Create(ctx context.Context, params OrganizationCreateParams, opts ...RequestOption) (*Organization, error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return post[Organization](ctx, s.c, s.c.route("organizations"), params, opts)
}

// List yields every organization the caller belongs to, fetching pages as it goes.
// Calls GET /v1/organizations.
func (s *OrganizationsService) List(ctx context.Context, opts ...RequestOption) iter.Seq2[*Organization, error] {
	return paginate(ctx, opts, s.ListPage)
}

// ListPage returns one page of the caller's organizations. Calls GET /v1/organizations.
func (s *OrganizationsService) ListPage(ctx context.Context, opts ...RequestOption) (*Page[Organization], error) {
	return list[Organization](ctx, s.c, s.c.route("organizations"), opts)
}

// Get returns an organization by id or slug; "" means the active one. Calls
// GET /v1/organizations/{org}.
func (s *OrganizationsService) Get(ctx context.Context, org string, opts ...RequestOption) (*Organization, error) {
	if org == "" {
		return get[Organization](ctx, s.c, s.c.orgRoute(), opts)
	}
	if err := checkID("org", org); err != nil {
		return nil, err
	}
	return get[Organization](ctx, s.c, s.c.route("organizations", org), opts)
}

// OrganizationDeleteParams are the inputs of OrganizationsService.Delete.
type OrganizationDeleteParams struct {
	// Confirm must be the organization's slug, typed out: deletion cannot be undone.
	Confirm string
}

// validate refuses what cannot be right: a missing confirmation, or one that differs from
// the active organization when that is a slug. An active organization given by id (or none,
// the credential's own) leaves the comparison to the server, which knows the slug.
func (p OrganizationDeleteParams) validate(activeOrg string) error {
	if err := checkRequired("confirm", p.Confirm); err != nil {
		return err
	}
	if isSlugNotID(activeOrg) && p.Confirm != activeOrg {
		return invalid("confirm", fmt.Sprintf("%q is not the slug of the active organization %q", p.Confirm, activeOrg))
	}
	return nil
}

// Delete permanently removes the active organization and everything in it: sandboxes,
// agents, tools, data and its API keys. Only the owner may. Confirm must equal the
// organization's slug; when the active organization was set by slug (a slug-shaped value
// that is not a uuid, the form of organization ids), a different Confirm is refused before
// anything is sent. Calls DELETE /v1/organizations/{org}?confirm={slug}.
func (s *OrganizationsService) Delete(ctx context.Context, params OrganizationDeleteParams, opts ...RequestOption) error {
	r := s.c.orgRoute() // read the organization once, so the check and the request agree
	if err := params.validate(r.org); err != nil {
		return err
	}
	return del(ctx, s.c, r.with(url.Values{"confirm": {params.Confirm}}), opts)
}

// InviteParams are the inputs of OrganizationsService.Invite and one entry of InviteMany.
type InviteParams struct {
	Email string `json:"email"` // a bare address such as "dev@acme.com", no display name
	// Role the invitee will have. RoleOwner is refused: ownership is only ever transferred.
	Role Role `json:"role"`
}

func (p InviteParams) validate(prefix string) error {
	return firstError(checkEmail(prefix+"email", p.Email),
		checkRole(prefix+"role", p.Role, "an invite cannot make an owner: invite as admin, then use TransferOwnership"))
}

// Invite invites someone to the active organization by email. Calls
// POST /v1/organizations/{org}/invites.
func (s *OrganizationsService) Invite(ctx context.Context, params InviteParams, opts ...RequestOption) (*Invite, error) {
	if err := params.validate(""); err != nil {
		return nil, err
	}
	return post[Invite](ctx, s.c, s.c.orgRoute("invites"), params, opts)
}

// maxInvitesPerBatch is the contract's limit on one InviteMany call.
const maxInvitesPerBatch = 100

// inviteBatch is the body of POST .../invites/batch.
type inviteBatch struct {
	Invites []InviteParams `json:"invites"`
}

func (b inviteBatch) validate() error {
	if n := len(b.Invites); n < 1 || n > maxInvitesPerBatch {
		return invalid("invites", fmt.Sprintf("must hold 1–%d invites, not %d", maxInvitesPerBatch, n))
	}
	seen := make(map[string]int, len(b.Invites))
	for i, p := range b.Invites {
		prefix := "invites[" + strconv.Itoa(i) + "]."
		if err := p.validate(prefix); err != nil {
			return err
		}
		key := strings.ToLower(p.Email)
		if first, dup := seen[key]; dup {
			return invalid(prefix+"email", fmt.Sprintf("repeats the email of invites[%d]", first))
		}
		seen[key] = i
	}
	return nil
}

// InviteMany invites 1–100 people in one request. An email may appear once per batch,
// compared case-insensitively; a bad entry is reported by position, e.g. "invites[2].email".
// Calls POST /v1/organizations/{org}/invites/batch.
func (s *OrganizationsService) InviteMany(ctx context.Context, invites []InviteParams, opts ...RequestOption) ([]*Invite, error) {
	body := inviteBatch{Invites: invites}
	if err := body.validate(); err != nil {
		return nil, err
	}
	created, err := post[[]*Invite](ctx, s.c, s.c.orgRoute("invites", "batch"), body, opts)
	if err != nil {
		return nil, err
	}
	return *created, nil
}

// Invites yields the active organization's pending invites, fetching pages as it goes.
// Calls GET /v1/organizations/{org}/invites.
func (s *OrganizationsService) Invites(ctx context.Context, opts ...RequestOption) iter.Seq2[*Invite, error] {
	return paginate(ctx, opts, s.InvitesPage)
}

// InvitesPage returns one page of the active organization's pending invites. Calls
// GET /v1/organizations/{org}/invites.
func (s *OrganizationsService) InvitesPage(ctx context.Context, opts ...RequestOption) (*Page[Invite], error) {
	return list[Invite](ctx, s.c, s.c.orgRoute("invites"), opts)
}

// RevokeInvite withdraws a pending invite. Calls
// DELETE /v1/organizations/{org}/invites/{inviteId}.
func (s *OrganizationsService) RevokeInvite(ctx context.Context, inviteID string, opts ...RequestOption) error {
	if err := checkID("inviteId", inviteID); err != nil {
		return err
	}
	return del(ctx, s.c, s.c.orgRoute("invites", inviteID), opts)
}

// Members yields the active organization's members, fetching pages as it goes. Calls
// GET /v1/organizations/{org}/members.
func (s *OrganizationsService) Members(ctx context.Context, opts ...RequestOption) iter.Seq2[*Member, error] {
	return paginate(ctx, opts, s.MembersPage)
}

// MembersPage returns one page of the active organization's members. Calls
// GET /v1/organizations/{org}/members.
func (s *OrganizationsService) MembersPage(ctx context.Context, opts ...RequestOption) (*Page[Member], error) {
	return list[Member](ctx, s.c, s.c.orgRoute("members"), opts)
}

// MemberUpdateParams are the inputs of OrganizationsService.UpdateMember.
type MemberUpdateParams struct {
	// Role is the member's new role. RoleOwner is refused: use TransferOwnership, which also
	// demotes the current owner, since an organization has exactly one.
	Role Role `json:"role"`
}

func (p MemberUpdateParams) validate() error {
	return checkRole("role", p.Role, "a role update cannot make an owner: use TransferOwnership")
}

// UpdateMember changes a member's role. The owner's role cannot be changed this way. Calls
// PATCH /v1/organizations/{org}/members/{userId}.
func (s *OrganizationsService) UpdateMember(ctx context.Context, userID string, params MemberUpdateParams, opts ...RequestOption) (*Member, error) {
	if err := firstError(checkID("userId", userID), params.validate()); err != nil {
		return nil, err
	}
	return patch[Member](ctx, s.c, s.c.orgRoute("members", userID), params, opts)
}

// RemoveMember removes a user from the active organization; the owner cannot be removed.
// Calls DELETE /v1/organizations/{org}/members/{userId}.
func (s *OrganizationsService) RemoveMember(ctx context.Context, userID string, opts ...RequestOption) error {
	if err := checkID("userId", userID); err != nil {
		return err
	}
	return del(ctx, s.c, s.c.orgRoute("members", userID), opts)
}

// TransferOwnership makes an active member the owner; the caller, who must be the owner,
// becomes an admin. It returns the organization as the caller now sees it. Calls
// POST /v1/organizations/{org}/transfer-ownership.
func (s *OrganizationsService) TransferOwnership(ctx context.Context, userID string, opts ...RequestOption) (*Organization, error) {
	if err := checkID("userId", userID); err != nil {
		return nil, err
	}
	body := struct {
		UserID string `json:"userId"`
	}{userID}
	return post[Organization](ctx, s.c, s.c.orgRoute("transfer-ownership"), body, opts)
}

// Settings returns the active organization's settings. Calls
// GET /v1/organizations/{org}/settings.
func (s *OrganizationsService) Settings(ctx context.Context, opts ...RequestOption) (*Settings, error) {
	return get[Settings](ctx, s.c, s.c.orgRoute("settings"), opts)
}

// SettingsUpdateParams are the inputs of OrganizationsService.UpdateSettings. A nil field is
// left out of the request and stays as it is; a set one is sent even when it is the zero
// value, so new(false) turns a setting off and DefaultTemplate new("") clears the default.
type SettingsUpdateParams struct {
	Name                 *string `json:"name,omitempty"`            // the organization's name, 1–100 characters
	DefaultTemplate      *string `json:"defaultTemplate,omitempty"` // template for sandboxes created without one; "" clears it
	AllowPublicSandboxes *bool   `json:"allowPublicSandboxes,omitempty"`
	RequireMFA           *bool   `json:"requireMfa,omitempty"`
}

// validate refuses an update that sets nothing: it would change nothing, so it is almost
// surely a mistake (to read the settings, call Settings).
func (p SettingsUpdateParams) validate() error {
	if p == (SettingsUpdateParams{}) {
		return invalid("settings", "nothing to update: set at least one field (Settings reads them)")
	}
	if p.Name != nil {
		return checkName("name", *p.Name)
	}
	return nil
}

// UpdateSettings changes the settings that params sets and returns all of them. Calls
// PATCH /v1/organizations/{org}/settings.
func (s *OrganizationsService) UpdateSettings(ctx context.Context, params SettingsUpdateParams, opts ...RequestOption) (*Settings, error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return patch[Settings](ctx, s.c, s.c.orgRoute("settings"), params, opts)
}

// AuditLogParams filter OrganizationsService.AuditLogs; zero fields do not filter.
type AuditLogParams struct {
	Action string    // exact action, e.g. "member.invited"
	Since  time.Time // lower bound of the events' creation time
	Until  time.Time // upper bound of the events' creation time; not before Since
}

func (p AuditLogParams) validate() error {
	if !p.Since.IsZero() && !p.Until.IsZero() && p.Until.Before(p.Since) {
		return invalid("until", "must not be before since")
	}
	return nil
}

// query sends times in UTC with any fraction of a second, so a bound is never rounded.
func (p AuditLogParams) query() url.Values {
	q := url.Values{}
	if p.Action != "" {
		q.Set("action", p.Action)
	}
	if !p.Since.IsZero() {
		q.Set("since", p.Since.UTC().Format(time.RFC3339Nano))
	}
	if !p.Until.IsZero() {
		q.Set("until", p.Until.UTC().Format(time.RFC3339Nano))
	}
	return q
}

// AuditLogs yields the active organization's audit events that match params, oldest first,
// fetching pages as it goes (each page keeps the filter). Audit logs need the team or
// enterprise plan. Calls GET /v1/organizations/{org}/audit-logs.
func (s *OrganizationsService) AuditLogs(ctx context.Context, params AuditLogParams, opts ...RequestOption) iter.Seq2[*AuditEvent, error] {
	return paginate(ctx, opts, func(ctx context.Context, opts ...RequestOption) (*Page[AuditEvent], error) {
		return s.AuditLogsPage(ctx, params, opts...)
	})
}

// AuditLogsPage returns one page of the audit events that match params. Calls
// GET /v1/organizations/{org}/audit-logs.
func (s *OrganizationsService) AuditLogsPage(ctx context.Context, params AuditLogParams, opts ...RequestOption) (*Page[AuditEvent], error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return list[AuditEvent](ctx, s.c, s.c.orgRoute("audit-logs").with(params.query()), opts)
}
