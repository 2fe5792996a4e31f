/** A mistake in the command line: the program prints it with the usage and exits with 2. */
export class UsageError extends Error {}

/** Positional arguments and `--name value` / `--flag` options. */
export interface ParsedArgs {
  positional: string[];
  options: Map<string, string | true>;
}

/**
 * Splits the arguments after the command. `--name=value` and `--name value` are
 * options; `--json` and `--help` are flags; `--` ends the options.
 */
export function parseArgs(args: readonly string[], flags: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--") {
      positional.push(...args.slice(i + 1));
      break;
    }
    const option = /^--([a-z][a-z-]*)(?:=(.*))?$/.exec(arg);
    if (!option) {
      positional.push(arg);
      continue;
    }
    const [, name, inline] = option;
    if (flags.has(name!)) {
      if (inline !== undefined) throw new UsageError(`--${name} takes no value`);
      options.set(name!, true);
    } else if (inline !== undefined) {
      options.set(name!, inline);
    } else {
      const value = args[i + 1];
      if (value === undefined || value.startsWith("--")) {
        throw new UsageError(`--${name} needs a value`);
      }
      options.set(name!, value);
      i++;
    }
  }
  return { positional, options };
}

/** A whole-number option within bounds, its default when absent, or a {@link UsageError}. */
export function integerOption(
  parsed: ParsedArgs,
  name: string,
  bounds: { min: number; max: number; fallback: number },
): number {
  const text = parsed.options.get(name);
  if (text === undefined) return bounds.fallback;
  const value = typeof text === "string" && /^\d{1,6}$/.test(text) ? Number(text) : Number.NaN;
  if (!(value >= bounds.min && value <= bounds.max)) {
    throw new UsageError(`--${name} must be a whole number from ${bounds.min} to ${bounds.max}`);
  }
  return value;
}

/** A string option, or `undefined`. */
export function stringOption(parsed: ParsedArgs, name: string): string | undefined {
  const value = parsed.options.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}
