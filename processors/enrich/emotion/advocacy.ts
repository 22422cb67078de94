/**
 * Advocacy / recommendation intent: does the author recommend (promoter) or
 * advise against (detractor)? Phrase patterns per language; explicit
 * "not recommended" patterns are checked first, and a negator shortly before
 * a recommendation phrase turns it into a detractor.
 */

export type AdvocacyIntent = 'promoter' | 'detractor' | null;

export interface AdvocacyMatch {
  intent: AdvocacyIntent;
  /** The matched phrase (lower-cased), when any. */
  match?: string;
  lang?: string;
}

interface Patterns {
  promoter: RegExp[];
  detractor: RegExp[];
  /** Negators that flip a promoter phrase right after them. */
  negators: RegExp;
}

// \b is ASCII-only in JS; use Unicode-aware boundaries.
const B = '(?<![\\p{L}\\p{N}])';
const E = '(?![\\p{L}\\p{N}])';
const re = (s: string) => new RegExp(`${B}(?:${s})${E}`, 'iu');

export const ADVOCACY_PATTERNS: Record<string, Patterns> = {
  nl: {
    detractor: [
      re('niet (?:echt |zo |erg )?(?:aan ?te ?raden|aanraden|aanbevolen|aan te bevelen|de moeite waard)'),
      re('geen (?:echte )?aanrader'),
      re('(?:af ?te ?raden|afraden|afgeraden|raad (?:het|ik|iedereen) (?:\\p{L}+ )?af)'),
      re('blijf (?:er )?(?:ver )?(?:van )?weg'),
      re('(?:niet|nooit) (?:meer )?(?:kopen|bestellen)'),
      re('zonde van (?:het|je|mijn) geld'),
    ],
    promoter: [
      re('(?:een )?(?:echte |absolute |grote )?aanrader'),
      re('(?:zeker |echt |absoluut )?(?:aan ?te ?raden|aanraden|aanbevolen|aan te bevelen)'),
      re('raad (?:het|dit|deze|hem|haar|iedereen|je) (?:\\p{L}+ )?aan'),
      re('een (?:echte |absolute )?must|must[- ](?:have|read)'),
      re('moet je (?:echt )?(?:lezen|zien|proberen|hebben)'),
    ],
    negators: re('niet|geen|nooit|nauwelijks'),
  },
  de: {
    detractor: [
      re('nicht (?:zu |weiter)?empfehlen(?:swert)?'),
      re('kann (?:ich|man) (?:\\p{L}+ )?nicht (?:\\p{L}+ )?empfehlen'),
      re('(?:keine|absolut keine) (?:kauf)?empfehlung'),
      re('finger weg'),
      re('(?:rate|raten) (?:ich |wir )?(?:\\p{L}+ )?ab|abzuraten|abraten'),
      re('(?:nicht|nie wieder) kaufen'),
      re('geldverschwendung|zeitverschwendung'),
    ],
    promoter: [
      re(
        'kann (?:ich|man) (?:\\p{L}+ )?(?:nur |wärmstens |absolut |sehr |jedem |allen |uneingeschränkt )*empfehlen',
      ),
      re('(?:sehr |absolut |äußerst )?empfehlenswert'),
      re('(?:klare |absolute |uneingeschränkte )?kaufempfehlung'),
      re('(?:ich )?empfehle (?:es|ihn|sie|das|dieses|diesen|euch|jedem)'),
      re('(?:sehr |nur |absolut )?zu empfehlen'),
      re('unbedingt (?:kaufen|lesen|ansehen|anschauen|probieren)'),
      re('(?:ein )?muss für'),
    ],
    negators: re('nicht|kein|keine|keinem|keinen|nie|niemals|kaum'),
  },
  en: {
    detractor: [
      re("(?:would|will|could|do|can|does|did)(?:n[’']t| not)(?: \\p{L}+)? recommend"),
      re('not (?:\\p{L}+ )?recommend(?:ed)?'),
      re("(?:cannot|can[’']t|won[’']t) recommend"),
      re("don[’']t (?:buy|bother|waste)|do not (?:buy|bother|waste)"),
      re('(?:stay|keep) away|avoid (?:it|this|them)'),
      re('waste of (?:money|time)|not worth (?:it|the money|buying)'),
    ],
    promoter: [
      re('(?:highly|strongly|definitely|totally|really|absolutely|would|i|we|100%) recommend(?:ed)?'),
      re('recommend(?:ed)? (?:it|this|them|highly)'),
      re('you (?:should|must|have to|need to|gotta) (?:try|get|buy|check out|read|watch|see)'),
      re('must[- ](?:have|read|see|buy)'),
      re('worth (?:every penny|it|buying|the money|a read|a try)'),
      re('go (?:get|buy) (?:it|one|this)'),
    ],
    negators: new RegExp(`${B}(?:not|no|never|hardly|cannot)${E}|n[’']t${E}`, 'iu'),
  },
  fr: {
    detractor: [
      re('(?:je )?ne (?:le |la |les |vous )?(?:\\p{L}+ )?recommande (?:pas|absolument pas|vraiment pas)'),
      re('(?:je )?(?:le |la |les )?recommande pas'),
      re('(?:à|a) (?:éviter|fuir)|fuyez|je (?:le |la |les )?déconseille|déconseillé'),
      re('pas (?:à|a) recommander'),
      re("(?:n[’']|ne )achetez pas|n[’']achetez pas"),
    ],
    promoter: [
      re('je (?:le |la |les |vous |te )?(?:le |la |les )?recommande'),
      re('(?:à|a) recommander|(?:à|a) conseiller|je (?:le |la |les |vous )?conseille'),
      re('(?:à|a) (?:lire|voir) absolument|foncez'),
      re('(?:vivement |fortement )?recommandé'),
    ],
    negators: new RegExp(`${B}(?:ne|pas|jamais|aucun|aucune)${E}|${B}n[’']`, 'iu'),
  },
  es: {
    detractor: [
      re('no (?:lo |la |los |las |te |os )?recomiendo'),
      re('no (?:es )?(?:nada )?recomendable'),
      re('(?:evitad|evítalo|evitenlo|evítenlo)|no (?:lo )?compr(?:éis|es|en)'),
      re('no (?:vale|merece) la pena'),
    ],
    promoter: [
      re('(?:lo|la|los|las|te|os|se) (?:\\p{L}+ )?recomiendo'),
      re('(?:muy |totalmente |altamente )?recomendable'),
      re('(?:muy )?recomendad[oa]s?'),
      re('hay que (?:probarlo|verlo|leerlo|probarla|verla|leerla)'),
      re('(?:vale|merece) la pena'),
    ],
    negators: re('no|nunca|jamás|ni'),
  },
};

/**
 * One regex per language that matches wherever any of its detractor or promoter patterns would: most posts
 * recommend nothing, and one scan that fails is much cheaper than a dozen. Only a hit runs the ordered
 * patterns below, so the answer is the same. The shared word boundaries are checked once around the
 * alternation, which lets the scan skip faster than when each branch carries its own.
 */
const anyPhrase = new Map<Patterns, RegExp>();
function anyPhraseOf(p: Patterns): RegExp {
  let any = anyPhrase.get(p);
  if (any === undefined) {
    const all = [...p.detractor, ...p.promoter];
    // A pattern with other flags would read differently inside the union: then no shortcut.
    if (!all.every((r) => r.flags === 'iu')) any = /(?:)/;
    else if (all.every((r) => r.source.startsWith(B) && r.source.endsWith(E))) {
      const inner = all.map((r) => r.source.slice(B.length, -E.length));
      any = new RegExp(`${B}(?:${inner.join('|')})${E}`, 'iu');
    } else any = new RegExp(all.map((r) => `(?:${r.source})`).join('|'), 'iu');
    anyPhrase.set(p, any);
  }
  return any;
}

function detectIn(text: string, lang: string, p: Patterns): AdvocacyMatch | null {
  if (!anyPhraseOf(p).test(text)) return null;
  for (const d of p.detractor) {
    const m = d.exec(text);
    if (m) return { intent: 'detractor', match: m[0].toLowerCase(), lang };
  }
  for (const pr of p.promoter) {
    const m = pr.exec(text);
    if (!m) continue;
    // "ik zou het niet aanraden", "I would never recommend": negator within 3 words before
    const before = text.slice(0, m.index).split(/\s+/).filter(Boolean).slice(-3).join(' ');
    const negated = before.length > 0 && p.negators.test(before);
    return { intent: negated ? 'detractor' : 'promoter', match: m[0].toLowerCase(), lang };
  }
  return null;
}

/** Advocacy intent with the phrase that decided it. Unknown `lang` tries every language. */
export function detectAdvocacyDetailed(text: string, lang?: string | null): AdvocacyMatch {
  // Every whitespace run as one space; a lone space is left alone (no copy).
  const t = (text ?? '').replace(/\s{2,}|[^\S ]/g, ' ');
  const langs = lang && ADVOCACY_PATTERNS[lang] ? [lang] : Object.keys(ADVOCACY_PATTERNS);
  for (const l of langs) {
    const r = detectIn(t, l, ADVOCACY_PATTERNS[l] as Patterns);
    if (r) return r;
  }
  return { intent: null };
}

/** 'promoter' | 'detractor' | null */
export function detectAdvocacy(text: string, lang?: string | null): AdvocacyIntent {
  return detectAdvocacyDetailed(text, lang).intent;
}
