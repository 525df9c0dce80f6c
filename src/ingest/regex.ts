/**
 * Regular-expression helpers. A pattern that must tell capitalised words from lower-case ones cannot
 * use the `i` flag: with `iu`, `\p{Lu}` (and `[A-Z]`) match lower-case letters too. {@link anyCase}
 * makes the keyword parts of such a pattern case-insensitive by hand instead.
 */

/**
 * The source of `words` with every ASCII letter outside a character class or an escape written as
 * a class of both cases: `"foreign minister"` → `"[fF][oO]…"`. `words` is a regex source of plain
 * words, alternatives, groups, quantifiers and classes (`defen[cs]e`, `counterparts?`).
 */
export function anyCase(words: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < words.length; i++) {
    const c = words[i]!;
    if (c === '\\') {
      out += c + (words[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    if (!inClass && /[a-z]/i.test(c)) out += `[${c.toLowerCase()}${c.toUpperCase()}]`;
    else out += c;
  }
  return out;
}
