export { conversationIdFromAddress, replyAddress, replyToken } from './reply-address.ts';
