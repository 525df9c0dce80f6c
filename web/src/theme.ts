/**
 * The workbench's colour theme: the stance, agreement and status colours of the shared palette
 * (src/report/palette.ts, the same the briefing prints) as CSS custom properties for light and dark
 * mode, and the reader's choice of theme (system, light, dark) kept in localStorage and applied as
 * `data-theme` on the root element. design.css reads the properties; nothing here draws.
 */
import { AGREEMENT_SWATCH, CHART_NEUTRALS, STANCE_SWATCH, STATUS_SWATCH, type Theme } from '../../src/report/palette.js';

/** What the reader chose: follow the system, or force light or dark. */
export type ThemeChoice = 'system' | 'light' | 'dark';

const KEY = 'accord-theme';

/** Custom properties of one theme: `--stance-<stance>-fill|ink`, `--agree-<state>-fill|ink`, `--status-<status>`, `--chart-<name>`. */
export function paletteProperties(theme: Theme): string {
  const out: string[] = [];
  for (const [k, s] of Object.entries(STANCE_SWATCH[theme])) out.push(`--stance-${k}-fill:${s.fill};--stance-${k}-ink:${s.ink};`);
  for (const [k, s] of Object.entries(AGREEMENT_SWATCH[theme])) out.push(`--agree-${k}-fill:${s.fill};--agree-${k}-ink:${s.ink};`);
  for (const [k, c] of Object.entries(STATUS_SWATCH[theme])) out.push(`--status-${k}:${c};`);
  for (const [k, c] of Object.entries(CHART_NEUTRALS[theme])) out.push(`--chart-${k}:${c};`);
  return out.join('');
}

/** The style sheet of both themes: light by default, dark when chosen or when the system prefers it. */
export function paletteStyleSheet(): string {
  return (
    `:root{${paletteProperties('light')}}` +
    `:root[data-theme='dark']{${paletteProperties('dark')}}` +
    `@media (prefers-color-scheme: dark){:root:not([data-theme='light']){${paletteProperties('dark')}}}`
  );
}

/** Install the palette's style sheet once (idempotent) and apply the stored theme choice. */
export function installTheme(): void {
  if (!document.getElementById('accord-palette')) {
    const style = document.createElement('style');
    style.id = 'accord-palette';
    style.textContent = paletteStyleSheet();
    document.head.prepend(style);
  }
  applyTheme(storedTheme());
}

/** The stored theme choice (default: follow the system). */
export function storedTheme(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

/** Apply and remember a theme choice. */
export function applyTheme(choice: ThemeChoice): void {
  const root = document.documentElement;
  if (choice === 'system') root.removeAttribute('data-theme');
  else root.setAttribute('data-theme', choice);
  try {
    if (choice === 'system') localStorage.removeItem(KEY);
    else localStorage.setItem(KEY, choice);
  } catch {
    /* private mode: the choice lasts for this page only */
  }
}
