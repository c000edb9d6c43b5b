import * as os from 'node:os';
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { MAX_FACTS_ROUNDS, type HeadroomEngine } from '../core/engine';
import type { Finding } from '../core/types';
import type { DocumentFacts } from '../core/workspace';
import { createEngine, loadSettings } from './workspace';

// `headroom check` over many files on every idle core, with the output of a serial run. Cross-file rules
// need every file's facts before any file is linted, and a file's facts can read other files' facts
// (FormatService.factsDependOn: an Alloy declare exporting what a sibling file's declare exports), so a
// check has three steps:
//   1. open: the documents are shared out one at a time (the largest first) between this thread and
//      worker threads; each parses its documents — once — and sends back their facts, made seeing only
//      the documents that thread holds;
//   2. settle: every thread gets every document's facts (its engine makes again those of its documents
//      that read them) and answers with the facts of its documents that changed; these go to every thread
//      again, until no thread answers with a change — the facts a single engine settles on. A check where
//      no file's facts read another's costs one exchange, the one that learns that nothing changed;
//   3. lint: every thread lints the documents it holds (their parse kept).
// The engine orders cross-file facts by URI, so each thread sees them as a single engine would; results
// and log lines are returned per document, in the order the documents were given.

/** A document to check, as `check` read it (from disk or standard input). */
export interface CheckDocument {
  uri: string;
  text: string;
  invalidUtf8?: number[];
}

export interface ParallelCheck {
  docs: CheckDocument[];
  /** Where the workspace configuration comes from; every thread loads it as `check` does. */
  cwd: string;
  configPath?: string;
  /** Threads to use, this one included; default: `defaultJobs`. */
  jobs?: number;
  /**
   * Deal the documents out: thread t (this one is 0) takes the documents at t, t + jobs, t + 2·jobs …
   * of the largest-first order, rather than the next one left whenever it is free. Which thread holds
   * which document then does not depend on timing: tests use it to put files on different threads.
   */
  dealt?: boolean;
}

/** What `check` reads from an engine, answered from the threads' results. */
export interface CheckedDocuments {
  formatOf(uri: string): string | undefined;
  lint(uri: string): Finding[];
  /** Log lines (internal errors), grouped by document in request order. */
  log: string;
}

/** Below this many characters in total a worker's start-up (loading the code and the wasm) costs more than it saves. */
const PARALLEL_MIN_CHARS = 256 * 1024;

/**
 * Threads for a check of `chars` characters when --jobs is not given: one for a small input, else one
 * per idle core. A worker costs its own start-up and a cold JIT for its share of the files (the corpus,
 * 1.65 MB: 4.7-5.0 s of CPU on 2 threads against 3.8-4.0 s on one), which only pays when it gets a core
 * of its own: on the shared 2-core machine at a load average of 8.8, 2 threads took 7.6-10.1 s and one
 * 6.0-6.9 s (2026-11-30). Idle cores are the cores less the 1-minute load average (0 on Windows, where
 * every core counts as idle).
 */
export function defaultJobs(chars: number, cores = os.availableParallelism(), load = os.loadavg()[0]): number {
  if (chars < PARALLEL_MIN_CHARS) return 1;
  return Math.max(1, Math.min(cores, Math.round(cores - load)));
}

type ToWorker =
  | { kind: 'open'; index: number; doc: CheckDocument }
  | { kind: 'settle'; facts: DocumentFacts[] }
  | { kind: 'lint' };
type Opened = { format?: string; facts?: DocumentFacts; log: string };
/** The facts of a thread's documents that changed since it last sent them, and what its engine logged. */
type Settled = { facts: DocumentFacts[]; log: string };
type Linted = { index: number; findings: Finding[]; log: string };
type FromWorker =
  | { kind: 'ready' }
  | ({ kind: 'opened'; index: number } & Opened)
  | ({ kind: 'settled' } & Settled)
  | { kind: 'linted'; results: Linted[] };

/**
 * How many settle exchanges a check may take: the engine's bound on rounds of making dependent facts
 * again. An exchange carries a change across at least one thread boundary of a chain of files reading
 * each other's facts (each thread settles its own documents within one), so a chain crossing threads k
 * times settles within k + 1 exchanges.
 */
const MAX_SETTLE_ROUNDS = MAX_FACTS_ROUNDS;

/**
 * Checks `docs` on several threads. Undefined when one thread is the better choice (`--jobs 1`, one
 * document, a small input): the caller then checks them in its own engine, as before.
 */
export async function checkInParallel(request: ParallelCheck): Promise<CheckedDocuments | undefined> {
  const chars = request.docs.reduce((sum, doc) => sum + doc.text.length, 0);
  const jobs = Math.min(request.jobs ?? defaultJobs(chars), request.docs.length);
  if (jobs <= 1) return undefined;

  const opened: Opened[] = [];
  const linted: Linted[] = [];
  let settleLog = '';
  // Largest first, so no thread is left with a big document at the end.
  const order = request.docs.map((_, index) => index).sort((a, b) => request.docs[b].text.length - request.docs[a].text.length || a - b);
  // Each thread's queue: its own share when dealt, else the one queue they all take from.
  const queues = Array.from({ length: jobs }, (_, thread) => (request.dealt ? order.filter((_, at) => at % jobs === thread) : order));
  // The workers start first: they load the code and the wasm on their own cores while this thread
  // creates its engine.
  const workers = Array.from({ length: jobs - 1 }, () => startWorker(request));
  // The workers that hold a document (a format claimed it): only they take part in steps 2 and 3.
  const holding = new Set<WorkerHandle>();
  let local: DocumentChecker | undefined;
  try {
    local = await DocumentChecker.create(request.cwd, request.configPath);
    // Step 1: every thread takes the next document until none is left.
    const workersDone = workers.map((worker, at) => new Promise<void>((resolve, reject) => {
      const queue = queues[at + 1];
      worker.onMessage = (message) => {
        if (message.kind === 'opened') {
          opened[message.index] = message;
          if (message.format) holding.add(worker);
        }
        if (message.kind !== 'ready' && message.kind !== 'opened') return;
        const index = queue.shift();
        if (index === undefined) return resolve();
        worker.send({ kind: 'open', index, doc: request.docs[index] });
      };
      worker.onError = reject;
    }));
    for (let index = queues[0].shift(); index !== undefined; index = queues[0].shift()) {
      opened[index] = local.open(index, request.docs[index]);
      // Let the workers' requests for their next document in between documents.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(workersDone);
    // In the workers' order, not the order they first held a document: log lines come in the same order every run.
    const threads = workers.filter((worker) => holding.has(worker));

    // Step 2: every document's facts to every thread, then the ones that changed, until none does.
    let changed = opened.flatMap((result) => (result.facts ? [result.facts] : []));
    for (let rounds = 0; changed.length > 0; rounds++) {
      if (rounds === MAX_SETTLE_ROUNDS) {
        settleLog += `The facts of ${changed.map((facts) => facts.uri).join(', ')} still changed after ${MAX_SETTLE_ROUNDS} exchanges of facts between the check's threads: left as they are.\n`;
        break;
      }
      const message: ToWorker = { kind: 'settle', facts: changed };
      const answers = threads.map((worker) => ask(worker, message, 'settled'));
      const own = local.settle(changed);
      const settled = [own, ...(await Promise.all(answers))];
      settleLog += settled.map((answer) => answer.log).join('');
      changed = settled.flatMap((answer) => answer.facts);
    }

    // Step 3: every thread lints its documents with the settled facts.
    const lints = threads.map((worker) => ask(worker, { kind: 'lint' }, 'linted'));
    for (const result of local.lint()) linted[result.index] = result;
    for (const answer of await Promise.all(lints)) for (const result of answer.results) linted[result.index] = result;
  } catch {
    // A worker that could not start or died: the caller checks serially instead.
    return undefined;
  } finally {
    local?.dispose();
    for (const worker of workers) worker.onError = () => undefined;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  const byUri = new Map(request.docs.map((doc, index) => [doc.uri, index]));
  const at = (uri: string) => byUri.get(uri) ?? -1;
  return {
    formatOf: (uri) => opened[at(uri)]?.format,
    lint: (uri) => linted[at(uri)]?.findings ?? [],
    log: request.docs.map((_, index) => (opened[index]?.log ?? '') + (linted[index]?.log ?? '')).join('') + settleLog,
  };
}

/** One thread's share of a check: the documents it opened stay open (parsed once) until it lints them. */
class DocumentChecker {
  private readonly mine = new Map<number, string>();
  /** The facts of each of its documents as this thread last sent them. */
  private readonly sent = new Map<string, DocumentFacts | undefined>();
  private log = '';
  private engine!: HeadroomEngine;

  static async create(cwd: string, configPath: string | undefined): Promise<DocumentChecker> {
    const checker = new DocumentChecker();
    checker.engine = await createEngine(loadSettings(cwd, configPath), (message) => { checker.log += `${message}\n`; });
    return checker;
  }

  open(index: number, doc: CheckDocument): Opened {
    this.log = '';
    this.engine.open(doc);
    const format = this.engine.formatOf(doc.uri);
    if (!format) {
      // No format claims it: nothing to keep.
      this.engine.close(doc.uri);
      return { log: this.log };
    }
    this.mine.set(index, doc.uri);
    const facts = this.engine.get(doc.uri);
    this.sent.set(doc.uri, facts);
    return { format, facts, log: this.log };
  }

  /**
   * Takes the other threads' facts (the engine makes again those of this thread's documents that read
   * them) and answers with the facts of its documents that changed since it sent them: the ones made
   * again now, and the ones made again in step 1 by a document opened after them. The engine keeps the
   * very object when facts made again are equal, so identity tells a change.
   */
  settle(facts: DocumentFacts[]): Settled {
    this.log = '';
    for (const fact of facts) if (!this.engine.has(fact.uri)) this.engine.addFacts(fact);
    const changed: DocumentFacts[] = [];
    for (const uri of this.mine.values()) {
      const now = this.engine.get(uri);
      if (now === this.sent.get(uri)) continue;
      this.sent.set(uri, now);
      if (now) changed.push(now);
    }
    return { facts: changed, log: this.log };
  }

  lint(): Linted[] {
    const results: Linted[] = [];
    for (const [index, uri] of this.mine) {
      this.log = '';
      const findings = this.engine.lint(uri);
      results.push({ index, findings, log: this.log });
    }
    return results;
  }

  dispose(): void {
    this.engine.dispose();
  }
}

interface WorkerHandle {
  send(message: ToWorker): void;
  terminate(): Promise<number>;
  onMessage: (message: FromWorker) => void;
  onError: (error: Error) => void;
}

/** Sends `message` to a worker and resolves with its answer of kind `kind` (rejects if the worker dies). */
function ask<K extends FromWorker['kind']>(worker: WorkerHandle, message: ToWorker, kind: K): Promise<Extract<FromWorker, { kind: K }>> {
  return new Promise((resolve, reject) => {
    worker.onMessage = (answer) => {
      if (answer.kind === kind) resolve(answer as Extract<FromWorker, { kind: K }>);
    };
    worker.onError = reject;
    worker.send(message);
  });
}

const WORKER_MARK = 'headroom-check-worker';

/**
 * A worker thread running this very module (the CLI bundle, or the compiled file under test): it is
 * loaded with `require` from an eval'd entry, so the CLI's own `require.main` check stays false there.
 */
function startWorker(request: ParallelCheck): WorkerHandle {
  const worker = new Worker(`require(${JSON.stringify(__filename)});`, {
    eval: true,
    workerData: { mark: WORKER_MARK, cwd: request.cwd, configPath: request.configPath },
  });
  const handle: WorkerHandle = {
    send: (message) => worker.postMessage(message),
    terminate: () => worker.terminate(),
    onMessage: () => undefined,
    onError: () => undefined,
  };
  worker.on('message', (message: FromWorker) => handle.onMessage(message));
  worker.on('error', (error) => handle.onError(error));
  worker.on('exit', (code) => { if (code !== 0) handle.onError(new Error(`check worker exited with code ${code}`)); });
  return handle;
}

async function runWorker(port: MessagePort, data: { cwd: string; configPath?: string }): Promise<void> {
  const checker = await DocumentChecker.create(data.cwd, data.configPath);
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'open') {
      port.postMessage({ kind: 'opened', index: message.index, ...checker.open(message.index, message.doc) } satisfies FromWorker);
    } else if (message.kind === 'settle') {
      port.postMessage({ kind: 'settled', ...checker.settle(message.facts) } satisfies FromWorker);
    } else {
      port.postMessage({ kind: 'linted', results: checker.lint() } satisfies FromWorker);
      checker.dispose();
    }
  });
  port.postMessage({ kind: 'ready' } satisfies FromWorker);
}

if (!isMainThread && parentPort && (workerData as { mark?: string } | null)?.mark === WORKER_MARK) {
  void runWorker(parentPort, workerData);
}
