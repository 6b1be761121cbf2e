/**
 * A pool of parse workers with a hard deadline per file. The parser checks
 * its deadline between predictions, but a single prediction on pathological
 * input (`List<` nested a thousand deep) runs for minutes; only terminating
 * the thread stops it. So a file that can stall is parsed in a worker; past
 * its budget the worker is terminated (a fresh one takes its place) and the
 * file gets a `timeout` problem. Each worker's heap is capped too, so one
 * file cannot take the process down with it.
 *
 * A worker costs: it learns ANTLR's prediction tables again (each one, from
 * nothing) and its models are copied back. On real code that doubled the CPU
 * time of a cold run. Deep nesting is what makes one prediction slow, and a
 * file nested at most NEST_LIMIT deep parses in milliseconds, so such a file
 * (below IN_THREAD_MAX_CHARS, and never stopped before) is parsed in this
 * thread, where the checks between predictions still hold its budget; the
 * rest go to workers, started only when one is needed. When workers cannot be
 * started (the script is missing from a bundle), every file is parsed here.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { analyzeFile, unitKind } from '../core/analyze-file';
import { nestsDeeperThan } from '../parse/deepNesting';
import type { ResolvedConfig, SourceFile } from '../base/contracts';
import type { FileModel, ProblemKind } from '../model/ir';
import type { ParseReply, ParseRequest } from './parse-worker';

/** Heap of one worker. A file at the size limit (node/files.ts) needs a few hundred MB. */
export const WORKER_HEAP_MB = 1024;

/** Nesting (brackets or generics) up to this depth parses in milliseconds; deeper goes to a worker. */
export const NEST_LIMIT = 40;
/**
 * Apex's own limit on a class. Parsing takes 40–50 bytes of memory per character,
 * so a deployable class fits this thread's heap; anything larger goes to a worker, whose heap is capped.
 * (Parsing a 680,000-character test class in a worker cost 2.3 CPU-s more than here: its own prediction tables.)
 */
export const IN_THREAD_MAX_CHARS = 1_000_000;

/** Whether a file's parse can stall (or need an unbounded heap): it must then run where it can be stopped. */
export function canStall(text: string): boolean {
  return text.length > IN_THREAD_MAX_CHARS || nestsDeeperThan(text, NEST_LIMIT);
}

export interface ParsePoolOptions {
  /** Workers (default: the cores, at most 4). */
  size?: number;
  /** The worker script (default: parse-worker.js next to this module). */
  script?: string;
}

/** The model of a file that could not be analysed: one problem, no types. */
export function unanalysedModel(file: SourceFile, kind: ProblemKind, message: string): FileModel {
  return { kind: unitKind(file.path), types: [], problems: [{ kind, message, span: { start: 0, end: 0 } }], lineSuppressions: [] };
}

export function stoppedMessage(ms: number): string {
  return `Analysis stopped after ${ms} ms (the per-file limit, fileTimeoutMs); the file is not analysed`;
}

interface Job {
  id: number;
  file: SourceFile;
  config: ResolvedConfig;
  resolve: (model: FileModel) => void;
}

interface Slot {
  worker: Worker;
  ready: boolean;
  job?: Job;
  timer?: NodeJS.Timeout;
}

export class ParsePool {
  private readonly size: number;
  private readonly script: string;
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private inProcess = false;
  /** Workers that died before they were ready; after a few, parse in this thread. */
  private failedStarts = 0;
  private closed = false;
  /** Paths whose parse was stopped or crashed: parsed in a worker from then on, whatever their text. */
  private readonly failed = new Set<string>();
  /** Files parsed in workers and in this thread; those stopped at their deadline or their memory cap. */
  readonly stats = { parsed: 0, inThread: 0, stopped: 0, crashed: 0 };

  constructor(options: ParsePoolOptions = {}) {
    this.size = Math.max(1, options.size ?? Math.min(4, os.availableParallelism()));
    this.script = options.script ?? path.join(__dirname, 'parse-worker.js');
    this.inProcess = !fs.existsSync(this.script);
  }

  /** Whether `parse` would send the file to a worker (else it parses it in this thread, synchronously). */
  isolates(file: SourceFile): boolean {
    return !this.inProcess && !this.closed && (this.failed.has(file.path) || canStall(file.text));
  }

  /** Parse and model one file within `config.fileTimeoutMs`. Never rejects. */
  parse(file: SourceFile, config: ResolvedConfig): Promise<FileModel> {
    if (!this.isolates(file)) {
      this.stats.inThread++;
      const model = analyzeFile(file, config).model;
      if (model.problems.some((p) => p.kind === 'timeout')) this.failed.add(file.path);
      return Promise.resolve(model);
    }
    return new Promise((resolve) => {
      this.queue.push({ id: this.nextId++, file, config, resolve });
      this.dispatch();
    });
  }

  /** Stop every worker; queued files are parsed in this thread (there are none in normal use). */
  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => (clearTimeout(s.timer), s.worker.terminate())));
    for (const s of slots) if (s.job) s.job.resolve(unanalysedModel(s.job.file, 'internal', 'The parse was stopped because the run ended'));
    for (const job of this.queue.splice(0)) job.resolve(analyzeFile(job.file, job.config).model);
  }

  private dispatch(): void {
    while (this.queue.length) {
      const idle = this.slots.find((s) => s.ready && !s.job);
      if (!idle) {
        if (this.slots.length < this.size) this.spawn();
        return;
      }
      this.start(idle, this.queue.shift()!);
    }
  }

  private spawn(): void {
    let worker: Worker;
    try {
      worker = new Worker(this.script, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
    } catch {
      this.inProcess = true;
      for (const job of this.queue.splice(0)) job.resolve(analyzeFile(job.file, job.config).model);
      return;
    }
    worker.unref();
    const slot: Slot = { worker, ready: false };
    this.slots.push(slot);
    worker.on('message', (reply: ParseReply) => {
      if ('ready' in reply) {
        slot.ready = true;
      } else if (slot.job && reply.id === slot.job.id) {
        const job = slot.job;
        this.finish(slot);
        this.stats.parsed++;
        job.resolve('model' in reply ? reply.model : unanalysedModel(job.file, 'internal', `Internal error while parsing: ${reply.error}`));
      }
      this.dispatch();
    });
    worker.on('error', (e: Error & { code?: string }) => this.lost(slot, e.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : e.message));
    worker.on('exit', () => this.lost(slot, 'exit'));
  }

  private start(slot: Slot, job: Job): void {
    slot.job = job;
    const budget = job.config.fileTimeoutMs;
    slot.timer = setTimeout(() => this.stop(slot, budget), budget);
    const request: ParseRequest = { id: job.id, file: job.file, config: job.config };
    slot.worker.postMessage(request);
  }

  private finish(slot: Slot): void {
    clearTimeout(slot.timer);
    slot.timer = undefined;
    slot.job = undefined;
  }

  /** Past the budget: terminate the worker, report the file, let a fresh worker take the queue. */
  private stop(slot: Slot, budget: number): void {
    const job = slot.job;
    if (!job) return;
    this.finish(slot);
    this.remove(slot);
    void slot.worker.terminate();
    this.stats.stopped++;
    this.failed.add(job.file.path);
    job.resolve(unanalysedModel(job.file, 'timeout', stoppedMessage(budget)));
    this.dispatch();
  }

  /** A worker died (out of memory, or an error outside a parse). */
  private lost(slot: Slot, why: string): void {
    if (!this.slots.includes(slot)) return;
    const job = slot.job;
    this.finish(slot);
    this.remove(slot);
    if (!slot.ready && ++this.failedStarts >= 3) {
      this.inProcess = true;
      for (const queued of this.queue.splice(0)) queued.resolve(analyzeFile(queued.file, queued.config).model);
    }
    if (job) {
      this.stats.crashed++;
      this.failed.add(job.file.path);
      const message =
        why === 'memory'
          ? `Analysis stopped: the file needed more than ${WORKER_HEAP_MB} MB of memory; the file is not analysed`
          : `Internal error while parsing (the parse worker stopped: ${why}); the file is not analysed`;
      job.resolve(unanalysedModel(job.file, why === 'memory' ? 'timeout' : 'internal', message));
    }
    if (!this.closed) this.dispatch();
  }

  private remove(slot: Slot): void {
    const i = this.slots.indexOf(slot);
    if (i >= 0) this.slots.splice(i, 1);
  }
}
