import type { MessageStrategy } from 'vscode-languageserver/node';

/**
 * When to analyse: as soon as the connection has handled every message it already received, never after
 * a fixed delay. vscode-jsonrpc dispatches one queued message per `setImmediate` turn; the scheduler
 * counts dispatched messages (through the connection's message strategy) and runs its work only when
 * nothing was dispatched from one look to the next, the first in the check phase, the second in the
 * timers phase of the next turn of the event loop: whatever the poll phase between them read from the
 * client has been dispatched by then (its immediate runs after the first look). So a burst of
 * keystrokes that arrived together is applied in full and analysed once, for its newest version. Work is done one document per turn,
 * the most recently touched first, so an edit that arrives meanwhile goes ahead of re-linting the rest,
 * and a document that changes again before its turn is analysed only once, for its newest version.
 */
export class AnalysisScheduler {
  private dispatched = 0;
  private seen = -1;
  private scheduled = false;
  private confirming = false;
  /** Documents waiting for analysis, in the order they were last touched (the newest last). */
  private readonly waiting = new Map<string, true>();
  private readonly quietWaiters: (() => void)[] = [];
  private idle: { ms: number; run: () => void } | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  /** `dispatched` when the idle timer was armed: any message since then means the server was not idle. */
  private idleSeen = -1;

  constructor(private readonly analyse: (uri: string) => void, private readonly log: (message: string) => void) {}

  /** Install on the connection (`createConnection(features, { messageStrategy })`). */
  readonly messageStrategy: MessageStrategy = {
    handleMessage: (message, next) => {
      this.dispatched++;
      // Any message (a close, a hover) may leave memory behind, not only analyses.
      this.armIdle();
      next(message);
    },
  };

  /** Queues `uri` for analysis ahead of every other document (it was just edited or opened). */
  touch(uri: string): void {
    this.waiting.delete(uri);
    this.waiting.set(uri, true);
    this.schedule();
  }

  /** Queues `uris` behind every document already waiting (a re-lint of the others). */
  queue(uris: string[]): void {
    const ahead = [...this.waiting.keys()];
    this.waiting.clear();
    for (const uri of [...uris, ...ahead]) {
      if (!this.waiting.has(uri)) this.waiting.set(uri, true);
    }
    if (this.waiting.size > 0) this.schedule();
  }

  /** Drops a document's pending analysis (it was closed). */
  forget(uri: string): void {
    this.waiting.delete(uri);
  }

  /** Resolves once every message received so far has been handled (for requests that answer with the newest state). */
  quiet(): Promise<void> {
    return new Promise((resolve) => {
      this.quietWaiters.push(resolve);
      this.schedule();
    });
  }

  /**
   * Runs `run` once the server has had nothing to do for `ms` milliseconds after its last message or
   * analysis: no message dispatched and nothing waiting. Once per quiet spell; for housekeeping that must
   * not sit in front of due work (memoryRelease.ts).
   */
  whenIdle(ms: number, run: () => void): void {
    this.idle = { ms, run };
  }

  get pending(): number {
    return this.waiting.size;
  }

  private schedule(): void {
    if (this.scheduled || this.confirming) return;
    this.scheduled = true;
    setImmediate(() => this.tick());
  }

  private tick(): void {
    this.scheduled = false;
    if (this.dispatched !== this.seen) {
      // Messages were handled since the last look: more may be queued behind them.
      this.seen = this.dispatched;
      this.schedule();
      return;
    }
    // Nothing since the last look; look once more after the next poll phase before acting.
    this.confirming = true;
    setTimeout(() => this.confirm(), 0);
  }

  private confirm(): void {
    this.confirming = false;
    if (this.dispatched !== this.seen) {
      this.seen = this.dispatched;
      this.schedule();
      return;
    }
    if (this.quietWaiters.length > 0) {
      // Requests waiting for the newest state go first; their handlers run right after this turn.
      for (const wake of this.quietWaiters.splice(0)) wake();
      this.seen = -1;
      if (this.waiting.size > 0) this.schedule();
      else this.armIdle();
      return;
    }
    const uri = [...this.waiting.keys()].pop();
    if (uri === undefined) {
      this.armIdle();
      return;
    }
    this.waiting.delete(uri);
    try {
      this.analyse(uri);
    } catch (error) {
      this.log(`analysis of ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
    // Whatever arrived during the analysis is read now and dispatched after this turn: look again first.
    this.seen = -1;
    if (this.waiting.size > 0) this.schedule();
    else this.armIdle();
  }

  private armIdle(): void {
    if (!this.idle || this.idleTimer) return;
    this.idleSeen = this.dispatched;
    this.idleTimer = setTimeout(() => this.idleElapsed(), this.idle.ms);
    // An idle server must still exit when its connection ends.
    this.idleTimer.unref();
  }

  private idleElapsed(): void {
    this.idleTimer = undefined;
    if (this.dispatched !== this.idleSeen || this.waiting.size > 0 || this.scheduled || this.confirming || this.quietWaiters.length > 0) {
      // Something happened meanwhile: the quiet spell starts again from now.
      this.armIdle();
      return;
    }
    try {
      this.idle!.run();
    } catch (error) {
      this.log(`idle work failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
    }
  }
}
