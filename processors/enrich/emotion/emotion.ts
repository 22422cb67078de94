/**
 * Lexicon-based emotion scores (joy, anger, fear, sadness, surprise, trust)
 * for nl, de, en. Negated emotion words do not count; intensifiers weigh
 * more; emoji count too. Each score is 1 − exp(−weighted hits), in [0, 1).
 */
import { RULES } from '../sentiment/rules.ts';
import { tokenize, type Token } from '../sentiment/text.ts';
import { EMOJI_EMOTIONS, EMOTION_WORDS, EMOTIONS, type Emotion } from './lexicon.ts';

export { EMOTIONS, type Emotion } from './lexicon.ts';

export interface EmotionResult {
  emotions: Record<Emotion, number>;
  /** Emotion with the highest score, when any emotion was found. */
  dominant?: Emotion;
}

interface CompiledList {
  exact: Map<string, Emotion[]>;
  prefixes: { prefix: string; emotion: Emotion }[];
}

const compiled = new Map<string, CompiledList>();

function compile(lang: string): CompiledList | null {
  const hit = compiled.get(lang);
  if (hit) return hit;
  const lists = EMOTION_WORDS[lang];
  if (!lists) return null;
  const exact = new Map<string, Emotion[]>();
  const prefixes: CompiledList['prefixes'] = [];
  for (const emotion of EMOTIONS) {
    for (const w of lists[emotion].split(/\s+/).filter(Boolean)) {
      if (w.endsWith('*')) prefixes.push({ prefix: w.slice(0, -1), emotion });
      else exact.set(w, [...(exact.get(w) ?? []), emotion]);
    }
  }
  prefixes.sort((a, b) => b.prefix.length - a.prefix.length);
  const c = { exact, prefixes };
  compiled.set(lang, c);
  return c;
}

/** Languages with emotion word lists. */
export const EMOTION_LANGUAGES: readonly string[] = Object.keys(EMOTION_WORDS);

function emotionsOfWord(list: CompiledList, t: Token): Emotion[] {
  for (const w of [t.norm, t.squeezed]) {
    const e = list.exact.get(w);
    if (e) return e;
  }
  const found = new Set<Emotion>();
  for (const { prefix, emotion } of list.prefixes) {
    if (t.squeezed.startsWith(prefix)) found.add(emotion);
  }
  return [...found];
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
    if (rules?.negators.has(t.norm) || (l === 'en' && /n['’]t$/iu.test(t.raw))) {
      negLeft = 3;
      continue;
    }
    const m = rules?.modifiers.get(t.norm);
    if (m !== undefined && m > 1) {
      mod *= m;
      continue;
    }
    const emotions = emotionsOfWord(list, t);
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
