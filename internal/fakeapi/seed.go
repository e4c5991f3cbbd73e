package fakeapi

import (
	"errors"
	"fmt"
	"strings"
	"time"
)

// The seeding API sets up state directly, bypassing authentication, roles, plan limits and
// the audit log, so that tests can arrange any situation in one line. It still applies the
// wire rules to its inputs (a seeded slug is a valid slug), so seeded state is state the API
// could have produced. Organizations are named by id or slug throughout.

// UserInfo describes a user.
type UserInfo struct {
	ID, Email, FirstName, LastName string
}

// OrgInfo describes an organization.
type OrgInfo struct {
	ID, Name, Slug, Plan string
	// DefaultProjectID is the id of the project with slug "default".
	DefaultProjectID string
}

// KeySpec describes a key for [Server.IssueKeyWith].
type KeySpec struct {
	// UserID owns the key; it must be a member of Org.
	UserID string
	// Org is the organization the key belongs to (id or slug).
	Org string
	// Name defaults to "Seeded key".
	Name string
	// Scopes default to ["*"].
	Scopes []string
	// ExpiresIn is the key's lifetime from now; 0 never expires. Unlike the API's expiresIn
	// it is not capped, and with [WithClock] a test can make the key expire.
	ExpiresIn time.Duration
	// ProjectID optionally ties the key to a project of Org.
	ProjectID string
}

// KeyInfo describes an issued key. Secret is the only copy of the key: the server keeps a hash.
type KeyInfo struct {
	ID, Prefix, Secret string
}

// Errors of the seeding API, for errors.Is; the returned errors wrap them with detail.
var (
	// ErrUnknownUser: no user has the given id.
	ErrUnknownUser = errors.New("fakeapi: unknown user")
	// ErrUnknownOrganization: no live organization has the given id or slug.
	ErrUnknownOrganization = errors.New("fakeapi: unknown organization")
	// ErrUnknownSandbox: no sandbox has the given id.
	ErrUnknownSandbox = errors.New("fakeapi: unknown sandbox")
	// ErrInvalidSeed: the input breaks a rule of API.md section 8 or of the seeding method.
	ErrInvalidSeed = errors.New("fakeapi: invalid seed input")
	// ErrSeedConflict: the input clashes with existing state (taken email or slug, existing member).
	ErrSeedConflict = errors.New("fakeapi: seed conflicts with existing state")
)

func seedError(base error, err *apiError) error {
	return fmt.Errorf("%w: %s", base, err.message)
}

// bootstrap creates the owner, "Example Org" and the owner's key described on [New].
func (s *Server) bootstrap() {
	u, err := s.AddUser("owner@example.com", "Example", "Owner")
	if err != nil {
		panic(err) // fixed, valid input: unreachable
	}
	o, err := s.AddOrganization("Example Org", "example", planEnterprise, u.ID)
	if err != nil {
		panic(err)
	}
	k, err := s.IssueKeyWith(KeySpec{UserID: u.ID, Org: o.ID, Name: "Owner key"})
	if err != nil {
		panic(err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.owner = s.users[u.ID]
	s.ownerKey = k.Secret
	s.exampleOrg = s.orgByID(o.ID)
}

// Owner is the bootstrap user, owner@example.com, owner of "Example Org".
func (s *Server) Owner() UserInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return userInfo(s.owner)
}

// OwnerKey is the bootstrap owner's full-scope key for "Example Org". It stays the original
// secret even if a test rotates or revokes that key.
func (s *Server) OwnerKey() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ownerKey
}

// ExampleOrganization is the bootstrap organization, as it is now (plan, name) or as it was
// when deleted.
func (s *Server) ExampleOrganization() OrgInfo {
	s.mu.Lock()
	defer s.mu.Unlock()
	return orgInfo(s.exampleOrg)
}

// Organization looks up a live organization by id or slug.
func (s *Server) Organization(org string) (OrgInfo, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.findOrg(org)
	if o == nil {
		return OrgInfo{}, false
	}
	return orgInfo(o), true
}

// AddUser creates a user with no membership. Emails are unique, compared case-insensitively.
func (s *Server) AddUser(email, firstName, lastName string) (UserInfo, error) {
	if err := validateEmail("email", email); err != nil {
		return UserInfo{}, seedError(ErrInvalidSeed, err)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.userByEmail[strings.ToLower(email)] != nil {
		return UserInfo{}, fmt.Errorf("%w: a user with email %s exists", ErrSeedConflict, email)
	}
	u := &user{id: newUserID(), email: email, firstName: firstName, lastName: lastName}
	s.users[u.id] = u
	s.userByEmail[strings.ToLower(email)] = u
	return userInfo(u), nil
}

// AddOrganization creates an organization owned by ownerUserID, with its default project,
// on any plan and regardless of the owner's other organizations.
func (s *Server) AddOrganization(name, slug, plan, ownerUserID string) (OrgInfo, error) {
	trimmed, verr := validateName("name", name)
	if verr == nil {
		verr = validateSlug("slug", slug)
	}
	if verr != nil {
		return OrgInfo{}, seedError(ErrInvalidSeed, verr)
	}
	if !validPlan(plan) {
		return OrgInfo{}, fmt.Errorf("%w: unknown plan %q", ErrInvalidSeed, plan)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.users[ownerUserID] == nil {
		return OrgInfo{}, fmt.Errorf("%w: %s", ErrUnknownUser, ownerUserID)
	}
	if s.findOrg(slug) != nil {
		return OrgInfo{}, fmt.Errorf("%w: slug %q is taken", ErrSeedConflict, slug)
	}
	return orgInfo(s.newOrganization(trimmed, slug, plan, ownerUserID, s.now())), nil
}

// AddMember makes a user a member of an organization with role admin, developer or viewer
// (an owner comes only from AddOrganization or a transfer).
func (s *Server) AddMember(org, userID, role string) error {
	r, verr := validateInviteRole("role", role)
	if verr != nil {
		return seedError(ErrInvalidSeed, verr)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.findOrg(org)
	if o == nil {
		return fmt.Errorf("%w: %s", ErrUnknownOrganization, org)
	}
	if s.users[userID] == nil {
		return fmt.Errorf("%w: %s", ErrUnknownUser, userID)
	}
	if o.member(userID) != nil {
		return fmt.Errorf("%w: %s is already a member of %s", ErrSeedConflict, userID, o.slug)
	}
	o.members = append(o.members, &member{id: newMemberID(), userID: userID, role: r, joinedAt: s.now(), seq: s.nextSeq()})
	return nil
}

// IssueKey creates a key for a member of org with the given scopes (none = "*") and returns
// its secret.
func (s *Server) IssueKey(userID, org string, scopes ...string) (string, error) {
	k, err := s.IssueKeyWith(KeySpec{UserID: userID, Org: org, Scopes: scopes})
	return k.Secret, err
}

// IssueKeyWith creates a key as described by spec.
func (s *Server) IssueKeyWith(spec KeySpec) (KeyInfo, error) {
	scopes, verr := validateScopes(spec.Scopes)
	if verr != nil {
		return KeyInfo{}, seedError(ErrInvalidSeed, verr)
	}
	name := spec.Name
	if name == "" {
		name = "Seeded key"
	}
	if name, verr = validateName("name", name); verr != nil {
		return KeyInfo{}, seedError(ErrInvalidSeed, verr)
	}
	if spec.ExpiresIn < 0 {
		return KeyInfo{}, fmt.Errorf("%w: negative ExpiresIn", ErrInvalidSeed)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.findOrg(spec.Org)
	if o == nil {
		return KeyInfo{}, fmt.Errorf("%w: %s", ErrUnknownOrganization, spec.Org)
	}
	if s.users[spec.UserID] == nil {
		return KeyInfo{}, fmt.Errorf("%w: %s", ErrUnknownUser, spec.UserID)
	}
	if o.member(spec.UserID) == nil {
		return KeyInfo{}, fmt.Errorf("%w: %s is not a member of %s", ErrInvalidSeed, spec.UserID, o.slug)
	}
	var projectID *string
	if spec.ProjectID != "" {
		p := o.project(spec.ProjectID)
		if p == nil {
			return KeyInfo{}, fmt.Errorf("%w: no project %s in %s", ErrInvalidSeed, spec.ProjectID, o.slug)
		}
		projectID = &p.id
	}
	k, secret := s.newAPIKey(o, spec.UserID, name, scopes, projectID, spec.ExpiresIn, s.now())
	return KeyInfo{ID: k.id, Prefix: k.prefix, Secret: secret}, nil
}

// SetPlan changes an organization's plan (free, pro, team, enterprise), which moves its
// features and the rate limit of the keys that belong to it.
func (s *Server) SetPlan(org, plan string) error {
	if !validPlan(plan) {
		return fmt.Errorf("%w: unknown plan %q", ErrInvalidSeed, plan)
	}
	return s.withOrg(org, func(o *organization) { o.plan = plan })
}

// SetInsufficientCredits makes sandbox creation in the organization fail with 402
// insufficient_credits (true) or succeed again (false).
func (s *Server) SetInsufficientCredits(org string, insufficient bool) error {
	return s.withOrg(org, func(o *organization) { o.insufficientCredits = insufficient })
}

// SetSandboxStatus moves a sandbox (by id, in any organization) to a status, since the fake
// never runs one: sandboxes otherwise stay "creating".
func (s *Server) SetSandboxStatus(id, status string) error {
	if status == "" {
		return fmt.Errorf("%w: empty status", ErrInvalidSeed)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, o := range s.orgs {
		for _, sb := range o.sandboxes {
			if sb.id == id {
				sb.status = status
				return nil
			}
		}
	}
	return fmt.Errorf("%w: %s", ErrUnknownSandbox, id)
}

// SetRateLimits replaces the rate limits at run time; see [RateLimits]. Counts already made
// in the current minute are kept.
func (s *Server) SetRateLimits(l RateLimits) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.limits = l
}

func (s *Server) withOrg(org string, f func(*organization)) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	o := s.findOrg(org)
	if o == nil {
		return fmt.Errorf("%w: %s", ErrUnknownOrganization, org)
	}
	f(o)
	return nil
}

func userInfo(u *user) UserInfo {
	return UserInfo{ID: u.id, Email: u.email, FirstName: u.firstName, LastName: u.lastName}
}

func orgInfo(o *organization) OrgInfo {
	info := OrgInfo{ID: o.id, Name: o.name, Slug: o.slug, Plan: o.plan}
	if p := o.defaultProject(); p != nil {
		info.DefaultProjectID = p.id
	}
	return info
}
