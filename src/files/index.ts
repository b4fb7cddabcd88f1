// cordon/files: encrypted files at rest (streaming, seekable, rewrappable). Re-exports only.
export { encryptStream, contextEntries, FILE_SUITE, type EncryptOptions, type EncryptResult } from './encrypt.js';
export { decryptStream, type DecryptOptions, type DecryptResult } from './decrypt.js';
export { rewrapFile, type RewrapResult } from './rewrap.js';
export { EncryptedFileReader } from './reader.js';
export { encryptFile, decryptFile } from './file-ops.js';
export { FileSource, StreamSource, FdSink, StreamSink, AtomicFile, abortPendingFiles, sameFile, readFully, type ByteSource, type ByteSink } from './io.js';
