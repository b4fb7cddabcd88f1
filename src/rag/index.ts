// cordon/rag: RAG ingestion (chunk, sanitise, redact before embedding, classify, sign provenance,
// store) and entitlement-filtered retrieval with spotlighting (docs/rag.md). Re-exports only.
export { INDEX_NAME, TAG_VALUE, type ChunkTags, type StoredChunk, type ChunkHit, type ChunkStore, type ChunkPredicate, type PredicateTerm, type TenantCondition, type PurposeCondition, type Embedder, type IndexMeta } from './types.js';
export { splitText, DEFAULT_CHUNK_CHARS, type TextChunk, type SplitOptions } from './split-text.js';
export { hashedEmbedder, hashedVector } from './embed-hashed.js';
export { httpEmbedder, type HttpEmbedderOptions } from './embed-http.js';
export { classifyChunk, type ClassifyOptions } from './classify-chunk.js';
export { signProvenance, verifyProvenance, provenanceStatement, PROVENANCE_PAYLOAD_TYPE } from './sign-provenance.js';
export { ingestDocuments, MAX_DOCUMENT_BYTES, type IngestDocument, type IngestOptions, type IngestResult, type Sanitiser } from './ingest.js';
export { entitlementPredicate, chunkRequest, checkTagValue, RAG_READ, type Authorizer } from './entitlement-predicate.js';
export { retrieve, MAX_K, MAX_QUERY_CHARS, type RetrieveOptions, type RetrieveResult, type RetrievedChunk } from './retrieve.js';
export { spotlight, neutralise, type Spotlighted, type SpotlightChunk } from './spotlight.js';
export { LanceChunkStore, predicateSql } from './lancedb-store.js';
