package fakeapi

import (
	"fmt"
	"strings"
	"time"
)

// inviteTTL is the lifetime of an invite (API.md section 5).
const inviteTTL = 7 * 24 * time.Hour

type inviteBody struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

type inviteBatchBody struct {
	Invites []inviteBody `json:"invites"`
}

func (s *Server) createInvite(c *call) response {
	var b inviteBody
	if err := decodeJSON(c.body, &b); err != nil {
		return fail(err)
	}
	invs, err := s.admitInvites(c, []inviteBody{b}, func(_ int, f string) string { return f })
	if err != nil {
		return fail(err)
	}
	return created(toWireInvite(invs[0], c.now))
}

// createInvites is all or nothing: one bad or conflicting entry rejects the batch, with the
// entry named in field as invites[i].email or invites[i].role.
func (s *Server) createInvites(c *call) response {
	var b inviteBatchBody
	if err := decodeJSON(c.body, &b); err != nil {
		return fail(err)
	}
	if len(b.Invites) < 1 || len(b.Invites) > 100 {
		return fail(errValidation("invites", "invites must hold 1 to 100 entries"))
	}
	invs, err := s.admitInvites(c, b.Invites, func(i int, f string) string { return fmt.Sprintf("invites[%d].%s", i, f) })
	if err != nil {
		return fail(err)
	}
	out := make([]wireInvite, len(invs))
	for i, inv := range invs {
		out[i] = toWireInvite(inv, c.now)
	}
	return created(out)
}

// admitInvites validates every entry, then checks every conflict, and only then commits.
func (s *Server) admitInvites(c *call, entries []inviteBody, field func(i int, name string) string) ([]*invite, *apiError) {
	roles := make([]role, len(entries))
	seen := map[string]bool{}
	for i, e := range entries {
		if err := validateEmail(field(i, "email"), e.Email); err != nil {
			return nil, err
		}
		r, err := validateInviteRole(field(i, "role"), e.Role)
		if err != nil {
			return nil, err
		}
		roles[i] = r
		lower := strings.ToLower(e.Email)
		if seen[lower] {
			return nil, errValidation(field(i, "email"), "%s appears twice in the batch", e.Email)
		}
		seen[lower] = true
	}
	for i, e := range entries {
		if u := s.userByEmail[strings.ToLower(e.Email)]; u != nil && c.org.member(u.id) != nil {
			return nil, errConflict(field(i, "email"), "%s is already a member", e.Email)
		}
		for _, inv := range c.org.invites {
			if sameEmail(inv.email, e.Email) && inv.status(c.now) == "pending" {
				return nil, errConflict(field(i, "email"), "%s already has a pending invite", e.Email)
			}
		}
	}
	out := make([]*invite, len(entries))
	for i, e := range entries {
		inv := &invite{id: newInviteID(), email: e.Email, role: roles[i], invitedBy: c.user.id,
			createdAt: c.now, expiresAt: c.now.Add(inviteTTL), seq: s.nextSeq()}
		c.org.invites = append(c.org.invites, inv)
		s.audit(c, c.org, "member.invited", inv.id, map[string]string{"email": inv.email, "role": inv.role.String()})
		out[i] = inv
	}
	return out, nil
}

func (s *Server) listInvites(c *call) response {
	p, err := parsePage(c.r.URL.Query(), "invites")
	if err != nil {
		return fail(err)
	}
	return paginate(c.org.invites, func(i *invite) uint64 { return i.seq },
		func(i *invite) bool { return i.status(c.now) == "pending" }, p, "invites",
		func(i *invite) wireInvite { return toWireInvite(i, c.now) })
}

// revokeInvite is soft and repeatable: revoking a revoked (or expired) invite answers 200 again.
func (s *Server) revokeInvite(c *call) response {
	inv := c.org.invite(c.r.PathValue("inviteId"))
	if inv == nil {
		return fail(errNotFound("Invite"))
	}
	if inv.status(c.now) == "pending" {
		inv.revoked = true
		s.audit(c, c.org, "invite.revoked", inv.id, map[string]string{"email": inv.email})
	}
	return deleted(inv.id)
}
