/**
 * Compact hand-written core lexicons (polarity -1..1), written for this
 * project from general language knowledge — no third-party word list and no
 * evaluation data. They cover everyday/social-media words that the packaged
 * lexicons miss or rate oddly, and take precedence over them.
 * Licence: the project's own (Apache-2.0).
 */

type Entries = Record<string, number>;

/** Expands "a b c:0.5 d:-0.3" style specs: words without a value take the group value. */
function group(value: number, words: string): Entries {
  const out: Entries = {};
  for (const w of words.split(/\s+/).filter(Boolean)) out[w.replace(/_/g, ' ')] = value;
  return out;
}

const en: Entries = {
  ...group(0.6, 'reliable compelling gripping engaging entertaining touching moving masterpiece'),
  ...group(0.4, 'solid decent worth'),
  ...group(-0.5, 'weak flat shallow predictable confusing overpriced cheap dull bland'),
  ...group(-0.6, 'unreadable unusable refund returned poorly mediocre tedious'),
  ...group(0.8, 'love loved loves loving awesome amazing fantastic excellent wonderful perfect'),
  ...group(0.8, 'brilliant superb outstanding incredible delicious adorable gorgeous'),
  ...group(0.7, 'great best lovely beautiful happy excited congrats congratulations proud'),
  ...group(0.7, 'enjoyed thrilled delighted yummy blessed glorious stunning'),
  ...group(0.6, 'nice cute fun glad exciting enjoy enjoying recommend recommended favorite'),
  ...group(0.6, 'favourite fav yay woohoo win wins winning terrific impressive grateful'),
  ...group(0.5, 'good cool epic helpful thankful pleased smile smiling fabulous useful'),
  ...group(0.6, 'appreciate appreciated'),
  ...group(0.3, 'welcome'),
  ...group(0.4, 'thanks thank thx ty dope lit wow interesting hope hopefully better won'),
  ...group(0.3, 'haha hahaha hehe lol lmao rofl fine okay ok'),
  ...group(0.15, 'like likes liked'),
  ...group(-0.3, 'sorry miss missed tired issue meh delay waiting doubt'),
  ...group(-0.4, 'sick cry crying problem problems broke delayed cancelled canceled smh'),
  ...group(-0.5, 'bad sad mad fail failed fails lame boring ridiculous unfortunately sadly'),
  ...group(-0.5, 'wtf ugh dead kill killed death died war attack lies fake fuck worry worried'),
  ...group(-0.6, 'worse sucks suck annoying annoyed upset stupid ugly crap shit rude broken'),
  ...group(-0.6, 'waste wasted hurt pain scared afraid fear lost lose losing'),
  ...group(-0.7, 'hate hated hates angry disappointed disappointing disappointment useless'),
  ...group(-0.7, 'pathetic idiot liar corrupt racist scam fucked furious'),
  ...group(-0.8, 'awful terrible horrible worst disgusting terror terrorist hell'),
};

const nl: Entries = {
  ...group(0.7, 'overtuigend meesterwerk meesterlijk aangrijpend indrukwekkend'),
  ...group(0.6, 'betrouwbaar probleemloos onderhoudend vermakelijk pakkend ontroerende humoristisch'),
  ...group(0.6, 'vlot vlotte aanbevelen aanbeveling'),
  ...group(0.4, 'degelijk solide voordelig handige'),
  ...group(-0.5, 'zwakke vlak flauw ongeloofwaardige langdradige onduidelijk rommelig duur'),
  ...group(-0.6, 'onleesbaar mislukt mislukte onbruikbaar miskoop geldverspilling tijdverspilling'),
  ...group(-0.6, 'teruggestuurd retour oninteressante'),
  ...group(0.8, 'geweldig prachtig heerlijk fantastisch schitterend uitstekend perfect'),
  ...group(0.8, 'fantastische geweldige prachtige heerlijke schitterende uitstekende'),
  ...group(0.7, 'aanrader topper genoten genieten meeslepend boeiend top toppie super'),
  ...group(0.7, 'blij gelukkig gaaf tof lekker verrukkelijk geniaal briljant subliem'),
  ...group(0.6, 'mooi mooie leuk leuke fijn fijne tevreden aangenaam spannend knap sterk'),
  ...group(0.6, 'gefeliciteerd proficiat aanbevolen enthousiast blije vrolijk'),
  ...group(0.5, 'goed goede ontroerend vet bedankt dankjewel dankuwel bedankje handig'),
  ...group(0.4, 'aardig prima aanraden dank hopelijk interessant grappig'),
  ...group(0.3, 'haha hahaha redelijk oké oke ok'),
  ...group(-0.3, 'middelmatig wachten'),
  ...group(-0.4, 'matig traag zwak slap voorspelbaar oppervlakkig probleem problemen'),
  ...group(-0.5, 'jammer helaas stom balen kapot ziek boos klacht ongeloofwaardig tegenvallen'),
  ...group(-0.5, 'langdradig oninteressant vervelend moe bang'),
  ...group(-0.6, 'slecht slechte saai saaie irritant lelijk verdrietig belachelijk defect'),
  ...group(-0.6, 'tegenvaller ergernis ergerlijk teleurstellend'),
  ...group(-0.7, 'teleurgesteld teleurstelling waardeloos waardeloze kut klote bagger'),
  ...group(-0.7, 'afgrijselijk haat woedend'),
  ...group(-0.8, 'vreselijk verschrikkelijk afschuwelijk rampzalig drama slechtste'),
};

const de: Entries = {
  ...group(0.7, 'überzeugend gelungen gelungene meisterwerk meisterhaft einwandfrei hochwertig'),
  ...group(0.6, 'zuverlässig problemlos robust unterhaltsam kurzweilig berührend bewegend ergreifend'),
  ...group(0.6, 'fantasievoll liebevoll humorvoll flüssig stimmig empfehle kaufempfehlung'),
  ...group(0.4, 'solide ordentlich preiswert günstig praktisch zufriedenstellend'),
  ...group(-0.5, 'schwach schwache flach platt dünn banal billig umständlich überteuert'),
  ...group(-0.6, 'misslungen unbrauchbar fehlkauf zeitverschwendung geldverschwendung reklamation'),
  ...group(-0.6, 'unlesbar unglaubwürdig konstruiert klischeehaft abgebrochen zurückgeschickt'),
  ...group(-0.7, 'ärgernis frechheit abzocke enttäuschende'),
  ...group(0.8, 'wunderbar wunderschön großartig grossartig genial perfekt hervorragend'),
  ...group(0.8, 'ausgezeichnet traumhaft fantastisch phantastisch grandios überragend'),
  ...group(0.7, 'toll tolle toller tollen klasse spitze empfehlenswert glücklich begeistert'),
  ...group(0.7, 'fesselnd packend mitreißend lesenswert herrlich liebe lieben geliebt'),
  ...group(0.6, 'super geil hammer prima schön schöne schönen lecker freue freuen freude'),
  ...group(0.6, 'froh zufrieden spannend gefällt glückwunsch gratuliere yay juhu'),
  ...group(0.5, 'gut gute guten guter gutes nett lieb lustig witzig cool empfehlen gerne gern'),
  ...group(0.5, 'besser beste besten danke angenehm sympathisch'),
  ...group(0.4, 'dank interessant gefallen endlich hoffentlich yeah'),
  ...group(0.3, 'haha hahaha hihi lol okay ok'),
  ...group(-0.3, 'problem probleme warten müde fehler'),
  ...group(-0.4, 'zäh vorhersehbar oberflächlich unrealistisch unlogisch krank tot sauer'),
  ...group(-0.5, 'schade leider doof blöd bloed langweilig angst unmöglich überflüssig'),
  ...group(-0.5, 'langatmig ärgern nervig nervt kaputt defekt'),
  ...group(-0.6, 'schlecht schlechte schlechten schlechter dumm traurig ärgerlich peinlich'),
  ...group(-0.6, 'mist schlimm kacke enttäuschend'),
  ...group(-0.7, 'mies enttäuscht enttäuschung wütend müll grausam unverschämt mangelhaft'),
  ...group(-0.7, 'scheiß scheiss hasse hass nervtötend'),
  ...group(-0.8, 'scheiße scheisse furchtbar schrecklich katastrophe katastrophal ekelhaft'),
  ...group(-0.8, 'schrott schlimmste schlechteste'),
};

const fr: Entries = {
  ...group(0.7, "convaincant convaincante chef-d'œuvre remarquable bouleversant bouleversante"),
  ...group(0.6, 'prenant prenante haletant haletante fiable pratique divertissant divertissante'),
  ...group(0.6, 'recommander conseille fluide émouvants touchants'),
  ...group(0.4, 'correct correcte solide honnête'),
  ...group(-0.5, 'faible plate superficiel superficielle creux creuse invraisemblables confus confuse'),
  ...group(-0.6, 'illisible inintéressant inintéressante ennuyeux ennuyeuses bâclée rembourser'),
  ...group(-0.6, 'arnaque décevants décevantes indigeste pénible longueurs'),
  ...group(0.8, 'génial géniale excellent excellente parfait parfaite magnifique merveilleux'),
  ...group(0.8, 'merveilleuse formidable superbe sublime adore adoré génialissime'),
  ...group(0.7, 'bravo heureux heureuse ravi ravie passionnant passionnante captivant'),
  ...group(0.7, 'captivante réussi réussie chouette top'),
  ...group(0.6, 'super beau belle content contente plaisir recommande agréable sympa'),
  ...group(0.6, 'félicitations drôle touchant touchante émouvant émouvante'),
  ...group(0.5, 'bon bonne bons bonnes joli jolie cool aime aimé aimée merci'),
  ...group(0.4, 'bien intéressant intéressante mieux'),
  ...group(0.3, 'mdr ptdr lol haha hahaha'),
  ...group(-0.3, 'problème lent lente lourd lourde plat terrible'),
  ...group(-0.4, 'fade prévisible invraisemblable peur mort grave'),
  ...group(-0.5, 'dommage malheureusement ennui ennuyeux ennuyeuse triste'),
  ...group(-0.6, 'mauvais mauvaise chiant chiante marre honte énervé colère inutile raté'),
  ...group(-0.6, 'ratée con débile ridicule médiocre bâclé déçoit'),
  ...group(-0.7, 'nul nulle nuls déçu déçue décevant décevante déception pire honteux'),
  ...group(-0.7, 'insupportable merde'),
  ...group(-0.8, 'horrible affreux affreuse catastrophe lamentable connard nullissime'),
};

const es: Entries = {
  ...group(0.6, 'recomendable fiable entretenido entretenida emocionante conmovedor'),
  ...group(-0.6, 'flojo floja decepcionante aburridísimo inútil estafa'),
  ...group(0.8, 'genial excelente perfecto perfecta maravilloso maravillosa fantástico'),
  ...group(0.8, 'fantástica precioso preciosa encanta encantan buenísimo buenísima'),
  ...group(0.7, 'increíble hermoso hermosa feliz felices amo enhorabuena felicidades'),
  ...group(0.7, 'felicitaciones'),
  ...group(0.6, 'bonito bonita lindo linda alegre contento contenta mola guay divertido'),
  ...group(0.6, 'divertida recomiendo amor encantado encantada'),
  ...group(0.5, 'bueno buena buenos gusta gustó gustan chulo chula guapo guapa'),
  ...group(0.4, 'gracias mejor ojalá genia bien'),
  ...group(0.3, 'jaja jajaja jajajaja jeje jejeje buenas'),
  ...group(-0.3, 'problema cansado cansada'),
  ...group(-0.4, 'miedo muerte muerto'),
  ...group(-0.5, 'mal pena lástima feo fea sufrir llorar dolor joder'),
  ...group(-0.6, 'malo mala malos malas peor triste tristeza aburrido aburrida harto harta'),
  ...group(-0.6, 'enfadado enfadada vergüenza estúpido ridículo'),
  ...group(-0.7, 'fatal terrible cabreado decepción decepcionado decepcionada idiota'),
  ...group(-0.7, 'imbécil lamentable basura'),
  ...group(-0.8, 'horrible odio odia asco mierda desastre pésimo pésima'),
};

const it: Entries = {
  ...group(0.8, 'bellissimo bellissima fantastico fantastica perfetto perfetta stupendo'),
  ...group(0.6, 'bello bella bravo brava grazie felice contento contenta'),
  ...group(0.5, 'buono buona bene'),
  ...group(-0.5, 'peccato purtroppo triste'),
  ...group(-0.6, 'brutto brutta cattivo cattiva male'),
  ...group(-0.8, 'schifo orribile terribile pessimo pessima merda'),
};

const pt: Entries = {
  ...group(0.8, 'ótimo ótima excelente perfeito perfeita maravilhoso maravilhosa lindo linda'),
  ...group(0.6, 'bom boa feliz obrigado obrigada adoro amo legal'),
  ...group(0.3, 'kkk kkkk haha rs'),
  ...group(-0.5, 'triste pena infelizmente'),
  ...group(-0.6, 'ruim mau má chato chata'),
  ...group(-0.8, 'péssimo péssima horrível merda odeio'),
};

export const CORE_LEXICONS: Record<string, Entries> = { en, nl, de, fr, es, it, pt };

/**
 * Words the packaged lexicons rate but that carry no reliable sentiment in
 * social posts and reviews: topical/descriptive adjectives (size, age, colour,
 * nationality, order), function words and known machine-translation
 * artefacts of the translated AFINN lists. Removed from the packaged sources
 * (a core entry above still applies). Function words listed by stopwords-iso
 * are removed as well (see lexicons.ts).
 */
export const NEUTRAL_WORDS: Record<string, string> = {
  en: `new old big small large little long short high low early late black white red blue green
    right left many much more most few own whole far near half round live real sure mean game games
    center centre gay hot able kind top first last next full single major minor general public
    special certain clear close deep free fresh heavy main natural open plain political private
    pure rich simple strong young`,
  nl: `groot grote klein kleine nieuw nieuwe oud oude lang lange kort korte hoog hoge laag lage vroeg
    laat zwart zwarte wit witte rood rode blauw blauwe groen groene eerste laatste volgende vol
    heel hele echt precies gewoon natuurlijk zeker eigen rijk arm open vrij`,
  de: `schon einfach ja bitte würde wurde wurden halt ach natürlich gerade sicher klar frei wollen
    groß große großer großen großes gross grosse klein kleine kleinen neu neue neuen neuer neues alt
    alte alten hell dunkel kinder kind fordert fordern schützen hilft hilfe schicken laut grau arm
    schwarz weiß rot blau grün erste ersten letzte letzten gefühl träume traum roman sexy sicherheit
    freiheit gott fan chance kampf freund freunde schnell erreicht laune gruß lang lange kurz hoch
    richtig echt voll ganz`,
  fr: `sur si comme avec des la le les un une tous tout toute toutes plus moins france français
    française nouveau nouvelle nouvel nouveaux nouvelles grand grande grands grandes gros petit
    petite petits petites premier première premiers premières deuxième dernier dernière derniers
    dernières haute haut hauts direct social sociale sociales sociaux naturel naturelle nature
    durable écologique écologiques centrale centrales électrique prix jeunes jeune lance passe fin
    anti permis industriels industriel presse questions unis parti oui non professionnels plein
    géant autres autre exclusif matière plastiques plateforme développer cher chère vision droits
    mode feu change nuit rouge présente ferme royal royale économique politique public publique
    long longue court courte noir noire blanc blanche vert verte bleu bleue seul seule`,
  es: `si sí solo nuevo nueva nuevos nuevas tiempo claro dios amigos amigo amiga serio seguro cierto
    salir pasado sol llegar subir tipo lo me puesto vivo grande grandes mayores mayor importante
    listo bajo fe sueño sensación calor fuerte duda gratis primero primera último última largo
    larga corto corta alto alta negro negra blanco blanca rojo roja pequeño pequeña viejo vieja`,
  it: `nuovo nuova grande grandi primo prima ultimo ultima alto alta lungo lunga`,
  pt: `novo nova grande grandes primeiro primeira último última alto alta longo longa`,
};
