// SECRET detection: provider token formats, values assigned to secret names, URL userinfo, headers,
// command lines and prose; and what must stay unflagged — references to a secret held elsewhere,
// placeholders, documented example keys, hashes, UUIDs, public keys and identifiers. Every case
// asserts the exact span (the credential alone, never its name or quotes).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { analyze } from '../../../src/detect/analyze.js';
import { DEFAULT_RECOGNIZERS } from '../../../src/detect/registry.js';
import { secretNameKind } from '../../../src/detect/secrets/assignments.js';
import { looksGenerated, notASecret } from '../../../src/detect/secrets/not-a-secret.js';
import { findProviderTokens, MIN_TOKEN_LENGTH, PROVIDER_FORMATS } from '../../../src/detect/secrets/provider-tokens.js';

const secrets = (text: string): string[] => analyze(text, DEFAULT_RECOGNIZERS, { entities: ['SECRET'] }).map((f) => text.slice(f.start, f.end));

/** Fixed pseudo-random bodies (not credentials): letters and digits in no pattern. */
const MIX = 'q7Rk2ZmX9pLw4TnB8vYc3HsJ6dGf1AeK5uQo0iNtWbEyPxVa';
const body = (n: number, alphabet = MIX): string => Array.from({ length: n }, (_, i) => alphabet[(i * 7 + 3) % alphabet.length]).join('');
const HEXA = body(64, '0123456789abcdef');

const TOKENS: Array<[string, string]> = [
  ['aws access key id', 'AKIA' + body(16, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567')],
  ['GitHub classic token', 'ghp_' + body(36)],
  ['GitHub fine-grained PAT', 'github_pat_' + body(22) + '_' + body(59)],
  ['GitLab personal token', 'glpat-' + body(20)],
  ['GitLab CI job token', 'glcbt-64_' + body(20)],
  ['GitLab pipeline trigger token', 'glptt-' + HEXA.slice(0, 40)],
  ['Slack bot token', 'xoxb-' + '2048123456' + '-' + '4096123456789' + '-' + body(24)],
  ['Stripe live secret key', 'sk_live_' + body(24)],
  ['Stripe restricted key', 'rk_live_' + body(99)],
  ['OpenAI project key', 'sk-proj-' + body(74) + 'T3BlbkFJ' + body(74)],
  ['OpenAI service account key', 'sk-svcacct-' + body(58) + 'T3BlbkFJ' + body(58)],
  ['Anthropic key', 'sk-ant-api03-' + body(93) + 'AA'],
  ['Google API key', 'AIza' + body(35)],
  ['Google OAuth client secret', 'GOCSPX-' + body(28)],
  ['npm token', 'npm_' + body(36)],
  ['PyPI token', 'pypi-AgEIcHlwaS5vcmc' + body(80)],
  ['Hugging Face token', 'hf_' + body(34)],
  ['Twilio API key', 'SK' + HEXA.slice(0, 32)],
  ['SendGrid key', 'SG.' + body(22) + '.' + body(43)],
  ['DigitalOcean token', 'dop_v1_' + HEXA],
  ['Databricks token', 'dapi' + HEXA.slice(0, 32)],
  ['Shopify token', 'shpat_' + HEXA.slice(0, 32)],
  ['Vault token', 'hvs.' + body(95)],
  ['Docker PAT', 'dckr_pat_' + body(27)],
  ['age secret key', 'AGE-SECRET-KEY-1' + body(58, 'QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L')],
  ['Azure AD client secret', 'Abc8Q~' + body(34)],
  ['Telegram bot token', '1234567890:AA' + body(33)],
];

/**
 * The fewest characters a provider row's source can match, for the subset the rows use (literals,
 * escapes, classes, (?:…|…) groups, ?, *, + and {n,m}); throws when a character the row can match is
 * a space or a control character, or when the source uses anything else.
 */
function shortestMatch(source: string, name: string): number {
  let i = 0;
  const printable = (cls: string): void => {
    const re = new RegExp(`^${cls}$`);
    for (let c = 0; c <= 32; c++) assert.ok(!re.test(String.fromCharCode(c)), `${name}: ${cls} matches U+${c.toString(16).padStart(4, '0')}`);
  };
  const alternatives = (): number => {
    let best = Infinity;
    let cur = 0;
    while (i < source.length && source[i] !== ')') {
      if (source[i] === '|') { best = Math.min(best, cur); cur = 0; i++; continue; }
      let atom: number;
      const c = source[i]!;
      if (c === '(') {
        assert.equal(source.slice(i, i + 3), '(?:', `${name}: only (?: groups`);
        i += 3;
        atom = alternatives();
        assert.equal(source[i], ')', name);
        i++;
      } else if (c === '[') {
        const end = source.indexOf(']', i + 1);
        assert.ok(end > i && source[i + 1] !== '^', `${name}: negated or open class`);
        printable(source.slice(i, end + 1));
        i = end + 1;
        atom = 1;
      } else if (c === '\\') {
        printable(source.slice(i, i + 2));
        i += 2;
        atom = 1;
      } else {
        assert.ok(!'.^$*+?{}'.includes(c), `${name}: unexpected ${c} at ${i}`);
        printable(c.replace(/[/]/g, '\\/'));
        i++;
        atom = 1;
      }
      const q = /^(?:\{(\d+)(?:,\d*)?\}|[?*+])/.exec(source.slice(i));
      if (q !== null) {
        i += q[0].length;
        atom = q[1] !== undefined ? atom * Number(q[1]) : q[0] === '+' ? atom : 0;
      }
      cur += atom;
    }
    return Math.min(best, cur);
  };
  const min = alternatives();
  assert.equal(i, source.length, `${name}: unbalanced`);
  return min;
}

describe('SECRET: provider token formats', () => {
  for (const [what, token] of TOKENS) {
    it(`finds a ${what} alone, in an assignment and in prose`, () => {
      assert.deepEqual(secrets(token), [token]);
      assert.deepEqual(secrets(`export TOKEN="${token}"`), [token]);
      assert.deepEqual(secrets(`here is the key ${token} — revoke it after`), [token]);
    });
  }
  it('never starts or ends a token inside a longer run of letters and digits', () => {
    for (const [, token] of TOKENS) assert.deepEqual(findProviderTokens(`Zq9${token}`), [], `prefixed ${token}`);
    // Fixed-length formats: one character more is another string, not this token.
    for (const token of ['npm_' + body(36), 'AIza' + body(35), 'dop_v1_' + HEXA, 'SK' + HEXA.slice(0, 32)]) {
      assert.deepEqual(findProviderTokens(`${token}7`), [], `suffixed ${token}`);
      assert.deepEqual(findProviderTokens(`digest ${HEXA}${token}${HEXA}`), [], `inside ${token}`);
    }
  });
  it('every format row compiles and is anchored on its own prefix', () => {
    for (const f of PROVIDER_FORMATS) assert.doesNotThrow(() => new RegExp(f.source), f.name);
  });
  it('every row matches at least MIN_TOKEN_LENGTH characters, none of them a space or control (the run prefilter)', () => {
    let shortest = Infinity;
    for (const f of PROVIDER_FORMATS) {
      const min = shortestMatch(f.source, f.name);
      assert.ok(min >= MIN_TOKEN_LENGTH, `${f.name} can match ${min} characters`);
      shortest = Math.min(shortest, min);
    }
    assert.equal(shortest, MIN_TOKEN_LENGTH, 'MIN_TOKEN_LENGTH is the shortest row, not below it');
    // A token broken by a space or a newline is not found; one run long enough is.
    assert.deepEqual(findProviderTokens('npm_' + body(18) + ' ' + body(18)), []);
    assert.equal(findProviderTokens('x npm_' + body(36) + '\n').length, 1);
  });
  it('publishable keys, account ids and client ids are not secrets', () => {
    assert.deepEqual(secrets('STRIPE_PUBLISHABLE_KEY=pk_live_' + body(24)), []);
    assert.deepEqual(secrets('TWILIO_ACCOUNT_SID=AC' + HEXA.slice(0, 32)), []);
    assert.deepEqual(secrets('GOOGLE_CLIENT_ID=123456789012-' + body(32).toLowerCase() + '.apps.googleusercontent.com'), []);
  });
});

describe('SECRET: documented examples, placeholders and references hold no secret', () => {
  const NONE = [
    'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE',
    'aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    'token: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'stripe.api_key = "sk_test_4eC39HqLyjWDarjtT1zdp7dc"',
    'GITHUB_TOKEN=ghp_xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx',
    "db_password = os.environ['DB_PASSWORD']",
    'api_key = os.getenv("OPENAI_API_KEY")',
    'const key = process.env.STRIPE_SECRET_KEY;',
    'NPM_TOKEN: ${{ secrets.NPM_TOKEN }}',
    'password: "{{ vault "secret/data/db" "password" }}"',
    'DB_PASSWORD=${DB_PASSWORD}',
    'set API_KEY=%API_KEY%',
    'api_key = "<your-api-key>"',
    'OPENAI_API_KEY=YOUR_API_KEY_HERE',
    'password: changeme',
    'password = "********"',
    'client_secret: REDACTED',
    'api_key: null',
    'password = ""',
    'DATABASE_URL=postgres://user:${DB_PASSWORD}@db:5432/app',
    'DATABASE_URL=postgres://user:password@localhost:5432/app',
    'echo "$REGISTRY_PASSWORD" | docker login -u ci --password-stdin registry.example.com',
    'curl -H "Authorization: Bearer $API_TOKEN" https://api.example.com',
  ];
  for (const text of NONE) it(`nothing in ${JSON.stringify(text.slice(0, 70))}`, () => assert.deepEqual(secrets(text), []));
});

describe('SECRET: look-alikes', () => {
  const NONE = [
    'commit 7e4f763f972bd131ec752e6074f2bfd304940849 by ana',
    'sha256: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'image: postgres:16@sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    'request_id=3f2a9c1e-7b4d-4e2a-9f1c-2d3e4f5a6b7c trace_id=4bf92f3577b34da6a3ce929d0e0e4736',
    'KEY_ID=3f2a9c1e-7b4d-4e2a-9f1c-2d3e4f5a6b7c',
    'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl ana@laptop',
    '-----BEGIN PUBLIC KEY-----\nMIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo\n-----END PUBLIC KEY-----',
    'integrity sha512-v2kDEe57lecTulaDIuNTPy3Ry4gLGJ6Z1O3vE1krgXZNrsQ+LFTGHVxVjcXGOVq2KJbkBsHPS6Ew==',
    'max_tokens: 4096\ntoken_ttl: 3600\npassword_min_length: 12',
    'password_hash: $2b$12$KIXQJQ3Q1Z6Zx9yW8vU7tS6rQ5pO4nM3L2K1J0I9H8G7F6E5D4C3B',
    'PWD=/home/app/src',
    'Please reset your password. Your password must be at least 12 characters.',
    'Password reset token expires in 3600 seconds',
    '{"key": "ORD-2024-000123-XYZ", "value": 3}',
    'the cache key is user:1234:profile',
  ];
  for (const text of NONE) it(`nothing in ${JSON.stringify(text.slice(0, 70))}`, () => assert.deepEqual(secrets(text), []));
});

describe('SECRET: values assigned to secret names', () => {
  const CASES: Array<[string, string]> = [
    ['DB_PASSWORD=hunter2hunter\n', 'hunter2hunter'],
    ['  postgres_password: "Zebra.hunter25"\n', 'Zebra.hunter25'],
    ['{"clientSecret": "s9X!kd82-LQpz"}', 's9X!kd82-LQpz'],
    ['<dbPassword>Orange_river42</dbPassword>', 'Orange_river42'],
    ['spring.datasource.password=Wint3r!2024', 'Wint3r!2024'],
    ['Server=db;User Id=sa;Password=P@ssw0rd!;Encrypt=true', 'P@ssw0rd!'],
    ['jdbc:postgresql://db:5432/app?user=etl&password=Wint3r!2024&ssl=true', 'Wint3r!2024'],
    ['SECRET_KEY_BASE=' + HEXA, HEXA],
    ['SIGNING_KEY = "' + HEXA.slice(0, 40) + '"', HEXA.slice(0, 40)],
    ['session_token = 6781b04d-7b5f-4c1a-bceb-b953e6ef70d1', '6781b04d-7b5f-4c1a-bceb-b953e6ef70d1'],
    ['docker login -u ci --password Orange1!! registry.example.com', 'Orange1!!'],
    ['AccountName=acme;AccountKey=' + body(86, MIX + '+/') + '==;EndpointSuffix=core.windows.net', body(86, MIX + '+/') + '=='],
    ['X-Api-Key: a8Fk2Lm9Qx7Rz3Tp5Vw1Yb4Nc6Hd0Jg', 'a8Fk2Lm9Qx7Rz3Tp5Vw1Yb4Nc6Hd0Jg'],
  ];
  for (const [text, want] of CASES) it(`finds ${JSON.stringify(want.slice(0, 24))} in ${JSON.stringify(text.slice(0, 50))}`, () => assert.deepEqual(secrets(text), [want]));

  it('a name decides what its value must look like', () => {
    assert.equal(secretNameKind('DB_PASSWORD'), 'password');
    assert.equal(secretNameKind('dbPassword'), 'password');
    assert.equal(secretNameKind('client_secret'), 'password');
    assert.equal(secretNameKind('API_KEY_PROD'), 'key');
    assert.equal(secretNameKind('accessToken'), 'key');
    assert.equal(secretNameKind('--token'), 'key');
    for (const n of ['password_min_length', 'token_ttl', 'max_tokens', 'accessKeyId', 'key_id', 'publishable_key', 'primary_key', 'cache_key', 'secret_name', 'bypass', 'compass', 'keyboard']) {
      assert.equal(secretNameKind(n), undefined, n);
    }
  });

  it('a key or token value must look generated; a password need not', () => {
    assert.equal(looksGenerated('a8Fk2Lm9Qx7Rz3Tp5Vw1'), true);
    assert.equal(looksGenerated('required'), false);
    assert.equal(looksGenerated('my-app.production-config'), false);
    assert.equal(looksGenerated('2024-06-01T00:00:00Z'), false);
    assert.deepEqual(secrets('token: required'), []);
    assert.deepEqual(secrets('password: letmein77'), ['letmein77']);
  });

  it('explains each refusal', () => {
    assert.equal(notASecret('AKIAIOSFODNN7EXAMPLE'), 'documented example key');
    assert.equal(notASecret('${{ secrets.TOKEN }}'), 'reference to a secret held elsewhere');
    assert.equal(notASecret('<your-api-key>'), 'placeholder');
    assert.equal(notASecret('s9X!kd82-LQpz'), undefined);
  });
});

describe('SECRET: URLs, headers, command lines and prose', () => {
  const CASES: Array<[string, string]> = [
    ['REDIS_URL=redis://:s3cr3tPw@redis.internal:6379/0', 's3cr3tPw'],
    ['postgres://app:s3cr3tP4ss@db.internal:5432/prod', 's3cr3tP4ss'],
    ['mongodb+srv://admin:P%40ssw0rd2024@cluster0.abcde.mongodb.net/test', 'P%40ssw0rd2024'],
    ['git clone https://oauth2:' + 'glpat-' + body(20) + '@gitlab.com/acme/infra.git', 'glpat-' + body(20)],
    ['Authorization: Bearer 4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c', '4f9a8b7c6d5e4f3a2b1c0d9e8f7a6b5c'],
    ['Authorization: Basic YWRtaW46aHVudGVyMg==', 'YWRtaW46aHVudGVyMg=='],
    ['curl -u deploy:Tr0ub4dor99 https://ci.example.com/api/json', 'Tr0ub4dor99'],
    ['mysql -h db -u root -pS3cret!9 app < dump.sql', 'S3cret!9'],
    ['The password is "correct-horse-42" for the staging box.', 'correct-horse-42'],
    ['I told him the password was Tr0ub4dor&3 but he forgot', 'Tr0ub4dor&3'],
    ['Ana: password for the guest wifi is Falconsummer31', 'Falconsummer31'],
    ["the staging db password is 'Zebra1!' btw", 'Zebra1!'],
    ['Credentials for the demo tenant: user demo, pw Tr0ub4dor99', 'Tr0ub4dor99'],
    ['Integration broke after they set the API key to a8Fk2Lm9Qx7Rz3Tp5Vw1Yb4Nc6Hd0Jg in the dashboard.', 'a8Fk2Lm9Qx7Rz3Tp5Vw1Yb4Nc6Hd0Jg'],
  ];
  for (const [text, want] of CASES) it(`finds ${JSON.stringify(want.slice(0, 24))} in ${JSON.stringify(text.slice(0, 50))}`, () => assert.deepEqual(secrets(text), [want]));

  // Command lines and statements that take a password as an argument (issue 13, secrets-b set).
  const ARGUMENTS: Array<[string, string]> = [
    ['  218  docker login -u svc_billing -p Juniper.saffron8 registry.example.io', 'Juniper.saffron8'],
    ['podman login --password=Copper!24 --username ci quay.io', 'Copper!24'],
    ["sshpass -p 'lantern-juniper-44' ssh report@10.0.0.4", 'lantern-juniper-44'],
    ['$secure = ConvertTo-SecureString "velvet4054!" -AsPlainText -Force', 'velvet4054!'],
    ["ALTER USER 'grafana'@'%' IDENTIFIED BY 'P3TqNhDPCzH0Z9yoH#doPx5';", 'P3TqNhDPCzH0Z9yoH#doPx5'],
    ['client = Client("AC' + HEXA.slice(0, 32) + '", "' + HEXA.slice(32) + '")', HEXA.slice(32)],
    ['Goran: staging db pass is copper-ripple-38, don\'t paste it', 'copper-ripple-38'],
    ['https://st1.blob.core.windows.net/x.csv?sv=2022-11-02&sp=r&sig=kBtib7nfeISmocKMcV3Z2sLCnm3F%2BRQMYqTf0pq1f1w%3D', 'kBtib7nfeISmocKMcV3Z2sLCnm3F%2BRQMYqTf0pq1f1w%3D'],
    ['aws_secret_access_key = /mqav5uKj2Y5FsCzXmuCRECn1VySIZuOpb00j5r5', '/mqav5uKj2Y5FsCzXmuCRECn1VySIZuOpb00j5r5'],
    ['password: ${POSTGRES_PASSWORD:-Marigold#204}', 'Marigold#204'],
  ];
  for (const [text, want] of ARGUMENTS) it(`finds ${JSON.stringify(want.slice(0, 24))} in ${JSON.stringify(text.slice(0, 50))}`, () => assert.deepEqual(secrets(text), [want]));

  const NOT_SECRETS = [
    '    password: ${POSTGRES_PASSWORD:?missing}',
    '$env:ARM_CLIENT_SECRET = $env:SP_SECRET',
    'export OPENAI_SECRET=@Microsoft.KeyVault(SecretUri=https://kv-prod.vault.azure.net/secrets/openai/)',
    'password: arn:aws:secretsmanager:eu-west-1:213979569798:secret:prod/postgres_password-VAjbms',
    'password: eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
    'my boarding pass is BA0117 for tomorrow',
    'docker login -u ci -p "$REGISTRY_PASSWORD" registry.example.io',
  ];
  for (const text of NOT_SECRETS) it(`nothing in ${JSON.stringify(text.slice(0, 60))}`, () => assert.deepEqual(secrets(text), []));

  it('a Basic header that does not decode to user:password is not flagged', () => {
    assert.deepEqual(secrets('Authorization: Basic dGhpcyBpcyBub3QgYSBwYWlyIGF0IGFsbA=='), []);
  });
});

// Formats and phrasings the third secrets set (bench/gen/secrets-c.ts) found missing (issue 13).
describe('SECRET: base64-wrapped keys, session tokens, webhooks, stdin and "the temp one"', () => {
  const pemBody = body(64) + '\n' + body(40, MIX.replace(/[0-9]/g, ''));
  const FOUND: Array<[string, string]> = [
    ...['RSA PRIVATE KEY', 'EC PRIVATE KEY', 'OPENSSH PRIVATE KEY'].map((label): [string, string] => {
      const b = Buffer.from(`-----BEGIN ${label}-----\n${pemBody}\n-----END ${label}-----\n`).toString('base64');
      return [`data:\n  tls.key: ${b}\n`, b];
    }),
    ((): [string, string] => {
      const b = Buffer.from(JSON.stringify({ auths: { 'ghcr.io': { auth: Buffer.from('ci:' + body(24)).toString('base64') } } })).toString('base64');
      return [`  .dockerconfigjson: ${b}\n`, b];
    })(),
    ['export AWS_SESSION_TOKEN=IQoJb3JpZ2luX2Vj' + body(300) + '=\n', 'IQoJb3JpZ2luX2Vj' + body(300) + '='],
    ['"SessionToken": "FwoGZXIvYXdzE' + body(200) + '",', 'FwoGZXIvYXdzE' + body(200)],
    ['post("https://discord.com/api/webhooks/1234567890123456789/' + body(68, MIX + '-_') + '", json=x)', 'https://discord.com/api/webhooks/1234567890123456789/' + body(68, MIX + '-_')],
    ["echo -n 'Orchard_granite19' | kubectl create secret generic smtp --from-file=password=/dev/stdin", 'Orchard_granite19'],
    ['printf \'%s\' "q7Rk2ZmX9pLw" | docker login -u ci --password-stdin', 'q7Rk2ZmX9pLw'],
    ["Priya: reset done, the temp one is 'kestrel.willow204', change it at first login", 'kestrel.willow204'],
    ['I reset your password, the temp one is "Copper!24"', 'Copper!24'],
  ];
  for (const [text, want] of FOUND) it(`finds ${JSON.stringify(want.slice(0, 24))}`, () => assert.deepEqual(secrets(text), [want]));

  const NOT_FOUND: string[] = [
    `  tls.crt: ${Buffer.from(`-----BEGIN CERTIFICATE-----\n${pemBody}\n-----END CERTIFICATE-----\n`).toString('base64')}\n`,
    `  config: ${Buffer.from(JSON.stringify({ auths: {}, credsStore: 'desktop' })).toString('base64')}\n`,
    'echo -n "$DB_PASSWORD" | kubectl create secret generic db --from-file=password=/dev/stdin',
    'the new one is ready, I deployed it yesterday',
    '  -H "Idempotency-Key: f22271df-ca53-4ac8-80fa-34e049fd34a3"',
    'vault kv get -field=password secret/prod/postgres',
    'did anyone change the password policy? it now wants 14 chars',
  ];
  for (const text of NOT_FOUND) it(`finds nothing in ${JSON.stringify(text.slice(0, 50))}`, () => assert.deepEqual(secrets(text), []));
});
