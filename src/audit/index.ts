// cordon/audit: security events, sinks and the tamper-evident Merkle log. Re-exports only.
export type { AuditEvent, AuditEventType, AuditSink } from './event.js';
export { JsonlAuditSink, MemoryAuditSink } from './jsonl-sink.js';
export { TeeAuditSink } from './tee-sink.js';
export { auditEvent } from './make-event.js';
export { subjectCommitment, SUBJECT_COMMITMENT_PREFIX } from './commitment.js';
export { encodeEntry, decodeEntry, type LoggedEvent } from './entry.js';
export { leafHash, nodeHash, EMPTY_ROOT, HASH_LENGTH } from './merkle/hash.js';
export { treeHash, subtreeHash, inclusionProof, consistencyProof, TreeBuilder, type NodeSource } from './merkle/tree.js';
export { verifyInclusion, verifyConsistency, rootFromInclusionProof } from './merkle/verify.js';
export { noteKeyId, signNote, openNote, formatVerifierKey, parseVerifierKey, ed25519NoteSigner, type NoteSigner, type NoteVerifier, type OpenedNote } from './signed-note.js';
export { formatCheckpoint, parseCheckpoint, type CheckpointBody } from './checkpoint.js';
export { MerkleAuditLog, type MerkleAuditLogOptions, type InclusionProofBundle } from './log.js';
export { verifyAuditLog, type AuditVerifyReport, type AuditProblem, type AuditProblemKind, type VerifyLogOptions } from './verify-log.js';
export { toEcs, ECS_VERSION } from './ecs.js';
export { SqliteAuditStore } from './store/sqlite.js';
export { PostgresAuditStore } from './store/postgres.js';
export type { AuditStore, StoredEntry, StoredCheckpoint, AuditQuery, NodeRef } from './store/types.js';
