/**
 * Lesson 04, every optimizer under a learning rate that changes between steps (as lesson 03's
 * schedules change it), and momentum buffers that must keep the rate out.
 *
 * @module
 */

import type { LessonContent } from "../types.ts";
import { type Random, seededRandom } from "../../lib/random.ts";
import { caseOf, randomProblem, type Setting, type TrajectoryCase } from "./shared.ts";

/** The cases with a learning rate that changes between steps. */
export const scheduleTopic: LessonContent = {
  cases: () => {
    const rs = seededRandom("04-schedule");
    const schedule: ({ name: string } & TrajectoryCase<Setting["options"]>)[] = [];
    const scheduled = (setting: Setting, rs: Random) => {
      const { a, c, x0 } = randomProblem(rs, 3, 0.2, 2);
      const lrs = Array.from({ length: 6 }, (_, k) => setting.options.lr! * 0.5 ** k);
      schedule.push({ name: setting.name, ...caseOf(setting, a, c, x0, 6, lrs) });
    };
    const scheduleSettings: Setting[] = [
      { name: "sgd", options: { lr: 0.05, momentum: 0.9 } },
      { name: "adagrad", options: { lr: 0.1 } },
      { name: "adadelta", options: { lr: 1 } },
      { name: "rmsprop", options: { lr: 0.01 } },
      { name: "adam", options: { lr: 0.05 } },
      { name: "adamw", options: { lr: 0.05, weightDecay: 0.1 } },
    ];
    for (const setting of scheduleSettings) scheduled(setting, rs);
    // Momentum buffers under a changing lr: PyTorch keeps lr out of the buffer (θ ← θ − lr·b), so
    // folding lr into it (b ← μb + lr·g) only agrees while lr is constant.
    const rs2 = seededRandom("04-schedule-momentum");
    const momentumSettings: Setting[] = [
      { name: "rmsprop", options: { lr: 0.01, momentum: 0.9 } },
      { name: "sgd", options: { lr: 0.05, momentum: 0.9, dampening: 0.3 } },
      { name: "sgd", options: { lr: 0.05, momentum: 0.9, nesterov: true } },
    ];
    for (const setting of momentumSettings) scheduled(setting, rs2);
    return { schedule };
  },
};
