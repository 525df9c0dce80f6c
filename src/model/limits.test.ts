/** Input limits: defaults and their environment variables (sizes in MiB, counts as given). */
import { describe, expect, it } from 'vitest';
import { bytesText, DEFAULT_LIMITS, inputLimits, LIMIT_VARIABLES } from './limits.js';

describe('inputLimits', () => {
  it('keeps the defaults without variables, and ignores values that are not positive numbers', () => {
    expect(inputLimits({})).toEqual(DEFAULT_LIMITS);
    expect(inputLimits({ ACCORD_MAX_TEXT_MB: 'lots', ACCORD_MAX_FILE_MB: '-3', ACCORD_MAX_DOCX_ENTRIES: '0' })).toEqual(DEFAULT_LIMITS);
  });

  it('reads sizes in MiB and counts as numbers', () => {
    const l = inputLimits({ ACCORD_MAX_TEXT_MB: '0.5', ACCORD_MAX_FILE_MB: '100', ACCORD_MAX_DOCX_MB: '1', ACCORD_MAX_DOCX_ENTRIES: '7', ACCORD_MAX_YAML_ALIASES: '1000' });
    expect(l).toEqual({ textBytes: 524_288, fileBytes: 104_857_600, docxInflatedBytes: 1_048_576, docxEntries: 7, yamlAliases: 1000 });
  });

  it('names one variable per limit', () => {
    expect(Object.keys(LIMIT_VARIABLES).sort()).toEqual(Object.keys(DEFAULT_LIMITS).sort());
    expect(new Set(Object.values(LIMIT_VARIABLES)).size).toBe(Object.keys(DEFAULT_LIMITS).length);
  });

  it('writes byte counts for messages', () => {
    expect([bytesText(512), bytesText(1536), bytesText(5 * 1024 * 1024)]).toEqual(['512 bytes', '1.5 KiB', '5.0 MiB']);
  });
});
