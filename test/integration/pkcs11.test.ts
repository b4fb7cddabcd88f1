// The PKCS#11 master key against a real token: SoftHSM2 in a temporary token directory made by
// scripts/softhsm-setup.sh. Without SoftHSM2 the HSM suite reports itself skipped, with the reason.
// Each test file runs in its own process, so SOFTHSM2_CONF set here reaches the module when it loads.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repoPath, REPO_ROOT } from '../helpers/paths.js';
import { createPkcs11Kek, openPkcs11Kek, type Pkcs11KekConfig } from '../../src/keys/kek/pkcs11.js';
import type { KekProvider } from '../../src/keys/kek/provider.js';
import { randomBytes } from '../../src/crypto/random.js';

const MODULE_CANDIDATES = [
  process.env.SOFTHSM2_MODULE ?? '',
  '/usr/lib/softhsm/libsofthsm2.so',
  '/usr/lib/x86_64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib/aarch64-linux-gnu/softhsm/libsofthsm2.so',
  '/usr/lib64/pkcs11/libsofthsm2.so',
  '/usr/lib/pkcs11/libsofthsm2.so',
  '/usr/local/lib/softhsm/libsofthsm2.so',
  '/opt/homebrew/lib/softhsm/libsofthsm2.so',
];
const MODULE = MODULE_CANDIDATES.find((p) => p !== '' && existsSync(p));
const HAS_UTIL = spawnSync('softhsm2-util', ['--version'], { stdio: 'ignore' }).status === 0;
const SKIP = MODULE && HAS_UTIL ? false : 'SoftHSM2 not installed: apt-get install softhsm2';

const TOKEN = 'cordon-test';
const USER_PIN = 'user-pin-4711';
const SO_PIN = 'so-pin-0815';
const WRONG_PIN = 'wrong-pin-31337';
const PIN_ENV = 'CORDON_TEST_PKCS11_PIN';
const te = new TextEncoder();

function config(keyLabel: string, overrides: Partial<Pkcs11KekConfig> = {}): Pkcs11KekConfig {
  return { kind: 'pkcs11', module: MODULE ?? '/nonexistent/libsofthsm2.so', tokenLabel: TOKEN, keyLabel, pinEnv: PIN_ENV, ...overrides };
}

/** Asserts a rejection with `code` whose message, details and stack mention no PIN. */
async function rejectsWith(p: Promise<unknown>, code: string): Promise<void> {
  await assert.rejects(p, (e: { code?: string; message: string; details?: unknown; stack?: string }) => {
    assert.equal(e.code, code, `expected ${code}, got ${e.code}: ${e.message}`);
    const text = `${e.message} ${JSON.stringify(e.details ?? {})} ${e.stack ?? ''}`;
    for (const pin of [USER_PIN, SO_PIN, WRONG_PIN]) assert.ok(!text.includes(pin), `error text contains a PIN: ${e.message}`);
    return true;
  });
}

// Reads the key object's attributes from a separate process, logged in with the user PIN: what any
// application holding the PIN can learn about the master key.
const INSPECT = `
const p = require('pkcs11js');
const os = require('node:os');
const lib = new p.PKCS11();
lib.load(process.env.MOD);
lib.C_Initialize();
const out = {};
try {
  const slot = lib.C_GetSlotList(true).find((s) => lib.C_GetTokenInfo(s).label.trimEnd() === process.env.TOKEN);
  const s = lib.C_OpenSession(slot, p.CKF_SERIAL_SESSION | p.CKF_RW_SESSION);
  lib.C_Login(s, p.CKU_USER, process.env.PIN);
  lib.C_FindObjectsInit(s, [{ type: p.CKA_CLASS, value: p.CKO_SECRET_KEY }, { type: p.CKA_LABEL, value: process.env.KEY }]);
  const keys = lib.C_FindObjects(s, 10);
  lib.C_FindObjectsFinal(s);
  out.count = keys.length;
  const k = keys[0];
  out.attrs = {};
  for (const n of ['CKA_EXTRACTABLE', 'CKA_SENSITIVE', 'CKA_NEVER_EXTRACTABLE', 'CKA_ALWAYS_SENSITIVE', 'CKA_TOKEN', 'CKA_PRIVATE', 'CKA_ENCRYPT', 'CKA_DECRYPT']) {
    out.attrs[n] = lib.C_GetAttributeValue(s, k, [{ type: p[n] }])[0].value[0] === 1;
  }
  const len = lib.C_GetAttributeValue(s, k, [{ type: p.CKA_VALUE_LEN }])[0].value;
  out.valueLen = Number(os.endianness() === 'LE' ? len.readUIntLE(0, 4) : len.readUIntBE(len.length - 4, 4));
  const attempt = (f) => { try { f(); return 'ALLOWED'; } catch (e) { return e.message; } };
  out.readValue = attempt(() => lib.C_GetAttributeValue(s, k, [{ type: p.CKA_VALUE }]));
  out.makeExtractable = attempt(() => lib.C_SetAttributeValue(s, k, [{ type: p.CKA_EXTRACTABLE, value: true }]));
  out.makeInsensitive = attempt(() => lib.C_SetAttributeValue(s, k, [{ type: p.CKA_SENSITIVE, value: false }]));
  const wrapper = lib.C_GenerateKey(s, { mechanism: p.CKM_AES_KEY_GEN }, [
    { type: p.CKA_CLASS, value: p.CKO_SECRET_KEY }, { type: p.CKA_KEY_TYPE, value: p.CKK_AES }, { type: p.CKA_VALUE_LEN, value: 32 },
    { type: p.CKA_TOKEN, value: false }, { type: p.CKA_WRAP, value: true }, { type: p.CKA_EXTRACTABLE, value: true },
  ]);
  out.wrapOut = attempt(() => lib.C_WrapKey(s, { mechanism: p.CKM_AES_KEY_WRAP }, wrapper, k, Buffer.alloc(64)));
  lib.C_Logout(s);
  lib.C_CloseSession(s);
} finally {
  lib.C_Finalize();
  lib.close();
}
process.stdout.write(JSON.stringify(out));
`;

describe('PKCS#11 master key: configuration errors (no token needed)', () => {
  it('refuses a relative module path or an empty field with ERR_INPUT_INVALID', async () => {
    await rejectsWith(openPkcs11Kek(config('k', { module: 'libsofthsm2.so' }), { pin: USER_PIN }), 'ERR_INPUT_INVALID');
    await rejectsWith(openPkcs11Kek(config(''), { pin: USER_PIN }), 'ERR_INPUT_INVALID');
    await rejectsWith(openPkcs11Kek(config('k', { tokenLabel: 'x'.repeat(33) }), { pin: USER_PIN }), 'ERR_INPUT_INVALID');
  });

  it('reports a missing PIN variable, a missing module and a file that is no PKCS#11 module as ERR_KMS_FAILED', async () => {
    await rejectsWith(openPkcs11Kek(config('k'), { env: {} }), 'ERR_KMS_FAILED');
    await rejectsWith(openPkcs11Kek(config('k', { module: '/nonexistent/libpkcs11.so' }), { pin: USER_PIN }), 'ERR_KMS_FAILED');
    const dir = mkdtempSync(join(tmpdir(), 'cordon-pkcs11-'));
    try {
      writeFileSync(join(dir, 'fake.so'), 'not a shared library');
      await rejectsWith(openPkcs11Kek(config('k', { module: join(dir, 'fake.so') }), { pin: USER_PIN }), 'ERR_KMS_FAILED');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

// A skipped `it` (not a skipped `describe`) so the run's summary counts it under "skipped".
if (SKIP) it('PKCS#11 master key on SoftHSM2', { skip: SKIP }, () => {});
else describe('PKCS#11 master key on SoftHSM2', () => {
  let dir = '';
  const open: KekProvider[] = [];
  const track = async (p: Promise<KekProvider>): Promise<KekProvider> => {
    const k = await p;
    open.push(k);
    return k;
  };
  let kek: KekProvider;
  let first: { key: Uint8Array; aad: Uint8Array; wrapped: Uint8Array };

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cordon-softhsm-'));
    const r = spawnSync('bash', [repoPath('scripts/softhsm-setup.sh'), dir, TOKEN], {
      env: { ...process.env, SOFTHSM_SO_PIN: SO_PIN, SOFTHSM_USER_PIN: USER_PIN },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, `softhsm-setup.sh failed: ${r.stderr}`);
    const conf = join(dir, 'softhsm2.conf');
    assert.match(r.stdout, new RegExp(`^export SOFTHSM2_CONF=${conf.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, 'm'));
    // Before the first C_Initialize in this process: SoftHSM2 reads it then.
    process.env.SOFTHSM2_CONF = conf;
    kek = await track(createPkcs11Kek(config('cordon-kek'), { pin: USER_PIN }));
  });

  after(async () => {
    for (const k of open) await k.close();
    delete process.env.SOFTHSM2_CONF;
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('creates the key and names it pkcs11:token/label', () => {
    assert.equal(kek.kind, 'pkcs11');
    assert.equal(kek.id, `pkcs11:${TOKEN}/cordon-kek`);
  });

  it('wraps and unwraps 32-byte keys: IV ‖ ciphertext ‖ tag, a fresh IV every time', async () => {
    for (let i = 0; i < 20; i++) {
      const key = randomBytes(32);
      const aad = te.encode(`key=default;version=${i}`);
      const wrapped = await kek.wrap(key, aad);
      assert.equal(wrapped.length, 12 + 32 + 16);
      assert.deepEqual(await kek.unwrap(wrapped, aad), key);
      if (i === 0) first = { key, aad, wrapped };
    }
    const key = randomBytes(32);
    const a = await kek.wrap(key, te.encode('x'));
    const b = await kek.wrap(key, te.encode('x'));
    assert.notDeepEqual(a.subarray(0, 12), b.subarray(0, 12));
    assert.notDeepEqual(a, b);
  });

  it('fails with ERR_MASTER_KEY_MISMATCH on wrong AAD, any flipped byte, or truncation', async () => {
    const { wrapped, aad } = first;
    await rejectsWith(kek.unwrap(wrapped, te.encode('key=default;version=1')), 'ERR_MASTER_KEY_MISMATCH');
    await rejectsWith(kek.unwrap(wrapped, new Uint8Array(0)), 'ERR_MASTER_KEY_MISMATCH');
    for (let i = 0; i < wrapped.length; i++) {
      const bad = Uint8Array.from(wrapped);
      bad[i]! ^= 0x01;
      await rejectsWith(kek.unwrap(bad, aad), 'ERR_MASTER_KEY_MISMATCH');
    }
    for (const n of [0, 12, 28, wrapped.length - 1]) await rejectsWith(kek.unwrap(wrapped.subarray(0, n), aad), 'ERR_MASTER_KEY_MISMATCH');
    await rejectsWith(kek.unwrap(Uint8Array.from([...wrapped, 0]), aad), 'ERR_MASTER_KEY_MISMATCH');
    // the session is still usable after failures
    assert.deepEqual(await kek.unwrap(wrapped, aad), first.key);
  });

  it('keeps the key in the token: sensitive, never extractable, CKA_VALUE unreadable, not wrappable out', () => {
    const r = spawnSync(process.execPath, ['-e', INSPECT], {
      cwd: REPO_ROOT,
      env: { ...process.env, MOD: MODULE, TOKEN, KEY: 'cordon-kek', PIN: USER_PIN },
      encoding: 'utf8',
    });
    assert.equal(r.status, 0, r.stderr);
    const out = JSON.parse(r.stdout) as {
      count: number;
      attrs: Record<string, boolean>;
      valueLen: number;
      readValue: string;
      makeExtractable: string;
      makeInsensitive: string;
      wrapOut: string;
    };
    assert.equal(out.count, 1);
    assert.deepEqual(out.attrs, {
      CKA_EXTRACTABLE: false,
      CKA_SENSITIVE: true,
      CKA_NEVER_EXTRACTABLE: true,
      CKA_ALWAYS_SENSITIVE: true,
      CKA_TOKEN: true,
      CKA_PRIVATE: true,
      CKA_ENCRYPT: true,
      CKA_DECRYPT: true,
    });
    assert.equal(out.valueLen, 32);
    assert.match(out.readValue, /^CKR_ATTRIBUTE_SENSITIVE/);
    assert.match(out.makeExtractable, /^CKR_ATTRIBUTE_READ_ONLY/);
    assert.match(out.makeInsensitive, /^CKR_ATTRIBUTE_READ_ONLY/);
    assert.match(out.wrapOut, /^CKR_KEY_UNEXTRACTABLE/);
  });

  it('a fresh provider (PIN from the environment) unwraps what the first wrapped, while the first is open and after it closes', async () => {
    const again = await openPkcs11Kek(config('cordon-kek'), { env: { [PIN_ENV]: USER_PIN } });
    assert.equal(again.id, kek.id);
    assert.deepEqual(await again.unwrap(first.wrapped, first.aad), first.key);
    const extra = await openPkcs11Kek(config('cordon-kek'), { pin: USER_PIN });
    await extra.close();
    await extra.close(); // idempotent
    await assert.rejects(extra.wrap(randomBytes(32), first.aad), TypeError);
    // the shared login and module survive one provider closing
    assert.deepEqual(await again.unwrap(first.wrapped, first.aad), first.key);
    assert.deepEqual(await kek.unwrap(first.wrapped, first.aad), first.key);
    await again.close();
  });

  it('serializes concurrent operations on the one session', async () => {
    const keys = Array.from({ length: 40 }, () => randomBytes(32));
    const aad = (i: number): Uint8Array => te.encode(`n=${i}`);
    const wrapped = await Promise.all(keys.map((k, i) => kek.wrap(k, aad(i))));
    const results = await Promise.allSettled(wrapped.flatMap((w, i) => [kek.unwrap(w, aad(i)), kek.unwrap(w, aad(i + 1)), kek.wrap(keys[i]!, aad(i))]));
    results.forEach((r, j) => {
      const i = Math.floor(j / 3);
      if (j % 3 === 0) assert.deepEqual(r.status === 'fulfilled' && r.value, keys[i]);
      if (j % 3 === 1) assert.equal(r.status === 'rejected' && (r.reason as { code: string }).code, 'ERR_MASTER_KEY_MISMATCH');
      if (j % 3 === 2) assert.equal(r.status === 'fulfilled' && r.value.length, 60);
    });
  });

  it('refuses a wrong PIN with ERR_KMS_FAILED and no PIN in the message, logged in elsewhere or not', async () => {
    // kek is open: this process is logged in, so the check is Cordon's
    await rejectsWith(openPkcs11Kek(config('cordon-kek'), { pin: WRONG_PIN }), 'ERR_KMS_FAILED');
    await rejectsWith(openPkcs11Kek(config('cordon-kek'), { env: { [PIN_ENV]: WRONG_PIN } }), 'ERR_KMS_FAILED');
    // from a process with no session: the token's own CKR_PIN_INCORRECT
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `
        import { openPkcs11Kek } from ${JSON.stringify(new URL('../../src/keys/kek/pkcs11.js', import.meta.url).href)};
        try { await openPkcs11Kek(JSON.parse(process.env.CFG), { pin: process.env.WRONG }); process.stdout.write('OPENED'); }
        catch (e) { process.stdout.write(JSON.stringify({ code: e.code, message: e.message, details: e.details, stack: e.stack })); }`],
      { env: { ...process.env, CFG: JSON.stringify(config('cordon-kek')), WRONG: WRONG_PIN }, encoding: 'utf8' },
    );
    assert.equal(r.status, 0, r.stderr);
    const e = JSON.parse(r.stdout) as { code: string; message: string; details: { pkcs11?: string } };
    assert.equal(e.code, 'ERR_KMS_FAILED');
    assert.equal(e.details.pkcs11, 'CKR_PIN_INCORRECT');
    assert.ok(!r.stdout.includes(WRONG_PIN) && !r.stdout.includes(USER_PIN), r.stdout);
  });

  it('reports an unknown token or key label as ERR_KMS_FAILED', async () => {
    await rejectsWith(openPkcs11Kek(config('cordon-kek', { tokenLabel: 'no-such-token' }), { pin: USER_PIN }), 'ERR_KMS_FAILED');
    await rejectsWith(openPkcs11Kek(config('no-such-key'), { pin: USER_PIN }), 'ERR_KMS_FAILED');
  });

  it('refuses to create a second key with the same label (ERR_KEY_EXISTS)', async () => {
    await rejectsWith(createPkcs11Kek(config('cordon-kek'), { pin: USER_PIN }), 'ERR_KEY_EXISTS');
    const other = await track(createPkcs11Kek(config('cordon-kek-2'), { pin: USER_PIN }));
    await rejectsWith(createPkcs11Kek(config('cordon-kek-2'), { pin: USER_PIN }), 'ERR_KEY_EXISTS');
    // another key on the same token does not open the first key's wrapping
    await rejectsWith(other.unwrap(first.wrapped, first.aad), 'ERR_MASTER_KEY_MISMATCH');
  });

  it('reopens after every provider has closed (module finalized and loaded again)', async () => {
    for (const k of open.splice(0)) await k.close();
    const reopened = await openPkcs11Kek(config('cordon-kek'), { pin: USER_PIN });
    try {
      assert.deepEqual(await reopened.unwrap(first.wrapped, first.aad), first.key);
    } finally {
      await reopened.close();
    }
  });
});
