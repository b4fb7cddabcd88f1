// Chat messages and support tickets, labelled with the default (Presidio-compatible) entities:
// PERSON, EMAIL_ADDRESS, PHONE_NUMBER, STREET_ADDRESS (a whole postal address, as Presidio-style data
// labels it), LOCATION, ZIP_CODE (a postcode on its own), ORGANIZATION, DATE_TIME
// (dates and times), AGE, NRP, CREDIT_CARD. Look-alikes that are not labelled: order, ticket,
// tracking and invoice numbers, versions, SKUs, error codes, prices, product and plan names.
// Family A (dev split): e-mail tickets and agent chats. Family B (held-out split): SMS-style
// messages, forum posts and lower-case chat, with their own seed and name/town pools.
import { TextBuilder, type LabelledRecord } from './builder.js';
import { withLuhnDigit } from './luhn.js';
import { chance, int, pad2, pick, rng, type Rng } from './rng.js';
import { familyName, givenName, pools, type Pools, type Split } from './vocab.js';

interface Ctx { r: Rng; p: Pools; b: TextBuilder; lower: boolean }

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const STREET_TYPES = ['Street', 'St', 'Avenue', 'Ave', 'Road', 'Rd', 'Lane', 'Drive', 'Dr', 'Court', 'Blvd', 'Way', 'Place'];
const ORG_TAILS = ['Inc', 'LLC', 'Group', 'Logistics', 'Dental', 'Consulting', 'Partners', 'Bakery', 'Plumbing', 'Realty', 'Landscaping', 'Insurance', 'Law Office'];
const NRP = ['Catholic', 'Muslim', 'Jewish', 'Buddhist', 'Hindu', 'Sikh', 'Mormon', 'Republican', 'Democrat', 'Lutheran', 'Baptist', 'Quaker', 'Mexican', 'Nigerian', 'Filipino', 'Korean', 'Polish', 'Irish', 'Vietnamese', 'Haitian'];
const PRODUCTS = ['Pro plan', 'Basic tier', 'router X200', 'app v4.2.1', 'firmware 2.10.3', 'model TX-9000', 'Premium bundle', 'SKU 44-1029-B', 'build 20231114'];
const MAIL = ['gmail.com', 'yahoo.com', 'outlook.com', 'hotmail.com', 'icloud.com', 'proton.me', 'fastmail.com'];

function lc(c: Ctx, s: string): string {
  return c.lower ? s.toLowerCase() : s;
}

function luhnCard(r: Rng): string {
  const s = withLuhnDigit([4, ...Array.from({ length: 14 }, () => int(r, 0, 9))]);
  return chance(r, 0.5) ? s.replace(/(\d{4})(?=\d)/g, '$1 ') : s;
}

function phone(r: Rng): string {
  const a = int(r, 201, 989);
  const x = int(r, 201, 989);
  const n = String(int(r, 0, 9999)).padStart(4, '0');
  return pick(r, [`(${a}) ${x}-${n}`, `${a}-${x}-${n}`, `+1 ${a} ${x} ${n}`, `${a}.${x}.${n}`]);
}

function date(c: Ctx): string {
  const m = int(c.r, 1, 12);
  const d = int(c.r, 1, 28);
  return pick(c.r, [`${MONTHS[m - 1]} ${d}`, `${m}/${d}/${int(c.r, 2019, 2025)}`, `${MONTHS[m - 1]} ${d}, ${int(c.r, 2019, 2025)}`, `${m}/${d}`, `the ${d}th of ${MONTHS[m - 1]}`, `${MONTHS[m - 1]!.slice(0, 3)} ${d}`]);
}

function time(c: Ctx): string {
  return pick(c.r, [`${int(c.r, 1, 12)}:${pad2(pick(c.r, [0, 15, 30, 45]))} ${pick(c.r, ['am', 'pm', 'AM', 'PM'])}`, `${int(c.r, 1, 12)}${pick(c.r, ['am', 'pm'])}`, `${pad2(int(c.r, 8, 20))}:${pad2(int(c.r, 0, 59))}`]);
}

function org(c: Ctx): string {
  const f = familyName(c.r, c.p);
  return pick(c.r, [`${f} ${pick(c.r, ORG_TAILS)}`, `${f} & ${familyName(c.r, c.p)}`, `${f} ${pick(c.r, ORG_TAILS)}`, `${givenName(c.r, c.p)}'s ${pick(c.r, ['Bakery', 'Auto Repair', 'Salon', 'Pharmacy'])}`]);
}

/** A postal address as one span, as Presidio-style data labels it (street, unit, town, state, ZIP). */
function address(c: Ctx): void {
  const [city, st] = pick(c.r, c.p.cities).split('|') as [string, string];
  const street = `${int(c.r, 2, 9899)} ${pick(c.r, [familyName(c.r, c.p), pick(c.r, ['Oak', 'Maple', 'Cedar', 'Hillcrest', 'Lakeview', 'Sunset', 'Mill', 'Church'])])} ${pick(c.r, STREET_TYPES)}`;
  const unit = chance(c.r, 0.3) ? `, Apt ${int(c.r, 1, 40)}${pick(c.r, ['', 'B', 'C'])}` : '';
  const sep = pick(c.r, [', ', '\n']);
  c.b.e('STREET_ADDRESS', lc(c, `${street}${unit}${sep}${city}, ${st} ${int(c.r, 10000, 99950)}`));
}

function ticketA(c: Ctx, i: number): void {
  const g = givenName(c.r, c.p);
  const f = familyName(c.r, c.p);
  c.b.t('From: ').e('PERSON', `${g} ${f}`).t(' <').e('EMAIL_ADDRESS', `${g}.${f}@${pick(c.r, MAIL)}`.toLowerCase()).t('>\n');
  c.b.t(`Subject: ${pick(c.r, ['Order not delivered', 'Refund request', 'Cannot log in', 'Billing question', 'Change of address'])} (ticket #${int(c.r, 10000, 99999)})\n\n`);
  c.b.t(`Hi ${pick(c.r, ['team', 'there', 'support'])},\n`);
  const k = i % 5;
  if (k === 0) {
    c.b.t(`my order #${int(c.r, 100000000, 999999999)} was supposed to arrive on `).e('DATE_TIME', date(c)).t(` but tracking 1Z${int(c.r, 100000, 999999)}${int(c.r, 1000000000, 9999999999)} still says in transit. Please ship to `);
    address(c);
    c.b.t(' instead.\n');
  } else if (k === 1) {
    c.b.t('I was charged twice for the ').t(pick(c.r, PRODUCTS)).t('. The card ending ').t(String(int(c.r, 1000, 9999))).t(' is mine but the full number on the invoice INV-').t(`${int(c.r, 2020, 2025)}-${int(c.r, 1000, 9999)}`).t(' was ').e('CREDIT_CARD', luhnCard(c.r)).t('.\n');
  } else if (k === 2) {
    c.b.t('Please update my phone to ').e('PHONE_NUMBER', phone(c.r)).t(' and note I now work at ').e('ORGANIZATION', org(c)).t('.\n');
  } else if (k === 3) {
    c.b.t('My colleague ').e('PERSON', `${givenName(c.r, c.p)} ${familyName(c.r, c.p)}`).t(` can't log in since the update to ${pick(c.r, PRODUCTS)}; error E${int(c.r, 100, 999)}. Can you call her at `).e('PHONE_NUMBER', phone(c.r)).t(' after ').e('DATE_TIME', time(c)).t('?\n');
  } else {
    c.b.t("I'm ").e('AGE', String(int(c.r, 18, 85))).t(' years old and ').e('NRP', pick(c.r, NRP)).t(', and the form keeps rejecting my details. I moved to ').e('LOCATION', pick(c.r, c.p.cities).split('|')[0]!).t(' last month.\n');
  }
  c.b.t(`\nThanks,\n`).e('PERSON', g).t('\n');
}

function chatA(c: Ctx): void {
  const agent = givenName(c.r, c.p);
  const g = givenName(c.r, c.p);
  const f = familyName(c.r, c.p);
  const ts = () => { c.b.t('[').e('DATE_TIME', `${pad2(int(c.r, 8, 19))}:${pad2(int(c.r, 0, 59))}`).t('] '); };
  ts(); c.b.t('Agent (').e('PERSON', agent).t(`): Hello, thanks for contacting us. Who am I speaking with?\n`);
  ts(); c.b.t('Customer: this is ').e('PERSON', `${g} ${f}`).t(`, account ${int(c.r, 100000, 999999)}\n`);
  ts(); c.b.t('Agent (').e('PERSON', agent).t('): Thanks ').e('PERSON', g).t('. Can you confirm the email on file?\n');
  ts(); c.b.t('Customer: ').e('EMAIL_ADDRESS', `${g[0]}${f}${int(c.r, 1, 99)}@${pick(c.r, MAIL)}`.toLowerCase()).t(` and my billing zip is `).e('ZIP_CODE', String(int(c.r, 10000, 99950))).t('\n');
  ts(); c.b.t(`Agent (`).e('PERSON', agent).t(`): Got it. I see a delivery scheduled for `).e('DATE_TIME', date(c)).t('.\n');
}

function smsB(c: Ctx, i: number): void {
  const g = givenName(c.r, c.p);
  const f = familyName(c.r, c.p);
  const k = i % 5;
  if (k === 0) {
    c.b.t(lc(c, 'hey its ')).e('PERSON', lc(c, g)).t(lc(c, ' from the ')).e('ORGANIZATION', lc(c, org(c))).t(lc(c, ' office, can u text me back at ')).e('PHONE_NUMBER', phone(c.r)).t(lc(c, ' re the quote #')).t(String(int(c.r, 1000, 99999))).t('\n');
  } else if (k === 1) {
    c.b.t(lc(c, 'Posted by ')).e('PERSON', lc(c, `${g} ${f}`)).t(lc(c, ` on `)).e('DATE_TIME', date(c)).t(lc(c, `: after upgrading to v${int(c.r, 2, 9)}.${int(c.r, 0, 20)}.${int(c.r, 0, 9)} my sync broke. anyone in `)).e('LOCATION', lc(c, pick(c.r, c.p.cities).split('|')[0]!)).t(lc(c, ' seeing this?\n'));
  } else if (k === 2) {
    c.b.t(lc(c, 'pls send the replacement to ')).e('PERSON', lc(c, `${g} ${f}`)).t(', ');
    address(c);
    c.b.t(lc(c, ` before `)).e('DATE_TIME', lc(c, date(c))).t(lc(c, `. tracking # ${int(c.r, 1000000000, 9999999999)}${int(c.r, 10, 99)}\n`));
  } else if (k === 3) {
    c.b.t(lc(c, 'my dad is ')).e('AGE', String(int(c.r, 60, 95))).t(lc(c, ', he is ')).e('NRP', lc(c, pick(c.r, NRP))).t(lc(c, ' and only speaks a little english. his email: ')).e('EMAIL_ADDRESS', `${f}.${g[0]}@${pick(c.r, MAIL)}`.toLowerCase()).t('\n');
  } else {
    c.b.t(lc(c, 'reminder: call with ')).e('PERSON', lc(c, `${g} ${f}`)).t(lc(c, ' at ')).e('DATE_TIME', time(c)).t(lc(c, ` about renewing the ${pick(c.r, PRODUCTS)} ($${int(c.r, 10, 500)}.${pad2(int(c.r, 0, 99))}/mo)\n`));
  }
  if (chance(c.r, 0.3)) c.b.t(lc(c, '- sent from my phone, ')).e('PERSON', lc(c, g)).t('\n');
}

function record(split: Split, i: number, r: Rng): LabelledRecord {
  const p = pools(split);
  const c: Ctx = { r, p, b: new TextBuilder(), lower: split === 'heldout' && chance(r, 0.5) };
  if (split === 'dev') (i % 3 === 2 ? chatA(c) : ticketA(c, i));
  else smsB(c, i);
  return c.b.build(`chat-${split}-${i + 1}`, { set: 'chat-tickets', split, genre: split === 'dev' ? (i % 3 === 2 ? 'support-chat' : 'support-ticket') : 'sms-forum' });
}

export function chatTickets(split: Split, n: number): LabelledRecord[] {
  const r = rng(split === 'dev' ? 2203 : 8821);
  return Array.from({ length: n }, (_, i) => record(split, i, r));
}
