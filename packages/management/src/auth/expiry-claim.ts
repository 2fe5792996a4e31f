// Read by the grant (to stamp `expiresAt`) and by the token provider (to tell a token
// refused as expired from one refused as revoked); apart from both, so neither imports the other.

/**
 * A JWT's `exp` in milliseconds, read without verifying (the API verifies it; this only
 * keeps our clock from trusting `expires_in` past what the token says). Infinity for a
 * token that is not a JWT or has no numeric `exp`.
 */
export function expiryClaim(token: string): number {
  try {
    const exp = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))).exp;
    return exp > 0 ? exp * 1000 : Infinity;
  } catch {
    return Infinity;
  }
}
