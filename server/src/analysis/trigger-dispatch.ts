/**
 * Trigger frameworks that name their target: `fflib_SObjectDomain.
 * triggerHandler(Accounts.class)` in a trigger runs the domain class the
 * literal names. The framework itself finds it by reflection
 * (`Type.forName(name + '.Constructor').newInstance()`) and behind its own
 * state (a stack of stateful domains, per-event switches), which the
 * manifest analysis rightly cannot follow; the class literal in the trigger
 * shows the target all the same. So the call is read as what fflib documents
 * it does for the event that fires: construct the domain through its
 * `Constructor` (`IConstructable.construct`), then run its `handle…` method
 * (which calls `onValidate`, `onAfterInsert` …), or the `on…` overrides
 * themselves when the fflib base class is not in the workspace (installed
 * as a package).
 */
import type { Expr, TypeDecl } from '../model/ir';
import { dottedName } from './constants';
import type { KnownValue } from './manifest';
import type { Bindings, Resolver, TypeRef } from './resolve';
import type { MethodRef } from './workspace';

/** A method the dispatch runs, with what it knows of `this`. */
export interface DispatchTarget {
  callee: MethodRef;
  bindings: Bindings;
  /** `Accounts.handleAfterInsert()`: the method as the domain class has it, for the witness chain. */
  label: string;
}

type Event = 'before insert' | 'before update' | 'before delete' | 'after insert' | 'after update' | 'after delete' | 'after undelete';

/** fflib_SObjectDomain's `handle…` method per event, and the `on…` overrides it runs (name and arity). */
const FFLIB_EVENTS: Record<Event, { handle: [string, number]; on: [string, number][] }> = {
  'before insert': {
    handle: ['handlebeforeinsert', 0],
    on: [
      ['onapplydefaults', 0],
      ['onbeforeinsert', 0],
    ],
  },
  'before update': { handle: ['handlebeforeupdate', 1], on: [['onbeforeupdate', 1]] },
  'before delete': { handle: ['handlebeforedelete', 0], on: [['onbeforedelete', 0]] },
  'after insert': {
    handle: ['handleafterinsert', 0],
    on: [
      ['onvalidate', 0],
      ['onafterinsert', 0],
    ],
  },
  'after update': {
    handle: ['handleafterupdate', 1],
    on: [
      ['onvalidate', 1],
      ['onafterupdate', 1],
    ],
  },
  'after delete': { handle: ['handleafterdelete', 0], on: [['onafterdelete', 0]] },
  'after undelete': { handle: ['handleafterundelete', 0], on: [['onafterundelete', 0]] },
};

/** The trigger event the calling context decides (entryContexts), if one. */
function eventOf(values: ReadonlyMap<string, KnownValue>): Event | undefined {
  const op = values.get('trigger.operationtype');
  if (typeof op !== 'string' || !op.startsWith('enum:')) return undefined;
  const event = op.slice(5).replace('_', ' ');
  return event in FFLIB_EVENTS ? (event as Event) : undefined;
}

/** `fflib_SObjectDomain.triggerHandler(X.class)` (any namespace prefix): the class literal's name. */
function fflibDomainLiteral(e: Expr): string | undefined {
  if (e.k !== 'call' || e.name !== 'triggerhandler' || e.args.length !== 1 || !e.target) return undefined;
  const owner = dottedName(e.target);
  if (owner !== 'fflib_sobjectdomain' && !owner?.endsWith('.fflib_sobjectdomain')) return undefined;
  const arg = e.args[0];
  return arg.k === 'other' ? arg.classOf : undefined;
}

/** The own method of the nearest class up the chain with a body. */
function inherited(resolver: Resolver, type: TypeDecl, name: string, arity: number): MethodRef | undefined {
  for (const t of resolver.superChain(type)) {
    const m = t.type.methods.find((x) => x.kind === 'method' && x.name === name && x.params.length === arity && x.body);
    if (m) return { file: t.file, type: t.type, method: m };
  }
  return undefined;
}

/** The class every `return new X(…)` of a `construct` method makes. */
function constructed(resolver: Resolver, construct: MethodRef): TypeRef | undefined {
  let found: TypeRef | undefined;
  const body = construct.method.body;
  if (body?.k !== 'block') return undefined;
  for (const s of body.body) {
    if (s.k !== 'return' || s.expr?.k !== 'new') continue;
    const t = resolver.findType(s.expr.type, construct.type);
    if (!t || (found && found.type !== t.type)) return undefined;
    found = t;
  }
  return found;
}

/**
 * What a trigger's call runs when it hands a domain class literal to fflib,
 * for the event the context decides; undefined for any other call (the
 * ordinary resolution applies).
 */
export function frameworkDispatch(resolver: Resolver, from: TypeDecl, e: Expr, values: ReadonlyMap<string, KnownValue>): DispatchTarget[] | undefined {
  const literal = fflibDomainLiteral(e);
  const event = literal && eventOf(values);
  if (!literal || !event) return undefined;
  const named = resolver.findType(literal, from);
  if (!named) return undefined;
  // `Accounts.class` is built through `Accounts.Constructor`; `Accounts.Constructor.class` names the constructor class itself.
  const ctorClass = named.type.methods.some((m) => m.name === 'construct') ? named : resolver.findType(`${literal}.constructor`, from);
  const construct = ctorClass && inherited(resolver, ctorClass.type, 'construct', 1);
  const domain = ctorClass === named ? construct && constructed(resolver, construct) : named;
  if (!domain) return undefined;
  const self: Bindings = new Map([['this', domain.type.qualifiedName]]);
  const out: DispatchTarget[] = construct ? [{ callee: construct, bindings: new Map(), label: `${construct.type.text}.${construct.method.text}()` }] : [];
  const { handle, on } = FFLIB_EVENTS[event];
  const handler = inherited(resolver, domain.type, ...handle);
  for (const [name, arity] of handler ? [handle] : on) {
    const m = inherited(resolver, domain.type, name, arity);
    if (m) out.push({ callee: m, bindings: m.type === domain.type ? new Map() : self, label: `${domain.type.text}.${m.method.text}()` });
  }
  return out;
}
