// `cordon rag ingest` and `cordon rag query`: documents into a workspace's RAG index (chunked,
// redacted before embedding, tagged from a contract, provenance signed) and entitlement-filtered
// retrieval for a principal and purpose (docs/rag.md). Parse → call src/rag → print. The vector
// store is the workspace's rag/ folder (LanceDB); the provenance key is cordon-rag-provenance in the
// key store (workspace/signing-keys.ts), created on first ingest unless --signing-key names a file. Both commands are audited (ids and counts only).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Command } from 'commander';
import { keyFingerprint, parsePublicKeyPem, type PrivateSigningKey, type PublicSigningKey } from '../../crypto/signing-keys.js';
import { CLASSIFICATIONS, type Classification } from '../../contracts/types.js';
import { CordonError } from '../../errors.js';
import type { AttributeValue } from '../../policy/types.js';
import { readPrivateKeyFile } from '../../sign/key-files.js';
import { workspacePolicies } from '../../workspace/policies.js';
import { PROVENANCE_SIGNING, workspaceSigningKey, workspaceVerificationKeys } from '../../workspace/signing-keys.js';
import { resolvePrincipal, type Workspace } from '../../workspace/workspace.js';
import { registerMigrateKey } from '../migrate-signing-key.js';
import { withWorkspace } from '../context.js';
import { collectList, parsePositiveInt, parseProfile } from '../options.js';
import { readContract } from '../workspace-data.js';
import { selectDataset } from '../../contracts/select-dataset.js';
import { openSubjectIndex } from '../../erasure/open-index.js';
import { subjectTagger } from '../../erasure/subject-tagger.js';
import type { ProfileName } from '../../detect/profiles/table.js';
import type { Embedder } from '../../rag/types.js';

const RAG_DIR = 'rag';

// Loaded on use: LanceDB is a native module and Cedar ~4 MB of wasm; no other command pays for them.
const loadRag = (): Promise<typeof import('../../rag/index.js')> => import('../../rag/index.js');

interface EmbedFlags { embeddingsUrl?: string; embeddingsModel?: string; dimensions?: number }

async function embedderFrom(f: EmbedFlags): Promise<Embedder> {
  const { hashedEmbedder, httpEmbedder } = await loadRag();
  const url = f.embeddingsUrl ?? process.env.CORDON_EMBEDDINGS_URL;
  if (url === undefined || url === '') return hashedEmbedder(f.dimensions !== undefined ? { dimensions: f.dimensions } : {});
  const model = f.embeddingsModel ?? process.env.CORDON_EMBEDDINGS_MODEL;
  if (model === undefined || model === '') throw new CordonError('ERR_USAGE', '--embeddings-url needs --embeddings-model (or CORDON_EMBEDDINGS_MODEL)');
  const apiKey = process.env.CORDON_EMBEDDINGS_API_KEY;
  return httpEmbedder({ url, model, ...(apiKey ? { apiKey } : {}), ...(f.dimensions !== undefined ? { dimensions: f.dimensions } : {}) });
}

/** The provenance signer: a key file given with --signing-key, or the workspace key store's. */
async function signingKey(ws: Workspace, path: string | undefined): Promise<PrivateSigningKey> {
  return path !== undefined ? readPrivateKeyFile(path) : workspaceSigningKey(ws, PROVENANCE_SIGNING);
}

/**
 * The keys chunk provenance is checked against: --verify-key, or every version of the workspace's
 * provenance key. Fails closed: with neither, nothing is retrieved (an unverifiable index is not
 * read as if it were verified).
 */
async function verifyKeys(ws: Workspace, path: string | undefined): Promise<PublicSigningKey[]> {
  if (path !== undefined) {
    try {
      return [parsePublicKeyPem(readFileSync(path, 'utf8'))];
    } catch (e) {
      if (e instanceof CordonError) throw e;
      throw new CordonError('ERR_IO', `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
    }
  }
  const keys = await workspaceVerificationKeys(ws, PROVENANCE_SIGNING);
  if (keys.length === 0) throw new CordonError('ERR_KEY_NOT_FOUND', `this workspace has no ${PROVENANCE_SIGNING.name} key to verify chunk provenance with (indexes built with --signing-key FILE: pass its public key with --verify-key)`);
  return keys;
}

function parseClassification(v: string): Classification {
  if (!(CLASSIFICATIONS as readonly string[]).includes(v)) throw new CordonError('ERR_USAGE', `--classification must be one of ${CLASSIFICATIONS.join(', ')}`);
  return v as Classification;
}

function collectAttribute(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) throw new CordonError('ERR_USAGE', `--attribute expects key=value, got ${JSON.stringify(value)}`);
  return { ...previous, [value.slice(0, eq)]: value.slice(eq + 1) };
}

/** `key=value,key=value` (CORDON_ATTRIBUTES) → attributes. */
function attributesFromEnv(v: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const pair of (v ?? '').split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new CordonError('ERR_USAGE', 'CORDON_ATTRIBUTES is a comma-separated list of key=value');
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

/**
 * Who asks, as every other command derives it: CORDON_PRINCIPAL (else local:<user>), CORDON_ROLES,
 * CORDON_TENANT, CORDON_ATTRIBUTES and CORDON_PRINCIPAL_KIND, set by whoever runs the command
 * (a deployment, a job's identity). The flags cannot claim an identity: each must restate what the
 * environment holds (--principal the same id, --tenant the same tenant, --role a role held,
 * --attribute a value held, --service the kind), else ERR_USAGE. The principal keeps every role
 * and attribute it holds, so a policy that forbids one of them still applies.
 */
function queryPrincipal(f: QueryFlags, env: NodeJS.ProcessEnv) {
  const id = resolvePrincipal(env);
  const roles = (env.CORDON_ROLES ?? '').split(',').map((r) => r.trim()).filter((r) => r !== '');
  const tenant = env.CORDON_TENANT !== undefined && env.CORDON_TENANT !== '' ? env.CORDON_TENANT : undefined;
  const held = attributesFromEnv(env.CORDON_ATTRIBUTES);
  const kindEnv = env.CORDON_PRINCIPAL_KIND ?? 'user';
  if (kindEnv !== 'user' && kindEnv !== 'service') throw new CordonError('ERR_USAGE', 'CORDON_PRINCIPAL_KIND must be user or service');
  const claim = (what: string) => new CordonError('ERR_USAGE', `${what}: the caller's identity comes from CORDON_PRINCIPAL, CORDON_ROLES, CORDON_TENANT, CORDON_ATTRIBUTES and CORDON_PRINCIPAL_KIND; a flag can only restate it (docs/rag.md)`);
  if (f.principal !== undefined && f.principal !== id) throw claim('--principal names someone other than the caller');
  if (f.tenant !== undefined && f.tenant !== tenant) throw claim('--tenant is not the caller\'s tenant');
  for (const r of f.role ?? []) if (!roles.includes(r)) throw claim('--role names a role the caller does not hold');
  for (const [k, v] of Object.entries(f.attribute ?? {})) if (held[k] !== v) throw claim('--attribute names a value the caller does not hold');
  if (f.service === true && kindEnv !== 'service') throw claim('--service but the caller is not a service');
  const attributes: Record<string, AttributeValue> = { ...held };
  return { id, roles, attributes, ...(tenant !== undefined ? { tenant } : {}), kind: kindEnv as 'user' | 'service' };
}

interface IngestFlags extends EmbedFlags { index: string; contract: string; dataset?: string; classification?: Classification; maxChars?: number; signingKey?: string; profile?: ProfileName; json?: boolean }
interface QueryFlags extends EmbedFlags { contract?: string; profile?: ProfileName; index: string; principal?: string; purpose: string; role?: string[]; tenant?: string; attribute?: Record<string, string>; service?: boolean; top?: number; policies?: string; verifyKey?: string; dropFlagged?: boolean; prompt?: boolean; json?: boolean }

export function registerRag(program: Command): void {
  const rag = program.command('rag')
    .description('RAG guard: ingest documents into an index and retrieve only the chunks a principal may read (docs/rag.md)')
    .addHelpText('after', '\nExamples:\n  cordon rag ingest handbook.md faq.md --index kb --contract kb.odcs.yaml\n  CORDON_PRINCIPAL=support-bot CORDON_ROLES=llm-app CORDON_TENANT=acme cordon rag query --index kb --purpose support "how do refunds work"');

  rag.command('ingest <docs...>')
    .description('split documents into chunks, sanitise them, redact detected values, tag each chunk from the contract, sign its provenance and store it (audited)')
    .requiredOption('--index <name>', 'the index to add to (created on first use): a-z, 0-9, - and _')
    .requiredOption('-c, --contract <contract.yaml>', 'the contract whose tenant, classifications and purposes tag the chunks')
    .option('--dataset <name>', 'the contract\'s dataset, when it describes several')
    .option('--classification <class>', 'the lowest classification a chunk gets: public, internal (default), confidential or restricted', parseClassification)
    .option('--max-chars <n>', 'largest chunk in characters, 64 to 100000 (default 1200)', parsePositiveInt('--max-chars', { min: 64, max: 100_000 }))
    .option('--profile <name>', 'detection profile for redaction (default: none, every entity); the index records it and refuses another (ERR_RAG_PROFILE_MISMATCH)', parseProfile)
    .option('--signing-key <key.pem>', 'the Ed25519/ECDSA key file that signs chunk provenance (default: the workspace key store\'s cordon-rag-provenance, wrapped by the master key, created on first use)')
    .option('--embeddings-url <url>', 'an OpenAI-compatible endpoint base, e.g. http://127.0.0.1:8080/v1 (default: CORDON_EMBEDDINGS_URL, else the local hashed embedder)')
    .option('--embeddings-model <model>', 'the model name the endpoint expects (or CORDON_EMBEDDINGS_MODEL); the API key comes from CORDON_EMBEDDINGS_API_KEY')
    .option('--dimensions <n>', 'vector length (hashed embedder: default 512)', parsePositiveInt('--dimensions'))
    .option('--json', 'print the result as JSON')
    .addHelpText('after', `
Each chunk keeps its offsets in the source file. Detected values (names, e-mails, card numbers, ...)
become typed placeholders (<EMAIL_ADDRESS_1>) before anything is embedded or stored; the values are not
kept. The index records the contract (id, version, SHA-256, custom recognizers): later ingestions must
use the same one (ERR_RAG_CONTRACT_MISMATCH) and queries redact with it. It records the detection
profile too (--profile, or none): ingesting with another is refused (ERR_RAG_PROFILE_MISMATCH). A chunk's tenant is the contract's; its classification the highest of --classification and of
the contract columns declaring the entities it held (an undeclared entity counts as confidential);
its allowed purposes those every such column allows. Re-ingesting a file replaces its chunks.
A .jsonl (or .ndjson) document holds one record per line, {"text": "...", "subject": "cust-42"}
("subject" optional, a string or a list): each record is a source of its own, and when the
contract's dataset has a subject (primaryKey) its chunks record the subject's keyed commitment
(never the id) so that cordon erase deletes them; records of erased subjects are not ingested.

Examples:
  cordon rag ingest docs/*.md --index kb --contract kb.odcs.yaml
  cordon rag ingest tickets.txt --index support --contract support.odcs.yaml --classification confidential --json
  CORDON_EMBEDDINGS_API_KEY=… cordon rag ingest faq.md --index kb -c kb.odcs.yaml --embeddings-url http://127.0.0.1:8080/v1 --embeddings-model bge-small`)
    .action(async (docs: string[], f: IngestFlags) => {
      await withWorkspace(async (ws) => {
        const { ingestDocuments, LanceChunkStore } = await loadRag();
        const contract = readContract(f.contract);
        const documents = docs.map((path) => {
          try {
            return { name: path, bytes: new Uint8Array(readFileSync(path)) };
          } catch (e) {
            throw new CordonError('ERR_IO', `cannot read ${path}`, { cause: e });
          }
        });
        const key = await signingKey(ws, f.signingKey);
        const embedder = await embedderFrom(f);
        // A dataset with a subject (primaryKey): JSONL records name theirs, recorded by commitment.
        const dataset = selectDataset(contract, f.dataset);
        const index = dataset.subject === undefined ? undefined : await openSubjectIndex(ws.store.kind === 'local' ? { kind: 'local', home: ws.home } : { kind: 'postgres', url: ws.store.url });
        const store = await LanceChunkStore.open(join(ws.home, RAG_DIR));
        try {
          const subjects = index === undefined ? undefined : await subjectTagger(index, ws.keyring, contract.id, dataset);
          const r = await ingestDocuments(documents, {
            ...(subjects !== undefined ? { subjects } : {}),
            index: f.index, contract, store, embedder, signer: { key, keyid: keyFingerprint(key.publicKey) },
            ...(f.dataset !== undefined ? { dataset: f.dataset } : {}),
            ...(f.classification !== undefined ? { base: f.classification } : {}),
            ...(f.maxChars !== undefined ? { maxChars: f.maxChars } : {}),
            ...(f.profile !== undefined ? { profile: f.profile } : {}),
            audit: { sink: ws.audit, principal: resolvePrincipal() },
          });
          if (f.json) process.stdout.write(JSON.stringify(r) + '\n');
          else {
            for (const d of r.documents) process.stdout.write(`${d.name}: ${d.chunks} chunks (sha256:${d.sha256.slice(0, 16)}…)\n`);
            const red = Object.entries(r.redacted).map(([k, n]) => `${k} ${n}`).join(', ');
            const cls = Object.entries(r.classifications).map(([k, n]) => `${k} ${n}`).join(', ');
            process.stdout.write(`index ${r.index}: ${r.chunks} chunks stored (${cls || 'none'}); redacted: ${red || 'nothing'}\n`);
            if (r.subjects.chunks > 0 || r.subjects.erased > 0) process.stdout.write(`subjects: ${r.subjects.chunks} chunk(s) name a subject; ${r.subjects.erased} record(s) of erased subjects not ingested\n`);
          }
        } finally {
          await store.close();
          await index?.close();
        }
      });
    });

  rag.command('query <question>')
    .description('print the chunks of an index nearest to a question that the policies let a principal read for a purpose (audited)')
    .requiredOption('--index <name>', 'the index to search')
    .requiredOption('--purpose <purpose>', 'why the chunks are needed; the rag:read policies decide with it')
    .option('--principal <id>', 'who asks: must be the caller (CORDON_PRINCIPAL, else local:<user>); a flag never changes the identity')
    .option('--role <role>', 'a role the caller holds (CORDON_ROLES); refused if it does not (repeatable)', collectList)
    .option('--tenant <tenant>', 'the caller\'s tenant (CORDON_TENANT); refused if it differs')
    .option('--attribute <key=value>', 'an attribute the caller holds (CORDON_ATTRIBUTES, e.g. clearance=restricted); refused if it does not (repeatable)', collectAttribute)
    .option('--service', 'the caller is a workload (CORDON_PRINCIPAL_KIND=service); refused if it is not')
    .option('-c, --contract <file>', 'the contract the index was ingested with (default: the one the index recorded at ingestion; another is refused, ERR_RAG_CONTRACT_MISMATCH): its custom recognizers (cordonRecognizers) redact the question too, before it is embedded')
    .option('--profile <name>', 'detection profile for redacting the question (default: the one the index recorded at ingestion; another is refused, ERR_RAG_PROFILE_MISMATCH)', parseProfile)
    .option('-k, --top <n>', 'how many chunks (default 5, at most 100)', parsePositiveInt('--top'))
    .option('--policies <dir>', 'the Cedar policy folder that decides (default: the workspace\'s policies/)')
    .option('--verify-key <key.pub.pem>', 'verify chunk provenance with this public key (default: every version of the workspace\'s cordon-rag-provenance key; one of the two is required: unverifiable chunks are never returned)')
    .option('--embeddings-url <url>', 'the endpoint the index was built with (or CORDON_EMBEDDINGS_URL)')
    .option('--embeddings-model <model>', 'its model (or CORDON_EMBEDDINGS_MODEL)')
    .option('--dimensions <n>', 'vector length the index was built with (hashed embedder)', parsePositiveInt('--dimensions'))
    .option('--drop-flagged', 'leave out chunks the prompt-injection scan flags (default: print them marked)')
    .option('--prompt', 'print the chunks spotlighted for a prompt (random per-request delimiters, role tokens neutralised)')
    .option('--json', 'print {"chunks": [...], "considered", "denied", "unverified", "flagged"} as JSON')
    .addHelpText('after', `
The policies for action "rag:read" on Cordon::Chunk (policies/rag.cedar) become a filter the vector
store applies inside the search (tenant, classification, purpose), every returned chunk is checked
again with the policies and its signed provenance verified, and the search reads further until the
top k is filled from permitted chunks only. Each chunk is scanned for prompt injection as retrieved
data (marked FLAGGED, or left out with --drop-flagged). A principal the policies let read nothing gets
ERR_POLICY_DENIED (exit 4); an index that does not exist ERR_RAG_INDEX_NOT_FOUND (exit 3); a --contract
other than the one the index was ingested with ERR_RAG_CONTRACT_MISMATCH (exit 3), and a --profile
other than its recorded one ERR_RAG_PROFILE_MISMATCH (exit 3).
The caller is CORDON_PRINCIPAL (else local:<user>) with CORDON_ROLES, CORDON_TENANT,
CORDON_ATTRIBUTES (key=value,...) and CORDON_PRINCIPAL_KIND (user or service): the identity whoever
runs the command set, as for every command; --principal, --role, --tenant, --attribute and --service
can only restate it (ERR_USAGE otherwise).

Examples:
  cordon rag query --index kb --purpose support --prompt "refund window"
  cordon rag query --index kb --contract kb.odcs.yaml --purpose support "refunds approved by EMP-123456"
  CORDON_PRINCIPAL=support-bot CORDON_PRINCIPAL_KIND=service CORDON_ROLES=llm-app CORDON_TENANT=acme cordon rag query --index kb --purpose support "refund window"
  CORDON_PRINCIPAL=fraud-bot CORDON_ROLES=llm-app CORDON_TENANT=acme CORDON_ATTRIBUTES=clearance=restricted cordon rag query --index kb --purpose fraud -k 3 --json "chargeback"`)
    .action(async (question: string, f: QueryFlags) => {
      await withWorkspace(async (ws) => {
        const { retrieve, LanceChunkStore } = await loadRag();
        const { PolicyEngine } = await import('../../policy/policy-engine.js');
        const principal = queryPrincipal(f, process.env);
        let pdp;
        if (f.policies !== undefined) pdp = PolicyEngine.load(f.policies);
        else {
          const found = workspacePolicies(ws.home);
          if (found.kind !== 'cedar') throw new CordonError('ERR_POLICY_DENIED', 'no Cedar policy folder in the workspace: no chunk is retrieved until there is one (`cordon policy init`, docs/rag.md)');
          pdp = PolicyEngine.load(found.dir);
        }
        // The question is redacted as ingestion redacted the chunks: by default with the contract the
        // index recorded; --contract must name that same contract (ERR_RAG_CONTRACT_MISMATCH otherwise).
        const contract = f.contract !== undefined ? readContract(f.contract) : undefined;
        const embedder = await embedderFrom(f);
        const keys = await verifyKeys(ws, f.verifyKey);
        const store = await LanceChunkStore.open(join(ws.home, RAG_DIR));
        try {
          const r = await retrieve(question, principal, f.purpose, {
            index: f.index, store, embedder, pdp, audit: { sink: ws.audit },
            ...(contract !== undefined ? { contract } : {}), ...(f.profile !== undefined ? { profile: f.profile } : {}),
            ...(f.top !== undefined ? { k: f.top } : {}), verifyKey: keys,
            injection: f.dropFlagged ? 'drop' : 'mark',
          });
          if (f.json) {
            process.stdout.write(JSON.stringify({
              chunks: r.chunks, considered: r.considered, denied: r.denied, unverified: r.unverified, flagged: r.flagged,
              ...(f.prompt ? { prompt: { instructions: r.spotlighted.instructions, text: r.spotlighted.text } } : {}),
            }) + '\n');
          } else if (f.prompt) {
            process.stdout.write(`${r.spotlighted.instructions}\n\n${r.spotlighted.text}\n`);
          } else {
            for (const c of r.chunks) process.stdout.write(`--- ${c.id} ${c.source} [${c.start}, ${c.end}) ${c.classification} distance ${c.distance.toFixed(4)}${c.injection?.flagged ? ` FLAGGED injection ${c.injection.score.toFixed(2)}` : ''}\n${c.text}\n`);
            process.stderr.write(`${r.chunks.length} chunk(s) permitted\n`);
          }
        } finally {
          await store.close();
        }
      });
    });
  registerMigrateKey(rag, PROVENANCE_SIGNING);
}
