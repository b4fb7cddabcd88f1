// Word tables for the STREET_ADDRESS recognizer (the finder in this folder). Data only, all lower-case, matched
// against lower-cased tokens with any abbreviation dot removed. A word here is a cue, never proof: the
// recognizer still needs a house number, a name or a cue phrase around it.

const set = (words: string): ReadonlySet<string> => new Set(words.trim().split(/\s+/));

/**
 * USPS street suffixes that are everyday words ("Pass", "Rest", "Station", "Springs", "Point"): a street
 * type only after a house number and a name ("459 O'Hara Pass"), and then with more evidence around it
 * (a cue, a unit, a postcode, a locality) — "3 Power Stations" is a count. Not "Well", a word
 * of clinical prose ("tolerating well") that no house number makes a street.
 */
export const NUMBERED_TYPES = set(`
  fork forks pass rest station stations spring springs point points run park parks path center centers
  field fields green greens light lights lock locks mill mills mount plains port ports rapids shore shores
  stream summit trace track union unions view views wall bend beach branch bridge club common
  commons course courts curve estate estates extension extensions passage radial ramp stravenue
`);

/**
 * Street types written after the name ("Baker Street", "Gumpendorfer Strasse", "Karl Johans gate",
 * "Eötvös út", "Gosposka ulica"). English, with the USPS Publication 28 Appendix C1 street suffixes
 * ("Knoll", "Harbor", "Camp"; with the everyday words among them, NUMBERED_TYPES, held to more evidence),
 * German, Nordic, Dutch, Central/Eastern European, Turkish.
 */
export const SUFFIX_TYPES: ReadonlySet<string> = new Set([...set(`
  street st avenue ave av road rd boulevard blvd lane ln drive dr court ct way place pl terrace ter tce
  parkway pkwy highway hwy freeway expressway square sq close crescent cres circle cir trail trl loop row
  walk alley plaza mews grove gardens gdns rise vale wynd parade pde esplanade embankment quay wharf
  causeway broadway circus hill drove turnpike pike
  bypass camp canyon corner corners cove creek crest crossing dale divide falls ferry ford fords forest forge
  fort freeway garden glen glens harbor harbors haven heights hollow inlet island islands isle junction knoll
  knolls lake lakes landing lodge manor manors meadow meadows mission motorway mountain mountains neck orchard
  oval overpass pine pines prairie ranch ridge ridges river shoals skyway spur spurs throughway trafficway
  tunnel underpass valley valleys viaduct village villages ville vista walks burg burgs bluff bluffs brook
  brooks cliff cliffs expy fwy gateway hts jct
  straße strasse str weg platz allee gasse damm ufer chaussee steig stieg
  gate gata gatan vei veien veg vegen vej gade väg vägen allé alle tie katu kuja polku
  straat laan plein kade gracht singel dreef steenweg
  utca út u tér körút krt rakpart köz sor
  ulica ul cesta trg náměstí nábřeží třída námestie iela gatvė prospekt ulitsa pereulok
  caddesi cad cd sokak sok sk bulvarı
  mnt pst tn tänav tee
`), ...NUMBERED_TYPES]);

/** Suffix types that are common English words when capitalised ("Departure Gate 12"): lower case only. */
export const LOWERCASE_ONLY_TYPES = set('gate vei veg vej gade tie tee sor köz u');

/** Types that open the street name ("Rue du Centre", "Via Roma", "Calle Mayor", "ul. Karpacka"). */
export const PREFIX_TYPES = set(`
  rue avenue av ave boulevard bd bld blvd chemin allée impasse quai cours place square esplanade passage
  calle c carrer avenida avda paseo pso plaza camino carretera ronda travesía travesia glorieta
  rua travessa largo praça praca estrada alameda rodovia
  via viale piazza piazzale corso vicolo strada contrada lungomare
  ul ulica aleja trg ulitsa prospekt
  odos οδός λεωφόρος λεωφ λ οδ
`);

/** Prefix types that are also everyday words; they need a house number and, in lower case, one before. */
export const AMBIGUOUS_PREFIX = set('via place square avenue boulevard passage cours largo plaza esplanade rue c strada trg λ');

/** Endings of one-word street names ("Hauptstraße", "Lozerlaan", "Koskikatu", "Drottninggatan"). */
export const COMPOUND_ENDINGS = set(`
  straße strasse str straat laan weg gasse platz allee damm ufer vej vejen gade gaden stræde gata gatan
  vägen vegen veien vegur braut stræti ntie katu kuja gränd dreef singel kade gracht plein utca gatvė iela
  tänav caddesi sokak sokağı bulvarı
`);
/** English words with a compound street ending ("brigade", "decade"): never street names on their own. */
export const NOT_COMPOUND = set('brigade renegade arcade blockade cascade decade necktie bowtie lastly');

/** Secondary units: "Apt. 4B", "Suite 200", "Flat 3", "Unit 12", "4th Floor". */
export const SECONDARY = set('apt apartment apto appt suite ste unit flat fl floor level bldg trlr piso étage etage whg wohnung');
/** Secondary units strong enough to be reported on their own (still a low score, raised by context). */
export const SECONDARY_ALONE = set('apt apartment apto suite ste unit flat');

/** Direction words around US street names ("123 N Main St", "1600 Pennsylvania Ave NW"). */
export const DIRECTIONS = set('n s e w ne nw se sw north south east west northeast northwest southeast southwest');

/** Lower-case words allowed inside names ("Rue de la Paix", "Den Haag", "Ústí nad Labem", "Isle of Man"). */
export const PARTICLES = set(`
  de del della delle dei degli di da dal dello das do dos du des la le les las los el al lo y
  van von der den ter ten het op aan bij te zu zum zur am an im auf bei ob unter
  sur sous en lès aux d l
  nad pod na pri pri u w z ve
  of the upon on and
`);

/** Particles that end a name only when followed by another name word (English joiners). */
export const JOINERS = set('of the upon on and y e');

/** Words that end an address: function words, pronouns, time words, sentence openers, field labels. */
export const STOP = set(`
  the of i me my mine myself we us our ours you your yours he him his she her hers it its they them their theirs
  this that these those there here what which who whom whose when where why how
  is am are was were be been being have has had do does did done will would shall should can could may
  might must let lets get got
  a an for to from at by with without in into onto off out over under up down near next last before after
  since until till during about above below between across along around through past toward towards
  or but nor so yet if then than because as also just only not no yes please pls plz thanks thank ok okay
  thx ty tks tia btw fyi lol omg
  hi hello hey dear regards sincerely cheers best
  today tomorrow tonight yesterday now soon later asap morning afternoon evening night noon midnight
  week weeks month months year years day days hour hours minute minutes time times
  monday tuesday wednesday thursday friday saturday sunday
  january february march april june july august september october november december
  instead again too very all any some each every both either neither other another such own same
  etc ie eg via
  go goes going went come comes coming came see call called send sent ship shipped deliver delivered
  mail mailed move moved moving meet meeting arrive arrived arriving stay staying live lives living lived
  phone tel telephone fax email e-mail mobile cell web website www
  and copyright inc ltd llc llp corp gmbh plc pty
`);

/** Months and their abbreviations: before a day number they write a date ("Apr 22", "Sept 3"). */
export const MONTHS = set('january february march april may june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec');

/** Nouns that, right after a number, make it a quantity, not a house number ("3 cats", "250 mg"). */
export const UNITS = set(`
  am pm mg mcg µg g kg lb lbs oz ml l mm cm m km mi mile miles ft feet foot inch inches yd yards
  percent pct times x hours hour hrs hr h minutes minute min mins seconds second sec secs s ms
  milliseconds millisecond microseconds ns bytes kb mb gb tb kib mib gib bits px pt em
  days day weeks week months month years year yrs yo
  people persons person items item pcs pieces units tablets tabs tablet caps capsules doses dose drops puffs
  dollars dollar usd eur euros euro cents pounds gbp bucks points pts
  way lane story storey stories bed beds bedroom bedrooms bath baths star stars door doors car cars seater
  block blocks
`);

/** Words before a number that make it a reference, not a house number ("page 12", "version 2"). */
export const NUMBER_LABELS = set(`
  page pages p pp chapter ch step steps section sec line lines item items figure fig table version v ver
  no nr number num route rt rte level lvl grade class part vol volume episode ep season exhibit rule
  article art question q gate platform bus flight channel model type size score id ticket order invoice
  case room bed ward pier dock bay track lane highway hwy interstate i exit mile km
  release phase stage round day week month year book act scene lesson module term quarter tier build
  sprint iteration patch update game match race lap leg team player group batch lot block plan sample
  test trial dose cycle visit day
  top over under about approximately approx nearly around than only just least most
  the a an my your his her our their this that these those every each all some any first last next
  $ € £ ¥ # ₹
`);

/** Words in the few words before a span that make it the answer to "where" (cue phrases). */
export const ADDRESS_NOUNS = set(`
  address addresses addr adress adresse anschrift dirección direccion domicilio endereço indirizzo adres
  residence domicile
`);
/** Verbs of dwelling, followed by "at"/"in"/"on" ("lives at", "is located at", "resides in"). */
export const DWELL_VERBS = set(`
  live lives living lived reside resides residing resided stay stays staying stayed located situated
`);
/** Verbs of sending, followed by "to" or a colon ("ship to", "sent it to", "moved to", "Deliver to:"). */
export const SEND_VERBS = set(`
  ship shipped shipping send sent sending deliver delivered delivering delivery mail mailed mailing post
  posted move moved moving relocate relocated relocating return returned forward forwarded bill billing
`);
/** Words that, followed by "to"/"at", often but not always introduce an address ("arrived at 5 pm"). */
export const WEAK_CUE_WORDS = set('arrive arrived arriving meet meeting office is taxi go going come visit visiting headed heading');

/** Words that mark the house number after them ("Nr. 5", "No 12", "nº 7"). */
export const HOUSE_MARKERS = set('no nr nº n° num');

/** Ship names that open a US military (FPO) address. */
export const SHIP_PREFIX = set('uss usns usnv usnas uscgc');
