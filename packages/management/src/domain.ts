import { ConfigurationError } from "./errors.js";

// A DNS name: labels of letters, digits and inner hyphens, at least one dot.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const LOCAL_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::(\d{1,5}))?$/;

/**
 * The origin (`https://host`) for a tenant domain, or a {@link ConfigurationError}.
 *
 * Only a bare host name passes: a scheme, path, port, user info (`a@b.com`), query,
 * whitespace or control character is refused rather than "cleaned", because a
 * cleaned-up value could point the client — and its credentials — somewhere else.
 */
export function originForDomain(domain: unknown, allowInsecureLocalhost = false): string {
  if (typeof domain !== "string" || domain.length === 0) {
    throw new ConfigurationError(
      "`domain` is required: the tenant host name, e.g. my-tenant.eu.auth0.com",
    );
  }
  const shown = JSON.stringify(domain.length > 80 ? `${domain.slice(0, 80)}…` : domain);
  if (allowInsecureLocalhost) {
    const local = LOCAL_ORIGIN.exec(domain);
    if (local && (local[1] === undefined || Number(local[1]) <= 65535)) return domain;
  }
  if (!HOST_NAME.test(domain)) {
    throw new ConfigurationError(
      `\`domain\` must be a bare host name such as my-tenant.eu.auth0.com, without scheme, path, port or "@"; got ${shown}`,
    );
  }
  return `https://${domain.toLowerCase()}`;
}
