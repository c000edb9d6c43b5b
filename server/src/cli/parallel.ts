import * as fs from 'node:fs';
import * as os from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker, isMainThread, parentPort, workerData, type MessagePort } from 'node:worker_threads';
import { HeadroomEngine } from '../core/engine';
import { ALL_FORMATS } from '../core/formats';
import { defaultCatalog, loadCatalog } from '../core/capacity/catalog';
import { CATALOG_DATA } from '../core/capacity/catalog-data';
import type { HeadroomConfig } from '../core/config-types';
import type { HeadroomFile } from '../core/config';
import type { Finding } from '../core/types';
import type { DocumentFacts } from '../core/workspace';

// `headroom check` over many files on every core, with the output of a serial run. Cross-file rules
// need every file's facts before any file is linted, so a check has two rounds:
//   1. open: the files are shared out one at a time (the largest first) between this thread and
//      worker threads; each parses its files — once — and sends back their facts;
//   2. lint: every thread gets every file's facts and lints the files it holds (their parse is kept).
// The engine orders cross-file facts by URI, so each thread sees them as a single engine would, and
// results (and log lines) are reported per file in the order the files were given.

export interface CheckRequest {
  /** Absolute paths, in the order results are wanted (the CLI sorts them). */
  files: string[];
  config: HeadroomConfig;
  /** Catalog entries from `.headroom.yaml` (already validated), added to the built-in catalog. */
  catalog?: HeadroomFile['catalog'];
  /** Threads to use, this one included; default: every core, fewer for small inputs. */
  jobs?: number;
}

export interface CheckedFile {
  file: string;
  uri: string;
  findings: Finding[];
}

export interface CheckResult {
  /** The files a format claimed, in request order, with their findings. */
  checked: CheckedFile[];
  /** Log lines (unreadable files, internal errors), grouped by file in request order. */
  log: string;
}

/** Below this many bytes in total a worker's start-up (loading the code and the wasm) costs more than it saves. */
const PARALLEL_MIN_BYTES = 256 * 1024;

type ToWorker =
  | { kind: 'open'; index: number; file: string }
  | { kind: 'lint'; facts: DocumentFacts[] };
type FromWorker =
  | { kind: 'ready' }
  | { kind: 'opened'; index: number; facts?: DocumentFacts; claimed: boolean; log: string }
  | { kind: 'linted'; results: { index: number; findings: Finding[]; log: string }[] };

/** Runs a check on `jobs` threads (1: in this thread only) and returns what a serial run returns. */
export async function checkFiles(request: CheckRequest): Promise<CheckResult> {
  const jobs = request.jobs ?? defaultJobs(request.files);
  const opened: { claimed: boolean; log: string; facts?: DocumentFacts }[] = [];
  const linted: { findings: Finding[]; log: string }[] = [];
  // Largest first, so no thread is left with a big file at the end.
  const sizes = request.files.map((file) => { try { return fs.statSync(file).size; } catch { return 0; } });
  const queue = request.files.map((_, index) => index).sort((a, b) => sizes[b] - sizes[a] || a - b);

  const local = new FileChecker(request.config, request.catalog);
  await local.init();
  const workers = jobs > 1 ? Array.from({ length: Math.min(jobs, request.files.length) - 1 }, () => startWorker(request)) : [];
  try {
    // Round 1: every thread takes the next file until none is left.
    const workersDone = workers.map((worker) => new Promise<void>((resolve, reject) => {
      worker.onMessage = (message) => {
        if (message.kind === 'opened') opened[message.index] = message;
        if (message.kind !== 'ready' && message.kind !== 'opened') return;
        const index = queue.shift();
        if (index === undefined) return resolve();
        worker.send({ kind: 'open', index, file: request.files[index] });
      };
      worker.onError = reject;
    }));
    for (let index = queue.shift(); index !== undefined; index = queue.shift()) {
      opened[index] = local.open(index, request.files[index]);
      // Let the workers' requests for their next file in between files.
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(workersDone);

    // Round 2: every thread lints its files with every file's facts.
    const facts = opened.flatMap((result) => (result.facts ? [result.facts] : []));
    const lintsDone = workers.map((worker) => new Promise<void>((resolve, reject) => {
      worker.onMessage = (message) => {
        if (message.kind !== 'linted') return;
        for (const result of message.results) linted[result.index] = result;
        resolve();
      };
      worker.onError = reject;
      worker.send({ kind: 'lint', facts });
    }));
    for (const result of local.lint(facts)) linted[result.index] = result;
    await Promise.all(lintsDone);
  } catch (error) {
    // A worker that could not start or died: the check is redone here, serially.
    if (workers.length === 0) throw error;
    return checkFiles({ ...request, jobs: 1 });
  } finally {
    local.dispose();
    for (const worker of workers) worker.onError = () => undefined;
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  const checked: CheckedFile[] = [];
  let log = '';
  request.files.forEach((file, index) => {
    log += opened[index].log + (linted[index]?.log ?? '');
    if (opened[index].claimed) checked.push({ file, uri: uriOf(file), findings: linted[index]?.findings ?? [] });
  });
  return { checked, log };
}

function defaultJobs(files: string[]): number {
  let bytes = 0;
  for (const file of files) {
    try { bytes += fs.statSync(file).size; } catch { /* reported when it is read */ }
  }
  return bytes < PARALLEL_MIN_BYTES ? 1 : Math.max(1, os.availableParallelism());
}

function uriOf(file: string): string {
  return pathToFileURL(file).href;
}

/** One thread's share of a check: the files it opened stay open (parsed once) until it lints them. */
class FileChecker {
  private readonly engine: HeadroomEngine;
  private readonly mine = new Map<number, string>();
  private log = '';

  constructor(config: HeadroomConfig, catalog: HeadroomFile['catalog']) {
    this.engine = new HeadroomEngine({
      services: ALL_FORMATS,
      catalog: catalog ? loadCatalog([...CATALOG_DATA, ...catalog]) : defaultCatalog,
      config,
      log: (message) => { this.log += `${message}\n`; },
    });
  }

  init(): Promise<void> {
    return this.engine.init();
  }

  open(index: number, file: string): { claimed: boolean; log: string; facts?: DocumentFacts } {
    this.log = '';
    const uri = uriOf(file);
    let text: string;
    try {
      text = fs.readFileSync(file, 'utf8');
    } catch (error) {
      return { claimed: false, log: `cannot read ${file}: ${String(error)}\n` };
    }
    this.engine.open({ uri, text });
    if (!this.engine.formatOf(uri)) {
      // No format claims it: nothing to keep.
      this.engine.close(uri);
      return { claimed: false, log: this.log };
    }
    this.mine.set(index, uri);
    return { claimed: true, log: this.log, facts: this.engine.get(uri) };
  }

  lint(facts: DocumentFacts[]): { index: number; findings: Finding[]; log: string }[] {
    for (const fact of facts) if (!this.engine.has(fact.uri)) this.engine.addFacts(fact);
    const results: { index: number; findings: Finding[]; log: string }[] = [];
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

const WORKER_MARK = 'headroom-check-worker';

/**
 * A worker thread running this very module (the CLI bundle, or the compiled file under test): it is
 * loaded with `require` from an eval'd entry, so the CLI's own `require.main` check stays false there.
 */
function startWorker(request: CheckRequest): WorkerHandle {
  const worker = new Worker(`require(${JSON.stringify(__filename)});`, {
    eval: true,
    workerData: { mark: WORKER_MARK, config: request.config, catalog: request.catalog },
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

async function runWorker(port: MessagePort, data: { config: HeadroomConfig; catalog?: HeadroomFile['catalog'] }): Promise<void> {
  const checker = new FileChecker(data.config, data.catalog);
  await checker.init();
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'open') {
      port.postMessage({ kind: 'opened', index: message.index, ...checker.open(message.index, message.file) } satisfies FromWorker);
    } else {
      port.postMessage({ kind: 'linted', results: checker.lint(message.facts) } satisfies FromWorker);
      checker.dispose();
    }
  });
  port.postMessage({ kind: 'ready' } satisfies FromWorker);
}

if (!isMainThread && parentPort && (workerData as { mark?: string } | null)?.mark === WORKER_MARK) {
  void runWorker(parentPort, workerData);
}
