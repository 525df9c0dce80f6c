/** Small terminal formatting helpers for the CLI's human output. */

/** Display width of a string (code points; combining marks count 0). Good enough for our symbols. */
export function width(s: string): number {
  return [...s.replace(/\p{M}/gu, '')].length;
}

/** Pad to a display width. */
export function pad(s: string, w: number): string {
  return s + ' '.repeat(Math.max(0, w - width(s)));
}

/** Cut to a display width with an ellipsis. */
export function cut(s: string, w: number): string {
  const cps = [...s];
  return cps.length <= w ? s : cps.slice(0, Math.max(0, w - 1)).join('') + '…';
}

/** A left-aligned text table with a header row and a rule under it. */
export function table(header: string[], rows: string[][]): string {
  const ws = header.map((h, i) => Math.max(width(h), ...rows.map((r) => width(r[i] ?? ''))));
  const line = (r: string[]) => r.map((c, i) => pad(c ?? '', ws[i]!)).join('  ').trimEnd();
  return [line(header), ws.map((w) => '─'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** Wrap text at `w` columns with an indent for continuation lines. */
export function wrap(text: string, w: number, indent = ''): string {
  const words = text.split(/\s+/).filter(Boolean);
  const lines: string[] = [];
  let cur = '';
  for (const word of words) {
    if (cur && width(cur) + 1 + width(word) > w) {
      lines.push(cur);
      cur = indent + word;
    } else cur = cur ? `${cur} ${word}` : word;
  }
  if (cur) lines.push(cur);
  return lines.join('\n');
}
