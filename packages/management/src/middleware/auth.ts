import type { TokenProvider } from "../auth/token-provider.js";
import type { Middleware, RequestContext } from "../pipeline.js";

/** Runs the rest of the pipeline with the token on a copy of the headers, so steps before this one never see it. */
async function sendWith(
  ctx: RequestContext,
  token: string,
  next: () => Promise<Response>,
): Promise<Response> {
  const headers = ctx.headers;
  ctx.headers = new Headers(headers);
  ctx.headers.set("authorization", `Bearer ${token}`);
  try {
    return await next();
  } finally {
    ctx.headers = headers;
  }
}

/**
 * Puts the bearer token on each attempt, and adds it to `secrets`, which every error
 * of the client is redacted of. A 401 means the token was revoked or expired early:
 * forget it, get a fresh one (concurrent callers share that one grant) and send the
 * request once more.
 */
export function createAuthStep(tokens: TokenProvider, secrets: string[]): Middleware {
  const use = async (ctx: RequestContext) => {
    const token = await tokens.getToken(ctx.signal);
    if (!secrets.includes(token)) secrets.push(token);
    // A token function may give a new token per call: remember the recent ones only.
    if (secrets.length > 20) secrets.splice(1, 1);
    return token;
  };
  return async (ctx, next) => {
    let token = await use(ctx);
    let response = await sendWith(ctx, token, next);
    if (response.status === 401 && tokens.refreshable) {
      await tokens.answered(token, true);
      token = await use(ctx);
      response = await sendWith(ctx, token, next);
    }
    // Every answer counts: refusals toward the token brake, an acceptance resets it.
    await tokens.answered(token, response.status === 401);
    return response;
  };
}
