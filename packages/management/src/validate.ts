import type { ManagementError } from "./errors.js";

/** The error class of a phase: `ConfigurationError` at creation, `InvalidInputError` per call. */
export type ErrorClass = new (message: string) => ManagementError;

/** Checks one given (not `undefined`) option and returns it; `name` is its path (`retry.maxRetries`). */
export type Check<T = unknown> = (value: unknown, name: string, Err: ErrorClass) => T;

/** What {@link checkOptions} gives for a table of checks: each given option, checked. */
export type Checked<S> = { [K in keyof S]?: S[K] extends Check<infer T> ? T : never };

// setTimeout fires at once for a delay above 2^31 - 1 ms, so no duration may be longer.
const MAX_MS = 2_147_483_647;

/** Throws "`name` must …": the one shape of every message about a bad option. */
export function refuse(Err: ErrorClass, name: string, must: string): never {
  throw new Err(`\`${name}\` must ${must}`);
}

/** A finite number in [min, max], a whole one when `whole`. */
export const number =
  (min: number, max = MAX_MS, whole?: boolean): Check<number> =>
  (value, name, Err) =>
    // In range, so finite: `% 1` tells a whole number.
    typeof value === "number" && value >= min && value <= max && (!whole || value % 1 === 0)
      ? value
      : refuse(Err, name, `be a ${whole ? "whole " : ""}number from ${min} to ${max}`);

/** `true` or `false` only: the string "false" an environment variable gives is refused, not truthy. */
export const boolean: Check<boolean> = (value, name, Err) =>
  typeof value === "boolean" ? value : refuse(Err, name, "be true or false");

/** A non-empty string. */
export const string: Check<string> = (value, name, Err) =>
  typeof value === "string" && value.trim() !== ""
    ? value
    : refuse(Err, name, "be a non-empty string");

/** An option whose value is checked elsewhere (or is free). */
export const anything: Check = (value) => value;

/** A plain object: not `null`, not an array. */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * `value` as an object of options whose keys are all in `spec`: a misspelt option is
 * an error, not an option silently left at its default. Every given value is then
 * checked by its entry, in the table's order; options left `undefined` are left out.
 * `name` is the object's path (`retry`, `middleware[]`); `options` is the top level.
 */
export function checkOptions<S extends Record<string, Check>>(
  Err: ErrorClass,
  name: string,
  value: unknown,
  spec: S,
): Checked<S> {
  if (!isRecord(value)) refuse(Err, name, "be an object");
  const prefix = name === "options" ? "" : `${name}.`;
  for (const key of Object.keys(value)) {
    if (!Object.hasOwn(spec, key)) throw new Err(`unknown option \`${prefix}${key}\``);
  }
  const checked: Record<string, unknown> = {};
  for (const key in spec) {
    if (value[key] !== undefined) checked[key] = spec[key]!(value[key], prefix + key, Err);
  }
  return checked as Checked<S>;
}
