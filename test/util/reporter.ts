/** Mocha's dot reporter plus the plain closing line CI reads: `N passed, N failed`. */
import * as Mocha from 'mocha';

class SummaryReporter extends Mocha.reporters.Dot {
  constructor(runner: Mocha.Runner, options?: Mocha.MochaOptions) {
    super(runner, options);
    runner.once(Mocha.Runner.constants.EVENT_RUN_END, () => {
      const s = runner.stats;
      process.stdout.write(`unit: ${s?.passes ?? 0} passed, ${s?.failures ?? 0} failed\n`);
    });
  }
}

export = SummaryReporter;
