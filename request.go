package runtools

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strconv"

	"github.com/runtools-ai/runtools-go/internal/transport"
)

// route is the target of one call, with the organization read once for both the
// RunTools-Organization header and any {org} path segment, so that a concurrent
// SetOrganization cannot split one request between two organizations.
type route struct {
	org      string
	segments []string // unescaped, after /v1
	query    url.Values
}

func (c *Client) route(segments ...string) route {
	return route{org: c.Organization(), segments: segments}
}

// orgRoute targets /v1/organizations/{org}/..., {org} being the active organization or
// "current" (the credential's own).
func (c *Client) orgRoute(segments ...string) route {
	org := c.Organization()
	return route{org: org, segments: append([]string{"organizations", cmp.Or(org, "current")}, segments...)}
}

func (r route) with(query url.Values) route {
	r.query = query
	return r
}

// send is the one way every method reaches the pipeline: it applies the request options,
// marshals the body once, and turns pipeline errors into the public *APIError.
func (c *Client) send(ctx context.Context, method string, r route, body any, out any, opts []RequestOption) (*transport.Result, error) {
	rc, err := newRequestConfig(opts)
	if err != nil {
		return nil, err
	}
	path, err := transport.Path(r.segments...)
	if errors.Is(err, transport.ErrBadSegment) {
		return nil, invalid("path", `an id or organization is empty, "." or ".."`)
	}
	req := transport.Request{Method: method, Path: path, Query: r.query, Organization: r.org,
		IdempotencyKey: rc.idempotencyKey}
	if body != nil {
		if req.Body, err = json.Marshal(body); err != nil {
			return nil, err
		}
	}
	if method == http.MethodGet && (rc.pageSize > 0 || rc.cursor != "") {
		req.Query = pageQuery(r.query, rc)
	}
	res, err := c.transport.Do(ctx, req, out)
	if rc.info != nil && res != nil {
		*rc.info = ResponseInfo{StatusCode: res.StatusCode, RequestID: res.RequestID, Attempts: res.Attempts,
			RateLimit: RateLimit(res.RateLimit)}
	}
	return res, apiError(err)
}

func pageQuery(base url.Values, rc *requestConfig) url.Values {
	q := url.Values{}
	for k, v := range base {
		q[k] = v
	}
	if rc.pageSize > 0 {
		q.Set("limit", strconv.Itoa(rc.pageSize))
	}
	if rc.cursor != "" {
		q.Set("cursor", rc.cursor)
	}
	return q
}

// get, post, put and patch decode the response's data into a new T.
func get[T any](ctx context.Context, c *Client, r route, opts []RequestOption) (*T, error) {
	return call[T](ctx, c, http.MethodGet, r, nil, opts)
}

func post[T any](ctx context.Context, c *Client, r route, body any, opts []RequestOption) (*T, error) {
	return call[T](ctx, c, http.MethodPost, r, body, opts)
}

func put[T any](ctx context.Context, c *Client, r route, body any, opts []RequestOption) (*T, error) {
	return call[T](ctx, c, http.MethodPut, r, body, opts)
}

func patch[T any](ctx context.Context, c *Client, r route, body any, opts []RequestOption) (*T, error) {
	return call[T](ctx, c, http.MethodPatch, r, body, opts)
}

func call[T any](ctx context.Context, c *Client, method string, r route, body any, opts []RequestOption) (*T, error) {
	out := new(T)
	if _, err := c.send(ctx, method, r, body, out, opts); err != nil {
		return nil, err
	}
	return out, nil
}

// del sends a DELETE whose {"id", "deleted"} answer carries nothing the caller needs.
func del(ctx context.Context, c *Client, r route, opts []RequestOption) error {
	_, err := c.send(ctx, http.MethodDelete, r, nil, nil, opts)
	return err
}

// list fetches one page of a list endpoint.
func list[T any](ctx context.Context, c *Client, r route, opts []RequestOption) (*Page[T], error) {
	var items []T
	res, err := c.send(ctx, http.MethodGet, r, nil, &items, opts)
	if err != nil {
		return nil, err
	}
	return &Page[T]{Items: items, HasMore: res.HasMore, NextCursor: res.NextCursor, RequestID: res.RequestID}, nil
}
