export { MessageType, SyncStep, AUTH_PERMISSION_DENIED } from './messages';
export { CloseCode, isPermanentClose } from './closeCodes';
export { BOARD_ID_PATTERN, isBoardId, boardPath, SYNC_PATH } from './boardId';
export { MAX_BOARD_TITLE_LENGTH } from './api';
export type { CreateBoardRequest, CreateBoardResponse, BoardInfo, ApiErrorBody } from './api';
export type { AwarenessUser, AwarenessCursor, AwarenessState } from './awareness';
