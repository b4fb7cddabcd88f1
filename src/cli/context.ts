// Opens the workspace for a command and always closes it.
import { openWorkspace, type Workspace } from '../workspace/workspace.js';
import { notice } from './output.js';

export async function withWorkspace<T>(fn: (ws: Workspace) => Promise<T>): Promise<T> {
  const ws = await openWorkspace({ onNotice: notice });
  try {
    return await fn(ws);
  } finally {
    await ws.close();
  }
}
