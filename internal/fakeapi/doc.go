// Package fakeapi is an in-memory, concurrency-safe reference implementation of the RunTools
// API v1 wire contract (API.md), served as an [http.Handler].
//
// It is a second, independent reading of API.md: it never imports the SDK, so agreement between
// the SDK and this server is evidence that both read the contract the same way. The public
// package runtoolstest wraps it for SDK users; this package holds the behaviour.
//
// # Order of checks
//
// Every request goes through the same gate, and the first failing step decides the answer.
// The order puts cheap, state-free rejections first and never discloses more than the caller may
// know (a viewer asking to change a member that does not exist learns "forbidden", not "not
// found"):
//
//  1. Request id (X-Request-Id on every response) and the request log.
//  2. Injected failures ([Server.FailNext]): answered at once, nothing processed.
//  3. Authentication: 401 unauthorized / invalid_token / token_expired.
//  4. Rate limit per credential: 429 rate_limited (not counted, nothing processed).
//  5. Body size, then for POST the Idempotency-Key: 400 on a missing or bad key, then a replay,
//     409 idempotency_key_in_use or 422 idempotency_key_reused.
//  6. Injected latency ([Server.SetLatency]); a cancelled request stops here.
//  7. Route: 404 not_found for an unknown path, 405 method_not_allowed for a known path.
//  8. Organization resolution ({org} path segment, else RunTools-Organization, else the key's
//     own organization): 404 not_found when the caller is not a member.
//  9. Scope of the key: 403 insufficient_scope.
//  10. Role of the caller in the organization: 403 forbidden.
//  11. Plan: 403 plan_limit_exceeded / feature_not_available.
//  12. Input validation (body, then query): 400 validation_error / confirmation_mismatch.
//  13. Existence of the addressed or referenced resource: 404 not_found.
//  14. Business rules (the owner is protected: 403 forbidden) and billing (402).
//  15. Conflicts: 409 conflict.
//  16. Commit. Only now does state change, so every rejected request changes nothing.
//  17. Answer, or drop the connection without one ([Server.CommitThenDrop]).
//
// # Idempotency
//
// A POST's response is stored for 24 hours (by the server clock) under the credential and its
// Idempotency-Key when the endpoint produced it (steps 7–16) with a status below 500, so a 2xx
// and an endpoint's 4xx replay alike ("same key, same answer"). Gate answers (steps 2–5), 5xx
// answers and requests abandoned during latency are not stored: they were not processed, and a
// retry with the same key runs afresh. A replay is the first response byte for byte, with its
// X-Request-Id, plus Idempotent-Replayed: true and current rate-limit headers. The fingerprint that detects reuse covers the method, the
// escaped path, the RunTools-Organization header (it selects the target as much as the path
// does) and the body bytes.
//
// # Choices where API.md is silent
//
//   - Request bodies are decoded strictly: an unknown field is 400 validation_error naming it,
//     so a misspelt field from a client surfaces instead of being ignored. An empty body is {}.
//     Malformed JSON is 400 validation_error without a field.
//   - Organization and project creation require both name and slug. "current" is not a slug.
//   - A reference to a missing resource in a body or filter (projectId, project, userId of a
//     transfer) is 404 not_found, as for a path.
//   - DELETE is repeatable for members, invites, projects, sandboxes, SSO and (soft) API keys:
//     repeating a successful delete answers 200 again, so a retry after a lost answer succeeds.
//     An organization cannot be deleted twice: it is gone, and 404 answers the repeat.
//   - Removing a member revokes the keys that member holds in that organization.
//   - An invite is pending until revoked or 7 days old (then expired, which frees the email).
//   - Deleting the default project, or a project with sandboxes, is 409 conflict.
//   - Sandbox names are unique in an organization (GET addresses by id or name); an unnamed
//     sandbox is named after its id.
//   - Rotating a revoked key is 409 conflict; an expired key may be rotated. The successor keeps
//     the key's owner.
//   - Audit-log since and until are both inclusive. Besides the actions API.md lists, the
//     server records invite.revoked, project.deleted and sso.disabled.
//   - SSO endpoints all need the enterprise plan; the SSO DELETE answers the organization id.
//   - Unauthenticated answers carry X-RateLimit-* headers of the free plan, uncounted.
//   - /v1/me and GET /v1/organizations ignore RunTools-Organization; every other endpoint
//     resolves it.
//   - Session tokens (JWT) are not implemented: only API keys authenticate.
package fakeapi
