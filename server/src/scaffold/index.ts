/**
 * Pattern scaffolding: the facade the CLI, the language server and the
 * `hardcoded-endpoint` quick fix use. Pure: no editor or LSP types, no writes.
 */
export { PATTERNS, PATTERN_IDS, patternInfo, derivedApexNames, type PatternId, type PatternInfo, type PatternOption } from './patterns';
export {
  scaffold,
  validateScaffoldRequest,
  mainDefaultDir,
  namedCredentialFile,
  DEFAULT_API_VERSION,
  type ScaffoldRequest,
  type ScaffoldResult,
  type GeneratedFile,
} from './generate';
export { namedCredentialXml, namedCredentialPath, ScaffoldError } from './named-credential';
export { recommendPattern, DECISION_QUESTIONS, type DecisionAnswers, type DecisionQuestion, type DecisionChoice, type Recommendation } from './recommend';
export {
  apexClassNameProblem,
  platformEventNameProblem,
  lwcNameProblem,
  sobjectNameProblem,
  namedCredentialNameProblem,
  calloutPathProblem,
  endpointUrlProblem,
} from './names';
export { patternCatalog, optionDefaults, validateField, type PatternDescription, type PatternOptionDescription } from './catalog';
export { TEMPLATES_DIR, templatesRead } from './templates';
