/**
 * Compact emotion word lists (nl, de, en), written for this project from
 * general language knowledge (not derived from NRC EmoLex or any other
 * non-commercial resource). Licence: the project's own (Apache-2.0).
 *
 * Entries ending in '*' match as prefixes ("freu*" → freut, freue, freude).
 */

export const EMOTIONS = ['joy', 'anger', 'fear', 'sadness', 'surprise', 'trust'] as const;
export type Emotion = (typeof EMOTIONS)[number];

type EmotionLists = Record<Emotion, string>;

export const EMOTION_WORDS: Record<string, EmotionLists> = {
  en: {
    joy: `happy happi* joy* glad delight* love* lovely enjoy* fun excit* great awesome amazing wonderful
      fantastic yay woohoo celebrat* smile* laugh* cheer* thrill* bliss* pleased pleasure pleasant haha lol congrat* hooray
      yummy perfect beautiful`,
    anger: `angry anger* mad furious rage* hate* hating annoy* irritat* pissed outrag* disgust* wtf
      frustrat* livid fuming ridiculous unacceptable scam* rip-off ripoff rude* insult* infuriat*`,
    fear: `afraid fear* scared scary terrif* frighten* anxious anxiety worr* nervous panic* dread*
      horror horrif* threat* danger* alarm* uneasy concern* risk*`,
    sadness: `sad sadly sadness unhapp* depress* cry crying cries cried tears heartbroken heartbreak* miss missed
      missing lonely alone grief griev* sorrow* sorry disappoint* unfortunately regret* upset gloomy
      miserable lost loss`,
    surprise: `surpris* wow whoa omg unexpected* shock* astonish* amaz* stunn* unbelievabl* incredibl*
      sudden* suddenly speechless`,
    trust: `trust* reliab* rely depend* honest* loyal* faithful* safe secure* confiden* recommend*
      guarantee* proven quality credibl* dependable`,
  },
  nl: {
    joy: `blij* gelukkig* vrolijk* plezier* genie* geweldig* heerlijk* fantastisch* leuk* fijn*
      prachtig* lach* feest* vieren gevierd jippie hoera haha super top toppie yes gefeliciteerd enthousias*`,
    anger: `boos boze woedend* kwaad* razend* irritant* irriteer* ergernis ergerlijk* erger* haat*
      walg* belachelijk* schandalig* schande klote kut waardeloos* oplichter* onbeschoft* frustr*`,
    fear: `bang angst* eng enge bezorgd* zorgen ongerust* paniek* schrik* doodsbang vrees* gevaar*
      gevaarlijk* nerveus* spannend* griezel* dreig* onveilig*`,
    sadness: `verdriet* verdrietig* triest* droevig* huil* jammer helaas teleurgesteld* teleurstell*
      eenzaam* missen gemist rouw* somber* depressie* depressief* balen baal* spijt`,
    surprise: `verras* verbaas* verbazing* wauw wow onverwacht* ongelooflijk* ongelofelijk* schok*
      geschokt plots* plotseling* sprakeloos omg`,
    trust: `vertrouw* betrouwbaar* eerlijk* veilig* degelijk* aanrader aanbevol* aanraden
      garantie* kwaliteit* betrouwbaarheid loyaal*`,
  },
  de: {
    joy: `freu* glücklich* fröhlich* froh lustig* spaß genie* toll* super* wunderbar* herrlich* lach*
      feier* juhu yay haha begeistert* geil* schön* klasse glückwunsch* gratul* jubel*`,
    anger: `wütend* wut zorn* sauer ärger* ärgerlich* genervt nervt nervig* hass* hasse empör*
      unverschämt* frechheit* abzocke* scheiß* scheiss* scheiße* scheisse* frust* idiot* kotz*`,
    fear: `angst* ängstlich* fürcht* furcht* sorge* sorgen besorgt* panik* erschreck* schreck*
      bedroh* gefahr* gefährlich* unsicher* nervös* beunruhig* grusel*`,
    sadness: `traurig* trauer* weinen weint weinte geweint tränen* leider schade enttäusch* einsam* vermiss*
      verlor* verloren* bedauer* deprimiert* depress* niedergeschlagen* kummer* schmerz*`,
    surprise: `überrasch* erstaun* staun* wow unerwartet* unglaublich* plötzlich* schock* geschockt*
      sprachlos* krass* omg`,
    trust: `vertrau* zuverlässig* verlässlich* ehrlich* seriös* empfehl* garantie* qualität*
      bewährt* treu*`,
  },
};

/** Emoji → emotion. */
export const EMOJI_EMOTIONS: ReadonlyMap<string, Emotion> = new Map<string, Emotion>([
  ['😀', 'joy'], ['😃', 'joy'], ['😄', 'joy'], ['😁', 'joy'], ['😆', 'joy'], ['😂', 'joy'],
  ['🤣', 'joy'], ['😊', 'joy'], ['🙂', 'joy'], ['😍', 'joy'], ['🥰', 'joy'], ['🥳', 'joy'],
  ['🎉', 'joy'], ['❤', 'joy'], ['😡', 'anger'], ['😠', 'anger'], ['🤬', 'anger'], ['😤', 'anger'],
  ['👿', 'anger'], ['🖕', 'anger'], ['😱', 'fear'], ['😨', 'fear'], ['😰', 'fear'], ['😧', 'fear'],
  ['😢', 'sadness'], ['😭', 'sadness'], ['😞', 'sadness'], ['😔', 'sadness'], ['💔', 'sadness'],
  ['☹', 'sadness'], ['🙁', 'sadness'], ['😮', 'surprise'], ['😲', 'surprise'], ['😯', 'surprise'],
  ['🤯', 'surprise'], ['😳', 'surprise'], ['🤝', 'trust'], ['🙏', 'trust'], ['👍', 'trust'],
]); // prettier-ignore
