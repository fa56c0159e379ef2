/**
 * Dead links in the kit's markdown: relative links and images that lead nowhere, and paths of the
 * kit named in code spans (`` `kit/crosscheck/x_test.ts` ``) that do not exist. The release's
 * check runs it on the student edition (which lacks `solutions/`, `kit/crosscheck/`, …); a unit
 * test runs it on the author copy, authors-only regions included.
 *
 * @module
 */

import { dirname, join } from "node:path";

/** Markdown without its fenced code blocks (links inside them are not links). */
function withoutCodeBlocks(text: string): string {
  return text.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, "");
}

/**
 * The relative targets of a markdown text's links and images (inline and reference style), outside
 * fenced code blocks.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { relativeLinks } from "./links.ts";
 * const text = "[a](b.md) [c](https://x.org) [d](#top) `[g](h.md)`\n\n[e]: ../f/\n";
 * assert.deepEqual(relativeLinks(text), [
 *   "b.md",
 *   "../f/",
 * ]);
 * ```
 */
export function relativeLinks(text: string): string[] {
  // A link written in a code span (`[…](figures/NAME.svg)`) is shown, not followed.
  const prose = withoutCodeBlocks(text).replace(/`[^`\n]*`/g, "");
  const targets = [
    ...[...prose.matchAll(/\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)].map((m) => m[1]),
    ...[...prose.matchAll(/^\s*\[[^\]]+\]:\s*(\S+)/gm)].map((m) => m[1]),
  ];
  return targets.filter((t) => !/^([a-z][a-z0-9+.-]*:|#)/i.test(t));
}

/** The top folders of the kit whose paths a text names in code spans, from the kit's root. */
const ROOT_FOLDERS = "kit|exercises|lessons|data|solutions";

/**
 * Paths of the kit that a markdown text names in inline code spans, outside fenced code blocks:
 * `` `kit/bench/mlp_python.py` ``, `` `exercises/06-validation/` ``. Patterns (with `NN`, `*`,
 * `…`, `<` or `{`) are not paths and are left out.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pathMentions } from "./links.ts";
 * const text = "See `kit/crosscheck/06-validation_test.ts` and `kit/cases/NN-slug.json`, `x.ts`.";
 * assert.deepEqual(pathMentions(text), ["kit/crosscheck/06-validation_test.ts"]);
 * ```
 */
export function pathMentions(text: string): string[] {
  const prose = withoutCodeBlocks(text);
  const pattern = new RegExp(`\`((?:${ROOT_FOLDERS})/[^\`\\s]*)\``, "g");
  return [...prose.matchAll(pattern)].map((m) => m[1]).filter((p) => !/NN|[*…<>{}]/.test(p));
}

const exists = (path: string) => Deno.stat(path).then(() => true, () => false);

/**
 * What is dead in the markdown file `path` (relative to `root`, with "/") whose text is `text`:
 * each relative link or image that leads nowhere (resolved from the file's folder) and each kit
 * path named in a code span that does not exist (resolved from `root`), one message each.
 * The example is not run: it reads the kit's markdown on disk (kit/content/links_test.ts runs it on a small tree).
 *
 * @example
 * ```ts ignore
 * const problems = await linkProblems("/tmp/edition", "lessons/06-validation/README.md", text);
 * ```
 */
export async function linkProblems(root: string, path: string, text: string): Promise<string[]> {
  const problems: string[] = [];
  for (const target of relativeLinks(text)) {
    const file = decodeURIComponent(target.replace(/[#?].*$/, ""));
    if (file === "") continue;
    if (!await exists(join(root, dirname(path), file))) {
      problems.push(`${path} links to ${target}, which does not exist`);
    }
  }
  for (const mention of pathMentions(text)) {
    if (!await exists(join(root, mention.replace(/[#:].*$/, "")))) {
      problems.push(`${path} names \`${mention}\`, which does not exist`);
    }
  }
  return problems;
}
