/**
 * Entry point of the `accord` command (commander). Each command lives in ./commands/<name>.ts and
 * exports `register(program)`. Errors are AccordErrors mapped to exit codes by
 * src/model/errors.ts; a user never sees a stack trace (set ACCORD_DEBUG=1 to get one).
 */
import { Command, CommanderError } from 'commander';
import { AccordError, exitCodeOf, toAccordError } from '../model/errors.js';
/** A command module: adds its command(s) to the program. */
export interface CommandModule {
  register(program: Command): void;
}

/**
 * Command modules, loaded on demand so that `accord status` does not pay for the NLP, solver,
 * browser and server libraries other commands use (start-up time matters for scripts).
 */
export const MODULES: Record<string, () => Promise<CommandModule>> = {
  parse: () => import('./commands/parse.js'),
  bundle: () => import('./commands/bundle.js'),
  plan: () => import('./commands/plan.js'),
  positions: () => import('./commands/positions.js'),
  timeline: () => import('./commands/timeline.js'),
  status: () => import('./commands/status.js'),
  start: () => import('./commands/start.js'),
  serve: () => import('./commands/serve.js'),
  verify: () => import('./commands/verify.js'),
  user: () => import('./commands/user.js'),
  brief: () => import('./commands/brief.js'),
  exchange: () => import('./commands/exchange.js'),
  solve: () => import('./commands/solve.js'),
  compare: () => import('./commands/compare.js'),
  ingest: () => import('./commands/ingest.js'),
  review: () => import('./commands/review.js'),
  version: () => import('./commands/version.js'),
  replay: () => import('./commands/replay.js'),
  onetext: () => import('./commands/onetext.js'),
};

/** Top-level command name → the module that registers it (checked against the modules by a test). */
export const COMMAND_MODULE: Record<string, keyof typeof MODULES> = {
  parse: 'parse',
  import: 'bundle',
  export: 'bundle',
  plan: 'plan',
  positions: 'positions',
  contested: 'positions',
  timeline: 'timeline',
  status: 'status',
  start: 'start',
  serve: 'serve',
  verify: 'verify',
  checkpoint: 'verify',
  user: 'user',
  invite: 'user',
  grant: 'user',
  brief: 'brief',
  'import-csv': 'exchange',
  'import-akn': 'exchange',
  solve: 'solve',
  compare: 'compare',
  ingest: 'ingest',
  review: 'review',
  version: 'version',
  document: 'version',
  replay: 'replay',
  brackets: 'replay',
  draft: 'onetext',
  critique: 'onetext',
};

/** Modules loaded eagerly (a new command may register here with one line until it is mapped above). */
const COMMANDS: CommandModule[] = [
  // further commands register here (one line each)
];

/** The first argument that is not an option: the command name, if any. */
function commandName(argv: string[]): string | undefined {
  for (const a of argv.slice(2)) {
    if (a === '--') return undefined;
    if (!a.startsWith('-')) return a;
    if (a === '--db' || a === '--process') return undefined; // global-looking options before the name: load all
  }
  return undefined;
}

/** Load the modules needed for `argv`: the named command's only, or all of them (help, typos). */
export async function loadModules(argv: string[]): Promise<CommandModule[]> {
  const name = commandName(argv);
  const key = name !== undefined ? COMMAND_MODULE[name] : undefined;
  const keys = key ? [key] : Object.keys(MODULES);
  return [...(await Promise.all(keys.map((k) => MODULES[k]!()))), ...COMMANDS];
}

/** Build the program with the given command modules (default: every one). */
export async function buildProgram(modules?: CommandModule[]): Promise<Command> {
  const mods = modules ?? (await loadModules(['node', 'accord']));
  const program = new Command('accord')
    .description('Accord: a workbench for multi-party peace negotiations')
    .version('0.1.0')
    // Program options only before the command name, so that `plan show --version ID` and
    // `positions --version ID` reach the command instead of printing the program's version.
    .enablePositionalOptions()
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  program.addHelpText(
    'after',
    '\nExit codes: 0 ok, 1 check failed (verify), 64 usage, 65 invalid input, 66 not found,\n69 unsupported, 70 internal error, 73 conflict, 75 try again (rate limited, or changed since read),\n77 permission denied.',
  );
  for (const c of mods) c.register(program);
  for (const sub of program.commands) sub.exitOverride();
  return program;
}

/**
 * The program's top-level help exactly as `accord --help` prints it at `width` columns (every command
 * module loaded). bin/accord.mjs keeps it beside the built CLI, so later `--help` calls print it
 * without loading the modules; a rebuild (any source change) starts a fresh cache.
 */
export async function topLevelHelp(width: number): Promise<string> {
  const program = await buildProgram();
  let out = '';
  program.configureOutput({ writeOut: (s) => (out += s), getOutHelpWidth: () => width, getOutHasColors: () => false });
  program.outputHelp();
  return out;
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
  const json = argv.includes('--json');
  try {
    const program = await buildProgram(await loadModules(argv));
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      if (err.code === 'commander.helpDisplayed' || err.code === 'commander.version' || err.code === 'commander.help') return 0;
      if (json) process.stdout.write(JSON.stringify({ error: { code: 'usage', message: err.message.replace(/^error: /, '') } }, null, 2) + '\n');
      return exitCodeOf('usage');
    }
    return reportError(err, json);
  }
}
