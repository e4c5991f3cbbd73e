package runtools_test

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/runtools-ai/runtools-go"
)

const (
	page1 = `{"data":[{"id":"o1"},{"id":"o2"}],"meta":{"hasMore":true,"nextCursor":"c2"}}`
	page2 = `{"data":[{"id":"o3"}],"meta":{"hasMore":true,"nextCursor":"c3"}}`
	page3 = `{"data":[{"id":"o4"}],"meta":{"hasMore":false,"nextCursor":null}}`
)

func ids(orgs []*runtools.Organization) []string {
	var out []string
	for _, o := range orgs {
		out = append(out, o.ID)
	}
	return out
}

func TestListIsLazyAndFollowsCursors(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, page1).reply(200, page2).reply(200, page3)
	seq := m.client().Organizations.List(context.Background(), runtools.WithPageSize(2))
	assert.Empty(t, m.requests(), "nothing is sent until the sequence is ranged over")

	orgs, err := runtools.Collect(seq)
	require.NoError(t, err)
	assert.Equal(t, []string{"o1", "o2", "o3", "o4"}, ids(orgs))
	reqs := m.requests()
	require.Len(t, reqs, 3)
	assert.Equal(t, "limit=2", reqs[0].RawQuery)
	assert.Equal(t, "cursor=c2&limit=2", reqs[1].RawQuery)
	assert.Equal(t, "cursor=c3&limit=2", reqs[2].RawQuery)
}

func TestListAcceptsTopLevelPaging(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, `{"data":[{"id":"o1"}],"hasMore":true,"nextCursor":"c2","meta":{"requestId":"r"}}`).
		reply(200, `{"data":[{"id":"o2"}],"hasMore":false,"nextCursor":null}`)
	orgs, err := runtools.Collect(m.client().Organizations.List(context.Background()))
	require.NoError(t, err)
	assert.Equal(t, []string{"o1", "o2"}, ids(orgs))
	assert.Equal(t, "cursor=c2", m.requests()[1].RawQuery)
}

func TestBreakStopsFurtherRequests(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, page1).reply(200, page2)
	for org, err := range m.client().Organizations.List(context.Background()) {
		require.NoError(t, err)
		if org.ID == "o1" {
			break
		}
	}
	assert.Len(t, m.requests(), 1)
}

func TestListIsReiterable(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, page1).reply(200, page3).reply(200, page1).reply(200, page3)
	seq := m.client().Organizations.List(context.Background())
	first, err := runtools.Collect(seq)
	require.NoError(t, err)
	second, err := runtools.Collect(seq)
	require.NoError(t, err)
	assert.Equal(t, ids(first), ids(second))
	reqs := m.requests()
	require.Len(t, reqs, 4)
	assert.Empty(t, reqs[2].RawQuery, "the second range starts from the first page")
}

func TestListStopsAfterOneError(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, page1).reply(404, errorJSON("not_found", "gone"))
	var got []string
	var errs []error
	for org, err := range m.client().Organizations.List(context.Background()) {
		if err != nil {
			errs = append(errs, err)
			continue
		}
		got = append(got, org.ID)
	}
	assert.Equal(t, []string{"o1", "o2"}, got)
	require.Len(t, errs, 1)
	assert.ErrorIs(t, errs[0], runtools.ErrNotFound)
	assert.Len(t, m.requests(), 2)
}

func TestListRefusesACursorThatDoesNotAdvance(t *testing.T) {
	for name, pages := range map[string][]string{
		"same cursor":     {page1, `{"data":[{"id":"o3"}],"meta":{"hasMore":true,"nextCursor":"c2"}}`},
		"empty cursor":    {`{"data":[{"id":"o1"}],"meta":{"hasMore":true,"nextCursor":""}}`},
		"cursor in cycle": {page1, page2, `{"data":[],"meta":{"hasMore":true,"nextCursor":"c2"}}`},
	} {
		t.Run(name, func(t *testing.T) {
			m := newMockAPI(t)
			for _, p := range pages {
				m.reply(200, p)
			}
			_, err := runtools.Collect(m.client().Organizations.List(context.Background()))
			require.Error(t, err)
			assert.Contains(t, err.Error(), "does not advance")
			assert.Len(t, m.requests(), len(pages))
		})
	}
}

func TestCollectReturnsItemsBeforeTheError(t *testing.T) {
	m := newMockAPI(t)
	m.reply(200, page1).reply(500, errorJSON("internal_error", "x"))
	orgs, err := runtools.Collect(m.client(runtools.WithMaxRetries(0)).Organizations.List(context.Background()))
	assert.ErrorIs(t, err, runtools.ErrServer)
	assert.Equal(t, []string{"o1", "o2"}, ids(orgs))
}
