// The third secrets set (bench/data/secrets-c.{dev,heldout}.jsonl), designed apart from secrets.ts and
// secrets-b.ts: Jupyter notebook JSON, Kubernetes Secret manifests, Terraform .tfvars, docker-compose,
// GitHub Actions logs (with *** masking), curl, database/broker/mail URLs, .npmrc/.pypirc/.netrc,
// PEM keys inside JSON strings, Azure connection strings and SAS URLs, webhooks, AWS temporary
// credentials, GCP service-account JSON, and passwords in chat, prose and shell history.
//
// How a careful user decides the truth (SECRET covers the value alone, never its name or quotes):
// - A credential value is SECRET wherever it stands: a provider token, a password, a private key (the
//   whole PEM block), a JWT, an AWS secret or session token, an Azure account key or SAS signature (sig=
//   only: the other SAS fields are public parameters), the password part of a URL's userinfo.
// - A webhook URL is SECRET as a whole: Slack and Discord issue the URL itself as the credential (anyone
//   who has it can post), and there is no shorter part a reader would cut out.
// - Base64 in a Kubernetes Secret is SECRET when it encodes a secret (password, token, tls.key,
//   .dockerconfigjson); base64 of a user name, a host or a certificate is not.
// - Not secrets: anything masked (***, ****, REDACTED), placeholders (<your-token>, changeme, xxxx),
//   references (${VAR}, ${{ secrets.X }}, vault: and op:// paths, var.x), the providers' documented
//   example keys, hashes, commit SHAs, UUIDs, npm integrity strings, CSP nonces (sent to every client),
//   inline base64 images, public keys and certificates, Stripe publishable keys, Twilio account SIDs,
//   Sentry DSNs (public by Sentry's design), GCP private_key_id (names the key, does not open it).
//
// The held-out split draws from every template (a few never seen in dev: ODBC/SMTP URLs, .pypirc,
// Discord webhooks, AWS temporary credentials in JSON) with another seed. Tune on dev only.
import { TextBuilder, type LabelledRecord } from './builder.js';
import {
  alnum, awsSecret, awsSessionToken, awsTempKeyId, azureAccountKey, azureSig, b64, chance, cspNonce, digits, discordWebhook, DOCUMENTED, entraSecret, hex,
  int, integrity, jwt, mailgunKey, md5, password, pick, plainPassword, pngDataUri, pointer, privatePem, PROVIDER_TOKENS, publicPem, sentryDsn, sha1, sha256,
  slackWebhook, sshPublic, standIn, stripePublishable, twilioAccountSid, twilioAuthToken, uuid, type Rng,
} from './secrets-c-tokens.js';
import { rng } from './rng.js';
import type { Split } from './vocab.js';

const SEEDS: Readonly<Record<Split, number>> = { dev: 0x5ec3_d, heldout: 0x5ec3_4e1d };
const USERS = ['etl_writer', 'ana.lima', 'deploy', 'postgres', 'svc-reports', 'rabbit_app', 'noreply@acme.io', 'jenkins'];
const HOSTS = ['db-1.internal', '10.12.0.7', 'cluster0.x7kqe.mongodb.net', 'mq.prod.acme.io', 'smtp.eu.mailgun.org', 'sqlsrv-02.corp.acme.io'];
const PEOPLE = ['Priya', 'Tomás', 'Lena', 'Kwame', 'Hiro', 'Sofia', 'Ravi', 'Elif'];

type Make = (b: TextBuilder, r: Rng) => void;
interface Template { readonly id: string; readonly heldOut?: boolean; readonly make: Make }

/** The value, or in its place (1 - p of the time) a mask, placeholder, reference or documented example. */
function valueOr(b: TextBuilder, r: Rng, env: string, value: string, p = 0.65): void {
  if (chance(r, p)) b.e('SECRET', value);
  else b.t(pick(r, [() => standIn(r, env), () => pointer(r, env), () => pick(r, DOCUMENTED)])());
}
const token = (r: Rng) => pick(r, PROVIDER_TOKENS)(r);

const TEMPLATES: readonly Template[] = [
  { id: 'notebook', make: (b, r) => {
    const t = token(r);
    b.t(`{\n "cells": [\n  {\n   "cell_type": "code",\n   "execution_count": ${int(r, 1, 60)},\n   "metadata": {"id": "${alnum(r, 12)}"},\n   "outputs": [],\n   "source": [\n    "import os\\n",\n`);
    if (chance(r, 0.65)) { b.t(`    "os.environ[\\"${t.env}\\"] = \\"`); b.e('SECRET', t.value); b.t('\\"\\n",\n'); }
    else b.t(`    "from google.colab import userdata\\n",\n    "os.environ[\\"${t.env}\\"] = userdata.get('${t.env}')\\n",\n`);
    b.t(`    "run_id = \\"${uuid(r)}\\""\n   ]\n  }`);
    if (chance(r, 0.5)) b.t(`,\n  {"cell_type": "code", "outputs": [{"data": {"image/png": "${pngDataUri(r).slice(22)}"}, "output_type": "display_data"}], "source": ["plt.show()"]}`);
    b.t('\n ],\n "nbformat": 4\n}\n');
  } },
  { id: 'k8s-secret', make: (b, r) => {
    b.t(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${pick(r, ['orders', 'ledger', 'search'])}-credentials\n  annotations:\n    checksum/config: ${sha256(r)}\ntype: ${pick(r, ['Opaque', 'kubernetes.io/tls', 'kubernetes.io/dockerconfigjson'])}\ndata:\n`);
    b.t(`  DB_USER: ${b64(pick(r, USERS))}\n  DB_HOST: ${b64(pick(r, HOSTS))}\n  DB_PASSWORD: `); b.e('SECRET', b64(password(r))); b.t('\n');
    switch (int(r, 0, 2)) {
      case 0: b.t('  tls.crt: '); b.t(b64(publicPem(r, '\n'))); b.t('\n  tls.key: '); b.e('SECRET', b64(privatePem(r, '\n'))); b.t('\n'); break;
      case 1: b.t('  .dockerconfigjson: '); b.e('SECRET', b64(JSON.stringify({ auths: { 'ghcr.io': { auth: b64(`${pick(r, USERS)}:${token(r).value}`) } } }))); b.t('\n'); break;
      default: { const t = token(r); b.t(`  ${t.env}: `); b.e('SECRET', b64(t.value)); b.t('\n'); }
    }
  } },
  { id: 'tfvars', make: (b, r) => {
    b.t(`# terraform.tfvars (${pick(r, ['prod', 'staging'])})\nsubscription_id = "${uuid(r)}"\ntenant_id       = "${uuid(r)}"\nclient_id       = "${uuid(r)}"\nclient_secret   = "`);
    valueOr(b, r, 'ARM_CLIENT_SECRET', entraSecret(r));
    b.t(`"\nadmin_username  = "${pick(r, USERS).replace(/[@.]/g, '')}"\nadmin_password  = "`); valueOr(b, r, 'ADMIN_PASSWORD', plainPassword(r), 0.7);
    b.t(`"\nssh_public_key  = "${sshPublic(r)}"\nimage_digest    = "sha256:${sha256(r)}"\n`);
  } },
  { id: 'docker-compose', make: (b, r) => {
    b.t(`services:\n  db:\n    image: postgres:16\n    environment:\n      - POSTGRES_USER=${pick(r, USERS).replace(/[@.]/g, '_')}\n      - POSTGRES_PASSWORD=`);
    valueOr(b, r, 'POSTGRES_PASSWORD', plainPassword(r), 0.6);
    b.t(`\n  app:\n    build: .\n    environment:\n      RAILS_MASTER_KEY: `); valueOr(b, r, 'RAILS_MASTER_KEY', hex(r, 32), 0.5);
    const t = token(r);
    b.t(`\n      ${t.env}: `); valueOr(b, r, t.env, t.value, 0.6);
    b.t(`\n      REQUEST_ID_HEADER: X-Request-Id\n      BUILD_COMMIT: ${sha1(r)}\n`);
  } },
  { id: 'actions-log', make: (b, r) => {
    const ts = (): string => `2025-0${int(r, 1, 9)}-1${int(r, 0, 9)}T0${int(r, 0, 9)}:${int(r, 10, 59)}:${int(r, 10, 59)}.${digits(r, 7)}Z`;
    b.t(`${ts()} ##[group]Run aws-actions/configure-aws-credentials@v4\n${ts()} with:\n${ts()}   aws-access-key-id: ***\n${ts()}   aws-secret-access-key: ***\n${ts()} ##[endgroup]\n`);
    switch (int(r, 0, 2)) {
      case 0: { const t = token(r); b.t(`${ts()} + echo "token prefix check: `); b.e('SECRET', t.value); b.t(`"\n`); break; }
      case 1: b.t(`${ts()} > GET /api/v3/repos/acme/app HTTP/2\n${ts()} > authorization: Basic `); b.e('SECRET', b64(`x-access-token:ghs_${alnum(r, 36)}`)); b.t('\n'); break;
      default: b.t(`${ts()} Pushing image ghcr.io/acme/app@sha256:${sha256(r)}\n${ts()} ##[warning]The 'set-output' command is deprecated; GITHUB_TOKEN: ***\n`);
    }
    b.t(`${ts()} Post job cleanup. run_id=${digits(r, 10)} sha=${sha1(r)}\n`);
  } },
  { id: 'curl', make: (b, r) => {
    switch (int(r, 0, 3)) {
      case 0: b.t(`curl -s --user 'api:`); b.e('SECRET', pick(r, [mailgunKey(r), 'key-' + hex(r, 32)])); b.t(`' https://api.mailgun.net/v3/mg.acme.io/messages -F to=${pick(r, USERS)}@acme.io -F subject=Hi\n`); break;
      case 1: b.t(`curl -X POST https://api.acme.dev/v2/exports \\\n  -H "Authorization: Bearer `); b.e('SECRET', pick(r, [jwt(r), token(r).value])); b.t(`" \\\n  -H "Idempotency-Key: ${uuid(r)}"\n`); break;
      case 2: b.t(`curl -H "Authorization: Bearer \${API_TOKEN}" -H "X-Trace: ${hex(r, 32)}" https://api.acme.dev/v2/me\n`); break;
      default: b.t(`curl -u ${pick(r, ['admin', 'elastic', 'grafana'])}:`); b.e('SECRET', plainPassword(r)); b.t(` -k https://${pick(r, HOSTS)}:9200/_cluster/health\n`);
    }
  } },
  { id: 'db-urls', make: (b, r) => {
    const u = pick(r, USERS).replace(/@/g, '%40');
    const p = plainPassword(r);
    switch (int(r, 0, 3)) {
      case 0: b.t(`MONGO_URI=mongodb+srv://${u}:`); b.e('SECRET', p); b.t(`@${HOSTS[2]}/orders?retryWrites=true&w=majority\n`); break;
      case 1: b.t(`spring.rabbitmq.addresses=amqps://${u}:`); b.e('SECRET', p); b.t(`@${HOSTS[3]}:5671/prod\n`); break;
      case 2: b.t(`jdbc.url=jdbc:mysql://${pick(r, HOSTS)}:3306/billing?user=${u}&password=`); b.e('SECRET', p); b.t('&useSSL=true\n'); break;
      default: b.t(`REDIS_URL=rediss://default:`); b.e('SECRET', alnum(r, 32)); b.t(`@${pick(r, HOSTS)}:6380/0\n`);
    }
    if (chance(r, 0.4)) b.t(`DATABASE_URL=postgres://${u}:\${PGPASSWORD}@${pick(r, HOSTS)}:5432/app\n`);
  } },
  { id: 'odbc-smtp', heldOut: true, make: (b, r) => {
    if (chance(r, 0.5)) { b.t(`Driver={ODBC Driver 18 for SQL Server};Server=tcp:${HOSTS[5]},1433;Database=Ledger;Uid=${pick(r, USERS)};Pwd=`); b.e('SECRET', plainPassword(r)); b.t(';Encrypt=yes;\n'); }
    else { const t = PROVIDER_TOKENS[3]!(r); b.t('EMAIL_URL=smtp+tls://apikey:'); b.e('SECRET', t.value); b.t('@smtp.sendgrid.net:587\n'); }
  } },
  { id: 'npmrc', make: (b, r) => {
    b.t(`@acme:registry=https://npm.pkg.github.com\n//npm.pkg.github.com/:_authToken=`);
    valueOr(b, r, 'GITHUB_TOKEN', 'ghp_' + alnum(r, 36), 0.6);
    b.t('\n//registry.npmjs.org/:_authToken='); valueOr(b, r, 'NPM_TOKEN', PROVIDER_TOKENS[8]!(r).value, 0.6);
    b.t('\n');
    if (chance(r, 0.4)) { b.t('_auth='); b.e('SECRET', b64(`${pick(r, USERS)}:${plainPassword(r)}`)); b.t('\n'); }
    b.t(`always-auth=true\n; lockfile integrity ${integrity(r)}\n`);
  } },
  { id: 'pypirc', heldOut: true, make: (b, r) => {
    b.t('[distutils]\nindex-servers =\n    pypi\n    internal\n\n[pypi]\nusername = __token__\npassword = ');
    valueOr(b, r, 'PYPI_API_TOKEN', PROVIDER_TOKENS[9]!(r).value, 0.7);
    b.t(`\n\n[internal]\nrepository = https://pypi.acme.io/simple\nusername = ${pick(r, USERS)}\npassword = `); b.e('SECRET', plainPassword(r)); b.t('\n');
  } },
  { id: 'netrc', make: (b, r) => {
    b.t(`machine ${pick(r, ['api.heroku.com', 'git.acme.io', 'urs.earthdata.nasa.gov'])} login ${pick(r, USERS)} password `); b.e('SECRET', plainPassword(r));
    b.t(`\nmachine ${pick(r, ['code.acme.io', 'artifacts.acme.io'])}\n  login ${pick(r, USERS)}\n  password `); b.e('SECRET', pick(r, [alnum(r, 40), plainPassword(r)])); b.t('\n');
  } },
  { id: 'pem-in-json', make: (b, r) => {
    b.t(`{"name": "${pick(r, ['edge-proxy', 'sftp-bridge', 'signer'])}", "created": "2025-0${int(r, 1, 9)}-0${int(r, 1, 9)}", "certificate": "${publicPem(r, '\\n')}", "key": "`);
    b.e('SECRET', privatePem(r, '\\n')); b.t(`", "fingerprint": "SHA256:${cspNonce(r).replace(/=+$/, '')}${alnum(r, 21)}"}\n`);
  } },
  { id: 'gcp-sa', make: (b, r) => {
    const project = `${pick(r, ['acme', 'lumen', 'fjord'])}-${pick(r, ['analytics', 'prod'])}-${digits(r, 6)}`;
    b.t(`{\n  "type": "service_account",\n  "project_id": "${project}",\n  "private_key_id": "${sha1(r)}",\n  "private_key": "`);
    b.e('SECRET', privatePem(r, '\\n')); b.t(`\\n",\n  "client_email": "loader@${project}.iam.gserviceaccount.com",\n  "client_id": "1${digits(r, 20)}",\n  "auth_uri": "https://accounts.google.com/o/oauth2/auth"\n}\n`);
  } },
  { id: 'azure', make: (b, r) => {
    const acct = `acme${hex(r, 8)}`;
    switch (int(r, 0, 2)) {
      case 0: b.t(`STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=${acct};AccountKey=`); b.e('SECRET', azureAccountKey(r)); b.t(';EndpointSuffix=core.windows.net"\n'); break;
      case 1: b.t(`Download: https://${acct}.blob.core.windows.net/backups/db.bak?sp=r&st=2025-04-01T08:00:00Z&se=2025-04-02T08:00:00Z&spr=https&sv=2022-11-02&sr=b&sig=`); b.e('SECRET', encodeURIComponent(azureSig(r))); b.t('\n'); break;
      default: b.t(`BlobEndpoint=https://${acct}.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco&sp=rl&se=2026-01-01T00:00:00Z&sig=`); b.e('SECRET', encodeURIComponent(azureSig(r))); b.t('\n');
    }
    b.t(`# tenant ${uuid(r)}, content-md5 ${md5(r)}\n`);
  } },
  { id: 'webhooks', make: (b, r) => {
    b.t(pick(r, ['alerting:\n  slack_api_url: ', 'SLACK_WEBHOOK_URL=', 'notify: ']));
    if (chance(r, 0.75)) b.e('SECRET', slackWebhook(r)); else b.t('https://hooks.slack.com/services/XXXXXXXXX/XXXXXXXXX/XXXXXXXXXXXXXXXXXXXXXXXX');
    b.t(`\n  channel: '#deploys'\n  sentry_dsn: ${sentryDsn(r)}\n`);
  } },
  { id: 'discord', heldOut: true, make: (b, r) => {
    b.t(`requests.post("`); b.e('SECRET', discordWebhook(r)); b.t(`", json={"content": "build ${sha1(r).slice(0, 8)} done"})\n`);
  } },
  { id: 'aws-temp-env', make: (b, r) => {
    b.t('$ aws sts assume-role --role-arn arn:aws:iam::' + digits(r, 12) + ':role/ci --role-session-name gh\n');
    b.t('export AWS_ACCESS_KEY_ID='); b.e('SECRET', awsTempKeyId(r));
    b.t('\nexport AWS_SECRET_ACCESS_KEY='); b.e('SECRET', awsSecret(r));
    b.t('\nexport AWS_SESSION_TOKEN='); b.e('SECRET', awsSessionToken(r)); b.t('\n');
  } },
  { id: 'aws-temp-json', heldOut: true, make: (b, r) => {
    b.t('{\n    "Credentials": {\n        "AccessKeyId": "'); b.e('SECRET', awsTempKeyId(r));
    b.t('",\n        "SecretAccessKey": "'); b.e('SECRET', awsSecret(r));
    b.t('",\n        "SessionToken": "'); b.e('SECRET', awsSessionToken(r));
    b.t(`",\n        "Expiration": "2025-06-0${int(r, 1, 9)}T12:00:00+00:00"\n    },\n    "AssumedRoleUser": {"AssumedRoleId": "AROA${alnum(r, 17).toUpperCase()}:gh"}\n}\n`);
  } },
  { id: 'payments-code', make: (b, r) => {
    const q = pick(r, ["'", '"']);
    b.t(`const stripe = new Stripe(${q}`);
    if (chance(r, 0.6)) b.e('SECRET', PROVIDER_TOKENS[0]!(r).value); else b.t(pick(r, ['sk_test_4eC39HqLyjWDarjtT1zdp7dc', '<STRIPE_SECRET_KEY>']));
    b.t(`${q});\nconst publishableKey = '${stripePublishable(r)}';\nconst twilio = require('twilio')('${twilioAccountSid(r)}', `);
    if (chance(r, 0.6)) { b.t("'"); b.e('SECRET', twilioAuthToken(r)); b.t("'"); } else b.t('process.env.TWILIO_AUTH_TOKEN');
    b.t(');\n');
    if (chance(r, 0.5)) { b.t("mailgun.client({ username: 'api', key: '"); b.e('SECRET', mailgunKey(r)); b.t("' });\n"); }
  } },
  { id: 'chat', make: (b, r) => {
    const a = pick(r, PEOPLE), c = pick(r, PEOPLE);
    switch (int(r, 0, 6)) {
      case 0: b.t(`${a}: reset done, the temp one is '`); b.e('SECRET', plainPassword(r)); b.t(`', change it at first login\n${c}: ty`); break;
      case 1: b.t(`${a}: wifi pw is `); b.e('SECRET', plainPassword(r)); b.t(`\n${c}: 🙏`); break;
      case 2: b.t(`${a}: jenkins admin password: `); b.e('SECRET', plainPassword(r)); b.t(`\n${c}: rotating it after the release`); break;
      case 3: b.t(`${a}: did anyone change the password policy? it now wants 14 chars\n${c}: yes, ticket ${pick(r, ['OPS', 'SEC'])}-${int(r, 100, 999)}`); break;
      case 4: b.t(`${a}: here's my HF token for the eval box `); b.e('SECRET', PROVIDER_TOKENS[7]!(r).value); b.t(`\n${c}: got it, deleting this msg`); break;
      case 5: b.t(`${a}: the api key is in 1password under "Payments / Stripe live", don't paste it here\n${c}: ok`); break;
      default: b.t(`${a}: which commit? ${sha1(r).slice(0, 10)}\n${c}: the one with checksum ${sha256(r)}`);
    }
    b.t('\n');
  } },
  { id: 'prose', make: (b, r) => {
    switch (int(r, 0, 3)) {
      case 0: b.t(`Handover for ${pick(r, PEOPLE)}: the staging admin account is ${pick(r, USERS)} and the password is `); b.e('SECRET', plainPassword(r)); b.t('. Please rotate after the audit.\n'); break;
      case 1: b.t(`To call the API, set the Authorization header to "Bearer <token>", where <token> is the value from the dashboard. Tokens expire after ${int(r, 1, 24)} hours; request ${uuid(r)} shows the format.\n`); break;
      case 2: b.t(`I rotated the Twilio credentials: new API key `); b.e('SECRET', PROVIDER_TOKENS[2]!(r).value); b.t(`, account ${twilioAccountSid(r)} is unchanged.\n`); break;
      default: b.t(`Forgot your password? Use the reset link; it is valid for ${int(r, 10, 60)} minutes and the nonce ${cspNonce(r)} is single-use.\n`);
    }
  } },
  { id: 'shell-history', make: (b, r) => {
    for (let i = 0, n = int(r, 3, 5); i < n; i++) {
      switch (int(r, 0, 6)) {
        case 0: b.t('export DB_PASS='); b.e('SECRET', plainPassword(r)); break;
        case 1: b.t(`PGPASSWORD=`); b.e('SECRET', plainPassword(r)); b.t(` psql -h ${pick(r, HOSTS)} -U ${pick(r, USERS)} app`); break;
        case 2: b.t(`echo -n '`); b.e('SECRET', plainPassword(r)); b.t(`' | kubectl create secret generic smtp --from-file=password=/dev/stdin`); break;
        case 3: b.t(`docker login -u acmeci --password-stdin <<< "$DOCKERHUB_TOKEN"`); break;
        case 4: b.t(`git commit -m "bump" && git push # ${sha1(r)}`); break;
        case 5: b.t(`vault kv get -field=password secret/prod/postgres`); break;
        default: b.t(`openssl rand -hex 16 # => ${hex(r, 32)} (nonce for test fixtures)`);
      }
      b.t('\n');
    }
  } },
  { id: 'lookalikes', make: (b, r) => {
    const rows = [
      `"integrity": "${integrity(r)}"`, `"commit": "${sha1(r)}"`, `"traceId": "${hex(r, 32)}"`, `"etag": "\\"${md5(r)}\\""`, `"nonce": "${cspNonce(r)}"`,
      `"avatar": "${pngDataUri(r)}"`, `"deployKey": "${sshPublic(r)}"`, `"stripePublishableKey": "${stripePublishable(r)}"`, `"sentryDsn": "${sentryDsn(r)}"`,
      `"accountSid": "${twilioAccountSid(r)}"`, `"requestId": "${uuid(r)}"`, `"apiKey": "${pick(r, ['<your-api-key>', '${API_KEY}', '********', 'REDACTED'])}"`,
      `"password": "${pick(r, ['', '***', '${DB_PASSWORD}', 'changeme'])}"`, `"token_type": "Bearer"`, `"key_id": "${alnum(r, 10)}"`, `"digest": "sha256:${sha256(r)}"`,
    ];
    for (let i = 0, n = int(r, 4, 7); i < n; i++) b.t(pick(r, rows) + ',\n');
  } },
];

/** `n` records of the split: dev never sees the templates marked heldOut; each split has its own seed. */
export function secretsSetC(split: Split, n: number): LabelledRecord[] {
  const r = rng(SEEDS[split]);
  const pool = TEMPLATES.filter((t) => split === 'heldout' || t.heldOut !== true);
  const out: LabelledRecord[] = [];
  for (let i = 0; i < n; i++) {
    const t = pick(r, pool);
    const b = new TextBuilder();
    t.make(b, r);
    out.push(b.build(`secrets-c-${split}-${i + 1}`, { set: 'secrets-c', split, genre: t.id }));
  }
  return out;
}
