/** anyCase: keyword parts case-insensitive, capital tests kept. */
import { describe, expect, it } from 'vitest';
import { anyCase } from './regex.js';

describe('anyCase', () => {
  it('matches a keyword in any case and keeps classes and escapes', () => {
    const re = new RegExp(`^(?:${anyCase('defen[cs]e minister|counterparts?')})\\s+\\p{Lu}`, 'u');
    expect(re.test('Defence Minister Ali')).toBe(true);
    expect(re.test('defense minister Ali')).toBe(true);
    expect(re.test('COUNTERPARTS Ali')).toBe(true);
    expect(re.test('defence minister ali')).toBe(false);
    expect(re.test('Defeze minister Ali')).toBe(false);
    expect(new RegExp(anyCase('a\\s+b')).test('A B')).toBe(true);
  });
});
