import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { SourceText } from '../../../server/out/base/source';
import { parseApex, shortMessage } from '../../../server/out/parse/parse';
import { apex } from '../../../server/out/parse/antlr';
import { ROOT } from '../support/lint';

function apexFiles(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => /\.(cls|trigger)$/.test(f))
    .map((f) => path.join(dir, f));
}

describe('parser', () => {
  const files = [...apexFiles(path.join(ROOT, 'test', 'fixtures')), ...apexFiles(path.join(ROOT, 'examples'))];

  it('the fast prediction mode builds the same trees as full LL', () => {
    assert.ok(files.length >= 20);
    for (const file of files) {
      const source = new SourceText(fs.readFileSync(file, 'utf8'));
      const kind = file.endsWith('.trigger') ? 'trigger' : 'class';
      const fast = parseApex(source, kind, { strategy: 'fast' });
      const ll = parseApex(source, kind, { strategy: 'll' });
      const names = apex.ApexParser.ruleNames;
      assert.equal(fast.tree!.toStringTree(names, null as never), ll.tree!.toStringTree(names, null as never), file);
      assert.deepEqual(fast.problems, ll.problems, file);
    }
  });

  it('the decisions taken from the next tokens build the same trees as full LL on the shapes they decide', () => {
    const text = `public class Shapes extends Base.Inner implements Database.Batchable<SObject> {
    List<Map<String, List<Id>>> nested = new List<Map<String, List<Id>>>();
    Map<Id, Set<Id>> byId = new Map<Id, Set<Id>>{ null => new Set<Id>() };
    Set<String> names;
    Shapes() { this(1); }
    Shapes(Integer i) { super(i); }
    Object m(Object x, List<String> xs, Outer.Inner.Deep d, List<Account>[] arr) {
        Boolean b = x instanceof List<String> || x instanceof Map<Id, Set<Id>> || x instanceof Outer.Inner;
        List<String> ys = (List<String>) x;
        Outer.Inner.Deep e = (Outer.Inner.Deep) d;
        System.Type t = List<String>.class;
        System.Type u = Outer.Inner.class;
        Integer n = a < b ? c : d > e ? 1 : 2;
        Integer k = (a) - b + (Integer) c + (x + y) * z;
        Object casts = ((Foo) x).bar() + (a).b() + (Foo) new Bar() + (String) 'x' + (Map<Id, Foo>) JSON.deserialize(s, T.class) + (Foo[]) xs + (Outer.Inner) (y);
        Integer ops = a + b * c - d << 2 >> 1 >>> 3 & e | f ^ g;
        Boolean logic = a < b && c >= d || e == f ? g : h ?? i;
        ops += (Integer) y++ + -z * ~w;
        Boolean parens = !(flag) && (a) instanceof Foo && (b) == c && (d) != null ? (e) : (f);
        String s = a.b(c).d.e(f)?.g().h;
        foo(bar(baz.qux()), this.f, super.g(), names.size(), xs[0].trim());
        new Shapes(1).m(null, null, null, null);
        set(1); lst.add(2); mp.put(3, 4);
        Outer.Inner[] arr2; Map<Id, List<Foo>> m2 = null, m3; x.y.z = 3; i++; a[0] = 2; count += 1; Foo.bar(); Foo.Bar.baz = 1;
        for (Account acc : [SELECT Id FROM Account WHERE Id IN :byId.keySet()]) { acc.Name = acc.Name.trim(); }
        return Database.query('SELECT Id FROM Account').size();
    }
    public Integer prop { get { return names.size(); } set { names = null; } }
    // members of every kind, by their types: methods, constructors, properties, fields, nested types
    public static final Map<String, List<Outer.Inner>> CACHE = new Map<String, List<Outer.Inner>>(), OTHER;
    private Outer.Inner[] items { get; set; }
    List<Id> ids() { return null; }
    global Outer.Inner.Deep[] deep(Integer a) { return null; }
    Database.QueryLocator q;
    void v() { }
    public enum Kind { A, B }
    public interface Api { void call(); }
    class Nested { Nested(String s) { } }
    Object creators() {
        Object a = new Map<Id, String>{ x.y() => 'a', (b) => c }, b = new Set<String>{ 'a', f(1, 2) }, c = new List<Integer>{ g(new Map<Id, Id>{ k => v }) };
        Object d = new Foo(), e = new Foo[3], f = new Foo[]{ new Foo() }, g = new List<String>{}, h = new Map<Id, Id>{ [SELECT Id FROM Account][0].Id => null };
        Object lits = Foo.class + Outer.Inner.class + Outer.Inner.Deep.class + Foo[].class + a.b.c + a.b.c() + a.b[0] + Foo.BAR.trim();
        Integer shifts = a << 1 >> 2 >>> 3, cmps = (a < b) ? 1 : (a <= b) ? 2 : (a > b) ? 3 : (a >= b) ? 4 : 5;
        a = b = c; a += b -= 1; x = y ?? z ?? w; o = p?.q?.r(); i = j++ + --k; t = u instanceof Foo ? 1 : 2;
        // an index right after a type (grammatical, if meaningless): the subscripts end before it
        Object idx = y instanceof Foo[0];
        return a[0][1];
    }
}`;
    const source = new SourceText(text);
    const fast = parseApex(source, 'class', { strategy: 'fast' });
    const ll = parseApex(source, 'class', { strategy: 'll' });
    const names = apex.ApexParser.ruleNames;
    assert.deepEqual(fast.problems, []);
    assert.equal(fast.tree!.toStringTree(names, null as never), ll.tree!.toStringTree(names, null as never));
  });

  it('counts columns in UTF-16 units after astral characters', () => {
    const text = "public class E {\n    String s = '\u{1F680}'; Integer x = ;\n}";
    const result = parseApex(new SourceText(text), 'class');
    const semi = text.indexOf('= ;') + 2;
    assert.deepEqual(
      result.problems.map((p) => [p.start, p.end]),
      [[semi, semi + 1]],
    );
  });

  it('shortens ANTLR messages', () => {
    assert.equal(shortMessage("mismatched input 'x' expecting {'a', 'b', 'c', 'd', 'e'}", undefined), 'Unexpected input');
    assert.equal(shortMessage("mismatched input 'x' expecting ';'", undefined), "Unexpected input, expected ';'");
  });
});
