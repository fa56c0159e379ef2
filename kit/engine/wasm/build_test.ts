import assert from "node:assert/strict";
import { KERNELS_FILE, kernelsFileText } from "./build.ts";

Deno.test("kernels_wasm.ts is what `deno task build-wasm` writes from kernels.ts", async () => {
  const committed = await Deno.readTextFile(KERNELS_FILE);
  assert.ok(
    committed === kernelsFileText(),
    "kit/engine/wasm/kernels_wasm.ts is stale: run `deno task build-wasm` and commit it",
  );
});

Deno.test("both kernel builds are valid WebAssembly", async () => {
  const { KERNELS_EXACT, KERNELS_FMA } = await import("./kernels_wasm.ts");
  const { decodeBase64 } = await import("./base64.ts");
  for (const text of [KERNELS_EXACT, KERNELS_FMA]) {
    assert.ok(WebAssembly.validate(decodeBase64(text)));
  }
});
