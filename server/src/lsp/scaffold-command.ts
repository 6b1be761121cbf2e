/**
 * Pattern scaffolding over `workspace/executeCommand`, so that every editor
 * can offer it: the catalog and the decision questions to build a UI from,
 * field validation for input boxes, and the generation itself, returned as a
 * WorkspaceEdit of file creations. The server writes nothing itself; a file
 * that exists is reported as a conflict and only replaced when the request
 * says `overwrite: true` (the user's explicit consent, asked by the client).
 * Bad arguments never throw: they come back as `problems`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CreateFile, TextDocumentEdit, TextEdit, type WorkspaceEdit } from 'vscode-languageserver';
import { SFDX_PROJECT_FILE, type SfdxProject } from '../base/sfdx-project';
import {
  DECISION_QUESTIONS,
  optionDefaults,
  patternCatalog,
  patternInfo,
  PATTERN_IDS,
  recommendPattern,
  scaffold,
  ScaffoldError,
  validateField,
  type DecisionAnswers,
  type GeneratedFile,
  type PatternId,
} from '../scaffold';
import { pathOf, uriOf } from './convert';
import { SCAFFOLD_COMMANDS, type RecommendResult, type ScaffoldCatalog, type ScaffoldDefaults, type ScaffoldResult } from '../../../shared/out/protocol';
import { checkTargets, isInside } from '../node/targets';
import { readSfdxProject } from '../node/project-files';
import { filesBelow } from '../node/walk';
import { NAMED_CREDENTIAL_SUFFIX } from '../base/project-info';

/** Every scaffolding command, as the server declares them in `executeCommandProvider`. */
export const SCAFFOLD_COMMAND_IDS: readonly string[] = Object.values(SCAFFOLD_COMMANDS);

export interface ScaffoldCommandContext {
  /** Absolute paths of the open workspace folders. */
  folders(): readonly string[];
  /** `workspace/applyEdit`; resolves to whether the client applied the edit. */
  applyEdit?(edit: WorkspaceEdit): Promise<boolean>;
}

type Args = Record<string, unknown>;

function firstArgument(args: unknown[] | undefined): Args | undefined {
  const first = Array.isArray(args) ? args[0] : undefined;
  return first && typeof first === 'object' && !Array.isArray(first) ? (first as Args) : undefined;
}

function describe(value: unknown): string {
  return value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value;
}

function patternProblem(value: unknown): string | undefined {
  if (typeof value !== 'string') return `"pattern" must be a string, one of ${PATTERN_IDS.join(', ')} (got ${describe(value)})`;
  return patternInfo(value) ? undefined : `Unknown pattern "${value}" (use one of ${PATTERN_IDS.join(', ')})`;
}

/** Runs one of SCAFFOLD_COMMANDS. Never throws for bad arguments or file system errors. */
export async function executeScaffoldCommand(command: string, args: unknown[] | undefined, ctx: ScaffoldCommandContext): Promise<unknown> {
  switch (command) {
    case SCAFFOLD_COMMANDS.catalog:
      return { patterns: patternCatalog(), questions: DECISION_QUESTIONS } satisfies ScaffoldCatalog;
    case SCAFFOLD_COMMANDS.validateField:
      return { problem: validateFieldArgs(firstArgument(args)) ?? null };
    case SCAFFOLD_COMMANDS.defaults:
      return defaultsFor(firstArgument(args), ctx);
    case SCAFFOLD_COMMANDS.recommend:
      return recommend(Array.isArray(args) ? args[0] : undefined);
    case SCAFFOLD_COMMANDS.scaffold:
      return scaffoldCommand(firstArgument(args), ctx);
    default:
      return undefined;
  }
}

function validateFieldArgs(a: Args | undefined): string | undefined {
  if (!a) return 'Expected one argument { pattern, field, value }';
  const bad = patternProblem(a.pattern);
  if (bad) return bad;
  if (typeof a.field !== 'string') return `"field" must be "name" or an option id (got ${describe(a.field)})`;
  if (typeof a.value !== 'string') return `"value" must be a string (got ${describe(a.value)})`;
  return validateField(a.pattern as PatternId, a.field, a.value);
}

function defaultsFor(a: Args | undefined, ctx: ScaffoldCommandContext): ScaffoldDefaults {
  if (!a) return { defaults: {}, problems: ['Expected one argument { pattern, name, folder?, options? }'] };
  const bad = patternProblem(a.pattern) ?? (typeof a.name === 'string' ? undefined : `"name" must be a string (got ${describe(a.name)})`);
  if (bad) return { defaults: {}, problems: [bad] };
  const pattern = a.pattern as PatternId;
  const defaults = optionDefaults(pattern, a.name as string);
  const chosen = { ...defaults, ...stringOptions(a.options) };
  const missingCredentials: Record<string, string> = {};
  // The generated code calls out through this credential; with no `url` nothing creates it.
  const credential = chosen['named-credential'];
  const canCreate = patternInfo(pattern)?.options.some((o) => o.id === 'url');
  if (credential && canCreate && !chosen.url) {
    let project: SfdxProject | undefined;
    try {
      project = resolveProject(ctx.folders(), a.folder).project;
    } catch {
      project = undefined;
    }
    if (project && !credentialExists(project, credential)) missingCredentials['named-credential'] = credential;
  }
  return { defaults, ...(Object.keys(missingCredentials).length ? { missingCredentials } : {}), problems: [] };
}

function stringOptions(options: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!options || typeof options !== 'object' || Array.isArray(options)) return out;
  for (const [k, v] of Object.entries(options)) if (typeof v === 'string' && v !== '') out[k] = v;
  return out;
}

/** Whether a package directory of the project holds `<name>.namedCredential-meta.xml`. */
function credentialExists(project: SfdxProject, name: string): boolean {
  const file = `${name}${NAMED_CREDENTIAL_SUFFIX}`.toLowerCase();
  return project.packageDirectories.some((dir) => filesBelow(dir, (n) => n.toLowerCase() === file).length > 0);
}

function recommend(answers: unknown): RecommendResult {
  if (!answers || typeof answers !== 'object' || Array.isArray(answers)) return { problems: ['Expected one argument: the answers, by question id'] };
  const given = answers as Record<string, unknown>;
  const problems: string[] = [];
  for (const q of DECISION_QUESTIONS) {
    const allowed = q.choices.map((c) => c.value as string);
    if (!allowed.includes(given[q.id] as string))
      problems.push(`"${q.id}" (${q.question}) must be one of ${allowed.join(', ')} (got ${JSON.stringify(given[q.id]) ?? 'nothing'})`);
  }
  if (problems.length) return { problems };
  const recommendation = recommendPattern(given as unknown as DecisionAnswers);
  return { recommendation: { ...recommendation, title: patternInfo(recommendation.pattern)!.title }, problems: [] };
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** The project a request targets: the nearest sfdx-project.json from `folder` up to its workspace folder, or the only workspace folder that has one. */
function resolveProject(workspaceFolders: readonly string[], folder: unknown): { project?: SfdxProject; problem?: string } {
  // Without trailing separators, so that comparisons and dirname() stay inside the folder.
  const folders = workspaceFolders.map((f) => path.resolve(f));
  let start: string;
  let workspaceFolder: string;
  if (folder !== undefined) {
    if (typeof folder !== 'string' || !folder.startsWith('file:')) return { problem: `"folder" must be a file: URI (got ${JSON.stringify(folder)})` };
    let asked: string;
    try {
      asked = path.resolve(pathOf(folder));
    } catch {
      return { problem: `"folder" ${folder} is not a valid file URI` };
    }
    const owner = folders.filter((f) => f === asked || isInside(f, asked)).sort((x, y) => y.length - x.length)[0];
    if (!owner) return { problem: `${asked} is not inside a workspace folder; scaffolding writes only into the workspace` };
    start = asked;
    workspaceFolder = owner;
  } else {
    const projects = folders.filter((f) => isFile(path.join(f, SFDX_PROJECT_FILE)));
    if (projects.length === 0)
      return { problem: folders.length ? `No workspace folder has an ${SFDX_PROJECT_FILE}; open an SFDX project` : 'No workspace folder is open' };
    if (projects.length > 1) return { problem: `Several workspace folders are SFDX projects (${projects.join(', ')}); say which with "folder"` };
    start = workspaceFolder = projects[0];
  }
  for (let dir = start; dir === workspaceFolder || isInside(workspaceFolder, dir); dir = path.dirname(dir)) {
    const file = path.join(dir, SFDX_PROJECT_FILE);
    if (isFile(file)) {
      const project = readSfdxProject(dir);
      if (!project.hasProjectFile) return { problem: `${file} is not valid JSON` };
      // A project folder reached through a symbolic link may lie outside the workspace.
      const real = fs.realpathSync(dir);
      const realWorkspace = fs.realpathSync(workspaceFolder);
      if (real !== realWorkspace && !isInside(realWorkspace, real)) {
        return { problem: `${dir} leads outside the workspace folder ${workspaceFolder} through a symbolic link` };
      }
      return { project };
    }
  }
  return { problem: `No ${SFDX_PROJECT_FILE} in ${start} or the folders above it in the workspace` };
}

function optionsProblem(options: unknown): string | undefined {
  if (options === undefined) return undefined;
  if (!options || typeof options !== 'object' || Array.isArray(options)) return `"options" must be an object of option id → string (got ${describe(options)})`;
  const wrong = Object.entries(options).filter(([, v]) => v !== undefined && v !== null && typeof v !== 'string');
  return wrong.length ? `Option values must be strings: ${wrong.map(([k, v]) => `"${k}" is ${describe(v)}`).join(', ')}` : undefined;
}

async function scaffoldCommand(a: Args | undefined, ctx: ScaffoldCommandContext): Promise<ScaffoldResult> {
  const none = (problems: string[], project?: string): ScaffoldResult => ({ files: [], conflicts: [], problems, ...(project ? { project } : {}) });
  if (!a) return none(['Expected one argument { pattern, name, options?, folder?, overwrite? }']);
  const problems = [
    patternProblem(a.pattern),
    typeof a.name === 'string' ? undefined : `"name" must be a string (got ${describe(a.name)})`,
    optionsProblem(a.options),
    a.overwrite === undefined || typeof a.overwrite === 'boolean' ? undefined : `"overwrite" must be true or false (got ${describe(a.overwrite)})`,
  ].filter((p): p is string => !!p);
  if (problems.length) return none(problems);

  let resolved: ReturnType<typeof resolveProject>;
  try {
    resolved = resolveProject(ctx.folders(), a.folder);
  } catch (e) {
    return none([`Could not read the SFDX project: ${(e as Error).message}`]);
  }
  const project = resolved.project;
  if (!project) return none([resolved.problem!]);
  const projectUri = uriOf(project.root);

  const options: Record<string, string> = {};
  for (const [k, v] of Object.entries((a.options ?? {}) as Record<string, unknown>)) if (typeof v === 'string') options[k] = v;
  let files: GeneratedFile[];
  try {
    files = scaffold({ pattern: a.pattern as PatternId, name: a.name as string, options }, project).files;
  } catch (e) {
    if (e instanceof ScaffoldError) return none(e.problems, projectUri);
    // A missing template or another fault of ours: say so instead of answering nothing.
    return none([`Could not generate ${a.pattern as string}: ${(e as Error).message}`], projectUri);
  }

  let checked: ReturnType<typeof checkTargets>;
  try {
    checked = checkTargets(files, project.root);
  } catch (e) {
    return none([`Could not check the target files: ${(e as Error).message}`], projectUri);
  }
  const uris = files.map((f) => uriOf(path.resolve(project.root, f.path)));
  const conflicts = files.filter((f) => checked.existing.has(path.resolve(project.root, f.path))).map((f) => uriOf(path.resolve(project.root, f.path)));
  const result: ScaffoldResult = { files: uris, conflicts, problems: checked.problems, project: projectUri };
  if (checked.problems.length || (conflicts.length && a.overwrite !== true)) return result;

  const overwrite = new Set(conflicts);
  result.edit = {
    documentChanges: files.flatMap((f, i) => [
      CreateFile.create(uris[i], { overwrite: overwrite.has(uris[i]), ignoreIfExists: false }),
      TextDocumentEdit.create({ uri: uris[i], version: null }, [TextEdit.insert({ line: 0, character: 0 }, f.text)]),
    ]),
  };
  if (a.apply === true && ctx.applyEdit) {
    // A client without workspace/applyEdit answers with an error: the edit is still returned.
    result.applied = await ctx.applyEdit(result.edit).catch(() => false);
  }
  return result;
}
