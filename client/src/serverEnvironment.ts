/**
 * Added to the language server's environment by the VS Code client (vscode-languageclient merges it into
 * the extension host's), and by the bench when it measures the server as the client starts it.
 *
 * glibc (Linux) raises its mmap threshold whenever a large mmapped block is freed, up to 32 MB (mallopt(3),
 * M_MMAP_THRESHOLD: "dynamic mmap threshold"), so after start-up the server's large buffers (each opened
 * file's text, its JSON messages) are carved out of the main heap, which fragments and is never trimmed:
 * 6-17 MB of the server's RSS with the corpus open. A fixed threshold (glibc's initial 128 KiB) turns the
 * adjustment off; RSS settled at 92-95 MB instead of 105-121 MB (Node 20.20, 154 corpus files open). Server
 * CPU per keystroke, five alternated bench runs at load 10-13, on vs off: 107 KB Alloy median 23.3 vs 21.8 ms,
 * 90 KB manifest 19.0 vs 18.1, 208 KB Helm 30.3 vs 29.5: within the runs' spread (17-26 ms on one file).
 * Other C libraries ignore the variable; a value the user set is kept.
 */
export function serverEnvironment(env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  return { MALLOC_MMAP_THRESHOLD_: env.MALLOC_MMAP_THRESHOLD_ ?? '131072' };
}
