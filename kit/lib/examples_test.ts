// Every exported function (and class) of the kit and the solutions has JSDoc with an `@example`
// (kit/AUTHORING.md), which `deno test --doc` runs in the self-test; an example marked
// `ts ignore` says why in its JSDoc ("The example is not run: …"), so an ignored example is a
// decision, not an oversight. Read with Deno's own parser (the lint plugin API).
import assert from "node:assert/strict";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { typeScriptFiles } from "./files.ts";

const KIT_ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The folders read, from the repository root. */
const ROOTS = ["kit", "solutions"];

/** Files never read: generated, or fixtures. */
const SKIPPED = [/^kit\/engine\/wasm\/kernels_wasm\.ts$/, /\/testdata\//, /_test\.ts$/];

/**
 * Files whose exports may still lack an example, by path prefix, each with its reason. An entry
 * that no longer excuses anything fails the test, so the list only shrinks.
 */
const PENDING: Record<string, string> = {};

/** How an `ts ignore` example states its reason. */
const REASON = /not run: \S/;

// deno-lint-ignore no-explicit-any
type Node = any;

/** The exported functions and classes of one file without an example (or an ignored one without a reason). */
function missingExamplesIn(path: string, source: string): string[] {
  const missing: string[] = [];
  const plugin: Deno.lint.Plugin = {
    name: "kit-examples",
    rules: {
      examples: {
        create(context) {
          const visit = (node: Node) => {
            const name = exportedName(node.declaration);
            if (!name) return;
            const doc = context.sourceCode.getCommentsBefore(node).at(-1);
            const text: string = doc?.type === "Block" ? doc.value : "";
            if (!/@example/.test(text)) missing.push(`${path} › ${name}: no @example`);
            else if (/```ts ignore/.test(text) && !REASON.test(text.replace(/\n\s*\*\s*/g, " "))) {
              missing.push(`${path} › ${name}: a ts ignore example without "not run: why"`);
            }
          };
          return { ExportNamedDeclaration: visit, ExportDefaultDeclaration: visit };
        },
      },
    },
  };
  Deno.lint.runPlugin(plugin, path, source);
  return missing;
}

/** The name of an exported function or class (a `const` holding a function counts). */
function exportedName(declaration: Node): string | undefined {
  if (!declaration) return undefined;
  if (declaration.type === "FunctionDeclaration") return declaration.id?.name;
  if (declaration.type === "ClassDeclaration") return declaration.id?.name;
  if (declaration.type !== "VariableDeclaration") return undefined;
  const [first] = declaration.declarations;
  return /Function/.test(first?.init?.type ?? "") ? first.id.name : undefined;
}

Deno.test("the example check finds a missing example and an ignored one without a reason", () => {
  const source = [
    "/** Doubles.\n * @example\n * ```ts\n * double(1);\n * ```\n */",
    "export function double(x: number) {\n  return 2 * x;\n}",
    "/** Halves. */\nexport const half = (x: number) => x / 2;",
    "/** Reads.\n * @example\n * ```ts ignore\n * read();\n * ```\n */",
    "export function read() {}",
    "/** Writes. The example is not run: it writes a file.\n * @example\n * ```ts ignore\n * write();\n * ```\n */",
    "export function write() {}",
    "export const LIMIT = 3;",
  ].join("\n");
  assert.deepEqual(missingExamplesIn("x.ts", source), [
    "x.ts › half: no @example",
    'x.ts › read: a ts ignore example without "not run: why"',
  ]);
});

Deno.test("every exported function of kit/ and solutions/ has an example", async () => {
  const missing: string[] = [];
  for (const root of ROOTS) {
    for (const path of await typeScriptFiles(KIT_ROOT, root)) {
      if (SKIPPED.some((pattern) => pattern.test(path))) continue;
      missing.push(...missingExamplesIn(path, await Deno.readTextFile(join(KIT_ROOT, path))));
    }
  }
  const pending = (entry: string) => Object.keys(PENDING).some((p) => entry.startsWith(p));
  assert.deepEqual(missing.filter((m) => !pending(m)), [], "give these an asserting @example");
  const unused = Object.keys(PENDING).filter((p) => !missing.some((m) => m.startsWith(p)));
  assert.deepEqual(unused, [], "these PENDING entries excuse nothing any more: remove them");
});
