import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import {
  isPermanentClose,
  MAX_BOARD_TITLE_LENGTH,
  SYNC_PATH,
  type AwarenessState,
  type AwarenessUser,
} from '@qi/protocol';
import { metaMap } from '$lib/canvas/boardDocLayout';
import { peopleFromStates, type Person } from './peopleFromStates';
import { connectionStatus, type ConnectionFacts, type ConnectionStatus } from './connectionStatus';

/** Key in the doc's `meta` map holding the board title (shared with the server). */
export const TITLE_KEY = 'title';
/** Longest title we store (the API's limit); longer input is cut. */
export const MAX_TITLE_LENGTH = MAX_BOARD_TITLE_LENGTH;

/** Transaction origin for title edits made on this page. */
const LOCAL_ORIGIN = Symbol('board-page');

/**
 * One open board in this tab: the Y.Doc, its copy on this device (IndexedDB), the live
 * connection to the server, and the state the page shows (connection status, title, who is
 * here). Create one per board id and `destroy()` it when the page moves to another board.
 */
export class BoardSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly persistence: IndexeddbPersistence;
  /** Resolves once the copy saved on this device is in `doc`, so the canvas can show it. */
  readonly localLoaded: Promise<void>;

  status = $state<ConnectionStatus>('connecting');
  title = $state('');
  people = $state<Person[]>([]);

  #facts: ConnectionFacts;
  #cleanups: (() => void)[] = [];

  constructor(
    readonly boardId: string,
    user: AwarenessUser,
  ) {
    this.persistence = new IndexeddbPersistence(`qi-board:${boardId}`, this.doc);
    // Without IndexedDB (blocked storage, some private modes) the board still works live.
    this.localLoaded = this.persistence.whenSynced.then(
      () => undefined,
      (error: unknown) => console.warn('This device cannot keep a copy of the board', error),
    );

    const wsOrigin = `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}`;
    this.#facts = {
      browserOnline: navigator.onLine,
      socket: 'connecting',
      hadClose: false,
      refused: false,
    };
    this.provider = new WebsocketProvider(`${wsOrigin}${SYNC_PATH}`, boardId, this.doc, {
      connect: navigator.onLine,
      shouldReconnect: (event) => !isPermanentClose(event.code),
    });
    this.provider.awareness.setLocalStateField('user', user);

    this.#watchConnection();
    this.#watchTitle();
    this.#watchPeople();
  }

  /** Changes the board title for everyone. Blank titles are ignored. */
  rename(input: string): void {
    const title = input.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
    if (!title || title === this.title) return;
    this.doc.transact(() => metaMap(this.doc).set(TITLE_KEY, title), LOCAL_ORIGIN);
  }

  /** Changes how this person appears to the others. */
  setUser(user: AwarenessUser): void {
    this.provider.awareness.setLocalStateField('user', user);
  }

  /** Disconnects and frees everything; the copy on this device stays. */
  destroy(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }

  #update(change: Partial<ConnectionFacts>): void {
    this.#facts = { ...this.#facts, ...change };
    this.status = connectionStatus(this.#facts);
  }

  #watchConnection(): void {
    const onStatus = ({ status }: { status: ConnectionFacts['socket'] }) => {
      this.#update({ socket: status });
    };
    const onClose = () => this.#update({ hadClose: true });
    const onClosed = () => this.#update({ refused: true, socket: 'disconnected' });
    // Browsers do not always close sockets when the network goes; follow what they report.
    const onOnline = () => {
      this.#update({ browserOnline: true });
      if (!this.#facts.refused) this.provider.connect();
    };
    const onOffline = () => {
      this.#update({ browserOnline: false });
      this.provider.disconnect();
    };
    this.provider.on('status', onStatus);
    this.provider.on('closed', onClosed);
    this.provider.on('connection-close', onClose);
    window.addEventListener('online', onOnline);
    window.addEventListener('offline', onOffline);
    this.#update({});
    this.#cleanups.push(() => {
      this.provider.off('status', onStatus);
      this.provider.off('closed', onClosed);
      this.provider.off('connection-close', onClose);
      window.removeEventListener('online', onOnline);
      window.removeEventListener('offline', onOffline);
    });
  }

  #watchTitle(): void {
    const meta = metaMap(this.doc);
    const read = () => {
      const title = meta.get(TITLE_KEY);
      this.title = typeof title === 'string' ? title : '';
    };
    meta.observe(read);
    read();
    this.#cleanups.push(() => meta.unobserve(read));
  }

  #watchPeople(): void {
    const awareness = this.provider.awareness;
    const read = () => {
      const states = awareness.getStates() as Map<number, Partial<AwarenessState>>;
      this.people = peopleFromStates(states, awareness.clientID);
    };
    awareness.on('change', read);
    read();
    this.#cleanups.push(() => awareness.off('change', read));
  }
}
