package fakeapi

import (
	"encoding/base64"
	"net/url"
	"sort"
	"strconv"
	"strings"
)

const (
	defaultPageSize = 20
	maxPageSize     = 100
)

// pageParams is a validated limit/cursor pair. after is the sequence number of the last item
// the client has seen; every item carries a server-wide, strictly increasing sequence number
// fixed at creation, so "items after seq N" is stable under concurrent inserts: a new item
// always sorts after every cursor already handed out, and is seen once or not at all.
type pageParams struct {
	limit int
	after uint64
}

// parsePage reads limit and cursor. A cursor names the list it came from (kind), so a cursor
// of one list handed to another is "unknown", as API.md section 4 requires.
func parsePage(q url.Values, kind string) (pageParams, *apiError) {
	p := pageParams{limit: defaultPageSize}
	if q.Has("limit") {
		n, err := strconv.Atoi(q.Get("limit"))
		if err != nil || n < 1 || n > maxPageSize {
			return p, errValidation("limit", "limit must be an integer from 1 to %d", maxPageSize)
		}
		p.limit = n
	}
	if c := q.Get("cursor"); c != "" || q.Has("cursor") {
		after, ok := decodeCursor(c, kind)
		if !ok {
			return p, errValidation("cursor", "Unknown cursor")
		}
		p.after = after
	}
	return p, nil
}

func encodeCursor(kind string, seq uint64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(kind + ":" + strconv.FormatUint(seq, 10)))
}

func decodeCursor(c, kind string) (uint64, bool) {
	raw, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return 0, false
	}
	k, n, found := strings.Cut(string(raw), ":")
	if !found || k != kind {
		return 0, false
	}
	seq, err := strconv.ParseUint(n, 10, 64)
	if err != nil || seq == 0 {
		return 0, false
	}
	return seq, true
}

// paginate cuts one page out of a creation-ordered slice. keep filters (nil keeps all); wire
// converts each kept item. The result's data is never nil, so an empty page encodes as [].
func paginate[T any, W any](items []T, seqOf func(T) uint64, keep func(T) bool, p pageParams, kind string, wire func(T) W) response {
	start := sort.Search(len(items), func(i int) bool { return seqOf(items[i]) > p.after })
	out := make([]W, 0, min(p.limit, len(items)-start))
	var lastSeq uint64
	hasMore := false
	for _, it := range items[start:] {
		if keep != nil && !keep(it) {
			continue
		}
		if len(out) == p.limit {
			hasMore = true
			break
		}
		out = append(out, wire(it))
		lastSeq = seqOf(it)
	}
	r := response{status: 200, data: out, list: true, hasMore: hasMore}
	if hasMore {
		r.next = encodeCursor(kind, lastSeq)
	}
	return r
}
