import type { Templates } from './texts.ts';

/**
 * A customer answers another customer inside a brand's thread without naming the brand, as most lateral
 * replies on real platforms do ("same here, mine broke after a week"). The generator puts "@handle " in front.
 * Slots: {D} a duration, {I} an intensifier, {E} an emoji (see texts.ts). No brand, product, handle or tag may
 * appear here: these replies belong to the brand only through their thread.
 */
export const BARE_REPLY: Templates = {
  nl: {
    positive: [
      'bij mij ook, nu al {D} zonder problemen{E}',
      'helemaal mee eens, ik ben {I} blij met de mijne{E}',
      'goed om te horen, ik twijfelde nog{E}',
    ],
    neutral: [
      'hoe lang heb je hem al?',
      'heb je al een antwoord gekregen?',
      'welke versie heb jij?',
      'waar heb je hem gekocht?',
    ],
    negative: [
      'hier precies hetzelfde, de mijne ging na {D} stuk{E}',
      'zelfde probleem, {I} frustrerend{E}',
      'ik wacht ook al {D} op een antwoord{E}',
    ],
  },
  de: {
    positive: [
      'bei mir auch, seit {D} ohne Probleme{E}',
      'sehe ich genauso, ich bin {I} zufrieden mit meinem{E}',
      'gut zu hören, ich war noch unsicher{E}',
    ],
    neutral: [
      'wie lange hast du ihn schon?',
      'hast du schon eine Antwort bekommen?',
      'welche Version hast du?',
      'wo hast du ihn gekauft?',
    ],
    negative: [
      'hier genau dasselbe, meiner war nach {D} kaputt{E}',
      'gleiches Problem, {I} ärgerlich{E}',
      'ich warte auch schon seit {D} auf eine Antwort{E}',
    ],
  },
  en: {
    positive: [
      'same here, {D} in and no problems at all{E}',
      'totally agree, I am {I} happy with mine{E}',
      'good to hear, I was still on the fence{E}',
    ],
    neutral: [
      'how long have you had it?',
      'did they ever get back to you?',
      'which version do you have?',
      'where did you buy yours?',
    ],
    negative: [
      'same here, mine broke after {D}{E}',
      'same problem, {I} frustrating{E}',
      'I have been waiting {D} for an answer too{E}',
    ],
  },
  fr: {
    positive: [
      'pareil, depuis {D} aucun souci{E}',
      "tout à fait d'accord, je suis {I} content du mien{E}",
      "bon à savoir, j'hésitais encore{E}",
    ],
    neutral: [
      "tu l'as depuis combien de temps ?",
      'ils t’ont répondu finalement ?',
      'tu as quelle version ?',
      "tu l'as acheté où ?",
    ],
    negative: [
      'pareil, le mien a lâché après {D}{E}',
      'même problème, {I} énervant{E}',
      "j'attends aussi une réponse depuis {D}{E}",
    ],
  },
  es: {
    positive: [
      'igual aquí, {D} sin ningún problema{E}',
      'totalmente de acuerdo, estoy {I} contento con el mío{E}',
      'me alegra saberlo, todavía dudaba{E}',
    ],
    neutral: [
      '¿cuánto tiempo hace que lo tienes?',
      '¿al final te contestaron?',
      '¿qué versión tienes?',
      '¿dónde lo compraste?',
    ],
    negative: [
      'igual aquí, el mío se rompió después de {D}{E}',
      'mismo problema, {I} frustrante{E}',
      'yo también llevo {D} esperando una respuesta{E}',
    ],
  },
};

/**
 * Default share of customer-to-customer replies in brand threads that do not name the brand: about half, as on
 * real platforms. They become mentions only through their thread (processors/enrich/threads/brand-threads.ts);
 * pass 0 for a stream where every mention names its brand.
 */
export const DEFAULT_BARE_REPLY_SHARE = 0.5;
