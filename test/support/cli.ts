/**
 * Run the `accord` CLI in-process for tests: the CLI's own `main`, with standard output and error
 * captured and, optionally, a given standard input. Returns the exit code and what was printed.
 */
import { Readable } from 'node:stream';
import { vi } from 'vitest';
import { main } from '../../src/cli/main.js';

/** What one run printed, and its exit code. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * `accord ...args`, in-process. `input`, when given, is what the command reads on stdin (for
 * `--password-stdin` and the like); without it stdin is left alone.
 */
export async function runAccord(args: readonly string[], input?: string): Promise<CliRun> {
  let out = '';
  let err = '';
  const i = input === undefined ? null : vi.spyOn(process, 'stdin', 'get').mockReturnValue(Readable.from(input === '' ? [] : [Buffer.from(input)]) as unknown as typeof process.stdin);
  const o = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  const e = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await main(['node', 'accord', ...args]);
    return { code, out, err };
  } finally {
    i?.mockRestore();
    o.mockRestore();
    e.mockRestore();
  }
}
