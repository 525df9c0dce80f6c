/**
 * The limits every reader of user files keeps to, so that no input — a 100 MB "plan", a .docx zip
 * bomb, a YAML alias bomb, a 1 GB spreadsheet — can take more than bounded memory and time. Each
 * limit has a default that fits any real negotiation text many times over and can be raised with an
 * environment variable (e.g. for a very large bundle). Readers throw `too_large` (exit 65, HTTP 413)
 * naming the file, the limit and the variable. Pure: callers pass the environment.
 */

/** Limits on one input file. */
export interface InputLimits {
  /**
   * Largest plan text given to the parser (a .txt or .md file, a bundle's version text, the text
   * of a .docx once extracted), in bytes. The parser needs some tens of bytes of memory per byte of
   * text (a 4 MB plan: about 170 MB and 6 s on one core).
   */
  textBytes: number;
  /** Largest data file read whole (CSV, XML, YAML, JSON, and a .docx as stored), in bytes. */
  fileBytes: number;
  /** Largest total size of a .docx's entries once inflated, in bytes. */
  docxInflatedBytes: number;
  /** Most entries in a .docx (a zip archive). */
  docxEntries: number;
  /** Most alias expansions in one YAML file (the `yaml` package's `maxAliasCount`). */
  yamlAliases: number;
}

const MIB = 1024 * 1024;

/**
 * The defaults: 4 MiB of plan text (a thousand pages), 32 MiB per data file (the largest file of
 * the 1,000× scale bundle is 13 MB), 64 MiB inflated and 2,000 entries per .docx, 100 YAML aliases.
 */
export const DEFAULT_LIMITS: InputLimits = { textBytes: 4 * MIB, fileBytes: 32 * MIB, docxInflatedBytes: 64 * MIB, docxEntries: 2000, yamlAliases: 100 };

/** The environment variable that raises each limit (sizes in MiB). */
export const LIMIT_VARIABLES: Record<keyof InputLimits, string> = {
  textBytes: 'ACCORD_MAX_TEXT_MB',
  fileBytes: 'ACCORD_MAX_FILE_MB',
  docxInflatedBytes: 'ACCORD_MAX_DOCX_MB',
  docxEntries: 'ACCORD_MAX_DOCX_ENTRIES',
  yamlAliases: 'ACCORD_MAX_YAML_ALIASES',
};

/** The limits under an environment: each variable, when a positive number, replaces its default. */
export function inputLimits(env: Record<string, string | undefined> = {}): InputLimits {
  const out = { ...DEFAULT_LIMITS };
  for (const key of Object.keys(LIMIT_VARIABLES) as (keyof InputLimits)[]) {
    const raw = env[LIMIT_VARIABLES[key]];
    const n = raw === undefined ? NaN : Number(raw);
    if (Number.isFinite(n) && n > 0) out[key] = key === 'textBytes' || key === 'fileBytes' || key === 'docxInflatedBytes' ? Math.round(n * MIB) : Math.round(n);
  }
  return out;
}

/** A byte count for messages: `12.3 MB`, `512 bytes`. */
export function bytesText(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < MIB) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / MIB).toFixed(1)} MiB`;
}

/** The size limit `key` as a read limit: its bytes and the variable that raises it. */
export function readLimit(limits: InputLimits, key: 'textBytes' | 'fileBytes'): { bytes: number; variable: string } {
  return { bytes: limits[key], variable: LIMIT_VARIABLES[key] };
}
