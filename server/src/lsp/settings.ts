/**
 * The configuration that applies to one document: the workspace's
 * `.apexpatternlintrc.json` (same meaning as for the CLI) with the editor's
 * `apexPatternLint.*` settings for that resource on top. Settings are asked
 * for per resource and cached only until the client says they changed.
 */
import * as path from 'node:path';
import { MessageType, ShowMessageNotification, type Connection } from 'vscode-languageserver';
import { ConfigError, RULE_SETTINGS, TIMEOUT_KEYS, TIMEOUT_RANGE } from '../core/config';
import { findConfigFile, loadConfigFile } from '../node/config-file';
import { DIAGNOSTICS_SCOPES, SETTINGS_SECTION, type DiagnosticsScope } from '../../../shared/out/protocol';
import { defaultConfig, RULE_IDS, type ResolvedConfig, type RuleId, type RuleSetting } from '../base/contracts';

/** `apexPatternLint` as the client sends it. `default` (or absent) leaves the config file's choice. */
export interface EditorSettings {
  rules?: Partial<Record<string, RuleSetting | 'default'>>;
  timeouts?: { syncLimitMs?: number | null; asyncLimitMs?: number | null; defaultMs?: number | null };
  /** Window-wide: publish the findings of every Apex file of the workspace, or of open files only. */
  diagnostics?: { scope?: DiagnosticsScope };
  /** A baseline file (`--write-baseline`), relative to the workspace folder; its findings are hidden or shown as info. */
  baseline?: string | null;
  baselineMode?: BaselineMode;
}

export type BaselineMode = 'hide' | 'info';

/** The baseline that applies to a resource: the setting as given (empty: none) and what to do with its findings. */
export interface BaselineSetting {
  path: string;
  mode: BaselineMode;
}

const LEVELS: readonly string[] = RULE_SETTINGS;

function validTimeout(v: unknown): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= TIMEOUT_RANGE.min && v <= TIMEOUT_RANGE.max;
}

/** Editor settings over a resolved config file; invalid values are ignored, not fatal. */
export function mergeSettings(base: ResolvedConfig, settings: EditorSettings | null | undefined): ResolvedConfig {
  const out: ResolvedConfig = { ...base, rules: { ...base.rules }, timeouts: { ...base.timeouts } };
  if (!settings || typeof settings !== 'object') return out;
  for (const [id, value] of Object.entries(settings.rules ?? {})) {
    if ((RULE_IDS as readonly string[]).includes(id) && typeof value === 'string' && LEVELS.includes(value)) out.rules[id as RuleId] = value as RuleSetting;
  }
  const t = settings.timeouts ?? {};
  for (const key of TIMEOUT_KEYS) {
    const v = t[key];
    if (validTimeout(v)) out.timeouts[key] = v;
  }
  return out;
}

export class DocumentSettings {
  private readonly editor = new Map<string, Promise<EditorSettings | undefined>>();
  private readonly configFiles = new Map<string, ResolvedConfig>();
  private readonly reported = new Set<string>();

  /** Used when the client cannot answer workspace/configuration (initializationOptions.settings). */
  private fallback: EditorSettings | undefined;

  constructor(
    private readonly connection: Connection,
    private readonly canAskClient: () => boolean,
  ) {}

  /** The settings to use when the client cannot be asked (initialize's options). */
  useFallback(settings: EditorSettings | undefined): void {
    this.fallback = settings;
    this.editor.clear();
  }

  /** The client said settings changed. */
  clearEditorSettings(): void {
    this.editor.clear();
  }

  /** A config file was created, changed or deleted on disk. */
  clearConfigFiles(): void {
    this.configFiles.clear();
    this.reported.clear();
  }

  forget(uri: string): void {
    this.editor.delete(uri);
  }

  /** Which files' findings to publish (a window setting: asked without a resource). */
  async scope(): Promise<DiagnosticsScope> {
    let settings: EditorSettings | undefined = this.fallback;
    if (this.canAskClient()) {
      try {
        const s: unknown = await this.connection.workspace.getConfiguration(SETTINGS_SECTION);
        if (s && typeof s === 'object') settings = s as EditorSettings;
      } catch (e) {
        this.connection.console.error(`Cannot read settings: ${(e as Error).message}`);
      }
    }
    const scope = settings?.diagnostics?.scope;
    return scope && DIAGNOSTICS_SCOPES.includes(scope) ? scope : 'workspace';
  }

  async baselineFor(uri: string): Promise<BaselineSetting> {
    const editor = await this.editorSettings(uri);
    const given = editor?.baseline;
    return { path: typeof given === 'string' ? given.trim() : '', mode: editor?.baselineMode === 'info' ? 'info' : 'hide' };
  }

  async configFor(uri: string, file: string): Promise<ResolvedConfig> {
    const [editor, base] = await Promise.all([this.editorSettings(uri), Promise.resolve(this.configFile(file))]);
    return mergeSettings(base, editor);
  }

  private editorSettings(uri: string): Promise<EditorSettings | undefined> {
    if (!this.canAskClient()) return Promise.resolve(this.fallback);
    let p = this.editor.get(uri);
    if (!p) {
      p = this.connection.workspace.getConfiguration({ scopeUri: uri, section: SETTINGS_SECTION }).then(
        (s: unknown) => (s && typeof s === 'object' ? (s as EditorSettings) : this.fallback),
        (e: unknown) => {
          this.connection.console.error(`Cannot read settings for ${uri}: ${(e as Error).message}`);
          return this.fallback;
        },
      );
      this.editor.set(uri, p);
    }
    return p;
  }

  private configFile(file: string): ResolvedConfig {
    if (!path.isAbsolute(file)) return defaultConfig();
    const found = findConfigFile(path.dirname(file));
    if (!found) return defaultConfig();
    const cached = this.configFiles.get(found);
    if (cached) return cached;
    let config = defaultConfig();
    try {
      config = loadConfigFile(found);
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      if (!this.reported.has(found)) {
        this.reported.add(found);
        // A notification, not a request: a client that cannot show message requests must not break linting.
        void this.connection.sendNotification(ShowMessageNotification.type, {
          type: MessageType.Warning,
          message: `Apex Pattern Lint: ${e.message} — using the defaults.`,
        });
      }
    }
    this.configFiles.set(found, config);
    return config;
  }
}
