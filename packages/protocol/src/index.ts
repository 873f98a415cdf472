export { MessageType, SyncStep, AUTH_PERMISSION_DENIED } from './messages';
export { CloseCode, isPermanentClose } from './closeCodes';
export { BOARD_ID_PATTERN, isBoardId, boardPath, SYNC_PATH } from './boardId';
export type { AwarenessUser, AwarenessCursor, AwarenessState } from './awareness';
