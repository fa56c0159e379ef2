import assert from "node:assert/strict";
import { join } from "node:path";
import { parseTrialLog } from "../../solutions/07-grid-and-random-search/tracker.ts";

const SCRIPT = new URL("./search.ts", import.meta.url).pathname;

async function search(args: string[], cwd: string) {
  const env = { DENO_NO_UPDATE_CHECK: "1", NO_COLOR: "1" };
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--allow-read", "--allow-write", "--allow-env", SCRIPT, ...args],
    cwd,
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decode = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code, out: decode(stdout), err: decode(stderr) };
}

/** The log without its timing columns (those ending in `_s`). */
async function withoutTimings(path: string) {
  const log = parseTrialLog(await Deno.readTextFile(path));
  const keep = log.columns.filter((c) => !c.endsWith("_s"));
  return { keep, rows: log.rows.map((r) => keep.map((c) => r[c])) };
}

const IRIS = [
  "--dataset",
  "iris",
  "--method",
  "random",
  "--trials",
  "6",
  "--seed",
  "3",
  "--epochs",
  "5",
];

Deno.test("search: 1 and 2 workers write the same log apart from _s; a cut log resumes to it", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search-test-" });
  try {
    const one = await search([...IRIS, "--workers", "1", "--out", "one.csv"], dir);
    assert.equal(one.code, 0, one.err);
    const two = await search([...IRIS, "--workers", "2", "--out", "two.csv"], dir);
    assert.equal(two.code, 0, two.err);
    const reference = await withoutTimings(join(dir, "one.csv"));
    assert.equal(reference.rows.length, 6);
    assert.deepEqual(await withoutTimings(join(dir, "two.csv")), reference);
    assert.match(one.out, /^winner: trial \d+ .* test [\d.]+ % \(measured once\)$/m);
    assert.equal(one.out.match(/winner:/g)?.length, 1);
    assert.equal(
      one.out.split("\n").find((l) => l.startsWith("winner")),
      two.out.split("\n").find((l) => l.startsWith("winner")),
    );
    // An interrupted search: keep the header and two trials, run again, get the same log.
    const lines = (await Deno.readTextFile(join(dir, "one.csv"))).split("\n");
    await Deno.writeTextFile(join(dir, "cut.csv"), lines.slice(0, 3).join("\n") + "\n");
    const resumed = await search([...IRIS, "--workers", "2", "--out", "cut.csv"], dir);
    assert.equal(resumed.code, 0, resumed.err);
    assert.match(resumed.err, /6 trials \(2 already in /);
    assert.deepEqual(await withoutTimings(join(dir, "cut.csv")), reference);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("search: bad flags and a malformed log give clear errors", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search-test-" });
  try {
    const cases: [string[], RegExp][] = [
      [["--dataset", "mnist"], /unknown dataset "mnist": choose one of digits/],
      [["--method", "random"], /--dataset is required/],
      [["--dataset", "iris", "--trials", "ten"], /--trials must be a whole number ≥ 1, got "ten"/],
      [
        ["--dataset", "iris", "--trials", "3", "--workers", "0"],
        /--workers must be a whole number ≥ 1/,
      ],
      [["--dataset", "iris", "--method", "bayes"], /unknown method "bayes"/],
      [["--dataset", "iris", "--colour", "red"], /Unknown option '--colour'/],
      [["--dataset", "iris", "--method", "random"], /random search needs --trials N/],
      [
        ["--dataset", "iris", "--trials", "2", "--space", "nowhere.json"],
        /cannot read the space file/,
      ],
    ];
    for (const [args, message] of cases) {
      const run = await search(args, dir);
      assert.notEqual(run.code, 0, args.join(" "));
      assert.match(run.err, message);
    }
    await Deno.writeTextFile(join(dir, "bad.csv"), 'id,seed\n0,"never closed\n');
    const bad = await search([...IRIS, "--out", "bad.csv"], dir);
    assert.equal(bad.code, 1);
    assert.match(bad.err, /cannot resume from .*bad\.csv/);
    await Deno.writeTextFile(
      join(dir, "space.json"),
      '{"lr": {"type": "logUniform", "low": 0.001, "high": 1}}',
    );
    const grid = await search(
      ["--dataset", "iris", "--method", "grid", "--space", "space.json"],
      dir,
    );
    assert.match(grid.err, /grid search needs a list of values for "lr"/);
    await Deno.writeTextFile(join(dir, "space.json"), '{"momentun": [0.9]}');
    const typo = await search(
      ["--dataset", "iris", "--method", "grid", "--space", "space.json"],
      dir,
    );
    assert.match(typo.err, /unknown hyperparameter "momentun"/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("search: hyperband logs every rung with its budget, the same for 1 and 2 workers", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search-test-" });
  const args = ["--dataset", "iris", "--method", "hyperband", "--epochs", "9", "--seed", "2"];
  try {
    const one = await search([...args, "--workers", "1", "--out", "one.csv"], dir);
    assert.equal(one.code, 0, one.err);
    const two = await search([...args, "--workers", "2", "--out", "two.csv"], dir);
    assert.equal(two.code, 0, two.err);
    const reference = await withoutTimings(join(dir, "one.csv"));
    assert.deepEqual(await withoutTimings(join(dir, "two.csv")), reference);
    assert.deepEqual(reference.keep.slice(0, 4), ["id", "config", "bracket", "rung"]);
    // R = 9, eta = 3: brackets 9@1 3@3 1@9, 5@3 1@9, 3@9: 22 evaluations.
    assert.equal(reference.rows.length, 22);
    assert.match(one.out, /retrained from scratch; resuming from checkpoints would have cost \d+/);
    const bad = await search([...args, "--trials", "4", "--out", "bad.csv"], dir);
    assert.equal(bad.code, 2);
    assert.match(bad.err, /drop --trials/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("search: two --shard halves merged give the whole search's log; adaptive methods refuse to shard", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search-test-" });
  try {
    const whole = await search([...IRIS, "--workers", "2", "--out", "whole.csv"], dir);
    assert.equal(whole.code, 0, whole.err);
    for (const shard of ["0/2", "1/2"]) {
      const run = await search([...IRIS, "--shard", shard, "--out", `s${shard[0]}.csv`], dir);
      assert.equal(run.code, 0, run.err);
    }
    const merged = await search([...IRIS, "--merge", "s0.csv", "s1.csv", "--out", "m.csv"], dir);
    assert.equal(merged.code, 0, merged.err);
    assert.deepEqual(
      await withoutTimings(join(dir, "m.csv")),
      await withoutTimings(join(dir, "whole.csv")),
    );
    const other = await search(
      [...IRIS.slice(0, -4), "--seed", "4", "--epochs", "5", "--merge", "s0.csv", "s1.csv"],
      dir,
    );
    assert.equal(other.code, 1);
    assert.match(other.err, /is not trial 0 of this search/);
    // Shards of another dataset or --cv hold the same configurations: the log's identity tells.
    const wine = IRIS.map((a) => a === "iris" ? "wine" : a);
    const refusals: [string[], RegExp][] = [
      [
        [...wine, "--merge", "s0.csv", "s1.csv"],
        /cannot merge: .*s0\.csv is a search of --dataset iris, this is --dataset wine/,
      ],
      [
        [...IRIS, "--cv", "3", "--merge", "s0.csv", "s1.csv"],
        /is a search of --cv 5, this is --cv 3/,
      ],
      [
        [...wine, "--out", "whole.csv"],
        /cannot resume: .*whole\.csv is a search of --dataset iris, this is --dataset wine/,
      ],
    ];
    for (const [args, message] of refusals) {
      const refused = await search(args, dir);
      assert.equal(refused.code, 1, args.join(" "));
      assert.match(refused.err, message);
      assert.doesNotMatch(refused.out, /winner/);
    }
    const missing = await search([...IRIS, "--merge", "s0.csv", "--out", "m0.csv"], dir);
    assert.match(missing.err, /trial \d+ of this search is in none of .*s0\.csv/);
    const adaptive = await search(
      ["--dataset", "iris", "--method", "hyperband", "--shard", "0/2"],
      dir,
    );
    assert.equal(adaptive.code, 2);
    assert.match(adaptive.err, /cannot be sharded/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("search: cross-validates small datasets by default, stops early, keeps curves; learner-found CLI fixes", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search-test-" });
  try {
    await Deno.writeTextFile(join(dir, "empty.csv"), "");
    const run = await search([...IRIS, "--patience", "1", "--out", "empty.csv"], dir);
    assert.equal(run.code, 0, run.err);
    assert.match(run.err, /mean over 5 stratified folds .*on by default/);
    const log = parseTrialLog(await Deno.readTextFile(join(dir, "empty.csv")));
    for (const column of ["folds", "score_sd", "best_epoch", "stopped_epoch"]) {
      assert.ok(log.columns.includes(column), column);
    }
    assert.ok(log.rows.every((r) => r.folds === 5));
    const curves = parseTrialLog(await Deno.readTextFile(join(dir, "empty.curves.csv")));
    assert.deepEqual(new Set(curves.rows.map((r) => r.id)), new Set(log.rows.map((r) => r.id)));
    const fewer = await search([
      ...IRIS.slice(0, 4),
      "--trials",
      "3",
      ...IRIS.slice(6),
      "--patience",
      "1",
      "--out",
      "empty.csv",
    ], dir);
    assert.match(fewer.err, /holds 6 trials, more than the 3 of this search/);
    const negative = await search(["--dataset", "iris", "--trials", "-3"], dir);
    assert.match(negative.err, /--trials must be a whole number ≥ 1, got "-3"/);
    await Deno.writeTextFile(join(dir, "space.json"), '{"momentun": [0.9]}');
    const typo = await search(
      ["--dataset", "iris", "--method", "grid", "--space", "space.json"],
      dir,
    );
    assert.match(typo.err, /unknown hyperparameter "momentun" in the space file .*space\.json/);
    const report = await new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", new URL("./report.ts", import.meta.url).pathname, "empty.csv"],
      cwd: dir,
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(report.code, 0, new TextDecoder().decode(report.stderr));
    const readme = await Deno.readTextFile(join(dir, "empty-report", "README.md"));
    for (const figure of ["incumbent-trials.svg", "axis-lr.svg", "parallel.svg", "curves.svg"]) {
      assert.ok(readme.includes(`(${figure})`), figure);
      assert.ok((await Deno.readTextFile(join(dir, "empty-report", figure))).startsWith("<svg"));
    }
    assert.match(new TextDecoder().decode(report.stdout), /winner: trial \d+/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("search: --method tpe|bo write the same log on 1 and 2 workers, resume it, and refuse bad options", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search-test-" });
  const small = ["--dataset", "iris", "--cv", "0", "--epochs", "3", "--trials", "8", "--seed", "3"];
  try {
    for (const method of ["tpe", "bo"]) {
      const args = [...small, "--method", method, "--startup", "3", "--batch", "2"];
      const one = await search([...args, "--workers", "1", "--out", `${method}1.csv`], dir);
      assert.equal(one.code, 0, one.err);
      const two = await search([...args, "--workers", "2", "--out", `${method}2.csv`], dir);
      assert.equal(two.code, 0, two.err);
      const reference = await withoutTimings(join(dir, `${method}1.csv`));
      assert.equal(reference.rows.length, 8);
      assert.deepEqual(await withoutTimings(join(dir, `${method}2.csv`)), reference);
      if (method !== "tpe") continue;
      const lines = (await Deno.readTextFile(join(dir, "tpe1.csv"))).split("\n");
      await Deno.writeTextFile(join(dir, "cut.csv"), lines.slice(0, 5).join("\n") + "\n");
      const resumed = await search([...args, "--workers", "2", "--out", "cut.csv"], dir);
      assert.equal(resumed.code, 0, resumed.err);
      assert.match(resumed.err, /8 trials \(4 already in /);
      assert.deepEqual(await withoutTimings(join(dir, "cut.csv")), reference);
      const report = await new Deno.Command(Deno.execPath(), {
        args: ["run", "-A", new URL("./report.ts", import.meta.url).pathname, "tpe1.csv"],
        cwd: dir,
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(report.code, 0, new TextDecoder().decode(report.stderr));
      assert.match(new TextDecoder().decode(report.stdout), /winner: trial \d+/);
    }
    const cases: [string[], RegExp][] = [
      [["--method", "tpe", "--batch", "0"], /--batch must be a whole number ≥ 1, got "0"/],
      [["--method", "bo", "--startup", "-1"], /--startup must be a whole number ≥ 1, got "-1"/],
      [["--method", "random", "--startup", "3"], /--startup is not an option of --method random/],
      [["--method", "tpe", "--shard", "0/2"], /--method tpe cannot be sharded/],
    ];
    for (const [args, message] of cases) {
      const run = await search([...small, ...args], dir);
      assert.equal(run.code, 2, args.join(" "));
      assert.match(run.err, message);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("search: --method asha --clock simulated writes the same log on 1 and 2 workers; report draws its timeline; median stops trials; pbt runs", async () => {
  const dir = await Deno.makeTempDir({ prefix: "search-test-" });
  const small = ["--dataset", "iris", "--cv", "0", "--epochs", "9", "--trials", "9", "--seed", "5"];
  try {
    await checkAshaAndItsReport(dir, small);
    await checkMedianStops(dir, small);
    await checkPbtRuns(dir, small);
    const cases: [string[], RegExp][] = [
      [["--method", "asha", "--shard", "0/2"], /--method asha cannot be sharded/],
      [["--method", "asha", "--clock", "wall"], /--clock must be simulated or real, got "wall"/],
      [
        ["--method", "asha", "--virtual-workers", "0"],
        /--virtual-workers must be a whole number ≥ 1/,
      ],
      [
        ["--method", "random", "--clock", "real"],
        /--clock is an option of the asynchronous methods/,
      ],
      [["--method", "median", "--cv", "3"], /add --cv 0/],
    ];
    for (const [extra, message] of cases) {
      const run = await search([...small, ...extra], dir);
      assert.equal(run.code, 2, extra.join(" "));
      assert.match(run.err, message);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

/** ASHA on the simulated clock: the same log on 1 and 2 workers, and a report with its timeline. */
async function checkAshaAndItsReport(dir: string, small: string[]) {
  const args = [...small, "--method", "asha", "--clock", "simulated", "--virtual-workers", "3"];
  const one = await search([...args, "--workers", "1", "--out", "asha1.csv"], dir);
  assert.equal(one.code, 0, one.err);
  const two = await search([...args, "--workers", "2", "--out", "asha2.csv"], dir);
  assert.equal(two.code, 0, two.err);
  const reference = await withoutTimings(join(dir, "asha1.csv"));
  assert.deepEqual(reference.keep.slice(0, 6), [
    "id",
    "config",
    "rung",
    "vworker",
    "sim_start",
    "sim_end",
  ]);
  assert.deepEqual(await withoutTimings(join(dir, "asha2.csv")), reference);
  assert.match(one.err, /simulated clock, 3 virtual workers/);
  assert.match(one.out, /utilisation [\d.]+ %; promoted configurations retrained from scratch/);
  const report = await new Deno.Command(Deno.execPath(), {
    args: ["run", "-A", new URL("./report.ts", import.meta.url).pathname, "asha1.csv"],
    cwd: dir,
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(report.code, 0, new TextDecoder().decode(report.stderr));
  const readme = await Deno.readTextFile(join(dir, "asha1-report", "README.md"));
  assert.match(readme, /!\[Worker timeline on the simulated clock[^\]]*\]\(timeline\.svg\)/);
  assert.match(readme, /\(rungs\.svg\)/);
}

/** The median stopping rule stops some trials and says how many. */
async function checkMedianStops(dir: string, small: string[]) {
  const median = await search(
    [...small, "--trials", "12", "--method", "median", "--workers", "2", "--out", "m.csv"],
    dir,
  );
  assert.equal(median.code, 0, median.err);
  const log = parseTrialLog(await Deno.readTextFile(join(dir, "m.csv")));
  const stopped = log.rows.filter((r) => (r.stopped_epoch as number) >= 0);
  assert.ok(stopped.length > 0, "the median rule stopped no trial");
  assert.match(median.out, new RegExp(`median stopping stopped ${stopped.length} of 12 trials`));
}

/** PBT: 4 members × 3 generations, the same log on 1 and 2 workers. */
async function checkPbtRuns(dir: string, small: string[]) {
  const pbt = [
    ...small,
    "--trials",
    "4",
    "--method",
    "pbt",
    "--interval",
    "3",
    "--virtual-workers",
    "2",
  ];
  const p1 = await search([...pbt, "--workers", "1", "--out", "p1.csv"], dir);
  assert.equal(p1.code, 0, p1.err);
  const p2 = await search([...pbt, "--workers", "2", "--out", "p2.csv"], dir);
  assert.equal(p2.code, 0, p2.err);
  const pbtLog = await withoutTimings(join(dir, "p1.csv"));
  assert.equal(pbtLog.rows.length, 4 * 3);
  assert.deepEqual(await withoutTimings(join(dir, "p2.csv")), pbtLog);
  assert.match(p1.out, /PBT: 4 members, 3 generations/);
  // The members' weights are kept beside the log, so the command resumes (here: nothing left).
  const again = await search([...pbt, "--workers", "1", "--out", "p1.csv"], dir);
  assert.equal(again.code, 0, again.err);
  assert.match(again.err, /12 trials \(12 already in /);
  assert.deepEqual(await withoutTimings(join(dir, "p1.csv")), pbtLog);
  await Deno.remove(join(dir, "p2.pbt.json"));
  const lost = await search([...pbt, "--workers", "1", "--out", "p2.csv"], dir);
  assert.equal(lost.code, 1);
  assert.match(lost.err, /checkpoints file .*p2\.pbt\.json is missing/);
}
