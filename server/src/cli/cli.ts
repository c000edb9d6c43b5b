import { version } from '../../../package.json';
import { EXIT, processIo, usageResult, type CliIo, type CliResult } from './io';
import { runCheck } from './check';
import { runExplain } from './explain';
import { runReport } from './report';
import { runFmt } from './fmt';

// `headroom COMMAND ...`: a small dispatcher; each subcommand is its own module with its own usage.
// Exit codes, for every command: 0 success, 1 findings (or what the command defines), 2 usage error.

export type { CliIo, CliResult } from './io';
export type { ReportedFinding } from './check';

type Command = (argv: string[], cwd: string, io: CliIo) => Promise<CliResult>;

/** Adding a command: a module exporting `run…(argv, cwd, io)`, and a line here and in USAGE. */
const COMMANDS: Record<string, Command> = {
  check: runCheck,
  explain: runExplain,
  report: runReport,
  fmt: runFmt,
};

const USAGE = `usage: headroom COMMAND [options]

Commands:
  check PATH...     lint Alloy, Kubernetes, Helm values and ClickHouse XML against the capacity tiers
  explain [CODE]    the documentation page of a finding code (all codes without one)
  report PATH...    the capacity report: every workload against the documents (html, markdown, json)
  fmt [FILE]        format Alloy as \`alloy fmt\` does (-w rewrites, --check lists unformatted files)

headroom COMMAND --help describes a command; headroom --version prints the version.`;

export async function runCli(argv: string[], cwd = process.cwd(), io: CliIo = processIo()): Promise<CliResult> {
  const [command, ...rest] = argv;
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = command === 'help' ? rest[0] : undefined;
    if (topic && COMMANDS[topic]) return COMMANDS[topic](['--help'], cwd, io);
    return { exitCode: EXIT.ok, stdout: `${USAGE}\n`, stderr: '' };
  }
  if (command === '--version' || command === '-V') return { exitCode: EXIT.ok, stdout: `${version}\n`, stderr: '' };
  const run = command === undefined ? undefined : COMMANDS[command];
  if (!run) return usageResult(command ? `unknown command "${command}"` : 'missing command', USAGE);
  return run(rest, cwd, io);
}

if (require.main === module) {
  runCli(process.argv.slice(2)).then((result) => {
    process.stdout.write(result.stdout);
    process.stderr.write(result.stderr);
    process.exitCode = result.exitCode;
  }, (error) => {
    process.stderr.write(`headroom: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = EXIT.usage;
  });
}
