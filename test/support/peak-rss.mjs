// Test support, preloaded with `node --import` into a child process under test: on exit it writes
// the process's peak resident set size (kilobytes, from getrusage via process.resourceUsage) to the
// file named by $ACCORD_PEAK_RSS_FILE, so a test can bound the memory a command took.
import { writeFileSync } from 'node:fs';

const out = process.env.ACCORD_PEAK_RSS_FILE;
if (out) process.on('exit', () => writeFileSync(out, String(process.resourceUsage().maxRSS)));
