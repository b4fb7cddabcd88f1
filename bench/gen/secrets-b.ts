// The second secrets set (bench/data/secrets-b.heldout.jsonl), written independently of secrets.ts to
// test the secrets finders on genres and formats that set lacks: shell history, Kubernetes Secrets
// (base64 data), kubeconfig, GCP service-account JSON, Azure connection strings and SAS URLs, AWS
// credentials files, .npmrc/.pypirc/.netrc/.git-credentials, docker config.json, Dockerfiles, SQL and
// PowerShell, JDBC/ODBC strings, stack traces and crash dumps, CI logs, git diffs, access logs and chat.
// SECRET covers the credential value alone (for a URL, its password; for base64 of a secret, the base64).
// Look-alikes stay unlabelled: documented example keys, placeholders, references (vault paths, CI
// expressions, code that reads the environment), hashes, UUIDs, commit SHAs, public keys, masked values.
// Held out only: never tune the finders on it; it has no dev split. Its own seed.
import { TextBuilder, type LabelledRecord } from './builder.js';
import {
  an, awsSecretKey, azureAccountKey, azureSasKey, b64of, chance, cloudflareToken, codeRead, CREDS, datadogApiKey, dg, DOC_EXAMPLES, hx, int, jwtToken,
  lo, maskedTail, pemKey, pick, placeholder, publishable, pw, secretRef, sha1, sha256hex, sriHash, sshPub, twilioAuthToken, uuid4, type Rng,
} from './secrets-b-tokens.js';
import { rng } from './rng.js';

const SEED = 0x5ec2b;
const USERS = ['svc_billing', 'app_rw', 'grafana', 'kowalski', 'm.ortega', 'airflow', 'report', 'sa'];
const HOSTS = ['pg-main.prod.svc', '172.20.4.9', 'orders-db.c9akciq32.eu-central-1.rds.amazonaws.com', 'redis-master', 'mongo-0.mongo', 'sql01.corp.local'];
const NAMES = ['Marta', 'Dev', 'Yusuf', 'Chloe', 'Bram', 'Ines', 'Goran', 'Aiko'];

type Make = (b: TextBuilder, r: Rng) => void;

/** A credential, its usual variable name, and whether to write it (else a look-alike in its place). */
function credOrLookalike(b: TextBuilder, r: Rng, name: string, value: string, p = 0.6): void {
  if (chance(r, p)) { b.e('SECRET', value); return; }
  b.t(pick(r, [() => placeholder(r, name), () => secretRef(r, name), () => pick(r, DOC_EXAMPLES)])());
}
const varName = (r: Rng, service: string): string => `${service.toUpperCase()}_${pick(r, ['TOKEN', 'API_KEY', 'SECRET'])}`;

const TEMPLATES: ReadonlyArray<{ id: string; make: Make }> = [
  { id: 'shell-history', make: (b, r) => {
    for (let i = 0, n = int(r, 3, 6); i < n; i++) {
      b.t(`${String(int(r, 100, 999)).padStart(5)}  `);
      switch (int(r, 0, 9)) {
        case 0: { const c = pick(r, CREDS)(r); const name = varName(r, c.service); b.t(`export ${name}=`); credOrLookalike(b, r, name, c.value); break; }
        case 1: b.t(`mysql -h ${pick(r, HOSTS)} -u ${pick(r, USERS)} -p`); if (chance(r, 0.6)) b.e('SECRET', pw(r).replace(/[\s'"-]/g, 'q')); b.t(' orders'); break;
        case 2: b.t(`docker login -u ${pick(r, USERS)} -p `); b.e('SECRET', pw(r).replace(/[\s'"]/g, '')); b.t(' registry.example.io'); break;
        case 3: b.t(`psql "postgresql://${pick(r, USERS)}:`); b.e('SECRET', pw(r).replace(/[@:/?#%\s"]/g, '')); b.t(`@${pick(r, HOSTS)}:5432/app?sslmode=require"`); break;
        case 4: b.t(`git log --oneline ${sha1(r).slice(0, 7)}..${sha1(r)}`); break;
        case 5: b.t(`kubectl create secret generic db-creds --from-literal=username=${pick(r, USERS)} --from-literal=password=`); b.e('SECRET', pw(r).replace(/[\s'"&;|]/g, '')); break;
        case 6: b.t(`curl -s -H "X-API-Key: `); credOrLookalike(b, r, 'API_KEY', datadogApiKey(r)); b.t(`" https://api.${pick(r, ['datadoghq.eu', 'example.com'])}/v1/validate`); break;
        case 7: b.t(`sshpass -p '`); b.e('SECRET', pw(r).replace(/['\s]/g, '')); b.t(`' ssh ${pick(r, USERS)}@${pick(r, HOSTS)}`); break;
        case 8: b.t(`echo "$GITHUB_TOKEN" | gh auth login --with-token`); break;
        default: b.t(`sha256sum release.tar.gz  # ${sha256hex(r)}`);
      }
      b.t('\n');
    }
  } },
  { id: 'k8s-secret', make: (b, r) => {
    b.t(`apiVersion: v1\nkind: Secret\nmetadata:\n  name: ${pick(r, ['api', 'billing', 'worker'])}-secrets\n  namespace: prod\n  uid: ${uuid4(r)}\ntype: Opaque\ndata:\n`);
    b.t(`  username: ${b64of(pick(r, USERS))}\n`);
    b.t('  password: '); b.e('SECRET', b64of(pw(r))); b.t('\n');
    if (chance(r, 0.5)) { b.t('  api-token: '); b.e('SECRET', b64of(pick(r, CREDS)(r).value)); b.t('\n'); }
    if (chance(r, 0.5)) { b.t('stringData:\n  STRIPE_KEY: '); credOrLookalike(b, r, 'STRIPE_KEY', 'sk_live_51' + an(r, 97)); b.t('\n'); }
  } },
  { id: 'k8s-deployment-refs', make: (b, r) => {
    const name = pick(r, ['DB_PASSWORD', 'API_TOKEN', 'OPENAI_API_KEY']);
    b.t(`spec:\n  containers:\n    - name: app\n      image: ghcr.io/acme/app@sha256:${sha256hex(r)}\n      env:\n        - name: ${name}\n          valueFrom:\n            secretKeyRef:\n              name: app-secrets\n              key: ${name.toLowerCase()}\n        - name: BUILD_SHA\n          value: "${sha1(r)}"\n        - name: TENANT_ID\n          value: "${uuid4(r)}"\n`);
  } },
  { id: 'kubeconfig', make: (b, r) => {
    b.t(`apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${an(r, 60)}\n    server: https://${hx(r, 32).toUpperCase()}.gr7.eu-west-1.eks.amazonaws.com\n  name: prod\nusers:\n- name: deployer\n  user:\n    token: `);
    b.e('SECRET', jwtToken(r)); b.t('\n');
  } },
  { id: 'gcp-service-account', make: (b, r) => {
    const project = `${pick(r, ['acme', 'orbit', 'ledger'])}-${pick(r, ['prod', 'data'])}-${dg(r, 6)}`;
    b.t(`{\n  "type": "service_account",\n  "project_id": "${project}",\n  "private_key_id": "${hx(r, 40)}",\n  "private_key": "`);
    b.e('SECRET', pemKey(r, true));
    b.t(`\\n",\n  "client_email": "etl@${project}.iam.gserviceaccount.com",\n  "client_id": "${dg(r, 21)}",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}\n`);
  } },
  { id: 'azure-connection', make: (b, r) => {
    const acct = `st${lo(r, 10)}`;
    switch (int(r, 0, 2)) {
      case 0: b.t(`"AzureWebJobsStorage": "DefaultEndpointsProtocol=https;AccountName=${acct};AccountKey=`); b.e('SECRET', azureAccountKey(r)); b.t(';EndpointSuffix=core.windows.net"\n'); break;
      case 1: b.t(`ServiceBus__ConnectionString=Endpoint=sb://${acct}.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey=`); b.e('SECRET', azureSasKey(r)); b.t('\n'); break;
      default: b.t(`blob url: https://${acct}.blob.core.windows.net/exports/report.csv?sv=2022-11-02&ss=b&srt=o&sp=r&se=2026-01-01T00:00:00Z&spr=https&sig=`); b.e('SECRET', encodeURIComponent(azureSasKey(r))); b.t('\n');
    }
    if (chance(r, 0.5)) b.t(`"AzureKeyVault": "@Microsoft.KeyVault(SecretUri=https://kv-${lo(r, 6)}.vault.azure.net/secrets/sql-password/)"\n`);
  } },
  { id: 'aws-credentials', make: (b, r) => {
    b.t(`[${pick(r, ['default', 'prod', 'ci'])}]\naws_access_key_id = `);
    const real = chance(r, 0.7);
    if (real) b.e('SECRET', 'AKIA' + hx(r, 16).toUpperCase().replace(/[01]/g, 'Q'));
    else b.t('AKIAIOSFODNN7EXAMPLE');
    b.t('\naws_secret_access_key = ');
    if (real) b.e('SECRET', awsSecretKey(r)); else b.t('wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
    b.t(`\nregion = eu-west-1\nrole_arn = arn:aws:iam::${dg(r, 12)}:role/deploy\n`);
  } },
  { id: 'registry-rc', make: (b, r) => {
    switch (int(r, 0, 3)) {
      case 0: b.t('registry=https://registry.npmjs.org/\n//registry.npmjs.org/:_authToken='); credOrLookalike(b, r, 'NPM_TOKEN', 'npm_' + an(r, 36), 0.7); b.t('\n'); break;
      case 1: b.t('[distutils]\nindex-servers = pypi\n\n[pypi]\nusername = __token__\npassword = '); b.e('SECRET', 'pypi-AgEIcHlwaS5vcmc' + an(r, 80)); b.t('\n'); break;
      case 2: b.t(`machine api.${pick(r, ['heroku.com', 'github.com', 'example.net'])}\n  login ${pick(r, USERS)}@example.com\n  password `); b.e('SECRET', pick(r, [uuid4(r), pw(r).replace(/\s/g, '')])); b.t('\n'); break;
      default: b.t(`https://${pick(r, USERS)}:`); b.e('SECRET', 'ghp_' + an(r, 36)); b.t('@github.com\n');
    }
  } },
  { id: 'docker-config', make: (b, r) => {
    b.t('{\n  "auths": {\n    "registry.example.io": {\n      "auth": "');
    b.e('SECRET', b64of(`${pick(r, USERS)}:${pw(r)}`));
    b.t(`"\n    }\n  },\n  "credsStore": "desktop",\n  "currentContext": "default"\n}\n`);
  } },
  { id: 'dockerfile', make: (b, r) => {
    b.t(`FROM node:20-alpine@sha256:${sha256hex(r)}\nARG NPM_TOKEN\nWORKDIR /app\n`);
    if (chance(r, 0.6)) { b.t('ENV SENTRY_AUTH_TOKEN='); b.e('SECRET', 'sntrys_' + an(r, 120)); b.t('\n'); }
    else b.t('RUN --mount=type=secret,id=npmrc,target=/root/.npmrc npm ci\n');
    b.t(`LABEL org.opencontainers.image.revision="${sha1(r)}"\n`);
  } },
  { id: 'sql', make: (b, r) => {
    const u = pick(r, USERS);
    const v = pw(r).replace(/['"\s]/g, '');
    b.t(pick(r, [`CREATE USER ${u} WITH PASSWORD '`, `ALTER ROLE ${u} PASSWORD '`, `CREATE LOGIN ${u} WITH PASSWORD = '`, `ALTER USER '${u}'@'%' IDENTIFIED BY '`]));
    b.e('SECRET', v); b.t(`';\nGRANT SELECT ON ALL TABLES IN SCHEMA reporting TO ${u};\n-- password policy: min length ${int(r, 10, 16)}\n`);
  } },
  { id: 'powershell', make: (b, r) => {
    b.t('$secure = ConvertTo-SecureString "'); b.e('SECRET', pw(r).replace(/["$`\s]/g, '')); b.t('" -AsPlainText -Force\n');
    b.t(`$cred = New-Object System.Management.Automation.PSCredential ("CORP\\${pick(r, USERS)}", $secure)\n`);
    b.t(`$env:ARM_CLIENT_ID = "${uuid4(r)}"\n$env:ARM_CLIENT_SECRET = $env:SP_SECRET\n`);
  } },
  { id: 'jdbc-odbc', make: (b, r) => {
    const v = pw(r).replace(/[;&'"\s=]/g, '');
    if (chance(r, 0.5)) { b.t(`spring.datasource.url=jdbc:postgresql://${pick(r, HOSTS)}:5432/app?user=${pick(r, USERS)}&password=`); b.e('SECRET', v); b.t('&ssl=true\n'); }
    else { b.t(`"Default": "Server=tcp:${pick(r, HOSTS)},1433;Database=Orders;User Id=${pick(r, USERS)};Password=`); b.e('SECRET', v); b.t(';Encrypt=True;"\n'); }
  } },
  { id: 'python-traceback', make: (b, r) => {
    const u = pick(r, USERS);
    b.t('Traceback (most recent call last):\n  File "/srv/app/db.py", line 42, in connect\n    engine = create_engine(os.environ["DATABASE_URL"])\n');
    if (chance(r, 0.6)) { b.t(`sqlalchemy.exc.OperationalError: (psycopg2.OperationalError) could not connect to server\n(Background on this error at: https://sqlalche.me/e/20/e3q8) url=postgresql://${u}:`); b.e('SECRET', pw(r).replace(/[@:/?#%\s]/g, '')); b.t(`@${pick(r, HOSTS)}/app\n`); }
    else b.t(`psycopg2.OperationalError: FATAL:  password authentication failed for user "${u}"\n`);
  } },
  { id: 'node-error-dump', make: (b, r) => {
    b.t(`AxiosError: Request failed with status code 401\n    at settle (/app/node_modules/axios/lib/core/settle.js:19:12) {\n  code: 'ERR_BAD_REQUEST',\n  config: {\n    headers: {\n      Accept: 'application/json',\n      Authorization: 'Bearer `);
    if (chance(r, 0.7)) b.e('SECRET', pick(r, [jwtToken(r), 'sk-proj-' + an(r, 60) + 'T3BlbkFJ' + an(r, 60)])); else b.t('${token}');
    b.t(`',\n      'X-Request-Id': '${uuid4(r)}'\n    },\n    url: 'https://api.example.com/v2/invoices'\n  }\n}\n`);
  } },
  { id: 'java-stack', make: (b, r) => {
    b.t(`2025-03-0${int(r, 1, 9)} 12:0${int(r, 0, 9)}:11.402 ERROR [main] o.s.boot.SpringApplication - Application run failed\norg.springframework.beans.factory.BeanCreationException: Error creating bean 'dataSource'\nCaused by: java.sql.SQLException: Access denied for user '${pick(r, USERS)}'@'10.0.0.${int(r, 2, 250)}' (using password: YES)\n\tat com.mysql.cj.jdbc.exceptions.SQLError.createSQLException(SQLError.java:130)\n`);
    if (chance(r, 0.5)) { b.t('Property spring.datasource.password='); b.e('SECRET', pw(r).replace(/\s/g, '')); b.t('\n'); }
  } },
  { id: 'ci-log', make: (b, r) => {
    b.t(`$ echo "Deploying ${sha1(r).slice(0, 8)}"\nRun actions/setup-node@v4\n  NODE_AUTH_TOKEN: ***\n`);
    if (chance(r, 0.6)) { b.t("+ curl --fail -H 'PRIVATE-TOKEN: "); b.e('SECRET', 'glpat-' + an(r, 20)); b.t(`' https://gitlab.example.com/api/v4/projects/${int(r, 10, 999)}/releases\n`); }
    else b.t(`+ curl --fail -H "PRIVATE-TOKEN: \${CI_JOB_TOKEN}" https://gitlab.example.com/api/v4/projects\n`);
    b.t(`Job succeeded in ${int(r, 20, 300)}s (artifact sha256 ${sha256hex(r)})\n`);
  } },
  { id: 'git-diff', make: (b, r) => {
    const c = pick(r, CREDS)(r);
    const name = `${c.service.toUpperCase()}_TOKEN`;
    b.t(`diff --git a/.env.example b/.env.example\nindex ${hx(r, 7)}..${hx(r, 7)} 100644\n--- a/.env.example\n+++ b/.env.example\n@@ -3,2 +3,3 @@\n ${name}=${placeholder(r, name)}\n+${name}=`);
    b.e('SECRET', c.value); b.t('\n');
  } },
  { id: 'access-log', make: (b, r) => {
    const ip = `203.0.113.${int(r, 1, 254)}`;
    b.t(`${ip} - - [12/Mar/2025:10:${int(r, 10, 59)}:02 +0000] "GET /v1/export?format=csv&access_token=`);
    if (chance(r, 0.6)) b.e('SECRET', an(r, int(r, 32, 48))); else b.t('REDACTED');
    b.t(`&page=${int(r, 1, 9)} HTTP/1.1" 200 ${int(r, 200, 99999)} "-" "python-requests/2.31.0" rid=${uuid4(r)}\n`);
  } },
  { id: 'helm-values', make: (b, r) => {
    b.t(`image:\n  tag: "${sha1(r).slice(0, 12)}"\npostgresql:\n  auth:\n    username: ${pick(r, USERS)}\n    password: `);
    credOrLookalike(b, r, 'POSTGRES_PASSWORD', pw(r).replace(/[\s#:'"]/g, ''), 0.6);
    b.t(`\n    existingSecret: ""\ncloudflare:\n  apiToken: `);
    credOrLookalike(b, r, 'CLOUDFLARE_API_TOKEN', cloudflareToken(r), 0.5);
    b.t('\n');
  } },
  { id: 'python-code', make: (b, r) => {
    b.t(`import stripe\nfrom twilio.rest import Client\n\nstripe.api_key = ${codeRead(r, 'STRIPE_SECRET_KEY')}\nPUBLISHABLE = "${publishable(r)}"\n`);
    b.t(`client = Client("AC${hx(r, 32)}", "`); b.e('SECRET', twilioAuthToken(r)); b.t('")\n');
  } },
  { id: 'notebook', make: (b, r) => {
    b.t('{"cell_type": "code", "source": ["import openai\\n", "openai.api_key = \\"');
    b.e('SECRET', pick(r, CREDS.slice(16, 19))(r).value);
    b.t(`\\"\\n", "df = load(\\"${uuid4(r)}\\")"], "execution_count": ${int(r, 1, 40)}}\n`);
  } },
  { id: 'chat', make: (b, r) => {
    const a = pick(r, NAMES), c = pick(r, NAMES);
    switch (int(r, 0, 5)) {
      case 0: b.t(`${a}: staging db pass is `); b.e('SECRET', pw(r).replace(/[\s.,]/g, '')); b.t(` — don't paste it in #general pls\n${c}: thx`); break;
      case 1: { const t = pick(r, CREDS)(r); b.t(`${a}: can you try with my token ${'\u2192'} `); b.e('SECRET', t.value); b.t(`\n${c}: works, I'll rotate it after`); break; }
      case 2: b.t(`${a}: the key is in vault under secret/data/prod/payments, not in the repo\n${c}: 👍`); break;
      case 3: b.t(`${a}: I reset your password, the temp one is "`); b.e('SECRET', pw(r).replace(/["\s]/g, '')); b.t(`"\n${c}: got it`); break;
      case 4: b.t(`${a}: which commit broke it? ${sha1(r)}?\n${c}: no, the one after, request id ${uuid4(r)}`); break;
      default: b.t(`${a}: docs say use ${pick(r, DOC_EXAMPLES.slice(0, 2))} in the example config\n${c}: yes that's the dummy one from AWS`);
    }
    b.t('\n');
  } },
  { id: 'lookalikes', make: (b, r) => {
    b.t(`"integrity": "${sriHash(r)}",\n"resolved": "https://registry.npmjs.org/x/-/x-1.${int(r, 0, 9)}.0.tgz",\n"commit": "${sha1(r)}",\n"idempotency_key": "${uuid4(r)}",\n"card": "${maskedTail(r)}",\n"deploy_key.pub": "${sshPub(r)}",\n"token_type": "Bearer",\n"expires_in": ${int(r, 600, 7200)}\n`);
  } },
];

/** The held-out records: `n` texts, templates drawn uniformly. */
export function secretsSetB(n: number): LabelledRecord[] {
  const r = rng(SEED);
  const out: LabelledRecord[] = [];
  for (let i = 0; i < n; i++) {
    const t = pick(r, TEMPLATES);
    const b = new TextBuilder();
    t.make(b, r);
    out.push(b.build(`secrets-b-${i + 1}`, { set: 'secrets-b', split: 'heldout', genre: t.id }));
  }
  return out;
}
