import type { TokenProvider } from "../auth/token-provider.js";
import type { Middleware } from "../pipeline.js";

/**
 * Puts the bearer token on each attempt, and adds it to `secrets`, which every error
 * of the client is redacted of. A 401 means the token was revoked or expired early:
 * forget it, get a fresh one (concurrent callers share that one grant) and send the
 * request once more.
 */
export function createAuthStep(tokens: TokenProvider, secrets: string[]): Middleware {
  return async (ctx, next) => {
    let token: string;
    let response: Response;
    // One attempt and one retry after a 401. A refusal read as expiry (the token was past
    // its refresh-after time) keeps the count: should the newer token the retry takes be
    // refused too (revoked meanwhile), one more attempt takes a token granted after.
    for (let tries = 3; ; ) {
      token = await tokens.getToken(ctx);
      // A token function may give a new token per call: remember the recent ones only.
      if (!secrets.includes(token) && secrets.push(token) > 20) secrets.splice(1, 1);
      // The token is on the call's headers for this attempt only, with no copy of them
      // made: it is taken off when the attempt ends, so a step before this one finds no
      // token there once its `next()` settles.
      const headers = ctx.headers;
      headers.set("authorization", `Bearer ${token}`);
      try {
        response = await next();
      } finally {
        ctx.headers = headers;
        headers.delete("authorization");
      }
      if (response.status !== 401 || tokens.fixed || !--tries) break;
      if (!(await tokens.answered?.(token, true))) tries = 1;
    }
    // Every answer counts: refusals toward the token brake, an acceptance resets it.
    await tokens.answered?.(token, response.status === 401);
    return response;
  };
}
