// cordon/transform is importable through the package's own name and from the facade.
import { it } from 'node:test';
import assert from 'node:assert/strict';

it('imports cordon/transform and cordon.transform', async () => {
  const t = await import('cordon/transform');
  assert.equal(typeof t.prepareOperator, 'function');
  assert.equal((await import('cordon')).transform.OPERATORS, t.OPERATORS);
});
