// Detection profiles: the table decides entities, thresholds and entity rules; hipaa keeps Safe
// Harbor identifiers only (dates but not clock times, ages over 89, places smaller than a state),
// pci keeps card numbers and a name only beside one, secrets keeps credentials, default changes nothing.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { PROFILES, PROFILE_NAMES } from '../../../src/detect/profiles/table.js';
import { profileRecognizers, resolveProfile } from '../../../src/detect/profiles/apply-profile.js';
import { ENTITIES } from '../../../src/detect/types.js';
import { CordonError } from '../../../src/errors.js';

function found(text: string, profile?: string): string[] {
  return analyze(text, DEFAULT_RECOGNIZERS, profile === undefined ? {} : { profile: profile as 'hipaa' })
    .map((f) => `${f.entity} ${text.slice(f.start, f.end)}`);
}

const SAMPLES = [
  'Patient Harold Jenkins, 92 years old, admitted 03/14/2023 at 14:30. Lives with his wife in Dayton, Ohio. MRN 4417789.',
  'Pt is a 45 year old man seen on Monday at 9 am in France; call (614) 555-0199 or mail harold@example.com.',
  'Card 4111 1111 1111 1111 belongs to Maria Gonzalez; her SSN is 536-22-1234 and IBAN DE89370400440532013000.',
  'Jane Smith sent the draft. Deploy with token ghp_abcdefghijklmnopqrstuvwxyz0123456789 and postgres://app:s3cretPw@db:5432/x',
];

describe('detection profiles', () => {
  it('every profile in the table is well-formed and names known entities', () => {
    assert.deepEqual(Object.keys(PROFILES).sort(), [...PROFILE_NAMES].sort());
    for (const p of Object.values(PROFILES)) {
      assert.ok(p.entities.length > 0 && p.entities.every((e) => (ENTITIES as readonly string[]).includes(e)), p.name);
      for (const r of p.rules) assert.ok(p.entities.includes(r.entity), `${p.name}: rule for ${r.entity}, which it does not report`);
      assert.ok(p.threshold >= 0 && p.threshold <= 1);
    }
  });

  it('default gives exactly what no profile gives', () => {
    for (const t of SAMPLES) assert.deepEqual(found(t, 'default'), found(t));
  });

  it('hipaa: dates but not clock times or weekdays; ages over 89 only', () => {
    const a = found(SAMPLES[0]!, 'hipaa');
    assert.ok(a.includes('DATE_TIME 03/14/2023'), a.join(' | '));
    assert.ok(!a.some((x) => x.includes('14:30')), a.join(' | '));
    assert.ok(a.some((x) => x.startsWith('AGE 92')), a.join(' | '));
    assert.ok(a.includes('PERSON Harold Jenkins'), a.join(' | '));
    assert.ok(a.some((x) => x.startsWith('MEDICAL_RECORD_NUMBER')), a.join(' | '));
    const b = found(SAMPLES[1]!, 'hipaa');
    assert.ok(!b.some((x) => x.startsWith('AGE')), b.join(' | '));
    assert.ok(!b.some((x) => x.includes('Monday') || x.includes('9 am')), b.join(' | '));
    assert.ok(b.includes('PHONE_NUMBER (614) 555-0199') && b.includes('EMAIL_ADDRESS harold@example.com'), b.join(' | '));
    // The same texts without the profile do report the clock time, the weekday and the age.
    assert.ok(found(SAMPLES[0]!).some((x) => x.includes('14:30')));
    assert.ok(found(SAMPLES[1]!).some((x) => x.startsWith('AGE')));
  });

  it('hipaa: a city is an identifier, a state or a country is not', () => {
    const a = found(SAMPLES[0]!, 'hipaa');
    assert.ok(a.includes('LOCATION Dayton'), a.join(' | '));
    assert.ok(!a.includes('LOCATION Ohio'), a.join(' | '));
    assert.ok(found(SAMPLES[0]!).includes('LOCATION Ohio'));
    const moved = 'She moved from Springfield, Illinois to Lyon, France last year.';
    assert.deepEqual(found(moved, 'hipaa'), ['LOCATION Springfield', 'LOCATION Lyon']);
    assert.deepEqual(found(moved), ['LOCATION Springfield', 'LOCATION Illinois', 'LOCATION Lyon', 'LOCATION France']);
  });

  it('hipaa leaves out what Safe Harbor does not list (titles, credentials)', () => {
    for (const t of SAMPLES) {
      for (const x of found(t, 'hipaa')) assert.ok(PROFILES.hipaa.entities.some((e) => x.startsWith(e + ' ')), x);
    }
    assert.ok(!found(SAMPLES[3]!, 'hipaa').some((x) => x.startsWith('SECRET')));
  });

  it('pci: the card number, and the cardholder name only beside one', () => {
    assert.deepEqual(found(SAMPLES[2]!, 'pci'), ['CREDIT_CARD 4111 1111 1111 1111', 'PERSON Maria Gonzalez']);
    assert.deepEqual(found(SAMPLES[3]!, 'pci'), []); // a name, no card
  });

  it('secrets: credentials only', () => {
    const s = found(SAMPLES[3]!, 'secrets');
    assert.ok(s.length >= 2 && s.every((x) => x.startsWith('SECRET ')), s.join(' | '));
    assert.deepEqual(found(SAMPLES[2]!, 'secrets'), []);
  });

  it('entities narrow a profile further; a Profile object works like its name', () => {
    assert.deepEqual(analyze(SAMPLES[0]!, DEFAULT_RECOGNIZERS, { profile: 'hipaa', entities: ['DATE_TIME', 'TITLE'] }).map((f) => f.entity), ['DATE_TIME']);
    assert.deepEqual(analyze(SAMPLES[2]!, DEFAULT_RECOGNIZERS, { profile: PROFILES.pci }), analyze(SAMPLES[2]!, DEFAULT_RECOGNIZERS, { profile: 'pci' }));
  });

  it('profileRecognizers: the profile\'s recognizers only, derived once', () => {
    const r = profileRecognizers(DEFAULT_RECOGNIZERS, PROFILES.secrets);
    assert.deepEqual(r.map((x) => x.entity), ['SECRET']);
    assert.equal(profileRecognizers(DEFAULT_RECOGNIZERS, PROFILES.secrets), r);
    const date = profileRecognizers(DEFAULT_RECOGNIZERS, PROFILES.hipaa).find((x) => x.id === 'date-time')!;
    assert.ok(!date.patterns.some((p) => p.name === 'time'));
    assert.ok(DEFAULT_RECOGNIZERS.find((x) => x.id === 'date-time')!.patterns.some((p) => p.name === 'time'), 'the default list is not changed');
  });

  it('an unknown profile is ERR_INPUT_INVALID', () => {
    assert.throws(() => resolveProfile('gdpr'), (e: unknown) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID');
    assert.throws(() => analyze('x', DEFAULT_RECOGNIZERS, { profile: 'nope' as 'hipaa' }), (e: unknown) => e instanceof CordonError && e.code === 'ERR_INPUT_INVALID');
  });
});
