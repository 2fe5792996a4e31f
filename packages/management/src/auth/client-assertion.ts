/**
 * Signs the client assertion of a `private_key_jwt` grant. Made by `privateKeyJwt()`
 * from `@auth0-edge/management/private-key-jwt`; the core only calls it, so the
 * JOSE code stays out of bundles that authenticate another way.
 */
export interface PrivateKeyJwtSigner {
  readonly kind: "private_key_jwt";
  /** The JWS algorithm, e.g. `RS256`. */
  readonly alg: string;
  /** A signed JWT with `iss` = `sub` = `clientId` and `aud` = `audience`. */
  sign(claims: { clientId: string; audience: string }): Promise<string>;
}

export function isPrivateKeyJwtSigner(value: unknown): value is PrivateKeyJwtSigner {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Partial<PrivateKeyJwtSigner>).kind === "private_key_jwt" &&
    typeof (value as Partial<PrivateKeyJwtSigner>).sign === "function"
  );
}
