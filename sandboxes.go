package runtools

import (
	"context"
	"iter"
	"net/url"
	"strconv"
	"strings"
)

// SandboxesService manages the sandboxes of the active organization. Reach it as
// Client.Sandboxes.
type SandboxesService struct{ c *Client }

// SandboxCreateParams are the inputs of SandboxesService.Create. Every field is optional;
// an empty one is left out of the request so that the server's default applies.
type SandboxCreateParams struct {
	// Template such as "nodejs-20"; "" uses the organization's default template.
	Template string `json:"template,omitempty"`
	// Name of the sandbox (1–100 characters), by which Get can find it; "" sends none.
	Name string `json:"name,omitempty"`
	// Project is the id or slug of the project to create the sandbox in; "" is the
	// organization's default project.
	Project string   `json:"project,omitempty"`
	Tags    []string `json:"tags,omitempty"` // each non-empty
}

func (p SandboxCreateParams) validate() error {
	if p.Name != "" {
		if err := checkName("name", p.Name); err != nil {
			return err
		}
	}
	for i, tag := range p.Tags {
		if strings.TrimSpace(tag) == "" {
			return invalid("tags["+strconv.Itoa(i)+"]", "must not be empty")
		}
	}
	return nil
}

// SandboxListParams filter SandboxesService.List; empty fields do not filter.
type SandboxListParams struct {
	Project string // project id or slug
	Status  string // e.g. "running"
}

func (p SandboxListParams) query() url.Values {
	q := url.Values{}
	if p.Project != "" {
		q.Set("project", p.Project)
	}
	if p.Status != "" {
		q.Set("status", p.Status)
	}
	return q
}

// Create starts a sandbox; it comes back with Status "creating". Calls POST /v1/sandboxes.
func (s *SandboxesService) Create(ctx context.Context, params SandboxCreateParams, opts ...RequestOption) (*Sandbox, error) {
	if err := params.validate(); err != nil {
		return nil, err
	}
	return post[Sandbox](ctx, s.c, s.c.route("sandboxes"), params, opts)
}

// List yields every sandbox that matches params, fetching pages as it goes (each page keeps
// the filter). Calls GET /v1/sandboxes.
func (s *SandboxesService) List(ctx context.Context, params SandboxListParams, opts ...RequestOption) iter.Seq2[*Sandbox, error] {
	return paginate(ctx, opts, func(ctx context.Context, opts ...RequestOption) (*Page[Sandbox], error) {
		return s.ListPage(ctx, params, opts...)
	})
}

// ListPage returns one page of the sandboxes that match params. Calls GET /v1/sandboxes.
func (s *SandboxesService) ListPage(ctx context.Context, params SandboxListParams, opts ...RequestOption) (*Page[Sandbox], error) {
	return list[Sandbox](ctx, s.c, s.c.route("sandboxes").with(params.query()), opts)
}

// Get returns a sandbox by id or name. Calls GET /v1/sandboxes/{idOrName}.
func (s *SandboxesService) Get(ctx context.Context, idOrName string, opts ...RequestOption) (*Sandbox, error) {
	if err := checkID("idOrName", idOrName); err != nil {
		return nil, err
	}
	return get[Sandbox](ctx, s.c, s.c.route("sandboxes", idOrName), opts)
}

// Delete removes a sandbox. It takes the sandbox's id, not its name: the API deletes by id
// only (Get accepts either). Calls DELETE /v1/sandboxes/{id}.
func (s *SandboxesService) Delete(ctx context.Context, id string, opts ...RequestOption) error {
	if err := checkID("id", id); err != nil {
		return err
	}
	return del(ctx, s.c, s.c.route("sandboxes", id), opts)
}
