/**
 * Demand selection: which files, and which member bodies, a batch run
 * parses (see demand.ts). The core asks through this module only.
 */
export { filesThatMatter, selectDemand, type DemandSelection } from './demand';
export { forgetScans } from './member-index';
export { omitBodies } from './omit';
export { declaredNames, demandSignature } from './signature';
export { scanFile } from './scan';
