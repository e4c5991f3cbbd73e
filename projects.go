package runtools

import (
	"context"
	"iter"
)

// ProjectsService manages the projects of the active organization. Reach it as
// Client.Projects.
type ProjectsService struct{ c *Client }

// ProjectCreateParams are the inputs of ProjectsService.Create.
type ProjectCreateParams struct {
	Name string `json:"name"` // 1–100 characters
	Slug string `json:"slug"` // 3–48 of a-z, 0-9 and single hyphens; names the project in other calls
}

func (p ProjectCreateParams) validate() error {
	return firstError(checkName("name", p.Name), checkSlug("slug", p.Slug))
}

// Create makes a project in the active organization. Calls POST /v1/projects.
func (s *ProjectsService) Create(ctx context.Context, params ProjectCreateParams, opts ...RequestOption) (*Project, error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return post[Project](ctx, s.c, s.c.route("projects"), params, opts)
}

// List yields every project of the organization, the default one included, fetching pages
// as it goes. Calls GET /v1/projects.
func (s *ProjectsService) List(ctx context.Context, opts ...RequestOption) iter.Seq2[*Project, error] {
	return paginate(ctx, opts, s.ListPage)
}

// ListPage returns one page of the organization's projects. Calls GET /v1/projects.
func (s *ProjectsService) ListPage(ctx context.Context, opts ...RequestOption) (*Page[Project], error) {
	return list[Project](ctx, s.c, s.c.route("projects"), opts)
}

// Get returns a project by id or slug ("default" is the organization's default project).
// Calls GET /v1/projects/{idOrSlug}.
func (s *ProjectsService) Get(ctx context.Context, idOrSlug string, opts ...RequestOption) (*Project, error) {
	if err := checkID("idOrSlug", idOrSlug); err != nil {
		return nil, err
	}
	return get[Project](ctx, s.c, s.c.route("projects", idOrSlug), opts)
}

// Delete removes a project by id or slug. Calls DELETE /v1/projects/{idOrSlug}.
func (s *ProjectsService) Delete(ctx context.Context, idOrSlug string, opts ...RequestOption) error {
	if err := checkID("idOrSlug", idOrSlug); err != nil {
		return err
	}
	return del(ctx, s.c, s.c.route("projects", idOrSlug), opts)
}
