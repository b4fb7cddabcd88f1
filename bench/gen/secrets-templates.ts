// Document templates for the secrets dev set: config files, code, shell, logs, chat and tickets, each
// mixing credentials (labelled SECRET, the value only, never its quotes or name) with what merely looks
// like one: references to a secret held elsewhere, placeholders, documented example keys, hashes,
// UUIDs, public keys and identifiers. A template returns parts; a part wrapped in S() is a secret.
import {
  alnum, arn, b64, basicAuth, codeReference, digits, dockerDigest, EXAMPLE_KEYS, gitSha, googleClientId, hex, int, integrity, jwt, md5, opaqueKey,
  password, pemPrivateKey, pick, PROVIDER_TOKENS, publicKeyPem, reference, sha256, sshPublicKey, stripePublishable, twilioSid, uuid, type Rng,
} from './secrets-tokens.js';

export interface Secret { readonly s: string }
export type Part = string | Secret;
export const S = (s: string): Secret => ({ s });

export interface Template {
  readonly id: string;
  /** Held-out templates never appear in the dev split: they measure generalisation to new contexts. */
  readonly heldOut: boolean;
  readonly make: (r: Rng) => Part[];
}

const USERS = ['app', 'admin', 'root', 'etl', 'svc_reporting', 'deploy', 'postgres', 'ana.souza', 'jchen', 'readonly'];
const HOSTS = ['db.internal', 'db-prod-2.cluster.local', '10.0.3.17', 'cache', 'mq.prod.example.net', 'localhost', 'pg.eu-west-1.rds.amazonaws.com'];
const PEOPLE = ['Ana', 'Wei', 'Priya', 'Tom', 'Olga', 'Lars', 'Fatima', 'Kenji'];

/** Names under which a secret of each kind is stored. */
const KEY_NAMES = ['API_KEY', 'SECRET_KEY', 'CLIENT_SECRET', 'AUTH_TOKEN', 'ACCESS_TOKEN', 'WEBHOOK_SECRET', 'SIGNING_KEY', 'JWT_SECRET', 'SESSION_SECRET',
  'PRIVATE_TOKEN', 'TWILIO_AUTH_TOKEN', 'OKTA_API_TOKEN', 'CLOUDFLARE_API_TOKEN', 'DATADOG_API_KEY', 'ENCRYPTION_KEY', 'APP_SECRET', 'REFRESH_TOKEN', 'MASTER_KEY'];
const PASSWORD_NAMES = ['PASSWORD', 'DB_PASSWORD', 'POSTGRES_PASSWORD', 'MYSQL_ROOT_PASSWORD', 'REDIS_PASSWORD', 'SMTP_PASSWORD', 'ADMIN_PASS', 'PASSWD',
  'LDAP_BIND_PASSWORD', 'KEYSTORE_PASSWORD', 'PASSPHRASE', 'DB_PASS', 'RABBITMQ_DEFAULT_PASS'];

/** Settings that are not secrets, some with secret-sounding names or secret-looking values. */
function benign(r: Rng): [string, string] {
  return pick<() => [string, string]>(r, [
    () => ['PORT', String(int(r, 3000, 9000))], () => ['LOG_LEVEL', pick(r, ['info', 'debug', 'warn'])], () => ['NODE_ENV', 'production'],
    () => ['TOKEN_TTL', String(int(r, 60, 86400))], () => ['MAX_TOKENS', String(pick(r, [512, 1024, 4096]))], () => ['PASSWORD_MIN_LENGTH', String(int(r, 8, 16))],
    () => ['API_URL', `https://api.${pick(r, ['example.com', 'acme.io', 'internal.net'])}/v${int(r, 1, 3)}`], () => ['API_VERSION', `2024-0${int(r, 1, 9)}-01`],
    () => ['AWS_REGION', pick(r, ['us-east-1', 'eu-west-1', 'ap-southeast-2'])], () => ['COMMIT_SHA', gitSha(r)], () => ['CHECKSUM_SHA256', sha256(r)],
    () => ['REQUEST_ID', uuid(r)], () => ['KEY_ID', uuid(r)], () => ['SECRET_NAME', `prod/${pick(r, ['db', 'api', 'stripe'])}/credentials`],
    () => ['STRIPE_PUBLISHABLE_KEY', stripePublishable(r)], () => ['GOOGLE_CLIENT_ID', googleClientId(r)], () => ['TWILIO_ACCOUNT_SID', twilioSid(r)],
    () => ['PASSWORD_HASH_ALGO', pick(r, ['argon2id', 'bcrypt', 'scrypt'])], () => ['AUTH_MODE', pick(r, ['oauth', 'saml', 'none'])],
    () => ['TOKEN_ENDPOINT', 'https://login.example.com/oauth2/token'], () => ['IMAGE_DIGEST', dockerDigest(r)], () => ['ROLE_ARN', arn(r)],
    () => ['ETAG', md5(r)], () => ['PWD', `/home/${pick(r, USERS)}/app`], () => ['CACHE_KEY_PREFIX', pick(r, ['sess:', 'v2:', 'user:'])],
    () => ['DATABASE_URL', `postgres://${pick(r, HOSTS)}:5432/${pick(r, ['app', 'orders'])}`], () => ['REDIS_URL', `redis://${pick(r, HOSTS)}:6379/0`],
  ])();
}

/** One name=value entry: a secret, a reference or placeholder, an example key, or a benign setting. */
function entry(r: Rng): { name: string; value: string; secret: boolean } {
  const x = r();
  if (x < 0.22) {
    const t = pick(r, PROVIDER_TOKENS)(r);
    return { name: `${t.service.toUpperCase()}_${pick(r, ['TOKEN', 'API_KEY', 'SECRET', 'KEY'])}`, value: t.value, secret: true };
  }
  if (x < 0.34) return { name: pick(r, PASSWORD_NAMES), value: password(r), secret: true };
  if (x < 0.44) return { name: pick(r, KEY_NAMES), value: opaqueKey(r), secret: true };
  if (x < 0.5) {
    const pw = password(r).replace(/[@/:#?%]/g, '');
    const user = r() < 0.3 ? '' : pick(r, USERS);
    return { name: pick(r, ['DATABASE_URL', 'REDIS_URL', 'BROKER_URL', 'MONGO_URI']), value: `${pick(r, ['postgres', 'postgresql', 'redis', 'amqp', 'mongodb+srv', 'mysql'])}://${user}:\u0000${pw}\u0000@${pick(r, HOSTS)}/${pick(r, ['0', 'app', 'prod'])}`, secret: true };
  }
  if (x < 0.66) {
    const name = r() < 0.5 ? pick(r, KEY_NAMES) : pick(r, PASSWORD_NAMES);
    return { name, value: reference(r, name), secret: false };
  }
  if (x < 0.74) return { name: pick(r, ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'API_KEY', 'GITHUB_TOKEN', 'OPENAI_API_KEY', 'STRIPE_SECRET_KEY']), value: pick(r, EXAMPLE_KEYS), secret: false };
  const [name, value] = benign(r);
  return { name, value, secret: false };
}

/** Splits a value holding \u0000-delimited secret parts (a URL's password) into parts. */
function valueParts(value: string, secret: boolean): Part[] {
  if (value.includes('\u0000')) return value.split('\u0000').map((p, i) => (i % 2 === 1 ? S(p) : p));
  return [secret ? S(value) : value];
}

type Style = 'env' | 'env-quoted' | 'export' | 'yaml' | 'yaml-quoted' | 'json' | 'toml' | 'properties' | 'python' | 'js' | 'go' | 'xml' | 'docker-env' | 'terraform' | 'ini';

function assign(style: Style, name: string, value: string, secret: boolean): Part[] {
  const v = valueParts(value, secret);
  const lower = name.toLowerCase();
  const camel = lower.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  switch (style) {
    case 'env': return [`${name}=`, ...v, '\n'];
    case 'env-quoted': return [`${name}="`, ...v, '"\n'];
    case 'export': return [`export ${name}='`, ...v, `'\n`];
    case 'yaml': return [`  ${lower}: `, ...v, '\n'];
    case 'yaml-quoted': return [`  ${lower}: "`, ...v, '"\n'];
    case 'json': return [`  "${camel}": "`, ...v, '",\n'];
    case 'toml': return [`${lower} = "`, ...v, '"\n'];
    case 'ini': return [`${lower} = `, ...v, '\n'];
    case 'properties': return [`app.${lower.replace(/_/g, '.')}=`, ...v, '\n'];
    case 'python': return [`${lower.toUpperCase()} = "`, ...v, '"\n'];
    case 'js': return [`  ${camel}: '`, ...v, `',\n`];
    case 'go': return [`\t${camel} := "`, ...v, '"\n'];
    case 'xml': return [`  <${camel}>`, ...v, `</${camel}>\n`];
    case 'docker-env': return [`      - ${name}=`, ...v, '\n'];
    case 'terraform': return [`  ${lower} = "`, ...v, '"\n'];
  }
}

function block(r: Rng, style: Style, n: number): Part[] {
  const out: Part[] = [];
  for (let i = 0; i < n; i++) {
    const e = entry(r);
    // Bare YAML and INI values cannot hold every placeholder literally; quote those styles' odd ones.
    out.push(...assign(style, e.name, e.value, e.secret));
  }
  return out;
}

const ts = (r: Rng): string => `2025-0${int(r, 1, 9)}-${String(int(r, 10, 28))}T${String(int(r, 10, 23))}:${String(int(r, 10, 59))}:${String(int(r, 10, 59))}.${digits(r, 3)}Z`;

export const TEMPLATES: readonly Template[] = [
  // --- config files -------------------------------------------------------------------------------
  { id: 'dotenv', heldOut: false, make: (r) => ['# .env\n', ...block(r, pick(r, ['env', 'env-quoted'] as const), int(r, 3, 7))] },
  { id: 'shell-exports', heldOut: false, make: (r) => ['#!/usr/bin/env bash\nset -euo pipefail\n', ...block(r, 'export', int(r, 2, 5)), 'exec ./server\n'] },
  { id: 'app-yaml', heldOut: false, make: (r) => [`${pick(r, ['database', 'service', 'integrations'])}:\n`, ...block(r, pick(r, ['yaml', 'yaml-quoted'] as const), int(r, 3, 6))] },
  { id: 'config-json', heldOut: false, make: (r) => ['{\n', ...block(r, 'json', int(r, 2, 5)), `  "timeout": ${int(r, 5, 60)}\n}\n`] },
  { id: 'settings-toml', heldOut: true, make: (r) => [`[${pick(r, ['database', 'auth', 'smtp'])}]\n`, ...block(r, pick(r, ['toml', 'ini'] as const), int(r, 2, 5))] },
  { id: 'spring-properties', heldOut: true, make: (r) => ['spring.application.name=orders\n', ...block(r, 'properties', int(r, 2, 5))] },
  { id: 'compose', heldOut: false, make: (r) => [`services:\n  ${pick(r, ['api', 'worker', 'db'])}:\n    image: ${pick(r, ['postgres:16', 'ghcr.io/acme/api', 'redis:7'])}@${dockerDigest(r)}\n    environment:\n`, ...block(r, 'docker-env', int(r, 2, 5))] },
  { id: 'terraform', heldOut: true, make: (r) => [`resource "${pick(r, ['aws_db_instance', 'azurerm_mssql_server', 'google_sql_user'])}" "main" {\n`, ...block(r, 'terraform', int(r, 2, 4)), '}\n'] },
  { id: 'xml-config', heldOut: true, make: (r) => ['<configuration>\n', ...block(r, 'xml', int(r, 2, 4)), '</configuration>\n'] },
  {
    id: 'connection-string', heldOut: false, make: (r) => {
      const pw = password(r).replace(/[;'"\s]/g, '');
      if (r() < 0.25) return [`"ConnectionStrings": { "Default": "Server=${pick(r, HOSTS)};Database=app;User Id=${pick(r, USERS)};Password=${reference(r, 'DB_PASSWORD')};" }\n`];
      return [`"ConnectionStrings": { "Default": "Server=${pick(r, HOSTS)};Database=app;User Id=${pick(r, USERS)};${pick(r, ['Password', 'Pwd', 'password'])}=`, S(pw), ';Encrypt=true;" }\n'];
    },
  },
  {
    id: 'azure-storage', heldOut: true, make: (r) => ['AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acme', alnum(r, 6).toLowerCase(), ';AccountKey=', S(b64(r, 86) + '=='), ';EndpointSuffix=core.windows.net"\n'],
  },
  {
    id: 'gh-actions', heldOut: false, make: (r) => {
      const n = pick(r, ['NPM_TOKEN', 'PYPI_API_TOKEN', 'AWS_SECRET_ACCESS_KEY', 'SLACK_WEBHOOK', 'DOCKERHUB_TOKEN']);
      return [`jobs:\n  release:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@${gitSha(r)}\n      - run: npm publish\n        env:\n          ${n}: \${{ secrets.${n} }}\n`,
        ...(r() < 0.4 ? ['          DEBUG_TOKEN: ', S(pick(r, PROVIDER_TOKENS)(r).value), '\n'] : [])];
    },
  },
  // --- code ----------------------------------------------------------------------------------------
  {
    id: 'python-client', heldOut: false, make: (r) => {
      const t = pick(r, PROVIDER_TOKENS)(r);
      const lit = r() < 0.55;
      return [`import ${pick(r, ['openai', 'stripe', 'requests', 'boto3'])}\n\n`, ...(lit ? [`client = Client(api_key="`, S(t.value), '")\n'] : [`client = Client(api_key=${codeReference(r, `${t.service.toUpperCase()}_API_KEY`)})\n`]),
        `resp = client.get("/v1/items", params={"request_id": "${uuid(r)}"})\n`];
    },
  },
  {
    id: 'node-client', heldOut: false, make: (r) => {
      const t = pick(r, PROVIDER_TOKENS)(r);
      return ['const client = new Client({\n', ...(r() < 0.5 ? [`  auth: '`, S(t.value), `',\n`] : [`  auth: ${codeReference(r, `${t.service.toUpperCase()}_TOKEN`)},\n`]), `  baseUrl: 'https://api.example.com',\n});\n`];
    },
  },
  { id: 'python-settings', heldOut: false, make: (r) => ['# settings.py\nDEBUG = False\n', ...block(r, 'python', int(r, 2, 4)), `ALLOWED_HOSTS = ["app.example.com"]\n`] },
  { id: 'js-config', heldOut: true, make: (r) => ['module.exports = {\n', ...block(r, 'js', int(r, 2, 4)), '};\n'] },
  { id: 'go-main', heldOut: true, make: (r) => ['func main() {\n', ...block(r, 'go', int(r, 1, 3)), '\tlog.Fatal(run())\n}\n'] },
  {
    id: 'db-connect', heldOut: false, make: (r) => {
      const pw = password(r).replace(/["\\]/g, '');
      return r() < 0.6
        ? [`conn = psycopg2.connect(host="${pick(r, HOSTS)}", user="${pick(r, USERS)}", password="`, S(pw), '", dbname="app")\n']
        : [`conn = psycopg2.connect(host="${pick(r, HOSTS)}", user="${pick(r, USERS)}", password=${codeReference(r, 'DB_PASSWORD')})\n`];
    },
  },
  // --- shell and HTTP ------------------------------------------------------------------------------
  {
    id: 'curl-bearer', heldOut: false, make: (r) => {
      const tok = r() < 0.4 ? jwt(r) : r() < 0.5 ? pick(r, PROVIDER_TOKENS)(r).value : opaqueKey(r);
      return r() < 0.7 ? [`curl -s -H "Authorization: Bearer `, S(tok), `" https://api.example.com/v2/users/${digits(r, 5)}\n`]
        : [`curl -s -H "Authorization: Bearer $${pick(r, ['TOKEN', 'API_TOKEN', 'GITHUB_TOKEN'])}" https://api.example.com/v2/users\n`];
    },
  },
  {
    id: 'curl-basic', heldOut: true, make: (r) => {
      const user = pick(r, USERS);
      const pw = password(r).replace(/['"\s:]/g, '');
      return r() < 0.5 ? [`curl -u ${user}:`, S(pw), ` https://ci.example.com/api/json\n`] : [`curl -u "${user}:$CI_PASSWORD" https://ci.example.com/api/json\n`];
    },
  },
  {
    id: 'http-dump', heldOut: true, make: (r) => {
      const pw = password(r).replace(/[:\s]/g, '');
      const lines: Part[] = [`GET /api/v1/orders/${digits(r, 6)} HTTP/1.1\nHost: api.example.com\nX-Request-Id: ${uuid(r)}\n`];
      if (r() < 0.5) lines.push('Authorization: Basic ', S(basicAuth(pick(r, USERS), pw)), '\n');
      else lines.push(`${pick(r, ['X-Api-Key', 'X-API-KEY', 'Api-Key'])}: `, S(opaqueKey(r)), '\n');
      lines.push(`If-None-Match: "${md5(r)}"\nAccept: application/json\n`);
      return lines;
    },
  },
  {
    id: 'cli-password', heldOut: false, make: (r) => {
      const pw = password(r).replace(/['"\s]/g, '');
      return pick(r, [
        () => ['mysql -h ', pick(r, HOSTS), ` -u ${pick(r, USERS)} -p`, S(pw), ' app < dump.sql\n'],
        () => [`docker login -u ${pick(r, USERS)} --password `, S(pw), ' registry.example.com\n'],
        () => [`echo "$REGISTRY_PASSWORD" | docker login -u ${pick(r, USERS)} --password-stdin registry.example.com\n`],
        () => [`psql "postgresql://${pick(r, USERS)}:`, S(pw.replace(/[@/:#?%]/g, '')), `@${pick(r, HOSTS)}:5432/app"\n`],
        () => [`git clone https://${pick(r, ['oauth2', 'x-access-token', pick(r, USERS)])}:`, S(pick(r, PROVIDER_TOKENS)(r).value), `@github.com/acme/infra.git\n`],
        () => ['npm config set //registry.npmjs.org/:_authToken ', S(pick(r, PROVIDER_TOKENS)(r).value), '\n'],
      ] as Array<() => Part[]>)();
    },
  },
  // --- keys ------------------------------------------------------------------------------------------
  { id: 'pem', heldOut: false, make: (r) => (r() < 0.6 ? [`# ${pick(r, ['deploy key', 'server.key', 'id_rsa'])}\n`, S(pemPrivateKey(r)), '\n'] : [`# ${pick(r, ['ca.crt', 'server.pub'])}\n${publicKeyPem(r)}\n`]) },
  { id: 'authorized-keys', heldOut: true, make: (r) => [`${sshPublicKey(r)}\n${sshPublicKey(r)}\n`] },
  // --- logs ------------------------------------------------------------------------------------------
  {
    id: 'app-log', heldOut: false, make: (r) => {
      const out: Part[] = [];
      for (let i = 0; i < int(r, 2, 4); i++) {
        const lvl = pick(r, ['INFO', 'DEBUG', 'WARN', 'ERROR']);
        out.push(`${ts(r)} ${lvl} `, ...pick(r, [
          () => [`request_id=${uuid(r)} status=200 duration_ms=${int(r, 2, 900)}\n`],
          () => [`connecting to redis://:`, S(password(r).replace(/[@/:#?%\s]/g, '')), `@${pick(r, HOSTS)}:6379/0\n`],
          () => [`auth failed for key `, S(pick(r, PROVIDER_TOKENS)(r).value), ` (401)\n`],
          () => [`outgoing headers {"Authorization": "Bearer `, S(jwt(r)), `"}\n`],
          () => [`deployed commit ${gitSha(r)} image ${dockerDigest(r)}\n`],
          () => [`trace_id=${hex(r, 32)} span_id=${hex(r, 16)} user_id=${digits(r, 7)}\n`],
          () => [`loaded credentials from ${pick(r, ['env', 'vault', 'AWS Secrets Manager'])} (key id ${uuid(r)})\n`],
          () => [`token=`, S(opaqueKey(r)), ` user=${pick(r, USERS)} action=login\n`],
          () => [`installed lodash@4.17.21 integrity ${integrity(r)}\n`],
        ] as Array<() => Part[]>)());
      }
      return out;
    },
  },
  {
    id: 'ci-log', heldOut: true, make: (r) => [
      `Run ./scripts/deploy.sh\n  env:\n    DEPLOY_KEY: ***\n`, ...(r() < 0.5 ? ['+ export VAULT_TOKEN=', S('hvs.' + alnum(r, 95)), '\n'] : [`+ export VAULT_TOKEN=***\n`]), `Step 4/9 : RUN pip install -r requirements.txt\n ---> ${hex(r, 12)}\n`,
    ],
  },
  // --- chat and tickets ------------------------------------------------------------------------------
  {
    id: 'chat', heldOut: false, make: (r) => {
      const who = pick(r, PEOPLE);
      return pick(r, [
        () => [`${who}: can you try with this key? `, S(pick(r, PROVIDER_TOKENS)(r).value), ` — I'll revoke it tomorrow\n`],
        () => [`${who}: the staging db password is '`, S(password(r)), `' btw\n`],
        () => [`${who}: password for the guest wifi is `, S(password(r).replace(/\s/g, '')), '\n'],
        () => [`${who}: new token: `, S(pick(r, PROVIDER_TOKENS)(r).value), '\n'],
        () => [`${who}: I rotated the ${pick(r, ['Stripe', 'GitHub', 'OpenAI'])} key, the new one is in Vault under ${pick(r, ['prod/payments', 'ci/github'])}\n`],
        () => [`${who}: please don't paste passwords here, use \${{ secrets.${pick(r, KEY_NAMES)} }} in the workflow\n`],
        () => [`${who}: the docs say to run export AWS_ACCESS_KEY_ID=${EXAMPLE_KEYS[0]} for the demo\n`],
        () => [`${who}: forgot my password again, can someone reset it? ticket ${digits(r, 5)}\n`],
        () => [`${who}: which commit? ${gitSha(r).slice(0, pick(r, [7, 40]))}\n`],
      ] as Array<() => Part[]>)();
    },
  },
  {
    id: 'ticket', heldOut: true, make: (r) => pick(r, [
      () => [`Customer says login fails with password "`, S(password(r)), `" since the update. Request ID ${uuid(r)}.\n`],
      () => [`Please verify the installer: SHA-256 ${sha256(r)}, MD5 ${md5(r)}.\n`],
      () => [`Integration broke after they set the API key to `, S(opaqueKey(r)), ` in the dashboard.\n`],
      () => [`User pasted their key (${pick(r, EXAMPLE_KEYS)}) from our docs and got 403; that is the documentation example.\n`],
      () => [`Reset link sent; password policy requires ${int(r, 8, 14)} characters. Session ${hex(r, 24)}.\n`],
      () => [`Credentials for the demo tenant: user demo, pw `, S(password(r).replace(/\s/g, '')), `\n`],
    ] as Array<() => Part[]>)(),
  },
  {
    id: 'readme', heldOut: false, make: (r) => pick(r, [
      () => [`## Setup\n\nCopy \`.env.example\` to \`.env\` and set \`OPENAI_API_KEY=<your-api-key>\`. Then run \`npm start\`.\n`],
      () => [`Configure the client:\n\n\`\`\`python\nclient = Client(api_key="YOUR_API_KEY")\n\`\`\`\n`],
      () => [`Example:\n\n    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE\n    export AWS_SECRET_ACCESS_KEY=wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\n`],
      () => [`Tokens look like \`ghp_\` followed by 36 characters; keep yours in a secret manager.\n`],
      () => [`Set \`password: ${reference(r, 'DB_PASSWORD')}\` in values.yaml.\n`],
    ] as Array<() => Part[]>)(),
  },
];
