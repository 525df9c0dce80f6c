import { describe, expect, it } from 'vitest';
import { alignment } from './align.js';
import { parsePlan } from './parse.js';
import { extractFeatures } from './similarity.js';
import { romanise } from './languages.js';
import { skeleton } from './similarity.js';

const tree = (text: string) => parsePlan(text).provisions;
const links = (a: string, b: string) =>
  alignment(tree(a), tree(b), { diffs: false }).pairs.map((p) => `${p.from.join('+') || '-'}>${p.to.join('+') || '-'} ${p.change}`);

// Hand-written texts (our own words): the same four provisions in English and in Russian, Spanish,
// French and Arabic, the foreign ones unnumbered and in another order, so that neither numbers nor
// positions can carry the pairing.
const EN = `1. The parties declare a complete ceasefire from midnight on 5 March.
2. Prisoners of war and the bodies of the dead are exchanged within 14 days.
3. Refugees and displaced persons return to their homes under the supervision of the United Nations.
4. Negotiations on a political settlement begin in April.`;

const RU = `— Стороны начинают переговоры о политическом урегулировании в апреле.
— Беженцы и вынужденные переселенцы возвращаются в свои дома под контролем ООН.
— Стороны объявляют полное прекращение огня с полуночи 5 марта.
— Обмен военнопленными и телами погибших проводится в течение 14 дней.`;

const ES = `• Los refugiados y desplazados regresan a sus hogares bajo la supervisión de las Naciones Unidas.
• Las partes declaran un alto el fuego completo desde la medianoche del 5 de marzo.
• Las negociaciones sobre una solución política comienzan en abril.
• El intercambio de prisioneros de guerra y de los cuerpos de los fallecidos se realiza en 14 días.`;

const FR = `– Les négociations sur un règlement politique commencent en avril.
– L'échange des prisonniers de guerre et des corps des morts a lieu dans un délai de 14 jours.
– Les parties déclarent un cessez-le-feu complet à partir de minuit le 5 mars.
– Les réfugiés et les déplacés retournent dans leurs foyers sous la supervision des Nations unies.`;

const AR = `- يعود اللاجئون والنازحون إلى منازلهم تحت مراقبة الأمم المتحدة.
- تبدأ المفاوضات بشأن تسوية سياسية في أبريل.
- يعلن الطرفان وقفا كاملا لإطلاق النار اعتبارا من منتصف ليل ٥ مارس.
- يتم تبادل الأسرى وجثث القتلى خلال ١٤ يوما.`;

describe('alignment across languages (cross-lingual features)', () => {
  const expected: Record<string, string[]> = {
    ru: ['4>#1', '3>#2', '1>#3', '2>#4'],
    es: ['3>#1', '1>#2', '4>#3', '2>#4'],
    fr: ['4>#1', '2>#2', '1>#3', '3>#4'],
    ar: ['3>#1', '4>#2', '1>#3', '2>#4'],
  };
  for (const [lang, text] of Object.entries({ ru: RU, es: ES, fr: FR, ar: AR })) {
    it(`pairs each English point with its ${lang} rendering, whatever the order and numbering`, () => {
      const got = links(EN, text).map((l) => l.split(' ')[0]);
      expect(got.sort()).toEqual([...expected[lang]!].sort());
    });
  }

  it('a translation is amended (language), never unchanged', () => {
    const kinds = alignment(tree(EN), tree(RU), { diffs: false }).pairs.map((p) => p.change);
    expect(new Set(kinds)).toEqual(new Set(['amended']));
  });

  it('reads words of the lexicon as concepts and names by their consonant skeleton in any script', () => {
    const ru = extractFeatures('Стороны объявляют прекращение огня в Степанакерте', { language: 'ru', crossLingual: true });
    const en = extractFeatures('The parties declare a ceasefire in Stepanakert', { crossLingual: true });
    for (const t of ['~party', '~cease', '~fire', '~statement']) {
      expect(ru.terms.has(t)).toBe(true);
      expect(en.terms.has(t)).toBe(true);
    }
    expect(skeleton(romanise('степанакерте'))).toBe(skeleton('stepanakerte'));
    expect(en.terms.has(`@${skeleton('stepanakert')}`)).toBe(true);
  });

  it('reads Arabic-Indic digits and foreign number words as numbers', () => {
    expect([...extractFeatures('خلال ١٤ يوما', { language: 'ar' }).numbers]).toEqual(['14']);
    expect([...extractFeatures('dans un délai de trois jours', { language: 'fr' }).numbers]).toEqual(['3']);
  });
});
