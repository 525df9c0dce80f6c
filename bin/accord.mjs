#!/usr/bin/env node
// The `accord` command. Runs the JavaScript build of the CLI (dist/cli/, made by
// scripts/build-cli.mjs at `npm ci`/`npm install` and rebuilt here when a source is newer); when no
// build can be had (esbuild not installed, another process rebuilding, ACCORD_NO_BUILD=1) it runs the
// TypeScript sources through tsx instead, which behaves the same and starts more slowly.
// `accord --help` prints the top-level help kept beside the build (per terminal width) once made.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ensureBuiltCli } from '../scripts/build-cli.mjs';

const entry = await ensureBuiltCli();
const args = process.argv.slice(2);
if (entry && args.length === 1 && (args[0] === '--help' || args[0] === '-h')) {
  const width = process.stdout.isTTY ? process.stdout.columns : 80;
  const cache = path.join(path.dirname(entry), `help-${width}.txt`);
  let text;
  try {
    text = readFileSync(cache, 'utf8');
  } catch {
    text = await (await import(entry)).topLevelHelp(width);
    try {
      writeFileSync(`${cache}.${process.pid}`, text);
      renameSync(`${cache}.${process.pid}`, cache);
    } catch {
      /* a read-only install: print without keeping it */
    }
  }
  process.stdout.write(text);
} else {
  let main;
  if (entry) {
    ({ main } = await import(entry));
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import('../src/cli/main.ts'));
  }
  process.exitCode = await main(process.argv);
}
