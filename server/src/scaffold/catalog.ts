/**
 * The pattern data in a form that crosses a process boundary (JSON over LSP
 * `workspace/executeCommand`): descriptions without functions, defaults for a
 * given name, and validation of one field at a time for input boxes.
 */
import { patternInfo, PATTERNS, type PatternId } from './patterns';

export interface PatternOptionDescription {
  id: string;
  prompt: string;
  required: boolean;
  choices?: string[];
}

export interface PatternDescription {
  id: PatternId;
  title: string;
  description: string;
  namePrompt: string;
  nameExample: string;
  options: PatternOptionDescription[];
}

/** Every pattern, JSON-safe, in the order a UI should offer them. */
export function patternCatalog(): PatternDescription[] {
  return PATTERNS.map((p) => ({
    id: p.id,
    title: p.title,
    description: p.description,
    namePrompt: p.namePrompt,
    nameExample: p.nameExample,
    options: p.options.map((o) => ({ id: o.id, prompt: o.prompt, required: o.required, ...(o.choices ? { choices: [...o.choices] } : {}) })),
  }));
}

/** The default of each option that has one, for this name (to prefill input boxes). */
export function optionDefaults(pattern: PatternId, name: string): Record<string, string> {
  const info = patternInfo(pattern);
  if (!info) return {};
  return Object.fromEntries(info.options.filter((o) => o.defaultFor).map((o) => [o.id, o.defaultFor!(name)]));
}

/**
 * What is wrong with one field (`name` or an option id) of a pattern, or
 * undefined; an empty optional option is fine (its default applies).
 */
export function validateField(pattern: PatternId, field: string, value: string): string | undefined {
  const info = patternInfo(pattern);
  if (!info) return `Unknown pattern "${pattern}"`;
  if (field === 'name') return info.validateName(value);
  const option = info.options.find((o) => o.id === field);
  if (!option) return `Option "${field}" does not apply to ${pattern}`;
  if (value === '') return option.required ? `${option.prompt} is required` : undefined;
  return option.validate(value);
}
