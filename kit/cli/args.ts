/**
 * The one way a kit command reads its command line and ends: {@link parseCommandLine} (Node's
 * `parseArgs` with messages a learner can act on), small readers for numbers and choices that
 * name the option and what it needs, and {@link withUsage} / {@link runMain}, the tail every
 * command shares: `--help` prints the usage and exits 0, a {@link UsageError} prints
 * `NAME: message` and the usage and exits 2, any other error prints `NAME: message` and exits 2.
 *
 * A command then reads as its own job:
 *
 * ```ts ignore
 * const USAGE = "usage: deno task thing [--trials N]";
 * export const main = withUsage("thing", USAGE, async (args) => {
 *   const { values } = parseCommandLine(args, { trials: { type: "string", default: "10" } });
 *   const trials = wholeNumber("trials", values.trials);
 *   …
 *   return 0;
 * });
 * if (import.meta.main) await runMain(main);
 * ```
 *
 * @module
 */

import { parseArgs, type ParseArgsConfig } from "node:util";

/**
 * A command line the command cannot run with: its message says what was wrong and is shown with
 * the usage, and the command exits 2.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { UsageError } from "./args.ts";
 * const error = new UsageError("--seed is required");
 * assert.ok(error instanceof Error);
 * assert.equal(error.name, "UsageError");
 * assert.equal(error.message, "--seed is required");
 * assert.equal(error.showUsage, true);
 * assert.equal(new UsageError("no lesson-42", { showUsage: false }).showUsage, false);
 * ```
 */
export class UsageError extends Error {
  override name = "UsageError";
  /** Whether the usage follows the message (false when it would not help, e.g. a lesson name). */
  readonly showUsage: boolean;

  constructor(message: string, options: { showUsage?: boolean } = {}) {
    super(message);
    this.showUsage = options.showUsage ?? true;
  }
}

/**
 * Thrown by {@link parseCommandLine} on `--help` or `-h`: {@link withUsage} prints the usage.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HelpRequested, parseCommandLine } from "./args.ts";
 * assert.throws(() => parseCommandLine(["--help"], {}), HelpRequested);
 * ```
 */
export class HelpRequested extends Error {
  override name = "HelpRequested";
}

/** The options of a command, as `parseArgs` takes them (`help` is added by the parser). */
export type Options = NonNullable<ParseArgsConfig["options"]>;

type Parsed<O extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: O; allowPositionals: true; strict: true }>
>;

/** Edit distance, for "did you mean". */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      row[j] = Math.min(
        previous[j] + 1,
        row[j - 1] + 1,
        previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
    }
    previous = row;
  }
  return previous[b.length];
}

/**
 * The closest of `known` option names to the option `unknown` (with or without dashes), when one
 * is close enough to be a typo; undefined otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { closestOption } from "./args.ts";
 * assert.equal(closestOption("--solution", ["solutions", "watch"]), "solutions");
 * assert.equal(closestOption("--trails", ["trials", "seed"]), "trials");
 * assert.equal(closestOption("--colour", ["seed", "out"]), undefined);
 * ```
 */
export function closestOption(unknown: string, known: readonly string[]): string | undefined {
  const word = unknown.replace(/^-+/, "").replace(/=.*$/, "");
  const best = known.map((name) => ({ name, d: distance(word, name) }))
    .sort((a, b) => a.d - b.d)[0];
  return best && best.d <= Math.max(2, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

/** `parseArgs`'s message rewritten as what to do, naming the option. */
function usageMessage(message: string, known: readonly string[]): string {
  const unknown = /Unknown option '([^']+)'/.exec(message)?.[1];
  if (unknown) {
    const near = closestOption(unknown, known);
    return `unknown option ${unknown}.${near ? ` Did you mean --${near}?` : ""}`;
  }
  const missing = /Option '(-\w, )?(--[\w-]+)[^']*' argument missing/.exec(message)?.[2];
  if (missing) return `${missing} needs a value`;
  const positional = /Unexpected argument '([^']+)'/.exec(message)?.[1];
  if (positional) return `unexpected argument "${positional}"`;
  const flag = /Option '(--[\w-]+)' does not take an argument/.exec(message)?.[1];
  if (flag) return `${flag} takes no value`;
  return message;
}

/** `--seed -3` as `--seed=-3` for a string option: the parser would take "-3" for an option. */
function joinNegativeValues(args: readonly string[], options: Options): string[] {
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const name = /^--([\w-]+)$/.exec(args[i])?.[1];
    const takesValue = name !== undefined && options[name]?.type === "string";
    if (takesValue && /^-\d/.test(args[i + 1] ?? "")) joined.push(`${args[i]}=${args[++i]}`);
    else joined.push(args[i]);
  }
  return joined;
}

/**
 * Reads `args` against `options` (plus `--help`/`-h`, which throws {@link HelpRequested}).
 * A negative number after a string option is its value (`--seed -3`), not an option.
 * Positionals are allowed unless `allowPositionals` is false. A bad command line throws a
 * {@link UsageError} that names the option: an unknown one with the closest known one, a value
 * missing, a value given to a flag.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { HelpRequested, parseCommandLine, UsageError } from "./args.ts";
 * const options = { solutions: { type: "boolean" }, out: { type: "string" } } as const;
 * const { values, positionals } = parseCommandLine(["lesson-03", "--out", "a.csv"], options);
 * assert.deepEqual(positionals, ["lesson-03"]);
 * assert.equal(values.out, "a.csv");
 * assert.throws(
 *   () => parseCommandLine(["--solution"], options),
 *   new UsageError("unknown option --solution. Did you mean --solutions?"),
 * );
 * assert.throws(() => parseCommandLine(["--out"], options), new UsageError("--out needs a value"));
 * assert.throws(() => parseCommandLine(["-h"], options), HelpRequested);
 * assert.throws(() => parseCommandLine(["x"], options, false), /unexpected argument "x"/);
 * assert.equal(parseCommandLine(["--out", "-3"], options).values.out, "-3");
 * ```
 */
export function parseCommandLine<O extends Options>(
  args: string[],
  options: O,
  allowPositionals = true,
): Parsed<O> {
  const withHelp = { ...options, help: { type: "boolean", short: "h" } } as const;
  let parsed;
  try {
    parsed = parseArgs({
      args: joinNegativeValues(args, options),
      options: withHelp,
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new UsageError(usageMessage((error as Error).message, Object.keys(options)));
  }
  const values = parsed.values as Record<string, unknown>;
  if (values.help) throw new HelpRequested("--help");
  delete values.help;
  return parsed as unknown as Parsed<O>;
}

/**
 * The whole number an option's text gives (digits only: not "1e3"), at least `min` (default 1;
 * a negative `min` allows negative integers, as a seed may be); a {@link UsageError} naming the
 * option otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wholeNumber } from "./args.ts";
 * assert.equal(wholeNumber("trials", "12"), 12);
 * assert.equal(wholeNumber("seed", "0", 0), 0);
 * assert.throws(() => wholeNumber("trials", "2.5"), /--trials must be a whole number ≥ 1, got "2.5"/);
 * assert.throws(() => wholeNumber("trials", "0"), /--trials must be a whole number ≥ 1/);
 * assert.throws(() => wholeNumber("trials", "1e3"), /--trials must be a whole number/);
 * assert.equal(wholeNumber("seed", "-7", -(2 ** 31)), -7);
 * assert.throws(() => wholeNumber("seed", "x", -5), /--seed must be an integer ≥ -5, got "x"/);
 * ```
 */
export function wholeNumber(name: string, text: string | undefined, min = 1): number {
  const value = Number(text);
  if (
    text === undefined || !/^-?\d+$/.test(text.trim()) || !Number.isSafeInteger(value) ||
    value < min
  ) {
    const kind = min >= 0 ? "a whole number" : "an integer";
    throw new UsageError(`--${name} must be ${kind} ≥ ${min}, got "${text ?? ""}"`);
  }
  return value;
}

/**
 * The number an option's text gives, above 0 or at least `min` when given; a {@link UsageError}
 * naming the option and its unit otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { positiveNumber } from "./args.ts";
 * assert.equal(positiveNumber("timeout", "2.5", "seconds"), 2.5);
 * assert.throws(
 *   () => positiveNumber("timeout", "soon", "seconds"),
 *   /--timeout must be a positive number of seconds, got "soon"/,
 * );
 * assert.throws(() => positiveNumber("memory", "512", "MiB", 1024), /--memory must be ≥ 1024 MiB/);
 * ```
 */
export function positiveNumber(
  name: string,
  text: string | undefined,
  unit: string,
  min?: number,
): number {
  const value = Number(text);
  if (min !== undefined && !(value >= min)) {
    throw new UsageError(`--${name} must be ≥ ${min} ${unit}, got "${text ?? ""}"`);
  }
  if (!(value > 0) || !Number.isFinite(value)) {
    throw new UsageError(`--${name} must be a positive number of ${unit}, got "${text ?? ""}"`);
  }
  return value;
}

/**
 * The option's text when it is one of `choices`; a {@link UsageError} listing them otherwise.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oneOf } from "./args.ts";
 * assert.equal(oneOf("code", "solutions", ["solutions", "exercises"]), "solutions");
 * assert.throws(
 *   () => oneOf("code", "answers", ["solutions", "exercises"]),
 *   /--code must be solutions or exercises, got "answers"/,
 * );
 * ```
 */
export function oneOf<T extends string>(name: string, text: string, choices: readonly T[]): T {
  if ((choices as readonly string[]).includes(text)) return text as T;
  const listed = choices.length > 1
    ? `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}`
    : choices.join("");
  throw new UsageError(`--${name} must be ${listed}, got "${text}"`);
}

/** A command's body: its arguments (and whatever else its tests pass) to an exit code. */
export type Command<Rest extends unknown[]> = (args: string[], ...rest: Rest) => Promise<number>;

/**
 * Wraps a command's body with the shared tail: on {@link HelpRequested} it prints `usage` and
 * gives 0; on a {@link UsageError} it prints `NAME: message`, a blank line and `usage` (unless
 * the error says not to) to stderr and gives 2. Other errors pass through (to {@link runMain}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseCommandLine, UsageError, wholeNumber, withUsage } from "./args.ts";
 * const main = withUsage("demo", "usage: demo [--n N]", (args) => {
 *   const { values } = parseCommandLine(args, { n: { type: "string", default: "1" } });
 *   return Promise.resolve(wholeNumber("n", values.n) > 1 ? 0 : 1);
 * });
 * const printed: string[] = [];
 * const [log, error] = [console.log, console.error];
 * console.log = console.error = (text: string) => printed.push(text);
 * try {
 *   assert.equal(await main(["--n", "3"]), 0);
 *   assert.equal(await main(["--help"]), 0);
 *   assert.equal(await main(["--n", "x"]), 2);
 * } finally {
 *   [console.log, console.error] = [log, error];
 * }
 * assert.deepEqual(printed, [
 *   "usage: demo [--n N]",
 *   'demo: --n must be a whole number ≥ 1, got "x"\n\nusage: demo [--n N]',
 * ]);
 * assert.ok(new UsageError("x") instanceof Error);
 * ```
 */
export function withUsage<Rest extends unknown[]>(
  name: string,
  usage: string,
  body: Command<Rest>,
): Command<Rest> {
  return async (args, ...rest) => {
    try {
      return await body(args, ...rest);
    } catch (error) {
      if (error instanceof HelpRequested) {
        console.log(usage);
        return 0;
      }
      if (error instanceof UsageError) {
        console.error(`${name}: ${error.message}${error.showUsage ? `\n\n${usage}` : ""}`);
        return 2;
      }
      throw error;
    }
  };
}

/**
 * Runs a command as a task's entry point and exits with its code; an error it did not expect
 * exits 2 with `NAME: message` (never a stack trace for a learner to decode). The example is not
 * run: it ends the process.
 *
 * @example
 * ```ts ignore
 * if (import.meta.main) await runMain("check", main);
 * ```
 */
export async function runMain(
  name: string,
  main: (args: string[]) => Promise<number>,
  args: string[] = Deno.args,
): Promise<never> {
  let code: number;
  try {
    code = await main(args);
  } catch (error) {
    console.error(`${name}: ${(error as Error).message ?? error}`);
    code = 2;
  }
  Deno.exit(code);
}
