/** Throw-away SFDX workspaces for protocol tests, under os.tmpdir(). */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';

const ROOT = path.resolve(__dirname, '..', '..', '..');

export const CLASSES = path.join('force-app', 'main', 'default', 'classes');

/** A copy of examples/order-integration plus `extra` files (relative path → text). */
export function tempWorkspace(extra: Record<string, string> = {}): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'apl-lsp-'));
  fs.cpSync(path.join(ROOT, 'examples', 'order-integration'), dir, { recursive: true });
  for (const [rel, text] of Object.entries(extra)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

export function removeWorkspace(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}

/** The class the protocol tests edit: one callout, no timeout, a hard-coded endpoint. */
export const ERP_CLIENT = `public with sharing class ErpClient {
    public static HttpResponse fetchStock(String sku) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint('https://erp.example.com/stock');
        req.setMethod('GET');
        HttpResponse res = new Http().send(req);
        if (res.getStatusCode() != 200) {
            throw new CalloutException(res.getStatus());
        }
        return res;
    }
}
`;
