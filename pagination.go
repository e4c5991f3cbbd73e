package runtools

import (
	"context"
	"errors"
	"fmt"
	"iter"
	"slices"
)

// Page is one page of a list call. Pass NextCursor to WithCursor for the next one.
type Page[T any] struct {
	Items      []T
	HasMore    bool
	NextCursor string
	RequestID  string
}

// errCursorStuck is reported when the server says there is more but names no new cursor:
// following it would loop forever.
var errCursorStuck = errors.New("runtools: the server's next cursor does not advance")

// Collect gathers every item of a lazy list into a slice, stopping at the first error (and
// returning the items read before it).
func Collect[T any](seq iter.Seq2[T, error]) ([]T, error) {
	var all []T
	for item, err := range seq {
		if err != nil {
			return all, err
		}
		all = append(all, item)
	}
	return all, nil
}

// paginate turns a page fetcher into a lazy sequence: nothing is requested until it is
// ranged over, breaking out stops further requests, each range starts again from the first
// page, and an error is yielded once and ends the sequence.
func paginate[T any](ctx context.Context, opts []RequestOption,
	fetch func(context.Context, ...RequestOption) (*Page[T], error)) iter.Seq2[*T, error] {
	return func(yield func(*T, error) bool) {
		pageOpts := opts
		seen := map[string]bool{}
		for {
			page, err := fetch(ctx, pageOpts...)
			if err != nil {
				yield(nil, err)
				return
			}
			for i := range page.Items {
				if !yield(&page.Items[i], nil) {
					return
				}
			}
			if !page.HasMore {
				return
			}
			if page.NextCursor == "" || seen[page.NextCursor] {
				yield(nil, fmt.Errorf("%w (cursor %q)", errCursorStuck, page.NextCursor))
				return
			}
			seen[page.NextCursor] = true
			pageOpts = append(slices.Clip(opts), WithCursor(page.NextCursor))
		}
	}
}
