/**
 * A scenario: named steps run in order against one shared state, each
 * screenshotted when it ends (`NN-name.png`, or `NN-name-FAILED.png`), a
 * failing step does not stop the ones after it, and the run ends with
 * `N passed, N failed` and a non-zero exit status when any step failed.
 * `only` (a RegExp) runs the steps whose names match and says which it left out.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export class Scenario {
  constructor(name, folder) {
    this.name = name;
    this.folder = folder;
    this.steps = [];
    this.results = [];
  }

  step(name, run) {
    this.steps.push({ name, run });
  }

  /** `screenshot(file)` takes a screenshot; it is called after every step, passed or failed. `only`: see above. */
  async run(screenshot, only) {
    const shots = path.join(this.folder, 'screenshots');
    fs.mkdirSync(shots, { recursive: true });
    console.log(`${this.name}: screenshots in ${shots}`);
    for (const [i, step] of this.steps.entries()) {
      if (only && !only.test(step.name)) {
        console.log(`- ${step.name} (left out: --only ${only.source})`);
        continue;
      }
      const slug = `${String(i).padStart(2, '0')}-${step.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '-')
        .replace(/^-|-$/g, '')}`;
      const started = Date.now();
      let error;
      try {
        await step.run();
      } catch (e) {
        error = e;
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      const file = path.join(shots, `${slug}${error ? '-FAILED' : ''}.png`);
      await screenshot(file).catch((e) => console.log(`  (no screenshot: ${e.message})`));
      this.results.push({ name: step.name, ok: !error, seconds });
      if (error)
        console.log(
          `✗ ${step.name} (${seconds} s)\n    ${String(error.stack ?? error)
            .split('\n')
            .join('\n    ')}\n    screenshot: ${file}`,
        );
      else console.log(`✓ ${step.name} (${seconds} s)`);
    }
    const passed = this.results.filter((r) => r.ok).length;
    const failed = this.results.length - passed;
    return { passed, failed };
  }
}

/** Deep equality with a readable message (node:assert's, without importing it in every file). */
export { strict as assert } from 'node:assert';
