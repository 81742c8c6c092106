/**
 * Limits shared by every side of the wire. The widget imports this file alone,
 * so it must stay free of zod and of anything with side effects.
 */
export const MAX_MESSAGE_CHARS = 5000;
/** Socket.IO `maxHttpBufferSize` and the HTTP body limit. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** Events returned by one `conversation:sync` page. */
export const SYNC_PAGE_SIZE = 500;
/** Client message ids are UUIDs or similar opaque strings. */
export const CLIENT_ID_MIN = 8;
export const CLIENT_ID_MAX = 64;
export const VISITOR_NAMESPACE = '/visitor';
export const AGENT_NAMESPACE = '/agent';
/** Socket.IO's engine path, shared by both namespaces. */
export const SOCKET_PATH = '/socket.io';
