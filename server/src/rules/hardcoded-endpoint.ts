import { endpointsOf } from '../analysis/callouts';
import type { LiteralRef } from '../analysis/constants';
import type { ProjectInfo } from '../base/project-info';
import { namedCredentialFile, namedCredentialNameProblem } from '../scaffold';
import { defineRule, type FixSpec } from './rule';

export function shown(url: string, complete: boolean): string {
  const text = url.length > 60 ? url.slice(0, 57) + '...' : url;
  return complete || url.length > 60 ? text : `${text}...`;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** `erp.example.com` → `Erp`; `legacy-erp.example.com` → `Legacy_Erp`; `api.stripe.com` → `Stripe`. */
export function credentialNameFor(host: string): string {
  const labels = host
    .toLowerCase()
    .split('.')
    .filter((l) => l && !['www', 'api'].includes(l));
  const label = labels.length > 1 ? labels[0] : (labels[0] ?? 'Endpoint');
  const name = label
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('_');
  return /^[A-Za-z]/.test(name) ? name : `Endpoint_${name}`;
}

/**
 * Replace the URL's start with `callout:<Name>`: an existing Named Credential
 * of the project whose URL the endpoint starts with (the longest wins), or a
 * new one named after the host, created in the project's default package
 * directory. Only for literals the fix can see and only with project info.
 */
function namedCredentialFix(literal: LiteralRef, project: ProjectInfo | undefined): FixSpec | undefined {
  if (!project?.sfdx.hasProjectFile) return undefined;
  const raw = literal.file.source.text.slice(literal.span.start, literal.span.end);
  const inner = raw.slice(1, -1);
  if (!/^https:\/\//i.test(inner) || inner.includes('\\')) return undefined;
  const lower = inner.toLowerCase();
  const existing = project.namedCredentials
    .filter((nc) => nc.url && /^https:\/\//i.test(nc.url))
    .map((nc) => ({ nc, url: trimSlash(nc.url!) }))
    .filter(({ url }) => lower === url.toLowerCase() || lower.startsWith(url.toLowerCase() + '/') || lower.startsWith(url.toLowerCase() + '?'))
    .sort((a, b) => b.url.length - a.url.length)[0];
  const edit = (name: string, rest: string) => ({ span: literal.span, text: `'callout:${name}${rest}'`, file: literal.file });
  if (existing) {
    return {
      title: `Use the Named Credential ${existing.nc.name} (callout:${existing.nc.name})`,
      safe: false,
      edits: [edit(existing.nc.name, inner.slice(existing.url.length))],
    };
  }
  let url: URL;
  try {
    url = new URL(inner);
  } catch {
    return undefined;
  }
  const origin = `${url.protocol}//${url.host}`;
  const taken = new Set(project.namedCredentials.map((nc) => nc.name.toLowerCase()));
  const base = credentialNameFor(url.hostname);
  let name = base;
  for (let i = 2; taken.has(name.toLowerCase()); i++) name = `${base}_${i}`;
  if (namedCredentialNameProblem(name)) return undefined;
  const file = namedCredentialFile(project.sfdx, name, origin);
  return {
    title: `Create the Named Credential ${name} for ${origin} and use callout:${name}`,
    safe: false,
    edits: [edit(name, inner.slice(origin.length))],
    creates: [{ path: file.path, text: file.text }],
  };
}

export default defineRule(
  {
    id: 'hardcoded-endpoint',
    description: 'setEndpoint() with a literal https:// or http:// URL instead of a Named Credential',
    defaultSeverity: 'warning',
    fixable: true,
  },
  (ctx) => {
    for (const { type, method } of ctx.members()) {
      for (const { call: rc, value: v, literal } of endpointsOf(ctx.workspace, ctx.file, type, method)) {
        if (v.kind !== 'string' || !/^https?:\/\//i.test(v.prefix)) continue;
        const fix = literal && namedCredentialFix(literal, ctx.project);
        ctx.report({
          span: rc.span,
          message: `Hard-coded endpoint '${shown(v.prefix, v.complete)}': use a Named Credential (callout:Name/path) so that URL and authentication change without a deployment`,
          ...(fix ? { fixes: [fix] } : {}),
        });
      }
    }
  },
);
