/**
 * How one SOAP operation call is configured, for the integration map: the
 * port's endpoint (what the caller assigns to `endpoint_x`, else the
 * generated initializer, which holds the WSDL's address), its timeout and
 * its authentication, in the shape of an `HttpRequest`'s RequestConfig.
 * Path-insensitive, as request-config.ts is: every value any path assigns.
 */
import { fold } from './constants';
import { endpointOfValue, exprText, type Auth, type Endpoint, type RequestConfig } from './request-config';
import { soapAction, soapInvokeOf, soapTimeout, portLabel, type MethodSoap, type SoapCall } from './soap';
import { forEachExprDeep } from './traverse';
import type { MethodRef, Workspace } from './workspace';

export interface SoapOperation {
  /** The operation method as written: `readMetadata`. */
  operation: string;
  /** The SOAP action the generated invoke names (`urn:…/submitOrder`), or the operation's request element when it names none. */
  action?: string;
  /** `MetadataService.MetadataPort`. */
  port: string;
}

export function soapOperation(workspace: Workspace, call: SoapCall): SoapOperation {
  const { operation } = call;
  const invoke = soapInvokeOf(workspace, operation.file, operation.type, operation.method);
  const action = invoke && soapAction(invoke, workspace, operation.type);
  return { operation: operation.method.text, port: portLabel(call.port), ...(action ? { action } : {}) };
}

function receiverOf(e: { k: string; target?: unknown }): string | undefined {
  const target = (e as { target?: { k: string; name?: string } }).target;
  return target?.k === 'name' ? target.name : undefined;
}

/** What the code shows about the port an operation is called on. */
export function soapRequestConfig(workspace: Workspace, ref: MethodRef, facts: MethodSoap, call: SoapCall): RequestConfig {
  const receiver = call.receiver?.toLowerCase();
  const writes = facts.writes.filter((w) => w.field === 'endpoint_x' && receiver !== undefined && receiverOf(w.assign.target) === receiver);
  let endpoint: Endpoint;
  if (writes.length) {
    const all = writes.map((w) => endpointOfValue(fold(w.assign.value, { workspace, type: ref.type }), exprText(ref.file, w.assign.value)));
    const first = JSON.stringify(all[0]);
    endpoint = all.every((e) => JSON.stringify(e) === first) ? all[0] : { kind: 'unknown', reason: 'endpoint_x differs between paths' };
  } else {
    const field = call.port.type.fields.find((f) => f.name === 'endpoint_x');
    endpoint = field?.init
      ? endpointOfValue(fold(field.init, { workspace, type: call.port.type }), exprText(call.port.file, field.init))
      : { kind: 'unknown', reason: 'no endpoint_x that the analysis can see' };
  }
  const t = soapTimeout(workspace, facts, call, ref);
  let auth: Auth = endpoint.kind === 'named-credential' ? 'named-credential' : 'none';
  if (receiver && ref.method.body) {
    forEachExprDeep(ref.method.body, (e) => {
      if (e.k !== 'call' || e.name !== 'put' || e.target?.k !== 'field' || e.target.name !== 'inputhttpheaders_x' || receiverOf(e.target) !== receiver) return;
      const name = e.args[0] && fold(e.args[0], { workspace, type: ref.type });
      const value = e.args[1] ? ref.file.source.text.slice(e.args[1].span.start, e.args[1].span.end) : '';
      if (name?.kind === 'string' && name.prefix.trim().toLowerCase() === 'authorization' && !/\{!\s*\$credential/i.test(value)) auth = 'manual-header';
    });
  }
  return { endpoint, timeout: t.kind === 'ms' ? t : t.kind === 'default' ? { kind: 'default' } : { kind: 'unknown' }, auth, setters: [] };
}
