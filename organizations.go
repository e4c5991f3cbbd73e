package runtools

import (
	"context"
	"iter"
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
