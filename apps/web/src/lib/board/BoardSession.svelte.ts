import * as Y from 'yjs';
import { IndexeddbPersistence } from 'y-indexeddb';
import {
  CloseCode,
  JOIN_PARAMS,
  MAX_BOARD_TITLE_LENGTH,
  RefusalReason,
  roleCanWrite,
  SYNC_PATH,
  TOKEN_PARAM,
  type AwarenessState,
  type AwarenessUser,
  type PatientDataPolicy,
  type Role,
} from '@qi/protocol';
import {
  facilitationMap,
  isBoardLocked,
  readPatientDataMode,
  type PatientDataMode,
} from '@qi/model';
import { loadAccess, saveAccess, type BoardAccess } from '$lib/access/boardAccess';
import { SyncProvider } from '$lib/sync/SyncProvider';
import { metaMap, recordsMap } from '$lib/canvas/boardDocLayout';
import { combinePolicy, fetchPatientDataPolicy } from '$lib/guard/patientDataPolicy';
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
  readonly provider: SyncProvider;
  readonly persistence: IndexeddbPersistence;
  /** Resolves once the copy saved on this device is in `doc`. */
  readonly localLoaded: Promise<void>;
  /**
   * Resolves when the canvas may open: the copy on this device has content, or the server has
   * sent the board, or the server cannot be reached now. Opening an empty canvas before the
   * server answers would write a fresh first page that could win over the board's own.
   */
  readonly canvasReady: Promise<void>;

  status = $state<ConnectionStatus>('connecting');
  /** Why the server closed the connection for good (44xx), or null. */
  refusal = $state<{ code: number; reason: string } | null>(null);
  /** This person's role, from their link (the server enforces it; the interface follows it). */
  readonly role: Role;
  title = $state('');
  people = $state<Person[]>([]);
  /** The facilitator locked the board: only facilitators change it (the server refuses others). */
  locked = $state(false);
  /** The board's patient-data mode, chosen by its facilitator (warn unless set to block). */
  patientDataMode = $state<PatientDataMode>('warn');
  /** The deployment's patient-data policy (`GET /api/patient-data`), null until read. */
  deploymentPatientData = $state<PatientDataPolicy | null>(null);

  #facts: ConnectionFacts;
  #cleanups: (() => void)[] = [];

  /** How this device opens the board (its invite link's token), or null: it has no link. */
  readonly access: BoardAccess | null;

  constructor(
    readonly boardId: string,
    user: AwarenessUser,
    access: BoardAccess | null = loadAccess(localStorage, boardId),
  ) {
    this.access = access;
    this.role = access?.role ?? 'observer';
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
    // Sends only this client's own awareness and stops on 44xx closes (isPermanentClose).
    this.provider = new SyncProvider(`${wsOrigin}${SYNC_PATH}`, boardId, this.doc, {
      // Without a link there is nothing to connect with: the page says so instead.
      connect: navigator.onLine && access !== null,
      // The token opens the board; the name, label and colour are what others see (the server
      // binds them to this connection, whatever the awareness state says).
      params: joinParams(access, user),
    });
    this.provider.awareness.setLocalStateField('user', user);

    this.canvasReady = this.localLoaded.then(() => this.#firstContent());
    if (!access) {
      this.refusal = { code: CloseCode.unauthorized, reason: RefusalReason.missingToken };
      this.#facts.refused = true;
    }

    this.#watchConnection();
    this.#watchTitle();
    this.#watchPeople();
    this.#watchLock();
    void fetchPatientDataPolicy().then((policy) => {
      this.deploymentPatientData = policy;
    });
  }

  /** What editors follow: the stricter of the deployment's and the board's mode, its patterns. */
  get patientData(): PatientDataPolicy {
    return combinePolicy(this.deploymentPatientData, this.patientDataMode);
  }

  /**
   * False for observers, and for everyone but facilitators while the board is locked: the page
   * is read-only (the server refuses their changes anyway).
   */
  get canEdit(): boolean {
    return roleCanWrite(this.role) && !(this.locked && this.role !== 'facilitator');
  }

  /**
   * Whose view this person's contributions carry: `patient` for a patient or carer partner,
   * `staff:<role label>` for staff, null for observers (they add nothing).
   */
  get perspective(): string | null {
    if (this.role === 'patient') return 'patient';
    if (this.role === 'observer') return null;
    return `staff:${this.access?.label ?? ''}`;
  }

  /** Changes the board title for everyone. Blank titles are ignored. */
  rename(input: string): void {
    if (!this.canEdit) return;
    const title = input.replace(/\s+/g, ' ').trim().slice(0, MAX_TITLE_LENGTH);
    if (!title || title === this.title) return;
    this.doc.transact(() => metaMap(this.doc).set(TITLE_KEY, title), LOCAL_ORIGIN);
  }

  /** Changes how this person appears to the others: the server takes it from a new connection. */
  setUser(user: AwarenessUser): void {
    this.provider.awareness.setLocalStateField('user', user);
    if (!this.access) return;
    this.access.name = user.name;
    saveAccess(localStorage, this.access);
    this.provider.params = joinParams(this.access, user);
    if (this.provider.shouldConnect && !this.#facts.refused) {
      this.provider.disconnect();
      this.provider.connect();
    }
  }

  /** Connects again after a refusal that a retry can fix (a rate or size limit). */
  retry(): void {
    if (!this.access) return;
    this.refusal = null;
    this.#update({ refused: false, hadClose: true });
    this.provider.connect();
  }

  /**
   * Deletes this device's copy of the board (IndexedDB), e.g. after the server refused a change
   * (4422): the copy holds what the board does not. Open a new session to load it afresh.
   */
  async discardLocalCopy(): Promise<void> {
    this.provider.disconnect();
    await this.persistence.clearData();
  }

  /** Disconnects and frees everything; the copy on this device stays. */
  destroy(): void {
    for (const cleanup of this.#cleanups.splice(0)) cleanup();
    this.provider.destroy();
    void this.persistence.destroy();
    this.doc.destroy();
  }

  #firstContent(): Promise<void> {
    return new Promise((resolve) => {
      const provider = this.provider;
      const done = () => {
        provider.off('sync', onSync);
        provider.off('connection-close', done);
        provider.off('closed', done);
        window.removeEventListener('offline', done);
        resolve();
      };
      const onSync = (synced: boolean) => {
        if (synced) done();
      };
      if (recordsMap(this.doc).size > 0 || provider.synced || !navigator.onLine) return done();
      provider.on('sync', onSync);
      provider.on('connection-close', done);
      provider.on('closed', done);
      window.addEventListener('offline', done);
      this.#cleanups.push(done);
    });
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
    const onClosed = (event: { code: number; reason: string }) => {
      this.refusal = { code: event.code, reason: event.reason };
      this.#update({ refused: true, socket: 'disconnected' });
    };
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

  #watchLock(): void {
    const map = facilitationMap(this.doc);
    const read = () => {
      this.locked = isBoardLocked(this.doc);
      this.patientDataMode = readPatientDataMode(this.doc);
    };
    map.observe(read);
    read();
    this.#cleanups.push(() => map.unobserve(read));
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

/** Query parameters of this board's sync connection: the token and the join choice. */
function joinParams(access: BoardAccess | null, user: AwarenessUser): Record<string, string> {
  if (!access) return {};
  return {
    [TOKEN_PARAM]: access.token,
    [JOIN_PARAMS.name]: user.name,
    [JOIN_PARAMS.color]: user.color,
    ...(access.label ? { [JOIN_PARAMS.label]: access.label } : {}),
  };
}
