import assert from "node:assert/strict";
import { allVerdicts, RULES, verdictsByRule } from "./verdicts.ts";
import type { CampaignLab } from "../testkit/capstone_contract.ts";
import { DESIGN, runCampaign } from "../../solutions/11-capstone/campaign.ts";
import { ADAM_HALVING } from "../content/11-capstone/designs.ts";

const budgets = [240, 300, 420];

Deno.test("two different valid campaigns keep every rule", () => {
  for (const design of [DESIGN, ADAM_HALVING]) {
    for (const [i, budget] of budgets.entries()) {
      const broken = allVerdicts({ budget }, (lab) => runCampaign(lab, { seed: i }, design));
      assert.deepEqual(broken, [], `${design.exploit}, budget ${budget}`);
    }
  }
});

/** The rules a campaign broke, by name. */
function brokenRules(budget: number, campaign: (lab: CampaignLab) => unknown): string[] {
  const byRule = verdictsByRule({ budget }, campaign);
  return RULES.filter((rule) => byRule[rule].length > 0);
}

Deno.test("a third read of the test rows breaks the test-reads rule only", () => {
  for (const design of [DESIGN, ADAM_HALVING]) {
    for (const budget of budgets) {
      const peeking = (lab: CampaignLab) => {
        let peeked = false;
        const wrapped: CampaignLab = {
          ...lab,
          spent: () => lab.spent(),
          train(request) {
            const result = lab.train(request);
            if (!peeked && request.phase === "explore") {
              peeked = true;
              lab.test(result.model); // a look at the test rows during the search
            }
            return result;
          },
        };
        return runCampaign(wrapped, { seed: 1 }, design);
      };
      assert.deepEqual(brokenRules(budget, peeking), ["test reads"]);
    }
  }
});

Deno.test("one epoch over the budget breaks the budget rule only", () => {
  for (const budget of budgets) {
    // The campaign believes it has one epoch more than it has: its last run overspends.
    const overspending = (lab: CampaignLab) =>
      runCampaign({ ...lab, spent: () => lab.spent() - 1 }, { seed: 2 });
    const byRule = verdictsByRule({ budget }, overspending);
    assert.deepEqual(RULES.filter((rule) => byRule[rule].length > 0), ["budget"]);
    assert.match(byRule.budget[0], /asked for \d+ epochs with \d+ left/);
  }
});

Deno.test("a campaign that throws, or returns nothing, breaks every rule", () => {
  assert.deepEqual(brokenRules(300, () => undefined), [...RULES]);
  assert.deepEqual(brokenRules(300, () => ({ log: "" })), [...RULES]);
});
