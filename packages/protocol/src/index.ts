export { MessageType, SyncStep, AUTH_PERMISSION_DENIED } from './messages';
export { CloseCode, isPermanentClose } from './closeCodes';
export { RefusalReason } from './closeReasons';
export { BOARD_ID_PATTERN, isBoardId, boardPath, SYNC_PATH } from './boardId';
export { MAX_BOARD_TITLE_LENGTH, MAX_LINK_LIFETIME_SECONDS } from './api';
export type {
  CreateBoardRequest,
  CreateBoardResponse,
  BoardInfo,
  ApiErrorBody,
  CreateLinkRequest,
  InviteLink,
  ListLinksResponse,
  PatientDataPolicy,
  ServerTime,
} from './api';
export type {
  AwarenessUser,
  AwarenessCursor,
  AwarenessCamera,
  AwarenessReaction,
  AwarenessState,
  ReactionKind,
} from './awareness';
export { PRESENCE_COLOURS, REACTIONS } from './awareness';
export { ROLES, ROLE_LABELS, isRole, roleCanWrite, perspectiveSuitsRole, type Role } from './roles';
export {
  TOKEN_HEADER,
  TOKEN_PARAM,
  JOIN_PARAMS,
  MAX_DISPLAY_NAME_LENGTH,
  MAX_ROLE_LABEL_LENGTH,
  LINK_ID_PATTERN,
  joinPath,
  decodeBase64url,
  parseClaims,
  readTokenClaims,
  type TokenClaims,
} from './token';
export {
  PARTICIPANT_KEY_HEADER,
  PARTICIPANT_KEY_PATTERN,
  isParticipantKey,
  MAX_VOTES_PER_PERSON,
} from './workshop';
export type {
  OpenRoundRequest,
  RoundInfo,
  AddIdeaRequest,
  EditIdeaRequest,
  PrivateIdea,
  ListIdeasResponse,
  RoundProgress,
  RevealResponse,
  OpenVoteRequest,
  VoteInfo,
  BallotRequest,
  BallotResponse,
  VoteProgress,
  VoteTally,
  VoteResults,
} from './workshop';
