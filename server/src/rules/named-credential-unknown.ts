import { endpointsOf } from '../analysis/endpoints';
import { defineRule } from './rule';

/** Edit distance, for "did you mean": names are short, so the quadratic table is fine. */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = row;
  }
  return prev[b.length];
}

/** The defined name closest to `name`, when it is close enough to be a typo or a rename. */
export function closestName(name: string, defined: string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: { name: string; d: number } | undefined;
  for (const candidate of defined) {
    const d = distance(lower, candidate.toLowerCase());
    if (!best || d < best.d) best = { name: candidate, d };
  }
  if (best && best.d <= Math.max(2, Math.floor(name.length / 3))) return best.name;
  // `Google_Drive` for `Google`, `AWSS3Cred` for `AWSS3`: one name extends the other.
  return defined.find((d) => d.length >= 3 && (lower.startsWith(d.toLowerCase()) || d.toLowerCase().startsWith(lower)));
}

export default defineRule(
  {
    id: 'named-credential-unknown',
    description: 'callout:Name names a Named Credential that the project does not define',
    defaultSeverity: 'info',
    fixable: false,
    testCode: 'report',
    messages: {
      unknownNamedCredential:
        "No Named Credential '{{name}}' in this project: did you mean '{{closest}}'? The callout fails at run time unless the org defines '{{name}}'",
    },
  },
  (ctx) => {
    const named = ctx.project?.namedCredentials.map((nc) => nc.name) ?? [];
    const defined = [...named, ...(ctx.project?.externalCredentials ?? [])];
    // No credential metadata at all: they may live only in the org.
    if (defined.length === 0) return;
    const known = new Set(defined.map((n) => n.toLowerCase()));
    for (const { type, method } of ctx.members()) {
      for (const { call, value } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (value.kind !== 'string') continue;
        const m = /^callout:([^/?]+)([/?]|$)/i.exec(value.prefix);
        // The name must be complete: `'callout:' + name` is decided at run time.
        if (!m || (m[2] === '' && !value.complete)) continue;
        if (known.has(m[1].toLowerCase())) continue;
        // With no defined name close to it, the credential may live only in the org (a scaffold's
        // `--named-credential ERP`): latent, not reported. A near miss is a typo or a rename.
        const closest = closestName(m[1], defined);
        if (!closest) continue;
        ctx.report({
          span: call.span,
          messageId: 'unknownNamedCredential',
          data: { name: m[1], closest },
        });
      }
    }
  },
);
