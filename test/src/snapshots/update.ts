/**
 * `npm run test:update-snapshots`: rewrites test/snapshots/ from the built CLI
 * (every fixture and example project), removes snapshots whose fixture is
 * gone, and says which files changed, so the diff can be reviewed like code.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderSnapshots, SNAPSHOT_DIR, storedSnapshots } from '../support/snapshots';

const fresh = renderSnapshots();
const stored = storedSnapshots();
let changed = 0;
for (const [name, text] of fresh) {
  if (stored.get(name) === text) continue;
  const file = path.join(SNAPSHOT_DIR, ...name.split('/'));
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
  console.log(`${stored.has(name) ? 'updated' : 'added'}  test/snapshots/${name}`);
  changed++;
}
for (const name of stored.keys()) {
  if (fresh.has(name)) continue;
  fs.rmSync(path.join(SNAPSHOT_DIR, ...name.split('/')));
  console.log(`removed  test/snapshots/${name}`);
  changed++;
}
console.log(`${fresh.size} snapshots, ${changed} changed`);
