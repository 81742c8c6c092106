export { conversationIdFromAddress, replyAddress } from './reply-address.ts';
