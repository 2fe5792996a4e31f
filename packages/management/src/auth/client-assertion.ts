/**
 * A registered symbol, so that a signer made by one copy of the package works with the
 * client of another. Not exported from any entry: not part of the public API.
 */
export const GRANT_FIELDS: unique symbol = Symbol.for(
  "@auth0-edge/management.grant-fields",
) as never;

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

/**
 * A signer as `privateKeyJwt()` makes it. Not exported from any entry: not part of the
 * public API.
 */
export interface GrantSigner extends PrivateKeyJwtSigner {
  /**
   * The fields a grant body of `clientId` at `origin` authenticates with: the assertion
   * and its type. The assertion is added to `secrets` before the grant can fail.
   */
  [GRANT_FIELDS](clientId: string, origin: string, secrets: string[]): Promise<object>;
}

/**
 * Whether `value` is a signer made by `privateKeyJwt()` (of any copy of the package): the
 * grant asks it for its fields, so that only clients of this method carry the code.
 */
export function isPrivateKeyJwtSigner(value: unknown): value is GrantSigner {
  // `?.`: null and undefined have no `kind`; nor, read this way, does any other primitive.
  return (
    (value as Partial<PrivateKeyJwtSigner> | null | undefined)?.kind === "private_key_jwt" &&
    typeof (value as Partial<GrantSigner>)[GRANT_FIELDS] === "function"
  );
}
