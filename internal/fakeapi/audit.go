package fakeapi

import "time"

// listAuditLogs filters by exact action and by createdAt within [since, until], both bounds
// inclusive: with a coarse or frozen clock an event stamped exactly at a bound is still found.
func (s *Server) listAuditLogs(c *call) response {
	q := c.r.URL.Query()
	p, err := parsePage(q, "audit")
	if err != nil {
		return fail(err)
	}
	parse := func(field string) (time.Time, *apiError) {
		v := q.Get(field)
		if v == "" {
			return time.Time{}, nil
		}
		t, perr := time.Parse(time.RFC3339Nano, v)
		if perr != nil {
			return time.Time{}, errValidation(field, "%s must be an RFC 3339 time", field)
		}
		return t, nil
	}
	since, err := parse("since")
	if err != nil {
		return fail(err)
	}
	until, err := parse("until")
	if err != nil {
		return fail(err)
	}
	if !since.IsZero() && !until.IsZero() && until.Before(since) {
		return fail(errValidation("until", "until must not be before since"))
	}
	action := q.Get("action")
	keep := func(e *auditEvent) bool {
		return (action == "" || e.action == action) &&
			(since.IsZero() || !e.createdAt.Before(since)) &&
			(until.IsZero() || !e.createdAt.After(until))
	}
	return paginate(c.org.audit, func(e *auditEvent) uint64 { return e.seq }, keep, p, "audit", toWireAuditEvent)
}
