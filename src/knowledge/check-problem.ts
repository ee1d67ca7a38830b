/** One thing kb:check reports about a file of the knowledge folder. */
export interface CheckProblem {
  level: 'error' | 'warning';
  file: string;
  message: string;
}
