import {
  calculateJwkThumbprint,
  errors,
  exportJWK,
  generateKeyPair,
  type JWK,
  type JWTPayload,
  jwtVerify,
  SignJWT,
} from "jose";
import { randomHex } from "./ids";

interface SigningKey {
  privateKey: CryptoKey;
  publicKey: CryptoKey;
  jwk: JWK;
}

/** Claims of an access token the emulator issued and accepted. */
export interface AccessTokenClaims extends JWTPayload {
  azp: string;
  scope: string;
  gty: "client-credentials";
}

/** Why a bearer token was refused. */
export type TokenRefusal = "malformed" | "expired" | "invalid";

/** Issues and checks the emulator's access tokens. */
export interface TokenAuthority {
  issue(clientId: string, scopes: string[]): Promise<string>;
  verify(token: string): Promise<AccessTokenClaims | TokenRefusal>;
  jwks(): Promise<{ keys: JWK[] }>;
  /** Refuses every token issued so far. */
  revokeIssued(): void;
  /** Forgets revocations; tokens issued earlier stay valid. */
  reset(): void;
}

/**
 * One RSA key pair per process, created on first use: generating it costs hundreds of
 * milliseconds, and a test suite builds many emulators. Emulators stay isolated because
 * each accepts only the tokens it issued itself (by `jti`).
 */
let sharedKey: Promise<SigningKey> | undefined;

function signingKey(): Promise<SigningKey> {
  sharedKey ??= (async () => {
    const pair = await generateKeyPair("RS256", { extractable: true });
    const exported = await exportJWK(pair.publicKey);
    const kid = await calculateJwkThumbprint(exported);
    const jwk: JWK = { ...exported, kid, alg: "RS256", use: "sig" };
    return { privateKey: pair.privateKey, publicKey: pair.publicKey, jwk };
  })();
  return sharedKey;
}

/**
 * Access tokens are real RS256 JWTs shaped like Auth0's client-credentials tokens
 * (`sub` = `{client_id}@clients`, `gty`, `azp`, `scope`).
 *
 * @example
 * ```ts
 * const tokens = createTokenAuthority({ issuer, audience, lifetimeSeconds: 86400, now: Date.now });
 * const jwt = await tokens.issue("client", ["read:users"]);
 * ```
 */
export function createTokenAuthority(options: {
  issuer: string;
  audience: string;
  lifetimeSeconds: number;
  now: () => number;
}): TokenAuthority {
  const key = signingKey;
  /** Every token this emulator issued; `reset()` keeps them valid. */
  const issued = new Set<string>();
  const revoked = new Set<string>();

  return {
    async issue(clientId, scopes) {
      const { privateKey, jwk } = await key();
      const iat = Math.floor(options.now() / 1000);
      const jti = randomHex(32);
      const token = await new SignJWT({
        scope: scopes.join(" "),
        gty: "client-credentials",
        azp: clientId,
      })
        .setProtectedHeader({ alg: "RS256", typ: "JWT", kid: jwk.kid! })
        .setIssuer(options.issuer)
        .setSubject(`${clientId}@clients`)
        .setAudience(options.audience)
        .setIssuedAt(iat)
        .setExpirationTime(iat + options.lifetimeSeconds)
        .setJti(jti)
        .sign(privateKey);
      issued.add(jti);
      return token;
    },

    async verify(token) {
      if (token.split(".").length !== 3) return "malformed";
      const { publicKey } = await key();
      try {
        const { payload } = await jwtVerify(token, publicKey, {
          algorithms: ["RS256"],
          issuer: options.issuer,
          audience: options.audience,
          currentDate: new Date(options.now()),
        });
        const jti = payload.jti;
        if (typeof jti !== "string" || !issued.has(jti) || revoked.has(jti)) return "invalid";
        return payload as AccessTokenClaims;
      } catch (error) {
        return error instanceof errors.JWTExpired ? "expired" : "invalid";
      }
    },

    async jwks() {
      return { keys: [(await key()).jwk] };
    },

    revokeIssued() {
      for (const jti of issued) revoked.add(jti);
    },

    reset() {
      revoked.clear();
    },
  };
}
