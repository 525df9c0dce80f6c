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

/**
 * Surfaces and ink of the dark theme (design.css holds the light ones under `:root`), as CSS
 * declarations; emitted under both dark selectors by {@link paletteStyleSheet}, so they are written once.
 */
export const DARK_SURFACES =
  '--bg: #0f1216;' +
  '--surface: #171b20;' +
  '--surface-2: #1d2228;' +
  '--surface-3: #262c34;' +
  '--ink: #e6e9ee;' +
  '--ink-2: #c7ced8;' +
  '--muted: #a3adba;' +
  '--line: #2c323a;' +
  '--line-strong: #4a535f;' +
  '--accent: #8dbaf0;' +
  '--accent-strong: #b3d1f6;' +
  '--accent-ink: #0b1a2c;' +
  '--accent-soft: #1c2b40;' +
  '--danger: #f28b85;' +
  '--ok: #7fd3a0;' +
  '--banner-bg: #0b0e12;' +
  '--banner-ink: #e6e9ee;' +
  '--banner-muted: #a3adba;' +
  '--banner-hover: #1d2430;' +
  '--tone-ok-bg: #14301f;' +
  '--tone-ok-ink: #9be2b6;' +
  '--tone-danger-bg: #3a1719;' +
  '--tone-danger-ink: #ffb4ae;' +
  '--tone-danger-line: #8a3a3d;' +
  '--tone-warn-bg: #33270c;' +
  '--tone-warn-ink: #f3d38a;' +
  '--tone-warn-line: #a3832e;' +
  '--tone-info-bg: #17263a;' +
  '--tone-info-ink: #b3d1f6;' +
  '--tone-info-line: #3c5a80;' +
  '--tone-purple-bg: #2a2140;' +
  '--tone-purple-ink: #d2c2f5;' +
  '--chevron: url("data:image/svg+xml,%3Csvg xmlns=\'http://www.w3.org/2000/svg\' width=\'12\' height=\'8\' viewBox=\'0 0 12 8\'%3E%3Cpath d=\'M1 1.5l5 5 5-5\' fill=\'none\' stroke=\'%23a3adba\' stroke-width=\'1.6\' stroke-linecap=\'round\' stroke-linejoin=\'round\'/%3E%3C/svg%3E");' +
  'color-scheme: dark;';

/** The style sheet of both themes: light by default, dark when chosen or when the system prefers it. */
export function paletteStyleSheet(): string {
  return (
    `:root{${paletteProperties('light')}}` +
    `:root[data-theme='dark']{${paletteProperties('dark')}${DARK_SURFACES}}` +
    `@media (prefers-color-scheme: dark){:root:not([data-theme='light']){${paletteProperties('dark')}${DARK_SURFACES}}}`
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
