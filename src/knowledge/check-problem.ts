import type { KnowledgeFileError } from './load.js';

/** One thing kb:check reports about a file of the knowledge folder. */
export interface CheckProblem {
  level: 'error' | 'warning';
  file: string;
  message: string;
}

/** A file that cannot be loaded, as kb:check reports it (the message without the file name in front). */
export const unloadable = (error: KnowledgeFileError): CheckProblem => ({ level: 'error', file: error.file, message: error.message.slice(error.file.length + 2) });
