package fakeapi

import (
	"crypto/sha256"
	"slices"
	"strings"
	"time"
)

// The entities below are the server's state. They are only touched with Server.mu held; the
// wire shapes in wire.go are built from them at response time so that no pointer into the
// state ever leaves the lock.

type role int

const (
	roleNone role = iota // "any": no membership role required
	roleViewer
	roleDeveloper
	roleAdmin
	roleOwner
)

var roleNames = map[role]string{roleViewer: "viewer", roleDeveloper: "developer", roleAdmin: "admin", roleOwner: "owner"}

func (r role) String() string { return roleNames[r] }

func parseRole(s string) (role, bool) {
	for r, name := range roleNames {
		if name == s {
			return r, true
		}
	}
	return roleNone, false
}

// Plans, in API.md section 7.
const (
	planFree       = "free"
	planPro        = "pro"
	planTeam       = "team"
	planEnterprise = "enterprise"
)

func validPlan(p string) bool {
	return p == planFree || p == planPro || p == planTeam || p == planEnterprise
}

// singleOrgPlan reports whether a plan limits its members to one organization.
func singleOrgPlan(p string) bool { return p == planFree || p == planPro }

type user struct {
	id, email, firstName, lastName string
}

type member struct {
	id       string
	userID   string
	role     role
	joinedAt time.Time
	seq      uint64
}

type invite struct {
	id        string
	email     string
	role      role
	revoked   bool
	invitedBy string
	createdAt time.Time
	expiresAt time.Time
	seq       uint64
}

// status is computed so that an invite expires with the clock, not with a sweeper.
func (i *invite) status(now time.Time) string {
	switch {
	case i.revoked:
		return "revoked"
	case !now.Before(i.expiresAt):
		return "expired"
	}
	return "pending"
}

type apiKey struct {
	id         string
	name       string
	prefix     string
	hash       [32]byte
	scopes     []string
	projectID  *string
	lifetime   time.Duration // 0 = never expires; kept so a rotation keeps the lifetime
	expiresAt  *time.Time
	lastUsedAt *time.Time
	revokedAt  *time.Time
	createdAt  time.Time
	userID     string
	orgID      string
	seq        uint64
}

func (k *apiKey) status(now time.Time) string {
	switch {
	case k.revokedAt != nil:
		return "revoked"
	case k.expiresAt != nil && !now.Before(*k.expiresAt):
		return "expired"
	}
	return "active"
}

func (k *apiKey) revoke(now time.Time) bool {
	if k.revokedAt != nil {
		return false
	}
	k.revokedAt = &now
	return true
}

// hashSecret is the only form in which a key secret is kept.
func hashSecret(secret string) [32]byte { return sha256.Sum256([]byte(secret)) }

type project struct {
	id, name, slug string
	isDefault      bool
	createdAt      time.Time
	seq            uint64
}

type sandbox struct {
	id, name, status, template, projectID string
	tags                                  []string
	createdAt                             time.Time
	seq                                   uint64
}

type auditEvent struct {
	id          string
	action      string
	actorUserID string
	actorKeyID  *string
	targetID    string
	createdAt   time.Time
	metadata    map[string]string
	seq         uint64
}

type ssoConnection struct {
	provider        string
	entryPoint      string
	issuer          string
	certFingerprint string
	issuerURL       string
	clientID        string
	createdAt       time.Time
	updatedAt       time.Time
}

type settings struct {
	defaultTemplate      string
	allowPublicSandboxes bool
	requireMFA           bool
}

type organization struct {
	id, name, slug, plan string
	createdAt            time.Time
	seq                  uint64
	settings             settings
	insufficientCredits  bool

	members   []*member // join order
	invites   []*invite
	keys      []*apiKey
	projects  []*project
	sandboxes []*sandbox
	audit     []*auditEvent
	sso       *ssoConnection

	// deleted remembers what a DELETE removed ("kind:ref" → id), so that repeating a
	// successful DELETE (a retry after a lost response) answers 200 again instead of 404.
	deleted map[string]string
}

func (o *organization) member(userID string) *member {
	for _, m := range o.members {
		if m.userID == userID {
			return m
		}
	}
	return nil
}

func (o *organization) project(idOrSlug string) *project {
	for _, p := range o.projects {
		if p.id == idOrSlug || p.slug == idOrSlug {
			return p
		}
	}
	return nil
}

func (o *organization) defaultProject() *project {
	for _, p := range o.projects {
		if p.isDefault {
			return p
		}
	}
	return nil
}

func (o *organization) key(id string) *apiKey {
	for _, k := range o.keys {
		if k.id == id {
			return k
		}
	}
	return nil
}

func (o *organization) invite(id string) *invite {
	for _, i := range o.invites {
		if i.id == id {
			return i
		}
	}
	return nil
}

func (o *organization) sandbox(idOrName string) *sandbox {
	for _, sb := range o.sandboxes {
		if sb.id == idOrName || sb.name == idOrName {
			return sb
		}
	}
	return nil
}

func (o *organization) markDeleted(kind, ref, id string) {
	o.deleted[kind+":"+ref] = id
}

func (o *organization) wasDeleted(kind, ref string) (string, bool) {
	id, ok := o.deleted[kind+":"+ref]
	return id, ok
}

// removeItem deletes one element from a creation-ordered slice, keeping the order that paging
// relies on.
func removeItem[T comparable](items []T, item T) []T {
	if i := slices.Index(items, item); i >= 0 {
		return slices.Delete(items, i, i+1)
	}
	return items
}

func sameEmail(a, b string) bool { return strings.EqualFold(a, b) }
