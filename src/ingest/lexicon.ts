/**
 * Event and speech words of the languages other than English that Accord reads (./foreign.ts), as
 * data: per language, the words that tell an event of each kind, the verbs of saying, the verb forms and words that put it
 * in the future (scheduled) or leave it only possible (conditional, rumoured, unconfirmed), the
 * purpose marker ("para firmar": the signing is the visit's purpose, no event of its own), title words
 * that introduce a person, words that make a capitalised run an institution rather than a person, and
 * the chrono-node parser of the language. General grammar and vocabulary of each language, nothing of
 * one process. Adding a language is adding an entry here.
 */
import * as chrono from 'chrono-node';
import type { EventKind } from '../model/schemas.js';

/** What ./foreign.ts needs to know of one language. */
export interface EventLexicon {
  /** ISO 639-1 code, as {@link detectLanguage} gives it. */
  code: string;
  /** Event words by kind, first match in this order wins within a clause. */
  triggers: { kind: EventKind; re: RegExp }[];
  /** A trigger right after one of these is a purpose ("para firmar", "pour signer"), not an event. */
  purpose: RegExp;
  /** Negation right before an event word ("y no a un nuevo plebiscito", "sans signature"): no event. */
  negation: RegExp;
  /** Conditional, rumour and "not confirmed" wording: the event is only possible. */
  hedge: RegExp;
  /** Future tense and planning words: the event is scheduled. */
  future: RegExp;
  /** Verbs of saying in the past or perfect ("dijo", "sostuvo", "a déclaré", "y voit"): a statement of their subject. */
  speech: RegExp;
  /** Title words before a person's name ("el presidente Juan …"). */
  titles: RegExp;
  /** Words that make a capitalised run an institution, place or work, not a person. */
  institutions: RegExp;
  /** Lower-case words that may join the parts of a name ("de", "del", "la"). */
  particles: Set<string>;
  /** Capitalised words that open sentences and are no names (articles, prepositions, pronouns). */
  function: Set<string>;
  /** "la capital colombiana", "la capitale libyenne": the capital of the country of a demonym. */
  capitalOf: RegExp;
  /** Weekday names, Monday first, accent-free lower case. */
  weekdays: string[];
  parser: chrono.Chrono;
}

/** A Unicode word boundary (JavaScript's `\b` knows ASCII letters only: "viajará" would end at "á"). */
const UB = '(?:(?<![\\p{L}\\p{N}])(?=[\\p{L}\\p{N}])|(?<=[\\p{L}\\p{N}])(?![\\p{L}\\p{N}]))';

/** Every regular expression of an entry with `\b` read as a Unicode word boundary. */
function unicodeBounds(l: EventLexicon): EventLexicon {
  const u = (re: RegExp) => new RegExp(re.source.replace(/\\b/g, UB), re.flags.includes('u') ? re.flags : `${re.flags}u`);
  return { ...l, triggers: l.triggers.map((t) => ({ kind: t.kind, re: u(t.re) })), speech: u(l.speech), purpose: u(l.purpose), negation: u(l.negation), hedge: u(l.hedge), future: u(l.future), titles: u(l.titles), institutions: u(l.institutions), capitalOf: u(l.capitalOf) };
}

const es: EventLexicon = {
  code: 'es',
  triggers: [
    { kind: 'signing', re: /\b(?:firm(?:aron|ó|an|a|ará|arán|aría|arían|ar|ado|ada|ados|en|e)|suscrib(?:ieron|ió|irán|irá))\b|\bla\s+firma\b/iu },
    { kind: 'summit', re: /\b(?:cumbre|conferencia\s+(?:internacional|de\s+paz))\b/iu },
    { kind: 'referendum', re: /\b(?:plebiscito|refer[eé]ndum|referendo|consulta\s+popular)\b/iu },
    { kind: 'phone-call', re: /\b(?:llamada|conversaci[oó]n)\s+telef[oó]nica\b|\bhablaron\s+por\s+tel[eé]fono\b/iu },
    { kind: 'visit', re: /\b(?:visit(?:ó|ará|aron|arán|a)|viaj(?:ó|ará|aron|arán|a)\s+a|lleg(?:ó|ará|aron|arán)\s+a)\b/iu },
    { kind: 'talks', re: /\b(?:negociaciones|conversaciones\s+de\s+paz|di[aá]logos?\s+de\s+paz|ronda\s+de\s+(?:negociaciones|conversaciones))\b/iu },
    { kind: 'meeting', re: /\b(?:se\s+reuni(?:ó|eron|rá|rán)|reuni[oó]n|encuentro)\b/iu },
  ],
  purpose: /\b(?:para|a\s+fin\s+de)\s+$/iu,
  negation: /\b(?:no|ni|sin|nunca)\b(?:\s+\p{L}+){0,3}\s+$/u,
  hedge: /\b(?:\p{Ll}+(?:ar|er|ir)[ií]an?|podr[ií]an?|habr[ií]an?|[Ss]eg[uú]n\s+(?:medios|fuentes|versiones|rumores)|se\s+rumorea|sin\s+confirmar|no\s+(?:lo\s+)?(?:ha|han)\s+confirmado|eventual(?:mente)?|posible)\b/u,
  future: /\b(?:\p{Ll}{2,}(?:ará|erá|irá|arán|erán|irán)|será|serán|irá|irán|va\s+a|van\s+a|previst[oa]s?|programad[oa]s?|pr[oó]xim[oa]s?|ma[nñ]ana)\b/u,
  speech: /\b(?:dijo|afirm[óo]|asegur[óo]|declar[óo]|anunci[óo]|sostuvo|advirti[óo]|señal[óo]|indic[óo]|explic[óo]|defendi[óo]|admiti[óo]|subray[óo]|insisti[óo]|expres[óo]|manifest[óo]|(?:ha|había|han|habían)\s+(?:dicho|afirmado|defendido|declarado|asegurado|señalado|advertido|anunciado))\b/u,
  titles: /\b(?:presidente|presidenta|expresidente|canciller|ministr[oa]|jefe|jefa|l[ií]der|comandante|embajador|enviad[oa]|negociador|portavoz|alias)\s*$/iu,
  institutions: /\b(?:Congreso|Gobierno|Senado|Teatro|Palacio|Casa|Plaza|Quinta|Universidad|Partido|Centro|Consejo|Comisi[oó]n|Naciones|Fuerzas|Ej[eé]rcito|Corte|Tribunal|Ministerio|Acuerdo|Estado|Rep[uú]blica|Democr[aá]tico|Noticiero|Agencia|Radio|Canal)\b/u,
  particles: new Set(['de', 'del', 'la', 'las', 'los']),
  function: new Set(['El', 'La', 'Los', 'Las', 'Un', 'Una', 'En', 'Con', 'Por', 'Para', 'Según', 'Tras', 'Ni', 'Unos', 'Unas', 'Este', 'Esta', 'Ese', 'Esa', 'Al', 'Del', 'Pero', 'Sin', 'Desde', 'Hasta', 'Ante', 'Sobre', 'No', 'Sí', 'Me', 'Se', 'Su', 'Sus']),
  capitalOf: /\b(?:la|a\s+la|en\s+la)\s+capital\s+(\p{Ll}+)\b/u,
  weekdays: ['lunes', 'martes', 'miercoles', 'jueves', 'viernes', 'sabado', 'domingo'],
  parser: chrono.es.casual,
};

const fr: EventLexicon = {
  code: 'fr',
  triggers: [
    { kind: 'signing', re: /\b(?:sign(?:é|ée|és|ées|ent|era|eront|erait|eraient|er)|signature)\b/iu },
    { kind: 'summit', re: /\b(?:sommet|conf[ée]rence)\b/iu },
    { kind: 'referendum', re: /\br[ée]f[ée]rendum\b/iu },
    { kind: 'phone-call', re: /\b(?:entretien|appel|[ée]change)\s+t[ée]l[ée]phonique\b/iu },
    { kind: 'visit', re: /\b(?:visite|a\s+visit[ée]|s['’]est\s+rendue?|se\s+rendra)\b/iu },
    { kind: 'talks', re: /\b(?:n[ée]gociations|pourparlers)\b/iu },
    { kind: 'meeting', re: /\b(?:rencontre|r[ée]union|s['’]est\s+entretenue?|(?:a|ont)\s+rencontr[ée])\b/iu },
  ],
  purpose: /\b(?:pour|afin\s+de)\s+$/iu,
  negation: /\b(?:pas|ni|sans|aucune?|jamais)\b(?:\s+\p{L}+){0,3}\s+$/u,
  hedge: /\b(?:\p{Ll}+(?:erait|eraient|irait|iraient)|serait|seraient|aurait|auraient|pourrait|pourraient|devrait|devraient|ferait|feraient|[Ss]elon\s+des\s+(?:rumeurs|sources)|non\s+confirm[ée]e?s?|[ée]ventuel(?:le)?(?:ment)?|possible)\b/u,
  future: /\b(?:\p{Ll}{2,}(?:era|eront|ira|iront)|sera|seront|aura|auront|pr[ée]vue?s?|attendue?s?|prochaine?s?|demain)\b/u,
  speech: /\b(?:(?:a|ont|avait|avaient)\s+(?:d[ée]clar[ée]|dit|affirm[ée]|annonc[ée]|estim[ée]|soulign[ée]|constat[ée]|rappel[ée]|averti|assur[ée]|indiqu[ée]|expliqu[ée]|insist[ée]|jug[ée])|y\s+voit|estime|juge|d[ée]clare|affirme)\b/u,
  titles: /\b(?:pr[ée]sident|pr[ée]sidente|ministre|chef|cheffe|dirigeant|commandant|ambassadeur|[ée]missaire|envoy[ée]|n[ée]gociateur|porte-parole|mar[ée]chal|g[ée]n[ée]ral)(?:\s+\p{Ll}+){0,4}\s*,?\s*$/iu,
  institutions: /\b(?:Conseil|Mission|Comit[ée]|Nations|Union|Gouvernement|Parlement|Assembl[ée]e|Minist[èe]re|Agence|Processus|Conf[ée]rence|Arm[ée]e|Front|Palais|Maison|Cour|Tribunal|Affaires|[ÉE]tat|R[ée]publique)\b/u,
  particles: new Set(['de', 'du', 'des', 'la', 'le', "d'", 'al']),
  function: new Set(['Le', 'La', 'Les', 'Un', 'Une', 'En', 'Pour', 'Selon', 'Après', 'Avec', 'Par', 'Plus', 'Dans', 'Sur', 'Ce', 'Cette', 'Ces', 'Au', 'Aux', 'Du', 'Des', 'Mais', 'Sans', 'Depuis', 'Il', 'Elle', 'Ils', 'Elles', 'On', 'Nous', 'Seul', 'Pour']),
  capitalOf: /\b(?:la|à\s+la|dans\s+la)\s+capitale\s+(\p{Ll}+)\b/u,
  weekdays: ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'],
  parser: chrono.fr.casual,
};

const LEXICONS: Record<string, EventLexicon> = { es: unicodeBounds(es), fr: unicodeBounds(fr) };

/** The event lexicon of a language code, or null when Accord reads no events in it. */
export function eventLexicon(code: string): EventLexicon | null {
  return LEXICONS[code] ?? null;
}
