import type { RoomLoad } from './roomLoad';

/** Room-load scenarios of the sync benchmark (issue 9); each runs on a freshly started server. */
export interface RoomScenario {
  name: string;
  what: string;
  load: RoomLoad;
  /** Peers are left out where the load generator, not the server, would be what is measured. */
  oursOnly?: boolean;
}

/** The workshop shape: the base of the fixed loads and the saturation ramp. */
export const workshop: RoomLoad = {
  rooms: 1,
  clientsPerRoom: 30,
  writersPerRoom: 10,
  writeHz: 5,
  cursorClientsPerRoom: 30,
  cursorHz: 10,
  warmupMs: 2_000,
  measureMs: 15_000,
  echoRemoteAwareness: true,
  // 3 clients parse every cursor and time them; the other 27 echo like the stock provider, the
  // same bytes, unparsed: on people's own devices nobody's parsing delays anyone else, while in
  // this one generator process it would (the measured p99 doubled with all 30 parsing).
  awarenessObserversPerRoom: 3,
};

/** Scenario list; `quick` shortens every window for a smoke run. */
export function roomScenarios(quick: boolean): RoomScenario[] {
  const ms = (full: number) => (quick ? Math.min(full, 3_000) : full);
  return [
    {
      name: 'workshop',
      what: '30 clients, 10 writers at 5 updates/s, 30 cursors at 10 Hz, stock-provider clients',
      load: { ...workshop, measureMs: ms(workshop.measureMs) },
    },
    {
      name: 'many-rooms',
      what: '100 rooms × 10 stock-provider clients; per room 2 writers at 2/s, 10 cursors at 2 Hz',
      load: {
        rooms: 100,
        clientsPerRoom: 10,
        writersPerRoom: 2,
        writeHz: 2,
        cursorClientsPerRoom: 10,
        cursorHz: 2,
        warmupMs: 2_000,
        measureMs: ms(20_000),
        echoRemoteAwareness: true,
        // 200 clients time cursors; the other 800 echo like the stock provider, unparsed.
        awarenessObserversPerRoom: 2,
      },
    },
    {
      name: 'big-room',
      what: '200 stock-provider clients listening to 1 writer at 20 updates/s (window spans keep-alives)',
      load: {
        rooms: 1,
        clientsPerRoom: 200,
        writersPerRoom: 1,
        writeHz: 20,
        cursorClientsPerRoom: 0,
        cursorHz: 1,
        warmupMs: 1_000,
        measureMs: ms(35_000),
        echoRemoteAwareness: true,
        // Every 15 s each stock client renews its awareness; 10 clients parse the renewals, the
        // other 190 echo them unparsed (as in the other scenarios).
        awarenessObserversPerRoom: 10,
      },
    },
    {
      name: 'fixed-800',
      what: 'workshop shape at 800 updates/s (10 writers at 80/s)',
      load: { ...workshop, writeHz: 80, measureMs: ms(10_000) },
    },
    {
      name: 'fixed-1400',
      what: 'workshop shape at 1,400 updates/s (10 writers at 140/s)',
      load: { ...workshop, writeHz: 140, measureMs: ms(10_000) },
    },
    {
      name: 'cursors-200',
      what: '200 QI Board clients each moving its cursor at 10 Hz (own awareness only); 10 observers time them',
      oursOnly: true,
      load: {
        rooms: 1,
        clientsPerRoom: 200,
        writersPerRoom: 0,
        writeHz: 1,
        cursorClientsPerRoom: 200,
        cursorHz: 10,
        warmupMs: 2_000,
        measureMs: ms(10_000),
        echoRemoteAwareness: false,
        // Everyone receives everything; 10 clients parse it and time the cursors.
        awarenessObserversPerRoom: 3,
      },
    },
  ];
}
