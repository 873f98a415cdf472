import { fmt } from './stats';

type Comparison = '<' | '<=' | '>=';

interface Check {
  what: string;
  value: number;
  comparison: Comparison;
  limit: number;
  unit: string;
  met: boolean;
}

/** The issue-9 targets checked during a run, printed at the end as met or missed. */
export class Summary {
  private readonly checks: Check[] = [];

  check(what: string, value: number, comparison: Comparison, limit: number, unit: string): void {
    const met =
      Number.isFinite(value) &&
      (comparison === '<' ? value < limit : comparison === '<=' ? value <= limit : value >= limit);
    this.checks.push({ what, value, comparison, limit, unit, met });
  }

  get allMet(): boolean {
    return this.checks.every((c) => c.met);
  }

  print(): void {
    if (this.checks.length === 0) {
      console.log('(no qi-board figures in this run)');
      return;
    }
    console.log('| target | qi-board | goal | |');
    console.log('|---|---|---|---|');
    for (const c of this.checks) {
      const digits = c.unit === '×' ? 2 : 1;
      console.log(
        `| ${c.what} | ${fmt(c.value, digits)} ${c.unit} | ${c.comparison} ${fmt(c.limit, Number.isInteger(c.limit) ? 0 : digits)} ${c.unit} | ${c.met ? 'met' : 'MISSED'} |`,
      );
    }
    const met = this.checks.filter((c) => c.met).length;
    console.log(`\n${met} of ${this.checks.length} targets met.`);
  }
}
