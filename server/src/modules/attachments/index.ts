export { AttachmentsService, type AttachmentPorts, type AttachmentRules, type Viewer } from './attachments.service.ts';
export type { FileStorage } from './storage.ts';
export { ThumbnailWorker } from './thumbnail-worker.ts';
export { UnsentUploadsSweep } from './unsent-uploads.ts';
export { createAttachmentsModule, type AttachmentsModuleDeps } from './attachments.module.ts';
