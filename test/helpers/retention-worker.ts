// Runs one retention apply in its own process and kills itself with SIGKILL (as kill -9 would)
// right after the named step: the crash tests of test/integration/retention-cli.test.ts. The
// workspace comes from the environment (CORDON_HOME, CORDON_MASTER_KEY); argv: <contract file>
// <now, ms since the epoch> <step to die after>.
import { readFileSync } from 'node:fs';
import { parseContract } from '../../src/contracts/parse-contract.js';
import { openSubjectIndex } from '../../src/erasure/open-index.js';
import { applyRetention } from '../../src/retention/apply-retention.js';
import { openWorkspace } from '../../src/workspace/workspace.js';

const [contractFile, now, killAt] = process.argv.slice(2) as [string, string, string];
const ws = await openWorkspace();
const index = await openSubjectIndex({ kind: 'local', home: ws.home });
const vault = await ws.openVault();
const log = ws.auditLog;
await applyRetention({ contracts: [parseContract(readFileSync(contractFile, 'utf8'))], now: Number(now), principal: 'test-user' }, {
  index, keyring: ws.keyring, vault, destroyKeyVersions: true,
  audit: { async append(e) { return log === undefined ? undefined : (await log.appendMany([e])).first; } },
  onStep: (step) => { if (step === killAt) process.kill(process.pid, 'SIGKILL'); },
});
// Reaching here means the step never came: the test fails on the exit status.
process.exit(3);
