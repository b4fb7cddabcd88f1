// Runs one erasure in its own process and kills itself with SIGKILL (as kill -9 would) right after
// the named step: the crash tests of test/integration/erase-crash.test.ts. The workspace comes from
// the environment (CORDON_HOME, CORDON_MASTER_KEY); argv: <subject id> <step to die after>.
import { subjectCommitment } from '../../src/audit/commitment.js';
import { eraseSubject } from '../../src/erasure/erase-subject.js';
import { openSubjectIndex } from '../../src/erasure/open-index.js';
import { openWorkspace } from '../../src/workspace/workspace.js';

const [subjectId, killAt] = process.argv.slice(2) as [string, string];
const ws = await openWorkspace();
const index = await openSubjectIndex({ kind: 'local', home: ws.home });
const vault = await ws.openVault();
const log = ws.auditLog;
await eraseSubject({ subjectId, reason: 'crash test', principal: 'test-user' }, {
  index, keyring: ws.keyring, vault,
  auditSubject: subjectCommitment(subjectId, (await ws.auditKeys()).commitmentKey),
  audit: { async append(e) { return log === undefined ? undefined : (await log.appendMany([e])).first; } },
  onStep: (step) => { if (step === killAt) process.kill(process.pid, 'SIGKILL'); },
});
// Reaching here means the step never came: the test fails on the exit status.
process.exit(3);
