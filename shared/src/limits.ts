/**
 * Limits shared by every side of the wire. The widget imports this file alone,
 * so it must stay free of zod and of anything with side effects.
 */
export const MAX_MESSAGE_CHARS = 5000;
/** Socket.IO `maxHttpBufferSize` and the HTTP body limit. */
export const MAX_FRAME_BYTES = 64 * 1024;
/** The largest agent picture accepted, in bytes (PNG, JPEG or WebP). */
export const AVATAR_MAX_BYTES = 1024 * 1024;
/** Where agent pictures are served: `${AVATAR_PATH}/<random id>`. */
export const AVATAR_PATH = '/avatars';
/** Events returned by one `conversation:sync` page. */
export const SYNC_PAGE_SIZE = 500;
/** Client message ids are UUIDs or similar opaque strings. */
export const CLIENT_ID_MIN = 8;
export const CLIENT_ID_MAX = 64;
export const VISITOR_NAMESPACE = '/visitor';
export const AGENT_NAMESPACE = '/agent';
/** Socket.IO's engine path, shared by both namespaces. */
export const SOCKET_PATH = '/socket.io';
/**
 * The visitor handshake's refusal when the page's origin is not in the site's
 * allowed origins: the connect_error's message and its `data.code`, so the
 * widget can tell it from a dropped connection.
 */
export const ORIGIN_NOT_ALLOWED = 'origin_not_allowed';
/** How many refused origins the server remembers per site for the console: the most recently seen. */
export const MAX_REFUSED_ORIGINS = 20;
/** The longest retention period a site can set, in days (ten years). */
export const RETENTION_DAYS_MAX = 3650;
/** The families of file a site may accept (see schemas/attachments.ts); here for clients that take no zod. */
export const ATTACHMENT_TYPES = ['image', 'pdf', 'text', 'office', 'archive'] as const;
/** The ceiling of a site's maximum attachment size, in megabytes. */
export const ATTACHMENT_MAX_MB = 100;
/** The most files one message carries. */
export const MAX_ATTACHMENTS_PER_MESSAGE = 10;
