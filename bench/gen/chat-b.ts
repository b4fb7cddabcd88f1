// Chat and ticket text in genres chat.ts does not write, designed apart from it: Slack/Discord/Teams
// exports ("[10:42] maria.k: ..."), e-mail threads with quoted replies and signatures, helpdesk ticket
// notes, on-call handoffs ("signed out to JK", "paged dr patel") and direct messages with
// self-introductions ("tom here", "this is Ana from billing"), @handles, "cc:" lines, sign-offs
// ("thanks, tom"), towns after "lives in / moved to / based in / from" and addresses typed sloppily.
// People write names as written, in lower case or in capitals, so each name takes one of the three.
//
// Labels as chat.ts: PERSON (a name; a handle made of a name, without its "@"; initials that stand
// for a person), EMAIL_ADDRESS, PHONE_NUMBER, STREET_ADDRESS (a whole postal address as typed),
// LOCATION (a town), DATE_TIME (dates and clock times). Not labelled: ticket, incident and build
// numbers, versions, team and channel names, product names, titles ("dr").
import { TextBuilder, cased, type LabelledRecord } from './builder.js';
import { chance, int, pad2, pick, rng, type Rng } from './rng.js';
import { familyName, givenName, pools, type Pools, type Split } from './vocab.js';

type Casing = 'as-is' | 'upper' | 'lower';
interface Ctx { r: Rng; p: Pools; b: TextBuilder }

const TEAMS = ['billing', 'payroll', 'the warehouse', 'facilities', 'IT', 'accounts', 'sales', 'dispatch', 'the front desk', 'onboarding'];
const CHANNELS = ['#support', '#ops-alerts', '#billing', '#general', '#eng-oncall', '#helpdesk'];
const SYSTEMS = ['vpn', 'the printer on 3', 'outlook', 'the POS terminal', 'sso', 'the shared drive', 'jira', 'the badge reader', 'the build server', 'payroll export'];
const ISSUES = ['keeps timing out', 'is down again', 'will not sync', 'throws error 0x80070005', 'asks for MFA every time', 'is stuck at 99%', 'shows a blank page'];
const STREETS = ['oak', 'maple', 'main', 'elm', 'pine', 'cedar', 'lake', 'hill', 'park', 'washington', 'highland', 'river'];
const ST_TYPES = ['st', 'street', 'ave', 'rd', 'road', 'ln', 'dr', 'blvd', 'ct', 'way'];
const MAIL = ['gmail.com', 'outlook.com', 'yahoo.com', 'acme-corp.com', 'northwind.io', 'contoso.com'];
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTHS_LONG = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri'];

/** A casing for one name: mostly as written or lower case, sometimes capitals. */
function casing(r: Rng): Casing {
  const x = r();
  return x < 0.45 ? 'as-is' : x < 0.9 ? 'lower' : 'upper';
}

function person(c: Ctx, name: string, how: Casing = casing(c.r)): void {
  c.b.e('PERSON', cased(name, how));
}

function town(c: Ctx): string {
  return pick(c.r, c.p.cities).split('|')[0]!;
}

function phone(r: Rng): string {
  const a = int(r, 201, 989);
  const b = int(r, 201, 989);
  const n = String(int(r, 0, 9999)).padStart(4, '0');
  return pick(r, [`${a}-${b}-${n}`, `(${a}) ${b}-${n}`, `${a}.${b}.${n}`, `${a}${b}${n}`, `+1 ${a}-${b}-${n}`]);
}

function clock(r: Rng): string {
  return pick(r, [`${pad2(int(r, 0, 23))}:${pad2(int(r, 0, 59))}`, `${int(r, 1, 12)}:${pad2(int(r, 0, 59))} ${pick(r, ['AM', 'PM'])}`, `${int(r, 1, 12)}${pick(r, ['am', 'pm'])}`]);
}

function day(r: Rng): string {
  const m = int(r, 1, 12);
  const d = int(r, 1, 28);
  return pick(r, [`${m}/${d}`, `${MONTHS[m - 1]} ${d}`, `${MONTHS_LONG[m - 1]} ${d}, ${int(r, 2021, 2025)}`, `${int(r, 2021, 2025)}-${pad2(m)}-${pad2(d)}`]);
}

/** An address as people type it in chat: lower case, no commas, state and ZIP run together. */
function sloppyAddress(c: Ctx): void {
  const [city, st] = pick(c.r, c.p.cities).split('|') as [string, string];
  const unit = chance(c.r, 0.35) ? pick(c.r, [` apt ${int(c.r, 1, 30)}`, ` #${int(c.r, 1, 400)}`, ` unit ${int(c.r, 1, 12)}b`]) : '';
  const sep = pick(c.r, [' ', ', ']);
  const text = `${int(c.r, 3, 9899)} ${pick(c.r, STREETS)} ${pick(c.r, ST_TYPES)}${unit}${sep}${city.toLowerCase()} ${pick(c.r, [st.toLowerCase(), st])} ${int(c.r, 10000, 99950)}`;
  c.b.e('STREET_ADDRESS', chance(c.r, 0.7) ? text : text.replace(/^\d+ \w/, (s) => s.toUpperCase()));
}

/** "[10:42] maria.k: ...": a chat export line with a speaker made of a name. */
function speaker(c: Ctx, g: string, f: string, style: number): void {
  const gl = g.toLowerCase();
  const fl = f.toLowerCase();
  const handle = [`${gl}.${fl[0]}`, gl, `${gl}.${fl}`, `${g} ${f}`, `${gl}${fl[0]}`][style % 5]!;
  c.b.e('PERSON', handle);
}

function slack(c: Ctx): void {
  const people = Array.from({ length: 3 }, () => [givenName(c.r, c.p), familyName(c.r, c.p)] as const);
  const style = int(c.r, 0, 4);
  const line = (k: number) => {
    const [g, f] = people[k]!;
    const t = `${pad2(int(c.r, 7, 18))}:${pad2(int(c.r, 0, 59))}`;
    if (style % 2 === 0) c.b.t('[').e('DATE_TIME', t).t('] ');
    else c.b.e('DATE_TIME', t).t(' ');
    speaker(c, g, f, style);
    c.b.t(': ');
  };
  const [g1] = people[0]!;
  const [g2, f2] = people[1]!;
  const [g3] = people[2]!;
  c.b.t(`${pick(c.r, CHANNELS)}\n`);
  line(0); c.b.t(`anyone else seeing ${pick(c.r, SYSTEMS)} ${pick(c.r, ISSUES)}?\n`);
  line(1); c.b.t('yep, since this morning. @'); person(c, g1.toLowerCase(), 'as-is'); c.b.t(' did you open a ticket?\n');
  line(0); c.b.t(`INC${int(c.r, 100000, 999999)}, assigned to `); person(c, `${g3} ${f2}`); c.b.t('\n');
  line(2); c.b.t(pick(c.r, ['on it. ', 'looking now. ', 'will check after standup. ']));
  if (chance(c.r, 0.5)) { c.b.t('fyi i moved to '); c.b.e('LOCATION', cased(town(c), casing(c.r))); c.b.t(' last week so im an hour behind\n'); }
  else { c.b.t('can someone ping '); person(c, g2); c.b.t(' about the release?\n'); }
  line(1); c.b.t(pick(c.r, ['ty ', 'thanks ', 'cheers ', 'thx '])); person(c, g3); c.b.t('\n');
}

function emailThread(c: Ctx): void {
  const g1 = givenName(c.r, c.p);
  const f1 = familyName(c.r, c.p);
  const g2 = givenName(c.r, c.p);
  const f2 = familyName(c.r, c.p);
  const d = pick(c.r, DAYS);
  c.b.t('hi '); person(c, g2); c.b.t(pick(c.r, [',\n\n', ' -\n\n', '\n\n']));
  c.b.t(`sounds good, i can do ${d.toLowerCase()} at `).e('DATE_TIME', clock(c.r)).t('. ');
  if (chance(c.r, 0.5)) { c.b.t('i am based in '); c.b.e('LOCATION', cased(town(c), casing(c.r))); c.b.t(' so a call works better than in person.\n'); }
  else { c.b.t('you can reach me on '); c.b.e('PHONE_NUMBER', phone(c.r)); c.b.t('.\n'); }
  c.b.t('\n'); c.b.t(pick(c.r, ['thanks,\n', 'best,\n', 'cheers\n', 'thx\n', '- '])); person(c, g1); c.b.t('\n');
  if (chance(c.r, 0.5)) { c.b.t(pick(c.r, ['Senior Analyst', 'Account Manager', 'Office Coordinator'])).t(' | ').e('EMAIL_ADDRESS', `${g1[0]}${f1}@${pick(c.r, MAIL)}`.toLowerCase()).t('\n'); }
  c.b.t('\nOn ').e('DATE_TIME', `${d}, ${MONTHS_LONG[int(c.r, 0, 11)]} ${int(c.r, 1, 28)}`).t(' at ').e('DATE_TIME', clock(c.r)).t(', ');
  person(c, `${g2} ${f2}`, chance(c.r, 0.7) ? 'as-is' : 'lower');
  c.b.t(' <').e('EMAIL_ADDRESS', `${g2}.${f2}@${pick(c.r, MAIL)}`.toLowerCase()).t('> wrote:\n');
  c.b.t('> could we move the review? '); person(c, g1, 'lower'); c.b.t(' said you were out.\n');
  c.b.t('> cc: '); person(c, givenName(c.r, c.p)); c.b.t(', '); person(c, givenName(c.r, c.p)); c.b.t('\n');
}

function ticketNote(c: Ctx, i: number): void {
  const g = givenName(c.r, c.p);
  const f = familyName(c.r, c.p);
  const agent = givenName(c.r, c.p);
  c.b.t(`Ticket #${int(c.r, 20000, 99999)} - ${pick(c.r, SYSTEMS)} ${pick(c.r, ISSUES)}\n`);
  c.b.t('note ('); person(c, agent, chance(c.r, 0.5) ? 'lower' : 'as-is'); c.b.t(', ').e('DATE_TIME', day(c.r)).t('): ');
  switch (i % 3) {
    case 0:
      c.b.t('caller was '); person(c, `${g} ${f}`); c.b.t(` from ${pick(c.r, TEAMS)}, callback `).e('PHONE_NUMBER', phone(c.r)).t('. ');
      c.b.t('she lives in '); c.b.e('LOCATION', cased(town(c), casing(c.r))); c.b.t(' and works remote.\n');
      break;
    case 1:
      c.b.t('user '); person(c, `${g} ${f}`, 'lower'); c.b.t(' needs a new laptop shipped to '); sloppyAddress(c); c.b.t('. approved by mgr '); person(c, familyName(c.r, c.p)); c.b.t('.\n');
      break;
    default:
      c.b.t('reset pw for '); person(c, g); c.b.t(`, verified via last 4 of badge. escalated to `); person(c, `${givenName(c.r, c.p)} ${familyName(c.r, c.p)}`); c.b.t(' in tier 2. will mark as resolved once confirmed.\n');
  }
  if (chance(c.r, 0.5)) { c.b.t('cc: '); person(c, givenName(c.r, c.p)); c.b.t('\n'); }
}

function handoff(c: Ctx): void {
  const ini = () => `${String.fromCharCode(65 + int(c.r, 0, 25))}${String.fromCharCode(65 + int(c.r, 0, 25))}`;
  c.b.t(pick(c.r, ['handoff ', 'on-call handoff ', 'shift notes '])).e('DATE_TIME', day(c.r)).t('\n');
  c.b.t(`- ${pick(c.r, SYSTEMS)} ${pick(c.r, ISSUES)}, paged `);
  if (chance(c.r, 0.5)) c.b.t('dr ');
  person(c, familyName(c.r, c.p)); c.b.t(' at ').e('DATE_TIME', clock(c.r)).t(', no answer\n');
  c.b.t('- signed out to ').e('PERSON', ini()).t(' at ').e('DATE_TIME', clock(c.r)).t('\n');
  c.b.t('- '); person(c, givenName(c.r, c.p)); c.b.t(` is covering ${pick(c.r, TEAMS)} until `).e('DATE_TIME', clock(c.r)).t(', backup is '); person(c, `${givenName(c.r, c.p)} ${familyName(c.r, c.p)}`); c.b.t('\n');
  c.b.t(`- rollback of build ${int(c.r, 1000, 9999)} done, v${int(c.r, 1, 9)}.${int(c.r, 0, 20)} is live\n`);
  c.b.t('- handed off to '); person(c, givenName(c.r, c.p)); c.b.t(', call ').e('PHONE_NUMBER', phone(c.r)).t(' if it flaps again\n');
}

function dm(c: Ctx, i: number): void {
  const g = givenName(c.r, c.p);
  const f = familyName(c.r, c.p);
  switch (i % 4) {
    case 0:
      c.b.t('hey, '); person(c, g); c.b.t(` here from ${pick(c.r, TEAMS)}. `);
      break;
    case 1:
      c.b.t('hi! this is '); person(c, `${g} ${f}`); c.b.t(` from ${pick(c.r, TEAMS)}. `);
      break;
    case 2:
      c.b.t('hello, my name is '); person(c, `${g} ${f}`); c.b.t('. ');
      break;
    default:
      c.b.t("hi, i'm "); person(c, g); c.b.t(', new on the team. ');
  }
  switch (int(c.r, 0, 2)) {
    case 0: c.b.t('originally from '); c.b.e('LOCATION', cased(town(c), casing(c.r))); c.b.t(', moved here in the spring. ');
      break;
    case 1: c.b.t('my new address is '); sloppyAddress(c); c.b.t(', pls update hr. ');
      break;
    default: c.b.t('can you add me to the rota from ').e('DATE_TIME', day(c.r)).t('? ');
  }
  c.b.t(pick(c.r, ['my cell is ', 'text me at '])).e('PHONE_NUMBER', phone(c.r)).t(pick(c.r, [' thanks, ', ' - ', '\n'])); person(c, g); c.b.t('\n');
}

const GENRES: ReadonlyArray<[string, (c: Ctx, i: number) => void]> = [
  ['chat-export', slack],
  ['email-thread', emailThread],
  ['ticket-note', ticketNote],
  ['oncall-handoff', handoff],
  ['direct-message', dm],
];

export function chatSetB(split: Split, n: number): LabelledRecord[] {
  const r = rng(split === 'dev' ? 4417 : 4418);
  const p = pools(split);
  const out: LabelledRecord[] = [];
  for (let i = 0; i < n; i++) {
    const [genre, write] = GENRES[i % GENRES.length]!;
    const c: Ctx = { r, p, b: new TextBuilder() };
    write(c, Math.floor(i / GENRES.length));
    out.push(c.b.build(`chat-b-${split}-${i + 1}`, { set: 'chat-b', split, genre }));
  }
  return out;
}
