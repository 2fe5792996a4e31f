import type { TokenProvider } from "../auth/token-provider.js";
import type { Middleware } from "../pipeline.js";

/**
 * Puts the bearer token on each attempt. A 401 means the token was revoked or
 * expired early: forget it, get a fresh one (concurrent callers share that one
 * grant) and send the request once more.
 */
export function createAuthStep(tokens: TokenProvider): Middleware {
  return async (ctx, next) => {
    const token = await tokens.getToken(ctx.signal);
    ctx.headers.set("authorization", `Bearer ${token}`);
    const response = await next();
    if (response.status !== 401 || !tokens.refreshable) return response;
    await tokens.invalidate(token);
    ctx.headers.set("authorization", `Bearer ${await tokens.getToken(ctx.signal)}`);
    return next();
  };
}
