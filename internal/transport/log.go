package transport

import (
	"context"
	"log/slog"
)

// logf writes one Debug event. Only method, path, status, attempt, wait, request id and
// error text are ever passed in: never headers, bodies or keys.
func (t *Transport) logf(ctx context.Context, msg string, args ...any) {
	if t.cfg.Logger == nil || !t.cfg.Logger.Enabled(ctx, slog.LevelDebug) {
		return
	}
	t.cfg.Logger.DebugContext(ctx, msg, args...)
}
