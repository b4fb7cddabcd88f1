// cordon/formats: pure wire formats. Re-exports only.
export * from './encrypted-file.js';
