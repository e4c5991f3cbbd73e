package runtools

import "time"

// Role is a member's role in an organization, from most to least powerful: owner, admin,
// developer, viewer. Other values the service may add pass through unchanged.
type Role string

// The documented roles.
const (
	RoleOwner     Role = "owner"     // full access: billing, delete the organization, transfer ownership
	RoleAdmin     Role = "admin"     // members, API keys, settings; cannot delete the organization
	RoleDeveloper Role = "developer" // sandboxes, agents, tools; cannot manage members
	RoleViewer    Role = "viewer"    // read-only access to resources and logs
)

// Organization is the top-level container of every RunTools resource.
type Organization struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	Plan      string    `json:"plan"` // free, pro, team or enterprise
	Role      Role      `json:"role"` // the caller's role in it
	CreatedAt time.Time `json:"createdAt"`
}

// Member is a user's membership of the active organization.
type Member struct {
	ID        string    `json:"id"`
	UserID    string    `json:"userId"`
	Email     string    `json:"email"`
	FirstName string    `json:"firstName"`
	LastName  string    `json:"lastName"`
	Role      Role      `json:"role"`
	Status    string    `json:"status"`
	JoinedAt  time.Time `json:"joinedAt"`
}

// Invite is an invitation to join the active organization.
type Invite struct {
	ID        string    `json:"id"`
	Email     string    `json:"email"`
	Role      Role      `json:"role"`
	Status    string    `json:"status"`    // pending, accepted, revoked or expired
	InvitedBy string    `json:"invitedBy"` // user id
	CreatedAt time.Time `json:"createdAt"`
	ExpiresAt time.Time `json:"expiresAt"`
}

// Settings are the organization-wide settings.
type Settings struct {
	Name                 string `json:"name"`
	DefaultTemplate      string `json:"defaultTemplate"`
	AllowPublicSandboxes bool   `json:"allowPublicSandboxes"`
	RequireMFA           bool   `json:"requireMfa"`
}

// AuditEvent is one entry of the organization's audit log.
type AuditEvent struct {
	ID          string            `json:"id"`
	Action      string            `json:"action"` // e.g. "member.invited", "api_key.rotated"
	ActorUserID string            `json:"actorUserId"`
	ActorKeyID  *string           `json:"actorKeyId"`
	TargetID    string            `json:"targetId"`
	CreatedAt   time.Time         `json:"createdAt"`
	Metadata    map[string]string `json:"metadata"`
}

// User is a RunTools user.
type User struct {
	ID        string `json:"id"`
	Email     string `json:"email"`
	FirstName string `json:"firstName"`
	LastName  string `json:"lastName"`
}

// Project groups resources within an organization. Every organization has a default
// project with slug "default".
type Project struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	IsDefault bool      `json:"isDefault"`
	CreatedAt time.Time `json:"createdAt"`
}

// Sandbox is a cloud sandbox.
type Sandbox struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Status    string    `json:"status"`
	Template  string    `json:"template"`
	ProjectID string    `json:"projectId"`
	Tags      []string  `json:"tags"`
	CreatedAt time.Time `json:"createdAt"`
}
