import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as fs from 'node:fs';
import { performance } from 'node:perf_hooks';

// One LSP probe for every server the benchmarks compare (Headroom's dist/server.js, yaml-language-
// server): spawns the server over stdio, frames messages, answers the server's own requests with
// the settings it is given, and timestamps every notification as it arrives, so "keystroke →
// diagnostics" is measured the same way for each server: from writing didChange to reading the first
// publishDiagnostics for that document sent after it.

interface Message {
  jsonrpc: '2.0';
  id?: number | string;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

export interface ProbeOptions {
  command: string;
  args: string[];
  /** The answer to each `workspace/configuration` item, by section. */
  settings?: (section: string | undefined) => unknown;
  /** Added to this process's environment for the server. */
  env?: Record<string, string>;
}

export class LspProbe {
  readonly process: ChildProcessWithoutNullStreams;
  readonly started = performance.now();
  stderr = '';
  private buffer: Buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  /** Waiters for the next publishDiagnostics of a document. */
  private readonly published = new Map<string, ((params: any, at: number) => void)[]>();
  /** How many diagnostics publications each document got. */
  readonly publications = new Map<string, number>();

  constructor(private readonly options: ProbeOptions) {
    this.process = spawn(options.command, options.args, { stdio: 'pipe', env: options.env ? { ...process.env, ...options.env } : process.env });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => { this.stderr = (this.stderr + chunk.toString()).slice(-4000); });
  }

  private receive(chunk: Buffer): void {
    const at = performance.now();
    this.buffer = this.buffer.length === 0 ? chunk : Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8')) as Message;
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && message.method === undefined) {
        this.pending.get(message.id as number)?.(message);
        this.pending.delete(message.id as number);
      } else if (message.id !== undefined && message.method) {
        const result = message.method === 'workspace/configuration'
          ? (message.params.items as { section?: string }[]).map((item) => this.options.settings?.(item.section) ?? null)
          : null;
        this.write({ jsonrpc: '2.0', id: message.id, result });
      } else if (message.method === 'textDocument/publishDiagnostics') {
        const uri = message.params.uri as string;
        this.publications.set(uri, (this.publications.get(uri) ?? 0) + 1);
        const waiters = this.published.get(uri);
        this.published.delete(uri);
        waiters?.forEach((wake) => wake(message.params, at));
      }
    }
  }

  private write(message: Message): void {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    this.process.stdin.write(Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]));
  }

  request<T = any>(method: string, params: unknown, timeoutMs = 60_000): Promise<T> {
    const id = this.nextId++;
    return new Promise<T>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`${method} timed out; stderr: ${this.stderr}`)), timeoutMs);
      this.pending.set(id, (message) => {
        clearTimeout(timer);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result as T);
      });
      this.write({ jsonrpc: '2.0', id, method, params });
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  async initialize(capabilities: object = {}, initializationOptions?: unknown): Promise<any> {
    const result = await this.request('initialize', { processId: process.pid, rootUri: null, capabilities, initializationOptions });
    this.notify('initialized', {});
    return result;
  }

  /**
   * Resolves with the arrival time of the next publishDiagnostics for `uri` whose version is `version`
   * or later (servers that send no version are taken at their word).
   */
  nextDiagnostics(uri: string, version?: number, timeoutMs = 60_000): Promise<{ at: number; diagnostics: any[] }> {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri}; stderr: ${this.stderr}`)), timeoutMs);
      const wait = () => {
        const list = this.published.get(uri) ?? [];
        list.push((params, at) => {
          if (version !== undefined && typeof params.version === 'number' && params.version < version) return wait();
          clearTimeout(timer);
          resolve({ at, diagnostics: params.diagnostics });
        });
        this.published.set(uri, list);
      };
      wait();
    });
  }

  /** Resident set size of the server process, from /proc (Linux). */
  rss(): { rss: number; peak: number } {
    const status = fs.readFileSync(`/proc/${this.process.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
    return { rss: kib('VmRSS'), peak: kib('VmHWM') };
  }

  /** CPU time the server process has used so far, in ms (user + system, from /proc; 10 ms resolution). */
  cpuMs(): number {
    const fields = fs.readFileSync(`/proc/${this.process.pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
    // After the command name: state is field 3, utime 14 and stime 15 (1-based), in clock ticks of 10 ms.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  }

  async shutdown(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await this.request('shutdown', null, 5000).catch(() => undefined);
    this.notify('exit', null);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    if (this.process.exitCode === null) this.process.kill();
  }
}

/** A server process with no network at all when the machine allows it (`unshare -n`), so nothing it does can reach out. */
export function offline(command: string, args: string[]): { command: string; args: string[] } {
  try {
    const probe = require('node:child_process').spawnSync('unshare', ['-n', 'true'], { stdio: 'ignore' });
    if (probe.status === 0) return { command: 'unshare', args: ['-n', command, ...args] };
  } catch {
    // not available: the settings below still turn the schema store off
  }
  return { command, args };
}
