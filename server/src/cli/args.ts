import { UsageError } from './io';

// The command-line grammar every subcommand shares: `--name value`, `--name=value`, a short alias
// (`-f value`), flags without a value, `-` as a positional (standard input), and `--` after which
// everything is a positional (for paths that start with a dash).

export interface OptionSpec {
  name: string;
  short?: string;
  /** The option takes a value; its description in usage errors (`N`, `FILE`, `text|json`). */
  value?: string;
}

export interface ParsedArgs {
  /** By option name: the value, or true for a flag. A repeated option keeps its last value. */
  options: Map<string, string | true>;
  positionals: string[];
}

export function parseArgs(argv: string[], specs: OptionSpec[]): ParsedArgs {
  const options = new Map<string, string | true>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (arg === '-' || !arg.startsWith('-')) {
      positionals.push(arg);
      continue;
    }
    const equals = arg.startsWith('--') ? arg.indexOf('=') : -1;
    const written = equals >= 0 ? arg.slice(0, equals) : arg;
    const spec = specs.find((s) => `--${s.name}` === written || (s.short !== undefined && `-${s.short}` === written));
    if (!spec) throw new UsageError(`unknown option "${written}"`);
    if (!spec.value) {
      if (equals >= 0) throw new UsageError(`--${spec.name} takes no value`);
      options.set(spec.name, true);
      continue;
    }
    const value = equals >= 0 ? arg.slice(equals + 1) : argv[++i];
    if (value === undefined) throw new UsageError(`--${spec.name} needs a value (${spec.value})`);
    options.set(spec.name, value);
  }
  return { options, positionals };
}

/** The value of an option that takes one (undefined when absent). */
export function stringOption(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  return typeof value === 'string' ? value : undefined;
}

/** A value from a fixed list, or a UsageError naming the choices. */
export function choiceOption<T extends string>(args: ParsedArgs, name: string, choices: readonly T[], fallback: T): T {
  const value = stringOption(args, name);
  if (value === undefined) return fallback;
  if (!(choices as readonly string[]).includes(value)) throw new UsageError(`--${name} must be ${choices.join(', ')}; got "${value}"`);
  return value as T;
}

/** A whole number ≥ 0, or a UsageError. */
export function countOption(args: ParsedArgs, name: string): number | undefined {
  const value = stringOption(args, name);
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} must be a whole number ≥ 0; got "${value}"`);
  return Number(value);
}
