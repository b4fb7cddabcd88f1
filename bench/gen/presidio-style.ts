// Presidio-style synthetic sentences from templates written for this project (none copied from
// presidio-research): e-mails, forms, letters, chats, reviews, bios and tickets, filled by seeded
// faker in several locales, labelled with the default (Presidio-compatible) entities. A template's
// slot is one labelled span: PERSON, ORGANIZATION, STREET_ADDRESS (a whole postal address or street
// line), LOCATION (town, state, country), ZIP_CODE (a postcode on its own), AGE (the number only),
// NRP, PHONE_NUMBER, EMAIL_ADDRESS, DATE_TIME, CREDIT_CARD. Words around a slot are never labelled
// ("Dr.", "aged", "zip"). The dev split and the held-out split use disjoint template lists (the
// held-out list is for measuring only: look at its totals, never its errors) and their own seeds.
// A share of records is written all in lower case, as chats and Presidio's generator do.
import { Faker, base, de, en, en_GB, en_IN, en_US, es, fr, it, nl, pl, pt_BR } from '@faker-js/faker';
import { TextBuilder, type LabelledRecord } from './builder.js';
import { withLuhnDigit } from './luhn.js';
import { chance, int, pad2, pick, rng, type Rng } from './rng.js';
import type { Split } from './vocab.js';

type Slot = keyof typeof SLOT_LABEL;

/** Slot name → gold label. */
const SLOT_LABEL = {
  name: 'PERSON', first: 'PERSON', last: 'PERSON', name2: 'PERSON', first2: 'PERSON',
  org: 'ORGANIZATION', org2: 'ORGANIZATION',
  address: 'STREET_ADDRESS', street: 'STREET_ADDRESS',
  city: 'LOCATION', state: 'LOCATION', country: 'LOCATION',
  zip: 'ZIP_CODE', age: 'AGE', nrp: 'NRP',
  phone: 'PHONE_NUMBER', phone7: 'PHONE_NUMBER', email: 'EMAIL_ADDRESS',
  date: 'DATE_TIME', time: 'DATE_TIME', year: 'DATE_TIME', card: 'CREDIT_CARD',
} as const;

interface Template { readonly genre: string; readonly text: string }

// Dev templates: tune against these.
const DEV: readonly Template[] = [
  { genre: 'email', text: 'Hi {first},\nI spoke with {name} from {org} this morning and she confirmed the delivery for {date}. Call me on {phone} if anything changes.\nBest,\n{first2}' },
  { genre: 'email', text: 'Dear {name},\nThank you for applying to {org}. Your interview is on {date} at {time}. Please bring a photo ID.' },
  { genre: 'email', text: 'Forwarding this from {first} - she says {org} never received the invoice sent to {address}.' },
  { genre: 'email', text: 'Please add {name} and {name2} to the distribution list; both joined the {org} team last week.' },
  { genre: 'form', text: 'Full name: {name}\nAge: {age}\nZip code: {zip}\nPhone: {phone}' },
  { genre: 'form', text: 'Applicant {name}, aged {age}, nationality {nrp}, currently living in {city}, {country}.' },
  { genre: 'form', text: 'Billing address: {address}\nCard number: {card}\nEmail: {email}' },
  { genre: 'form', text: 'Emergency contact: {name} (mother), {phone}. Religion: {nrp}.' },
  { genre: 'letter', text: 'To whom it may concern,\nI have known {name} for six years, since we both worked at {org} in {city}. I recommend {first} without reservation.' },
  { genre: 'letter', text: 'Dear Dr. {last},\nMy son is a {age}-year-old boy who was referred to you by {name}. We live at {address}.' },
  { genre: 'letter', text: 'Sincerely,\n{name}\nHead of Operations, {org}\n{phone}' },
  { genre: 'chat', text: 'hey is {first} still at {org}? i need her number, mine is {phone7}' },
  { genre: 'chat', text: 'lol {first} and {first2} are coming too, meet at {time} outside the station' },
  { genre: 'chat', text: 'my grandma just turned {age} and she still drives to {city} every weekend' },
  { genre: 'chat', text: 'ask {name}, he handles the {org} account now' },
  { genre: 'chat', text: 'omg i ran into {first} at the mall, she moved to {state} last year' },
  { genre: 'review', text: 'Great service from {first} at the {city} branch of {org}. Five stars!' },
  { genre: 'review', text: 'I would not recommend {org}. The manager, {name}, refused a refund on {date}.' },
  { genre: 'review', text: 'Stayed here with my husband {first} for our anniversary. The staff treated us like family even though we are {nrp}.' },
  { genre: 'review', text: 'Ordered from {org} twice; the second parcel went to {address} instead of my house.' },
  { genre: 'bio', text: '{name} is a {age} year old {nrp} photographer based in {city}. She previously worked for {org}.' },
  { genre: 'bio', text: 'Born in {country}, {name} joined {org} in {year} and leads its research group.' },
  { genre: 'bio', text: 'About me: {age}yo, {nrp}, love hiking, originally from {city}. Message me at {email}.' },
  { genre: 'bio', text: 'A {nrp} novelist, {name} has written four books and lives in {city} with her partner {first}.' },
  { genre: 'ticket', text: 'Customer {name} reports that the package was delivered to the wrong zip, {zip}, on {date}.' },
  { genre: 'ticket', text: 'Escalated by {first} ({email}): account locked after password reset. Callback number {phone}.' },
  { genre: 'ticket', text: 'Caller said her name was {name}, age {age}, and gave {street} as her street address.' },
  { genre: 'ticket', text: 'Assigned to {name2}. Vendor {org} confirmed the replacement ships {date}.' },
  { genre: 'sms', text: 'Your appointment with {name} is confirmed for {date} at {time}. Reply STOP to cancel.' },
  { genre: 'sms', text: 'This is {first} from {org}, your car is ready for pickup. Questions? {phone7}' },
  { genre: 'note', text: 'Met {name} and {name2} at the {org} booth; both {nrp}, both interested in the pilot.' },
  { genre: 'note', text: 'Interviewed {first} {last} for the role; {age} years old, lives near {city}, strong references from {org}.' },
  { genre: 'negative', text: 'The quarterly report is due at the end of the month; please share your drafts in the usual folder.' },
  { genre: 'negative', text: 'Turn left at the second light, then follow the signs for the Visitor Center and Parking Lot B.' },
];

// Held-out templates: measure only.
const HELDOUT: readonly Template[] = [
  { genre: 'email', text: 'Hello {first},\nJust a reminder that {name} will cover for me while I am away. You can reach her at {email} or {phone}.\nThanks,\n{first2}' },
  { genre: 'email', text: 'Good morning {name}, we received your order on {date} and it will ship from our {city} warehouse to {address}.' },
  { genre: 'email', text: 'Can you loop in {name2}? She is the contact at {org} for the renewal.' },
  { genre: 'email', text: 'I have attached the contract signed by {name} on behalf of {org}.' },
  { genre: 'form', text: 'Name: {name} | DOB: {date} | Age: {age} | Postal code: {zip}' },
  { genre: 'form', text: 'Patient: {name}; aged {age}; ethnicity: {nrp}; home phone {phone}.' },
  { genre: 'form', text: 'Ship to: {name}, {address}. Contact email {email}.' },
  { genre: 'form', text: 'Employer: {org}. Work address: {address}. Supervisor: {name}.' },
  { genre: 'letter', text: 'Dear Ms. {last},\nWe regret to inform you that your application to {org} was not successful.\nKind regards,\n{name}' },
  { genre: 'letter', text: 'I am writing on behalf of my neighbour {name}, a {age}-year-old widow who has lived at {street} for thirty years.' },
  { genre: 'letter', text: 'Yours faithfully,\n{name}\n{org}\n{address}' },
  { genre: 'chat', text: 'did {first} ever call u back? her new number is {phone7}' },
  { genre: 'chat', text: 'i think {name} works at {org} now, saw it on linkedin' },
  { genre: 'chat', text: 'my brother is {age} and still lives with our parents in {city} haha' },
  { genre: 'chat', text: 'tell {first} and {first2} the party moved to {time}' },
  { genre: 'chat', text: 'we drove from {city} to {state} in one day, {first} did most of the driving' },
  { genre: 'review', text: 'Terrible experience at {org}. {name} was rude and the order from {date} never arrived.' },
  { genre: 'review', text: 'The tour guide {first} was fantastic, explained everything about {country} history.' },
  { genre: 'review', text: 'As a {nrp} family we appreciated the halal options. Thank you {first}!' },
  { genre: 'review', text: 'Five stars for {org} - {name} fixed my laptop in an hour.' },
  { genre: 'bio', text: '{name}, {age}, is a {nrp} engineer who grew up in {city} and now works at {org}.' },
  { genre: 'bio', text: 'After ten years at {org}, {name} moved to {country} to start her own studio.' },
  { genre: 'bio', text: 'hi! im {first}, {age} y/o, {nrp}, from {city}. dm me or email {email}' },
  { genre: 'bio', text: 'Raised by {nrp} immigrants in {city}, {name} studied law before joining {org}.' },
  { genre: 'ticket', text: 'User {name} cannot receive mail at {address}; zip {zip} rejected by the form.' },
  { genre: 'ticket', text: 'Reported by {first} on {date}: charge on card {card} not recognised.' },
  { genre: 'ticket', text: 'Spoke with {name}, aged {age}, who asked us to update her street to {street}.' },
  { genre: 'ticket', text: 'Handed over to {name2} at {org}; customer callback {phone}.' },
  { genre: 'sms', text: 'Reminder: {first}, your dental cleaning with {name} is on {date}.' },
  { genre: 'sms', text: '{org}: your order has shipped to {zip}. Track it at our site. Questions? call {phone7}' },
  { genre: 'note', text: 'Call notes: {name} ({org}) wants a demo on {date}; {nrp} speaker, prefers email {email}.' },
  { genre: 'note', text: 'Candidate {first} {last}, a {age}-year-old from {country}, referred by {name2}.' },
  { genre: 'negative', text: 'Remember to water the plants and lock the back door before the weekend.' },
  { genre: 'negative', text: 'The new Spring Collection arrives in stores soon, with free shipping on orders over fifty dollars.' },
];

// A real list of nationalities, religions and political groups, written for the generator; the
// detector has its own lists (gazetteers/demonyms.ts, recognizers/nrp.ts).
const NRP = ['Brazilian', 'Nigerian', 'Polish', 'Vietnamese', 'Irish', 'Mexican', 'Korean', 'Kenyan', 'Peruvian', 'Ukrainian', 'Turkish', 'Egyptian', 'Canadian', 'Scottish', 'Filipino', 'Ethiopian', 'Chilean', 'Greek', 'Indonesian', 'Moroccan', 'Catholic', 'Muslim', 'Jewish', 'Hindu', 'Buddhist', 'Sikh', 'Methodist', 'Evangelical', 'Orthodox', 'Democrat', 'Republican', 'Libertarian', 'Socialist', 'Mormon', 'Lutheran'];

const LOCALES = [[en_US, en, base], [en_US, en, base], [en_GB, en, base], [en_IN, en, base], [de, en, base], [fr, en, base], [es, en, base], [nl, en, base], [it, en, base], [pl, en, base], [pt_BR, en, base]] as const;

interface Ctx { r: Rng; people: Faker[]; us: Faker; lower: boolean; b: TextBuilder }

function personFaker(c: Ctx): Faker {
  return pick(c.r, c.people);
}

function cardNumber(r: Rng): string {
  const s = withLuhnDigit([pick(r, [4, 5]), ...Array.from({ length: 14 }, () => int(r, 0, 9))]);
  return pick(r, [s, s.replace(/(\d{4})(?=\d)/g, '$1 '), s.replace(/(\d{4})(?=\d)/g, '$1-')]);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function value(c: Ctx, slot: Slot): string {
  const r = c.r;
  switch (slot) {
    case 'name': case 'name2': {
      const f = personFaker(c);
      return chance(r, 0.15) ? `${f.person.firstName()} ${f.person.middleName()} ${f.person.lastName()}` : `${f.person.firstName()} ${f.person.lastName()}`;
    }
    case 'first': case 'first2': return personFaker(c).person.firstName();
    case 'last': return personFaker(c).person.lastName();
    case 'org': case 'org2': return chance(r, 0.6) ? c.us.company.name() : `${personFaker(c).person.lastName()} ${pick(r, ['Consulting', 'Logistics', 'Holdings', 'Ltd', 'GmbH', 'Solutions', 'Partners', 'Analytics', 'Foods', 'Motors', 'Insurance'])}`;
    case 'address': {
      const u = c.us.location;
      return pick(r, [
        `${u.streetAddress()}, ${u.city()}, ${u.state({ abbreviated: true })} ${u.zipCode('#####')}`,
        `${u.streetAddress({ useFullAddress: true })}, ${u.city()}, ${u.state({ abbreviated: true })} ${u.zipCode()}`,
        `${u.streetAddress()}\n${u.city()}, ${u.state()} ${u.zipCode('#####')}`,
      ]);
    }
    case 'street': return c.us.location.streetAddress(chance(r, 0.3) ? { useFullAddress: true } : {});
    case 'city': return c.us.location.city();
    case 'state': return c.us.location.state();
    case 'country': return c.us.location.country();
    case 'zip': return c.us.location.zipCode(chance(r, 0.8) ? '#####' : '#####-####');
    case 'age': return String(int(r, 18, 97));
    case 'nrp': return pick(r, NRP);
    case 'phone': {
      const a = int(r, 201, 989), x = int(r, 201, 989), n = String(int(r, 0, 9999)).padStart(4, '0');
      return pick(r, [`(${a}) ${x}-${n}`, `${a}-${x}-${n}`, `+1 ${a} ${x} ${n}`, `${a}.${x}.${n}`, `+1-${a}-${x}-${n}`]);
    }
    case 'phone7': return `${int(r, 201, 989)}-${String(int(r, 0, 9999)).padStart(4, '0')}`;
    case 'email': return c.us.internet.email().toLowerCase();
    case 'date': {
      const m = int(r, 1, 12), d = int(r, 1, 28), y = int(r, 2018, 2026);
      return pick(r, [`${MONTHS[m - 1]} ${d}, ${y}`, `${m}/${d}/${y}`, `${y}-${pad2(m)}-${pad2(d)}`, `${d} ${MONTHS[m - 1]!.slice(0, 3)} ${y}`, `${MONTHS[m - 1]} ${d}`, `${d} ${MONTHS[m - 1]} ${y}`]);
    }
    case 'year': return String(int(r, 1995, 2024));
    case 'time': return pick(r, [`${int(r, 1, 12)}:${pad2(pick(r, [0, 15, 30, 45]))} ${pick(r, ['AM', 'PM', 'am', 'pm'])}`, `${int(r, 1, 12)}${pick(r, ['am', 'pm'])}`, `${pad2(int(r, 7, 21))}:${pad2(int(r, 0, 59))}`]);
    case 'card': return cardNumber(r);
  }
}

function fill(c: Ctx, t: Template): void {
  const parts = t.text.split(/\{(\w+)\}/);
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i]!;
    if (i % 2 === 0) { if (p !== '') c.b.t(c.lower ? p.toLowerCase() : p); continue; }
    if (!(p in SLOT_LABEL)) throw new Error(`template slot {${p}} unknown`);
    const v = value(c, p as Slot).trim();
    c.b.e(SLOT_LABEL[p as Slot], c.lower ? v.toLowerCase() : v);
  }
}

/** n records from the split's templates, each template used in turn with fresh values. */
export function presidioStyle(split: Split, n: number): LabelledRecord[] {
  const seed = split === 'dev' ? 5150 : 7709;
  const r = rng(seed);
  const people = LOCALES.map((l, i) => { const f = new Faker({ locale: [...l] }); f.seed(seed + i); return f; });
  const us = new Faker({ locale: [en_US, en, base] });
  us.seed(seed + 100);
  const templates = split === 'dev' ? DEV : HELDOUT;
  return Array.from({ length: n }, (_, i) => {
    const t = templates[i % templates.length]!;
    const lowerShare = t.genre === 'chat' ? 0.6 : t.genre === 'sms' || t.genre === 'bio' ? 0.2 : 0.1;
    const c: Ctx = { r, people, us, lower: chance(r, lowerShare), b: new TextBuilder() };
    fill(c, t);
    return c.b.build(`presidio-style-${split}-${i + 1}`, { set: 'presidio-style', split, genre: t.genre });
  });
}
