/**
 * A seeded generator of Apex statements and expressions, read off the
 * grammar's shapes, for checking the fast parser against ANTLR's own
 * prediction (parse-diff.ts). It leans on the places the shallow predictions
 * decide from a few tokens: `merge` with two operands back to back,
 * `instanceof` followed by more expression, map, set and list initializers
 * whose entries have generic types, casts against parentheses, class
 * literals, SOQL, ternaries, `switch on`, arrays, every `new` form and method
 * names that are contextual keywords. The snippets are grammatical; whether
 * they would compile (types, names) does not matter here. The same seed
 * gives the same snippets.
 */
import { random } from '../fuzz/mutate';

type Rand = () => number;

const NAMES = ['a', 'b', 'acc', 'items', 'x', 'y', 'result', 'req', 'master', 'dupAcct', 'gateway', 'opts', 'o'];
/** Contextual keywords the grammar takes as names (`id`) and real code uses as method or field names. */
const KEYWORD_NAMES = [
  'get',
  'set',
  'count',
  'data',
  'name',
  'email',
  'phone',
  'format',
  'first',
  'last',
  'user',
  'system',
  'limit',
  'offset',
  'switch',
  'when',
  'sharing',
];
const METHOD_NAMES = ['foo', 'size', 'equals', 'put', 'add', 'trim', 'send', 'void', ...KEYWORD_NAMES];
const PLAIN_TYPES = ['Integer', 'String', 'Account', 'Object', 'Id', 'SObject', 'Foo', 'Outer.Inner', 'Schema.SObjectType', 'Database.SaveResult'];
const LITERALS = ['0', '1', '42', "'x'", "'dup'", '2.5', '10L', 'true', 'false', 'null'];
const BINARY = ['+', '-', '*', '/', '<', '>', '<=', '>=', '==', '!=', '===', '!==', '&&', '||', '&', '|', '^', '<<', '>>', '>>>', '??'];
const ASSIGN = ['=', '+=', '-=', '*=', '/=', '|=', '&=', '<<=', '>>='];
const SOQL = [
  "[SELECT Id FROM Account WHERE Name = 'dup' LIMIT 1]",
  '[SELECT Id, Name FROM Contact WHERE AccountId IN :ids]',
  '[SELECT COUNT() FROM Lead]',
  '[SELECT Id FROM Account WHERE Id = :acc.Id ORDER BY Name DESC NULLS LAST]',
];

export class ApexGenerator {
  private readonly rand: Rand;

  constructor(seed: number) {
    this.rand = random(seed);
  }

  private int(n: number): number {
    return Math.floor(this.rand() * n);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[this.int(xs.length)];
  }

  private chance(p: number): boolean {
    return this.rand() < p;
  }

  private list(n: number, item: () => string): string {
    return Array.from({ length: n }, item).join(', ');
  }

  private name(): string {
    return this.chance(0.15) ? this.pick(KEYWORD_NAMES) : this.pick(NAMES);
  }

  type(depth = 0): string {
    const r = this.int(10);
    if (depth < 2 && r === 0) return `List<${this.type(depth + 1)}>`;
    if (depth < 2 && r === 1) return `Set<${this.type(depth + 1)}>`;
    if (depth < 2 && r === 2) return `Map<${this.type(depth + 1)}, ${this.type(depth + 1)}>`;
    if (depth < 2 && r === 3) return `${this.type(depth + 1)}[]`;
    if (depth < 1 && r === 4) return `Database.Batchable<${this.type(depth + 1)}>`;
    return this.pick(PLAIN_TYPES);
  }

  private genericType(): string {
    return this.pick([`List<${this.type(1)}>`, `Set<${this.type(1)}>`, `Map<${this.type(1)}, ${this.type(1)}>`]);
  }

  private args(depth: number): string {
    return this.list(this.int(3), () => this.expression(depth + 1));
  }

  private primary(depth: number): string {
    switch (this.int(16)) {
      case 0:
      case 1:
        return this.pick(LITERALS);
      case 2:
      case 3:
        return this.name();
      case 4:
        return `${this.name()}.${this.name()}${this.chance(0.5) ? '.' + this.name() : ''}`;
      case 5:
        return `${this.pick(['', 'this.', 'super.', `${this.name()}.`, `${this.name()}?.`])}${this.pick(METHOD_NAMES)}(${this.args(depth)})`;
      case 6:
        return `${this.pick([...PLAIN_TYPES, 'List<String>', 'Map<String, Object>', 'Foo[]'])}.class${this.chance(0.2) ? '.getName()' : ''}`;
      case 7:
        return this.chance(0.2) ? `Id.class(${this.expression(depth + 1)})` : this.pick(SOQL);
      case 8:
        return this.creator(depth);
      case 9:
        return this.pick(['this', 'super.foo()', `${this.name()}[${this.expression(depth + 1)}]`]);
      default:
        return this.name();
    }
  }

  /** An entry of a collection initializer: often a value with type arguments, whose `,` is no separator. */
  private entry(depth: number): string {
    switch (this.int(6)) {
      case 0:
        return `${this.genericType()}.class`;
      case 1:
        return `new ${this.genericType()}()`;
      case 2:
        return `${this.name()} instanceof ${this.genericType()}`;
      case 3:
        return `${this.name()} < ${this.name()}`;
      default:
        return this.expression(depth + 1);
    }
  }

  private creator(depth: number): string {
    const e = () => this.entry(depth);
    switch (this.int(10)) {
      case 0:
        return `new ${this.pick(['Foo', 'Outer.Inner', 'Account', 'HttpRequest'])}(${this.args(depth)})`;
      case 1:
        return `new Account(Name = ${this.expression(depth + 1)})`;
      case 2:
        return `new ${this.genericType()}()`;
      case 3:
        return `new List<${this.type(1)}>{ ${this.list(1 + this.int(3), e)} }`;
      case 4:
        return `new Set<${this.type(1)}>{ ${this.list(1 + this.int(3), e)} }`;
      case 5:
      case 6:
        return `new Map<${this.type(1)}, ${this.type(1)}>{ ${this.list(1 + this.int(3), () => `${e()} => ${e()}`)} }`;
      case 7:
        return `new ${this.pick(['Foo', 'String', 'Integer'])}[${this.expression(depth + 1)}]`;
      case 8:
        return `new ${this.pick(['Foo', 'String', 'List<Id>'])}[]{ ${this.list(this.int(3), e)} }`;
      default:
        return `new ${this.genericType()}{}`;
    }
  }

  expression(depth = 0): string {
    if (depth > 2) return this.primary(depth);
    const sub = () => this.expression(depth + 1);
    switch (this.int(20)) {
      case 0:
      case 1:
      case 2:
        return `${sub()} ${this.pick(BINARY)} ${sub()}`;
      case 3:
        return `${sub()} ? ${sub()} : ${sub()}`;
      case 4:
        return `(${this.type()}) ${sub()}`;
      case 5:
        return `(${sub()})${this.pick(['', '.foo()', '.size()', ' + 1', '[0]'])}`;
      case 6:
        return `${this.pick(['-', '!', '~', '+'])}${sub()}`;
      case 7:
        return this.pick([`++${this.name()}`, `${this.name()}--`, `${this.name()}++`, `--${this.name()}`]);
      case 8:
      case 9:
        // `instanceof` and what may follow its type: a call on the test, a comparison, an operator
        return `${sub()} instanceof ${this.chance(0.5) ? this.genericType() : this.pick(PLAIN_TYPES)}${this.pick(['', '', '.equals(y)', '.size()', ' < 3', ' && b', ' ? 1 : 2', ' == false'])}`;
      case 10:
        return `${sub()}.${this.pick(METHOD_NAMES)}(${this.args(depth)})`;
      case 11:
        return `${sub()}${this.pick(['.', '?.'])}${this.name()}`;
      case 12:
        return `${this.name()} ${this.pick(ASSIGN)} ${sub()}`;
      default:
        return this.primary(depth);
    }
  }

  private block(depth: number): string {
    return `{ ${Array.from({ length: this.int(3) }, () => this.statement(depth + 1)).join(' ')} }`;
  }

  statement(depth = 0): string {
    if (depth > 1) return `${this.expression(2)};`;
    const e = () => this.expression(1);
    const b = () => this.block(depth);
    switch (this.int(22)) {
      case 0:
      case 1:
      case 2:
        return `${this.chance(0.2) ? 'final ' : ''}${this.type()} ${this.name()}${this.chance(0.3) ? `, ${this.name()}` : ''} = ${e()};`;
      case 3:
      case 4:
      case 5:
        return `${e()};`;
      case 6:
        return `merge ${e()} ${e()};`;
      case 7:
        return this.pick([
          `merge master ${this.pick(SOQL)};`,
          `merge (${this.name()}) ${this.name()};`,
          `merge ${this.name()} -${this.name()};`,
          `merge ${this.name()}.${this.name()} (${this.name()});`,
          `merge ${this.name()} (${this.pick(PLAIN_TYPES)}) ${this.name()};`,
          `merge ${this.name()}[0] ${this.name()};`,
        ]);
      case 8:
        return `if (${e()}) ${b()}${this.chance(0.5) ? ` else ${this.chance(0.3) ? this.statement(depth + 1) : b()}` : ''}`;
      case 9:
        return `for (${this.type()} ${this.name()} : ${e()}) ${b()}`;
      case 10:
        return `for (Integer i = 0; i < ${e()}; i++) ${b()}`;
      case 11:
        return `while (${e()}) ${b()}`;
      case 12:
        return `do ${b()} while (${e()});`;
      case 13:
        return `try ${b()} catch (${this.pick(['Exception', 'CalloutException', 'DmlException'])} ex) ${b()}${this.chance(0.3) ? ` finally ${b()}` : ''}`;
      case 14:
        return this.pick([`return ${e()};`, 'return;', `throw ${e()};`, 'break;', 'continue;']);
      case 15:
        return this.switchStatement(depth);
      case 16:
        return `${this.pick(['insert', 'update', 'upsert', 'delete', 'undelete'])} ${e()};`;
      case 17:
        return `${this.type()}[] ${this.name()} = new ${this.pick(['Foo', 'String'])}[]{ ${this.list(this.int(3), e)} };`;
      case 18:
        return `System.runAs(${e()}) ${b()}`;
      default:
        return `${this.name()} ${this.pick(ASSIGN)} ${e()};`;
    }
  }

  private switchStatement(depth: number): string {
    const whens = Array.from({ length: 1 + this.int(3) }, () => {
      const value = this.pick([
        this.list(1 + this.int(2), () => this.pick(LITERALS.slice(0, 5))),
        `${this.pick(['Account', 'Contact'])} ${this.name()}`,
        'null',
        'ACTIVE, INACTIVE',
      ]);
      return `when ${value} ${this.block(depth)}`;
    });
    return `switch on ${this.expression(1)} { ${whens.join(' ')}${this.chance(0.5) ? ` when else ${this.block(depth)}` : ''} }`;
  }
}

/** `count` statements, each on its own line, from one seed. */
export function generateStatements(seed: number, count: number): string[] {
  const generator = new ApexGenerator(seed);
  return Array.from({ length: count }, () => generator.statement());
}
