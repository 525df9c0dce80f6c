/**
 * The words a plan uses to number and to title its parts, in the languages Accord reads (English,
 * French, Spanish, Portuguese, Russian, Ukrainian, Arabic): keywords of point-level and axis-level
 * headings, number words and ordinals, and digits of other scripts. Lower case; Arabic without
 * vowel marks. Only vocabulary lives here; how it is used is in ./lines.ts and ./inline.ts.
 */

/** Words that open one provision: "Article 3", "Punto 2.", "Статья 1", "المادة 4". */
export const POINT_KEYWORDS = [
  'point', 'item', 'article', 'art', 'clause', 'paragraph', 'para', 'provision',
  'paragraphe', 'alinéa',
  'punto', 'artículo', 'articulo', 'párrafo', 'parrafo', 'cláusula', 'clausula', 'numeral',
  'ponto', 'artigo', 'parágrafo', 'paragrafo',
  'пункт', 'статья', 'ст', 'стаття', 'параграф',
  'المادة', 'مادة', 'البند', 'بند', 'الفقرة', 'فقرة', 'النقطة', 'نقطة',
];

/** Words that open a group of provisions: "Part One", "Chapter 3", "Annex 1-A", "Глава 2". */
export const AXIS_KEYWORDS = [
  'part', 'chapter', 'section', 'title', 'annex', 'appendix', 'schedule', 'axis', 'pillar', 'basket', 'bucket', 'cluster', 'theme', 'strand',
  'partie', 'chapitre', 'titre', 'annexe', 'axe', 'volet',
  'parte', 'capítulo', 'capitulo', 'título', 'titulo', 'sección', 'seccion', 'anexo', 'eje',
  'seção', 'secção', 'eixo',
  'часть', 'глава', 'раздел', 'приложение', 'частина', 'розділ', 'додаток',
  'الباب', 'باب', 'الفصل', 'فصل', 'الجزء', 'جزء', 'الملحق', 'ملحق', 'القسم', 'قسم', 'المحور', 'محور',
];

/** Headings that name the preamble (read as preamble, never as a provision). */
export const PREAMBLE_WORDS = ['preamble', 'préambule', 'preámbulo', 'preâmbulo', 'преамбула', 'преамбула', 'الديباجة', 'ديباجة'];

const table = (rows: Array<[number, string]>): Map<string, number> => {
  const m = new Map<string, number>();
  for (const [v, words] of rows) for (const w of words.split(/\s+/).filter(Boolean)) if (!m.has(w)) m.set(w, v);
  return m;
};

/** Cardinal and ordinal number words after a heading keyword ("Part One", "Article premier"). */
export const NUMBER_WORDS = table([
  [1, 'one first un une premier première uno una primero primera primer um uma primeiro primeira один одна первый первая первое перший перша الأول الأولى الاول الاولى'],
  [2, 'two second deux deuxième seconde dos segundo segunda dois duas два две второй вторая второе другий друга الثاني الثانية'],
  [3, 'three third trois troisième tres tercero tercera tercer três terceiro terceira три третий третья третье третій третя الثالث الثالثة'],
  [4, 'four fourth quatre quatrième cuatro cuarto cuarta quatro quarto quarta четыре четвёртый четвертый четвёртая четвертая четвертий четверта الرابع الرابعة'],
  [5, 'five fifth cinq cinquième cinco quinto quinta пять пятый пятая пятий п\'ята п\'ятий الخامس الخامسة'],
  [6, 'six sixth sixième seis sexto sexta шесть шестой шестая шостий шоста السادس السادسة'],
  [7, 'seven seventh sept septième siete séptimo séptima sete sétimo sétima семь седьмой седьмая сьомий сьома السابع السابعة'],
  [8, 'eight eighth huit huitième ocho octavo octava oito oitavo oitava восемь восьмой восьмая восьмий восьма الثامن الثامنة'],
  [9, 'nine ninth neuf neuvième nueve noveno novena nove nono nona девять девятый девятая дев\'ятий дев\'ята التاسع التاسعة'],
  [10, 'ten tenth dix dixième diez décimo décima dez десять десятый десятая десятий десята العاشر العاشرة'],
  [11, 'eleven eleventh onze onzième once undécimo'],
  [12, 'twelve twelfth douze douzième doce duodécimo'],
  [13, 'thirteen thirteenth treize trece'],
  [14, 'fourteen fourteenth quatorze catorce'],
  [15, 'fifteen fifteenth quinze quince'],
  [16, 'sixteen sixteenth seize dieciséis'],
  [17, 'seventeen seventeenth'],
  [18, 'eighteen eighteenth'],
  [19, 'nineteen nineteenth'],
  [20, 'twenty twentieth vingt veinte vinte'],
]);

/**
 * Ordinal adverbs that enumerate inside prose ("the main points are: first, …; second, …"):
 * word → position. Only forms that read as a list marker when followed by a comma or colon.
 */
export const ORDINAL_ADVERBS = table([
  [1, 'first firstly premièrement primero primeiro во-первых по-перше أولا أولاً اولا'],
  [2, 'second secondly deuxièmement segundo по-друге во-вторых ثانيا ثانياً'],
  [3, 'third thirdly troisièmement tercero terceiro в-третьих по-третє ثالثا ثالثاً'],
  [4, 'fourth fourthly quatrièmement cuarto quarto в-четвёртых в-четвертых по-четверте رابعا رابعاً'],
  [5, 'fifth fifthly cinquièmement quinto в-пятых по-п\'яте خامسا خامساً'],
  [6, 'sixth sixthly sixièmement sexto в-шестых по-шосте سادسا سادساً'],
  [7, 'seventh seventhly septièmement séptimo sétimo в-седьмых سابعا سابعاً'],
  [8, 'eighth eighthly huitièmement octavo oitavo в-восьмых ثامنا ثامناً'],
  [9, 'ninth ninthly neuvièmement noveno nono в-девятых تاسعا تاسعاً'],
  [10, 'tenth tenthly dixièmement décimo в-десятых عاشرا عاشراً'],
]);

/** Letters of the Arabic alphabet in abjad order (أ ب ج د …), as lists label them. */
export const ARABIC_ABJAD = 'أبجدهوزحطيكلمنسعفصقرشتثخذضظغ';
/** Letters of the Arabic alphabet in dictionary order (أ ب ت ث …). */
export const ARABIC_HIJAI = 'أبتثجحخدذرزسشصضطظعغفقكلمنهوي';

/** Replace Arabic-Indic and Persian digits by ASCII digits, one code unit for one (offsets kept). */
export function asciiDigits(s: string): string {
  if (!/[\u0660-\u0669\u06F0-\u06F9]/.test(s)) return s;
  return s
    .replace(/[\u0660-\u0669]/g, (d) => String(d.charCodeAt(0) - 0x660))
    .replace(/[\u06F0-\u06F9]/g, (d) => String(d.charCodeAt(0) - 0x6f0));
}

/** Regex alternation of `words`, longest first, escaped. */
export function alternation(words: Iterable<string>): string {
  return [...new Set(words)]
    .sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .join('|');
}
