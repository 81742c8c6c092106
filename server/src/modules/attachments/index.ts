export { AttachmentsPersonalData } from './attachments.personal-data.ts';
export { AttachmentsRepository } from './attachments.repository.ts';
export { attachmentRoutes } from './attachments.routes.ts';
export { AttachmentsService, type AttachmentPorts, type AttachmentRules, type Viewer } from './attachments.service.ts';
export { LocalDiskStorage, type FileStorage } from './storage.ts';
export { ThumbnailWorker } from './thumbnail-worker.ts';
export { UnsentUploadsSweep } from './unsent-uploads.ts';
export { CannedPictures } from './canned-pictures.ts';
export { createAttachmentsModule, type AttachmentsModuleDeps } from './attachments.module.ts';
