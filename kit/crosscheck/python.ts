/**
 * Helpers of the optional cross-checks against Python libraries: find an interpreter that has a
 * module, and run a script that reads JSON on stdin and writes JSON on stdout.
 *
 * @module
 */

/**
 * The first interpreter of `candidates` that can `import module`, or null. Debian's
 * `/usr/bin/python3` is tried after `python3`, since a pyenv shim on the path may hide the
 * modules `apt-get install python3-…` puts there.
 * The example is not run: it starts Python, which this machine may lack.
 *
 * @example
 * ```ts ignore
 * const python = await pythonWith("sklearn"); // null when scikit-learn is not installed
 * ```
 */
export async function pythonWith(
  module: string,
  candidates: readonly string[] = ["python3", "/usr/bin/python3"],
): Promise<string | null> {
  for (const candidate of candidates) {
    try {
      const probe = await new Deno.Command(candidate, {
        args: ["-c", `import ${module}`],
        stdout: "null",
        stderr: "null",
      }).output();
      if (probe.success) return candidate;
    } catch {
      // not installed: try the next one
    }
  }
  return null;
}

/**
 * Runs `script` with `python`, writes `job` to its stdin as JSON and parses its stdout as JSON.
 * Throws an `Error` with the script's stderr when it fails.
 * The example is not run: it starts Python, which this machine may lack.
 *
 * @example
 * ```ts ignore
 * const out = await runPythonJson("python3", "import json,sys; json.dump(json.load(sys.stdin), sys.stdout)", [1]);
 * ```
 */
export async function runPythonJson(
  python: string,
  script: string,
  job: unknown,
): Promise<unknown> {
  const child = new Deno.Command(python, {
    args: ["-c", script],
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  const writer = child.stdin.getWriter();
  await writer.write(new TextEncoder().encode(JSON.stringify(job)));
  await writer.close();
  const result = await child.output();
  if (!result.success) throw new Error(new TextDecoder().decode(result.stderr));
  return JSON.parse(new TextDecoder().decode(result.stdout));
}
