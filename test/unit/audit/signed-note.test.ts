// C2SP signed notes and tlog checkpoints: the spec's own example (vkey and note), key IDs,
// round trips, and refusal of altered notes, unknown keys and malformed input.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { formatCheckpoint, parseCheckpoint } from '../../../src/audit/checkpoint.js';
import { ed25519NoteSigner, formatVerifierKey, noteKeyId, openNote, parseVerifierKey, signNote } from '../../../src/audit/signed-note.js';
import { ed25519Generate } from '../../../src/crypto/ed25519.js';
import { CordonError } from '../../../src/errors.js';

// From c2sp.org/signed-note §Verifier keys, Example.
const SPEC_VKEY = 'example.com/foo+530d903a+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k';
const SPEC_NOTE = 'This is an example message.\n\n\u2014 example.com/foo Uw2QOkn8srV1yJGh2VYRlL1Tnagv1YEq6TfXppzi2ONncAlTgK7Ztg1ERYNZXsYjOBH3mFXmRKuwHjG1Yu72IneyaQM=\n';

const code = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    return e instanceof CordonError ? e.code : `not a CordonError: ${String(e)}`;
  }
  return 'no error';
};

describe('signed notes (c2sp.org/signed-note)', () => {
  it('the spec example: the vkey parses (key ID recomputed) and the note verifies', () => {
    const v = parseVerifierKey(SPEC_VKEY);
    assert.equal(v.name, 'example.com/foo');
    assert.equal(v.keyId, 0x530d903a);
    assert.equal(noteKeyId(v.name, v.publicKey), 0x530d903a);
    assert.equal(formatVerifierKey(v.name, v.publicKey), SPEC_VKEY);
    const opened = openNote(SPEC_NOTE, [v]);
    assert.deepEqual(opened, { ok: true, text: 'This is an example message.\n', signers: ['example.com/foo'] });
  });

  it('the spec example fails after any change to the text or the signature', () => {
    const v = parseVerifierKey(SPEC_VKEY);
    assert.equal(openNote(SPEC_NOTE.replace('example message', 'example massage'), [v]).ok, false);
    assert.equal(openNote(SPEC_NOTE.replace('Uw2QOkn8', 'Uw2QOkn9'), [v]).ok, false);
  });

  it('signs and opens a round trip; unknown keys are ignored, not trusted', () => {
    const kp = ed25519Generate();
    const other = ed25519Generate();
    const signer = ed25519NoteSigner('cordon.local/audit/x', kp.seed, kp.publicKey);
    const note = signNote('hello\nworld\n', signer);
    const v = parseVerifierKey(formatVerifierKey(signer.name, kp.publicKey));
    assert.equal(openNote(note, [v]).ok, true);
    const stranger = parseVerifierKey(formatVerifierKey(signer.name, other.publicKey));
    assert.deepEqual(openNote(note, [stranger]), { ok: false, reason: 'no signature by a trusted key' });
    // A second signature by an unknown key does not matter.
    const cosigned = note + signNote('hello\nworld\n', ed25519NoteSigner('witness.example/w', other.seed, other.publicKey)).split('\n\n')[1];
    assert.equal(openNote(cosigned, [v]).ok, true);
  });

  it('refuses malformed notes and verifier keys', () => {
    const v = parseVerifierKey(SPEC_VKEY);
    for (const bad of ['', 'no signatures\n', 'text\n\nnot a signature line\n', 'te\u0001xt\n\n' + SPEC_NOTE.split('\n\n')[1]]) assert.equal(openNote(bad, [v]).ok, false, JSON.stringify(bad));
    for (const bad of ['example.com/foo+530d903b+AekyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k', 'a+b', 'example.com/foo+530d903a+AgkyeRrm56hApGFkyQR4ZCbV54Id2LKaANYcrnKv3U2k']) {
      assert.equal(code(() => parseVerifierKey(bad)), 'ERR_INPUT_INVALID', bad);
    }
    const kp = ed25519Generate();
    assert.equal(code(() => ed25519NoteSigner('has space', kp.seed, kp.publicKey)), 'ERR_INPUT_INVALID');
    assert.equal(code(() => signNote('no newline', ed25519NoteSigner('n', kp.seed, kp.publicKey))), 'ERR_INPUT_INVALID');
  });
});

describe('checkpoints (c2sp.org/tlog-checkpoint)', () => {
  it('formats and parses origin, size and base64 root', () => {
    const rootHash = new Uint8Array(32).fill(7);
    const text = formatCheckpoint({ origin: 'example.com/log', size: 20852163, rootHash });
    assert.equal(text, `example.com/log\n20852163\n${Buffer.from(rootHash).toString('base64')}\n`);
    assert.deepEqual(parseCheckpoint(text), { origin: 'example.com/log', size: 20852163, rootHash, extensions: [] });
  });

  it('the spec example body parses', () => {
    const body = parseCheckpoint('example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n');
    assert.equal(body.size, 20852163);
    assert.equal(body.rootHash.length, 32);
  });

  it('refuses malformed checkpoints', () => {
    for (const bad of ['o\n1\n', 'o\n01\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', 'o\n1\nAAAA\n', '\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n', 'o\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=']) {
      assert.equal(code(() => parseCheckpoint(bad)), 'ERR_INPUT_INVALID', JSON.stringify(bad));
    }
  });
});
