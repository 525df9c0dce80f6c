/**
 * Entry point of the `accord` command (commander). Each command lives in ./commands/<name>.ts and
 * exports `register(program)`. Errors are AccordErrors mapped to exit codes by
 * src/model/errors.ts; a user never sees a stack trace (set ACCORD_DEBUG=1 to get one).
 */
import { Command, CommanderError } from 'commander';
import { AccordError, exitCodeOf, toAccordError } from '../model/errors.js';
import * as parseCmd from './commands/parse.js';
import * as bundleCmd from './commands/bundle.js';
import * as planCmd from './commands/plan.js';
import * as positionsCmd from './commands/positions.js';
import * as timelineCmd from './commands/timeline.js';
import * as statusCmd from './commands/status.js';
import * as startCmd from './commands/start.js';
import * as serveCmd from './commands/serve.js';
import * as verifyCmd from './commands/verify.js';
import * as userCmd from './commands/user.js';
import * as briefCmd from './commands/brief.js';
import * as exchangeCmd from './commands/exchange.js';
import * as solveCmd from './commands/solve.js';
import * as compareCmd from './commands/compare.js';
import * as ingestCmd from './commands/ingest.js';

/** Command modules; each adds itself to the program. */
const COMMANDS: { register(program: Command): void }[] = [
  parseCmd,
  bundleCmd,
  planCmd,
  positionsCmd,
  timelineCmd,
  statusCmd,
  startCmd,
  serveCmd,
  verifyCmd,
  userCmd,
  briefCmd,
  exchangeCmd,
  solveCmd,
  compareCmd,
  ingestCmd,
  // further commands register here (one line each)
];

/** Build the program with every command. */
export function buildProgram(): Command {
  const program = new Command('accord')
    .description('Accord: a workbench for multi-party peace negotiations')
    .version('0.1.0')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 check failed (verify), 64 usage, 65 invalid input, 66 not found,\n69 unsupported, 70 internal error, 73 conflict, 75 rate limited, 77 permission denied.',
  );
  for (const c of COMMANDS) c.register(program);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/** Report an error on stderr (and as JSON on stdout when --json) and return its exit code. */
export function reportError(err: unknown, json: boolean): number {
  const e = toAccordError(err);
  if (json) process.stdout.write(JSON.stringify({ error: e.toJSON() }, null, 2) + '\n');
  process.stderr.write(`accord: ${e.code}: ${e.describe()}\n`);
  if (process.env.ACCORD_DEBUG && err instanceof Error && !(err instanceof AccordError)) process.stderr.write(String(err.stack) + '\n');
  return exitCodeOf(e.code);
}

/** Run the CLI with `argv` (as process.argv); resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  const json = argv.includes('--json');
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      return exitCodeOf('usage');
    }
    return reportError(err, json);
  }
}
