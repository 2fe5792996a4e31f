import type { ManagementError } from "./errors.js";

/** The error class of a phase: `ConfigurationError` at creation, `InvalidInputError` per call. */
export type ErrorClass = new (message: string) => ManagementError;

// setTimeout fires at once for a delay above 2^31 - 1 ms, so no duration may be longer.
const MAX_MS = 2_147_483_647;

/**
 * `value` as an object of options whose keys are all in `keys` (space separated):
 * a misspelt option is an error, not an option silently left at its default.
 */
export function optionsObject(
  Err: ErrorClass,
  name: string,
  value: unknown,
  keys: string,
): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Err(`\`${name}\` must be an object`);
  }
  const allowed = keys.split(" ");
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) throw new Err(`unknown option \`${name}.${key}\``);
  }
  return value as Record<string, unknown>;
}

/** A finite number in [min, max] (a whole one when `whole`), or `fallback` when not given. */
export function numberOption(
  Err: ErrorClass,
  name: string,
  value: unknown,
  fallback: number,
  min: number,
  max = MAX_MS,
  whole = false,
): number {
  if (value === undefined) return fallback;
  if (
    typeof value !== "number" ||
    !(value >= min && value <= max) ||
    (whole && !Number.isInteger(value))
  ) {
    throw new Err(`\`${name}\` must be a ${whole ? "whole " : ""}number from ${min} to ${max}`);
  }
  return value;
}

/** `true` or `false` only: the string "false" an environment variable gives is refused, not truthy. */
export function booleanOption(
  Err: ErrorClass,
  name: string,
  value: unknown,
  fallback: boolean,
): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== "boolean") throw new Err(`\`${name}\` must be true or false`);
  return value;
}

/** A non-empty string. */
export function stringOption(Err: ErrorClass, name: string, value: unknown): string {
  if (typeof value !== "string" || value.trim() === "") {
    throw new Err(`\`${name}\` must be a non-empty string`);
  }
  return value;
}
