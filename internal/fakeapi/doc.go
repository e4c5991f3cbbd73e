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
package fakeapi
