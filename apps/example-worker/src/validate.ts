import { HttpError } from "./http.js";

function invalid(message: string): HttpError {
  return new HttpError(400, "invalid_request", message);
}

// Deliberately loose: Auth0 is the judge of what an email is; this only refuses what
// cannot be one, so a typo gets a clear 400 instead of an empty result.
const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The `email` query parameter, or a 400. */
export function emailParam(query: URLSearchParams): string {
  const email = query.get("email")?.trim() ?? "";
  if (email === "") throw invalid("`email` is required: /users?email=ada@example.com");
  if (email.length > 254 || !EMAIL.test(email)) throw invalid("`email` must be an email address");
  return email;
}

/** A whole-number query parameter within bounds, its default when absent, or a 400. */
export function integerParam(
  query: URLSearchParams,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const text = query.get(name);
  if (text === null || text === "") return bounds.fallback;
  const value = /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= bounds.min && value <= bounds.max)) {
    throw invalid(`\`${name}\` must be a whole number from ${bounds.min} to ${bounds.max}`);
  }
  return value;
}

/** The optional `from` checkpoint of the logs route: a log id as Auth0 issues them. */
export function logIdParam(query: URLSearchParams): string | undefined {
  const from = query.get("from");
  if (from === null || from === "") return undefined;
  if (!/^[A-Za-z0-9_-]{1,100}$/.test(from)) throw invalid("`from` must be a log id");
  return from;
}

/** A user id from the URL path (percent-decoded), or a 400. */
export function userIdSegment(segment: string): string {
  let id: string;
  try {
    id = decodeURIComponent(segment);
  } catch {
    throw invalid("the user id in the path is not valid percent-encoding");
  }
  if (id.trim() === "" || id.length > 300) throw invalid("the user id in the path is not valid");
  return id;
}

/** The `{ roles: ["rol_…", …] }` body of a role assignment, or a 400. */
export async function rolesBody(request: Request): Promise<string[]> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, "unsupported_media_type", "send the body as application/json");
  }
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    throw invalid("the body is not valid JSON");
  }
  const roles = (body as { roles?: unknown } | null)?.roles;
  if (!Array.isArray(roles) || roles.length === 0) {
    throw invalid('the body must be { "roles": ["rol_…"] } with at least one role id');
  }
  if (roles.length > 50) throw invalid("assign at most 50 roles per request");
  for (const role of roles) {
    if (typeof role !== "string" || !/^[A-Za-z0-9_-]{1,100}$/.test(role)) {
      throw invalid("every role must be a role id such as rol_0123456789abcdef");
    }
  }
  return [...new Set(roles as string[])];
}
