/**
 * The files of one lint run and the lookups across them that the rules need:
 * types by name (inner classes included) and their members. Name lookups are
 * case-insensitive because the model stores lower-cased names.
 */
import type { SourceText } from '../base/source';
import type { FieldDecl, FileModel, MethodDecl, TypeDecl } from '../model/ir';

export interface AnalyzedFile {
  path: string;
  source: SourceText;
  model: FileModel;
}

export interface MethodRef {
  file: AnalyzedFile;
  type: TypeDecl;
  method: MethodDecl;
}

/** A kind of data derived from a whole workspace (the resolver, the call index, callout facts, contexts…). */
export interface Derived<T> {
  readonly name: string;
  /** Never set: carries T for the type checker. */
  readonly type?: T;
}

export function derived<T>(name: string): Derived<T> {
  return { name };
}

/** Facts of each method, memoised per workspace, with the methods whose facts are being computed right now. */
export interface PerMethod<T> {
  facts: Map<MethodDecl, T>;
  inProgress: Set<MethodDecl>;
}

/**
 * The facts of `method` of a per-method kind, computed once per workspace.
 * Facts depend on other files (helpers, constants), so they live in the
 * workspace. A method whose facts are asked for while they are being computed
 * (a helper that, indirectly, calls itself) gets `cycle()`, not memoised;
 * without `cycle`, callers check `computing` first.
 */
export function perMethod<T>(workspace: Workspace, kind: Derived<PerMethod<T>>, method: MethodDecl, compute: () => T, cycle?: () => T): T {
  const { facts, inProgress } = workspace.derive(kind, () => ({ facts: new Map(), inProgress: new Set() }));
  let found = facts.get(method);
  if (!found) {
    if (cycle && inProgress.has(method)) return cycle();
    inProgress.add(method);
    try {
      found = compute();
    } finally {
      inProgress.delete(method);
    }
    facts.set(method, found);
  }
  return found;
}

/** Whether the facts of `method` of a per-method kind are being computed right now. */
export function computing(workspace: Workspace, kind: Derived<PerMethod<unknown>>, method: MethodDecl): boolean {
  return workspace.built(kind)?.inProgress.has(method) ?? false;
}

/**
 * The files of one lint run, and the workspace index derived from them. The
 * index lives here, on the object the project owns and hands to the rules —
 * not in module-level caches: each kind of derived data (`Derived`) is built
 * once, on first use, and goes away with the workspace.
 */
export class Workspace {
  private readonly index = new Map<Derived<unknown>, unknown>();
  private readonly byName = new Map<string, { file: AnalyzedFile; type: TypeDecl }[]>();
  private readonly byPath = new Map<string, AnalyzedFile>();
  /** isTestType, asked of every call the resolver resolves and of each method it may run. */
  private readonly testTypes = new Map<TypeDecl, boolean>();

  constructor(readonly files: AnalyzedFile[]) {
    for (const file of files) {
      this.byPath.set(file.path, file);
      for (const type of file.model.types) {
        const list = this.byName.get(type.qualifiedName) ?? [];
        list.push({ file, type });
        this.byName.set(type.qualifiedName, list);
      }
    }
  }

  /**
   * Resolve a type name as written at `from`: an inner class of `from` or of
   * its outer class first, then a top-level type of the workspace.
   */
  findType(name: string, from?: TypeDecl): { file: AnalyzedFile; type: TypeDecl } | undefined {
    // Asked for every name a method resolves: no list of scopes built each time.
    const own = from?.qualifiedName ? this.byName.get(`${from.qualifiedName}.${name}`) : undefined;
    if (own) return own[0];
    const outer = from?.outer ? this.byName.get(`${from.outer}.${name}`) : undefined;
    if (outer) return outer[0];
    const top = this.byName.get(name);
    // A trigger's name is no type name: trigger `Accounts` never shadows the fflib domain class `Accounts`.
    return top && top.length > 1 ? (top.find((t) => t.type.kind !== 'trigger') ?? top[0]) : top?.[0];
  }

  /** The workspace's `kind` of derived data, built by `make` on first use. */
  derive<T>(kind: Derived<T>, make: () => T): T {
    if (this.index.has(kind)) return this.index.get(kind) as T;
    const value = make();
    this.index.set(kind, value);
    return value;
  }

  /** The workspace's `kind` of derived data if it was built, without building it. */
  built<T>(kind: Derived<T>): T | undefined {
    return this.index.get(kind) as T | undefined;
  }

  /** The analysed file at `path`, when it is part of this workspace. */
  file(path: string): AnalyzedFile | undefined {
    return this.byPath.get(path);
  }

  /** Test code: a class annotated `@IsTest`, or an inner class of one. Production code never runs it. */
  isTestType(type: TypeDecl): boolean {
    let test = this.testTypes.get(type);
    if (test === undefined) {
      test = false;
      for (let t: TypeDecl | undefined = type; t && !test; t = this.outerOf(t)) test = hasAnnotation(t, 'istest');
      this.testTypes.set(type, test);
    }
    return test;
  }

  /**
   * The one test-code predicate: a method annotated `@IsTest` or declared
   * `testMethod`, or any member of a test type. Rules declare in their
   * metadata (`testCode`) whether they report there.
   */
  isTestCode(type: TypeDecl, method?: MethodDecl): boolean {
    if (method && (hasAnnotation(method, 'istest') || method.modifiers.includes('testmethod'))) return true;
    return this.isTestType(type);
  }

  outerOf(type: TypeDecl): TypeDecl | undefined {
    return type.outer ? this.byName.get(type.outer)?.[0]?.type : undefined;
  }

  /** A `final` field with an initializer, looked up in `type` and its outer class. */
  constantField(type: TypeDecl, name: string): FieldDecl | undefined {
    for (let t: TypeDecl | undefined = type; t; t = this.outerOf(t)) {
      const f = t.fields.find((x) => x.name === name);
      if (f) return isConstant(f) ? f : undefined;
    }
    return undefined;
  }
}

/** A `final` field with an initializer (static or not): it holds that value for good. */
export function isConstant(f: FieldDecl): boolean {
  return f.modifiers.includes('final') && f.init !== undefined;
}

export function hasAnnotation(m: { annotations: { name: string }[] }, name: string): boolean {
  // A loop, not `some`: asked for every method of every chain, a closure per call showed in allocation profiles.
  for (const a of m.annotations) if (a.name === name) return true;
  return false;
}
