/**
 * The conversations behind the scaffolding commands, apart from VS Code so
 * that they can be driven by a test: ask the name and the options the server's
 * catalog describes (validated by the server, so the rules live in one place),
 * ask the decision questions, and get the WorkspaceEdit, asking before any
 * existing file is overwritten. Applying the edit is the caller's job.
 */

import {
  SCAFFOLD_COMMANDS as SERVER_COMMANDS,
  type CatalogOption,
  type CatalogPattern,
  type RecommendResult,
  type ScaffoldCatalog,
  type ScaffoldDefaults,
  type ScaffoldResult,
  type ValidateFieldResult,
} from '../../shared/out/protocol';

export { SERVER_COMMANDS };

/** The client's commands, with the pattern each one scaffolds. */
export const NEW_PATTERN_COMMANDS = {
  'apexPatternLint.newRequestReplyService': 'request-reply',
  'apexPatternLint.newFireAndForget': 'fire-and-forget',
  'apexPatternLint.newBatchDataSync': 'batch-sync',
  'apexPatternLint.newUiUpdate': 'ui-update',
  'apexPatternLint.newNamedCredential': 'named-credential',
} as const;

export const CHOOSE_PATTERN_COMMAND = 'apexPatternLint.chooseIntegrationPattern';

type WorkspaceEditJson = NonNullable<ScaffoldResult['edit']>;

export interface PickItem<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
}

/** What the conversation needs from an editor. `undefined` from input or pick means the user cancelled. */
export interface ScaffoldUi {
  input(o: {
    title: string;
    prompt: string;
    value?: string;
    placeholder?: string;
    validate: (value: string) => Promise<string | undefined>;
  }): Promise<string | undefined>;
  pick<T>(o: { title: string; placeholder: string; items: PickItem<T>[] }): Promise<T | undefined>;
  /** A modal warning with one button; true only when the user presses it. */
  confirm(message: string, detail: string, button: string): Promise<boolean>;
  /** A modal suggestion with one button; true only when the user presses it. */
  offer(message: string, detail: string, button: string): Promise<boolean>;
  error(message: string): void;
}

/** `workspace/executeCommand` on the language server. */
export type ExecuteCommand = <R>(command: string, argument?: unknown) => Promise<R>;

export interface Scaffolded {
  edit: WorkspaceEditJson;
  /** URIs of the generated files, in generation order. */
  files: string[];
  /** URIs of those that replace existing files (with the user's consent). */
  overwritten: string[];
  title: string;
  name: string;
  /** What the user must still do (a credential to create), for the closing message. */
  note?: string;
}

/** `file:///p/src-app/main/default/classes/A.cls` below `file:///p` → `src-app/main/default/classes/A.cls`. */
export function relativeTo(project: string | undefined, uri: string): string {
  const base = project?.endsWith('/') ? project : `${project}/`;
  return decodeURIComponent(project && uri.startsWith(base) ? uri.slice(base.length) : uri);
}

/** Asks one option: a quick pick for a closed set of values, otherwise an input box prefilled with the default. */
async function askOption(
  ui: ScaffoldUi,
  execute: ExecuteCommand,
  pattern: CatalogPattern,
  option: CatalogOption,
  title: string,
  value: string | undefined,
): Promise<string | undefined> {
  if (option.choices) {
    return ui.pick({
      title,
      placeholder: option.prompt,
      items: option.choices.map((c) => ({ label: c, description: c === value ? '(default)' : undefined, value: c })),
    });
  }
  return ui.input({
    title,
    prompt: option.prompt,
    value: value ?? '',
    validate: async (v) =>
      (await execute<ValidateFieldResult>(SERVER_COMMANDS.validateField, { pattern: pattern.id, field: option.id, value: v })).problem ?? undefined,
  });
}

/** Plural-aware "N file(s)". */
function files(n: number): string {
  return `${n} ${n === 1 ? 'file' : 'files'}`;
}

/**
 * Asks for a pattern's name and options and returns the edit that creates
 * its files, or undefined when the user cancelled or the server refused
 * (then the user has been told why).
 */
export async function askAndScaffold(patternId: string, ui: ScaffoldUi, execute: ExecuteCommand, folder?: string): Promise<Scaffolded | undefined> {
  const { patterns } = await execute<ScaffoldCatalog>(SERVER_COMMANDS.catalog);
  const pattern = patterns.find((p) => p.id === patternId);
  if (!pattern) {
    ui.error(`Apex Pattern Lint: the server does not know the pattern "${patternId}".`);
    return undefined;
  }
  const name = await ui.input({
    title: `New ${pattern.title}`,
    prompt: pattern.namePrompt,
    placeholder: `for example ${pattern.nameExample}`,
    validate: async (v) =>
      (await execute<ValidateFieldResult>(SERVER_COMMANDS.validateField, { pattern: pattern.id, field: 'name', value: v })).problem ?? undefined,
  });
  if (name === undefined) return undefined;

  const { defaults } = await execute<ScaffoldDefaults>(SERVER_COMMANDS.defaults, { pattern: pattern.id, name, ...(folder ? { folder } : {}) });
  const options: Record<string, string> = { ...defaults };
  for (const option of pattern.options.filter((o) => o.required && defaults[o.id] === undefined)) {
    const value = await askOption(ui, execute, pattern, option, `New ${pattern.title} "${name}"`, undefined);
    if (value === undefined) return undefined;
    options[option.id] = value;
  }
  const optional = pattern.options.filter((o) => !o.required || defaults[o.id] !== undefined);
  if (optional.length) {
    const summary = optional.map((o) => `${o.id}: ${options[o.id] || '(none)'}`).join(' · ');
    const customise = await ui.pick({
      title: `New ${pattern.title} "${name}"`,
      placeholder: 'Create it with these settings, or change them first',
      items: [
        { label: 'Create', detail: summary, value: false },
        { label: 'Change settings…', detail: optional.map((o) => o.id).join(', '), value: true },
      ],
    });
    if (customise === undefined) return undefined;
    for (const [i, option] of (customise ? optional : []).entries()) {
      const value = await askOption(ui, execute, pattern, option, `New ${pattern.title} "${name}" (${i + 1}/${optional.length})`, options[option.id]);
      if (value === undefined) return undefined;
      options[option.id] = value;
    }
  }

  // Code that calls out through a Named Credential nobody creates does not deploy: ask for its URL, or say so.
  let note: string | undefined;
  const urlOption = pattern.options.find((o) => o.id === 'url');
  if (urlOption && !options.url) {
    const { missingCredentials } = await execute<ScaffoldDefaults>(SERVER_COMMANDS.defaults, {
      pattern: pattern.id,
      name,
      options,
      ...(folder ? { folder } : {}),
    });
    const credential = missingCredentials?.['named-credential'];
    if (credential) {
      const url = await ui.input({
        title: `New ${pattern.title} "${name}": Named Credential ${credential}`,
        prompt: `The project has no Named Credential ${credential}. Its URL (https) creates it; leave empty if you create it yourself before deploying.`,
        placeholder: 'https://api.example.com',
        validate: async (v) =>
          v === ''
            ? undefined
            : ((await execute<ValidateFieldResult>(SERVER_COMMANDS.validateField, { pattern: pattern.id, field: 'url', value: v })).problem ?? undefined),
      });
      if (url === undefined) return undefined;
      if (url) options.url = url;
      else note = `create the Named Credential ${credential} before deploying`;
    }
  }

  const request = { pattern: pattern.id, name, options, ...(folder ? { folder } : {}) };
  let result = await execute<ScaffoldResult>(SERVER_COMMANDS.scaffold, request);
  let overwritten: string[] = [];
  if (!result.problems.length && result.conflicts.length) {
    const consent = await ui.confirm(
      `Overwrite ${files(result.conflicts.length)} that already exist?`,
      `${pattern.title} "${name}" would replace:\n${result.conflicts.map((u) => relativeTo(result.project, u)).join('\n')}`,
      'Overwrite',
    );
    if (!consent) return undefined;
    const asked = new Set(result.conflicts);
    result = await execute<ScaffoldResult>(SERVER_COMMANDS.scaffold, { ...request, overwrite: true });
    // Consent covered the files shown, not ones that appeared since.
    if (result.conflicts.some((u) => !asked.has(u))) {
      ui.error(`Apex Pattern Lint: more files exist now than when you agreed to overwrite them; nothing was created. Run the command again.`);
      return undefined;
    }
    overwritten = result.conflicts;
  }
  if (result.problems.length || !result.edit) {
    ui.error(`Apex Pattern Lint: cannot create ${pattern.title} "${name}": ${result.problems.join('; ') || 'the server returned no edit'}`);
    return undefined;
  }
  return { edit: result.edit, files: result.files, overwritten, title: pattern.title, name, ...(note ? { note } : {}) };
}

/**
 * "Choose Integration Pattern": the decision questions in order, the
 * recommendation with its one-sentence why, and, if the user wants, the
 * scaffolding of that pattern.
 */
export async function choosePattern(ui: ScaffoldUi, execute: ExecuteCommand, folder?: string): Promise<Scaffolded | undefined> {
  const { questions } = await execute<ScaffoldCatalog>(SERVER_COMMANDS.catalog);
  const answers: Record<string, string> = {};
  for (const [i, q] of questions.entries()) {
    const answer = await ui.pick({
      title: `Choose Integration Pattern (${i + 1}/${questions.length})`,
      placeholder: q.question,
      items: q.choices.map((c) => ({ label: c.label, detail: c.detail, value: c.value })),
    });
    if (answer === undefined) return undefined;
    answers[q.id] = answer;
  }
  const { recommendation, problems } = await execute<RecommendResult>(SERVER_COMMANDS.recommend, answers);
  if (!recommendation) {
    ui.error(`Apex Pattern Lint: no recommendation: ${problems.join('; ')}`);
    return undefined;
  }
  const go = await ui.offer(`Recommended: ${recommendation.title}`, recommendation.why, `New ${recommendation.title}…`);
  return go ? askAndScaffold(recommendation.pattern, ui, execute, folder) : undefined;
}
