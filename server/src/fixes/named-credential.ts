/**
 * "Use a Named Credential" (hardcoded-endpoint): the literal URL's start
 * becomes `callout:<Name>` — an existing credential of the project whose URL
 * the endpoint starts with (the longest wins), or a new one created in the
 * project's default package directory. Never in test classes (their URLs
 * are fixtures for mocks). When the existing credential authenticates, the
 * request's manual Authorization header goes in the same edit; when that
 * cannot be told or done, no fix. New credentials take the External
 * Credential form (API 56.0 and later), else the legacy one.
 */
import * as path from 'node:path';
import { calloutsOf, type RequestCall } from '../analysis/callouts';
import { callIndex } from '../analysis/callindex';
import { fold, type LiteralRef } from '../analysis/constants';
import { fixer, type SpanEdit } from './fixer';
import { removeLines, statementInBlock } from './text-edits';
import type { MethodRef } from '../analysis/workspace';
import type { ProjectInfo } from '../base/project-info';
import { DEFAULT_API_VERSION, mainDefaultDir, namedCredentialFile, namedCredentialNameProblem } from '../scaffold';
import { labelOf } from '../scaffold/names';
import { render } from '../scaffold/templates';
import { apiVersionOf, type FixContext, type FixText } from './fix';
import { isTestCode } from './preconditions';

/** The External Credential form of Named Credentials exists from this API version on. */
export const EXTERNAL_CREDENTIAL_API_VERSION = 56;

/** Host labels that say nothing about the system behind them. */
const GENERIC = new Set(['www', 'api', 'apis', 'rest', 'services', 'service', 'ws', 'my']);
const SECOND_LEVEL = new Set(['co', 'com', 'org', 'net', 'gov', 'ac', 'edu']);

function words(label: string): string {
  return label
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('_');
}

/**
 * Readable names for a URL, best first: the organisation's domain, then what
 * the subdomain says (`login.salesforce.com` → `Salesforce_Login`,
 * `api.stripe.com` → `Stripe`, `erp.example.com` → `Erp`), then the same
 * with the first meaningful path segment (`Stripe_Charges`).
 */
export function credentialNamesFor(url: URL): string[] {
  const labels = url.hostname.toLowerCase().split('.').filter(Boolean);
  if (labels.length > 1) labels.pop();
  if (labels.length > 2 && SECOND_LEVEL.has(labels[labels.length - 1])) labels.pop();
  const domain = labels.pop() ?? 'endpoint';
  const subs = labels.filter((l) => !GENERIC.has(l));
  // example.com and its kin are placeholders (RFC 2606): the subdomain is the name.
  const parts = domain === 'example' && subs.length ? subs : [domain, ...subs];
  const base = parts.map(words).filter(Boolean).join('_') || 'Endpoint';
  const named = /^[A-Za-z]/.test(base) ? base : `Endpoint_${base}`;
  const segment = url.pathname
    .split('/')
    .map((s) => s.toLowerCase())
    .find((s) => /^[a-z][a-z-]{2,20}$/.test(s) && !GENERIC.has(s));
  return segment ? [named, `${named}_${words(segment)}`] : [named];
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

/** The statements of the method that set an Authorization header on `request`; undefined when one is not a statement of its own. */
function authorizationHeaders(ctx: FixContext, ref: MethodRef, request: string | undefined): SpanEdit[] | undefined {
  const facts = calloutsOf(ctx.workspace, ref.file, ref.type, ref.method);
  const text = ctx.file.source.text;
  const out: SpanEdit[] = [];
  for (const rc of facts.requestCalls) {
    if (rc.method !== 'setheader' || rc.call.args.length !== 2 || (request && rc.request !== request)) continue;
    const name = fold(rc.call.args[0], { workspace: ctx.workspace, type: ref.type, scope: facts.scope });
    if (name.kind !== 'string' || !name.complete || name.prefix.trim().toLowerCase() !== 'authorization') continue;
    const where = ref.method.body && statementInBlock(ref.method.body, rc.call.span);
    const stmt = where?.block.body[where.index];
    if (stmt?.k !== 'expr' || stmt.expr !== rc.call) return undefined;
    out.push(removeLines(text, stmt.span));
  }
  return out;
}

export function namedCredentialFix(ctx: FixContext, ref: MethodRef, endpoint: Pick<RequestCall, 'request'>, literal: LiteralRef): FixText | undefined {
  const project: ProjectInfo | undefined = ctx.project;
  if (!project?.sfdx.hasProjectFile || isTestCode(callIndex(ctx.workspace), ref)) return undefined;
  const raw = literal.file.source.text.slice(literal.span.start, literal.span.end);
  const inner = raw.slice(1, -1);
  if (!/^https:\/\//i.test(inner) || inner.includes('\\')) return undefined;
  const lower = inner.toLowerCase();
  const existing = project.namedCredentials
    .filter((nc) => nc.url && /^https:\/\//i.test(nc.url))
    .map((nc) => ({ nc, url: trimSlash(nc.url!) }))
    .filter(({ url }) => lower === url.toLowerCase() || lower.startsWith(url.toLowerCase() + '/') || lower.startsWith(url.toLowerCase() + '?'))
    .sort((a, b) => b.url.length - a.url.length)[0];
  const edit = (name: string, rest: string): SpanEdit => fixer.in(literal.file).replaceText(literal.span, `'callout:${name}${rest}'`);
  if (existing) {
    const headers = authorizationHeaders(ctx, ref, endpoint.request);
    if (!headers) return undefined;
    const auth = existing.nc.authenticates ?? 'no';
    if (headers.length && auth === 'unknown') return undefined;
    const remove = headers.length && auth === 'yes';
    // Another method may share a constant endpoint and keep its own header: only edit what this method holds.
    const inMethod = literal.file === ctx.file && ref.method.span.start <= literal.span.start && literal.span.end <= ref.method.span.end;
    if (remove && !inMethod) return undefined;
    return {
      title: `Use the Named Credential ${existing.nc.name} (callout:${existing.nc.name})${remove ? ', which authenticates: remove the manual Authorization header' : ''}`,
      safe: false,
      edits: [edit(existing.nc.name, inner.slice(existing.url.length)), ...(remove ? headers : [])],
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
  const candidates = credentialNamesFor(url);
  let name = candidates.find((c) => !taken.has(c.toLowerCase()));
  for (let i = 2; !name; i++) if (!taken.has(`${candidates[0]}_${i}`.toLowerCase())) name = `${candidates[0]}_${i}`;
  if (namedCredentialNameProblem(name)) return undefined;
  const modern = apiVersionOf(project, DEFAULT_API_VERSION) >= EXTERNAL_CREDENTIAL_API_VERSION;
  const legacy = namedCredentialFile(project.sfdx, name, origin);
  const dir = mainDefaultDir(project.sfdx);
  const creates = modern
    ? [
        { path: legacy.path, text: render('fixes/SecuredEndpoint.namedCredential-meta.xml', { Name: name, Url: origin, Label: labelOf(name) }) },
        {
          path: path.join(dir, 'externalCredentials', `${name}.externalCredential-meta.xml`),
          text: render('fixes/Custom.externalCredential-meta.xml', { Name: name, Label: labelOf(name) }),
        },
      ]
    : [{ path: legacy.path, text: legacy.text }];
  return {
    title: `Create the Named Credential ${name} for ${origin}${modern ? ' (with an External Credential)' : ''} and use callout:${name}`,
    safe: false,
    edits: [edit(name, inner.slice(origin.length))],
    creates,
  };
}
