/** named-credential-unknown: callout:Name naming a Named Credential the project's metadata does not define. */
import * as assert from 'node:assert/strict';
import { lint } from '../../../../server/out/core/lint';
import { resolveConfig } from '../../../../server/out/core/config';
import { parseSfdxProject } from '../../../../server/out/base/sfdx-project';
import type { ProjectInfo } from '../../../../server/out/base/project-info';
import type { RuleId } from '../../../../server/out/base/contracts';
import { fixture, spanOf, messageOf, type Seen } from '../../support/lint';

function withProject(files: Record<string, string>, rule: RuleId, project: Partial<ProjectInfo>, config: unknown = {}): Seen[] {
  const info: ProjectInfo = { sfdx: parseSfdxProject('/p', undefined), namedCredentials: [], ...project };
  const results = lint(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    resolveConfig(config),
    { allFiles: true, project: info },
  );
  return results.flatMap((r) =>
    r.findings
      .filter((f) => f.ruleId === rule)
      .map((f) => ({
        ruleId: f.ruleId,
        at: `${f.range.start.line}:${f.range.start.character + 1}-${f.range.end.line}:${f.range.end.character + 1}`,
        ...messageOf(f),
        severity: f.severity,
      })),
  );
}

const nc = (name: string) => ({ name, path: `/p/force-app/main/default/namedCredentials/${name}.namedCredential-meta.xml` });

describe('named-credential-unknown', () => {
  const src = fixture('rules/named-credential-unknown.cls');

  it('reports a callout:Name the project does not define, on setEndpoint, with the closest name (case-insensitive match is clean)', () => {
    const seen = withProject({ '/p/ShipmentTracker.cls': src }, 'named-credential-unknown', { namedCredentials: [nc('Carrier_API'), nc('ERP')] });
    assert.deepEqual(seen, [
      {
        ruleId: 'named-credential-unknown',
        at: spanOf(src, "setEndpoint(BASE + EncodingUtil.urlEncode(trackingNumber, 'UTF-8'))"),
        messageId: 'unknownNamedCredential',
        data: { name: 'CarrierAPI', closest: 'Carrier_API' },
        message:
          "No Named Credential 'CarrierAPI' in this project: did you mean 'Carrier_API'? The callout fails at run time unless the org defines 'CarrierAPI'",
        severity: 'info',
      },
    ]);
  });

  it('is quiet when the project has no credential metadata at all, and counts External Credentials as defined', () => {
    assert.deepEqual(withProject({ '/p/ShipmentTracker.cls': src }, 'named-credential-unknown', {}), []);
    assert.deepEqual(
      withProject({ '/p/ShipmentTracker.cls': src }, 'named-credential-unknown', {
        namedCredentials: [nc('carrier_api')],
        externalCredentials: ['CarrierAPI'],
      }),
      [],
    );
  });

  it('suggests a name that the unknown one extends; a name with no close defined name, or built at run time, is not reported', () => {
    const code = `public class G {
    public static void up(String name) {
        HttpRequest a = new HttpRequest();
        a.setEndpoint('callout:Google_Drive/files');
        new Http().send(a);
        HttpRequest b = new HttpRequest();
        b.setEndpoint('callout:' + name + '/files');
        new Http().send(b);
        HttpRequest c = new HttpRequest();
        c.setEndpoint('callout:Warehouse/stock');
        new Http().send(c);
    }
}`;
    const seen = withProject({ '/p/G.cls': code }, 'named-credential-unknown', { namedCredentials: [nc('Google')] });
    assert.deepEqual(
      seen.map((s) => [s.at, s.message]),
      [
        [
          spanOf(code, "setEndpoint('callout:Google_Drive/files')"),
          "No Named Credential 'Google_Drive' in this project: did you mean 'Google'? The callout fails at run time unless the org defines 'Google_Drive'",
        ],
      ],
    );
    assert.deepEqual(
      seen.map((s) => [s.messageId, s.data]),
      [['unknownNamedCredential', { name: 'Google_Drive', closest: 'Google' }]],
    );
  });
});
