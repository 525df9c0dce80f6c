/**
 * Small helpers shared by the report renderers: XML/HTML escaping and number formatting for SVG.
 * Pure functions, no I/O.
 */

/** Escape text for XML or HTML element content and attribute values (`& < > " '`). */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&apos;'));
}

/** A coordinate rounded to one decimal for compact SVG. */
export function n(x: number): string {
  return String(Math.round(x * 10) / 10);
}

/** Cut a string to `max` code points with an ellipsis. */
export function clip(s: string, max: number): string {
  const cps = [...s];
  return cps.length <= max ? s : cps.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

/**
 * Rough width in px of a string in the charts' sans-serif font at `size` px (average advance 0.56 em,
 * narrow for spaces and punctuation). Used only to keep labels from overlapping.
 */
export function textWidth(s: string, size: number): number {
  let w = 0;
  for (const c of s) w += /[\s.,:;'|il1!()[\]]/.test(c) ? 0.34 : /[A-Z–—MW@%]/.test(c) ? 0.72 : 0.62;
  return w * size;
}
