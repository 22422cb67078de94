import type { Lang, Sentiment } from './truth.ts';

/**
 * Phrase templates of the simulated community, per language and ground-truth sentiment.
 *
 * Slots: {B} brand display name, {B2} second brand, {P} product name (contains the brand), {MY} possessive
 * product phrase ("mijn Stadsfiets", "meine Barista"; used only where no verb agrees with it, because the
 * products differ in gender and number), {C} a brand-specific main clause of the template's sentiment,
 * {X} a main clause about the brand's current incident (spikes), {D} a duration that fits "for / seit / al
 * … / depuis / desde hace", {I} an intensifier, {E} an emoji of the sentiment (or nothing), {T} the brand's
 * #tag, {L} a link, {N} a number.
 *
 * The labels are what a careful annotator would give: negations flip ("niet slecht", "nicht schlecht",
 * "not bad", "pas mal", "no está mal" are positive; "niet goed", "not great" are negative), a brand's apology
 * or help offer is neutral, an advertisement is neutral. Every on-topic template names the brand ({B}, {P},
 * {T}, or the @handle the generator puts in front), and no off-topic template does.
 */

export type Templates = Record<Lang, Record<Sentiment, readonly string[]>>;

export const INTENSIFIERS: Record<Lang, readonly string[]> = {
  nl: ['echt', 'heel', 'super', 'erg', 'ontzettend'],
  de: ['sehr', 'echt', 'total', 'richtig', 'wirklich'],
  en: ['really', 'so', 'super', 'incredibly', 'very'],
  fr: ['vraiment', 'très', 'super', 'trop'],
  es: ['muy', 'súper', 'realmente', 'bastante'],
};

/** Durations, in the form each language needs after "al / seit, nach / for, after / depuis, après / desde hace". */
export const DURATIONS: Record<Lang, readonly string[]> = {
  nl: ['twee weken', 'tien dagen', 'een maand', 'drie dagen', 'zes weken'],
  de: ['zwei Wochen', 'zehn Tagen', 'einem Monat', 'drei Tagen', 'sechs Wochen'],
  en: ['two weeks', 'ten days', 'a month', 'three days', 'six weeks'],
  fr: ['deux semaines', 'dix jours', 'un mois', 'trois jours'],
  es: ['dos semanas', 'diez días', 'un mes', 'tres días'],
};

/** Emoji are optional (the empty entries), as in real posts. */
export const EMOJI: Record<Sentiment, readonly string[]> = {
  positive: ['', '', '', ' 😍', ' 👍', ' 🙌', ' ❤️', ' 😊', ' 🎉', ' 💯'],
  neutral: ['', '', '', '', '', ' 🤔', ' 👀'],
  negative: ['', '', '', ' 😡', ' 😤', ' 😞', ' 👎', ' 🙄', ' 💔'],
};

export interface BrandPhrases {
  my: string;
  clauses: Record<Sentiment, readonly string[]>;
}

/** Brand-specific product talk: main clauses (subject and verb included) so any template can embed them. */
export const BRAND_PHRASES: Record<string, Record<Lang, BrandPhrases>> = {
  fietsfabriek: {
    nl: {
      my: 'mijn Stadsfiets',
      clauses: {
        positive: [
          'hij rijdt heerlijk licht',
          'de accu gaat makkelijk een week mee',
          'de versnellingen schakelen super soepel',
          'het zadel zit ook na 40 km nog prima',
          'de levering ging sneller dan beloofd',
        ],
        negative: [
          'de ketting loopt er steeds af',
          'de accu is na 20 km al leeg',
          'de remmen piepen bij elke stop',
          'het achterlicht doet het alweer niet',
          'de reparatie duurt nu al drie weken',
        ],
        neutral: [
          'hij komt ook in het groen',
          'er komt in april een nieuw model',
          'een onderhoudsbeurt kost 49 euro',
        ],
      },
    },
    de: {
      my: 'mein Stadsfiets',
      clauses: {
        positive: [
          'es fährt sich wunderbar leicht',
          'der Akku hält locker eine Woche',
          'die Schaltung läuft super geschmeidig',
          'der Sattel ist auch nach 40 km noch bequem',
          'die Lieferung kam schneller als versprochen',
        ],
        negative: [
          'die Kette springt ständig ab',
          'der Akku ist nach 20 km leer',
          'die Bremsen quietschen bei jedem Halt',
          'das Rücklicht geht schon wieder nicht',
          'die Reparatur dauert schon drei Wochen',
        ],
        neutral: [
          'es gibt das Rad jetzt auch in Grün',
          'das neue Modell kommt im April',
          'die Inspektion kostet 49 Euro',
        ],
      },
    },
    en: {
      my: 'my Stadsfiets',
      clauses: {
        positive: [
          'it rides beautifully light',
          'the battery easily lasts a week',
          'the gears shift super smoothly',
          'the saddle is still comfy after 40 km',
          'delivery was faster than promised',
        ],
        negative: [
          'the chain keeps coming off',
          'the battery is dead after 20 km',
          'the brakes squeal at every stop',
          'the rear light has stopped working again',
          'the repair has taken three weeks already',
        ],
        neutral: ['it also comes in green now', 'the new model is out in April', 'a service costs 49 euros'],
      },
    },
    fr: {
      my: 'mon vélo Stadsfiets',
      clauses: {
        positive: ['il roule tout seul', 'la batterie tient une semaine', 'les vitesses passent super bien'],
        negative: [
          'la chaîne saute tout le temps',
          'la batterie est vide après 20 km',
          'les freins grincent à chaque arrêt',
        ],
        neutral: ['il existe aussi en vert', 'la révision coûte 49 euros'],
      },
    },
    es: {
      my: 'mi bici Stadsfiets',
      clauses: {
        positive: ['va ligerísima', 'la batería dura una semana', 'los cambios van súper suaves'],
        negative: [
          'la cadena se sale todo el rato',
          'la batería se agota a los 20 km',
          'los frenos chirrían en cada parada',
        ],
        neutral: ['también la hay en verde', 'la revisión cuesta 49 euros'],
      },
    },
  },
  kaffeekraft: {
    nl: {
      my: 'mijn Barista',
      clauses: {
        positive: [
          'de espresso is elke ochtend perfect',
          'het melkschuim wordt heerlijk romig',
          'hij is binnen een minuut op temperatuur',
          'de bonen van het abonnement zijn top',
        ],
        negative: [
          'het apparaat lekt water',
          'de maalmolen maakt een herrie van jewelste',
          'de stoompijp is alweer verstopt',
          'de koffie smaakt bitter en waterig',
          'het display geeft steeds een foutcode',
        ],
        neutral: [
          'er is een nieuwe firmware',
          'ontkalken moet elke maand',
          'de bonen worden op dinsdag bezorgd',
        ],
      },
    },
    de: {
      my: 'meine Barista',
      clauses: {
        positive: [
          'der Espresso ist jeden Morgen perfekt',
          'der Milchschaum wird herrlich cremig',
          'sie ist in einer Minute aufgeheizt',
          'die Bohnen aus dem Abo sind klasse',
          'der Kundendienst hat sofort geholfen',
        ],
        negative: [
          'die Maschine leckt Wasser',
          'das Mahlwerk ist unglaublich laut',
          'die Dampflanze ist schon wieder verstopft',
          'der Kaffee schmeckt bitter und wässrig',
          'das Display zeigt ständig einen Fehlercode',
        ],
        neutral: [
          'es gibt ein neues Firmware-Update',
          'man muss sie jeden Monat entkalken',
          'die Bohnen kommen immer dienstags',
        ],
      },
    },
    en: {
      my: 'my Barista',
      clauses: {
        positive: [
          'the espresso is perfect every morning',
          'the milk foam comes out silky',
          'it heats up in under a minute',
          'the subscription beans are excellent',
        ],
        negative: [
          'the machine leaks water',
          'the grinder is unbelievably loud',
          'the steam wand is clogged again',
          'the coffee tastes bitter and watery',
          'the display keeps showing an error code',
        ],
        neutral: [
          'there is a new firmware update',
          'it needs descaling every month',
          'the beans arrive on Tuesdays',
        ],
      },
    },
    fr: {
      my: 'ma machine Barista',
      clauses: {
        positive: [
          "l'espresso est parfait chaque matin",
          'la mousse de lait est bien onctueuse',
          'elle chauffe en une minute',
        ],
        negative: ['la machine fuit', 'le moulin fait un bruit infernal', 'le café a un goût amer'],
        neutral: ['il y a une nouvelle mise à jour', 'il faut la détartrer chaque mois'],
      },
    },
    es: {
      my: 'mi cafetera Barista',
      clauses: {
        positive: [
          'el espresso sale perfecto cada mañana',
          'la espuma de leche queda cremosa',
          'se calienta en un minuto',
        ],
        negative: ['la máquina pierde agua', 'el molinillo hace un ruido horrible', 'el café sabe amargo'],
        neutral: ['hay una actualización nueva', 'hay que descalcificarla cada mes'],
      },
    },
  },
  lumora: {
    nl: {
      my: 'mijn Buds',
      clauses: {
        positive: [
          'het geluid is kristalhelder',
          'de noise cancelling werkt fantastisch in de trein',
          'de batterij houdt het de hele dag vol',
          'ze zitten heel comfortabel',
        ],
        negative: [
          'de verbinding valt steeds weg',
          'het linker oortje laadt niet meer op',
          'de batterij is na twee uur leeg',
          'de app crasht na elke update',
        ],
        neutral: [
          'de app heeft een nieuwe equalizer',
          'het oplaadhoesje is los te koop',
          'ze zijn er nu ook in het wit',
        ],
      },
    },
    de: {
      my: 'meine Buds',
      clauses: {
        positive: [
          'der Klang ist glasklar',
          'das Noise Cancelling funktioniert im Zug fantastisch',
          'der Akku hält den ganzen Tag',
          'sie sitzen sehr bequem',
        ],
        negative: [
          'die Verbindung bricht ständig ab',
          'der linke Ohrhörer lädt nicht mehr',
          'der Akku ist nach zwei Stunden leer',
          'die App stürzt nach jedem Update ab',
        ],
        neutral: [
          'die App hat einen neuen Equalizer',
          'das Ladecase gibt es auch einzeln',
          'es gibt sie jetzt auch in Weiß',
        ],
      },
    },
    en: {
      my: 'my Buds',
      clauses: {
        positive: [
          'the sound is crystal clear',
          'the noise cancelling is brilliant on the train',
          'the battery lasts all day',
          'they sit really comfortably',
        ],
        negative: [
          'the connection keeps dropping',
          'the left bud will not charge anymore',
          'the battery dies after two hours',
          'the app crashes after every update',
        ],
        neutral: [
          'the app has a new equalizer',
          'the charging case is sold separately',
          'they now come in white too',
        ],
      },
    },
    fr: {
      my: 'mes écouteurs Buds',
      clauses: {
        positive: [
          'le son est cristallin',
          'la réduction de bruit est géniale dans le train',
          'la batterie tient toute la journée',
        ],
        negative: [
          'la connexion saute sans arrêt',
          "l'écouteur gauche ne charge plus",
          'la batterie est vide après deux heures',
        ],
        neutral: ["l'appli a un nouvel égaliseur", 'ils existent aussi en blanc'],
      },
    },
    es: {
      my: 'mis auriculares Buds',
      clauses: {
        positive: [
          'el sonido es clarísimo',
          'la cancelación de ruido es genial en el tren',
          'la batería dura todo el día',
        ],
        negative: [
          'la conexión se corta cada dos por tres',
          'el auricular izquierdo ya no carga',
          'la batería se acaba en dos horas',
        ],
        neutral: ['la app tiene un ecualizador nuevo', 'también los hay en blanco'],
      },
    },
  },
};

export interface Story {
  id: string;
  /** Main clauses about the incident, per language. */
  clauses: Record<Lang, readonly string[]>;
  /** The brand's own notice about it, in the brand's language (neutral: information and help, no opinion). */
  notice: string;
}

/** What goes wrong during a brand's sentiment spike (one story per spike window). */
export const STORIES: Record<string, readonly Story[]> = {
  fietsfabriek: [
    {
      id: 'battery-recall',
      clauses: {
        nl: [
          'de accu van de Stadsfiets wordt teruggeroepen wegens brandgevaar',
          'mijn fiets staat stil door de terugroepactie',
        ],
        de: [
          'der Akku des Stadsfiets wird wegen Brandgefahr zurückgerufen',
          'mein Rad steht wegen des Rückrufs still',
        ],
        en: [
          'the Stadsfiets battery is being recalled over a fire risk',
          'my bike is off the road because of the recall',
        ],
        fr: ["la batterie du Stadsfiets est rappelée pour risque d'incendie"],
        es: ['retiran la batería de la Stadsfiets por riesgo de incendio'],
      },
      notice:
        'Belangrijk: uit voorzorg roepen we de accu van de Stadsfiets terug. Je krijgt gratis een nieuwe, alle info op onze site. #fietsfabriek',
    },
    {
      id: 'webshop-outage',
      clauses: {
        nl: ['de webshop ligt er al de hele dag uit', 'mijn bestelling is gewoon verdwenen'],
        de: ['der Webshop ist seit heute Morgen down', 'meine Bestellung ist einfach verschwunden'],
        en: ['the webshop has been down all day', 'my order has simply vanished'],
        fr: ['la boutique en ligne est en panne depuis ce matin'],
        es: ['la tienda online lleva todo el día caída'],
      },
      notice:
        'Onze webshop is op dit moment niet bereikbaar. We werken aan een oplossing en houden jullie op de hoogte. #fietsfabriek',
    },
  ],
  kaffeekraft: [
    {
      id: 'double-charges',
      clauses: {
        nl: ['mijn bestelling is twee keer afgeschreven', 'er komt al dagen geen levering'],
        de: ['mir wurde die Bestellung doppelt abgebucht', 'seit Tagen kommt keine Lieferung an'],
        en: ['they charged my order twice', 'no delivery has arrived for days'],
        fr: ['ma commande a été débitée deux fois'],
        es: ['me han cobrado el pedido dos veces'],
      },
      notice:
        'Einige Bestellungen wurden doppelt abgebucht. Wir erstatten alle Beträge automatisch innerhalb von 5 Tagen. #kaffeekraft',
    },
    {
      id: 'boiler-recall',
      clauses: {
        nl: ['de boiler van de Barista wordt teruggeroepen vanwege verbrandingsgevaar'],
        de: [
          'der Boiler der Barista wird wegen Verbrühungsgefahr zurückgerufen',
          'meine Maschine darf ich wegen des Rückrufs nicht mehr benutzen',
        ],
        en: ['the Barista boiler is being recalled over a scalding risk'],
        fr: ['la chaudière de la Barista est rappelée'],
        es: ['retiran la caldera de la Barista por riesgo de quemaduras'],
      },
      notice:
        'Sicherheitshinweis: Wir rufen den Boiler der Barista (Serie 2025) zurück. Alle Infos zum kostenlosen Austausch auf unserer Website. #kaffeekraft',
    },
  ],
  lumora: [
    {
      id: 'firmware-bricks',
      clauses: {
        nl: [
          'de nieuwe firmware-update heeft mijn Buds onbruikbaar gemaakt',
          'de Buds willen sinds de update niet meer koppelen',
        ],
        de: [
          'das neue Firmware-Update hat meine Buds lahmgelegt',
          'die Buds koppeln seit dem Update nicht mehr',
        ],
        en: ['the new firmware update bricked my Buds', 'the Buds will not pair since the update'],
        fr: ['la mise à jour a bloqué mes Buds'],
        es: ['la actualización ha bloqueado mis Buds'],
      },
      notice:
        'We are aware that firmware 4.1 stops some Buds from pairing. We have paused the rollout and a fix is on the way. #lumora',
    },
    {
      id: 'app-login-outage',
      clauses: {
        nl: ['de app laat niemand meer inloggen'],
        de: ['in der App kann sich niemand mehr anmelden'],
        en: ['nobody can log in to the app', 'the app logs me out every five minutes'],
        fr: ["impossible de se connecter à l'appli"],
        es: ['nadie puede entrar en la app'],
      },
      notice:
        'Some of you cannot log in to the app right now. Our team is on it, we will post an update within the hour. #lumora',
    },
  ],
};

/** Standalone talk about a brand (word of mouth, customer to customer). */
export const ABOUT: Templates = {
  nl: {
    positive: [
      'Ik ben {I} blij met {MY} van {B}: {C}!{E}',
      'Aanrader: {MY} van {B}. {C}.{E}',
      '{B} stelt niet teleur, {C}{E}',
      'Niet slecht hoor, {MY} van {B}. {C}.{E}',
      'Na {D} met {MY} van {B} kan ik zeggen: {C}. Top!{E}',
      'Wat een fijne service van {B}, {I} tevreden{E}',
      'Zeker een aanrader, {B}. {C}!{E}',
      'Beste aankoop van dit jaar: {MY} van {B}{E}',
      'Ik twijfelde eerst, maar {B} valt {I} mee: {C}{E}',
      'Geen spijt van {MY} van {B}, {C}{E}',
    ],
    neutral: [
      'Heeft iemand ervaring met {B}? Ik twijfel over de {P}',
      'Vandaag {MY} opgehaald bij {B}. Eens kijken hoe het bevalt',
      'Weet iemand of {B} ook op zaterdag levert?',
      'Volgens {B}: {C}.',
      'Even een vraag aan de kenners: is {B} de prijs waard?',
      'Wie heeft de {P} al een tijdje? Benieuwd naar jullie ervaringen',
      'Ik zit te kijken naar {B}. Iemand tips?',
      'Weet iemand wat je tegenwoordig betaalt voor de {P}?',
      'Morgen breng ik {MY} naar {B} voor een onderhoudsbeurt',
    ],
    negative: [
      'Drama met {MY} van {B}: {C}{E}',
      'Ik ben {I} teleurgesteld in {B}. {C}.{E}',
      'Niet goed, {B}. {C} en niemand reageert{E}',
      'Nooit meer {B}, {C}{E}',
      'Al {D} wachten op {B} en nog steeds niks{E}',
      'Wat een slechte service van {B}{E}',
      'Spijt van {MY} van {B}: {C}. Niet aan te raden{E}',
      'Hoe kan het dat {B} dit niet oplost? {C}{E}',
      '{B} reageert al {D} niet op mijn mail{E}',
      'Zonde van het geld, {MY} van {B}. {C}{E}',
    ],
  },
  de: {
    positive: [
      'Ich bin {I} zufrieden mit {B}: {C}!{E}',
      'Kann ich nur empfehlen: {MY} von {B}. {C}.{E}',
      'Nicht schlecht, was {B} da gebaut hat. {C}!{E}',
      'Seit {D} habe ich {MY} von {B} und {C}{E}',
      '{B} hat mich {I} überzeugt, {C}{E}',
      'Bester Kauf des Jahres: {MY} von {B}{E}',
      'Toller Service von {B}, {C}{E}',
      'Ich war skeptisch, aber {B} ist {I} gut. {C}.{E}',
      'Klare Empfehlung für {B}! {C}.{E}',
      'Ich liebe {MY} von {B}, {C}{E}',
    ],
    neutral: [
      'Hat jemand Erfahrung mit {B}? Ich überlege, die {P} zu kaufen',
      'Heute habe ich {MY} von {B} abgeholt, mal sehen',
      'Weiß jemand, ob {B} auch samstags liefert?',
      'Laut {B}: {C}.',
      'Frage an die Profis: Lohnt sich {B}?',
      'Wer nutzt die {P} schon länger? Bin gespannt auf eure Meinung',
      'Ich schaue mir gerade {B} an. Hat jemand Tipps?',
      'Kennt jemand den aktuellen Preis für die {P}?',
      'Morgen bringe ich {MY} zur Wartung zu {B}',
    ],
    negative: [
      'Nur Ärger mit {B}: {C}{E}',
      'Ich bin {I} enttäuscht von {B}. {C}.{E}',
      'Nicht gut, {B}. {C} und niemand meldet sich{E}',
      'Nie wieder {B}, {C}{E}',
      'Seit {D} warte ich auf {B} und nichts passiert{E}',
      'Was für ein schlechter Service von {B}{E}',
      'Ich bereue den Kauf bei {B}: {C}. Nicht zu empfehlen{E}',
      'Wie kann es sein, dass {B} das nicht löst? {C}{E}',
      '{B} antwortet seit {D} nicht auf meine Mails{E}',
      'Rausgeschmissenes Geld, {MY} von {B}. {C}{E}',
    ],
  },
  en: {
    positive: [
      'I am {I} happy with {MY} from {B}: {C}!{E}',
      'Highly recommend {MY} from {B}. {C}.{E}',
      'Not bad at all, {B}. {C}!{E}',
      'After {D} with {MY} from {B} I can say {C}. Love it{E}',
      '{B} customer service is {I} good, {C}{E}',
      'Best purchase this year: {MY} from {B}{E}',
      'Was sceptical at first, but {B} really delivers: {C}{E}',
      'Can only recommend {B}! {C}.{E}',
      'No regrets buying {MY} from {B}, {C}{E}',
      'Honestly cannot complain about {B}, {C}{E}',
    ],
    neutral: [
      'Anyone tried {B}? Thinking about the {P}',
      'Just picked up {MY} from {B}, we will see how it goes',
      'Does anyone know if {B} delivers on Saturdays?',
      'According to {B}: {C}.',
      'Question for the experts: is {B} worth the money?',
      'Who has had the {P} for a while? Curious what you think',
      'Looking into {B} at the moment. Any tips?',
      'Anyone know the current price of the {P}?',
      'Taking {MY} to {B} for a service tomorrow',
    ],
    negative: [
      'Nightmare with {MY} from {B}: {C}{E}',
      'I am {I} disappointed in {B}. {C}.{E}',
      'Not great, {B}. {C} and nobody gets back to me{E}',
      'Never buying {B} again, {C}{E}',
      'Waiting on {B} for {D} now and still nothing{E}',
      'Terrible customer service from {B}{E}',
      'Regret buying {MY} from {B}: {C}. Would not recommend{E}',
      'How can {B} not fix this? {C}{E}',
      '{B} has not answered my emails for {D}{E}',
      'Waste of money, {MY} from {B}. {C}{E}',
    ],
  },
  fr: {
    positive: [
      "J'adore {MY} de {B} : {C} !{E}",
      'Je recommande {B} les yeux fermés, {C}{E}',
      'Pas mal du tout, {B}. {C} !{E}',
      'Depuis {D} avec {MY} de {B}, {C}. Top{E}',
      'Service client {I} efficace chez {B}{E}',
      'Meilleur achat de l’année : {MY} de {B}{E}',
    ],
    neutral: [
      "Quelqu'un a testé {B} ? J'hésite à craquer pour {P}",
      'Je viens de récupérer {MY} chez {B}, on verra bien',
      'Est-ce que {B} livre le samedi ?',
      "D'après {B}, {C}.",
      'Quelqu’un connaît les prix actuels chez {B} ?',
    ],
    negative: [
      'Galère avec {MY} de {B} : {C}{E}',
      'Je suis {I} déçu par {B}. {C}.{E}',
      'Pas terrible, {B}. {C} et personne ne répond{E}',
      'Plus jamais {B}, {C}{E}',
      'Depuis {D} {B} ne répond pas à mes mails{E}',
      'Je ne recommande pas {B} : {C}{E}',
    ],
  },
  es: {
    positive: [
      'Estoy {I} contento con {MY} de {B}: {C}!{E}',
      'Recomiendo {B} sin dudarlo, {C}{E}',
      'No está nada mal, {B}. {C}.{E}',
      'Después de {D} con {MY} de {B}, {C}. Genial{E}',
      'El servicio de {B} es {I} bueno{E}',
      'La mejor compra del año: {MY} de {B}{E}',
    ],
    neutral: [
      '¿Alguien ha probado {B}? Estoy pensando en comprar {P}',
      'Acabo de recoger {MY} en {B}, ya veremos',
      '¿Sabéis si {B} entrega los sábados?',
      'Según {B}, {C}.',
      '¿Alguien sabe los precios actuales de {B}?',
    ],
    negative: [
      'Un desastre {MY} de {B}: {C}{E}',
      'Estoy {I} decepcionado con {B}. {C}.{E}',
      'No es nada bueno, {B}. {C} y nadie responde{E}',
      'Nunca más {B}, {C}{E}',
      'Desde hace {D} {B} no contesta mis correos{E}',
      'No recomiendo {B}: {C}{E}',
    ],
  },
};

/** A customer addresses the brand; the generator puts "@handle " in front. */
export const ADDRESS: Templates = {
  nl: {
    positive: [
      'bedankt voor de snelle hulp, {I} goede service!{E}',
      '{C}, dank jullie wel!{E}',
      'top dat jullie zo snel reageerden{E}',
      'gewoon even zeggen: {C}. Ga zo door!{E}',
      'jullie klantenservice is echt niet slecht, binnen een uur geholpen{E}',
    ],
    neutral: [
      'wanneer komt het nieuwe model uit?',
      'kan ik mijn bestelling nog wijzigen?',
      'hebben jullie ook een winkel in Gent?',
      'hoe lang duurt de levering naar België?',
      'ik las: {C}. Klopt dat?',
    ],
    negative: [
      '{C} en niemand helpt me verder{E}',
      'al {D} wacht ik op antwoord, dit is niet goed{E}',
      'mijn bestelling is al {D} te laat. Wat is er aan de hand?{E}',
      'waarom reageren jullie niet? {C}{E}',
      'ik ben {I} ontevreden: {C}{E}',
    ],
  },
  de: {
    positive: [
      'danke für die schnelle Hilfe, {I} guter Service!{E}',
      '{C}, vielen Dank!{E}',
      'super, dass ihr so schnell geantwortet habt{E}',
      'wollte nur sagen: {C}. Weiter so!{E}',
      'euer Kundendienst ist echt nicht schlecht, in einer Stunde war alles erledigt{E}',
    ],
    neutral: [
      'wann kommt das neue Modell?',
      'kann ich meine Bestellung noch ändern?',
      'habt ihr auch einen Laden in Wien?',
      'wie lange dauert der Versand in die Schweiz?',
      'ich habe gelesen: {C}. Stimmt das?',
    ],
    negative: [
      '{C} und niemand hilft mir{E}',
      'seit {D} warte ich auf eine Antwort, das ist nicht gut{E}',
      'meine Bestellung ist seit {D} überfällig. Was ist los?{E}',
      'warum antwortet ihr nicht? {C}{E}',
      'ich bin {I} unzufrieden: {C}{E}',
    ],
  },
  en: {
    positive: [
      'thanks for the quick help, {I} good service!{E}',
      '{C}, thank you!{E}',
      'great that you got back to me so fast{E}',
      'just wanted to say {C}. Keep it up!{E}',
      'your support is honestly not bad at all, sorted within the hour{E}',
    ],
    neutral: [
      'when is the new model coming out?',
      'can I still change my order?',
      'do you have a store in Manchester?',
      'how long does shipping to Ireland take?',
      'is it true that {C}?',
    ],
    negative: [
      '{C} and nobody is helping me{E}',
      'been waiting {D} for an answer, this is not good enough{E}',
      'my order is {D} late. What is going on?{E}',
      'why are you not answering? {C}{E}',
      'I am {I} unhappy: {C}{E}',
    ],
  },
  fr: {
    positive: [
      'merci pour votre aide rapide, service {I} efficace !{E}',
      '{C}, merci beaucoup !{E}',
      'bravo pour la réponse rapide{E}',
    ],
    neutral: [
      'quand sort le nouveau modèle ?',
      'est-ce que je peux encore modifier ma commande ?',
      'vous livrez en Belgique ?',
    ],
    negative: [
      '{C} et personne ne m’aide{E}',
      "j'attends une réponse depuis {D}, ce n'est pas normal{E}",
      'pourquoi vous ne répondez pas ? {C}{E}',
    ],
  },
  es: {
    positive: [
      'gracias por la ayuda tan rápida, ¡{I} buen servicio!{E}',
      '{C}, ¡muchas gracias!{E}',
      'genial que respondierais tan rápido{E}',
    ],
    neutral: [
      '¿cuándo sale el nuevo modelo?',
      '¿puedo cambiar todavía mi pedido?',
      '¿hacéis envíos a México?',
    ],
    negative: [
      '{C} y nadie me ayuda{E}',
      'llevo {D} esperando una respuesta, esto no es normal{E}',
      '¿por qué no contestáis? {C}{E}',
    ],
  },
};

/** A customer replies to a brand broadcast; the generator puts "@handle " in front. */
export const REACT: Templates = {
  nl: {
    positive: [
      'mooi! Daar heb ik op gewacht{E}',
      'wat {I} gaaf, ik wil er meteen een{E}',
      'eindelijk, goed nieuws!{E}',
      'ziet er top uit, {C} bij mij ook{E}',
    ],
    neutral: [
      'vanaf wanneer is dat te koop?',
      'geldt dat ook voor België?',
      'komt er ook een versie voor kinderen?',
      'wat kost dat precies?',
    ],
    negative: [
      'leuk, maar los eerst de bestaande problemen op: {C}{E}',
      'eerst dit oplossen: {C}{E}',
      'en mijn klacht van {D} geleden dan?{E}',
    ],
  },
  de: {
    positive: [
      'schön! Darauf habe ich gewartet{E}',
      '{I} cool, ich will sofort eins{E}',
      'endlich mal gute Nachrichten!{E}',
      'sieht super aus, {C} bei mir auch{E}',
    ],
    neutral: [
      'ab wann gibt es das zu kaufen?',
      'gilt das auch für Österreich?',
      'gibt es das auch in Schwarz?',
      'was kostet das genau?',
    ],
    negative: [
      'schön und gut, aber löst erst mal die Probleme: {C}{E}',
      'erst mal das lösen: {C}{E}',
      'und meine Beschwerde von vor {D}?{E}',
    ],
  },
  en: {
    positive: [
      'nice! Been waiting for this{E}',
      '{I} cool, I want one right now{E}',
      'finally some good news!{E}',
      'looks great, {C} for me too{E}',
    ],
    neutral: [
      'when will that be available?',
      'does this apply to the UK too?',
      'is there a black version?',
      'how much will it cost?',
    ],
    negative: [
      'cool, but fix the existing problems first: {C}{E}',
      'not interested while {C}{E}',
      'and what about my complaint from {D} ago?{E}',
    ],
  },
  fr: {
    positive: ['super ! J’attendais ça{E}', 'enfin une bonne nouvelle !{E}'],
    neutral: ['c’est disponible quand ?', 'ça vaut aussi pour la Belgique ?'],
    negative: ['réglez d’abord les problèmes : {C}{E}', 'et ma réclamation d’il y a {D} ?{E}'],
  },
  es: {
    positive: ['¡genial! Lo estaba esperando{E}', '¡por fin una buena noticia!{E}'],
    neutral: ['¿cuándo estará disponible?', '¿vale también para México?'],
    negative: ['primero arreglad los problemas: {C}{E}', '¿y mi queja de hace {D}?{E}'],
  },
};

/** A customer answers the brand's reply; the generator puts "@handle " in front. */
export const FOLLOW_UP: Templates = {
  nl: {
    positive: [
      'bedankt, het is opgelost!{E}',
      'super, dank voor de snelle hulp{E}',
      'top, nieuwe onderdelen zijn al binnen{E}',
    ],
    neutral: ['DM gestuurd', 'oké, ik stuur mijn ordernummer via DM', 'ik bel morgen even'],
    negative: [
      'DM gestuurd, maar nog steeds geen reactie{E}',
      'dat zeiden jullie vorige week ook al{E}',
      'nog steeds niet opgelost, {C}{E}',
    ],
  },
  de: {
    positive: [
      'danke, das Problem ist gelöst!{E}',
      'super, danke für die schnelle Hilfe{E}',
      'top, die Ersatzteile sind schon da{E}',
    ],
    neutral: ['DM ist raus', 'okay, ich schicke euch die Bestellnummer per DM', 'ich rufe morgen an'],
    negative: [
      'DM geschickt, aber immer noch keine Antwort{E}',
      'das habt ihr letzte Woche auch gesagt{E}',
      'immer noch nicht gelöst, {C}{E}',
    ],
  },
  en: {
    positive: [
      'thanks, all sorted!{E}',
      'brilliant, thanks for the quick help{E}',
      'great, the replacement parts already arrived{E}',
    ],
    neutral: ['DM sent', 'okay, sending my order number by DM', 'I will give you a call tomorrow'],
    negative: [
      'sent a DM, still no reply{E}',
      'you said the same thing last week{E}',
      'still not fixed, {C}{E}',
    ],
  },
  fr: {
    positive: ['merci, c’est réglé !{E}'],
    neutral: ['DM envoyé'],
    negative: ['toujours aucune réponse à mon DM{E}', 'toujours pas réglé, {C}{E}'],
  },
  es: {
    positive: ['¡gracias, ya está solucionado!{E}'],
    neutral: ['DM enviado'],
    negative: ['mandé un DM y sigo sin respuesta{E}', 'sigue sin arreglarse, {C}{E}'],
  },
};

/** A customer replies to another customer about the brand; the generator puts "@handle " in front. */
export const PEER_REPLY: Templates = {
  nl: {
    positive: [
      'klopt, bij mij doet {B} het ook prima{E}',
      'ik heb ook {B} en ben {I} tevreden{E}',
      'niet slecht inderdaad, {B} is een aanrader{E}',
      'gewoon doen, {B} is het geld waard{E}',
    ],
    neutral: [
      'welk model van {B} heb je?',
      'bij {B} kun je ook bellen, dat gaat vaak sneller',
      'heb je de {P} online besteld?',
      'wat zei {B} erover?',
    ],
    negative: [
      'herkenbaar, bij mij ook met {B}: {C}{E}',
      'zelfde ervaring met {B}, niet goed{E}',
      'ik zou {B} niet nemen, {C}{E}',
      '{B} is echt achteruitgegaan{E}',
    ],
  },
  de: {
    positive: [
      'stimmt, bei mir läuft es mit {B} auch super{E}',
      'ich habe auch {B} und bin {I} zufrieden{E}',
      'gar nicht schlecht, {B} kann ich empfehlen{E}',
      'mach es, {B} ist sein Geld wert{E}',
    ],
    neutral: [
      'welches Modell von {B} hast du?',
      'bei {B} kannst du auch anrufen, das geht oft schneller',
      'hast du die {P} online bestellt?',
      'was sagt {B} dazu?',
    ],
    negative: [
      'kenne ich, mit {B} bei mir auch: {C}{E}',
      'gleiche Erfahrung mit {B}, nicht gut{E}',
      'ich würde {B} nicht nehmen, {C}{E}',
      '{B} ist echt schlechter geworden{E}',
    ],
  },
  en: {
    positive: [
      'agreed, {B} works great for me too{E}',
      'I have {B} as well and I am {I} happy{E}',
      'not bad indeed, I would recommend {B}{E}',
      'go for it, {B} is worth the money{E}',
    ],
    neutral: [
      'which {B} model do you have?',
      'you can also call {B}, that is often quicker',
      'did you order the {P} online?',
      'what did {B} say?',
    ],
    negative: [
      'same here with {B}: {C}{E}',
      'same experience with {B}, not good{E}',
      'I would not go with {B}, {C}{E}',
      '{B} really went downhill{E}',
    ],
  },
  fr: {
    positive: ['pareil, je suis {I} content de {B}{E}', 'franchement {B} vaut le coup{E}'],
    neutral: ['tu as quel modèle de {B} ?', 'tu as commandé chez {B} en ligne ?'],
    negative: ['pareil chez moi avec {B} : {C}{E}', 'même galère avec {B}{E}'],
  },
  es: {
    positive: ['igual, estoy {I} contento con {B}{E}', 'la verdad es que {B} merece la pena{E}'],
    neutral: ['¿qué modelo de {B} tienes?', '¿compraste en {B} online?'],
    negative: ['a mí me pasa lo mismo con {B}: {C}{E}', 'misma experiencia con {B}, fatal{E}'],
  },
};

/** A comment on a quoted post. */
export const QUOTE: Templates = {
  nl: {
    positive: [
      'Helemaal mee eens, {B} is top{E}',
      'Dit dus. {B} doet het gewoon goed{E}',
      'Zo is het, {B} is een aanrader{E}',
    ],
    neutral: [
      'Interessant voor wie twijfelt over {B}',
      'Even delen voor de {B}-rijders onder ons',
      'Wat vinden jullie hiervan? #{T}',
    ],
    negative: [
      'Precies mijn ervaring met {B}{E}',
      'En zo gaat {B} dus met klanten om{E}',
      'Dit moet {B} echt oplossen{E}',
    ],
  },
  de: {
    positive: [
      'Genau so, {B} ist klasse{E}',
      'Das hier. {B} macht es einfach richtig{E}',
      'Stimmt, {MY} von {B} kann ich empfehlen{E}',
    ],
    neutral: [
      'Interessant für alle, die über {B} nachdenken',
      'Teile ich mal für die {B}-Fans hier',
      'Was meint ihr dazu? #{T}',
    ],
    negative: [
      'Genau meine Erfahrung mit {B}{E}',
      'So geht {B} also mit Kunden um{E}',
      'Das muss {B} dringend lösen{E}',
    ],
  },
  en: {
    positive: [
      'Totally agree, {B} is great{E}',
      'This. {B} just gets it right{E}',
      'So true, I recommend {B} to everyone{E}',
    ],
    neutral: [
      'Interesting if you are considering {B}',
      'Sharing for the {B} owners here',
      'What do you think? #{T}',
    ],
    negative: [
      'Exactly my experience with {B}{E}',
      'So this is how {B} treats customers{E}',
      '{B} really needs to fix this{E}',
    ],
  },
  fr: {
    positive: ['Tout à fait d’accord, {B} c’est top{E}'],
    neutral: ['À lire si vous hésitez pour {B}'],
    negative: ['Exactement mon expérience avec {B}{E}'],
  },
  es: {
    positive: ['Totalmente de acuerdo, {B} es genial{E}'],
    neutral: ['Interesante si estás pensando en {B}'],
    negative: ['Justo mi experiencia con {B}{E}'],
  },
};

/** An influencer's post (longer, opinionated, invites reactions). */
export const INFLUENCER: Templates = {
  nl: {
    positive: [
      'Eerlijke review na {D} met {MY} van {B}: {C}. Dikke aanrader!{E} Vragen? Stel ze hieronder 👇',
      'Ik word niet betaald door {B}, maar {C}. Beste keuze die ik maakte dit jaar{E}',
    ],
    neutral: [
      'Nieuwe video: is {B} de prijs waard? Ik zet alles op een rij. Wat is jullie ervaring?',
      'Poll: wie van jullie heeft de {P}? Reageer hieronder!',
    ],
    negative: [
      'Eerlijke review na {D} met {MY} van {B}: {C}. Dit is niet goed genoeg.{E}',
      'Ik heb {B} lang verdedigd, maar {C}. Ik raad het niet meer aan{E}',
    ],
  },
  de: {
    positive: [
      'Ehrlicher Test nach {D} im Alltag mit {B}: {C}. Klare Empfehlung!{E} Fragen gern in die Kommentare 👇',
      'Nicht gesponsert, aber {B} überzeugt: {C}. Bester Kauf des Jahres{E}',
    ],
    neutral: [
      'Neues Video: Lohnt sich {B}? Ich habe alles verglichen. Was sind eure Erfahrungen?',
      'Umfrage: Wer von euch hat die {P}? Schreibt es unten!',
    ],
    negative: [
      'Ehrlicher Test nach {D} im Alltag mit {B}: {C}. Das ist nicht gut genug.{E}',
      'Ich habe {B} lange verteidigt, aber {C}. Keine Empfehlung mehr{E}',
    ],
  },
  en: {
    positive: [
      'Honest review after {D} with {MY} from {B}: {C}. Highly recommend!{E} Questions below 👇',
      'Not sponsored, but {B} nailed it: {C}. Best buy of the year{E}',
    ],
    neutral: [
      'New video: is {B} worth it? I compared everything. What has your experience been?',
      'Poll: who here owns the {P}? Tell me below!',
    ],
    negative: [
      'Honest review after {D} with {MY} from {B}: {C}. Not good enough.{E}',
      'I defended {B} for a long time, but {C}. Cannot recommend it anymore{E}',
    ],
  },
  fr: {
    positive: ['Test honnête après {D} avec {MY} de {B} : {C}. Je recommande !{E}'],
    neutral: ['Nouvelle vidéo : {B}, ça vaut le coup ? Dites-moi ce que vous en pensez'],
    negative: ['Test honnête après {D} avec {MY} de {B} : {C}. Pas à la hauteur.{E}'],
  },
  es: {
    positive: ['Review sincera después de {D} con {MY} de {B}: {C}. ¡Lo recomiendo!{E}'],
    neutral: ['Nuevo vídeo: ¿merece la pena {B}? Contadme vuestra experiencia'],
    negative: ['Review sincera después de {D} con {MY} de {B}: {C}. No está a la altura.{E}'],
  },
};

/** Talk about the brand's incident during its spike window. */
export const SPIKE: Templates = {
  nl: {
    positive: ['Ondanks alles: {X}, maar {B} regelt het netjes. Chapeau{E}'],
    neutral: [
      'Ik lees net: {X}. Klopt dat, {B}?',
      'Nieuws over {B}: {X}',
      'Wie weet of {B} al iets gezegd heeft? {X}',
    ],
    negative: [
      '{X}. Echt niet oké, {B}{E}',
      'Hoezo {B}? {X} en niemand laat iets horen{E}',
      'Lekker dan, {B}: {X}{E}',
      'Klanten van {B} opgelet: {X}. Wat een puinhoop{E}',
      'Ik ben er klaar mee, {B}. {X}{E}',
    ],
  },
  de: {
    positive: ['Trotz allem: {X}, aber {B} kümmert sich vorbildlich{E}'],
    neutral: [
      'Gerade gelesen: {X}. Stimmt das, {B}?',
      'News zu {B}: {X}',
      'Weiß jemand mehr? Bei {B} gilt: {X}',
    ],
    negative: [
      '{X}. Echt nicht okay, {B}{E}',
      'Ernsthaft {B}? {X} und keiner meldet sich{E}',
      'Na toll, {B}: {X}{E}',
      'Achtung, {B}-Kunden: {X}. Was für ein Chaos{E}',
      'Mir reicht es, {B}. {X}{E}',
    ],
  },
  en: {
    positive: ['Despite everything: {X}, but {B} is handling it well. Respect{E}'],
    neutral: [
      'Is it true that {X}? Any word from {B}?',
      '{B} news: {X}',
      'Anyone know more? Apparently at {B} {X}',
    ],
    negative: [
      '{X}. Not okay, {B}{E}',
      'Seriously {B}? {X} and no one says a thing{E}',
      'Great, thanks {B}: {X}{E}',
      'Heads up {B} customers: {X}. What a mess{E}',
      'I am done with {B}. {X}{E}',
    ],
  },
  fr: {
    positive: ['Malgré tout, {B} gère bien : {X}{E}'],
    neutral: ['C’est vrai que {X} ? {B} a communiqué ?'],
    negative: [
      '{X}. Pas normal, {B}{E}',
      'Sérieusement {B} ? {X} et aucune info{E}',
      'Quel bazar chez {B} : {X}{E}',
    ],
  },
  es: {
    positive: ['Aun así, {B} lo está gestionando bien: {X}{E}'],
    neutral: ['¿Es verdad que {X}? ¿{B} ha dicho algo?'],
    negative: [
      '{X}. Esto no puede ser, {B}{E}',
      '¿En serio {B}? {X} y nadie dice nada{E}',
      'Vaya desastre en {B}: {X}{E}',
    ],
  },
};

/** The brand answers a customer; the generator puts "@handle " in front. Always signed with the brand's name. */
export const BRAND_REPLY: Record<Lang, Record<'complaint' | 'question' | 'praise', readonly string[]>> = {
  nl: {
    complaint: [
      'Wat vervelend! Stuur ons een DM met je ordernummer, dan lossen we het op. Groet, team {B}',
      'Sorry dat het zo loopt. We nemen vandaag nog contact met je op. ^Team {B}',
      'Dank voor je melding, we zoeken het direct voor je uit. Team {B}',
    ],
    question: [
      'Goede vraag! We sturen je een DM met alle info. Groet, team {B}',
      'Dank voor je vraag, kijk op onze site bij veelgestelde vragen of stuur ons een DM. ^Team {B}',
    ],
    praise: [
      'Wat leuk om te horen, veel plezier ermee!{E} Team {B}',
      'Dank je wel voor de mooie woorden!{E} ^Team {B}',
    ],
  },
  de: {
    complaint: [
      'Das tut uns leid! Schreib uns bitte eine DM mit deiner Bestellnummer, wir kümmern uns. Dein {B}-Team',
      'Entschuldige die Umstände. Wir melden uns heute noch bei dir. ^{B}',
      'Danke für den Hinweis, wir prüfen das sofort. Dein {B}-Team',
    ],
    question: [
      'Gute Frage! Wir schicken dir alle Infos per DM. Dein {B}-Team',
      'Danke für deine Frage, schau gern in unsere FAQ oder schreib uns eine DM. ^{B}',
    ],
    praise: ['Wie schön, viel Freude damit!{E} Dein {B}-Team', 'Vielen Dank für das Lob!{E} ^{B}'],
  },
  en: {
    complaint: [
      'Sorry to hear that! Please DM us your order number and we will sort it out. The {B} team',
      'Apologies for the trouble. We will reach out to you today. ^{B} Support',
      'Thanks for letting us know, we are looking into it right away. The {B} team',
    ],
    question: [
      'Good question! We have sent you a DM with all the details. The {B} team',
      'Thanks for asking, check our FAQ or send us a DM. ^{B} Support',
    ],
    praise: ['So glad to hear that, enjoy!{E} The {B} team', 'Thank you for the kind words!{E} ^{B} Support'],
  },
  fr: {
    complaint: ['Désolés ! Envoyez-nous votre numéro de commande en DM, on s’en occupe. L’équipe {B}'],
    question: ['Bonne question ! On vous envoie les infos en DM. L’équipe {B}'],
    praise: ['Merci beaucoup, profitez-en bien !{E} L’équipe {B}'],
  },
  es: {
    complaint: ['¡Lo sentimos! Envíanos tu número de pedido por DM y lo solucionamos. El equipo de {B}'],
    question: ['¡Buena pregunta! Te enviamos toda la info por DM. El equipo de {B}'],
    praise: ['¡Qué bien, que lo disfrutes!{E} El equipo de {B}'],
  },
};

/** Brand announcements, in the brand's language. */
export const BROADCAST: Partial<Record<Lang, Record<'positive' | 'neutral', readonly string[]>>> = {
  nl: {
    positive: [
      'Trots op ons team: de {P} is gekozen tot beste stadsfiets van het jaar!{E} #{T}',
      'Jullie zijn geweldig: 10.000 tevreden rijders dit jaar. Bedankt!{E} #{T}',
      'Nieuw bij {B}: de {P} in drie frisse kleuren. We zijn er {I} blij mee!{E} #{T}',
    ],
    neutral: [
      'Deze week gratis onderhoudsbeurt bij alle winkels van {B}. #{T}',
      'Let op: op Koningsdag zijn onze winkels gesloten. #{T}',
      'Vragen over je fiets? Onze klantenservice zit klaar via @fietsfabriek_care #{T}',
      'Nieuwe openingstijden van de {B}-winkel in Utrecht vanaf maandag. #{T}',
    ],
  },
  de: {
    positive: [
      'Wir sind stolz: Die {P} ist Testsieger!{E} #{T}',
      'Danke an 50.000 Kaffeeliebhaber, ihr seid großartig!{E} #{T}',
      'Neu bei {B}: unsere Herbstbohne ist da. Wir sind {I} begeistert!{E} #{T}',
    ],
    neutral: [
      'Diese Woche: kostenloser Entkalker zu jeder Bestellung bei {B}. #{T}',
      'Hinweis: Am Feiertag versenden wir nicht. #{T}',
      'Die neue Firmware für die {P} ist ab heute verfügbar. #{T}',
      'Fragen zur Maschine? Schreibt uns an, wir helfen gern. #{T}',
    ],
  },
  en: {
    positive: [
      'Proud moment: the {P} just won Product of the Year!{E} #{T}',
      'One million listeners. Thank you, you are amazing!{E} #{T}',
      'New from {B}: the {P} in midnight blue. We are {I} excited!{E} #{T}',
    ],
    neutral: [
      'This week only: free shipping on all {B} orders. #{T}',
      'Firmware 4.0 for the {P} is rolling out today. #{T}',
      'Need help? Our support team is at @lumora_help #{T}',
      'Our stores will be closed on Monday for the bank holiday. #{T}',
    ],
  },
};

export const REVIEW_TITLE: Templates = {
  nl: {
    positive: ['Top product', 'Aanrader', 'Zeer tevreden', 'Niet slecht!', 'Elke euro waard'],
    neutral: ['Prima', 'Gaat wel', 'Redelijk', 'Doet wat het moet doen'],
    negative: ['Teleurstellend', 'Kapot na een week', 'Niet aan te raden', 'Niet goed'],
  },
  de: {
    positive: ['Super Produkt', 'Sehr empfehlenswert', 'Rundum zufrieden', 'Gar nicht schlecht!'],
    neutral: ['Okay', 'Geht so', 'Solide', 'Durchschnitt'],
    negative: ['Enttäuschend', 'Nach einer Woche kaputt', 'Nicht zu empfehlen', 'Finger weg'],
  },
  en: {
    positive: ['Great product', 'Highly recommend', 'Love it', 'Worth every penny', 'Not bad at all!'],
    neutral: ['Okay', 'Decent', 'Mixed feelings', 'Does the job'],
    negative: ['Disappointing', 'Broke after a week', 'Not worth it', 'Avoid'],
  },
  fr: {
    positive: ['Super produit', 'Je recommande', 'Pas mal du tout'],
    neutral: ['Correct', 'Moyen'],
    negative: ['Décevant', 'À éviter'],
  },
  es: {
    positive: ['Gran producto', 'Lo recomiendo', 'No está nada mal'],
    neutral: ['Correcto', 'Normalito'],
    negative: ['Decepcionante', 'No lo recomiendo'],
  },
};

export const REVIEW_BODY: Templates = {
  nl: {
    positive: [
      'Ik gebruik {MY} van {B} nu {D}: {C}. Een echte aanrader!{E}',
      'Niet goedkoop, maar {B} levert kwaliteit: {C}.',
      'Heel blij met de {P}. {C} en de service is ook prima.{E}',
      'Had eerst twijfels, maar {C}. {B} stelt niet teleur.',
    ],
    neutral: [
      'Doet wat beloofd wordt, de {P}. {C}.',
      'Niks bijzonders, maar ook niks mis mee. {B} is gemiddeld.',
      'Prima voor de prijs, die {P}. {C}.',
    ],
    negative: [
      'Na {D} al problemen: {C}. Had beter verwacht van {B}.{E}',
      'Teruggestuurd. {C} en de klantenservice van {B} reageerde niet.',
      'Niet goed: {C}. Zonde van het geld, die {P}.{E}',
    ],
  },
  de: {
    positive: [
      'Ich nutze {MY} von {B} seit {D}: {C}. Klare Empfehlung!{E}',
      'Nicht billig, aber {B} liefert Qualität: {C}.',
      'Sehr zufrieden mit der {P}. {C} und der Service passt auch.{E}',
      'Erst skeptisch, aber {C}. {B} enttäuscht nicht.',
    ],
    neutral: [
      '{B} liefert, was versprochen wird. {C}.',
      'Nichts Besonderes, aber auch nichts Schlechtes. {B} ist Durchschnitt.',
      'Für den Preis in Ordnung, {B}. {C}.',
    ],
    negative: [
      'Nach {D} schon Probleme: {C}. Von {B} hätte ich mehr erwartet.{E}',
      'Zurückgeschickt. {C} und der Kundendienst von {B} hat nicht reagiert.',
      'Nicht gut: {C}. Schade ums Geld bei {B}.{E}',
    ],
  },
  en: {
    positive: [
      'Been using {MY} from {B} for {D}: {C}. Highly recommend!{E}',
      'Not cheap, but {B} delivers quality: {C}.',
      'Really happy with the {P}. {C} and the service is good too.{E}',
      'Had doubts at first, but {C}. {B} does not disappoint.',
    ],
    neutral: [
      '{B} delivers what it promises. {C}.',
      'Nothing special, nothing wrong either. {B} is average.',
      'Fine for the price, the {P}. {C}.',
    ],
    negative: [
      'Problems after just {D}: {C}. Expected better from {B}.{E}',
      'Sent it back. {C} and {B} support never answered.',
      'Not good: {C}. Money down the drain with {B}.{E}',
    ],
  },
  fr: {
    positive: [
      'J’utilise {MY} de {B} depuis {D} : {C}. Je recommande !{E}',
      'Pas donné, mais {B} assure : {C}.',
    ],
    neutral: ['{B} fait le travail. {C}.', 'Rien de spécial. {B} est dans la moyenne.'],
    negative: [
      'Des problèmes après {D} : {C}. J’attendais mieux de {B}.{E}',
      'Renvoyé. {C} et {B} ne répond pas.',
    ],
  },
  es: {
    positive: [
      'Uso {MY} de {B} desde hace {D}: {C}. ¡Lo recomiendo!{E}',
      'No es barato, pero {B} cumple: {C}.',
    ],
    neutral: ['{B} cumple. {C}.', 'Nada especial. {B} está en la media.'],
    negative: ['Problemas después de {D}: {C}. Esperaba más de {B}.{E}', 'Devuelto. {C} y {B} no contesta.'],
  },
};

/** The owner's public answer to a review, in the review's language; signed with the brand. */
export const OWNER_RESPONSE: Record<Lang, Record<'negative' | 'other', readonly string[]>> = {
  nl: {
    negative: [
      'Wat vervelend om te lezen. Neem contact op met onze klantenservice, dan zoeken we samen een oplossing. Team {B}',
    ],
    other: ['Bedankt voor je review! Veel plezier met je aankoop. Team {B}'],
  },
  de: {
    negative: [
      'Danke für Ihr Feedback, bitte kontaktieren Sie unseren Support, damit wir das lösen können. Ihr {B}-Team',
    ],
    other: ['Vielen Dank für Ihre Bewertung! Viel Freude damit. Ihr {B}-Team'],
  },
  en: {
    negative: ['Sorry to read this. Please contact our support team so we can make it right. The {B} team'],
    other: ['Thank you for your review! Enjoy your purchase. The {B} team'],
  },
  fr: {
    negative: [
      'Désolés de lire cela. Contactez notre service client pour trouver une solution. L’équipe {B}',
    ],
    other: ['Merci pour votre avis ! L’équipe {B}'],
  },
  es: {
    negative: ['Sentimos leer esto. Contacta con nuestro soporte para solucionarlo. El equipo de {B}'],
    other: ['¡Gracias por tu opinión! El equipo de {B}'],
  },
};

/** Everyday talk that mentions no brand. */
export const OFF_TOPIC: Templates = {
  nl: {
    positive: [
      'Wat een heerlijk weer vandaag ☀️',
      'Eindelijk weekend, zin in!',
      'Top avond gehad met vrienden',
      'Mooie wandeling langs de Vecht gemaakt',
    ],
    neutral: [
      'Iemand tips voor een goede pizzeria in Utrecht?',
      'Morgen weer vroeg op',
      'Welke serie moet ik nu kijken?',
      'Ben benieuwd naar de uitslag vanavond',
    ],
    negative: [
      'Weer vertraging op het spoor, {I} irritant',
      'Regen, regen en nog eens regen',
      'Balen, mijn trein is uitgevallen',
      'Wat een slechte wedstrijd',
    ],
  },
  de: {
    positive: [
      'Was für ein herrlicher Tag heute ☀️',
      'Endlich Wochenende!',
      'Toller Abend mit Freunden',
      'Schöne Wanderung am Rhein gemacht',
    ],
    neutral: [
      'Hat jemand Tipps für ein gutes Restaurant in Köln?',
      'Morgen wieder früh raus',
      'Welche Serie soll ich als Nächstes schauen?',
      'Bin gespannt auf das Spiel heute Abend',
    ],
    negative: [
      'Schon wieder Verspätung bei der Bahn, {I} nervig',
      'Regen, Regen, Regen',
      'Mist, mein Zug fällt aus',
      'Was für ein schlechtes Spiel',
    ],
  },
  en: {
    positive: [
      'Lovely weather today ☀️',
      'Finally the weekend!',
      'Great night out with friends',
      'Beautiful walk along the river today',
    ],
    neutral: [
      'Any tips for a good pizza place in Leeds?',
      'Early start again tomorrow',
      'What should I watch next?',
      'Curious about the match tonight',
    ],
    negative: [
      'Train delayed again, {I} annoying',
      'Rain, rain and more rain',
      'Ugh, my train got cancelled',
      'What a terrible match',
    ],
  },
  fr: {
    positive: ['Quel beau temps aujourd’hui ☀️', 'Enfin le week-end !', 'Super soirée entre amis'],
    neutral: ['Des idées de resto à Lyon ?', 'Demain je me lève tôt', 'Quelle série regarder ?'],
    negative: ['Encore un train en retard, {I} pénible', 'Il pleut encore', 'Quel match nul'],
  },
  es: {
    positive: ['¡Qué buen tiempo hace hoy! ☀️', '¡Por fin es fin de semana!', 'Gran noche con amigos'],
    neutral: [
      '¿Algún restaurante bueno en Valencia?',
      'Mañana madrugo otra vez',
      '¿Qué serie me recomendáis?',
    ],
    negative: ['Otra vez el tren con retraso, {I} molesto', 'No para de llover', 'Qué partido tan malo'],
  },
};

/** Replies in off-topic chatter; the generator puts "@handle " in front. */
export const OFF_TOPIC_REPLY: Templates = {
  nl: {
    positive: ['geniet ervan!', 'klinkt heerlijk', 'haha top'],
    neutral: ['probeer die bij het station eens', 'ik kijk ook', 'geen idee eigenlijk'],
    negative: ['bij mij ook, {I} irritant', 'balen zeg'],
  },
  de: {
    positive: ['genieß es!', 'klingt super', 'haha klasse'],
    neutral: ['probier mal das am Bahnhof', 'ich schaue auch', 'keine Ahnung'],
    negative: ['bei mir auch, {I} nervig', 'so ein Mist'],
  },
  en: {
    positive: ['enjoy!', 'sounds lovely', 'haha brilliant'],
    neutral: ['try the one by the station', 'watching too', 'no idea tbh'],
    negative: ['same here, {I} annoying', 'that sucks'],
  },
  fr: {
    positive: ['profite bien !', 'trop bien'],
    neutral: ['essaie celui près de la gare', 'aucune idée'],
    negative: ['pareil, {I} pénible'],
  },
  es: {
    positive: ['¡disfruta!', 'qué bien'],
    neutral: ['prueba el de la estación', 'ni idea'],
    negative: ['a mí igual, {I} molesto'],
  },
};

/** Promotional spam: near-duplicates that differ only in number, emoji and link. */
export const SPAM: Record<Lang, readonly string[]> = {
  nl: [
    '🔥 {N}% KORTING op {P}!!! Alleen vandaag 👉 {L} #{T}',
    'Win een gratis {P}! Volg + deel en klik {L} #{T}',
  ],
  de: [
    '🔥 {N}% RABATT auf {P}!!! Nur heute 👉 {L} #{T}',
    'Gewinne eine gratis {P}! Folgen + teilen und klicken {L} #{T}',
  ],
  en: [
    '🔥 {N}% OFF {P}!!! Today only 👉 {L} #{T}',
    'Win a free {P}! Follow + share and click {L} #{T}',
    'Cheap {P} deals, {N} left in stock {L} #{T}',
  ],
  fr: ['🔥 -{N}% sur {P} !!! Aujourd’hui seulement 👉 {L} #{T}'],
  es: ['🔥 ¡{N}% DE DESCUENTO en {P}!!! Solo hoy 👉 {L} #{T}'],
};

/** Fake five-star reviews from spammers (positive by their words, suspicious by their behaviour). */
export const SPAM_REVIEW: Record<Lang, { title: string; body: string }> = {
  nl: { title: 'BESTE PRODUCT OOIT!!!', body: 'Geweldige {P}, 100% aanrader!!! Nu met {N}% korting via {L}' },
  de: {
    title: 'BESTES PRODUKT ÜBERHAUPT!!!',
    body: 'Fantastische {P}, 100% empfehlenswert!!! Jetzt {N}% günstiger über {L}',
  },
  en: { title: 'BEST PRODUCT EVER!!!', body: 'Amazing {P}, 100% recommend!!! Now {N}% off at {L}' },
  fr: { title: 'MEILLEUR PRODUIT !!!', body: 'Génial {P}, je recommande à 100% !!! -{N}% sur {L}' },
  es: {
    title: '¡¡¡EL MEJOR PRODUCTO!!!',
    body: '¡Increíble {P}, 100% recomendado!!! {N}% de descuento en {L}',
  },
};

/** Rare posts about two brands at once (the first listed brand decides the direction). */
export const MULTI_BRAND: readonly {
  brands: [string, string];
  lang: Lang;
  sentiment: Sentiment;
  text: string;
}[] = [
  {
    brands: ['fietsfabriek', 'lumora'],
    lang: 'nl',
    sentiment: 'positive',
    text: 'Met mijn Lumora Buds in op de Fietsfabriek naar kantoor, heerlijke ochtend 😊',
  },
  {
    brands: ['fietsfabriek', 'kaffeekraft'],
    lang: 'nl',
    sentiment: 'positive',
    text: 'Zondag: rondje op de Fietsfabriek en daarna een espresso uit de Kaffeekraft. Perfect!',
  },
  {
    brands: ['kaffeekraft', 'lumora'],
    lang: 'de',
    sentiment: 'negative',
    text: 'Heute geht alles schief: Kaffeekraft leckt und die Lumora Buds verlieren ständig die Verbindung 😤',
  },
  {
    brands: ['kaffeekraft', 'fietsfabriek'],
    lang: 'de',
    sentiment: 'neutral',
    text: 'Vergleich gesucht: Wer hat Erfahrung mit Kaffeekraft und Fietsfabriek beim Kundendienst?',
  },
  {
    brands: ['lumora', 'kaffeekraft'],
    lang: 'en',
    sentiment: 'positive',
    text: 'Morning routine: Kaffeekraft espresso and a podcast on my Lumora Buds. Not bad at all ☕',
  },
  {
    brands: ['lumora', 'fietsfabriek'],
    lang: 'en',
    sentiment: 'negative',
    text: 'Lumora Buds died mid-ride and the Fietsfabriek chain came off. Not my day 🙄',
  },
];

const SLOT = /\{([A-Z0-9]+)\}/g;

/** Templates split once into literal text and slot names (even indexes literal, odd indexes slots). */
const parsed = new Map<string, string[]>();
function parse(template: string): string[] {
  let parts = parsed.get(template);
  if (!parts) {
    parts = template.split(SLOT);
    parsed.set(template, parts);
  }
  return parts;
}

const isLower = (ch: string) => ch !== ch.toUpperCase() && ch === ch.toLowerCase();

/**
 * Fills a template. Unknown slots become empty; sentences are capitalised afterwards, because clauses are
 * written in lower case so that they can also stand after a colon or a comma. (Hand-written rather than
 * regex-based: this runs for every simulated post.)
 */
export function fillTemplate(template: string, slots: Readonly<Record<string, string>>): string {
  const parts = parse(template);
  let text = parts[0]!;
  for (let i = 1; i < parts.length; i += 2) text += (slots[parts[i]!] ?? '') + parts[i + 1]!;
  let out = '';
  let from = 0;
  let capitalise = true;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (capitalise && ch !== ' ') {
      if (isLower(ch)) {
        out += text.slice(from, i) + ch.toUpperCase();
        from = i + 1;
      }
      capitalise = false;
    }
    if ((ch === '.' || ch === '!' || ch === '?') && text[i + 1] === ' ') capitalise = true;
  }
  return from === 0 ? text : out + text.slice(from);
}
