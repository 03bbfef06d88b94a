// Shared by the node tests: run `fn`, expect it to throw o2okit's O2OError with `code` (and
// `category` when given), a real Error whose `details` carry the same code, category and
// message (plus `event_index` for a replayed log's error).
import assert from 'node:assert/strict';

import { O2OError } from 'o2okit';

export function throwsCode(fn, code, category) {
  let caught;
  try {
    fn();
  } catch (err) {
    caught = err;
  }
  assert.ok(caught !== undefined, `expected an error with code ${code}`);
  assert.ok(caught instanceof Error, 'a real Error');
  assert.ok(caught instanceof O2OError, 'an O2OError');
  assert.equal(caught.name, 'O2OError');
  assert.equal(caught.code, code, caught.message);
  if (category !== undefined) assert.equal(caught.category, category);
  const { event_index: _eventIndex, ...details } = caught.details;
  assert.deepEqual(details, { code, category: caught.category, message: caught.message });
  return caught;
}
