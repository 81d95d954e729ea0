import { CliError } from '../command';

/**
 * Small, strict argument parser for the case commands: "--flag value" or "--flag=value", boolean
 * flags, positionals. Any unknown or incomplete option is a usage error (exit 2), one line.
 */
export interface ParsedArgs {
  readonly positionals: readonly string[];
  readonly options: ReadonlyMap<string, string>;
  readonly switches: ReadonlySet<string>;
}

export function parseArgs(
  args: readonly string[],
  spec: {
    readonly options?: readonly string[];
    readonly switches?: readonly string[];
    readonly positionals: number | [number, number];
  },
): ParsedArgs {
  const options = new Map<string, string>();
  const switches = new Set<string>();
  const positionals: string[] = [];
  const [min, max] =
    typeof spec.positionals === 'number' ? [spec.positionals, spec.positionals] : spec.positionals;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index] as string;
    if (arg === '--') {
      positionals.push(...args.slice(index + 1));
      break;
    }
    if (arg.startsWith('--')) {
      const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
      if (spec.switches?.includes(name)) {
        if (inline !== undefined) throw new CliError(`--${name} takes no value`, 2);
        switches.add(name);
        continue;
      }
      if (!spec.options?.includes(name)) throw new CliError(`unknown option --${name}`, 2);
      const value = inline ?? args[++index];
      if (value === undefined || (inline === undefined && value.startsWith('--'))) {
        throw new CliError(`--${name} needs a value`, 2);
      }
      if (options.has(name)) throw new CliError(`--${name} given twice`, 2);
      options.set(name, value);
      continue;
    }
    positionals.push(arg);
  }
  if (positionals.length < min)
    throw new CliError(`missing argument${min - positionals.length > 1 ? 's' : ''}`, 2);
  if (positionals.length > max) throw new CliError(`unexpected argument "${positionals[max]}"`, 2);
  return { positionals, options, switches };
}

export function required(parsed: ParsedArgs, name: string): string {
  const value = parsed.options.get(name);
  if (value === undefined || value.trim() === '') throw new CliError(`--${name} is required`, 2);
  return value;
}
