/**
 * `@auth0-edge/management/private-key-jwt`: {@link privateKeyJwt}, the signer for
 * `private_key_jwt` client authentication (a client assertion signed with jose, on Web
 * Crypto). In an entry of its own, so only clients that use it carry jose.
 *
 * @packageDocumentation
 * @module private-key-jwt
 */
import { importJWK, importPKCS8, type JWK, SignJWT } from "jose";
import {
  GRANT_FIELDS,
  type GrantSigner,
  type PrivateKeyJwtSigner,
} from "./auth/client-assertion.js";
import { ConfigurationError, TokenError } from "./errors.js";
import type { CryptoKeyLike, JsonWebKeyLike } from "./web-types.js";

/** The algorithms Auth0 accepts for `private_key_jwt` client assertions. */
export type ClientAssertionAlgorithm = "RS256" | "RS384" | "PS256" | "PS384" | "ES256" | "ES384";

const ALGORITHMS = new Set<string>(["RS256", "RS384", "PS256", "PS384", "ES256", "ES384"]);

export interface PrivateKeyJwtOptions {
  /** The signing algorithm of the credential registered in Auth0. Default `RS256`. */
  alg?: ClientAssertionAlgorithm;
  /** The `kid` header: the credential's key id, when Auth0 should pick the key by id. */
  kid?: string;
  /** How long each assertion is valid, in seconds. Default 60 (Auth0 accepts at most 300). */
  lifetimeSeconds?: number;
}

// Our own JWK type rather than jose's (or the DOM's), so the published types need neither.
/** A private key: a PKCS#8 PEM, a `CryptoKey` or a private JWK. */
export type KeyInput = string | CryptoKeyLike | JsonWebKeyLike;

/**
 * A signer for the `private_key_jwt` client credentials grant. Pass it as the
 * `privateKey` option of `createManagementClient`. The key is imported once, on the
 * first grant, with Web Crypto; it is never exposed by the returned object.
 *
 * Exported from `@auth0-edge/management/private-key-jwt`.
 *
 * @example
 * ```ts
 * import { createManagementClient } from "@auth0-edge/management";
 * import { privateKeyJwt } from "@auth0-edge/management/private-key-jwt";
 *
 * const client = createManagementClient({
 *   domain: "my-tenant.eu.auth0.com",
 *   clientId: env.AUTH0_CLIENT_ID,
 *   privateKey: privateKeyJwt(env.AUTH0_PRIVATE_KEY_PEM, { alg: "RS256" }),
 * });
 * ```
 */
export function privateKeyJwt(
  key: KeyInput,
  options: PrivateKeyJwtOptions = {},
): PrivateKeyJwtSigner {
  const alg = options.alg ?? "RS256";
  if (!ALGORITHMS.has(alg)) {
    throw new ConfigurationError(
      `privateKeyJwt: \`alg\` must be one of ${[...ALGORITHMS].join(", ")}`,
    );
  }
  const lifetime = options.lifetimeSeconds ?? 60;
  if (!Number.isInteger(lifetime) || lifetime < 1 || lifetime > 300) {
    throw new ConfigurationError(
      "privateKeyJwt: `lifetimeSeconds` must be a whole number from 1 to 300",
    );
  }
  if (typeof key === "string") {
    if (key.includes("BEGIN RSA PRIVATE KEY") || key.includes("BEGIN EC PRIVATE KEY")) {
      throw new ConfigurationError(
        "privateKeyJwt: the key is PKCS#1/SEC1 PEM; convert it to PKCS#8 (`openssl pkcs8 -topk8 -nocrypt`)",
      );
    }
    if (!key.includes("BEGIN PRIVATE KEY")) {
      throw new ConfigurationError(
        "privateKeyJwt: a string key must be a PKCS#8 PEM (-----BEGIN PRIVATE KEY-----)",
      );
    }
  } else if (typeof key !== "object" || key === null) {
    throw new ConfigurationError(
      "privateKeyJwt: the key must be a PKCS#8 PEM string, a CryptoKey or a private JWK",
    );
  }

  let imported: Promise<CryptoKey | Uint8Array> | undefined;
  const load = () => {
    imported ??= (async () => {
      if (typeof key === "string") return importPKCS8(key, alg);
      if (typeof CryptoKey !== "undefined" && key instanceof CryptoKey) return key;
      return importJWK(key as JWK, alg);
    })();
    return imported;
  };

  const sign: PrivateKeyJwtSigner["sign"] = async ({ clientId, audience }) => {
    let signingKey: CryptoKey | Uint8Array;
    try {
      signingKey = await load();
    } catch (cause) {
      imported = undefined;
      // The cause is jose's own error: it describes the format, never the key material.
      throw new TokenError(`the private key could not be imported for ${alg}`, { cause });
    }
    const header = options.kid ? { alg, kid: options.kid, typ: "JWT" } : { alg, typ: "JWT" };
    return new SignJWT({})
      .setProtectedHeader(header)
      .setIssuer(clientId)
      .setSubject(clientId)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${lifetime}s`)
      .setJti(crypto.randomUUID())
      .sign(signingKey);
  };

  const signer: GrantSigner = {
    kind: "private_key_jwt",
    alg,
    sign,
    // Here rather than in the grant, so that only clients of this method carry it.
    async [GRANT_FIELDS](clientId, origin, secrets) {
      const assertion = await sign({ clientId, audience: `${origin}/` });
      secrets.push(assertion);
      return {
        client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
        client_assertion: assertion,
      };
    },
  };
  return Object.freeze(signer);
}
