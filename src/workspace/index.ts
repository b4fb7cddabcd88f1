// cordon/workspace: CORDON_HOME, its config and opening everything in it. Re-exports only.
export { initWorkspace, openWorkspace, resolveHome, DEFAULT_KEY_NAME, type Workspace, type WorkspaceEnv, type InitOptions } from './workspace.js';
export { parseConfig, CONFIG_VERSION, type WorkspaceConfig } from './config.js';
