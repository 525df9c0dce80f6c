/** Markdown inline syntax (emphasis, links, code, escapes) for the plan parser. */
import { collapseSpaces } from '../normalise.js';

const ESC_OPEN = '\u0001';
const ESC_CLOSE = '\u0002';

/** Remove Markdown inline syntax, keeping every word: emphasis markers go, link URLs stay in parentheses. */
export function markdownInline(text: string, wantTitle: boolean): { text: string; title: string | null } {
  const escaped: string[] = [];
  // Escapes first, so that "\*" is never read as emphasis; control characters cannot occur
  // here (the normaliser removed them), so they are safe placeholders.
  let s = text.replace(/\\([!-/:-@[-`{-~])/g, (_m, ch: string) => {
    escaped.push(ch);
    return ESC_OPEN + (escaped.length - 1) + ESC_CLOSE;
  });
  let title: string | null = null;
  if (wantTitle) {
    // A short bold lead-in ending in "." or ":" is the point's own title: "**Length.** After …".
    const m = /^(\*\*|__)(?=\S)((?:(?!\1)[^\n])+?)(?<=\S)\1/.exec(s);
    if (m && m[2]!.length <= 80) {
      const after = s.slice(m[0].length);
      // "**Title.** text" or "**Title**: text"; a dash after "**Title.**" belongs to the text.
      const sep = /[.:]$/.test(m[2]!) ? null : /^\s*(?:[.:]|[—–-](?=\s))/.exec(after);
      if (/[.:]$/.test(m[2]!) || sep) {
        title = m[2]!.replace(/[.:]$/, '');
        s = after.slice(sep ? sep[0].length : 0).replace(/^\s+/, '');
      }
    }
  }
  s = s
    .replace(/!?\[([^\][]{0,1000})\]\(\s*([^()\s]{0,2000})(?:\s+"[^"]{0,500}")?\s*\)/g, (_m, label: string, url: string) => (url ? `${label} (${url})` : label))
    .replace(/<((?:https?|mailto):[^>\s]+)>/g, '$1')
    .replace(/`([^`]+)`/g, '$1');
  // Spans are bounded so that unclosed markers cannot make the scan quadratic.
  for (let k = 0; k < 2; k++) s = s.replace(/(\*\*|__)(?=\S)([\s\S]{0,2000}?\S)\1/g, '$2');
  s = s.replace(/(^|[^\p{L}\p{N}*])\*(?=\S)([^*]{0,2000}?\S)\*(?![\p{L}\p{N}*])/gu, '$1$2');
  s = s.replace(/(^|[^\p{L}\p{N}_])_(?=\S)([^_]{0,2000}?\S)_(?![\p{L}\p{N}_])/gu, '$1$2');
  const restore = (x: string) => x.replace(/\u0001(\d+)\u0002/g, (_m, k: string) => escaped[Number(k)] ?? '');
  return { text: restore(s), title: title === null ? null : collapseSpaces(restore(title)) };
}

