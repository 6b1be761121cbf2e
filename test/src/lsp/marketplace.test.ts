/** The extension as a Marketplace product: icon, banner, categories, keywords, repository and licence, all shipped in the .vsix. */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');
const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));

describe('extension manifest: Marketplace page', () => {
  it('names its icon (a 128×128 PNG the .vsix ships), banner, categories, keywords, repository and licence', () => {
    assert.equal(manifest.icon, 'images/icon.png');
    const png = fs.readFileSync(path.join(ROOT, manifest.icon));
    assert.deepEqual([png.subarray(1, 4).toString('ascii'), png.readUInt32BE(16), png.readUInt32BE(20)], ['PNG', 128, 128]);
    assert.deepEqual(manifest.galleryBanner, { color: '#032D60', theme: 'dark' });
    assert.deepEqual(manifest.categories, ['Linters', 'Programming Languages']);
    assert.ok(manifest.keywords.includes('salesforce') && manifest.keywords.includes('apex'));
    assert.match(manifest.repository.url, /^https:\/\/github\.com\//);
    assert.equal(manifest.license, 'MIT');
    assert.match(fs.readFileSync(path.join(ROOT, 'LICENSE'), 'utf8'), /^MIT License\n/);
    const shipped = fs.readFileSync(path.join(ROOT, '.vscodeignore'), 'utf8').split('\n');
    for (const file of ['!LICENSE', '!images/icon.png']) assert.ok(shipped.includes(file), file);
    // vsce no longer needs to be told to skip the licence or the repository.
    assert.doesNotMatch(manifest.scripts.package, /--skip-license|--allow-missing-repository/);
  });
});
