package fakeapi

import (
	"slices"
	"time"
)

// Wire shapes of API.md section 5, this package's own reading of it. Nullable fields are
// pointers without omitempty so that "null" is sent explicitly, as the contract lists them.

type wireOrganization struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	Plan      string    `json:"plan"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"createdAt"`
}

type wireMember struct {
	ID        string    `json:"id"`
	UserID    string    `json:"userId"`
	Email     string    `json:"email"`
	FirstName string    `json:"firstName"`
	LastName  string    `json:"lastName"`
	Role      string    `json:"role"`
	Status    string    `json:"status"`
	JoinedAt  time.Time `json:"joinedAt"`
}

type wireInvite struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Role      string    `json:"role"`
	Status    string    `json:"status"`
	InvitedBy string    `json:"invitedBy"`
	CreatedAt time.Time `json:"createdAt"`
	ExpiresAt time.Time `json:"expiresAt"`
}

type wireSettings struct {
	Name                 string `json:"name"`
	DefaultTemplate      string `json:"defaultTemplate"`
	AllowPublicSandboxes bool   `json:"allowPublicSandboxes"`
	RequireMFA           bool   `json:"requireMfa"`
}

// wireSSO has no field for the SAML cert or the OIDC client secret: they are write-only, and
// leaving them out of the type makes leaking them impossible rather than merely avoided.
type wireSSO struct {
	Provider        string    `json:"provider"`
	Status          string    `json:"status"`
	EntryPoint      string    `json:"entryPoint,omitempty"`
	Issuer          string    `json:"issuer,omitempty"`
	CertFingerprint string    `json:"certFingerprint,omitempty"`
	IssuerURL       string    `json:"issuerUrl,omitempty"`
	ClientID        string    `json:"clientId,omitempty"`
	CreatedAt       time.Time `json:"createdAt"`
	UpdatedAt       time.Time `json:"updatedAt"`
}

type wireAPIKey struct {
	ID         string     `json:"id"`
	Name       string     `json:"name"`
	KeyPrefix  string     `json:"keyPrefix"`
	Scopes     []string   `json:"scopes"`
	ProjectID  *string    `json:"projectId"`
	ExpiresAt  *time.Time `json:"expiresAt"`
	LastUsedAt *time.Time `json:"lastUsedAt"`
	RevokedAt  *time.Time `json:"revokedAt"`
	CreatedAt  time.Time  `json:"createdAt"`
	Status     string     `json:"status"`
	// Key is the secret, set only in the answers of create and rotate.
	Key string `json:"key,omitempty"`
}

type wireProject struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	IsDefault bool      `json:"isDefault"`
	CreatedAt time.Time `json:"createdAt"`
}

type wireSandbox struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Template  string    `json:"template"`
	ProjectID string    `json:"projectId"`
	Tags      []string  `json:"tags"`
	CreatedAt time.Time `json:"createdAt"`
}

type wireAuditEvent struct {
	ID          string            `json:"id"`
	Action      string            `json:"action"`
	ActorUserID string            `json:"actorUserId"`
	ActorKeyID  *string           `json:"actorKeyId"`
	TargetID    string            `json:"targetId"`
	CreatedAt   time.Time         `json:"createdAt"`
	Metadata    map[string]string `json:"metadata"`
}

type wireUser struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

type wireDeleted struct {
	ID      string `json:"id"`
	Deleted bool   `json:"deleted"`
}

func toWireOrganization(o *organization, callerRole role) wireOrganization {
	return wireOrganization{ID: o.id, Name: o.name, Slug: o.slug, Plan: o.plan, Role: callerRole.String(), CreatedAt: o.createdAt}
}

func (s *Server) toWireMember(m *member) wireMember {
	u := s.users[m.userID]
	return wireMember{ID: m.id, UserID: m.userID, Email: u.email, FirstName: u.firstName, LastName: u.lastName,
		Role: m.role.String(), Status: "active", JoinedAt: m.joinedAt}
}

func toWireInvite(i *invite, now time.Time) wireInvite {
	return wireInvite{ID: i.id, Email: i.email, Role: i.role.String(), Status: i.status(now),
		InvitedBy: i.invitedBy, CreatedAt: i.createdAt, ExpiresAt: i.expiresAt}
}

func toWireSettings(o *organization) wireSettings {
	return wireSettings{Name: o.name, DefaultTemplate: o.settings.defaultTemplate,
		AllowPublicSandboxes: o.settings.allowPublicSandboxes, RequireMFA: o.settings.requireMFA}
}

func toWireSSO(c *ssoConnection) wireSSO {
	return wireSSO{Provider: c.provider, Status: "active", EntryPoint: c.entryPoint, Issuer: c.issuer,
		CertFingerprint: c.certFingerprint, IssuerURL: c.issuerURL, ClientID: c.clientID,
		CreatedAt: c.createdAt, UpdatedAt: c.updatedAt}
}

func toWireAPIKey(k *apiKey, now time.Time) wireAPIKey {
	return wireAPIKey{ID: k.id, Name: k.name, KeyPrefix: k.prefix, Scopes: slices.Clone(k.scopes),
		ProjectID: clonePtr(k.projectID), ExpiresAt: clonePtr(k.expiresAt), LastUsedAt: clonePtr(k.lastUsedAt),
		RevokedAt: clonePtr(k.revokedAt), CreatedAt: k.createdAt, Status: k.status(now)}
}

func toWireProject(p *project) wireProject {
	return wireProject{ID: p.id, Name: p.name, Slug: p.slug, IsDefault: p.isDefault, CreatedAt: p.createdAt}
}

func toWireSandbox(sb *sandbox) wireSandbox {
	tags := slices.Clone(sb.tags)
	if tags == nil {
		tags = []string{}
	}
	return wireSandbox{ID: sb.id, Name: sb.name, Status: sb.status, Template: sb.template,
		ProjectID: sb.projectID, Tags: tags, CreatedAt: sb.createdAt}
}

func toWireAuditEvent(e *auditEvent) wireAuditEvent {
	md := make(map[string]string, len(e.metadata))
	for k, v := range e.metadata {
		md[k] = v
	}
	return wireAuditEvent{ID: e.id, Action: e.action, ActorUserID: e.actorUserID, ActorKeyID: clonePtr(e.actorKeyID),
		TargetID: e.targetID, CreatedAt: e.createdAt, Metadata: md}
}

func toWireUser(u *user) wireUser {
	return wireUser{ID: u.id, Email: u.email, FirstName: u.firstName, LastName: u.lastName}
}

func clonePtr[T any](p *T) *T {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
