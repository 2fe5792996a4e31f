import {
  decodeProtectedHeader,
  errors,
  importJWK,
  importSPKI,
  type JWK,
  type JWTPayload,
  jwtVerify,
} from "jose";
import type { EmulatorClient } from "./types";

/** The `client_assertion_type` of RFC 7523 client authentication. */
export const jwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

const defaultAlgorithms = ["RS256", "RS384", "PS256"];
/** Auth0 refuses assertions that live longer than five minutes. */
const maxLifetimeSeconds = 300;
/** Auth0 tolerates ten seconds of clock skew on `iat` and `nbf`. */
const clockToleranceSeconds = 10;

/** Checks `private_key_jwt` client assertions. */
export interface AssertionVerifier {
  /** `undefined` when accepted, else the reason it was refused. */
  verify(assertion: string, client: EmulatorClient): Promise<string | undefined>;
  reset(): void;
}

async function importKey(client: EmulatorClient, alg: string): Promise<CryptoKey | Uint8Array> {
  const key = client.publicKey!;
  if (typeof key === "string") return importSPKI(key, alg);
  // A JWK always has `kty`; a CryptoKey never does.
  if ("kty" in key) return importJWK(key as JWK, alg);
  return key as CryptoKey;
}

function lifetimeProblem(payload: JWTPayload, nowSeconds: number): string | undefined {
  const exp = payload.exp!;
  if (typeof payload.iat === "number" && exp - payload.iat > maxLifetimeSeconds) {
    return "'exp' claim must specify a time that is no more than 5 minutes after 'iat'";
  }
  if (exp - nowSeconds > maxLifetimeSeconds + clockToleranceSeconds) {
    return "'exp' claim must specify a time that is no more than 5 minutes in the future";
  }
  return undefined;
}

/**
 * Verifies assertions as Auth0 documents them: signed by the client's registered key,
 * `iss` = `sub` = client id, `aud` = the tenant (`https://{domain}/`) or its token
 * endpoint, unexpired on the injected clock, at most five minutes long, and each `jti`
 * used once (remembered until the assertion would have expired anyway).
 *
 * @example
 * ```ts
 * const verifier = createAssertionVerifier({ domain: "tenant.example.com", now: Date.now });
 * const refusal = await verifier.verify(assertion, client); // undefined when accepted
 * ```
 */
export function createAssertionVerifier(options: {
  domain: string;
  now: () => number;
}): AssertionVerifier {
  const seen = new Map<string, number>();
  const audiences = [`https://${options.domain}/`, `https://${options.domain}/oauth/token`];

  return {
    async verify(assertion, client) {
      if (client.publicKey === undefined) return "Client has no public key registered";
      const algorithms = client.algorithms ?? defaultAlgorithms;
      let alg: string | undefined;
      try {
        alg = decodeProtectedHeader(assertion).alg;
      } catch {
        return "client_assertion is not a valid JWT";
      }
      if (alg === undefined || !algorithms.includes(alg)) {
        return `client_assertion must be signed with one of: ${algorithms.join(", ")}`;
      }
      const nowSeconds = Math.floor(options.now() / 1000);
      let payload: JWTPayload;
      try {
        const key = await importKey(client, alg);
        ({ payload } = await jwtVerify(assertion, key, {
          algorithms,
          issuer: client.clientId,
          subject: client.clientId,
          audience: audiences,
          currentDate: new Date(options.now()),
          clockTolerance: clockToleranceSeconds,
          requiredClaims: ["exp", "jti"],
        }));
      } catch (error) {
        if (error instanceof errors.JWTExpired) return "client_assertion has expired";
        if (error instanceof errors.JWTClaimValidationFailed) {
          return `client_assertion has an invalid '${error.claim}' claim`;
        }
        return "client_assertion signature could not be verified";
      }
      // The skew allowance is for `iat` and `nbf` only: an assertion is expired at `exp`.
      if (payload.exp! <= nowSeconds) return "client_assertion has expired";
      const tooLong = lifetimeProblem(payload, nowSeconds);
      if (tooLong !== undefined) return tooLong;

      for (const [key, exp] of seen) if (exp + clockToleranceSeconds < nowSeconds) seen.delete(key);
      const replayKey = `${client.clientId}\u0000${payload.jti}`;
      if (seen.has(replayKey)) return "client_assertion 'jti' has already been used";
      seen.set(replayKey, payload.exp!);
      return undefined;
    },
    reset() {
      seen.clear();
    },
  };
}
