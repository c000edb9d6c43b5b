import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import * as path from 'node:path';
import { repoRoot } from './paths';

interface Message {
  jsonrpc: '2.0';
  id?: number;
  method?: string;
  params?: any;
  result?: any;
  error?: { code: number; message: string };
}

/**
 * A minimal LSP client over stdio for tests: Content-Length framing, requests with ids, and a log of
 * every notification so tests can wait for the diagnostics published for a given document version.
 */
export class LspTestClient {
  readonly process: ChildProcessWithoutNullStreams;
  readonly notifications: Message[] = [];
  /** Requests the server sent (client/registerCapability, workspace/configuration, workspace/diagnostic/refresh…), answered as they came. */
  readonly serverRequests: Message[] = [];
  stderr = '';
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly pending = new Map<number, (message: Message) => void>();
  private readonly waiters: (() => void)[] = [];

  constructor(serverPath = path.join(repoRoot(), 'dist', 'server.js'), nodeArgs: string[] = []) {
    this.process = spawn(process.execPath, [...nodeArgs, serverPath, '--stdio'], { stdio: 'pipe' });
    this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
    this.process.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
  }

  private receive(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf('\r\n\r\n');
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1]);
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8');
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      const message = JSON.parse(body) as Message;
      if (message.id !== undefined && message.method === undefined) {
        this.pending.get(message.id)?.(message);
        this.pending.delete(message.id);
      } else if (message.id !== undefined && message.method) {
        // A request from the server (workspace/configuration, client/registerCapability): answer it.
        this.serverRequests.push(message);
        this.waiters.splice(0).forEach((wake) => wake());
        const result = message.method === 'workspace/configuration' ? (message.params.items as unknown[]).map(() => ({})) : null;
        this.write({ jsonrpc: '2.0', id: message.id, result });
      } else {
        this.notifications.push(message);
        this.waiters.splice(0).forEach((wake) => wake());
      }
    }
  }

  writeRaw(text: string): void {
    this.process.stdin.write(text);
  }

  private write(message: Message): void {
    this.process.stdin.write(LspTestClient.frame(message));
  }

  private static frame(message: Message): Buffer {
    const body = Buffer.from(JSON.stringify(message), 'utf8');
    return Buffer.concat([Buffer.from(`Content-Length: ${body.length}\r\n\r\n`), body]);
  }

  request<T = any>(method: string, params: unknown, timeoutMs = 10_000): Promise<T> {
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

  /** Sends a request and its cancellation in one write, as an editor does when the user types on; resolves with the reply. */
  requestAndCancel(method: string, params: unknown): Promise<Message> {
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      this.process.stdin.write(Buffer.concat([
        LspTestClient.frame({ jsonrpc: '2.0', id, method, params }),
        LspTestClient.frame({ jsonrpc: '2.0', method: '$/cancelRequest', params: { id } }),
      ]));
    });
  }

  notify(method: string, params: unknown): void {
    this.write({ jsonrpc: '2.0', method, params });
  }

  /**
   * Sends notifications in one write, so the server reads them together however loaded the machine is
   * (a burst of keystrokes the editor flushed at once); separate writes may reach the server in separate reads.
   */
  notifyBurst(notifications: { method: string; params: unknown }[]): void {
    this.process.stdin.write(Buffer.concat(notifications.map(({ method, params }) => LspTestClient.frame({ jsonrpc: '2.0', method, params }))));
  }

  async initialize(capabilities: object = {}, rootUri: string | null = null): Promise<any> {
    const result = await this.request('initialize', { processId: process.pid, rootUri, capabilities });
    this.notify('initialized', {});
    return result;
  }

  /** Waits for the diagnostics published for `uri` at `version` (or any version when omitted). */
  async diagnostics(uri: string, version?: number, timeoutMs = 10_000): Promise<any[]> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = [...this.notifications].reverse().find((n) => n.method === 'textDocument/publishDiagnostics' &&
        n.params.uri === uri && (version === undefined || n.params.version === version));
      if (found) return found.params.diagnostics;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no diagnostics for ${uri} v${version}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => { clearTimeout(timer); resolve(); });
      });
    }
  }

  async shutdown(): Promise<void> {
    if (this.process.exitCode !== null) return;
    const exited = new Promise((resolve) => this.process.once('exit', resolve));
    await this.request('shutdown', null).catch(() => undefined);
    this.notify('exit', null);
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 2000))]);
    this.process.kill();
  }
}
