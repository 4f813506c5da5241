export { DocumentError, type DocumentErrorReason } from "./document-error.ts";
export { createDocumentReader } from "./document-reader.ts";
export { type ExtractedDocument, type ExtractOptions, extractDocument } from "./extract.ts";
export { DOCUMENT_LIMITS } from "./limits.ts";
export { type DocumentType, sniffDocumentType } from "./sniff.ts";
export { type DocumentSummary, summariseDocument } from "./summarise.ts";
