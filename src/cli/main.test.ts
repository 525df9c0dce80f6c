import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { COMMAND_MODULE, MODULES, loadModules } from './main.js';

describe('lazy command loading', () => {
  it('maps every top-level command to the module that registers it', async () => {
    const seen: Record<string, string> = {};
    for (const [key, load] of Object.entries(MODULES)) {
      const program = new Command('accord');
      (await load()).register(program);
      for (const c of program.commands) seen[c.name()] = key;
    }
    expect(seen).toEqual(COMMAND_MODULE);
  });

  it('loads only the named command for a known name, everything otherwise', async () => {
    expect(await loadModules(['node', 'accord', 'status', '--json'])).toHaveLength(1);
    expect((await loadModules(['node', 'accord', '--help'])).length).toBe(Object.keys(MODULES).length);
    expect((await loadModules(['node', 'accord', 'stauts'])).length).toBe(Object.keys(MODULES).length);
  });
});
