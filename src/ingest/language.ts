/**
 * The language of a report: franc-min (trigram statistics over 82 languages, MIT) on the body, with
 * English function words as a guard for short texts full of names, where trigrams are unreliable.
 */
import { franc } from 'franc-min';
import { englishScore } from './text.js';

/** ISO 639-3 (franc) → ISO 639-1 for the languages reports come in. */
const ISO1: Record<string, string> = {
  eng: 'en', spa: 'es', fra: 'fr', rus: 'ru', arb: 'ar', ara: 'ar', deu: 'de', ita: 'it', por: 'pt', nld: 'nl', ukr: 'uk', tur: 'tr', pes: 'fa', urd: 'ur', cmn: 'zh', jpn: 'ja', pol: 'pl', ron: 'ro', hbs: 'sh', srp: 'sr', hrv: 'hr', bos: 'bs', swe: 'sv', heb: 'he', amh: 'am', hin: 'hi', ben: 'bn', ind: 'id', kor: 'ko', ell: 'el', hun: 'hu', ces: 'cs', bul: 'bg', aze: 'az', uzn: 'uz', kaz: 'kk',
};

/** Detected language: ISO 639-1 code (or `und`), and whether the text reads as English. */
export interface DetectedLanguage {
  code: string;
  english: boolean;
}

/** Detect the language of a report body. */
export function detectLanguage(body: string): DetectedLanguage {
  const eng = englishScore(body);
  if (eng.words < 8) return { code: 'und', english: true };
  if (eng.nonLatinShare > 0.3) {
    const f = franc(body.slice(0, 3000), { minLength: 10 });
    return { code: ISO1[f] ?? (f === 'und' ? 'und' : f), english: false };
  }
  if (eng.stopShare >= 0.12) return { code: 'en', english: true };
  const f = franc(body.slice(0, 3000), { minLength: 20 });
  if (f === 'eng' || (f === 'und' && eng.stopShare >= 0.08)) return { code: 'en', english: true };
  return { code: ISO1[f] ?? f, english: false };
}
