/**
 * Language-specific rule tables for the lexicon scorer: negators,
 * intensifiers/diminishers, contrast ("but") words, emoji and emoticons.
 * Written for this project (no third-party data).
 */

export interface LanguageRules {
  /** Single tokens that negate the following few tokens. */
  negators: ReadonlySet<string>;
  /** Negators that only count after a clitic `ne`/`n'` (French `ne … plus`). */
  weakNegators?: ReadonlySet<string>;
  /** Token → multiplier for the next sentiment word (>1 intensify, <1 diminish). */
  modifiers: ReadonlyMap<string, number>;
  /** Two-token modifiers ("a bit", "un peu", "ein bisschen"). */
  modifierBigrams?: ReadonlyMap<string, number>;
  /** Words that introduce a contrast: the clause after it weighs more. */
  contrast: ReadonlySet<string>;
  /** Negation can also apply backwards ("das gefällt mir nicht"). */
  postNegation: boolean;
}

const set = (s: string) => new Set(s.split(/\s+/).filter(Boolean));
const map = (o: Record<string, number>) => new Map(Object.entries(o));

const EN_NT = [
  'dont doesnt didnt isnt wasnt arent werent cant couldnt wont wouldnt shouldnt',
  'havent hasnt hadnt aint mustnt neednt',
].join(' ');

export const RULES: Record<string, LanguageRules> = {
  en: {
    negators: set(
      `not no never none nobody nothing neither nor nowhere cannot cant without hardly barely ${EN_NT}`,
    ),
    modifiers: map({
      very: 1.3, really: 1.3, so: 1.2, extremely: 1.5, incredibly: 1.4, absolutely: 1.4,
      totally: 1.3, super: 1.3, most: 1.2, highly: 1.3, truly: 1.3, completely: 1.3,
      utterly: 1.4, damn: 1.3, fucking: 1.4, freaking: 1.3, too: 1.1, especially: 1.2,
      insanely: 1.4, seriously: 1.2, deeply: 1.3, hugely: 1.3, quite: 1.1, such: 1.2,
      slightly: 0.5, somewhat: 0.6, kinda: 0.6, fairly: 0.8, rather: 0.8, little: 0.7,
      marginally: 0.5, partly: 0.6, almost: 0.7, less: 0.6, mildly: 0.6,
    }), // prettier-ignore
    modifierBigrams: map({ 'a bit': 0.6, 'a little': 0.6, 'kind of': 0.6, 'sort of': 0.6 }),
    contrast: set('but however yet though nevertheless nonetheless'),
    postNegation: false,
  },
  nl: {
    negators: set('niet geen nooit niets niks nergens noch zonder allerminst geeneens'),
    modifiers: map({
      zeer: 1.4, heel: 1.3, erg: 1.3, echt: 1.2, super: 1.3, enorm: 1.4, ontzettend: 1.5,
      vreselijk: 1.4, verschrikkelijk: 1.4, hartstikke: 1.4, zo: 1.2, te: 1.1, uiterst: 1.5,
      bijzonder: 1.3, behoorlijk: 1.2, reuze: 1.3, mega: 1.3, echtwaar: 1.2, uitermate: 1.5,
      buitengewoon: 1.4, werkelijk: 1.3, zeker: 1.1, ongelooflijk: 1.4, ongelofelijk: 1.4,
      beetje: 0.6, enigszins: 0.6, nogal: 0.8, vrij: 0.8, tamelijk: 0.8, iets: 0.8, weinig: 0.6,
      wat: 0.9, minder: 0.6,
    }), // prettier-ignore
    modifierBigrams: map({ 'een beetje': 0.6, 'een tikje': 0.6 }),
    contrast: set('maar echter doch toch alhoewel'),
    postNegation: true,
  },
  de: {
    negators: set(
      'nicht nich ned net kein keine keinen keinem keiner keines nie niemals nichts nix nirgends ohne weder kaum',
    ),
    modifiers: map({
      sehr: 1.4, extrem: 1.5, total: 1.3, echt: 1.2, wirklich: 1.3, super: 1.3, richtig: 1.3,
      voll: 1.3, mega: 1.3, absolut: 1.4, äußerst: 1.5, ausserst: 1.5, unglaublich: 1.4,
      besonders: 1.3, so: 1.2, zu: 1.1, ziemlich: 1.2, höchst: 1.4, verdammt: 1.4,
      überaus: 1.4, ungemein: 1.4, wahnsinnig: 1.4, irre: 1.3, sau: 1.3, tierisch: 1.3,
      durchaus: 1.1, äusserst: 1.5, enorm: 1.4, unheimlich: 1.3, recht: 1.1, ganz: 1.1,
      etwas: 0.7, bisschen: 0.6, bissl: 0.6, wenig: 0.6, leicht: 0.7, eher: 0.8, halbwegs: 0.6,
      einigermaßen: 0.7, relativ: 0.8, weniger: 0.6,
    }), // prettier-ignore
    modifierBigrams: map({ 'ein bisschen': 0.6, 'ein wenig': 0.6, 'gar nicht': 1.2 }),
    contrast: set('aber jedoch sondern allerdings trotzdem dennoch doch'),
    postNegation: true,
  },
  fr: {
    negators: set("ne n' pas jamais rien aucun aucune nul nulle sans ni guère"),
    weakNegators: set('plus personne point'),
    modifiers: map({
      très: 1.4, trop: 1.3, vraiment: 1.3, super: 1.3, hyper: 1.3, extrêmement: 1.5,
      tellement: 1.3, si: 1.2, absolument: 1.4, totalement: 1.3, carrément: 1.3,
      particulièrement: 1.3, assez: 1.1, fort: 1.2, profondément: 1.3, terriblement: 1.4,
      incroyablement: 1.4, vachement: 1.3, grave: 1.2, complètement: 1.3, franchement: 1.2,
      énormément: 1.4, parfaitement: 1.3, tout: 1.1,
      peu: 0.6, légèrement: 0.6, plutôt: 0.8, moyennement: 0.6, relativement: 0.8, moins: 0.6,
    }), // prettier-ignore
    modifierBigrams: map({ 'un peu': 0.6, 'pas mal': 1.0 }),
    contrast: set('mais cependant pourtant toutefois néanmoins sauf'),
    postNegation: true,
  },
  es: {
    negators: set('no nunca jamás jamas nada nadie ningún ningun ninguno ninguna ni sin tampoco'),
    modifiers: map({
      muy: 1.4, mucho: 1.3, mucha: 1.3, muchísimo: 1.5, muchisimo: 1.5, super: 1.3, súper: 1.3,
      tan: 1.3, demasiado: 1.3, realmente: 1.3, bastante: 1.2, extremadamente: 1.5,
      totalmente: 1.3, increíblemente: 1.4, increiblemente: 1.4, sumamente: 1.5, re: 1.2,
      completamente: 1.3, verdaderamente: 1.3, tremendamente: 1.4, mas: 1.1, más: 1.1,
      poco: 0.6, algo: 0.7, ligeramente: 0.6, medio: 0.7, menos: 0.6,
    }), // prettier-ignore
    modifierBigrams: map({ 'un poco': 0.6, 'un poquito': 0.6 }),
    contrast: set('pero sino aunque embargo'),
    postNegation: false,
  },
  it: {
    negators: set('non mai niente nulla nessuno nessuna senza né'),
    modifiers: map({
      molto: 1.4, troppo: 1.3, davvero: 1.3, veramente: 1.3, super: 1.3, tanto: 1.3, così: 1.2,
      estremamente: 1.5, assolutamente: 1.4, proprio: 1.2, parecchio: 1.2, poco: 0.6, abbastanza: 1.1,
    }), // prettier-ignore
    modifierBigrams: map({ 'un po': 0.6 }),
    contrast: set('ma però tuttavia eppure'),
    postNegation: false,
  },
  pt: {
    negators: set('não nao nunca jamais nada ninguém ninguem nenhum nenhuma sem nem'),
    modifiers: map({
      muito: 1.4, muita: 1.4, demais: 1.3, super: 1.3, tão: 1.3, tao: 1.3, bem: 1.2,
      realmente: 1.3, extremamente: 1.5, totalmente: 1.3, bastante: 1.2, pouco: 0.6,
    }), // prettier-ignore
    modifierBigrams: map({ 'um pouco': 0.6 }),
    contrast: set('mas porém porem contudo todavia entretanto'),
    postNegation: false,
  },
};

/** Rules used for text of unknown language: English plus shared cues. */
export function rulesFor(lang: string): LanguageRules {
  return RULES[lang] ?? (RULES.en as LanguageRules);
}

/**
 * Emoji polarity (-1..1), hand-assigned. Faces, hearts, hands and a few
 * symbols that carry sentiment in social posts.
 */
export const EMOJI_POLARITY: ReadonlyMap<string, number> = new Map(
  Object.entries({
    '😀': 0.7, '😃': 0.7, '😄': 0.7, '😁': 0.7, '😆': 0.6, '😅': 0.3, '🤣': 0.6, '😂': 0.4,
    '🙂': 0.4, '😊': 0.7, '😇': 0.6, '🥰': 0.9, '😍': 0.9, '🤩': 0.8, '😘': 0.7, '😗': 0.4,
    '😚': 0.6, '😙': 0.5, '😋': 0.6, '😛': 0.4, '😜': 0.4, '🤪': 0.3, '😝': 0.3, '🤗': 0.6,
    '😎': 0.5, '🥳': 0.8, '👍': 0.6, '👏': 0.6, '🙌': 0.7, '💪': 0.5, '❤': 0.8, '♥': 0.8,
    '💕': 0.8, '💖': 0.8, '💗': 0.8, '💓': 0.7, '💞': 0.8, '💘': 0.7, '💝': 0.7, '💙': 0.6,
    '💚': 0.6, '💛': 0.6, '💜': 0.6, '🧡': 0.6, '😉': 0.4, '✨': 0.4, '🎉': 0.7, '🎊': 0.6,
    '🔥': 0.4, '💯': 0.6, '⭐': 0.4, '🌟': 0.5, '👌': 0.5, '✌': 0.3, '🙏': 0.4, '☺': 0.6,
    '😌': 0.4, '🍾': 0.5, '🥂': 0.5, '🏆': 0.6, '✅': 0.4, '🌞': 0.4, '🌈': 0.4, '🌹': 0.4,
    '💐': 0.5, '😺': 0.5, '😸': 0.5, '😻': 0.8, '🤝': 0.4, '🫶': 0.8, '😹': 0.5, '💋': 0.5,
    '😏': 0.1, '🥲': 0.1, '😞': -0.6, '😔': -0.5, '😟': -0.5, '😕': -0.4, '🙁': -0.5,
    '☹': -0.6, '😣': -0.5, '😖': -0.6, '😫': -0.6, '😩': -0.6, '🥺': -0.3, '😢': -0.7,
    '😭': -0.5, '😤': -0.5, '😠': -0.8, '😡': -0.9, '🤬': -0.9, '😱': -0.5, '😨': -0.6,
    '😰': -0.6, '😥': -0.5, '😓': -0.4, '🤢': -0.7, '🤮': -0.8, '👎': -0.7, '💔': -0.8,
    '😒': -0.6, '🙄': -0.5, '😑': -0.3, '😐': -0.2, '😬': -0.3, '🤦': -0.5, '😪': -0.3,
    '🤯': -0.2, '😳': -0.2, '💩': -0.6, '😷': -0.3, '🤕': -0.5, '🤒': -0.5, '❌': -0.5,
    '😿': -0.6, '😾': -0.6, '👿': -0.7, '😈': -0.1, '☠': -0.4, '💀': -0.1, '🖕': -0.9,
    '😧': -0.5, '😦': -0.4, '😮': 0.0, '😯': 0.0, '😲': 0.0, '🤔': -0.05, '🙃': -0.1,
  }), // prettier-ignore
);

/** ASCII emoticons → polarity. Matched case-sensitively as whole tokens. */
export const EMOTICON_POLARITY: ReadonlyMap<string, number> = new Map(
  Object.entries({
    ':)': 0.6, ':-)': 0.6, ':]': 0.6, '=)': 0.6, '(:': 0.6, ':o)': 0.6, ':))': 0.7, ':-))': 0.7,
    ':D': 0.7, ':-D': 0.7, 'xD': 0.6, 'XD': 0.6, '=D': 0.7, ';)': 0.4, ';-)': 0.4, ';D': 0.5,
    ':P': 0.3, ':p': 0.3, ':-P': 0.3, ':-p': 0.3, '<3': 0.8, '<33': 0.8, '^^': 0.5, '^_^': 0.6,
    ':*': 0.6, ':-*': 0.6, ':(': -0.6, ':-(': -0.6, '):': -0.6, ':[': -0.6, '=(': -0.6,
    ":'(": -0.7, ":'-(": -0.7, ':((': -0.7, ':/': -0.3, ':-/': -0.3, ':\\': -0.3, '>:(': -0.8,
    '</3': -0.8, ':|': -0.2, ':-|': -0.2, 'D:': -0.5, ':@': -0.7, '-_-': -0.3, '-.-': -0.3,
  }), // prettier-ignore
);

/** Regex source matching the emoticons above (longest first), for the tokenizer. */
export const EMOTICON_PATTERN = [...EMOTICON_POLARITY.keys()]
  .sort((a, b) => b.length - a.length)
  .map((e) => e.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))
  .join('|');
