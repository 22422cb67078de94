/**
 * Lexicon-based emotion scores (joy, anger, fear, sadness, surprise, trust)
 * for nl, de, en. Negated emotion words do not count; intensifiers weigh
 * more; emoji count too. Each score is 1 − exp(−weighted hits), in [0, 1).
 */
import { RULES, type LanguageRules } from '../sentiment/rules.ts';
import { endsWithNt, tokenize, type Token } from '../sentiment/text.ts';
import { EMOJI_EMOTIONS, EMOTION_WORDS, EMOTIONS, type Emotion } from './lexicon.ts';

export { EMOTIONS, type Emotion } from './lexicon.ts';

export interface EmotionResult {
  emotions: Record<Emotion, number>;
  /** Emotion with the highest score, when any emotion was found. */
  dominant?: Emotion;
}

interface CompiledList {
  exact: Map<string, Emotion[]>;
  /** Prefix entries by prefix; a word's prefixes are looked up by the lengths in `prefixLengths`. */
  prefixes: Map<string, Emotion[]>;
  prefixLengths: number[];
  /** What a word is, by its lower-cased form: words repeat far more than they vary. */
  words: Map<string, WordInfo>;
}

/** A word's role, a function of its lower-cased form (`Token.norm`; `Token.squeezed` derives from it). */
interface WordInfo {
  negator: boolean;
  /** Intensifier or diminisher factor, when the word is one. */
  modifier: number | undefined;
  emotions: Emotion[];
}

const compiled = new Map<string, CompiledList>();

function compile(lang: string): CompiledList | null {
  const hit = compiled.get(lang);
  if (hit) return hit;
  const lists = EMOTION_WORDS[lang];
  if (!lists) return null;
  const exact = new Map<string, Emotion[]>();
  const prefixes = new Map<string, Emotion[]>();
  for (const emotion of EMOTIONS) {
    for (const w of lists[emotion].split(/\s+/).filter(Boolean)) {
      if (w.endsWith('*')) {
        const p = w.slice(0, -1);
        prefixes.set(p, [...(prefixes.get(p) ?? []), emotion]);
      } else exact.set(w, [...(exact.get(w) ?? []), emotion]);
    }
  }
  const prefixLengths = [...new Set([...prefixes.keys()].map((p) => p.length))].sort((a, b) => a - b);
  const c = { exact, prefixes, prefixLengths, words: new Map<string, WordInfo>() };
  compiled.set(lang, c);
  return c;
}

/** Languages with emotion word lists. */
export const EMOTION_LANGUAGES: readonly string[] = Object.keys(EMOTION_WORDS);

/** Bound on the per-language word memo: cleared when full, so new words cannot grow it without limit. */
const WORD_MEMO = 50_000;

function emotionsOfWord(list: CompiledList, t: Token): Emotion[] {
  const e = list.exact.get(t.norm) ?? list.exact.get(t.squeezed);
  if (e) return e;
  // Every prefix entry the word starts with; each emotion once (a score adds each emotion once per word).
  const word = t.squeezed;
  const found = new Set<Emotion>();
  for (const n of list.prefixLengths) {
    if (n > word.length) break;
    for (const e of list.prefixes.get(word.slice(0, n)) ?? []) found.add(e);
  }
  return [...found];
}

function wordInfo(list: CompiledList, rules: LanguageRules | undefined, t: Token): WordInfo {
  let info = list.words.get(t.norm);
  if (info === undefined) {
    info = {
      negator: rules?.negators.has(t.norm) ?? false,
      modifier: rules?.modifiers.get(t.norm),
      emotions: emotionsOfWord(list, t),
    };
    if (list.words.size >= WORD_MEMO) list.words.clear();
    list.words.set(t.norm, info);
  }
  return info;
}

function emptyScores(): Record<Emotion, number> {
  return { joy: 0, anger: 0, fear: 0, sadness: 0, surprise: 0, trust: 0 };
}

/**
 * Emotion scores for a text. `lang` selects the word list (nl, de, en);
 * other or unknown languages use English words plus emoji.
 */
export function detectEmotions(text: string, lang?: string | null): EmotionResult {
  const l = lang && EMOTION_WORDS[lang] ? lang : 'en';
  const list = compile(l) as CompiledList;
  const rules = RULES[l] ?? RULES.en;
  const raw = emptyScores();
  const tokens = tokenize(text, l);
  let negLeft = 0;
  let mod = 1;
  for (const t of tokens) {
    if (t.kind === 'punct') {
      negLeft = 0;
      mod = 1;
      continue;
    }
    if (t.kind === 'emoji') {
      const e = EMOJI_EMOTIONS.get(t.norm);
      if (e) raw[e] += 0.8;
      continue;
    }
    if (t.kind !== 'word') continue;
    const info = wordInfo(list, rules, t);
    if (info.negator || (l === 'en' && endsWithNt(t.raw))) {
      negLeft = 3;
      continue;
    }
    const m = info.modifier;
    if (m !== undefined && m > 1) {
      mod *= m;
      continue;
    }
    const emotions = info.emotions;
    if (emotions.length > 0 && negLeft === 0) {
      const w = mod * (t.shouted ? 1.25 : 1) * (t.elongated ? 1.2 : 1);
      for (const e of emotions) raw[e] += w;
    }
    if (emotions.length > 0) mod = 1;
    if (negLeft > 0) negLeft--;
  }
  const excl = Math.min(3, (text.match(/!/g) ?? []).length);
  const emotions = emptyScores();
  let dominant: Emotion | undefined;
  let best = 0;
  for (const e of EMOTIONS) {
    const boosted = raw[e] * (1 + 0.1 * excl);
    emotions[e] = Math.round((1 - Math.exp(-boosted)) * 1000) / 1000;
    if (emotions[e] > best) {
      best = emotions[e];
      dominant = e;
    }
  }
  return dominant ? { emotions, dominant } : { emotions };
}
