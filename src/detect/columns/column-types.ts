// The column types, one row each: which entity (or none) a column is, how its values prove it
// (strict: enough on their own), what values are merely compatible with it (loose: counts only when
// the column name suggests the type), and which names suggest it. Text recognizers feed the same
// rows through `recognizers`. Order matters only to break exact ties: specific rows first.
import type { Entity } from '../types.js';
import type { Category, ColumnEntity } from './types.js';
import { nationalIdCountry } from './national-ids.js';
import {
  abaValid, addressLike, coordinatePairLike, countryLike, dateLike, degreesLike, digitCount, expiryLike, heightWithUnit,
  hostLike, nameLike, numberValue, occupationLike, passwordHashLike, phoneLike, placeLike, scientificNotation, shortText,
  tokenLike, trackingLike, usStateLike, userAgentLike, UUID_RE, vehicleLike, vinValid, weightWithUnit, words,
} from './shapes.js';
import {
  BLOOD_TYPE_RE, CARD_NETWORKS, COLOURS, GENDER_LETTERS, GENDER_WORDS, HONORIFICS, MARITAL_STATUSES, NATIONALITIES, ZODIAC_SIGNS, vocabKey,
} from './vocab.js';

export interface ColumnType {
  readonly id: string;
  /** The entity reported, or null for types that are recognised but are not an entity (zodiac sign, colour). */
  readonly entity: ColumnEntity | null;
  /** Default: the entity's category (categories.ts). Required when entity is null. */
  readonly category?: Category;
  /** Patterns over the snake-case column name (column-name.ts) that suggest this type. */
  readonly names?: readonly RegExp[];
  /**
   * Names that suggest the type only when the values back them a little: at least 30% of the values
   * contain the row's recognizer entities, or pass `strict` ("name" in a product table is not a person).
   */
  readonly weakNames?: readonly RegExp[];
  /** Names that look like a match but are not (email_address is not a street address). */
  readonly notNames?: readonly RegExp[];
  /** A value shape that is evidence on its own. */
  readonly strict?: (value: string) => boolean;
  /** Confidence a column reaches when all its values pass `strict` (default 0.85). */
  readonly strictScore?: number;
  /** Share of strict values needed without a name hint (default 0.8). */
  readonly minShare?: number;
  /** Values compatible with the type; they count only when the name suggests it. */
  readonly loose?: (value: string) => boolean;
  /** Text-recognizer entities whose whole-value findings are evidence for this row. */
  readonly recognizers?: readonly Entity[];
  /** Text-recognizer entities whose whole-value findings make a value compatible (loose) only. */
  readonly looseRecognizers?: readonly Entity[];
  /** A broad type that gives way to a more specific one with about the same support. */
  readonly generic?: boolean;
  /** Name-like types (people, places, organisations) need more than a couple of distinct values. */
  readonly needsVariety?: boolean;
  /** Shown in the explanation. */
  readonly note?: string;
  /** Shown instead of `note` when the name decided (values only compatible). */
  readonly nameNote?: string;
  /** Category when the name decided and the values only fit the shape (default: the type's category). */
  readonly nameCategory?: Category;
  /** Category when the values decided and the name said nothing (default: the type's category). */
  readonly unhintedCategory?: Category;
}

const w = (s: string): RegExp => new RegExp(`(?:^|_)(?:${s})(?:_|$)`);

/** Prefixes of "<owner>_name" that name a person. */
const PERSON_OWNERS = 'customer|client|patient|employee|person|contact|owner|holder|account_holder|card_holder|cardholder|member|student|author|recipient|sender|beneficiary|spouse|partner|mother|father|parent|guardian|emergency_contact|doctor|physician|nurse|applicant|candidate|driver|passenger|guest|buyer|seller|tenant|landlord|agent|rep|signatory|payee|insured|policyholder|subscriber|worker|staff|teacher|child|emp|cust|pat|first|given|last|sur|middle|maiden|full|family|fore|christian|birth|legal|preferred|display|real|contact_person';

/** Names of facts about a credential, not the credential: password_changed_at, token_count, pin_required. */
const ABOUT_CREDENTIAL = /(?:_at|_on|_date|_time|_ts|_count|_length|_len|_flag|_required|_policy|_strength|_attempts|_expires?|_expiry|_expiration|_changed|_updated|_reset|_set|_type|_hint|_id|_enabled|_verified)$/;

/** Names of an attribute of the thing, not the thing: company_type, person_id, job_level. */
const ATTRIBUTE_OF = /(?:_type|_size|_id|_ids|_count|_code|_category|_industry|_sector|_status|_flag|_level|_class|_kind|_length|_format)$/;

const intIn = (lo: number, hi: number) => (v: string): boolean => {
  const n = numberValue(v);
  return n !== undefined && n >= lo && n <= hi;
};

export const COLUMN_TYPES: readonly ColumnType[] = [
  // --- validated by the text recognizers -------------------------------------------------------
  { id: 'email', entity: 'EMAIL_ADDRESS', recognizers: ['EMAIL_ADDRESS'], names: [/e_?mail/] },
  { id: 'credit-card', entity: 'CREDIT_CARD', recognizers: ['CREDIT_CARD'],
    names: [w('(?:cc|card|credit_card|debit_card|payment_card|credit|debit)_?(?:number|num|no|nr|nbr)|ccn|pan|cc_?num|card_?number|credit_?card|cc|card')],
    loose: scientificNotation, nameNote: 'numbers in scientific notation (a spreadsheet export) cannot be checked; the column name decides' },
  { id: 'iban', entity: 'IBAN_CODE', recognizers: ['IBAN_CODE'], names: [/iban/] },
  { id: 'us-ssn', entity: 'US_SSN', recognizers: ['US_SSN'], names: [w('ssn|ss_?num(?:ber)?|social_security(?:_number|_no|_num)?|soc_sec(?:_no)?')] },
  { id: 'us-itin', entity: 'US_ITIN', recognizers: ['US_ITIN'], names: [w('itin')] },
  { id: 'us-passport', entity: 'US_PASSPORT', recognizers: ['US_PASSPORT'], names: [/passport/], loose: (v) => /^(?:\d{9}|[A-Z]\d{8})$/.test(v) },
  { id: 'uk-nhs', entity: 'UK_NHS', recognizers: ['UK_NHS'], names: [w('nhs(?:_number|_no)?')], loose: (v) => /^\d{3}[ -]?\d{3}[ -]?\d{4}$/.test(v) },
  { id: 'uk-nino', entity: 'UK_NINO', recognizers: ['UK_NINO'], names: [w('nino|ni_number|national_insurance(?:_number|_no)?')] },
  { id: 'us-driver-license', entity: 'US_DRIVER_LICENSE', recognizers: ['US_DRIVER_LICENSE'],
    names: [/driv(?:er|ing)_?(?:licen[cs]e|lic)/, w('dl|dl_?(?:no|num|number)|licen[cs]e_?(?:no|num|number|id)')],
    loose: (v) => /^[A-Z0-9][A-Z0-9 -]{3,19}$/i.test(v) && /\d/.test(v) },
  // National identity numbers: checksummed formats prove it alone; others need the name.
  { id: 'national-id', entity: 'NATIONAL_ID', generic: true, minShare: 0.6, strictScore: 0.85,
    strict: (v) => nationalIdCountry(v) !== undefined, recognizers: ['US_SSN', 'UK_NINO', 'US_ITIN', 'UK_NHS'],
    names: [/national_?id/, /passport/, w('nid|national_(?:insurance|identity|identification|number|no)|id_?(?:card|number|no|nr|num)|identity_(?:number|card|no)|personal_(?:id|identity|number|code|identification|no)|citizen_?id|tax_?(?:id|number|no|code)|tin|sin|cpr|pesel|bsn|nif|nie|dni|cpf|curp|aadhaa?r|hetu|personnummer|fodselsnummer|codice_fiscale|insee|nir|kennitala|isikukood|jmbg|egn|oib|ppsn|steuer_?id|svnr|ahv|nric|hkid|mykad|cedula|govt_id|government_id')],
    loose: (v) => (/^[A-Z0-9][A-Z0-9 .\-/]{3,24}$/i.test(v) && digitCount(v) >= 4) || scientificNotation(v) },
  { id: 'aba-routing', entity: 'ABA_ROUTING_NUMBER', recognizers: ['ABA_ROUTING_NUMBER'], names: [/routing/, w('aba|rtn')], loose: abaValid },
  { id: 'bank-account', entity: 'US_BANK_NUMBER', recognizers: ['US_BANK_NUMBER'],
    names: [w('(?:bank_)?account_?(?:number|no|num|nr)|acct(?:_no|_num|_number)?|bank_account|account')], loose: (v) => /^\d{6,17}$/.test(v) },
  { id: 'mrn', entity: 'MEDICAL_RECORD_NUMBER', recognizers: ['MEDICAL_RECORD_NUMBER'],
    names: [w('mrn|medical_record(?:_number|_no)?|patient_id|patient_number|chart_(?:no|number)|health_record(?:_number)?')],
    loose: (v) => /^[A-Z0-9-]{4,20}$/i.test(v) && /\d/.test(v) },
  { id: 'ip', entity: 'IP_ADDRESS', recognizers: ['IP_ADDRESS'], names: [w('ip|ipv4|ipv6|ip_?addr(?:ess)?|client_ip|remote_ip|remote_addr|source_ip|src_ip|dst_ip|dest_ip|host_ip|ip_address')] },
  { id: 'mac', entity: 'MAC_ADDRESS', recognizers: ['MAC_ADDRESS'], names: [w('mac|mac_?addr(?:ess)?|hw_?addr|bssid')] },
  { id: 'crypto', entity: 'CRYPTO', recognizers: ['CRYPTO'], names: [w('wallet|wallet_address|btc|eth|bitcoin|ethereum|crypto(?:_address)?')] },
  { id: 'secret', entity: 'SECRET', recognizers: ['SECRET'], names: [w('secret|token|api_?key|access_?key|secret_?key|private_?key|client_secret|auth_token|access_token|refresh_token|bearer')], notNames: [ABOUT_CREDENTIAL],
    loose: (v) => /^\S{16,}$/.test(v) },
  { id: 'phone', entity: 'PHONE_NUMBER', recognizers: ['PHONE_NUMBER'],
    names: [/phone/, w('tel|telephone|mobile|cell|fax|msisdn|landline|contact_?number|mobile_?number|whatsapp|telefon|telefono|telephone_number')],
    loose: phoneLike },
  // --- column shapes -------------------------------------------------------------------------
  // A UUID is personal when the column says whose it is (guid, user_id, patient_uuid); request, trace,
  // event and order UUIDs with no such name are identifiers of records, not of people.
  { id: 'uuid', entity: 'UUID', strict: (v) => UUID_RE.test(v), strictScore: 0.95, unhintedCategory: 'none',
    names: [w('uuid|guid'), new RegExp(`(?:^|_)(?:${PERSON_OWNERS}|user|account|person|profile|visitor|device)_?(?:id|uuid|guid)$`)], loose: (v) => /^[0-9a-f]{32}$/i.test(v),
    note: 'UUIDs under no name saying whose: record or event identifiers, not personal on their own' },
  { id: 'user-agent', entity: 'USER_AGENT', strict: userAgentLike, strictScore: 0.95, names: [/user_?agent/, w('ua|browser')] },
  // A carrier's checked format (UPS 1Z…, USPS 92…, S10 with its check digit) ties a parcel to one
  // recipient; digits that only sit under a tracking name (16 digits failing Luhn) are a reference.
  { id: 'tracking-number', entity: 'TRACKING_NUMBER', strict: trackingLike, strictScore: 0.9,
    names: [/tracking/, w('shipment_?(?:id|number|no)|parcel(?:_id|_number)?|waybill|consignment|ups|fedex|usps|dhl|tnt|awb')],
    loose: (v) => /^[A-Z0-9 -]{8,40}$/i.test(v) && digitCount(v) >= 6, nameCategory: 'none',
    nameNote: 'reference numbers under a tracking name, in no carrier format that can be checked: not personal on their own' },
  { id: 'password', entity: 'PASSWORD', strict: passwordHashLike, strictScore: 0.9,
    names: [/password/, w('pass|passwd|pwd|passcode|passphrase|pass_?word|pin|secret_?answer|security_?answer|passwort|contrasena|senha|mot_de_passe')],
    notNames: [ABOUT_CREDENTIAL],
    loose: (v) => v.length >= 3 && v.length <= 256 && !/[\r\n]/.test(v) && !/^(?:true|false|null|none|yes|no)$/i.test(v) && !dateLike(v) },
  { id: 'cvv', entity: 'CREDIT_CARD_CVV', names: [w('cvv2?|cvc2?|csc|cvn|card_verification(?:_code|_value)?|security_code|card_security_code|cvv_code')], notNames: [ABOUT_CREDENTIAL],
    loose: (v) => /^\d{3,4}$/.test(v) },
  { id: 'card-expiry', entity: 'CREDIT_CARD_EXPIRY',
    names: [/(?:card|cc)_?exp/, w('exp|expiry|expires|expiration|expiry_date|exp_date|expiration_date|valid_thru|valid_through|valid_until|good_thru')], loose: expiryLike,
    looseRecognizers: ['DATE_TIME'] },
  { id: 'date-of-birth', entity: 'DATE_OF_BIRTH', recognizers: ['DATE_OF_BIRTH'],
    names: [/birth(?!_?place|_?country|_?city)/, w('dob|bday|b_day|born|birthday|geburtsdatum|date_naissance|fecha_nacimiento|data_nascita')],
    notNames: [/place_of_birth|country_of_birth|city_of_birth|birth_?place/],
    loose: (v) => dateLike(v) || /^(?:19|20)\d{2}$/.test(v), looseRecognizers: ['DATE_TIME'] },
  // A date or time is a person's when the column says whose or which event of a life it records
  // (admission, discharge, visit, death, hire, signup); created_at, shipped_on, ts are when something happened
  // to a record: DATE_TIME, but not personal on their own (as UUIDs under no name saying whose).
  { id: 'date-time', entity: 'DATE_TIME', recognizers: ['DATE_TIME'], unhintedCategory: 'none',
    names: [/admi(?:t|ssion)|discharge|decease|death|died|appointment|encounter|surgery|operation_date|hire_?date|hired|termination_date|last_seen|last_visit|visit_date|seen_on|sign_?up|registered|registration_date|joined|join_date|member_since|enrol|last_login/, w('visit|dod|doa|dos|service_date|date_of_service|date_of_death|enrol(?:l?ment|led)_date')],
    loose: dateLike, note: 'dates and times under no name saying whose: when something happened to a record, not personal on their own' },
  { id: 'age', entity: 'AGE', recognizers: ['AGE'], names: [w('age|ages|age_years|age_in_years|years_old|patient_age|edad')],
    loose: (v) => intIn(0, 125)(v) || /^\d{1,3}\s?[-–]\s?\d{1,3}$/.test(v) || /^\d{1,3}\+$/.test(v) },
  { id: 'zip', entity: 'ZIP_CODE', recognizers: ['ZIP_CODE'],
    strict: (v) => /^\d{5}-\d{4}$/.test(v) || /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/.test(v) || /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/.test(v), strictScore: 0.85,
    names: [/zip|postal|postcode/, w('post_code|plz|cep|pincode|pin_code|postleitzahl|code_postal|codigo_postal')],
    loose: (v) => v.length >= 3 && v.length <= 10 && /^[A-Z0-9][A-Z0-9 -]{1,9}$/i.test(v) && digitCount(v) >= 2 },
  { id: 'street-address', entity: 'STREET_ADDRESS', recognizers: ['STREET_ADDRESS'], strict: addressLike, strictScore: 0.85, minShare: 0.6,
    names: [/street_?(?:address|name)|address_?line|(?:home|mailing|billing|shipping|postal)_?address/, w('street|address|addr|address\\d|residence|domicile|anschrift|adresse|direccion|indirizzo|endereco')],
    notNames: [/(?:e_?mail|ip|mac|web|wallet|btc|eth|crypto|ip_v[46]|hw|url|server|host)_?addr(?:ess)?/],
    loose: (v) => shortText(v, 16) && (/\d/.test(v) || words(v).length >= 2) },
  { id: 'coordinate-pair', entity: 'GEO_COORDINATE', strict: coordinatePairLike, strictScore: 0.9, names: [/coord|geo|gps|lat_?lo?ng|latlon/] },
  { id: 'latitude', entity: 'GEO_COORDINATE', names: [/latitude/, w('lat|lat_deg|y_coord')], loose: (v) => degreesLike(v, 90) },
  { id: 'longitude', entity: 'GEO_COORDINATE', names: [/longitude/, w('lon|lng|long|x_coord')], loose: (v) => degreesLike(v, 180) },
  { id: 'height', entity: 'HEIGHT', strict: heightWithUnit, strictScore: 0.85, minShare: 0.9,
    names: [/height|stature/, w('ht|cm|centimet(?:er|re)s?|feet|inches|feet_inches|body_height|groesse|grosse|taille|altura')],
    notNames: [/(?:image|img|row|font|line|window|screen|page|box|item|package|parcel|product|tree|block|frame|cell|icon|text|wave|building|ceiling|water|snow|tide)_?height|height_(?:px|pixels?)/],
    loose: (v) => heightWithUnit(v) || intIn(0.3, 300)(v) },
  { id: 'weight', entity: 'WEIGHT', strict: weightWithUnit, strictScore: 0.85, minShare: 0.9,
    names: [/weight/, w('wt|kg|kgs|kilo|kilos|kilograms?|lbs?|pounds?|body_weight|gewicht|poids|peso')],
    notNames: [/(?:item|product|package|parcel|shipping|shipment|net|gross|sample|class|tare|cargo|box|unit|edge|node|font|line|model|layer|freight)_?weight|weight_(?:class|unit|decay|init)/],
    loose: (v) => weightWithUnit(v) || intIn(1, 1000)(v) },
  { id: 'blood-type', entity: 'BLOOD_TYPE', strict: (v) => BLOOD_TYPE_RE.test(v), strictScore: 0.9, names: [/blood/, w('abo|rh|rhesus')], loose: (v) => /^(?:a|b|ab|o|0)$/i.test(v) },
  { id: 'domain', entity: 'DOMAIN_NAME', strict: (v) => hostLike(v), strictScore: 0.85,
    names: [w('domain|domain_name|website_domain|web_domain|personal_domain|homepage_domain')], loose: (v) => hostLike(v, true) },
  { id: 'vehicle', entity: 'VEHICLE', strict: vehicleLike, strictScore: 0.85, minShare: 0.7,
    names: [/vehicle/, w('car|cars|auto|automobile|car_make|car_model|vehicle_make|vehicle_model|vin|license_plate|licence_plate|number_plate|plate|plate_number|registration_plate')],
    loose: (v) => vinValid(v) || shortText(v, 8) },
  { id: 'financial-id', entity: 'FINANCIAL_ID',
    names: [/mtcn|money_?gram|western_?union|remittance/, w('(?:wire|transfer|transaction|txn|payment|remittance|money_order)_?(?:id|ref|reference|number|no|code)')],
    loose: (v) => /^[A-Z0-9][A-Z0-9 -]{5,30}$/i.test(v) && digitCount(v) >= 6 },
  { id: 'occupation', entity: 'OCCUPATION', notNames: [ATTRIBUTE_OF], strict: occupationLike, strictScore: 0.8, minShare: 0.6,
    names: [w('occupation|job|job_?title|profession|position|employment|designation|job_?role|career|beruf|metier|profesion|professione')],
    loose: (v) => shortText(v, 8) && !/\d/.test(v), needsVariety: true },
  { id: 'organization', entity: 'ORGANIZATION', notNames: [ATTRIBUTE_OF], recognizers: ['ORGANIZATION'],
    names: [w('company|company_name|employer|employer_name|organi[sz]ation|organi[sz]ation_name|org|org_name|business|business_name|firm|corporation|institution|school|university|college|workplace|agency|insurer|affiliation|unternehmen|entreprise|empresa|azienda')],
    loose: (v) => shortText(v, 10), needsVariety: true },
  // --- people ----------------------------------------------------------------------------------
  { id: 'person-initial', entity: 'PERSON', category: 'quasi', names: [/middle_?init/, w('initials?')],
    loose: (v) => /^\p{L}\.?(?:\s?\p{L}\.?){0,2}$/u.test(v), note: 'initials identify only together with other columns' },
  { id: 'person', entity: 'PERSON', notNames: [ATTRIBUTE_OF], recognizers: ['PERSON'], minShare: 0.6,
    weakNames: [/^names?$/, w('display_name|real_name|contact_name')],
    names: [/maiden/, w('surname|forename|firstname|lastname|fullname|givenname|familyname|patronymic|nachname|vorname|prenom|nombre|apellidos?|cognome'), new RegExp(`(?:^|_)(?:${PERSON_OWNERS})_?names?$`)],
    loose: (v) => nameLike(v, 8), needsVariety: true },
  { id: 'username', entity: 'USERNAME', notNames: [ATTRIBUTE_OF],
    names: [w('user_?name|username|login|login_?name|user_?login|screen_?name|nick_?name|nickname|account_?name|user_?handle|social_?handle|twitter(?:_handle)?|instagram(?:_handle)?|github(?:_user)?|gamertag|benutzername')],
    loose: tokenLike, needsVariety: true },
  { id: 'title', entity: 'TITLE', strict: (v) => HONORIFICS.has(vocabKey(v)) && v.length <= 12, strictScore: 0.85, minShare: 0.9,
    names: [w('title|honorific|salutation|prefix|name_prefix|anrede|civilite')], loose: (v) => HONORIFICS.has(vocabKey(v)) },
  { id: 'gender', entity: 'GENDER', strict: (v) => GENDER_WORDS.has(vocabKey(v)), strictScore: 0.85,
    names: [w('gender|sex|geschlecht|sexe|sexo|genre|genero')], loose: (v) => GENDER_WORDS.has(vocabKey(v)) || GENDER_LETTERS.has(vocabKey(v)) },
  { id: 'nrp-sensitive', entity: 'NRP', category: 'sensitive',
    names: [/religio|ethnic|political|sexual_orientation/, w('race|faith|denomination|party_affiliation|tribe|caste|trade_union|union_member(?:ship)?')],
    loose: (v) => nameLike(v, 5), note: 'religion, ethnicity and political opinion are special-category data (GDPR art. 9)' },
  { id: 'nrp', entity: 'NRP', strict: (v) => NATIONALITIES.has(vocabKey(v)), strictScore: 0.8, minShare: 0.7,
    names: [w('nationality|nationalities|citizenship|ancestry|heritage|national_origin|nationalitaet|nacionalidad')], loose: (v) => nameLike(v, 4) },
  // --- places ----------------------------------------------------------------------------------
  { id: 'country', entity: 'LOCATION', strict: countryLike, strictScore: 0.85, names: [/country/], notNames: [/country_?(?:calling_?|dial(?:l?ing)?_?|phone_?)code/] },
  { id: 'us-state', entity: 'LOCATION', strict: usStateLike, strictScore: 0.8, minShare: 0.9 },
  { id: 'location', entity: 'LOCATION', recognizers: ['LOCATION'], minShare: 0.6,
    names: [/city|country|province|county/, w('town|village|municipality|locality|suburb|state|prefecture|canton|commune|birth_?place|place_of_birth|hometown|state_?full|state_?name|stadt|ville|ciudad|pais|paese|bundesland')],
    weakNames: [w('region|district|territory|place|location|neighbou?rhood|ort|borough|ward|parish|area')],
    notNames: [/(?:calling|dial(?:l?ing)?|phone|telephone|tel)_?(?:country_)?code/],
    loose: placeLike, needsVariety: true },
  // --- recognised, but not an entity of their own ------------------------------------------------
  { id: 'calling-code', entity: null, category: 'quasi', names: [/(?:calling|dial|dialing|dialling|phone|telephone|tel|country)_?(?:country_?)?(?:code|prefix)/, w('idd|isd')],
    loose: (v) => /^\+?\d{1,4}(?:-\d{1,4})?$/.test(v), note: 'telephone country calling code: reveals the country' },
  { id: 'health', entity: null, category: 'sensitive',
    names: [/diagnos|icd_?(?:9|10)|symptom|medication|prescription|allerg|treatment|disease|disorder|clinical|medical_(?:history|note|condition)|health_(?:status|condition|note)|lab_result|pregnan|vaccin|disabilit/, w('condition|conditions|procedure|procedures|therapy|dosage|drug|drugs')],
    loose: (v) => v.trim().length > 0, note: 'health information: special-category data (GDPR art. 9), PHI under HIPAA when linked to a person' },
  { id: 'zodiac-sign', entity: null, category: 'quasi', strict: (v) => ZODIAC_SIGNS.has(vocabKey(v)), strictScore: 0.85,
    names: [/zodiac|horoscope|astrolog/, w('star_?sign|sun_?sign')], note: 'zodiac sign: derived from the birth date' },
  { id: 'marital-status', entity: null, category: 'quasi', strict: (v) => MARITAL_STATUSES.has(vocabKey(v)), strictScore: 0.85,
    names: [/marital/, w('civil_status|relationship_status|family_status|familienstand')], loose: (v) => nameLike(v, 4), note: 'marital status' },
  { id: 'appearance', entity: null, category: 'quasi', names: [/(?:eye|hair|skin)_?colou?r|complexion/], loose: (v) => nameLike(v, 4), note: 'physical appearance' },
  { id: 'colour', entity: null, category: 'none', strict: (v) => COLOURS.has(vocabKey(v)), strictScore: 0.8, names: [/colou?r/], note: 'colour names' },
  { id: 'card-network', entity: null, category: 'none', strict: (v) => CARD_NETWORKS.has(vocabKey(v)), strictScore: 0.85,
    names: [w('cc_?type|card_?type|card_?brand|card_?network|card_?scheme|payment_?method|card_issuer')], note: 'payment card network' },
];

/** Rows for text entities no row above names, so new recognizers count as soon as they land. */
export function recognizerRow(entity: Entity): ColumnType {
  return { id: `recognizer:${entity}`, entity, recognizers: [entity] };
}
