import type { Route } from "../router";

/**
 * `/blacklists/tokens`: the token denylist of the classic API. It is no longer in the
 * OpenAPI document, but Auth0 still answers it (as recorded): 204 to a POST, and a plain
 * array to a GET even with `include_totals`. So its method, path, scopes and body schema are
 * written here, the only ones not generated from the document.
 */
export const blacklistRoutes: Route[] = [
  {
    method: "GET",
    path: "/blacklists/tokens",
    scopes: ["blacklist:tokens"],
    handle(context) {
      const aud = context.query.get("aud");
      const tokens = context.state.blacklistedTokens
        .filter((token) => aud === null || token.aud === aud)
        .map((token) => ({ ...token }));
      return { status: 200, body: tokens };
    },
  },
  {
    method: "POST",
    path: "/blacklists/tokens",
    scopes: ["blacklist:tokens"],
    body: { fields: { aud: "string", jti: "string" }, required: ["jti"] },
    audit: "Blacklist a token",
    async handle(context) {
      const body = await context.input();
      // Without `aud`, the token is taken to be one of the calling client's.
      const token = {
        aud: (body.aud as string | undefined) ?? context.token.azp,
        jti: body.jti as string,
      };
      const known = context.state.blacklistedTokens.some(
        (t) => t.aud === token.aud && t.jti === token.jti,
      );
      if (!known) context.state.blacklistedTokens.push(token);
      return { status: 204 };
    },
  },
];
