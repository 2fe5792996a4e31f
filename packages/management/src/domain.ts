import { ConfigurationError } from "./errors.js";

// DNS labels of letters, digits and inner hyphens, at least two of them; the last one
// (the TLD) starts with a letter, so no spelling of an IPv4 address (127.1, 0x7f.1,
// 1.2.3.4.5) is a host name, and the URL parser cannot read one as an address.
const HOST_NAME =
  /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z](?:[a-z0-9-]{0,61}[a-z0-9])?$/i;
const LOCAL_ORIGIN = /^http:\/\/(?:localhost|127\.0\.0\.1)(?::(\d{1,5}))?$/;

/**
 * The origin (`https://host`) for a tenant domain, or a {@link ConfigurationError}.
 *
 * Only a bare DNS name passes: a scheme, path, port, user info (`a@b.com`), query,
 * whitespace, control character, IP address or `localhost` is refused rather than
 * "cleaned", because a cleaned-up value could point the client — and its credentials —
 * somewhere else. The URL is built once here and its host must be the name as given.
 */
export function originForDomain(given: unknown, allowInsecureLocalhost?: boolean): string {
  const domain = typeof given === "string" ? given : "";
  const local = allowInsecureLocalhost && LOCAL_ORIGIN.exec(domain);
  // The port's digits compare as a number; no port compares false.
  if (local && !(Number(local[1]) > 65535)) return domain;
  const host = domain.toLowerCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: it looks for control characters.
  const problem = /[\x00-\x20\x7f]/.test(domain)
    ? "no spaces or control characters"
    : /[^ -~]/.test(domain)
      ? "give its punycode (xn--) form"
      : !HOST_NAME.test(host) || new URL(`https://${host}`).host !== host
        ? "not a host name like my-tenant.eu.auth0.com (no scheme, port, path, @ or IP)"
        : /(?:^|\.)localhost$/.test(host) && !allowInsecureLocalhost
          ? "localhost needs allowInsecureLocalhost"
          : undefined;
  if (problem) {
    throw new ConfigurationError(`\`domain\` ${JSON.stringify(domain.slice(0, 80))}: ${problem}`);
  }
  return `https://${host}`;
}
