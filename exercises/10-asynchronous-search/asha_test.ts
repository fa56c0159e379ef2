import { expectEqual, expectThrows, graded } from "../../kit/testkit/graded.ts";
import cases from "../../kit/cases/10-asynchronous-search.json" with { type: "json" };
import { type AshaJob, ashaNextJob, type AshaRung } from "./asha.ts";

type RungCase = {
  results: readonly { id: number; score: number | null }[];
  promoted: readonly number[];
};
type Case = {
  rungs: readonly RungCase[];
  eta: number;
  expected: unknown;
  why: string;
  mistake?: string;
};

/** Case files hold no NaN: a diverged score is null there. */
const decode = (rungs: readonly RungCase[]): AshaRung[] =>
  rungs.map((r) => ({
    results: r.results.map(({ id, score }) => ({ id, score: score ?? NaN })),
    promoted: [...r.promoted],
  }));

const describe = (rungs: readonly RungCase[], eta: number) =>
  `ashaNextJob([${
    rungs.map((r, k) =>
      `rung ${k}: { results: ${
        r.results.map((x) => `${x.id}:${x.score ?? "NaN"}`).join(" ")
      }, promoted: [${r.promoted.join(", ")}] }`
    ).join(", ")
  }], ${eta})`;

/** What each named mistake looks like, shown when a case built to catch it fails. */
const MISTAKES: Record<string, string> = {
  wholePopulation: "Rank each rung on its own: its top ⌊nₖ/η⌋ among ITS results. Pooling every " +
    "rung (the top 1/η of the whole population) compares scores at different budgets, so a " +
    "longer-trained configuration always wins and rung 0 never promotes.",
  promoteTwice: "Skip candidates already in the rung's `promoted` list (a promotion still " +
    "running counts): promoting the same configuration twice trains it twice and never " +
    "starts anything new.",
  order: "Ask the rungs from the second highest DOWN to rung 0 and take the first that has a " +
    "candidate: the paper's loop favours finishing good configurations over starting new ones.",
  ties: "Sort by score, higher first; equal scores, the LOWER id first (not the order in which " +
    "results finished). A score that is not finite ranks last and is never promoted.",
  topRung: "The last rung of `rungs` is the top: nothing is promoted from it.",
};

function check(list: readonly Case[]): void {
  for (const c of list) {
    expectEqual({
      input: `${describe(c.rungs, c.eta)}  // ${c.why}`,
      actual: (): AshaJob => ashaNextJob(decode(c.rungs), c.eta),
      expected: c.expected as AshaJob,
      hint: c.mistake ? MISTAKES[c.mistake] : undefined,
    });
  }
}

const lesson: readonly Case[] = cases.ashaNextJob.lesson;
const about = (mistake: string) => lesson.filter((c) => c.mistake === mistake);
const reached: readonly Case[] = cases.ashaNextJob.reached;

graded({
  name: "ashaNextJob: ranks each rung on its own, not the whole population",
  points: 3,
  hint: `${MISTAKES.wholePopulation} Lesson 10, 'ASHA: promote as soon as a rung allows it'.`,
}, () => {
  check([...about("wholePopulation"), ...reached.slice(0, 8)]);
});

graded({
  name: "ashaNextJob: never promotes the same configuration twice",
  points: 3,
  hint: MISTAKES.promoteTwice,
}, () => {
  check([...about("promoteTwice"), ...reached.slice(8, 16)]);
});

graded({
  name: "ashaNextJob: the highest rung first, the top rung never, ties by id",
  points: 3,
  hint: `${MISTAKES.order} ${MISTAKES.topRung} ${MISTAKES.ties}`,
}, () => {
  check([...about("order"), ...about("topRung"), ...about("ties"), ...reached.slice(16, 24)]);
});

graded({
  name: "ashaNextJob: 40 states reached by seeded asynchronous runs, and the lesson's others",
  points: 4,
  hint: "For k from the second highest rung down to 0: the top ⌊nₖ/η⌋ of rung k's finished " +
    "results (higher score, then lower id; NaN last), the first one not yet promoted goes to " +
    "rung k + 1; none anywhere: a new configuration at rung 0. ⌊2/3⌋ = 0: fewer than η " +
    "results promote nothing.",
}, () => {
  check([...lesson.filter((c) => !c.mistake), ...reached]);
});

graded({
  name: "ashaNextJob: refuses states no search can reach",
  points: 1,
  hint: "Throw a RangeError when eta is not a number > 1, when there is no rung, when an id has " +
    "two results in one rung or is promoted twice, or when a promoted id has no result there.",
}, () => {
  check(reached.slice(0, 3));
  for (const c of cases.ashaNextJob.invalid) {
    expectThrows({
      input: `${describe(c.rungs, c.eta)}  // ${c.why}`,
      actual: () => ashaNextJob(decode(c.rungs), c.eta),
    });
  }
});
