/**
 * `pnpm bench` for the sync server: runs each scenario against QI Board and the peers
 * (reference @y/websocket-server, Hocuspocus 3), each server pinned to core 0 and this
 * generator to core 1, and prints figures and ratios.
 *
 * Flags: --quick (short windows), --targets=qi-board,reference,hocuspocus,
 *        --scenarios=workshop,many-rooms,big-room,fixed-800,fixed-1400,cursors-200,cold-load
 */
import { runColdLoad, type ColdLoadResult } from './coldLoad';
import { runRoomLoad, type RoomLoadResult } from './roomLoad';
import { roomScenarios } from './scenarios';
import { fmt, rssKiB } from './stats';
import { startTarget, type TargetName } from './targets';

const args = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, '').split('=');
    return [k ?? '', v ?? 'true'] as const;
  }),
);
const quick = args.has('quick');
const targets = (args.get('targets') ?? 'qi-board,reference,hocuspocus').split(',') as TargetName[];
const wanted = args.get('scenarios')?.split(',');
const want = (name: string) => !wanted || wanted.includes(name);

async function main(): Promise<void> {
  console.log(`# sync benchmark${quick ? ' (quick)' : ''} — node ${process.version}`);
  for (const scenario of roomScenarios(quick)) {
    if (!want(scenario.name)) continue;
    console.log(`\n## ${scenario.name}: ${scenario.what}`);
    const rows: [string, RoomLoadResult][] = [];
    for (const name of targets) {
      if (scenario.oursOnly && name !== 'qi-board') continue;
      const target = await startTarget(name);
      try {
        rows.push([name, await runRoomLoad(target, scenario.load)]);
      } catch (error) {
        console.log(`${name}: failed — ${(error as Error).message}`);
      } finally {
        await target.stop();
      }
    }
    printRoomTable(rows);
  }
  if (want('cold-load')) {
    const entries = quick ? 2_000 : 20_000;
    console.log(`\n## cold-load: board of ${entries} entries from ${entries} small updates`);
    const rows: [string, ColdLoadResult][] = [];
    for (const name of targets) {
      const target = await startTarget(name);
      try {
        rows.push([name, await runColdLoad(target, entries, 10, 20)]);
      } catch (error) {
        console.log(`${name}: failed — ${(error as Error).message}`);
      } finally {
        await target.stop();
      }
    }
    printColdTable(rows);
  }
  if (want('memory')) await memory();
}

function printRoomTable(rows: [string, RoomLoadResult][]): void {
  console.log(
    '| server | p50 ms | p95 ms | p99 ms | cursor p95 ms | deliveries/s | server CPU % | CPU-ms/1000 | connect ms | lost |',
  );
  console.log('|---|---|---|---|---|---|---|---|---|---|');
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${fmt(r.updateLatency.percentile(50), 2)} | ${fmt(r.updateLatency.percentile(95), 2)} | ${fmt(r.updateLatency.percentile(99), 2)} | ${fmt(r.cursorLatency.percentile(95), 2)} | ${fmt(r.deliveriesPerSecond, 0)} | ${fmt(r.serverCpuPercent)} | ${fmt(r.cpuMsPer1000, 2)} | ${fmt(r.connectMs, 0)} | ${r.lost} |`,
    );
  }
  const ours = rows.find(([n]) => n === 'qi-board')?.[1];
  if (!ours) return;
  for (const [name, r] of rows) {
    if (name === 'qi-board') continue;
    console.log(
      `ratio ${name}/qi-board: p99 ×${fmt(r.updateLatency.percentile(99) / ours.updateLatency.percentile(99), 1)}, CPU-ms/1000 ×${fmt(r.cpuMsPer1000 / ours.cpuMsPer1000, 1)}`,
    );
  }
}

function printColdTable(rows: [string, ColdLoadResult][]): void {
  console.log(
    '| server | state KB | fresh sync p50 ms | p95 ms | CPU-ms per sync | 20 at once ms |',
  );
  console.log('|---|---|---|---|---|---|');
  for (const [name, r] of rows) {
    console.log(
      `| ${name} | ${fmt(r.stateBytes / 1024, 0)} | ${fmt(r.single.percentile(50), 1)} | ${fmt(r.single.percentile(95), 1)} | ${fmt(r.cpuMsPerSync, 1)} | ${fmt(r.concurrentMs, 0)} |`,
    );
  }
}

/** RSS per idle connection and after everyone has left. */
async function memory(): Promise<void> {
  console.log('\n## memory: 1,000 idle connections over 100 boards');
  const { BenchClient } = await import('./BenchClient');
  for (const name of targets) {
    const target = await startTarget(name);
    try {
      const before = rssKiB(target.pid);
      const clients = [];
      for (let r = 0; r < 100; r++) {
        const room = await target.createRoom(`memory ${r}`);
        for (let c = 0; c < 10; c++)
          clients.push(
            new BenchClient({
              url: target.wsUrl,
              room,
              framing: target.framing,
              echoRemoteAwareness: false,
            }),
          );
      }
      await Promise.all(clients.map((c) => c.synced));
      const during = rssKiB(target.pid);
      console.log(
        `${name}: ${fmt((during - before) / clients.length, 1)} KiB RSS per idle connection`,
      );
      clients.forEach((c) => c.close());
    } finally {
      await target.stop();
    }
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
